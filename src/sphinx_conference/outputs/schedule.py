"""Each event's schedule as c3voc/frab schedule JSON, for other tools to consume.

Written at ``build-finished`` to ``_schedule/<event-id>.json``, in the format of
https://c3voc.de/schedule/schema.json (the format the frab importer reads).
Sessions appear under their day and room; a session without a start time
cannot be placed on a day and is left out (the schema requires a date-time).
GUIDs are UUIDv5 derived from ids, and numeric ids from a CRC of the id, so
they stay the same across builds.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
import zlib
from functools import partial
from html import escape
from typing import TYPE_CHECKING, Any

from sphinx_conference.core.model import Event, Session, tag_slug
from sphinx_conference.core.version import __version__
from sphinx_conference.domain.store import ConferenceDomain, get_domain
from sphinx_conference.outputs.cache import (
    PageJob,
    build_stamp,
    is_html,
    page_objects,
    page_url,
    relative_file_uri,
    site_url,
)
from sphinx_conference.outputs.ical import zone

if TYPE_CHECKING:
    from sphinx.application import Sphinx

SCHEDULE_DIR = "_schedule"
SCHEMA_URL = "https://c3voc.de/schedule/schema.json"
#: Namespace of the UUIDs of sessions, rooms and people of this extension.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://sphinx-conference.invalid/")


def schedule_path(event: Event) -> str:
    """Output path of an event's schedule."""
    return f"{SCHEDULE_DIR}/{event.id}.json"


def schedule_xml_path(event: Event) -> str:
    """Output path of an event's schedule as frab XML (:mod:`.frab`)."""
    return f"{SCHEDULE_DIR}/{event.id}.xml"


def guid(kind: str, ident: str) -> str:
    """A stable UUID for an object of ``kind``."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{ident}"))


def numeric_id(ident: str) -> int:
    """A stable positive integer id (the schema still requires one)."""
    return zlib.crc32(ident.encode("utf-8")) or 1


def acronym(event_id: str) -> str:
    """The event id in the schema's acronym form (lower case, no ``-`` after the first letter)."""
    value = re.sub(r"[^a-z0-9_]", "_", event_id.lower())
    return value if len(value) >= 4 else value.ljust(4, "_")


def slug(text: str) -> str:
    """A slug matching the schema's ``^[a-z0-9_-]+[a-z0-9]$``."""
    return re.sub(r"[^a-z0-9_-]+", "-", text.lower()).strip("-_") or "x"


def hhmm(minutes: int) -> str:
    """A duration in the schema's ``hh:mm`` form."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def session_room(session: Session, event: Event) -> str:
    """The room a session is listed under: its room, else the event's venue."""
    return session.room or event.venue or "Main"


def session_data(
    app: Sphinx, session: Session, event: Event, domain: ConferenceDomain
) -> dict[str, Any]:
    """One schedule event for a session with a start time."""
    assert session.start is not None
    tz = zone(event, app.config.conference_default_timezone)
    start = session.start.replace(tzinfo=tz)
    minutes = session.duration or 0
    links = [
        {"type": kind, "url": url, "title": title}
        for kind, url, title in (
            ("slides", session.slides, "Slides"),
            ("media", session.video, "Video"),
        )
        if url
    ]
    persons = []
    for pid in session.speakers:
        person = domain.people.get(pid)
        entry: dict[str, Any] = {
            "name": person.display_name if person else pid,
            "guid": guid("person", pid),
        }
        if person is not None:
            entry["url"] = page_url(app, person.docname)
        persons.append(entry)
    return {
        "guid": guid("session", session.id),
        "id": numeric_id(session.id),
        "date": start.isoformat(),
        "start": start.strftime("%H:%M"),
        "end": (start + dt.timedelta(minutes=minutes)).isoformat(),
        "duration": hhmm(minutes),
        "room": session_room(session, event),
        "slug": slug(f"{acronym(event.id)}-{session.id.split('/', 1)[-1]}"),
        "url": page_url(app, session.docname, session.anchor),
        "title": session.display_name,
        "subtitle": "",
        "track": session.track or None,
        "type": session.type or "talk",
        "language": session.language or None,
        "abstract": session.abstract,
        "description": "",
        "persons": persons,
        "links": links,
    }


def schedule(app: Sphinx, event: Event) -> dict[str, Any]:
    """The c3voc schedule document of ``event``."""
    domain = get_domain(app.env)
    tz = zone(event, app.config.conference_default_timezone)
    first = event.start or build_stamp(app.config).date()
    last = event.end or first
    sessions = [s for s in domain.index.sessions_by_event.get(event.id, []) if s.start is not None]
    # Sessions may fall outside the announced dates; the days cover them all.
    if sessions:
        first = min(first, *(s.start.date() for s in sessions if s.start))
        last = max(last, *(s.start.date() for s in sessions if s.start))
    rooms: list[str] = []
    for s in sessions:
        name = session_room(s, event)
        if name not in rooms:
            rooms.append(name)
    days = []
    for index in range((last - first).days + 1):
        date = first + dt.timedelta(days=index)
        day_rooms: dict[str, list[dict[str, Any]]] = {}
        for s in sessions:
            if s.start is not None and s.start.date() == date:
                day_rooms.setdefault(session_room(s, event), []).append(
                    session_data(app, s, event, domain)
                )
        start = dt.datetime.combine(date, dt.time(0, 0), tzinfo=tz)
        days.append(
            {
                "index": index + 1,
                "date": date.isoformat(),
                "day_start": start.isoformat(),
                "day_end": (start + dt.timedelta(hours=23, minutes=59)).isoformat(),
                "rooms": day_rooms,
            }
        )
    conference: dict[str, Any] = {
        "acronym": acronym(event.id),
        "title": event.display_name,
        "start": first.isoformat(),
        "end": last.isoformat(),
        "daysCount": len(days),
        "timeslot_duration": "00:05",
        "time_zone_name": str(tz.key),
        "url": page_url(app, event.docname, event.anchor),
        "tracks": [{"name": t, "slug": slug(tag_slug(t))} for t in event.tracks],
        "rooms": [{"name": r, "guid": guid("room", f"{event.id}/{r}")} for r in rooms],
        "days": days,
    }
    if event.summary:
        conference["description"] = event.summary
    if event.tags:
        conference["keywords"] = list(event.tags)
    return {
        "$schema": SCHEMA_URL,
        "generator": {"name": "sphinx-conference", "version": __version__},
        "schedule": {
            "version": build_stamp(app.config).date().isoformat(),
            "base_url": site_url(app.config),
            "conference": conference,
        },
    }


def schedule_jobs(app: Sphinx) -> list[PageJob]:
    """One schedule per event, with the event's page (see :class:`~.exports.RecordExports`)."""
    if not app.config.conference_schedules or not is_html(app):
        return []
    domain = get_domain(app.env)
    return [
        (e.docname, schedule_path(e), schedule_inputs(domain, e), partial(_schedule_text, app, e))
        for e in domain.events.values()
    ]


def schedule_inputs(domain: ConferenceDomain, event: Event) -> Any:
    """Everything an event's schedule shows (its fingerprint's inputs), in JSON and XML alike."""
    sessions = domain.index.sessions_by_event.get(event.id, [])
    return (event, [(s, [domain.people.get(sp) for sp in s.speakers]) for s in sessions])


def _schedule_text(app: Sphinx, event: Event) -> str:
    return json.dumps(schedule(app, event), ensure_ascii=False, indent=1) + "\n"


def link_schedule(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: an event page names its schedule JSON and XML in its head."""
    if not is_html(app):
        return
    kinds = [
        (path, kind, title)
        for on, path, kind, title in (
            (app.config.conference_schedules, schedule_path, "application/json", "schedule"),
            (
                app.config.conference_schedules_xml,
                schedule_xml_path,
                "application/xml",
                "schedule (frab XML)",
            ),
        )
        if on
    ]
    links = [
        f'\n<link rel="alternate" type="{kind}" '
        f'title="{escape(e.display_name)} {title}" '
        f'href="{escape(relative_file_uri(app, pagename, path(e)))}">'
        for e in page_objects(app, pagename).events
        for path, kind, title in kinds
    ]
    if links:
        context["metatags"] = context.get("metatags", "") + "".join(links)
