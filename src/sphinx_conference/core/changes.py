"""Schedule changes: what a re-import records about a session, and how readers are told.

A re-import of a changed schedule (``python -m sphinx_conference import``) writes one
``{schedule-change}`` block per changed session into the event's ``changes.md``; the build
reads them into :class:`~sphinx_conference.core.model.ScheduleChange` records.  This module
holds what both sides share and what renderers, feeds and calendars say of a change: the
kinds, the words of a badge and of a change line.  Pure: no Sphinx, no docutils.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from sphinx_conference.core import rules
from sphinx_conference.core.model import ScheduleChange, Session

#: what a change can be, in the order a change line names them
KINDS = rules.CHANGE_KINDS
#: the name of the record file, beside the event page
CHANGES_FILE = "changes.md"
#: the status of a session that no longer takes place
CANCELLED = "cancelled"
#: the text of the badge of each kind of change but "moved" (which says from where)
BADGES = {"retitled": "Retitled", "speakers": "Speakers changed", "added": "Added"}


def changes_feed_path(event_id: str) -> str:
    """Output path of the Atom feed of event ``event_id``'s changes (under ``_feeds``)."""
    return f"_feeds/events/{event_id}.changes.atom.xml"


def clock(when: dt.datetime) -> str:
    """``10:00``."""
    return f"{when:%H:%M}"


def moved_from(change: ScheduleChange, now: Session | None = None) -> str:
    """Where and when a moved session was: ``10:00, Room A`` (the day too when it changed)."""
    parts = []
    if change.was_start is not None:
        same_day = now is not None and now.start is not None and now.day == change.was_start.date()
        parts.append(
            clock(change.was_start)
            if same_day
            else f"{change.was_start:%a} {change.was_start.day} {change.was_start:%b} "
            f"{clock(change.was_start)}"
        )
    if change.was_room:
        parts.append(change.was_room)
    return ", ".join(parts)


def badges(session: Session, changes: Sequence[ScheduleChange]) -> list[tuple[str, str]]:
    """``(kind, text)`` of the badges a session shows, ``[]`` when none.

    ``changes`` are the session's, newest first: each kind is shown once, as its newest
    change says it ("Moved from 10:00, Room A").  A cancelled session says so first.
    """
    out: list[tuple[str, str]] = []
    if session.status == CANCELLED:
        out.append((CANCELLED, "Cancelled"))
    seen: set[str] = {CANCELLED}
    for change in changes:
        for kind in change.kinds:
            if kind in seen:
                continue
            seen.add(kind)
            if kind == "moved":
                where = moved_from(change, session)
                out.append((kind, f"Moved from {where}" if where else "Moved"))
            elif kind in BADGES:
                out.append((kind, BADGES[kind]))
    return out


def describe(
    change: ScheduleChange,
    session: Session | None = None,
    names: Mapping[str, str] | None = None,
) -> str:
    """What changed, in words: ``moved from 10:00, Room A; retitled (was 'Old title')``."""
    names = names or {}
    parts = []
    for kind in (k for k in KINDS if k in change.kinds):
        if kind == "added":
            parts.append("added")
        elif kind == CANCELLED:
            parts.append("cancelled")
        elif kind == "moved":
            where = moved_from(change, session)
            parts.append(f"moved from {where}" if where else "moved")
        elif kind == "retitled":
            parts.append(f"retitled (was {change.was_title!r})" if change.was_title else "retitled")
        elif kind == "speakers":
            was = ", ".join(names.get(p, p) for p in change.was_speakers)
            parts.append(f"speakers changed (were {was})" if was else "speakers changed")
    text = "; ".join(parts) or "changed"
    return text[0].upper() + text[1:]


def newest_first(changes: Iterable[ScheduleChange]) -> list[ScheduleChange]:
    """Changes by date, newest first (then by session id, then source order)."""
    ordered = sorted(changes, key=lambda c: (c.session, c.docname, c.lineno))
    return sorted(ordered, key=lambda c: c.date, reverse=True)
