"""Series pages: one page per conference series listing its editions, and the index of series.

Generated from the domain at ``html-collect-pages``: ``series/<id>`` for every series
defined in ``conference_series`` or named by an event's ``:series:``, and
``series/index``.  Each page is re-rendered only when what it shows changed (the
output cache): its series, its editions, their sessions and speakers.

After the editions comes the series' statistics
(:func:`.statistics.series_statistics_section`), which shows only what the page's inputs
hold (the editions, their sessions and speakers).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from docutils import nodes

from sphinx_conference.core.series import SERIES_DIR, Series, years_text
from sphinx_conference.domain.store import ConferenceDomain, get_domain
from sphinx_conference.pages.page import page_or_name
from sphinx_conference.pages.statistics import series_statistics_section
from sphinx_conference.render.components import Linker, heading, text_para
from sphinx_conference.render.timezones import date_range

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from sphinx_conference.core.model import Event

SERIES_INDEX = f"{SERIES_DIR}/index"


@dataclass(frozen=True)
class SeriesPage:
    """What a section of a series page is given: the series, its editions, the page's linker."""

    series: Series
    #: the editions, newest first
    editions: Sequence[Event]
    domain: ConferenceDomain
    link: Linker
    #: the level of the section's own heading (2: right under the page title)
    level: int = 2


def edition_facts(domain: ConferenceDomain, event: Event) -> tuple[int, int]:
    """(sessions, speakers) of an edition on this site."""
    sessions = domain.index.sessions_by_event.get(event.id, [])
    speakers = {sp for s in sessions for sp in s.speakers}
    return len(sessions), len(speakers)


def _cell(*content: nodes.Node) -> nodes.entry:
    para = nodes.paragraph()
    para.extend(content)
    return nodes.entry("", para)


def editions_table(page: SeriesPage) -> nodes.table:
    """The editions as a table with a caption: edition, dates, place, sessions, speakers."""
    link, domain = page.link, page.domain
    columns = (("Edition", 24), ("Dates", 22), ("Place", 24), ("Sessions", 8), ("Speakers", 8))
    table = nodes.table(ids=["editions-table"], classes=["conference-series-editions", "sd-w-100"])
    caption = f"Editions of {page.series.name}, newest first"
    table += nodes.title(caption, caption)
    group = nodes.tgroup(cols=len(columns))
    table += group
    for _, width in columns:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    hrow = nodes.row()
    for name, _ in columns:
        hrow += _cell(nodes.Text(name))
    head += hrow
    body = nodes.tbody()
    group += body
    for event in page.editions:
        sessions, speakers = edition_facts(domain, event)
        place = ", ".join(x for x in (event.venue, event.city, event.country) if x)
        row = nodes.row(classes=["conference-series-edition"])
        row += _cell(link.ref(event.name, link.record(event)))
        row += _cell(*date_range(event.start, event.end))
        row += _cell(nodes.Text(place))
        row += _cell(nodes.Text(str(sessions)))
        row += _cell(nodes.Text(str(speakers)))
        body += row
    return table


def series_body(page: SeriesPage) -> list[nodes.Node]:
    """A series page: its description, its editions, then the extra sections."""
    body: list[nodes.Node] = []
    if page.series.description:
        body.append(text_para(page.series.description, "conference-series-description"))
    n = len(page.editions)
    body.append(heading(f"Editions ({n})", page.level, ids=["editions"]))
    if page.editions:
        years = years_text(page.editions)
        body.append(
            text_para(
                f"{n} edition{'s' if n != 1 else ''} on this site ({years}), newest first.",
                "conference-count",
            )
        )
        body.append(editions_table(page))
    else:
        body.append(text_para("No editions on this site yet.", "conference-empty"))
    body.extend(series_statistics_section(page))
    back = nodes.paragraph(classes=["conference-all-series"])
    back += page.link.ref("All series", page.link.doc(SERIES_INDEX))
    body.append(back)
    return body


def _shown(domain: ConferenceDomain, editions: Sequence[Event]) -> list[Any]:
    """Everything a series page shows of its editions: they, their sessions and speakers."""
    people = domain.people
    out: list[Any] = []
    for event in editions:
        sessions = domain.index.sessions_by_event.get(event.id, [])
        speakers = sorted({sp for s in sessions for sp in s.speakers})
        out.append((event, sessions, [people.get(sp) for sp in speakers]))
    return out


def series_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str] | str]:
    """A page for each series, then the index of series (when the site has any)."""
    domain = get_domain(app.env)
    every = domain.all_series()
    if not every:
        return
    for series in every:
        pagename = series.docname
        editions = domain.series_editions(series.id)
        page = SeriesPage(series, editions, domain, Linker(app.builder, pagename))
        inputs = (series, _shown(domain, editions))
        yield page_or_name(app, pagename, series.name, partial(series_body, page), inputs)
    yield series_index(app, every)


def series_index(app: Sphinx, every: Sequence[Series]) -> tuple[str, dict[str, Any], str] | str:
    """The index of series: each with its description, number of editions and years."""
    domain = get_domain(app.env)
    link = Linker(app.builder, SERIES_INDEX)
    rows = [(s, domain.series_editions(s.id)) for s in every]

    def body() -> list[nodes.Node]:
        n = len(rows)
        out: list[nodes.Node] = [
            text_para(
                f"{n} conference series on this site: each lists its editions across years.",
                "conference-count",
            )
        ]
        for series, editions in rows:
            box = nodes.container(classes=["conference-series-item"])
            title = heading("", 2, ids=[f"series-{series.id}"])
            title += link.ref(series.name, link.doc(series.docname))
            box += title
            if series.description:
                box += text_para(series.description, "conference-series-description")
            count = len(editions)
            facts = f"{count} edition{'s' if count != 1 else ''}"
            if editions:
                facts += f" ({years_text(editions)})"
                facts += f"; latest: {editions[0].name}"
            box += text_para(facts + ".", "conference-count")
            out.append(box)
        return out

    inputs = [(s, [(e.id, e.name, e.start) for e in editions]) for s, editions in rows]
    return page_or_name(app, SERIES_INDEX, "Conference series", body, inputs)
