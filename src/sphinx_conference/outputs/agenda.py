"""The reader's agenda and "Around this session": one JSON file of each event's sessions.

``_agenda/<event-id>.json`` is what ``conference-agenda.js`` reads (once per event and
page) to put an "Add to my agenda" button on each session, to show "Now" and "Next"
badges, to list a reader's picks on ``agenda.html`` and to draw the "Around this
session" list under each session's block.  It carries, per session, the times in event
time with their offset, the room, the URL relative to the site root, its change badges,
what is around it (:func:`around_of`: the ids of the sessions at the same time, next in
its room, by its speakers and of the same talk elsewhere; those of other events are
described under ``others``) and the session's VEVENT exactly as the event's calendar
(:mod:`.ical`) serializes it, so that the picks downloaded as an ``.ics`` file hold the
same VEVENTs (same UID, DTSTART/DTEND, SUMMARY, LOCATION, URL); the VTIMEZONE of the
event's zone comes with them.  Nothing of this is in the pages' HTML: a page names the
events whose sessions it shows in one attribute of the script's tag (``data-events``),
so no page grows with the number of its sessions (an event page of ten sessions, each
with four "around" lists, grew by 8 KB when they were written into it).

Written at ``html-collect-pages`` with the other exports, only when what it shows
changed (:class:`~.cache.OutputCache`).
"""

from __future__ import annotations

import json
import re
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx_conference.core.changes import badges
from sphinx_conference.core.model import Event, Session
from sphinx_conference.domain.around import around, around_shown
from sphinx_conference.domain.state import get_state
from sphinx_conference.domain.store import ConferenceDomain, get_domain
from sphinx_conference.outputs import ical
from sphinx_conference.outputs.cache import Job, is_html, output_cache, page_objects
from sphinx_conference.outputs.ical import zone
from sphinx_conference.render.agenda import AGENDA_FLAG, note_events, note_sessions

if TYPE_CHECKING:
    from sphinx.application import Sphinx

AGENDA_DIR = "_agenda"
#: The generated page listing a reader's picks, at the site root.
AGENDA_PAGE = "agenda"
SCRIPT = "conference-agenda.js"
#: Version of the data file's layout, for the script.
FORMAT = 1


def data_path(event: Event) -> str:
    """Output path of an event's agenda data."""
    return f"{AGENDA_DIR}/{event.id}.json"


def enabled(app: Sphinx) -> bool:
    """Whether the agenda is built (an HTML build with ``conference_agenda`` on)."""
    return bool(app.config.conference_agenda) and is_html(app)


def data_enabled(app: Sphinx) -> bool:
    """Whether the events' data and the script are written: for the agenda or the around lists."""
    return bool(app.config.conference_agenda or app.config.conference_around) and is_html(app)


def _local(value: Any) -> str:
    """An aware datetime as ``YYYY-MM-DDTHH:MM+HH:MM`` (event time and its offset)."""
    text: str = value.isoformat(timespec="minutes")
    return text.replace("+00:00", "Z") if text.endswith("+00:00") else text


_BLOCK = re.compile(r"BEGIN:(VEVENT|VTIMEZONE)\r\n.*?END:\1\r\n", re.S)
_UID = re.compile(r"^UID:([^\r\n]*)", re.M)


def calendar_blocks(app: Sphinx, event: Event) -> tuple[dict[str, str], list[str]] | None:
    """The VEVENTs (by UID) and VTIMEZONEs of the event's .ics, as written; None without one.

    The calendars are written just before (:mod:`.exports` makes the agenda data after
    them), or kept (and touched) because unchanged: their text is what the event's .ics
    holds, so it is read back rather than serialized again (serializing made 0.40 of the
    0.42 s the agenda data of 500 sessions took).
    """
    if not app.config.conference_calendars:
        return None
    path = Path(app.outdir, *ical.event_path(event).split("/"))
    start = get_state(app).build_start or 0
    try:
        if path.stat().st_mtime_ns < start:
            return None  # not written nor kept by this build: stale, removed at its end
        text = path.read_bytes().decode("utf-8")  # as written: CRLF, folded lines
    except OSError:
        return None
    vevents: dict[str, str] = {}
    vtimezones: list[str] = []
    for match in _BLOCK.finditer(text):
        block = match.group(0)
        if match.group(1) == "VTIMEZONE":
            vtimezones.append(block)
            continue
        uid = _UID.search(block.replace("\r\n ", ""))  # unfolded
        if uid:
            vevents[uid.group(1)] = block
    return vevents, vtimezones


def event_data(app: Sphinx, event: Event, sessions: list[Session], domain: ConferenceDomain) -> str:
    """The agenda data of ``event``: its sessions, their VEVENTs and the zone's VTIMEZONE."""
    tz = zone(event, app.config.conference_default_timezone)
    builder: Any = app.builder
    written = calendar_blocks(app, event)
    if written is not None:
        blocks, vtimezones = written
    else:  # no calendars: the same VEVENTs, serialized here
        entries = {s.id: ical.session_vevent(app, s, domain) for s in sessions}
        blocks = {str(v["uid"]): v.to_ical().decode() for v in entries.values() if v is not None}
        # The calendar adds the VTIMEZONE its VEVENTs need, over the years they span, as
        # the event's own .ics does.
        cal = ical.calendar(app, event.display_name, entries.values())
        vtimezones = [] if cal is None else [c.to_ical().decode() for c in cal.walk("VTIMEZONE")]
    with_around = bool(app.config.conference_around)
    own = {s.id for s in sessions}
    others: dict[str, dict[str, Any]] = {}
    changes = domain.index.changes_by_session
    out: list[dict[str, Any]] = []
    for s in sessions:
        start = s.start.replace(tzinfo=tz) if s.start is not None else None
        end = s.end.replace(tzinfo=tz) if s.end is not None else None
        vevent = blocks.get(ical._uid(app, "session", s.id))  # the UID the calendar gives it
        out.append(
            {
                "id": s.id,
                "title": s.display_name,
                "url": f"{builder.get_target_uri(s.docname)}#{s.anchor}",
                "start": _local(start) if start else None,
                "end": _local(end) if end else None,
                "room": s.room,
                "status": s.status,  # "" or "cancelled": the agenda page marks a cancelled pick
                "speakers": [
                    domain.people[p].display_name if p in domain.people else p for p in s.speakers
                ],
                "ics": vevent,
            }
        )
        marks = badges(s, changes.get(s.id, ()))
        if marks:
            out[-1]["badges"] = marks
        shown = around_of(domain, s) if with_around else None
        if shown:
            out[-1]["around"] = shown
            for other_id in (*shown.get("by", ()), *shown.get("also", ())):
                if other_id not in own and other_id not in others:
                    others[other_id] = _other(domain, builder, domain.sessions[other_id])
    data = {
        "format": FORMAT,
        "event": {
            "id": event.id,
            "name": event.display_name,
            "url": f"{builder.get_target_uri(event.docname)}#{event.anchor}",
            "timezone": tz.key,
            "start": event.start.isoformat() if event.start else None,
            "end": (event.end or event.start).isoformat() if event.start else None,
        },
        "vtimezones": vtimezones,
        "sessions": out,
    }
    if others:
        data["others"] = dict(sorted(others.items()))
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)


def around_of(domain: ConferenceDomain, session: Session) -> dict[str, Any]:
    """What is around ``session`` (:func:`~sphinx_conference.domain.around.around`), by id.

    ``same``: the sessions of its event at the same time; ``next``: the next in its
    room; ``by``: more by its speakers (any event); ``also``: the same talk at other
    events.  Empty parts are left out; ``{}`` when nothing is around it.
    """
    found = around(domain.index, session.id)
    out: dict[str, Any] = {}
    if found.same_time:
        out["same"] = [o.id for o in found.same_time]
    if found.next_in_room is not None:
        out["next"] = found.next_in_room.id
    if found.by_speakers:
        out["by"] = [o.id for o in found.by_speakers]
    if found.also_at:
        out["also"] = [o.id for o in found.also_at]
    return out


def _other(domain: ConferenceDomain, builder: Any, session: Session) -> dict[str, Any]:
    """A session of another event, as the around lists name it: title, page, event, badges."""
    event = domain.events.get(session.event)
    out: dict[str, Any] = {
        "title": session.display_name,
        "url": f"{builder.get_target_uri(session.docname)}#{session.anchor}",
        "event": event.display_name if event else session.event,
    }
    marks = badges(session, domain.index.changes_by_session.get(session.id, ()))
    if marks:
        out["badges"] = marks
    return out


def agenda_jobs(app: Sphinx) -> list[Job]:
    """Every event's agenda data: (path, maker) of those that changed since the previous build."""
    if not data_enabled(app):
        return []
    domain = get_domain(app.env)
    cache = output_cache(app)
    builder: Any = app.builder
    with_around = bool(app.config.conference_around)
    jobs: list[Job] = []
    for event in sorted(domain.events.values(), key=lambda e: e.id):
        sessions = domain.index.sessions_by_event.get(event.id, [])
        inputs = (
            event,
            [
                (
                    s,
                    [domain.people.get(p) for p in s.speakers],
                    builder.get_target_uri(s.docname),
                    # their VEVENTs' SEQUENCE
                    len(domain.index.changes_by_session.get(s.id, ())),
                    badges(s, domain.index.changes_by_session.get(s.id, ())),
                    around_shown(domain.index, s.id) if with_around else None,
                )
                for s in sessions
            ],
            builder.get_target_uri(event.docname),
            app.config.conference_default_timezone,
        )
        if not cache.fresh(data_path(event), inputs):
            jobs.append((data_path(event), partial(event_data, app, event, sessions, domain)))
    return jobs


# -- which pages get the script ----------------------------------------------------------


def note_page_sessions(app: Sphinx, doctree: Any, docname: str) -> None:
    """``doctree-resolved``: the events of the sessions a page defines (their blocks).

    The timed ones for their agenda buttons; all of them when their blocks also get the
    "around" lists (a session without a time still has its speakers' other talks).
    """
    if not enabled(app):
        return
    defined = page_objects(app, docname).sessions
    if app.config.conference_around:
        note_events(doctree, (s.event for s in defined))
    else:
        note_sessions(doctree, defined)


def add_script(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: the agenda script, on pages that show sessions and on agenda.html.

    The tag names the events whose data the page needs (``data-events``); without the
    agenda (``conference_agenda`` off, "around" lists on) it says so (``data-agenda="off"``)
    and is added only to the pages that define sessions.
    """
    if not data_enabled(app):
        return
    attributes: dict[str, Any] = {}
    if not enabled(app):
        attributes["data-agenda"] = "off"
        events = sorted({s.event for s in page_objects(app, pagename).sessions if s.event})
    elif pagename == AGENDA_PAGE and context.get("conference_generated"):
        events = sorted(get_domain(app.env).events)
    else:
        found = doctree.get(AGENDA_FLAG) if doctree is not None else None
        events = list(found or context.get(AGENDA_FLAG) or ())
    if events:
        attributes["data-events"] = " ".join(events)
        app.add_js_file(SCRIPT, loading_method="defer", **attributes)
