"""Archives: posts by year and by author, events by series and year (upcoming and past).

Generated from the domain at ``html-collect-pages``: ``archive/index``,
``archive/<year>``, ``archive/authors/<id>`` and ``archive/events``.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby
from typing import TYPE_CHECKING, Any

from docutils import nodes

from sphinx_conference.core.config import build_today
from sphinx_conference.core.model import Event, Query
from sphinx_conference.core.series import Series, series_of
from sphinx_conference.domain.store import ConferenceDomain, get_domain
from sphinx_conference.pages.page import page_or_name
from sphinx_conference.render.components import Linker, heading, text_para
from sphinx_conference.render.lists import event_item, render_posts

if TYPE_CHECKING:
    from sphinx.application import Sphinx

ARCHIVE = "archive"


def archive_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str] | str]:
    """Every archive page."""
    domain = get_domain(app.env)
    idx = domain.index
    by_year = [(year, list(posts)) for year, posts in groupby(idx.posts, key=lambda p: p.date.year)]
    authors = sorted(
        ((pid, posts) for pid, posts in idx.posts_by_author.items() if pid in domain.people),
        key=lambda kv: (domain.people[kv[0]].name.lower(), kv[0]),
    )

    # The archive index: years and authors with counts, and the events archive.
    pagename = f"{ARCHIVE}/index"
    link = Linker(app.builder, pagename)
    body: list[nodes.Node] = [heading("Posts by year", 2, ids=["posts-by-year"])]
    body.append(
        _link_list(
            [(f"{year} ({len(posts)})", link.doc(f"{ARCHIVE}/{year}")) for year, posts in by_year]
        )
        or text_para("No posts yet.", "conference-empty")
    )
    body.append(heading("Posts by author", 2, ids=["posts-by-author"]))
    body.append(
        _link_list(
            [
                (f"{domain.people[pid].name} ({len(posts)})", link.doc(f"{ARCHIVE}/authors/{pid}"))
                for pid, posts in authors
            ]
        )
        or text_para("No authors yet.", "conference-empty")
    )
    body.append(heading("Events", 2, ids=["events"]))
    para = nodes.paragraph()
    para += link.ref(f"Events by series ({len(domain.events)})", link.doc(f"{ARCHIVE}/events"))
    body.append(para)
    inputs: Any = (
        [(y, len(p)) for y, p in by_year],
        [(domain.people[pid].name, pid, len(p)) for pid, p in authors],
        len(domain.events),
    )
    yield page_or_name(app, pagename, "Archive", body, inputs)

    for year, posts in by_year:
        pagename = f"{ARCHIVE}/{year}"
        inputs = (posts, [domain.people.get(a) for p in posts for a in p.authors])

        def year_body(
            year: int = year, posts: list[Any] = posts, pagename: str = pagename
        ) -> list[nodes.Node]:
            link = Linker(app.builder, pagename)
            n = len(posts)
            intro = text_para(
                f"{n} post{'s' if n != 1 else ''} from {year}, newest first.", "conference-count"
            )
            return [intro, *render_posts(posts, domain, link, 2)]

        yield page_or_name(app, pagename, f"Posts from {year}", year_body, inputs)

    for pid, posts in authors:
        person = domain.people[pid]
        pagename = f"{ARCHIVE}/authors/{pid}"
        inputs = (person, posts, [domain.people.get(a) for p in posts for a in p.authors])

        def author_body(
            person: Any = person, posts: list[Any] = posts, pagename: str = pagename
        ) -> list[nodes.Node]:
            link = Linker(app.builder, pagename)
            intro = nodes.paragraph(classes=["conference-count"])
            intro += nodes.Text(f"{len(posts)} post{'s' if len(posts) != 1 else ''} by ")
            intro += link.ref(person.name, link.record(person))
            intro += nodes.Text(", newest first.")
            return [intro, *render_posts(posts, domain, link, 2)]

        yield page_or_name(app, pagename, f"Posts by {person.name}", author_body, inputs)

    # Events by series, in upcoming and past sections relative to the build's today.
    pagename = f"{ARCHIVE}/events"
    link = Linker(app.builder, pagename)
    series = domain.series
    body = []
    for when, title in (("upcoming", "Upcoming"), ("past", "Past")):
        events = domain.query_events(Query(kind="events", extra=(("when", when),)))
        body.append(heading(f"{title} ({len(events)})", 2, ids=[when]))
        if not events:
            body.append(text_para(f"No {when} events.", "conference-empty"))
        body.extend(_events_by_series(events, series, domain, link, when))
    counts = {e.id: len(idx.sessions_by_event.get(e.id, [])) for e in domain.events.values()}
    yield page_or_name(
        app,
        pagename,
        "Events by series",
        body,
        (build_today(app.config), sorted(domain.events.items()), counts, sorted(series.items())),
    )


def _events_by_series(
    events: list[Event],
    table: dict[str, Series],
    domain: ConferenceDomain,
    link: Linker,
    when: str,
) -> list[nodes.Node]:
    """Events grouped by series (in the order of their first event), then the others by year.

    Without any series among ``events``, they are grouped by year only, at level 3.
    """
    groups: dict[str, list[Event]] = {}
    others: list[Event] = []
    for e in events:
        if e.series:
            groups.setdefault(e.series, []).append(e)
        else:
            others.append(e)
    out: list[nodes.Node] = []
    for sid, members in groups.items():
        info = series_of(sid, table)
        title = heading("", 3, ids=[f"{when}-series-{sid}"], classes=["conference-series-group"])
        title += link.ref(info.name, link.doc(info.docname))
        title += nodes.Text(f" ({len(members)})")
        out.append(title)
        out.extend(event_item(e, domain, link, 4) for e in members)
    level = 3
    if groups and others:
        title = f"Other events ({len(others)})"
        out.append(heading(title, 3, ids=[f"{when}-other"], classes=["conference-series-group"]))
        level = 4
    for year, group in groupby(others, key=lambda e: e.year):
        out.append(heading(f"{year or 'Undated'}", level, ids=[f"{when}-{year or 'undated'}"]))
        out.extend(event_item(e, domain, link, level + 1) for e in group)
    return out


def _link_list(items: list[tuple[str, str]]) -> nodes.bullet_list | None:
    if not items:
        return None
    blist = nodes.bullet_list(classes=["conference-link-list"])
    for text, uri in items:
        li = nodes.list_item()
        para = nodes.paragraph()
        para += nodes.reference(text, text, internal=True, refuri=uri)
        li += para
        blist += li
    return blist
