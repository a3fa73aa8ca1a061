"""iCalendar (RFC 5545) files of events, sessions and people (icalendar).

Named ``ical`` so that it does not shadow the standard library's ``calendar``.

* ``_calendars/events/<event-id>.ics``: the event (all day) and all its sessions;
* ``_calendars/sessions/<event-id>/<slug>.ics``: one session;
* ``_calendars/people/<person-id>.ics``: every session of a person, across events.

Times are in the event's ``timezone`` (VTIMEZONE components are added); a
session without a start time is an all-day entry over its event's dates.  UIDs
derive from ids and the site's host, and DTSTAMP from the build's today
(``SOURCE_DATE_EPOCH`` or ``conference_today``), so a rebuild gives the same
files.  Event, session and person pages get an "Add to calendar" link, added at
``doctree-resolved`` next to the object's block.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from functools import cache, partial
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from docutils import nodes
from icalendar import Calendar, Component, Timezone
from icalendar import Event as VEvent

from sphinx_conference.core.changes import CANCELLED
from sphinx_conference.core.model import Event, Person, Session
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

if TYPE_CHECKING:
    from sphinx.application import Sphinx

CAL_DIR = "_calendars"


def event_path(event: Event) -> str:
    """Output path of an event's calendar."""
    return f"{CAL_DIR}/events/{event.id}.ics"


def session_path(session: Session) -> str:
    """Output path of a session's calendar (session ids are ``<event-id>/<slug>``)."""
    return f"{CAL_DIR}/sessions/{session.id}.ics"


def person_path(person: Person) -> str:
    """Output path of a person's calendar."""
    return f"{CAL_DIR}/people/{person.id}.ics"


def zone(event: Event | None, default: str) -> ZoneInfo:
    """The time zone of ``event``'s times (the configured default, else UTC)."""
    name = (event.timezone if event else "") or default or "UTC"
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _uid(app: Sphinx, kind: str, ident: str) -> str:
    host = urlsplit(site_url(app.config)).hostname or "localhost"
    return f"{kind}-{ident.replace('/', '-')}@{host}"


def place(event: Event | None, room: str = "") -> str:
    """A one-line location: room, venue, city, country."""
    parts = [room] + ([event.venue, event.city, event.country] if event else [])
    return ", ".join(p for p in parts if p)


def event_vevent(app: Sphinx, event: Event) -> VEvent | None:
    """The all-day VEVENT of an event, or None without dates."""
    if event.start is None:
        return None
    ve = VEvent()
    ve.add("uid", _uid(app, "event", event.id))
    ve.add("dtstamp", build_stamp(app.config))
    ve.add("dtstart", event.start)
    ve.add("dtend", (event.end or event.start) + dt.timedelta(days=1))
    ve.add("summary", event.display_name)
    if event.summary:
        ve.add("description", event.summary)
    if place(event):
        ve.add("location", place(event))
    ve.add("url", page_url(app, event.docname, event.anchor))
    if event.tags:
        ve.add("categories", list(event.tags))
    return ve


def session_vevent(app: Sphinx, session: Session, domain: ConferenceDomain) -> VEvent | None:
    """The VEVENT of a session: timed where its start is known, else all day over its event."""
    event = domain.events.get(session.event)
    ve = VEvent()
    ve.add("uid", _uid(app, "session", session.id))
    ve.add("dtstamp", build_stamp(app.config))
    if session.start is not None:
        tz = zone(event, app.config.conference_default_timezone)
        start = session.start.replace(tzinfo=tz)
        ve.add("dtstart", start)
        ve.add("dtend", start + dt.timedelta(minutes=session.duration or 0))
    elif event is not None and event.start is not None:
        ve.add("dtstart", event.start)
        ve.add("dtend", (event.end or event.start) + dt.timedelta(days=1))
    else:
        return None
    title = session.display_name
    if event is not None:
        title = f"{title} ({event.display_name})"
    ve.add("summary", title)
    names = [domain.people[p].display_name for p in session.speakers if p in domain.people]
    description = "\n\n".join(
        part for part in (", ".join(names), session.abstract, session.slides, session.video) if part
    )
    if description:
        ve.add("description", description)
    if place(event, session.room):
        ve.add("location", place(event, session.room))
    ve.add("url", page_url(app, session.docname, session.anchor))
    if session.tags:
        ve.add("categories", list(session.tags))
    # Subscribed calendars update an entry whose SEQUENCE rose: one per recorded change.
    changes = domain.index.changes_by_session.get(session.id, ())
    if changes:
        ve.add("sequence", len(changes))
    if session.status == CANCELLED:
        ve.add("status", "CANCELLED")
    return ve


#: The years a VEVENT spans and the TZIDs its properties use.
EntryFacts = tuple[frozenset[int], frozenset[str]]


def entry_facts(entry: Component) -> EntryFacts:
    """The years ``entry`` spans (DTSTART, DTEND) and the TZIDs it uses.

    The TZIDs are those ``Calendar.get_used_tzids()`` finds in the entry's properties.
    """
    years = frozenset(entry.decoded(key).year for key in ("dtstart", "dtend") if key in entry)
    tzids = frozenset(
        tzid
        for _, value in entry.property_items(sorted=False)
        if (tzid := getattr(value, "params", {}).get("TZID")) is not None
    )
    return years, tzids


def calendar(
    app: Sphinx,
    name: str,
    entries: Iterable[VEvent | None],
    facts: Callable[[Component], EntryFacts] = entry_facts,
) -> Calendar | None:
    """A calendar of ``entries`` with the VTIMEZONEs they use; None when there are none.

    ``facts`` gives an entry's years and TZIDs (:func:`entry_facts`; memoised by
    :func:`calendar_specs` for entries that are in several calendars).
    """
    cal = Calendar()
    cal.add("prodid", f"-//sphinx-conference//{__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    count = 0
    years: set[int] = set()
    used: set[str] = set()
    for entry in entries:
        if entry is not None:
            cal.add_component(entry)
            count += 1
            entry_years, tzids = facts(entry)
            years |= entry_years
            used |= tzids
    if not count:
        return None
    # As Calendar.add_missing_timezones(), with each VTIMEZONE computed once per build
    # instead of once per calendar, and covering only the years the entries span
    # (a zone's full 1970-2038 history made most of a calendar's size and build time).
    position = len(cal.timezones)
    first, last = (min(years), max(years)) if years else (1970, 2037)
    # As cal.get_missing_tzids(): the calendar's own properties have no TZID, and it
    # has no VTIMEZONE yet.
    for tzid in sorted(used - {"UTC"}):  # a set: sorted, for the same file every build
        timezone = _vtimezone(tzid, first, last)
        if timezone is not None:
            cal.subcomponents.insert(position, timezone)
            position += 1
    return cal


@cache
def _vtimezone(tzid: str, first_year: int, last_year: int) -> Timezone | None:
    try:
        return Timezone.from_tzid(
            tzid, first_date=dt.date(first_year, 1, 1), last_date=dt.date(last_year + 1, 1, 1)
        )
    except ValueError:
        return None


SessionEntry = Callable[[Session], "VEvent | None"]


def event_calendar(
    app: Sphinx,
    event: Event,
    sessions: list[Session],
    entry: SessionEntry,
    facts: Callable[[Component], EntryFacts] = entry_facts,
) -> Calendar | None:
    """An event with all its sessions (``entry`` gives a session's VEVENT)."""
    entries = [event_vevent(app, event), *(entry(s) for s in sessions)]
    return calendar(app, event.display_name, entries, facts)


def session_calendar(
    app: Sphinx,
    session: Session,
    entry: SessionEntry,
    facts: Callable[[Component], EntryFacts] = entry_facts,
) -> Calendar | None:
    """One session."""
    return calendar(app, session.display_name, [entry(session)], facts)


def person_calendar(
    app: Sphinx,
    person: Person,
    sessions: list[Session],
    entry: SessionEntry,
    facts: Callable[[Component], EntryFacts] = entry_facts,
) -> Calendar | None:
    """A person's sessions across events."""
    return calendar(app, f"Sessions of {person.display_name}", (entry(s) for s in sessions), facts)


def calendar_specs(
    app: Sphinx,
) -> Iterator[tuple[str, str, Any, Callable[[], Calendar | None]]]:
    """(page, output path, everything it shows, a function that builds it) for each calendar.

    The page is the one defining the calendar's event, session or person.
    """
    domain = get_domain(app.env)
    idx = domain.index
    people = domain.people
    events = domain.events
    # A session is in the calendars of its event, itself and each speaker: one VEVENT.
    entries: dict[str, VEvent | None] = {}

    def entry(session: Session) -> VEvent | None:
        if session.id not in entries:
            entries[session.id] = session_vevent(app, session, domain)
        return entries[session.id]

    known: dict[int, tuple[Component, EntryFacts]] = {}

    def facts(component: Component) -> EntryFacts:
        # By identity: a session's one VEVENT is in up to four calendars.
        if id(component) not in known:
            known[id(component)] = (component, entry_facts(component))
        return known[id(component)][1]

    def session_inputs(sessions: Iterable[Session]) -> list[Any]:
        changes = idx.changes_by_session
        return [
            (s, events.get(s.event), [people.get(sp) for sp in s.speakers], changes.get(s.id))
            for s in sessions
        ]

    for event in sorted(domain.events.values(), key=lambda e: e.id):
        sessions = idx.sessions_by_event.get(event.id, [])
        yield (
            event.docname,
            event_path(event),
            (event, session_inputs(sessions)),
            partial(event_calendar, app, event, sessions, entry, facts),
        )
    for session in sorted(domain.sessions.values(), key=lambda s: s.id):
        yield (
            session.docname,
            session_path(session),
            session_inputs([session]),
            partial(session_calendar, app, session, entry, facts),
        )
    for person in sorted(domain.people.values(), key=lambda p: p.id):
        sessions = idx.sessions_by_speaker.get(person.id, [])
        yield (
            person.docname,
            person_path(person),
            (person, session_inputs(sessions)),
            partial(person_calendar, app, person, sessions, entry, facts),
        )


def calendars(app: Sphinx) -> dict[str, Calendar]:
    """Output path -> calendar, for every event, session and person that has one."""
    out = {path: build() for _, path, _, build in calendar_specs(app)}
    return {path: cal for path, cal in sorted(out.items()) if cal is not None}


def serialize(cal: Calendar, memo: dict[int, tuple[Component, bytes]]) -> bytes:
    """``cal.to_ical()``, with each subcomponent serialized once across calendars.

    A session's VEVENT is in several calendars and a zone's VTIMEZONE in most of
    them.  RFC 5545 components are self-contained blocks of content lines (BEGIN,
    properties, END), so the calendar is its own lines around the blocks of its
    subcomponents, each kept in ``memo`` (by identity) once serialized.
    """
    subcomponents = cal.subcomponents
    cal.subcomponents = []
    try:
        shell = cal.to_ical()
    finally:
        cal.subcomponents = subcomponents
    end = b"END:VCALENDAR\r\n"
    if not shell.endswith(end):  # pragma: no cover - not the layout of RFC 5545
        return cal.to_ical()
    blocks = []
    for component in subcomponents:
        known = memo.get(id(component))
        if known is None:
            known = memo[id(component)] = (component, component.to_ical())
        blocks.append(known[1])
    return shell[: -len(end)] + b"".join(blocks) + end


def has_calendar(record: Event | Session | Person, domain: ConferenceDomain) -> bool:
    """Whether a calendar file is written for ``record`` (it has at least one dated entry)."""

    def dated(s: Session) -> bool:
        event = domain.events.get(s.event)
        return s.start is not None or (event is not None and event.start is not None)

    if isinstance(record, Event):
        return record.start is not None or any(
            dated(s) for s in domain.index.sessions_by_event.get(record.id, [])
        )
    if isinstance(record, Session):
        return dated(record)
    return any(dated(s) for s in domain.index.sessions_by_speaker.get(record.id, []))


def calendar_jobs(app: Sphinx) -> list[PageJob]:
    """Every calendar, with its page (see :class:`~.exports.RecordExports`).

    The calendars of one build share their VEVENTs and the VEVENTs' serialisation.
    """
    if not app.config.conference_calendars or not is_html(app):
        return []
    serialized: dict[int, tuple[Component, bytes]] = {}

    def make(build: Callable[[], Calendar | None]) -> bytes | None:
        cal = build()
        return None if cal is None else serialize(cal, serialized)

    return [
        (page, path, inputs, partial(make, build))
        for page, path, inputs, build in calendar_specs(app)
    ]


def calendar_link(uri: str, what: str) -> nodes.paragraph:
    """An "Add to calendar" button (a sphinx-design button link) to an ``.ics`` file."""
    para = nodes.paragraph(classes=["conference-calendar"])
    ref = nodes.reference(
        "",
        "",
        nodes.Text("Add to calendar"),
        refuri=uri,
        reftitle=f"Download {what} as an iCalendar (.ics) file",
        classes=[
            "sd-sphinx-override",
            "sd-btn",
            "sd-text-wrap",
            "sd-btn-outline-primary",
            "conference-calendar-link",
        ],
    )
    para += ref
    return para


def add_calendar_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: an "Add to calendar" link by each event, session and person block."""
    if not app.config.conference_calendars or not is_html(app):
        return
    objects = page_objects(app, docname)
    records: list[tuple[Event | Session | Person, str, str]] = [
        *((e, event_path(e), "this event") for e in objects.events),
        *((s, session_path(s), "this session") for s in objects.sessions),
        *((p, person_path(p), f"the sessions of {p.display_name}") for p in objects.people),
    ]
    if not records:
        return
    domain = get_domain(app.env)
    blocks = {
        ident: node for node in doctree.findall(nodes.Element) for ident in node.get("ids", ())
    }
    for record, path, what in records:
        block = blocks.get(record.anchor)
        if block is None or not has_calendar(record, domain):
            continue
        link = calendar_link(relative_file_uri(app, docname, path), what)
        if isinstance(record, Person) and block.parent is not None:
            block.parent.insert(block.parent.index(block) + 1, link)  # after the card
        else:
            block += link
