"""``agenda.html``: the reader's picks, listed by ``conference-agenda.js``.

The page is generated at the site root (unless a source document is named ``agenda``).
Its content is a short text and one element the script fills: the picks by day and
time, overlaps, "Download" and "Share".  The picks live in the reader's browser, so
without JavaScript the page says so and points to the event pages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from sphinx_conference.domain.store import get_domain
from sphinx_conference.outputs.agenda import AGENDA_PAGE, enabled
from sphinx_conference.pages.page import Page, page_or_name
from sphinx_conference.render.components import text_para

if TYPE_CHECKING:
    from sphinx.application import Sphinx

TITLE = "My agenda"


def agenda_body() -> list[nodes.Node]:
    """The page's content: what it is, and the element the script fills."""
    box = nodes.container(ids=["conference-agenda"], classes=["conference-agenda-page"])
    box += text_para(
        "The sessions you pick with “Add to my agenda” are listed here by day and time. "
        "They are kept in this browser only: no account, nothing sent anywhere.",
        "conference-agenda-intro",
    )
    box += text_para(
        "Your agenda needs JavaScript, which is off or not loaded in this browser. "
        "Every session is on its event's page.",
        "conference-agenda-noscript",
    )
    return [box]


def agenda_page(app: Sphinx) -> list[Page | str]:
    """The agenda page, or nothing (no agenda, or a source document of that name)."""
    if not enabled(app) or AGENDA_PAGE in app.env.found_docs:
        return []
    events: Any = sorted(get_domain(app.env).events)
    return [page_or_name(app, AGENDA_PAGE, TITLE, agenda_body, events)]
