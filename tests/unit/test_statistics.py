"""Statistics of events and series, against counts made by hand (no Sphinx build).

The data: 3 events, 7 sessions, 5 people (ada, bob, cy, dee, eve).

    conf-2021 (series "conf", 2021-05-01)
      a/keynote   ada        track Core  talk      en  Python, Community
      a/rust      bob, cy    track Core  workshop  --  Rust
    conf-2022 (series "conf", 2022-05-01)
      b/keynote   ada        track Core  talk      en  python  (the tag Python, spelt otherwise)
      b/web       dee        track Web   talk      de  --
      b/panel     bob, eve   --          panel     en  Community, Python
    meetup (no series, 2022-09-01)
      c/intro     eve        --          lightning en  Community
      c/later     cy, dee    --          talk      --  --

Counted by hand:

* conf-2021: 2 sessions, 3 speakers (ada, bob, cy), no earlier edition: 3 first-time, 0 returning.
* conf-2022: 3 sessions, 4 speakers (ada, bob, dee, eve); ada and bob spoke at conf-2021:
  2 returning, 2 first-time (dee, eve).
* meetup: no series, so every earlier event on the site counts (conf-2021, conf-2022, whose
  speakers are all five people): its 3 speakers (eve, cy, dee) all return, 0 first-time.
* series "conf": 5 sessions, 5 distinct speakers, 2 of them (ada, bob) at both editions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from sphinx_conference.core.model import Event, Session
from sphinx_conference.domain.index import Records, TagKeys, build_index
from sphinx_conference.domain.statistics import (
    all_event_stats,
    count_by,
    earlier_events,
    event_stats,
    index_event_stats,
    index_series_stats,
    series_stats,
)

A = Event("conf-2021", "events/a", 1, "Conf 2021", dt.date(2021, 5, 1), series="conf")
B = Event("conf-2022", "events/b", 1, "Conf 2022", dt.date(2022, 5, 1), series="conf")
C = Event("meetup", "events/c", 1, "Meetup", dt.date(2022, 9, 1))
EVENTS = [A, B, C]


def session(sid: str, event: str, speakers: str, track: str, type_: str, lang: str, tags: str):
    return Session(
        sid,
        f"events/{sid[0]}",
        1,
        sid,
        event,
        tuple(speakers.split()),
        track=track,
        type=type_,
        language=lang,
        tags=tuple(t.strip() for t in tags.split(",") if t.strip()),
    )


SESSIONS = [
    session("a/keynote", "conf-2021", "ada", "Core", "talk", "en", "Python, Community"),
    session("a/rust", "conf-2021", "bob cy", "Core", "workshop", "", "Rust"),
    session("b/keynote", "conf-2022", "ada", "Core", "talk", "en", "python"),
    session("b/web", "conf-2022", "dee", "Web", "talk", "de", ""),
    session("b/panel", "conf-2022", "bob eve", "", "panel", "en", "Community, Python"),
    session("c/intro", "meetup", "eve", "", "lightning", "en", "Community"),
    session("c/later", "meetup", "cy dee", "", "talk", "", ""),
]
BY_EVENT = {e.id: [s for s in SESSIONS if s.event == e.id] for e in EVENTS}


def label(tag: str) -> str:
    """The canonical spelling of a tag (tags match case-insensitively)."""
    return {"python": "Python"}.get(tag.lower(), tag)


def test_the_hand_counted_data_is_what_the_docstring_says():
    assert (len(EVENTS), len(SESSIONS)) == (3, 7)
    assert {sp for s in SESSIONS for sp in s.speakers} == {"ada", "bob", "cy", "dee", "eve"}


def test_first_edition_has_no_returning_speakers():
    st = event_stats(A, EVENTS, BY_EVENT, label)
    assert (st.sessions, st.speakers, st.first_time, st.returning, st.earlier) == (2, 3, 3, 0, 0)
    assert st.returning_share == 0
    assert st.by.track == (("Core", 2),)
    assert st.by.type == (("talk", 1), ("workshop", 1))
    assert st.by.language == (("en", 1), ("No language", 1))
    assert st.by.tag == (("Community", 1), ("Python", 1), ("Rust", 1))


def test_second_edition_counts_speakers_of_the_first_as_returning():
    st = event_stats(B, EVENTS, BY_EVENT, label)
    assert (st.sessions, st.speakers, st.first_time, st.returning, st.earlier) == (3, 4, 2, 2, 1)
    assert st.returning_share == 0.5
    assert st.by.track == (("Core", 1), ("Web", 1), ("No track", 1))
    assert st.by.type == (("talk", 2), ("panel", 1))
    assert st.by.language == (("en", 2), ("de", 1))
    # "python" and "Python" are one tag; a session without tags counts under "No tags"
    assert st.by.tag == (("Python", 2), ("Community", 1), ("No tags", 1))
    assert st.by.given("language") and not replace(st.by, language=(("No language", 3),)).given(
        "language"
    )


def test_event_without_series_counts_every_earlier_event_on_the_site():
    st = event_stats(C, EVENTS, BY_EVENT, label)
    assert [e.id for e in earlier_events(C, EVENTS)] == ["conf-2021", "conf-2022"]
    assert (st.sessions, st.speakers, st.first_time, st.returning, st.earlier) == (2, 3, 0, 3, 2)
    assert st.returning_share == 1
    assert st.by.track == (("No track", 2),)
    assert st.by.type == (("lightning", 1), ("talk", 1))
    assert st.by.tag == (("Community", 1), ("No tags", 1))


def test_an_edition_of_another_series_does_not_count_other_series():
    other = replace(C, series="other")
    st = event_stats(other, [A, B, other], BY_EVENT, label)
    assert (st.first_time, st.returning, st.earlier) == (3, 0, 0)


def test_later_events_and_the_event_itself_do_not_make_a_speaker_returning():
    # conf-2021 is the earliest: bob and cy speak again later, which does not count.
    assert earlier_events(A, EVENTS) == []
    # Same start day is not earlier.
    twin = replace(C, id="twin", start=C.start)
    assert [e.id for e in earlier_events(twin, [*EVENTS, twin])] == ["conf-2021", "conf-2022"]


def test_an_undated_event_has_no_earlier_event_and_is_earlier_than_none():
    undated = replace(C, start=None)
    st = event_stats(undated, [A, B, undated], BY_EVENT, label)
    assert (st.speakers, st.first_time, st.returning) == (3, 3, 0)
    assert earlier_events(B, [A, B, undated]) == [A]


def test_an_event_without_sessions_counts_nothing():
    empty = Event("empty", "events/e", 1, "Empty", dt.date(2023, 1, 1))
    st = event_stats(empty, [*EVENTS, empty], BY_EVENT, label)
    assert (st.sessions, st.speakers, st.first_time, st.returning) == (0, 0, 0, 0)
    assert st.returning_share is None
    assert st.by.track == st.by.tag == ()


@pytest.mark.parametrize("carry_series", [True, False])
def test_series_totals_and_trends(carry_series):
    editions = [B, A] if carry_series else [replace(B, series=""), replace(A, series="")]
    st = series_stats("conf", editions, BY_EVENT, label)
    assert [e.event for e in st.editions] == ["conf-2021", "conf-2022"]  # oldest first
    assert [(e.sessions, e.speakers, e.first_time, e.returning) for e in st.editions] == [
        (2, 3, 3, 0),
        (3, 4, 2, 2),
    ]
    assert [e.returning_share for e in st.editions] == [0, 0.5]
    assert [e.year for e in st.editions] == [2021, 2022]
    assert (st.sessions, st.speakers, st.repeat_speakers, st.one_time_speakers) == (5, 5, 2, 3)
    assert st.by.track == (("Core", 3), ("Web", 1), ("No track", 1))
    assert st.by.type == (("talk", 3), ("panel", 1), ("workshop", 1))
    assert st.by.language == (("en", 3), ("de", 1), ("No language", 1))
    assert st.by.tag == (("Python", 3), ("Community", 2), ("Rust", 1), ("No tags", 1))


def test_series_edition_matches_the_edition_page():
    st = series_stats("conf", [A, B], BY_EVENT, label)
    for edition, event in zip(st.editions, [A, B], strict=True):
        page = event_stats(event, EVENTS, BY_EVENT, label)
        assert (edition.sessions, edition.speakers, edition.returning) == (
            page.sessions,
            page.speakers,
            page.returning,
        )


def test_counts_over_an_index_merge_tag_spellings():
    records = Records(
        events={e.id: e for e in EVENTS}, sessions={s.id: s for s in SESSIONS}, people={}
    )
    idx = build_index(records, today=dt.date(2024, 1, 1), tags=TagKeys())
    st = index_event_stats(idx)["conf-2022"]
    # the index names a tag by its first spelling met (sessions in event, time, title order)
    assert dict(st.by.tag) == {"Python": 2, "Community": 1, "No tags": 1}
    assert (st.speakers, st.returning) == (4, 2)
    series = index_series_stats(idx, "conf", [A, B])
    assert dict(series.by.tag)["Python"] == 3


def test_count_by_counts_a_value_once_per_item():
    assert count_by([("x", "x", "y"), (), "z", ""], "none") == (
        ("x", 1),
        ("y", 1),
        ("z", 1),
        ("none", 2),
    )


def test_cancelled_sessions_are_not_counted():
    # b/web cancelled: conf-2022 keeps 2 sessions and 3 speakers (ada, bob, eve), dee is not one
    cancelled = [replace(s, status="cancelled") if s.id == "b/web" else s for s in SESSIONS]
    by_event = {e.id: [s for s in cancelled if s.event == e.id] for e in EVENTS}
    st = event_stats(B, EVENTS, by_event, label)
    assert (st.sessions, st.speakers, st.first_time, st.returning) == (2, 3, 1, 2)
    assert st.by.track == (("Core", 1), ("No track", 1))
    series = series_stats("conf", [A, B], by_event, label)
    assert (series.sessions, series.speakers) == (4, 4)
    # dee spoke at conf-2022 only in the cancelled session: at the meetup, dee is first-time
    meetup = event_stats(C, EVENTS, by_event, label)
    assert (meetup.first_time, meetup.returning) == (1, 2)


def test_all_events_in_one_pass_follow_the_rule_event_by_event():
    undated = Event("undated", "events/u", 1, "Undated")
    twin = replace(C, id="twin", series="conf")  # a conf edition on the meetup's day
    other = replace(B, id="other", series="other", start=dt.date(2023, 1, 1))
    events = [A, B, C, undated, twin, other]
    by_event = {**BY_EVENT, "twin": BY_EVENT["meetup"], "other": BY_EVENT["conf-2021"]}
    every = all_event_stats(events, by_event, label)
    assert every == {e.id: event_stats(e, events, by_event, label) for e in events}
    # the one-pass sweep gives what the rule says, event by event (earlier_events)
    for e in events:
        earlier = earlier_events(e, events)
        before = {sp for x in earlier for s in by_event.get(x.id, []) for sp in s.speakers}
        mine = {sp for s in by_event.get(e.id, []) for sp in s.speakers}
        assert (every[e.id].returning, every[e.id].earlier) == (len(mine & before), len(earlier))
    # twin (conf, 2022-09-01): eve, cy and dee against conf-2021 and conf-2022: all three return
    assert (every["twin"].returning, every["twin"].earlier) == (3, 2)
    # other: its own series, no earlier edition
    assert (every["other"].returning, every["other"].earlier) == (0, 0)
    assert all_event_stats(events, by_event, label, only={"meetup"}).keys() == {"meetup"}
