"""Statistics pages: one per event with sessions, and the statistics section of a series page.

``statistics/<event-id>.html`` is generated at ``html-collect-pages`` (like the archives) from
the counts of :mod:`sphinx_conference.domain.statistics`, drawn by
:mod:`sphinx_conference.render.charts`; it is rendered again only when what it shows changed
(its counts, the event's name). The event's block links to it (added at ``doctree-resolved``)
when the event has sessions; the event's page notes that as a dependency
(:attr:`~sphinx_conference.domain.incremental.Dep.STATISTICS`), so the link comes and goes with
the event's first and last session.

A series page gets its statistics section from :func:`series_statistics_section` (a
series page's section), or from :func:`series_statistics` (with
:func:`series_statistics_inputs` in the page's inputs).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from docutils import nodes

from sphinx_conference.core.model import Event
from sphinx_conference.domain.statistics import (
    DIMENSIONS,
    MISSING,
    Breakdowns,
    EventStats,
    SeriesStats,
    index_event_stats,
    index_series_stats,
)
from sphinx_conference.domain.store import get_domain
from sphinx_conference.outputs.cache import is_html
from sphinx_conference.pages.page import page_or_name
from sphinx_conference.render.charts import (
    MAX_BARS,
    Table,
    bar_chart,
    chart_block,
    column_chart,
    line_chart,
)
from sphinx_conference.render.components import Linker, heading, text_para

if TYPE_CHECKING:
    from sphinx.application import Sphinx

STATISTICS_DIR = "statistics"

_DIMENSION_TITLES = {"track": "Track", "type": "Type", "language": "Language", "tag": "Tag"}


def statistics_pagename(event_id: str) -> str:
    """The page name of an event's statistics page."""
    return f"{STATISTICS_DIR}/{event_id}"


def statistics_enabled(app: Sphinx) -> bool:
    """Whether this build makes statistics pages (``html``, ``dirhtml``; ``conference_statistics``).

    Not singlehtml or epub, whose readers have no separate pages to follow a link to.
    """
    return bool(app.config.conference_statistics) and is_html(app)


def _plural(n: int, word: str, words: str = "") -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"


def _percent(share: float | None) -> str:
    return "–" if share is None else f"{share:.0%}"


def _summary(rows: Sequence[tuple[str, int]], most: int = 5) -> str:
    """The first rows as text, for a chart's description."""
    text = "; ".join(f"{label}: {n}" for label, n in rows[:most])
    if len(rows) > most:
        text += f"; and {len(rows) - most} more, listed in the table below"
    return text + "."


def _breakdown_nodes(
    by: Breakdowns, html_builder: bool, prefix: str, level: int, what: str
) -> list[nodes.Node]:
    """A heading, chart and table for each of track, type, language and tag."""
    out: list[nodes.Node] = []
    for dim, plural in DIMENSIONS:
        title = f"Sessions by {dim}"
        out.append(heading(title, level, ids=[f"{prefix}{dim}"]))
        rows = by.of(dim)
        if not by.given(dim):
            out.append(text_para(f"No session of {what} gives a {dim}.", "conference-empty"))
            continue
        desc = f"Horizontal bars: the number of sessions of {what} for each {dim}. " + _summary(
            rows
        )
        if len(rows) > MAX_BARS:
            desc = f"The {MAX_BARS} most frequent {plural} of {len(rows)}. " + desc
        svg = bar_chart(f"{prefix}{dim}-chart", title, desc, rows)
        table = Table(
            caption=f"Sessions of {what} by {dim}",
            headers=(_DIMENSION_TITLES[dim], "Sessions"),
            rows=tuple((label, str(n)) for label, n in rows),
        )
        if dim == "tag":
            out.append(
                text_para(
                    "A session with several tags counts under each; "
                    f"“{MISSING['tag']}” counts sessions without one.",
                    "conference-statistics-note",
                )
            )
        out.append(chart_block(html_builder, svg, table))
    return out


def _speaker_nodes(
    rows: list[tuple[str, int]], total: int, html_builder: bool, prefix: str, what: str
) -> nodes.Element:
    title = f"Speakers of {what}"
    desc = "Horizontal bars: " + _summary(rows)
    table = Table(
        caption=title,
        headers=("Speakers", "Number", "Share"),
        rows=tuple((label, str(n), _percent(n / total if total else None)) for label, n in rows),
    )
    return chart_block(html_builder, bar_chart(f"{prefix}speakers-chart", title, desc, rows), table)


def event_statistics_nodes(
    event: Event, stats: EventStats, rule: str, html_builder: bool, link: Linker
) -> list[nodes.Node]:
    """The body of an event's statistics page."""
    what = event.display_name
    intro = nodes.paragraph(classes=["conference-statistics-summary"])
    intro += nodes.Text(
        f"{_plural(stats.sessions, 'session')} and {_plural(stats.speakers, 'speaker')} at "
    )
    intro += link.ref(what, link.record(event))
    intro += nodes.Text(
        f": {stats.first_time} first-time and {stats.returning} returning "
        f"({_percent(stats.returning_share)} returning)."
    )
    body: list[nodes.Node] = [intro]
    body.append(heading("Speakers", 2, ids=["speakers"]))
    body.append(text_para(rule, "conference-statistics-note"))
    if stats.speakers:
        rows = [("First-time", stats.first_time), ("Returning", stats.returning)]
        body.append(_speaker_nodes(rows, stats.speakers, html_builder, "", what))
    else:
        body.append(text_para(f"No session of {what} names a speaker.", "conference-empty"))
    body.extend(_breakdown_nodes(stats.by, html_builder, "", 2, what))
    return body


def returning_rule(event: Event, earlier: int) -> str:
    """How returning speakers of ``event`` are counted, in a sentence."""
    if event.start is None:
        return (
            "The event has no start date, so no event is known to be earlier: "
            "every speaker counts as first-time."
        )
    if event.series:
        what, where = "an earlier edition of the same series", "earlier edition"
    else:
        what, where = "an earlier event on this site", "earlier event"
    rule = f"A returning speaker spoke at {what}; a first-time speaker did not."
    if not earlier:
        return f"{rule} This site has no {where}, so every speaker counts as first-time."
    return f"{rule} This site has {_plural(earlier, where)}."


def statistics_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str] | str]:
    """The statistics page of every event that has sessions."""
    if not statistics_enabled(app):
        return
    domain = get_domain(app.env)
    idx = domain.index
    every = index_event_stats(idx)
    for event in sorted(domain.events.values(), key=lambda e: e.id):
        if not idx.sessions_by_event.get(event.id):
            continue
        pagename = statistics_pagename(event.id)
        stats = every[event.id]
        rule = returning_rule(event, stats.earlier)
        title = f"Statistics of {event.display_name}"
        inputs = (event.id, event.display_name, event.docname, rule, stats)

        def body(
            event: Event = event,
            stats: EventStats = stats,
            rule: str = rule,
            pagename: str = pagename,
        ) -> list[nodes.Node]:
            return event_statistics_nodes(event, stats, rule, True, Linker(app.builder, pagename))

        yield page_or_name(app, pagename, title, body, inputs)


def add_statistics_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: a link to its statistics page in the block of each event with sessions."""
    if not statistics_enabled(app):
        return
    domain = get_domain(app.env)
    events = [
        e
        for e in domain.index.page_objects(docname).events
        if domain.index.sessions_by_event.get(e.id)
    ]
    if not events:
        return
    blocks = {
        ident: node for node in doctree.findall(nodes.Element) for ident in node.get("ids", ())
    }
    link = Linker(app.builder, docname)
    for event in events:
        block = blocks.get(event.anchor)
        if block is None:
            continue
        para = nodes.paragraph(classes=["conference-statistics-link"])
        para += link.ref(
            f"Statistics of {event.display_name}", link.doc(statistics_pagename(event.id))
        )
        para += nodes.Text(": sessions by track, type, language and tag; returning speakers.")
        block += para


def series_statistics_inputs(app: Sphinx, series_id: str, events: Iterable[Event]) -> SeriesStats:
    """What :func:`series_statistics` shows, for the series page's inputs (its fingerprint)."""
    return index_series_stats(get_domain(app.env).index, series_id, events)


def series_statistics(
    app: Sphinx, series_id: str, events: Iterable[Event], pagename: str, level: int = 2
) -> list[nodes.Node]:
    """The statistics section of a series page: totals, trends across editions, breakdowns.

    ``events`` are the series' editions (any order); ``pagename`` the page it goes on;
    ``level`` the level of its heading ("Statistics"), its parts one below. The ids of its
    headings and charts start with ``statistics-``. A builder other than HTML gets the
    tables without the charts.
    """
    stats = series_statistics_inputs(app, series_id, events)
    return series_statistics_nodes(stats, app.builder.format == "html", level)


class SeriesPageLike(Protocol):
    """What :func:`series_statistics_section` reads of a series page (``pages.series.SeriesPage``)."""

    @property
    def series(self) -> Any:
        """The series (its ``id`` is read)."""

    @property
    def editions(self) -> Sequence[Event]:
        """The series' editions, in any order."""

    @property
    def link(self) -> Linker:
        """The page's linker (its builder is read)."""

    @property
    def level(self) -> int:
        """The level of the section's heading."""


def series_statistics_section(page: SeriesPageLike) -> list[nodes.Node]:
    """The section the series page ends with: the statistics of the page's series.

    It shows only what the series page's inputs already hold (its editions, their sessions
    and speakers), so the page's fingerprint covers it.
    """
    builder = page.link.builder
    if not builder.config.conference_statistics:
        return []
    idx = get_domain(builder.env).index
    stats = index_series_stats(idx, page.series.id, page.editions)
    return series_statistics_nodes(stats, builder.format == "html", page.level)


def series_statistics_nodes(
    stats: SeriesStats, html_builder: bool, level: int = 2
) -> list[nodes.Node]:
    """The nodes of a series' statistics section (see :func:`series_statistics`)."""
    prefix = "statistics-"
    what = "this series"
    sub = min(6, level + 1)
    out: list[nodes.Node] = [heading("Statistics", level, ids=["statistics"])]
    if not stats.editions:
        out.append(text_para("This series has no editions yet.", "conference-empty"))
        return out
    out.append(
        text_para(
            f"{_plural(stats.sessions, 'session')} and {_plural(stats.speakers, 'speaker')} over "
            f"{_plural(len(stats.editions), 'edition')}; "
            f"{_plural(stats.repeat_speakers, 'speaker')} spoke at more than one edition.",
            "conference-statistics-summary",
        )
    )
    editions = stats.editions
    years = [e.year for e in editions]
    distinct_years = None not in years and len(set(years)) == len(years)
    labels = [str(e.year) if distinct_years else e.name for e in editions]

    out.append(heading("Sessions and speakers per edition", sub, ids=[f"{prefix}editions"]))
    title = "Sessions and speakers per edition"
    desc = (
        "Columns, oldest edition first: "
        + "; ".join(
            f"{e.name}: {_plural(e.sessions, 'session')}, {_plural(e.speakers, 'speaker')}"
            for e in editions
        )
        + "."
    )
    svg = column_chart(
        f"{prefix}editions-chart",
        title,
        desc,
        labels,
        [
            ("Sessions", [e.sessions for e in editions]),
            ("Speakers", [e.speakers for e in editions]),
        ],
    )
    table = Table(
        caption=title,
        headers=("Edition", "Sessions", "Speakers"),
        rows=tuple((e.name, str(e.sessions), str(e.speakers)) for e in editions),
    )
    out.append(chart_block(html_builder, svg, table))

    out.append(heading("Returning speakers", sub, ids=[f"{prefix}returning"]))
    out.append(
        text_para(
            "A returning speaker of an edition spoke at an earlier edition of the series; "
            "an edition without a start date has no earlier edition.",
            "conference-statistics-note",
        )
    )
    title = "Share of returning speakers per edition"
    desc = (
        "A line, oldest edition first: "
        + "; ".join(f"{e.name}: {_percent(e.returning_share)}" for e in editions)
        + "."
    )
    svg = line_chart(
        f"{prefix}returning-chart", title, desc, labels, [e.returning_share for e in editions]
    )
    table = Table(
        caption=title,
        headers=("Edition", "Speakers", "First-time", "Returning", "Returning share"),
        rows=tuple(
            (
                e.name,
                str(e.speakers),
                str(e.first_time),
                str(e.returning),
                _percent(e.returning_share),
            )
            for e in editions
        ),
    )
    out.append(chart_block(html_builder, svg, table))

    out.append(heading("Speakers across editions", sub, ids=[f"{prefix}speakers"]))
    rows = [("One edition", stats.one_time_speakers), ("Several editions", stats.repeat_speakers)]
    if stats.speakers:
        out.append(_speaker_nodes(rows, stats.speakers, html_builder, prefix, what))
    else:
        out.append(text_para("No session of this series names a speaker.", "conference-empty"))
    out.extend(_breakdown_nodes(stats.by, html_builder, prefix, sub, what))
    return out
