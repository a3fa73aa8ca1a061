"""frab and c3voc schedules: ``schedule.json`` and ``schedule.xml``.

The JSON reader is shared with :mod:`.pretalx`, whose export is frab's JSON with extra
fields; the XML reader is the family reader of :mod:`.xmlschedule`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from xml.etree.ElementTree import Element

from sphinx_conference.cli.importers.common import (
    ConferenceRecord,
    Link,
    PersonRecord,
    Report,
    Schedule,
    ScheduleError,
    SessionRecord,
    combine,
    first,
    multiline,
    name_key,
    one_line,
    parse_clock,
    parse_day,
    parse_instant,
    parse_minutes,
    text,
)
from sphinx_conference.cli.importers.xmlschedule import parse as parse_xml
from sphinx_conference.cli.importers.xmlschedule import read as read_family

#: person dict -> PersonRecord (or None to leave the person out), for flavours of the format
PersonReader = Callable[[dict[str, Any], SessionRecord, Report], PersonRecord | None]


def read_xml_root(root: Element, report: Report) -> Schedule:
    """A parsed frab (c3voc) ``schedule.xml``."""
    return read_family(root, "frab-xml", report)


def read_xml(data: bytes, report: Report) -> Schedule:
    """A frab (c3voc) ``schedule.xml``."""
    return read_xml_root(parse_xml(data), report)


def frab_person(p: dict[str, Any], s: SessionRecord, report: Report) -> PersonRecord | None:
    """A frab person: ``{"id": 1, "public_name": "..."}`` (or ``name``, or ``guid``)."""
    name = one_line(first(p.get("public_name"), p.get("name"), p.get("full_public_name")))
    if not name:
        report.warn(s.label, "persons", f"a person without a name ({_ident(p)}) is left out")
        return None
    return PersonRecord(
        key=_person_key(p, name), name=name, links=_link_list(p.get("links"), s, report, "persons")
    )


def _ident(p: dict[str, Any]) -> str:
    for k in ("code", "guid", "id"):
        if p.get(k) not in (None, ""):
            return f"{k} {text(p.get(k))!r}"
    return "no id"


def _person_key(p: dict[str, Any], name: str) -> str:
    for k in ("code", "guid", "id"):
        v = one_line(p.get(k))
        if v:
            return f"{k}:{v}"
    return f"name:{name_key(name)}"


def read_json(
    data: Any, report: Report, *, fmt: str = "frab-json", person: PersonReader = frab_person
) -> Schedule:
    """A frab/c3voc ``schedule.json`` (``{"schedule": {"conference": {"days": [...]}}}``)."""
    if not isinstance(data, dict):
        raise ScheduleError("expected a JSON object with a 'schedule'")
    sched = data.get("schedule", data)
    if not isinstance(sched, dict) or not isinstance(sched.get("conference"), dict):
        raise ScheduleError("expected {'schedule': {'conference': {...}}}: no conference found")
    c = sched["conference"]
    conf = ConferenceRecord(
        title=one_line(c.get("title")),
        acronym=one_line(c.get("acronym")),
        start=parse_day(c.get("start")),
        end=parse_day(c.get("end")),
        source_timezone=one_line(c.get("time_zone_name")),
        url=one_line(first(c.get("url"), sched.get("url"), sched.get("base_url"))),
        base_url=one_line(first(sched.get("base_url"), c.get("base_url"), sched.get("url"))),
    )
    for key, value in (("start", conf.start), ("end", conf.end)):
        if one_line(c.get(key)) and value is None:
            report.warn(
                "conference", key, f"expected a date YYYY-MM-DD, got {one_line(c.get(key))!r}"
            )
    if not conf.title:
        report.warn("conference", "title", "missing; the acronym or the file name is used")
    for tr in _list(c, "tracks", "conference", report):
        name = one_line(tr.get("name") if isinstance(tr, dict) else tr)
        if name:
            conf.tracks.append(name)
    for rm in _list(c, "rooms", "conference", report):
        name = one_line(rm.get("name") if isinstance(rm, dict) else rm)
        if name and name not in conf.rooms:
            conf.rooms.append(name)
    schedule = Schedule(format=fmt, conference=conf)
    days = c.get("days")
    if not isinstance(days, list):
        report.warn("conference", "days", "missing or not a list; the schedule has no sessions")
        days = []
    number = 0
    for day in days:
        if not isinstance(day, dict):
            report.warn(
                "conference",
                "days",
                f"a day that is not an object ({type(day).__name__}) is left out",
            )
            continue
        for room_name, event in _day_events(day, report):
            number += 1
            if not isinstance(event, dict):
                report.warn(
                    f"day {one_line(day.get('date'))}",
                    "rooms",
                    f"an event that is not an object ({type(event).__name__}) is left out",
                )
                continue
            s = _read_event(event, number, day, room_name, schedule, report, person)
            if s.room and s.room not in conf.rooms:
                conf.rooms.append(s.room)
            schedule.sessions.append(s)
    return schedule


def _list(obj: dict[str, Any], key: str, where: str, report: Report) -> list[Any]:
    """``obj[key]`` when it is a list; nothing (with a warning) when it is something else."""
    value = obj.get(key)
    if value in (None, "", {}):
        return []
    if not isinstance(value, list):
        report.warn(where, key, f"not a list ({type(value).__name__}); left out")
        return []
    return value


def _day_events(day: dict[str, Any], report: Report) -> list[tuple[str, Any]]:
    rooms = day.get("rooms")
    out: list[tuple[str, Any]] = []
    if isinstance(rooms, dict):
        for room, events in rooms.items():
            if isinstance(events, list):
                out.extend((one_line(room), e) for e in events)
            else:
                report.warn(
                    f"day {one_line(day.get('date'))}",
                    "rooms",
                    f"room {room!r} does not hold a list of events; left out",
                )
    elif isinstance(rooms, list):  # [{"name": ..., "events": [...]}] or a flat list of events
        for item in rooms:
            events = item.get("events") or item.get("talks") if isinstance(item, dict) else None
            if isinstance(item, dict) and isinstance(events, list):
                out.extend((one_line(item.get("name")), e) for e in events)
            else:
                out.append(("", item))
    else:
        report.warn(f"day {one_line(day.get('date'))}", "rooms", "missing; the day has no sessions")
    return out


def _read_event(
    e: dict[str, Any],
    number: int,
    day: dict[str, Any],
    room: str,
    schedule: Schedule,
    report: Report,
    person: PersonReader,
) -> SessionRecord:
    sid = one_line(first(e.get("id"), e.get("code"), e.get("guid"), e.get("slug"))) or f"#{number}"
    s = SessionRecord(
        source_id=sid,
        guid=one_line(e.get("guid")),
        title=one_line(e.get("title")),
        subtitle=one_line(e.get("subtitle")),
        room=one_line(e.get("room")) or room,
        track=one_line(e.get("track")),
        type=one_line(e.get("type")),
        language=one_line(e.get("language")),
        abstract=multiline(e.get("abstract")),
        description=multiline(e.get("description")),
        url=one_line(first(e.get("url"), e.get("origin_url"))),
    )
    # pretalx's and some frab exports' state of a submission: a cancelled one stays, marked
    if one_line(first(e.get("state"), e.get("status"))).lower() in ("canceled", "cancelled"):
        s.status = "cancelled"
    if not s.title:
        report.warn(s.label, "title", "missing; the session is imported as 'Untitled session'")
    start = parse_instant(e.get("date"))
    if start is None and one_line(e.get("date")):
        report.warn(
            s.label,
            "date",
            f"expected an ISO 8601 date and time, got {one_line(e.get('date'))!r}; "
            "the day's date and the start time are used",
        )
    if start is None:
        clock = parse_clock(e.get("start"))
        day_date = parse_day(day.get("date"))
        day_start = parse_instant(day.get("day_start"))
        if clock is not None and day_date is not None:
            start = combine(day_date, clock, day_start.time() if day_start else None)
            if day_start is not None and day_start.tzinfo is not None:
                start = start.replace(tzinfo=day_start.tzinfo)
        else:
            got = one_line(e.get("start"))
            report.warn(
                s.label,
                "start",
                f"expected HH:MM, got {got!r}; the session is imported unscheduled"
                if got
                else "missing, and no date; the session is imported unscheduled",
            )
    s.start = start
    s.duration = parse_minutes(e.get("duration"))
    if s.duration is None:
        end = parse_instant(e.get("end"))
        if (
            end is not None
            and s.start is not None
            and (end.tzinfo is None) == (s.start.tzinfo is None)
        ):
            s.duration = parse_minutes(int((end - s.start).total_seconds() // 60))
    if s.duration is None:
        raw = one_line(e.get("duration"))
        report.warn(
            s.label,
            "duration",
            f"expected HH:MM, got {raw!r}; the session has no duration"
            if raw
            else "missing; the session has no duration",
        )
    persons = e.get("persons")
    if persons is not None and not isinstance(persons, list):
        report.warn(s.label, "persons", "not a list; the session has no speakers")
        persons = []
    for p in persons or []:
        if isinstance(p, str):
            p = {"name": p}
        if not isinstance(p, dict):
            report.warn(
                s.label,
                "persons",
                f"a person that is not an object ({type(p).__name__}) is left out",
            )
            continue
        record = person(p, s, report)
        if record is not None:
            s.persons.append(schedule.add_person(record))
    s.links = _link_list(e.get("links"), s, report, "links")
    s.attachments = _link_list(e.get("attachments"), s, report, "attachments")
    return s


def _link_list(value: Any, s: SessionRecord, report: Report, field: str) -> list[Link]:
    out: list[Link] = []
    if value in (None, ""):
        return out
    if not isinstance(value, list):
        report.warn(s.label, field, "not a list; left out")
        return out
    for item in value:
        if isinstance(item, str):
            item = {"url": item}
        if not isinstance(item, dict):
            report.warn(
                s.label, field, f"an item that is not an object ({type(item).__name__}) is left out"
            )
            continue
        url = one_line(first(item.get("url"), item.get("href"), item.get("link")))
        title = one_line(first(item.get("title"), item.get("description"), item.get("name")))
        if not url:
            report.warn(s.label, field, f"an item without url ({title!r}) is left out")
            continue
        out.append(Link(url=url, title=title, kind=one_line(item.get("type")).lower()))
    return out
