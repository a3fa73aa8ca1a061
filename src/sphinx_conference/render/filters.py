"""In-page filtering of session lists, as progressive enhancement.

Each session in a list carries its facets as classes
(``conference-track-<slug>``, ``conference-type-<type>``,
``conference-tagged-<slug>``).  A :class:`session_filter` node at the top of
the list carries the facets' display names; ``conference-filter.js`` turns it
into an accessible form (labels, a live region announcing the count) and keeps
the chosen filter in the page's query string so that a filtered view can be
shared.  Without JavaScript the node is an empty ``<div>`` and every session
shows.  The script is added only to pages that have such a node.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from docutils import nodes

from sphinx_conference.core.model import Session, tag_slug
from sphinx_conference.render.nodes import add_html_node

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

SCRIPT = "conference-filter.js"


class session_filter(nodes.General, nodes.Element):
    """The filter form's place in a session list: attributes ``facets`` and ``count``."""


def item_classes(session: Session) -> list[str]:
    """The classes a session's list item carries for filtering."""
    classes = ["conference-filter-item"]
    if session.track:
        classes.append(f"conference-track-{tag_slug(session.track)}")
    if session.type:
        classes.append(f"conference-type-{tag_slug(session.type)}")
    classes.extend(f"conference-tagged-{tag_slug(t)}" for t in session.tags)
    if session.status:
        classes.append(f"conference-{session.status}")
    return classes


def facets(sessions: Iterable[Session]) -> dict[str, list[tuple[str, str]]]:
    """(slug, display name) of every track, tag and type of ``sessions``, sorted by name."""
    found: dict[str, dict[str, str]] = {"track": {}, "tag": {}, "type": {}}
    for s in sessions:
        if s.track:
            found["track"].setdefault(tag_slug(s.track), s.track)
        if s.type:
            found["type"].setdefault(tag_slug(s.type), s.type.capitalize())
        for t in s.tags:
            found["tag"].setdefault(tag_slug(t), t)
    return {k: sorted(v.items(), key=lambda kv: kv[1].lower()) for k, v in found.items()}


#: Set on a document (at ``doctree-resolved``) that holds a filterable list, so that its
#: page gets the filter script without walking the whole doctree again.
FILTER_FLAG = "conference_filter"


def filter_node(sessions: list[Session]) -> session_filter:
    """The filter node of a list of ``sessions``."""
    return session_filter(facets=facets(sessions), count=len(sessions))


def visit_session_filter_html(self: HTML5Translator, node: session_filter) -> None:
    """An empty ``<div>`` whose data attributes the script reads (values escaped by ``starttag``)."""
    attrs: dict[str, Any] = {
        "data-facets": json.dumps(node["facets"], ensure_ascii=False, separators=(",", ":")),
        "data-count": str(node["count"]),
    }
    self.body.append(self.starttag(node, "div", "", CLASS="conference-filter", **attrs))
    self.body.append("</div>\n")
    raise nodes.SkipNode


def add_script(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: add the filter script to pages with a filterable list only."""
    if doctree is not None and doctree.get(FILTER_FLAG):
        app.add_js_file(SCRIPT, loading_method="defer")


def setup_filters(app: Sphinx) -> None:
    """Register the filter node (the per-page script is added from :mod:`.phases`)."""
    add_html_node(app, session_filter, visit_session_filter_html)
