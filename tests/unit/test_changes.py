"""Schedule changes, pure parts: what a re-import finds changed, and the words readers see."""

from __future__ import annotations

import datetime as dt

import pytest

from sphinx_conference.cli.importers.common import ScheduleError
from sphinx_conference.cli.importers.history import (
    PreviousSession,
    blocks_in,
    change_block,
    compare,
    import_date,
    options_of,
)
from sphinx_conference.core import rules
from sphinx_conference.core.changes import badges, describe, newest_first
from sphinx_conference.core.model import ScheduleChange, Session
from sphinx_conference.domain.incremental import resolve_key
from sphinx_conference.domain.index import Records, build_index

BLOCK = (
    "% session-source: abc-1\n"
    ":::{session} ev/talk\n"
    ":title: A talk\n"
    ":event: ev\n"
    ":speakers: ada, grace\n"
    ":start: 2031-05-10 11:00\n"
    ":room: Room B\n"
    "\n"
    "The abstract.\n"
    ":::\n"
)


def change(session: str = "ev/talk", day: int = 1, **kw) -> ScheduleChange:
    return ScheduleChange(session, "ev/changes", 1, dt.date(2031, 5, day), **kw)


def test_blocks_are_read_back_with_their_source_id_and_options():
    [found] = blocks_in("# Event\n\n" + BLOCK, "ev", None)  # type: ignore[arg-type]
    assert (found.sid, found.slug, found.key) == ("ev/talk", "talk", "abc-1")
    assert found.options["room"] == "Room B" and "abstract" not in found.options
    assert options_of(BLOCK)["speakers"] == "ada, grace"


def test_a_cancelled_block_says_so_once():
    session = PreviousSession("ev/talk", "talk", "abc-1", BLOCK, None, options_of(BLOCK))  # type: ignore[arg-type]
    cancelled = session.as_cancelled()
    assert ":room: Room B\n:status: cancelled\n\nThe abstract." in cancelled
    again = PreviousSession("ev/talk", "talk", "abc-1", cancelled, None, options_of(cancelled))  # type: ignore[arg-type]
    assert again.cancelled and again.as_cancelled() == cancelled


@pytest.mark.parametrize(
    ("new", "kinds", "was"),
    [
        ({}, [], {}),
        (
            {"start": "2031-05-10 15:00"},
            ["moved"],
            {"was-start": "2031-05-10 11:00", "was-room": "Room B"},
        ),
        ({"room": "Room A"}, ["moved"], {"was-start": "2031-05-10 11:00", "was-room": "Room B"}),
        ({"title": "Another"}, ["retitled"], {"was-title": "A talk"}),
        ({"speakers": "grace, ada"}, [], {}),  # the same people in another order
        ({"speakers": "ada"}, ["speakers"], {"was-speakers": "ada, grace"}),
        ({"status": "cancelled"}, ["cancelled"], {}),
        (
            {"title": "X", "room": "Y"},
            ["moved", "retitled"],
            {"was-title": "A talk", "was-start": "2031-05-10 11:00", "was-room": "Room B"},
        ),
    ],
)
def test_compare(new, kinds, was):
    old = options_of(BLOCK)
    assert compare(old, {**old, **new}) == (kinds, was)


def test_a_change_block_reads_back_by_the_rules():
    text = change_block(
        "ev/talk",
        dt.date(2031, 5, 1),
        ["moved", "retitled"],
        {"was-room": "Room B", "was-title": '"A: talk"'},
    )
    lines = text.splitlines()
    options = {}
    for line in lines[1:-1]:
        key, _, value = line[1:].partition(": ")
        options[key] = value.strip('"')
    reading = rules.read(rules.SCHEDULE_CHANGE, "ev/talk", options)
    assert reading.problems == []
    record = rules.to_change("ev/talk", reading.values, docname="d", lineno=1)
    assert record is not None and record.kinds == ("moved", "retitled")
    assert record.was_room == "Room B" and record.was_title == "A: talk"


def test_import_date(monkeypatch):
    assert import_date("2031-05-01") == dt.date(2031, 5, 1)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1999999999")
    assert import_date("") == dt.date(2033, 5, 18)
    with pytest.raises(ScheduleError, match="--date"):
        import_date("soon")


def test_badges_and_words():
    session = Session("ev/talk", "ev/index", 1, "A talk", start=dt.datetime(2031, 5, 10, 15, 0))
    moved = change(kinds=("moved",), was_start=dt.datetime(2031, 5, 10, 11, 0), was_room="Room B")
    older = change(
        day=1, kinds=("moved", "retitled"), was_start=dt.datetime(2031, 5, 9, 9, 0), was_title="Old"
    )
    newer = ScheduleChange(
        "ev/talk",
        "ev/changes",
        2,
        dt.date(2031, 5, 3),
        kinds=moved.kinds,
        was_start=moved.was_start,
        was_room=moved.was_room,
    )
    found = badges(session, newest_first([older, newer]))
    assert [text for _, text in found] == ["Moved from 11:00, Room B", "Retitled"]
    assert describe(older) == "Moved from Fri 9 May 09:00; retitled (was 'Old')"
    cancelled = Session("ev/talk", "ev/index", 1, "A talk", status="cancelled")
    assert [text for _, text in badges(cancelled, [change(kinds=("cancelled",))])] == ["Cancelled"]
    assert describe(change(kinds=("speakers",), was_speakers=("ada",)), names={"ada": "Ada"}) == (
        "Speakers changed (were Ada)"
    )


def test_the_index_keeps_changes_by_event_and_session_newest_first():
    a, b = change(day=1, kinds=("added",)), change(day=5, kinds=("moved",))
    c = change("other/x", day=3, kinds=("cancelled",))
    idx = build_index(Records(changes={"ev/changes": (a, b), "other/changes": (c,)}), today=None)
    assert idx.changes_by_session["ev/talk"] == [b, a]
    assert idx.changes_by_event == {"ev": [b, a], "other": [c]}


def test_pages_depend_on_the_changes_they_show():
    talk = Session("ev/talk", "ev/index", 1, "A talk")
    a = change(kinds=("retitled",), was_title="Old")
    idx = build_index(Records(sessions={talk.id: talk}, changes={"ev/changes": (a,)}), today=None)
    today = dt.date(2031, 5, 1)
    assert resolve_key(idx, today, ("changes", "ev")) == [(a, talk)]
    assert resolve_key(idx, today, ("session-changes", "ev/talk")) == [a]
    assert resolve_key(idx, today, ("session-changes", "ev/other")) is None
