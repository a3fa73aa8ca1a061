"""Around this session: what a session's block shows of the sessions near it.

Four things, each a pure function of the :class:`~sphinx_conference.domain.index.Index`:

- **At the same time**: the sessions of its event that overlap it.  Two sessions
  overlap when ``start < other.end and other.start < end`` (the end is the start
  plus the duration); sessions that start at the same moment overlap whatever their
  durations, and a session without a duration lasts an instant.
- **Next in this room**: the session of its event in the same room (compared
  case-insensitively) that starts next after it, on any later day.
- **More by these speakers**: other sessions of any of its speakers, at any event,
  newest first, at most :data:`MORE_LIMIT` (the talks listed under "Also given at"
  are not repeated).
- **Also given at**: the same talk at other events: the same set of speakers and the
  same title once normalised (:func:`talk_key`: accents, case, punctuation and
  spaces ignored), newest first.

A session without a start time has no "At the same time" and no "Next in this room".
Times are compared as instants: a start written without an offset is a wall-clock
time in its event's zone.

The tables behind the first, second and fourth are computed once per index, for
every session at once (:func:`_tables`, about linear in the number of sessions);
each session's result is memoised in the index as well.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sphinx_conference.core.changes import badges
from sphinx_conference.core.model import Session
from sphinx_conference.core.times import zone
from sphinx_conference.domain.index import Index, session_order
from sphinx_conference.domain.queries import newest_first

#: The most sessions "More by these speakers" lists.
MORE_LIMIT = 3


@dataclass(frozen=True)
class Around:
    """What a session's block shows of the sessions around it (empty parts are left out)."""

    same_time: tuple[Session, ...] = ()
    next_in_room: Session | None = None
    by_speakers: tuple[Session, ...] = ()
    also_at: tuple[Session, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.same_time or self.next_in_room or self.by_speakers or self.also_at)


def talk_key(title: str) -> str:
    """A title as compared across events: no accents, case-folded, letters and digits only.

    ``"Zero Trust: Beyond the Buzzword"`` and ``"zero trust - beyond the buzzword!"``
    are one talk; ``"Café"`` and ``"CAFE"`` too.
    """
    # Decomposed, an accent is a combining mark of its own: not a letter, so dropped.
    return "".join(c for c in unicodedata.normalize("NFKD", title).casefold() if c.isalnum())


def room_key(room: str) -> str:
    """A room's name as compared within an event: case- and space-insensitive."""
    return " ".join(room.split()).casefold()


def instant(value: dt.datetime, timezone: str) -> dt.datetime:
    """``value`` as an instant in UTC (a naive value is a wall-clock time in ``timezone``)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone(timezone))
    return value.astimezone(dt.UTC)


@dataclass
class _Tables:
    """The around tables of every session of an index (see :func:`_tables`)."""

    same_time: dict[str, list[Session]] = field(default_factory=lambda: defaultdict(list))
    next_in_room: dict[str, Session] = field(default_factory=dict)
    #: (speakers, talk key) -> the sessions giving that talk
    talks: dict[tuple[frozenset[str], str], list[Session]] = field(
        default_factory=lambda: defaultdict(list)
    )


def _talk(session: Session) -> tuple[frozenset[str], str] | None:
    """The key of the talk a session gives (``None``: no speakers or no title to compare)."""
    key = talk_key(session.title)
    if not session.speakers or not key:
        return None
    return (frozenset(session.speakers), key)


def _tables(idx: Index) -> _Tables:
    """Overlaps, next sessions by room and talks of every session; memoised in the index."""
    memo = idx.around.get("tables")
    if memo is not None:
        return memo
    tables = _Tables()
    events = idx.records.events
    for event_id, sessions in idx.sessions_by_event.items():
        if not event_id:
            continue  # no event: no programme to place it in
        event = events.get(event_id)
        tz = event.timezone if event is not None else ""
        timed = sorted(
            (
                (instant(s.start, tz), instant(s.end or s.start, tz), s)
                for s in sessions
                if s.start is not None
            ),
            key=lambda t: (t[0], session_order(t[2])),
        )
        # Sorted by start: the sessions overlapping one that start after it are the
        # ones right after it, up to its end.  Each pair is met once, and each list
        # fills in this order (earlier sessions first), so it is in start order.
        for i, (start, end, s) in enumerate(timed):
            for other_start, _, other in timed[i + 1 :]:
                if not (other_start < end or other_start == start):
                    break
                tables.same_time[s.id].append(other)
                tables.same_time[other.id].append(s)
        by_room: dict[str, list[tuple[dt.datetime, Session]]] = defaultdict(list)
        for start, _, s in timed:
            if s.room.strip():
                by_room[room_key(s.room)].append((start, s))
        for slots in by_room.values():
            for i, (start, s) in enumerate(slots):
                nxt = next((o for t, o in slots[i + 1 :] if t > start), None)
                if nxt is not None:
                    tables.next_in_room[s.id] = nxt
    for s in idx.sessions:
        talk = _talk(s)
        if talk is not None:
            tables.talks[talk].append(s)
    idx.around["tables"] = tables
    return tables


def around(idx: Index, sid: str, limit: int = MORE_LIMIT) -> Around:
    """What the block of session ``sid`` shows around it (empty for an unknown session)."""
    key = ("session", sid, limit)
    memo = idx.around.get(key)
    if memo is not None:
        return memo
    session = idx.records.sessions.get(sid)
    if session is None:
        return Around()
    tables = _tables(idx)
    talk = _talk(session)
    also = [o for o in (tables.talks.get(talk, []) if talk else []) if o.event != session.event]
    also = newest_first(idx, also)
    shown = {sid, *(o.id for o in also)}
    mine: dict[str, Session] = {}
    for speaker in session.speakers:
        for o in idx.sessions_by_speaker.get(speaker, []):
            if o.id not in shown:
                mine[o.id] = o
    result = Around(
        same_time=tuple(tables.same_time.get(sid, ())),
        next_in_room=tables.next_in_room.get(sid),
        by_speakers=tuple(newest_first(idx, mine.values())[:limit]),
        also_at=tuple(also),
    )
    idx.around[key] = result
    return result


def around_shown(idx: Index, sid: str) -> Any:
    """What the "around" lists of session ``sid`` show, for its event data's fingerprint.

    Only what is written: the sessions in time with their page, title, time and room,
    the others with their page, title and event's name, each with its change badges, and
    the zone the times are in.
    Another session's abstract or tags changing does not re-write the data, nor the
    time of a talk listed only by its title.
    """
    session = idx.records.sessions.get(sid)
    if session is None:
        return None
    events = idx.records.events
    found = around(idx, sid)

    def marks(s: Session) -> list[tuple[str, str]]:
        return badges(s, idx.changes_by_session.get(s.id, ()))

    def named(s: Session) -> tuple[Any, ...]:
        event = events.get(s.event)
        return (s.id, s.docname, s.title, event.display_name if event else s.event, marks(s))

    def timed(s: Session) -> tuple[Any, ...]:
        return (s.id, s.docname, s.title, s.start, s.duration, s.room, marks(s))

    event = events.get(session.event)
    return (
        event.timezone if event else "",
        session.start,
        [timed(s) for s in found.same_time],
        timed(found.next_in_room) if found.next_in_room else None,
        [named(s) for s in found.by_speakers],
        [named(s) for s in found.also_at],
    )
