"""Around this session (domain/around.py), over hand-made records: no Sphinx build."""

from __future__ import annotations

import datetime as dt

from handmade import PEOPLE, TODAY, at, ids

from sphinx_conference.core.model import Event, Session
from sphinx_conference.domain.around import (
    MORE_LIMIT,
    Around,
    around,
    around_shown,
    talk_key,
)
from sphinx_conference.domain.index import Index, Records, build_index

EVENTS = [
    Event(
        "spring", "events/spring", 1, "Spring 2024", dt.date(2024, 5, 10), timezone="Europe/Berlin"
    ),
    Event("autumn", "events/autumn", 1, "Autumn 2025", dt.date(2025, 10, 2), timezone="UTC"),
    Event("old", "events/old", 1, "Old 2019", dt.date(2019, 1, 1)),
]


def talk(sid: str, title: str, speakers: tuple[str, ...] = ("ada",), start: str = "",
         duration: int | None = 30, room: str = "", docname: str = "") -> Session:  # fmt: skip
    event = sid.split("/")[0]
    return Session(
        sid,
        docname or f"events/{event}",
        1,
        title,
        event,
        speakers,
        start=at(start) if start else None,
        duration=duration,
        room=room,
    )


def index(*sessions: Session) -> Index:
    records = Records(
        people={p.id: p for p in PEOPLE},
        events={e.id: e for e in EVENTS},
        sessions={s.id: s for s in sessions},
    )
    return build_index(records, today=TODAY)


# -- at the same time -----------------------------------------------------------------------


def test_overlapping_sessions_of_the_event_in_start_order():
    idx = index(
        talk("spring/a", "A", start="2024-05-10 10:00", duration=45, room="1"),
        talk("spring/b", "B", start="2024-05-10 10:30", duration=30, room="2"),
        # starts when A ends: overlaps B only
        talk("spring/c", "C", start="2024-05-10 10:45", duration=30, room="3"),
        # no duration: an instant, at A's start
        talk("spring/d", "D", start="2024-05-10 10:00", duration=None),
        talk("spring/e", "E", start="2024-05-10 11:15", duration=15),  # after everything
        talk("autumn/x", "X", start="2024-05-10 10:00", duration=60),  # another event
        # two instants at one time
        talk("spring/g", "G", start="2024-05-10 12:00", duration=None),
        talk("spring/h", "H", start="2024-05-10 12:00", duration=None),
    )
    assert ids(around(idx, "spring/a").same_time) == ["spring/d", "spring/b"]
    assert ids(around(idx, "spring/b").same_time) == ["spring/a", "spring/c"]
    assert ids(around(idx, "spring/c").same_time) == ["spring/b"]
    assert ids(around(idx, "spring/d").same_time) == ["spring/a"]
    assert around(idx, "spring/e").same_time == ()
    assert around(idx, "autumn/x").same_time == ()
    assert ids(around(idx, "spring/g").same_time) == ["spring/h"]
    assert ids(around(idx, "spring/h").same_time) == ["spring/g"]


def test_a_start_with_an_offset_is_compared_as_an_instant():
    # 10:00 in Berlin (summer) is 08:00 UTC; a start written as 08:15+00:00 overlaps it.
    utc = talk("spring/utc", "UTC", duration=30)
    utc = Session(**{**utc.__dict__, "start": dt.datetime(2024, 5, 10, 8, 15, tzinfo=dt.UTC)})
    idx = index(talk("spring/a", "A", start="2024-05-10 10:00", duration=30), utc)
    assert ids(around(idx, "spring/a").same_time) == ["spring/utc"]
    assert ids(around(idx, "spring/utc").same_time) == ["spring/a"]


# -- next in this room ----------------------------------------------------------------------


def test_next_in_the_same_room_across_days():
    idx = index(
        talk("spring/first", "First", start="2024-05-10 09:00", room="Hall A"),
        talk("spring/other-room", "Other", start="2024-05-10 10:00", room="Hall B"),
        talk("spring/last", "Last of day one", start="2024-05-10 17:00", room="hall  a"),
        talk("spring/same-start", "Same start", start="2024-05-10 17:00", room="Hall A"),
        talk("spring/day-two", "Day two", start="2024-05-11 09:00", room="HALL A"),
        talk("spring/unscheduled", "Unscheduled", room="Hall A"),
        talk("autumn/far", "Another event", start="2024-05-10 12:00", room="Hall A"),
    )
    nxt = {s: around(idx, f"spring/{s}").next_in_room for s in ("first", "last", "day-two")}
    assert nxt["first"].id == "spring/last"  # rooms compared case- and space-insensitively
    assert nxt["last"].id == "spring/day-two"  # a session starting with it is not "next"
    assert nxt["day-two"] is None
    assert around(idx, "spring/other-room").next_in_room is None


def test_a_session_without_a_time_has_no_same_time_or_next_in_room():
    idx = index(
        talk("spring/tba", "TBA", room="Hall A"),
        talk("spring/timed", "Timed", start="2024-05-10 09:00", room="Hall A"),
        talk("autumn/more", "More", start="2025-10-02 09:00"),
    )
    found = around(idx, "spring/tba")
    assert found.same_time == () and found.next_in_room is None
    assert ids(found.by_speakers) == ["autumn/more", "spring/timed"]
    # and it is nobody's neighbour in time
    assert around(idx, "spring/timed").same_time == ()
    assert around(idx, "spring/timed").next_in_room is None


# -- more by these speakers -----------------------------------------------------------------


def test_more_by_any_of_its_speakers_across_events_newest_first_bounded():
    sessions = [
        talk("spring/pair", "Pair", ("ada", "grace"), start="2024-05-10 09:00"),
        talk("old/ada", "Ada in 2019", ("ada",), start="2019-01-01 10:00"),
        talk("autumn/grace", "Grace in 2025", ("grace",), start="2025-10-02 09:00"),
        talk("spring/ada-later", "Ada later", ("ada",), start="2024-05-10 15:00"),
        talk("spring/linus", "Linus", ("linus",), start="2024-05-10 15:00"),
    ]
    idx = index(*sessions)
    assert ids(around(idx, "spring/pair").by_speakers) == [
        "autumn/grace",
        "spring/ada-later",
        "old/ada",
    ]
    many = [talk(f"old/t{i}", f"Talk {i}", ("ada",), start=f"2019-01-01 1{i}:00") for i in range(8)]
    idx = index(sessions[0], *many)
    found = around(idx, "spring/pair").by_speakers
    assert len(found) == MORE_LIMIT
    assert ids(found) == [f"old/t{i}" for i in range(7, 7 - MORE_LIMIT, -1)]
    assert len(around(idx, "spring/pair", limit=2).by_speakers) == 2


# -- also given at ---------------------------------------------------------------------------


def test_talk_keys_ignore_accents_case_punctuation_and_spaces():
    assert talk_key("Café: Über Typing!") == talk_key("cafe  uber-typing") == "cafeubertyping"
    assert talk_key("Zero Trust: Beyond the Buzzword") == talk_key("zero trust beyond the buzzword")
    assert talk_key("Straße") == talk_key("STRASSE")
    assert talk_key("Rust 2") != talk_key("Rust 3")
    assert talk_key("?!") == ""


def test_also_given_at_other_events_same_speakers_same_normalised_title():
    idx = index(
        talk("spring/cafe", "Café: Über Typing!", ("ada", "grace"), start="2024-05-10 09:00"),
        talk("autumn/cafe", "cafe uber-typing", ("grace", "ada"), start="2025-10-02 09:00"),
        talk("old/cafe", "CAFE UBER TYPING", ("ada", "grace"), start="2019-01-01 09:00"),
        talk("old/alone", "Café: Über Typing", ("ada",), start="2019-01-01 11:00"),  # other set
        talk("spring/again", "Cafe uber typing", ("ada", "grace"), start="2024-05-10 16:00"),
        talk("spring/break", "Lunch", (), start="2024-05-10 12:00"),
        talk("autumn/break", "Lunch", (), start="2025-10-02 12:00"),
    )
    found = around(idx, "spring/cafe")
    # newest first; the same event's repeat and another speaker set are not "the same talk"
    assert ids(found.also_at) == ["autumn/cafe", "old/cafe"]
    # and they are not listed again under "More by these speakers"
    assert ids(found.by_speakers) == ["spring/again", "old/alone"]
    assert ids(around(idx, "autumn/cafe").also_at) == ["spring/again", "spring/cafe", "old/cafe"]
    assert around(idx, "old/alone").also_at == ()
    # sessions without speakers are no talk given again
    assert around(idx, "spring/break") == Around()


# -- what the lists show, for the event data's fingerprint ------------------------------------------------


def test_unknown_session_has_nothing_around():
    idx = index(talk("spring/a", "A", start="2024-05-10 10:00"))
    assert not around(idx, "spring/nope")
    assert around_shown(idx, "spring/nope") is None
    assert not around(idx, "spring/a")


def test_fingerprint_follows_what_is_shown_not_the_rest():
    base = [
        talk("spring/a", "A", ("ada",), start="2024-05-10 10:00", room="1"),
        talk("spring/b", "B", ("linus",), start="2024-05-10 10:15", room="1"),
        talk("autumn/c", "C", ("ada",), start="2025-10-02 10:00"),
    ]

    def shown(*sessions: Session) -> object:
        return around_shown(index(*sessions), "spring/a")

    before = shown(*base)
    b, c = base[1], base[2]
    abstract = Session(**{**c.__dict__, "abstract": "New words", "tags": ("x",)})
    assert shown(base[0], b, abstract) == before  # not shown: the data is kept
    retitled = Session(**{**c.__dict__, "title": "C, retitled"})
    assert shown(base[0], b, retitled) != before  # another event's session, retitled
    moved = Session(**{**b.__dict__, "docname": "events/b-own-page"})
    assert shown(base[0], moved, c) != before  # moved to its own page: the link changes
    later = Session(**{**b.__dict__, "start": at("2024-05-10 11:00")})
    assert shown(base[0], later, c) != before  # no longer at the same time
    added = talk("old/d", "D", ("ada",), start="2019-01-01 10:00")
    assert shown(*base, added) != before  # a speaker's other session added
