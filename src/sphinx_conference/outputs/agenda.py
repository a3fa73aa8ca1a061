"""The reader's agenda: one JSON file of each event's sessions, and the agenda script's pages.

``_agenda/<event-id>.json`` is what ``conference-agenda.js`` reads (once per event and
page) to put an "Add to my agenda" button on each session, to show "Now" and "Next"
badges, and to list a reader's picks on ``agenda.html``.  It carries, per session, the
times in event time with their offset, the room, the URL relative to the site root,
and the session's VEVENT exactly as the event's calendar (:mod:`.ical`) serializes it,
so that the picks downloaded as an ``.ics`` file hold the same VEVENTs (same UID,
DTSTART/DTEND, SUMMARY, LOCATION, URL); the VTIMEZONE of the event's zone comes with
them.  Nothing of this is in the pages' HTML: a page names the events whose sessions it
shows in one attribute of the script's tag (``data-events``), so no page grows with the
number of its sessions.

Written at ``html-collect-pages`` with the other exports, only when what it shows
changed (:class:`~.cache.OutputCache`).
"""

from __future__ import annotations

import json
import re
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx_conference.core.model import Event, Session
from sphinx_conference.domain.state import get_state
from sphinx_conference.domain.store import ConferenceDomain, get_domain
from sphinx_conference.outputs import ical
from sphinx_conference.outputs.cache import Job, is_html, output_cache, page_objects
from sphinx_conference.outputs.ical import zone
from sphinx_conference.render.agenda import AGENDA_FLAG, note_sessions

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
    out = []
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
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)


def agenda_jobs(app: Sphinx) -> list[Job]:
    """Every event's agenda data: (path, maker) of those that changed since the previous build."""
    if not enabled(app):
        return []
    domain = get_domain(app.env)
    cache = output_cache(app)
    builder: Any = app.builder
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
    """``doctree-resolved``: the events of the sessions a page defines (their blocks)."""
    if enabled(app):
        note_sessions(doctree, page_objects(app, docname).sessions)


def add_script(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: the agenda script, on pages that show sessions and on agenda.html.

    The tag names the events whose data the page needs (``data-events``).
    """
    if not enabled(app):
        return
    if pagename == AGENDA_PAGE and context.get("conference_generated"):
        events = sorted(get_domain(app.env).events)
    else:
        found = doctree.get(AGENDA_FLAG) if doctree is not None else None
        events = list(found or context.get(AGENDA_FLAG) or ())
    if events:
        attributes: dict[str, Any] = {"data-events": " ".join(events)}
        app.add_js_file(SCRIPT, loading_method="defer", **attributes)
