"""The schedule view: a grid of rooms by time for each day of an event.

``{session-list}`` with ``:layout: grid`` shows, for each day, a table whose
columns are rooms and whose rows are start times; a session lasting past the
next start time in its room spans those rows.  On narrow screens the theme's
CSS turns the table into a list in which each session names its room.  The
time zone is stated above the grid.  Everything is made of docutils table
nodes, so every builder can render it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from docutils import nodes

from sphinx_conference.core.model import Session
from sphinx_conference.render.agenda import TBA
from sphinx_conference.render.components import (
    Linker,
    change_line,
    heading,
    speaker_refs,
    text_para,
)
from sphinx_conference.render.filters import item_classes
from sphinx_conference.render.timezones import clock, clock_range, date_node, day_label

if TYPE_CHECKING:
    from sphinx_conference.domain.store import ConferenceDomain

#: Column of sessions given no room, when other sessions of the day have one.
NO_ROOM = "Other"


def rooms_of(sessions: Sequence[Session]) -> list[str]:
    """The rooms of ``sessions`` in order of first use (by time), room-less last."""
    rooms: list[str] = []
    for s in sorted(sessions, key=lambda s: (s.start or dt.datetime.min, s.room)):
        if s.room and s.room not in rooms:
            rooms.append(s.room)
    return rooms


def grid_session(session: Session, domain: ConferenceDomain, link: Linker) -> nodes.container:
    """One session in a grid cell: title, speakers, track and (for narrow screens) room."""
    event = domain.events.get(session.event)
    zone_name = event.timezone if event else ""
    box = nodes.container(classes=["conference-grid-session", *item_classes(session)])
    title = nodes.paragraph(classes=["conference-grid-title"])
    title += link.ref(session.title, link.record(session))
    box += title
    badges = change_line(session, domain.index.changes_by_session.get(session.id))
    if badges is not None:
        box += badges
    if session.speakers:
        para = nodes.paragraph(classes=["conference-speakers"])
        para.extend(speaker_refs(session.speakers, domain.people, link))
        box += para
    details = [x for x in (session.track, session.type.capitalize() if session.type else "") if x]
    if details:
        box += text_para(" · ".join(details), "conference-grid-details")
    when = clock_range(session, zone_name) if session.start else [nodes.Text(TBA)]
    if when or session.room:
        # shown on narrow screens, where the grid becomes a list without column headers
        where = nodes.paragraph(classes=["conference-grid-where"])
        where.extend(when)
        if session.room:
            where += nodes.Text(f", {session.room}" if when else session.room)
        box += where
    return box


def day_grid(sessions: Sequence[Session], domain: ConferenceDomain, link: Linker) -> nodes.table:
    """The rooms-by-time table of one day's timed sessions."""
    rooms = rooms_of(sessions)
    # A session without a room alone in its slot (a keynote, a break) spans every room;
    # one that shares its slot with others gets a column of its own.
    plenary = {s.start for s in sessions if not s.room} - {s.start for s in sessions if s.room}
    if not rooms or any(not s.room and s.start not in plenary for s in sessions):
        rooms = [*rooms, NO_ROOM]
    slots = sorted({s.start for s in sessions if s.start is not None})
    # The zone of each start time: its sessions' event's (one event per grid, in practice).
    slot_zone = {s.start: e.timezone if (e := domain.events.get(s.event)) else "" for s in sessions}
    cells: dict[tuple[dt.datetime, str], list[Session]] = defaultdict(list)
    for s in sorted(sessions, key=lambda s: s.title):
        assert s.start is not None
        cells[(s.start, s.room or NO_ROOM)].append(s)

    table = nodes.table(classes=["conference-grid", "sd-w-100"])
    group = nodes.tgroup(cols=len(rooms) + 1)
    table += group
    # Widths in characters, as the text and LaTeX builders read them (HTML sizes columns
    # itself); Sphinx 7.4's text writer never ends wrapping a 1-wide column.
    group += nodes.colspec(colwidth=8, stub=1)
    for _ in rooms:
        group += nodes.colspec(colwidth=24)
    head = nodes.thead()
    hrow = nodes.row()
    hrow += nodes.entry("", nodes.paragraph(text="Time"))
    for room in rooms:
        hrow += nodes.entry("", nodes.paragraph(text=room))
    head += hrow
    group += head
    body = nodes.tbody()
    group += body

    busy_until: dict[str, int] = {}  # room -> index of the last slot it spans
    for i, slot in enumerate(slots):
        row = nodes.row(classes=["conference-grid-row"])
        when = nodes.paragraph(classes=["conference-grid-time"])
        when += clock(slot, slot_zone.get(slot, ""))
        row += nodes.entry("", when)
        if slot in plenary and len(rooms) > 1:
            entry = nodes.entry(
                classes=["conference-grid-cell", "conference-grid-plenary"], morecols=len(rooms) - 1
            )
            for s in cells[(slot, NO_ROOM)]:
                entry += grid_session(s, domain, link)
            row += entry
            body += row
            continue
        for room in rooms:
            if busy_until.get(room, -1) >= i:
                continue  # covered by a session spanning rows from above
            entry = nodes.entry(classes=["conference-grid-cell"])
            here = cells.get((slot, room), [])
            for s in here:
                entry += grid_session(s, domain, link)
            ends = [s.end for s in here if s.end is not None]
            if ends:
                last = max(ends)
                span = 0
                for j in range(i + 1, len(slots)):
                    if slots[j] >= last or (slots[j], room) in cells:
                        break
                    span += 1
                if span:
                    entry["morerows"] = span
                    busy_until[room] = i + span
            row += entry
        body += row
    return table


def render_grid(
    sessions: Sequence[Session], domain: ConferenceDomain, link: Linker, level: int
) -> list[nodes.Node]:
    """A grid for each day; sessions without a time follow as a plain list."""
    timed = [s for s in sessions if s.start is not None]
    by_day: dict[dt.date, list[Session]] = defaultdict(list)
    for s in timed:
        assert s.day is not None
        by_day[s.day].append(s)
    out: list[nodes.Node] = []
    for day in sorted(by_day):
        section = nodes.container(
            classes=["conference-group", "conference-day", "conference-grid-day"]
        )
        title = heading("", level, ids=[f"day-{day.isoformat()}"])
        title += date_node(day, day_label(day))
        section += title
        section += day_grid(by_day[day], domain, link)
        out.append(section)
    untimed = [s for s in sessions if s.start is None]
    if untimed:
        section = nodes.container(
            classes=["conference-group", "conference-day", "conference-grid-day"]
        )
        section += heading("Unscheduled", level, ids=["day-unscheduled"])
        items = nodes.bullet_list(classes=["conference-grid-unscheduled"])
        for s in sorted(untimed, key=lambda s: s.title):
            li = nodes.list_item()
            li += grid_session(s, domain, link)
            items += li
        section += items
        out.append(section)
    return out
