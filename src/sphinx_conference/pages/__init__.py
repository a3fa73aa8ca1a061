"""Pages generated from the domain: tag pages, archives, series, the agenda, statistics, and the theme's navigation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from sphinx_conference.domain.state import get_state
from sphinx_conference.pages.agenda import agenda_page
from sphinx_conference.pages.archives import archive_pages
from sphinx_conference.pages.page import Page
from sphinx_conference.pages.series import series_pages
from sphinx_conference.pages.statistics import statistics_pages
from sphinx_conference.pages.tags import tag_pages

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def collect_pages(app: Sphinx) -> Iterator[Page]:
    """``html-collect-pages``: every generated page of the extension."""
    if app.builder.format != "html":
        return
    generated = get_state(app).generated
    for page in [
        *tag_pages(app),
        *archive_pages(app),
        *series_pages(app),
        *agenda_page(app),
        *statistics_pages(app),
    ]:
        if isinstance(page, str):
            generated.add(page)  # unchanged since the last build: its file is kept
        else:
            yield page
