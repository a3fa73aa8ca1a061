"""Times as a page states them: wall-clock times in an event's zone, with absolute offsets.

A session's ``start`` is the wall-clock time at its event (``2023-02-07 11:00``);
the page shows it as written and gives browsers the instant as the ``datetime``
of a ``<time>`` element, ``2023-02-07T11:00+00:00``, so that a script can show it in
the reader's zone.  A date without a time (an event's days, a post's date) is a
plain ``2023-02-07``: it names a day, not an instant, and carries no offset.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

#: The zone of times whose event gives none and whose site sets no default (as calendars).
FALLBACK_ZONE = "UTC"


@cache
def zone(name: str) -> ZoneInfo:
    """The IANA zone ``name`` (:data:`FALLBACK_ZONE` when empty or unknown)."""
    try:
        return ZoneInfo(name or FALLBACK_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(FALLBACK_ZONE)


def zone_label(name: str) -> str:
    """The name of the zone a time is shown in: ``name``, or the fallback."""
    return zone(name).key


def machine_time(value: dt.datetime, zone_name: str) -> str:
    """``value`` as a ``datetime`` attribute with its offset: ``2023-02-07T11:00+00:00``.

    A naive value is a wall-clock time in ``zone_name``; an aware one (a start
    written with its offset) keeps its own offset.
    """
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone(zone_name))
    return value.isoformat(timespec="minutes")


def machine_date(value: dt.date) -> str:
    """A date as a ``datetime`` attribute: ``2023-02-07`` (a day carries no offset)."""
    return value.isoformat()
