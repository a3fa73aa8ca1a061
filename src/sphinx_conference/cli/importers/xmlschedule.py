"""The schedule XML family shared by frab, pentabarf and wafer: one lenient reader.

All three descend from pentabarf's ``<schedule><conference/><day><room><event>`` shape and
differ in details: frab adds ``<version>``, guids and a per-event ``<date>``; pentabarf as
FOSDEM publishes it has neither (the day gives the date); wafer adds ``<generator>``, a
non-UTC ``<date>`` offset and partial ``<recording>`` blocks.  The reader takes whatever is
there, wherever it is nested, and warns about what is missing.  Parsing goes through
defusedxml: the file is untrusted (no entity expansion, no external DTDs).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from xml.etree.ElementTree import Element

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from sphinx_conference.cli.importers.common import (
    ConferenceRecord,
    Link,
    PersonRecord,
    Report,
    Schedule,
    ScheduleError,
    SessionRecord,
    combine,
    multiline,
    name_key,
    one_line,
    parse_clock,
    parse_day,
    parse_instant,
    parse_minutes,
    text,
)


def parse(data: bytes) -> Element:
    """The root element, with namespaces stripped from every tag."""
    try:
        root = SafeET.fromstring(data)
    except DefusedXmlException as err:
        raise ScheduleError(
            f"the XML uses a forbidden construct ({type(err).__name__}); refused"
        ) from None
    except SafeET.ParseError as err:
        raise ScheduleError(f"not well-formed XML: {err}") from None
    for el in root.iter():
        if isinstance(el.tag, str) and "}" in el.tag:
            el.tag = el.tag.rsplit("}", 1)[1]
    return root


def child_text(el: Element | None, name: str) -> str:
    """The text of child ``name`` of ``el`` (all of it, nested markup included)."""
    if el is None:
        return ""
    child = el.find(name)
    if child is None:
        return ""
    return "".join(child.itertext())


def generator(root: Element) -> str:
    """The ``<generator name=...>`` of the file, lower-cased, or ``""``."""
    gen = root.find("generator")
    return one_line(gen.get("name", "")).lower() if gen is not None else ""


#: hook(event element, session, person records) -> None, for format-specific fields
Hook = Callable[[Element, SessionRecord, Report], None]


def read(
    root: Element,
    fmt: str,
    report: Report,
    *,
    event_hook: Hook | None = None,
    person_links: Callable[[Element], list[Link]] | None = None,
) -> Schedule:
    """Read a schedule XML document into the normalised model."""
    if root.tag != "schedule":
        raise ScheduleError(f"expected a <schedule> document, got <{root.tag}>")
    conf_el = root.find("conference")
    if conf_el is None:
        report.warn(
            "schedule", "conference", "missing; the event's name and dates come from the sessions"
        )
    conf = ConferenceRecord(
        title=one_line(child_text(conf_el, "title")),
        acronym=one_line(child_text(conf_el, "acronym")),
        start=parse_day(child_text(conf_el, "start")),
        end=parse_day(child_text(conf_el, "end")),
        source_timezone=one_line(child_text(conf_el, "time_zone_name")),
        url=one_line(child_text(conf_el, "url")) or one_line(child_text(conf_el, "base_url")),
        base_url=one_line(child_text(conf_el, "base_url"))
        or one_line(child_text(root, "base_url")),
        venue=one_line(child_text(conf_el, "venue")),
        city=one_line(child_text(conf_el, "city")),
    )
    for key, parsed in (("start", conf.start), ("end", conf.end)):
        if child_text(conf_el, key).strip() and parsed is None:
            report.warn(
                "conference",
                key,
                f"expected a date YYYY-MM-DD, got {one_line(child_text(conf_el, key))!r}",
            )
    if not conf.title:
        report.warn("conference", "title", "missing; the acronym or the file name is used")
    tracks_el = root.find("tracks")
    if tracks_el is None and conf_el is not None:
        tracks_el = conf_el.find("tracks")
    if tracks_el is not None:
        for tr in tracks_el.iter("track"):
            name = one_line(tr.get("name") or "".join(tr.itertext()))
            if name:
                conf.tracks.append(name)
    day_change = parse_clock(child_text(conf_el, "day_change"))
    if day_change is not None and day_change > dt.time(6, 0):
        day_change = None  # FOSDEM says 09:00 and means nothing by it: no session moves a day
    schedule = Schedule(format=fmt, conference=conf)

    parents = {child: parent for parent in root.iter() for child in parent}
    rooms: list[str] = []
    for number, ev in enumerate(root.iter("event"), 1):
        day = room = None
        up = parents.get(ev)
        while up is not None:
            if up.tag == "day" and day is None:
                day = up
            elif up.tag == "room" and room is None:
                room = up
            up = parents.get(up)
        session = _read_event(ev, number, day, room, day_change, schedule, report, person_links)
        if event_hook is not None:
            event_hook(ev, session, report)
        if session.room and session.room not in rooms:
            rooms.append(session.room)
        schedule.sessions.append(session)
    conf.rooms = rooms
    return schedule


def _read_event(
    ev: Element,
    number: int,
    day: Element | None,
    room: Element | None,
    day_change: dt.time | None,
    schedule: Schedule,
    report: Report,
    person_links: Callable[[Element], list[Link]] | None,
) -> SessionRecord:
    sid = one_line(ev.get("id") or ev.get("guid") or child_text(ev, "slug")) or f"#{number}"
    s = SessionRecord(
        source_id=sid,
        guid=one_line(ev.get("guid") or child_text(ev, "guid")),
        title=one_line(child_text(ev, "title")),
        subtitle=one_line(child_text(ev, "subtitle")),
        room=one_line(child_text(ev, "room"))
        or one_line(room.get("name", "") if room is not None else ""),
        track=one_line(child_text(ev, "track")),
        type=one_line(child_text(ev, "type")),
        language=one_line(child_text(ev, "language")),
        abstract=multiline(child_text(ev, "abstract")),
        description=multiline(child_text(ev, "description")),
        url=one_line(child_text(ev, "url")),
    )
    if not s.title:
        report.warn(s.label, "title", "missing; the session is imported as 'Untitled session'")
    _read_start(ev, s, day, day_change, report)
    raw_duration = child_text(ev, "duration")
    s.duration = parse_minutes(raw_duration)
    if s.duration is None:
        end = parse_instant(child_text(ev, "end"))
        if (
            end is not None
            and s.start is not None
            and (end.tzinfo is None) == (s.start.tzinfo is None)
        ):
            s.duration = parse_minutes(int((end - s.start).total_seconds() // 60))
    if s.duration is None:
        what = (
            f"expected HH:MM, got {one_line(raw_duration)!r}" if raw_duration.strip() else "missing"
        )
        report.warn(s.label, "duration", f"{what}; the session has no duration")
    persons = ev.find("persons")
    for p in persons.iter("person") if persons is not None else ():
        name = one_line("".join(p.itertext()))
        if not name:
            report.warn(
                s.label, "persons", f"a person without a name (id {p.get('id')!r}) is left out"
            )
            continue
        key = (
            f"guid:{p.get('guid')}"
            if p.get("guid")
            else f"id:{p.get('id')}"
            if p.get("id")
            else f"name:{name_key(name)}"
        )
        links = person_links(p) if person_links is not None else []
        s.persons.append(schedule.add_person(PersonRecord(key=key, name=name, links=links)))
    s.links = _links(ev, "links", "link", s, report)
    s.attachments = _links(ev, "attachments", "attachment", s, report)
    rec = ev.find("recording")
    if rec is not None:
        s.video = one_line(child_text(rec, "url")) or one_line(child_text(rec, "link"))
    s.video = s.video or one_line(child_text(ev, "video_download_url"))
    return s


def _read_start(
    ev: Element, s: SessionRecord, day: Element | None, day_change: dt.time | None, report: Report
) -> None:
    raw_date = child_text(ev, "date")
    raw_start = child_text(ev, "start")
    start = parse_instant(raw_date)
    if start is None and raw_date.strip():
        report.warn(
            s.label,
            "date",
            f"expected an ISO 8601 date and time, got {one_line(raw_date)!r}; "
            "the day's date and the start time are used",
        )
    if start is None:
        start = parse_instant(raw_start)
    if start is None:
        clock = parse_clock(raw_start)
        day_date = parse_day(day.get("date", "")) if day is not None else None
        day_start_at = parse_instant(day.get("start", "")) if day is not None else None
        day_start = day_start_at.time() if day_start_at is not None else day_change
        if clock is not None and day_date is not None:
            start = combine(day_date, clock, day_start)
            if day_start_at is not None and day_start_at.tzinfo is not None:
                start = start.replace(tzinfo=day_start_at.tzinfo)
        elif clock is None:
            got = f"got {one_line(raw_start)!r}" if raw_start.strip() else "missing"
            report.warn(
                s.label, "start", f"expected HH:MM, {got}; the session is imported unscheduled"
            )
        else:
            report.warn(
                s.label, "date", "the session is in no <day date=...>; it is imported unscheduled"
            )
    s.start = start


def _links(ev: Element, group: str, item: str, s: SessionRecord, report: Report) -> list[Link]:
    out: list[Link] = []
    box = ev.find(group)
    for el in box.iter(item) if box is not None else ():
        url = one_line(el.get("href") or el.get("url") or "")
        title = one_line("".join(el.itertext()))
        if not url:
            report.warn(s.label, group, f"a {item} without href ({title!r}) is left out")
            continue
        out.append(Link(url=url, title=title, kind=one_line(el.get("type", "")).lower()))
    return out


def person_attr_links(*attrs: str) -> Callable[[Element], list[Link]]:
    """Person links taken from attributes (wafer's ``twitter=...``)."""

    def links(p: Element) -> list[Link]:
        return [Link(url=text(p.get(a)), title=a) for a in attrs if p.get(a)]

    return links
