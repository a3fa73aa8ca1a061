"""A calendar's VTIMEZONE blocks come in one order, whatever the order of its entries.

icalendar's ``get_missing_tzids()`` is a set of strings, whose order changes with the
hash seed from one process to the next: a calendar spanning two zones would differ
between two builds of the same site.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from icalendar import Event as VEvent

from sphinx_conference.outputs.ical import calendar

ZONES = ["Pacific/Auckland", "America/New_York", "Europe/London", "Asia/Tokyo"]


def _entry(zone: str) -> VEvent:
    ve = VEvent()
    ve.add("uid", f"{zone}@test")
    ve.add("summary", zone)
    ve.add("dtstart", dt.datetime(2027, 5, 4, 10, 0, tzinfo=ZoneInfo(zone)))
    ve.add("dtend", dt.datetime(2027, 5, 4, 11, 0, tzinfo=ZoneInfo(zone)))
    return ve


@pytest.mark.parametrize("order", [ZONES, ZONES[::-1], ZONES[1:] + ZONES[:1]])
def test_time_zones_are_sorted_whatever_the_entries_order(order):
    cal = calendar(None, "zones", [_entry(zone) for zone in order])  # type: ignore[arg-type]
    assert cal is not None
    tzids = [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")]
    assert tzids == sorted(ZONES)
