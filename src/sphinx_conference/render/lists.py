"""Lists: ``{session-list}``, ``{speaker-list}``, ``{post-list}``, and the filling of placeholders.

Directives record their query and leave a placeholder; :func:`process_placeholders`
fills every placeholder at ``doctree-resolved`` from the merged domain data.
Each page notes its queries as dependencies, so an incremental build re-writes
exactly the pages whose lists now show something else.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Sequence
from functools import partial
from itertools import groupby
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx_design.shared import create_component

from sphinx_conference.core import consistency
from sphinx_conference.core.changes import changes_feed_path
from sphinx_conference.core.changes import describe as describe_change
from sphinx_conference.core.model import (
    Event,
    Person,
    Post,
    Session,
    tag_slug,
)
from sphinx_conference.core.series import SERIES_DIR
from sphinx_conference.core.times import zone_label
from sphinx_conference.domain.report import warn
from sphinx_conference.domain.store import ConferenceDomain, dangling_message, get_domain
from sphinx_conference.render import nodes as cnodes
from sphinx_conference.render.agenda import TBA, note_events, note_sessions
from sphinx_conference.render.components import (
    Linker,
    card_grid,
    change_badges,
    change_line,
    event_facts,
    fit_to_cell,
    fix_heading_level,
    heading,
    heading_level_at,
    media_links,
    person_card,
    post_meta,
    session_facts,
    speaker_refs,
    tag_badges,
    text_para,
    unique_heading_ids,
)
from sphinx_conference.render.filters import FILTER_FLAG, filter_node, item_classes, session_filter
from sphinx_conference.render.fragments import cached
from sphinx_conference.render.grid import render_grid
from sphinx_conference.render.timezones import (
    clock_range,
    date_node,
    day_label,
    session_time,
    zone_note,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx

# -- rendering ------------------------------------------------------------------------


def item_card(
    kind: str, level: int, title: str, uri: str, classes: Sequence[str] = ()
) -> tuple[nodes.Element, nodes.Element]:
    """A list item's card with its linked title: (card, body to add the rest to)."""
    card = create_component(
        "card",
        [
            "sd-card",
            "sd-sphinx-override",
            "sd-mb-3",
            "conference-card",
            f"conference-{kind}-item",
            *classes,
        ],
    )
    body = create_component("card-body", ["sd-card-body"])
    card += body
    title_node = heading("", level, classes=["sd-card-title", f"conference-{kind}-title"])
    title_node += nodes.reference(title, title, internal=True, refuri=uri)
    body += title_node
    return card, body


def session_item(
    session: Session, domain: ConferenceDomain, link: Linker, level: int, *, at_event: bool = False
) -> nodes.Element:
    """One session in a list, as a card linking to the session (and to its event)."""
    event = domain.events.get(session.event)

    def at_event_line(link: Linker, level: int = 0) -> nodes.paragraph:
        assert event is not None
        para = nodes.paragraph(classes=["conference-session-event"])
        para += nodes.Text("At ")
        para += link.ref(event.name, link.record(event))
        return para

    def make(link: Linker, level: int, at_event: bool = at_event) -> nodes.Element:
        card, body = item_card(
            "session", level, session.title, link.record(session), item_classes(session)
        )
        if at_event and event is not None:
            body += at_event_line(link)
        if session.speakers:
            para = nodes.paragraph(classes=["conference-speakers"])
            para.extend(speaker_refs(session.speakers, domain.people, link))
            body += para
        for part in (
            change_line(session, domain.index.changes_by_session.get(session.id)),
            session_facts(session, event.timezone if event else "", link),
            tag_badges(session.tags, link.tag, link.part),
        ):
            if part is not None:
                body += part
        if session.abstract:
            body += text_para(session.abstract, "sd-card-text", "conference-abstract-summary")
        return card

    if not at_event or event is None:
        return cached(("session", session.id, at_event), make, link, level)
    # The card as its event's page shows it, with the event under the title.
    base = (("session", session.id, False), partial(make, at_event=False))
    return cached(
        ("session", session.id, True),
        make,
        link,
        level,
        joined=(base, (("at-event", event.id), at_event_line)),
    )


def speaker_item(
    person: Person, link: Linker, *, compact: bool = True, grid: bool = True
) -> nodes.Element:
    """A speaker's card linking to the speaker; ``grid`` fits it to a cell of :func:`card_grid`."""

    def make(link: Linker, level: int) -> nodes.Element:
        card = person_card(person, link=link, compact=compact)
        return fit_to_cell(card) if grid else card

    return cached(("speaker", person.id, compact, grid), make, link)


#: Column widths of a session table, in characters (see session_table).
TABLE_WIDTHS = {"Session": 30, "Speakers": 20, "Track": 14, "Type": 10, "When": 24, "Room": 12}


def session_table(
    sessions: Sequence[Session], domain: ConferenceDomain, link: Linker
) -> nodes.table:
    """Sessions as a table; columns nobody fills are left out."""
    timed = any(s.start is not None for s in sessions)
    columns: list[tuple[str, Callable[[Session], list[nodes.Node]]]] = [
        ("Session", lambda s: _title_with_badges(s, domain, link)),
        ("Speakers", lambda s: speaker_refs(s.speakers, domain.people, link)),
        ("Track", lambda s: [nodes.Text(s.track)] if s.track else []),
        ("Type", lambda s: [nodes.Text(s.type.capitalize())] if s.type else []),
        ("When", lambda s: (_when(s, domain) if s.start else [nodes.Text(TBA)]) if timed else []),
        ("Room", lambda s: [nodes.Text(s.room)] if s.room else []),
    ]
    rows = [[fn(s) for _, fn in columns] for s in sessions]
    keep = [i for i in range(len(columns)) if i < 2 or any(r[i] for r in rows)]
    table = nodes.table(classes=["conference-session-table", "sd-w-100"])
    group = nodes.tgroup(cols=len(keep))
    table += group
    for i in keep:
        # Widths in characters, as the text and LaTeX builders read them (HTML sizes
        # columns itself); Sphinx 7.4's text writer never ends wrapping a 1-wide column.
        group += nodes.colspec(colwidth=TABLE_WIDTHS[columns[i][0]])
    head = nodes.thead()
    group += head
    hrow = nodes.row()
    for i in keep:
        hrow += nodes.entry("", nodes.paragraph(text=columns[i][0]))
    head += hrow
    tbody = nodes.tbody()
    group += tbody
    for s, r in zip(sessions, rows, strict=True):
        row = nodes.row(classes=item_classes(s))
        for i in keep:
            para = nodes.paragraph()
            para.extend(r[i])
            row += nodes.entry("", para)
        tbody += row
    return table


def _title_with_badges(s: Session, domain: ConferenceDomain, link: Linker) -> list[nodes.Node]:
    """A session's linked title, then the badges of its changes (table rows, agenda lines)."""
    out: list[nodes.Node] = [link.ref(s.title, link.record(s))]
    badges = change_badges(s, domain.index.changes_by_session.get(s.id))
    if badges:
        out.append(nodes.Text(" "))
        out.extend(badges)
    return out


def _when(session: Session, domain: ConferenceDomain) -> list[nodes.Node]:
    event = domain.events.get(session.event)
    return session_time(session, event.timezone if event else "")


def _group_key(group_by: str, domain: ConferenceDomain) -> Callable[[Session], tuple[Any, str]]:
    """(sort key, label) of a session's group; empty groups sort last."""
    if group_by == "track":
        return lambda s: ((s.track == "", s.track.lower()), s.track or "Other sessions")
    if group_by == "type":
        return lambda s: (
            (s.type == "", s.type),
            s.type.capitalize() if s.type else "Other sessions",
        )
    if group_by == "event":

        def by_event(s: Session) -> tuple[Any, str]:
            e = domain.events.get(s.event)
            start = e.start.isoformat() if e and e.start else ""
            return ((start, s.event), e.name if e else s.event)

        return by_event

    def by_day(s: Session) -> tuple[Any, str]:
        if s.day is None:
            return ((True, ""), "Unscheduled")
        return ((False, s.day.isoformat()), day_label(s.day))

    return by_day


def agenda(
    sessions: Sequence[Session], domain: ConferenceDomain, link: Linker
) -> nodes.bullet_list:
    """Sessions ordered by time: ``11:00–11:30 Title, speakers (room)``."""
    items = nodes.bullet_list(classes=["conference-agenda"])
    for s in sorted(
        sessions, key=lambda s: (s.start is None, s.start.isoformat() if s.start else "", s.title)
    ):
        item = nodes.list_item(classes=["conference-agenda-item", *item_classes(s)])
        para = nodes.paragraph()
        if s.start:
            event = domain.events.get(s.event)
            when = nodes.inline(classes=["conference-agenda-time"])
            when.extend(clock_range(s, event.timezone if event else ""))
            when += nodes.Text(" ")
            para += when
        else:
            para += nodes.inline(classes=["conference-agenda-tba"], text=f"{TBA}: ")
        para.extend(_title_with_badges(s, domain, link))
        if s.speakers:
            para += nodes.Text(", ")
            para.extend(speaker_refs(s.speakers, domain.people, link))
        if s.room:
            para += nodes.inline(classes=["conference-agenda-room"], text=f" ({s.room})")
        item += para
        items += item
    return items


def render_sessions(
    node: cnodes.session_list, domain: ConferenceDomain, link: Linker
) -> list[nodes.Node]:
    """The filled content of a session list."""
    sessions = domain.query_sessions(node["query"])
    if not sessions:
        return [text_para("No sessions match this list yet.", "conference-empty")]
    layout = node.get("layout") or "cards"
    group_by = node.get("group_by") or ("day" if layout == "agenda" else "")
    level = heading_level_at(node)
    zones: list[str] = []
    if layout in ("agenda", "grid"):
        # The zone each time is in: its event's (see render.timezones), named once above.
        zones = sorted(
            {
                zone_label(domain.events[s.event].timezone if s.event in domain.events else "")
                for s in sessions
                if s.start
            }
        )

    def body(group: Sequence[Session], lvl: int) -> list[nodes.Node]:
        if layout == "table":
            return [session_table(group, domain, link)]
        if layout == "agenda":
            return [agenda(group, domain, link)]
        return [session_item(s, domain, link, lvl) for s in group]

    container = nodes.container(classes=["conference-session-list", f"conference-layout-{layout}"])
    if node.get("filter", True) and len(sessions) > 1:
        container += filter_node(sessions)
    if zones:
        container += zone_note(zones)
    if layout == "grid":
        container.extend(render_grid(sessions, domain, link, level))
        return [container]
    if not group_by:
        container.extend(body(sessions, level))
        return [container]
    keyfn = _group_key(group_by, domain)
    ordered = sorted(
        sessions, key=lambda s: (keyfn(s), s.start.isoformat() if s.start else "", s.title)
    )
    for (_, label), group in groupby(ordered, key=keyfn):
        members = list(group)
        # A day's group (class conference-day) starts a new page in print.
        section = nodes.container(
            classes=["conference-group", "conference-day"]
            if group_by == "day"
            else ["conference-group"]
        )
        day = members[0].day if group_by == "day" else None
        if day is None:
            section += heading(f"{label} ({len(members)})", level, ids=[f"group-{tag_slug(label)}"])
        else:
            title = heading("", level, ids=[f"group-{tag_slug(label)}"])
            title += date_node(day, label)
            title += nodes.Text(f" ({len(members)})")
            section += title
        section.extend(body(members, level + 1))
        container += section
    return [container]


def render_posts(
    posts: Sequence[Post], domain: ConferenceDomain, link: Linker, level: int
) -> list[nodes.Node]:
    """Posts as cards: title, date and authors, summary, tags."""
    if not posts:
        return [text_para("No posts yet.", "conference-empty")]
    out = nodes.container(classes=["conference-post-list"])
    for post in posts:
        out += post_item(post, domain, link, level)
    return [out]


def session_details(
    session: Session, timezone: str, domain: ConferenceDomain, link: Linker
) -> nodes.Element:
    """A session block's speakers, facts, tags and links (under its title, on its page)."""
    changes = domain.index.changes_by_session.get(session.id)

    def make(link: Linker, level: int) -> nodes.Element:
        box = nodes.container(classes=["conference-session-details"])
        badges = change_line(session, changes)
        if badges is not None:
            box += badges
        if session.speakers:
            para = nodes.paragraph(classes=["conference-speakers"])
            para += nodes.inline("By ", "By ", classes=["conference-by"])
            para.extend(speaker_refs(session.speakers, domain.people, link, as_role=True))
            box += para
        for part in (
            session_facts(session, timezone, link),
            tag_badges(session.tags, link.tag, link.part),
            media_links(session),
        ):
            if part is not None:
                box += part
        return box

    # The record is the directive's own (a duplicate id shows its own fields).
    key = ("session-details", session, timezone, tuple(changes or ()))
    return cached(key, make, link, search=True)


def render_session_details(
    node: cnodes.session_details, domain: ConferenceDomain, link: Linker
) -> list[nodes.Node]:
    """Fill a session block's details; report speakers that no {speaker} defines."""
    session: Session = node["session"]
    for sid in session.speakers:
        if sid not in domain.people:
            warn(dangling_message("speaker", sid), location=node, subtype="reference")
    return [session_details(session, node.get("timezone", ""), domain, link)]


def post_item(post: Post, domain: ConferenceDomain, link: Linker, level: int) -> nodes.Element:
    """One post in a list, as a card: title, date and authors, summary, tags."""

    def make(link: Linker, level: int) -> nodes.Element:
        card, body = item_card("post", level, post.title, link.doc(post.docname))
        body += post_meta(post, domain.people, link, reading_time=False)
        if post.summary:
            body += text_para(post.summary, "sd-card-text", "conference-summary")
        tags = tag_badges(post.tags, link.tag, link.part)
        if tags is not None:
            body += tags
        return card

    return cached(("post", post.docname), make, link, level)


def render_byline(
    node: cnodes.post_byline, domain: ConferenceDomain, link: Linker
) -> list[nodes.Node]:
    """A post's byline: date, reading time, authors as small cards, tags."""
    post = domain.posts.get(node["post"])
    if post is None:
        return []
    box = nodes.container(classes=["conference-byline"])
    box += post_meta(post, domain.people, link)
    authors = [domain.people[a] for a in post.authors if a in domain.people]
    if authors:
        box += card_grid((speaker_item(p, link) for p in authors), columns=(1, 2, 2))
    tags = tag_badges(post.tags, link.tag)
    if tags is not None:
        box += tags
    return [box]


def render_backlinks(
    node: cnodes.backlinks, domain: ConferenceDomain, link: Linker, docname: str
) -> list[nodes.Node]:
    """The "mentioned in" line: the pages that reference an object."""
    pages = [d for d in domain.index.referenced_by.get(node["key"], []) if d != docname]
    if not pages:
        return []
    titles = domain.env.titles
    box = nodes.container(classes=["conference-backlinks"])
    para = nodes.paragraph(classes=["conference-backlinks-title"])
    para += nodes.strong(text=f"{node.get('title', 'Mentioned in')}: ")
    for i, page in enumerate(pages):
        if i:
            para += nodes.Text(", ")
        title = titles[page].astext() if page in titles else page
        para += link.ref(title, link.doc(page))
    box += para
    return [box]


def process_placeholders(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: fill every placeholder from the merged domain data."""
    # One walk over the page: its placeholders, its ids (a list's heading ids must not
    # repeat them) and the headings directives made, given the level of where they are.
    placeholders: list[cnodes.placeholder] = []
    used_ids: set[str] = set()
    for element in doctree.findall(nodes.Element):
        used_ids.update(element["ids"])
        if isinstance(element, cnodes.placeholder):
            placeholders.append(element)
        elif isinstance(element, nodes.rubric):
            fix_heading_level(element)
    if not placeholders:
        return
    domain = get_domain(app.env)
    link = Linker(app.builder, docname)
    for node in placeholders:
        new: list[nodes.Node]
        if isinstance(node, cnodes.session_list):
            new = render_sessions(node, domain, link)
            query = node["query"]  # the agenda script reads the data of these events
            if query.event:  # no query: whether the event has a timed session at all
                event_sessions = domain.index.sessions_by_event.get(query.event, ())
                if any(s.start is not None for s in event_sessions):
                    note_events(doctree, [query.event])
            else:
                note_sessions(doctree, domain.query_sessions(query))
            if any(isinstance(c, session_filter) for n in new for c in n.children):
                doctree[FILTER_FLAG] = True  # the page needs the filter script
        elif isinstance(node, cnodes.speaker_list):
            people = domain.query_people(node["query"])
            new = []
            if people and node.get("heading"):
                new.append(
                    heading(
                        f"{node['heading']} ({len(people)})",
                        heading_level_at(node),
                        ids=["speakers"],
                    )
                )
            if people:
                new.append(card_grid(speaker_item(p, link) for p in people))
            elif not node.get("heading"):
                new.append(text_para("No speakers match this list yet.", "conference-empty"))
        elif isinstance(node, cnodes.post_list):
            new = render_posts(
                domain.query_posts(node["query"]), domain, link, heading_level_at(node)
            )
        elif isinstance(node, cnodes.speaker_card):
            person = domain.people.get(node["person"])
            if person is None:
                warn(
                    consistency.speaker_card_message(node["person"]),
                    location=node,
                    subtype="reference",
                )
                new = []
            else:
                compact = node.get("compact", False)
                new = [speaker_item(person, link, compact=compact, grid=False)]
        elif isinstance(node, cnodes.post_byline):
            new = render_byline(node, domain, link)
        elif isinstance(node, cnodes.backlinks):
            new = render_backlinks(node, domain, link, docname)
        elif isinstance(node, cnodes.event_list):
            new = render_events(node, domain, link, heading_level_at(node))
        elif isinstance(node, cnodes.person_activity):
            new = render_activity(node, domain, link)
            note_sessions(doctree, domain.person_sessions(node["person"]))
        elif isinstance(node, cnodes.related_posts):
            new = render_related(node, domain, link)
        elif isinstance(node, cnodes.series_link):
            # Part of the event's block, searched with it: not a list.
            node.replace_self(render_series_link(node, link, app.builder.format == "html"))
            continue
        elif isinstance(node, cnodes.schedule_changes):
            new = render_schedule_changes(node, domain, link)
        elif isinstance(node, cnodes.session_details):
            # Part of the session's block, searched with it: not a list.
            node.replace_self(render_session_details(node, domain, link))
            continue
        else:  # pragma: no cover - other placeholders are filled by their own modules
            continue
        # Lists repeat what has its own page; leaving them out of the search index keeps
        # results pointing at that page (and indexing cheap: a list can be long).
        for item in new:
            if isinstance(item, nodes.Element):
                item["classes"].append("no-search")
        unique_heading_ids(used_ids, new)
        node.replace_self(new)


# -- events, people's activity, related posts -----------------------------------------------


def render_schedule_changes(
    node: cnodes.schedule_changes, domain: ConferenceDomain, link: Linker
) -> list[nodes.Node]:
    """An event's "Schedule changes": newest first, each with its date and session; the feed."""
    eid = node["event"]
    changes = domain.index.changes_by_event.get(eid)
    if not changes:
        return []
    level = heading_level_at(node)
    box = nodes.container(classes=["conference-schedule-changes"])
    box += heading("Schedule changes", level, ids=["schedule-changes"])
    if link.builder.format == "html" and link.builder.config.conference_feeds:
        para = nodes.paragraph(classes=["conference-changes-feed"])
        uri = relative_uri_of_file(link, changes_feed_path(eid))
        para += nodes.reference("", "Follow the changes (Atom feed)", internal=False, refuri=uri)
        box += para
    names = {pid: p.display_name for pid, p in domain.people.items()}
    items = nodes.bullet_list(classes=["conference-change-list"])
    for change in changes:
        session = domain.sessions.get(change.session)
        item = nodes.list_item(classes=["conference-change-item"])
        para = nodes.paragraph()
        para += date_node(change.date)
        para += nodes.Text(": ")
        if session is not None:
            para += link.ref(session.title, link.record(session))
        else:
            para += nodes.Text(change.session)
        para += nodes.Text(f": {describe_change(change, session, names)}.")
        item += para
        items += item
    box += items
    return [box]


def relative_uri_of_file(link: Linker, path: str) -> str:
    """The URI of ``path`` (relative to the output root) from the page being written."""
    page = link.builder.get_target_uri(link.fromdocname)
    return posixpath.relpath(path, posixpath.dirname(page) or ".")


def event_item(event: Event, domain: ConferenceDomain, link: Linker, level: int) -> nodes.Element:
    """One event in a list, as a card: name, dates and place, number of sessions, tags."""

    def make(link: Linker, level: int) -> nodes.Element:
        card, body = item_card("event", level, event.name, link.record(event))
        facts = event_facts(event)
        if facts is not None:
            body += facts
        count = len(domain.index.sessions_by_event.get(event.id, []))
        if count:
            body += text_para(
                f"{count} session{'s' if count != 1 else ''} on this site", "conference-count"
            )
        tags = tag_badges(event.tags, link.tag, link.part)
        if tags is not None:
            body += tags
        return card

    return cached(("event", event.id), make, link, level)


def render_events(
    node: cnodes.event_list, domain: ConferenceDomain, link: Linker, level: int
) -> list[nodes.Node]:
    """The filled content of an event list."""
    events = domain.query_events(node["query"])
    if not events:
        when = node.get("when", "all")
        text = {"upcoming": "No upcoming events yet.", "past": "No past events yet."}.get(
            when, "No events yet."
        )
        return [text_para(text, "conference-empty")]
    if node.get("group_by") != "year":
        return [event_item(e, domain, link, level) for e in events]
    out: list[nodes.Node] = []
    for year, group in groupby(events, key=lambda e: e.year):
        members = list(group)
        box = nodes.container(classes=["conference-group"])
        box += heading(
            f"{year or 'Undated'} ({len(members)})", level, ids=[f"year-{year or 'undated'}"]
        )
        box.extend(event_item(e, domain, link, level + 1) for e in members)
        out.append(box)
    return out


def render_activity(
    node: cnodes.person_activity, domain: ConferenceDomain, link: Linker
) -> list[nodes.Node]:
    """A person's sessions across every event (newest first) and the posts by or about them."""
    pid = node["person"]
    level = heading_level_at(node)
    out: list[nodes.Node] = []
    sessions = domain.person_sessions(pid)
    if sessions:
        box = nodes.container(classes=["conference-person-sessions"])
        box += heading(f"Sessions ({len(sessions)})", level, ids=["sessions"])
        box.extend(_sessions_by_series(pid, domain, link, level + 1))
        out.append(box)
    posts = domain.person_posts(pid)
    if posts:
        box = nodes.container(classes=["conference-person-posts"])
        box += heading(f"Posts ({len(posts)})", level, ids=["posts"])
        blist = nodes.bullet_list(classes=["conference-link-list"])
        for post, is_author in posts:
            li = nodes.list_item()
            para = nodes.paragraph()
            para += link.ref(post.title, link.doc(post.docname))
            para += nodes.Text(", ")
            para += date_node(post.date)
            para += nodes.inline(
                classes=["conference-post-relation"],
                text=" (author)" if is_author else " (mentions)",
            )
            li += para
            blist += li
        box += blist
        out.append(box)
    return out


def render_series_link(node: cnodes.series_link, link: Linker, has_pages: bool) -> nodes.paragraph:
    """A "Part of the series <name>" line, linked to the series page where the builder has one."""
    para = nodes.paragraph(classes=["conference-event-series"])
    para += nodes.Text("Part of the series ")
    name = node["name"]
    if has_pages:
        para += link.ref(name, link.doc(f"{SERIES_DIR}/{node['series']}"))
    else:
        para += nodes.Text(name)
    para += nodes.Text(".")
    return para


def _sessions_by_series(
    pid: str, domain: ConferenceDomain, link: Linker, level: int
) -> list[nodes.Node]:
    """A person's sessions by series (linked to its page) then year; other events by name."""
    out: list[nodes.Node] = []
    for (kind, key), label, years in domain.person_sessions_by_series(pid):
        count = sum(len(members) for _, members in years)
        box = nodes.container(classes=["conference-group", f"conference-sessions-{kind}"])
        title = heading("", level, ids=[f"sessions-{kind}-{key}"])
        if kind == "series":
            title += link.ref(label, link.doc(f"{SERIES_DIR}/{key}"))
        else:
            title += nodes.Text(label)
        title += nodes.Text(f" ({count})")
        box += title
        for year, members in years:
            inner = level + 1
            if kind == "series":
                # A series spans years: a heading per year; an event is one year already.
                box += heading(
                    f"{year or 'Undated'} ({len(members)})",
                    level + 1,
                    ids=[f"sessions-{key}-{year or 'undated'}"],
                )
                inner = level + 2
            box.extend(session_item(s, domain, link, inner, at_event=True) for s in members)
        out.append(box)
    return out


def render_related(
    node: cnodes.related_posts, domain: ConferenceDomain, link: Linker
) -> list[nodes.Node]:
    """Related posts, ranked by shared tags."""
    posts = domain.related_posts(node["post"])
    if not posts:
        return []
    box = nodes.container(classes=["conference-related"])
    level = heading_level_at(node)
    box += heading("Related posts", level, ids=["related-posts"])
    box.extend(render_posts(posts, domain, link, level + 1))
    return [box]
