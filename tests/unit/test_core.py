"""Records, the tag vocabulary and the build's today: the core, without a Sphinx build."""

from __future__ import annotations

import datetime as dt
import time
from types import SimpleNamespace

import pytest

from sphinx_conference.core.config import CONFIG, build_today
from sphinx_conference.core.model import (
    Event,
    Person,
    Post,
    Session,
    block_timezone,
    initials,
    records_text,
    tag_slug,
)
from sphinx_conference.core.vocabulary import vocabulary

# -- records ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Ada Lovelace", "AL"),
        ("ada", "A"),
        ("Jean-Luc Picard", "JP"),
        ("Ludwig van Beethoven", "LB"),
        ("  grace   hopper ", "GH"),
        ("", "?"),
        ("(anonymous)", "?"),
        ("Émile Zola", "ÉZ"),
    ],
)
def test_initials(name, expected):
    assert initials(name) == expected


@pytest.mark.parametrize(
    ("tag", "slug"),
    [
        ("Python", "python"),
        ("Platform  engineering", "platform-engineering"),
        ("platform-engineering", "platform-engineering"),
        ("  C++ ", "c"),
        ("Web/Dev & Ops", "web-dev-ops"),
        ("--x--", "x"),
        ("Ünïcode", "ünïcode"),
        ("snake_case", "snake_case"),  # \w keeps underscores, as sphinx-tags does
        ("!!!", ""),
    ],
)
def test_tag_slug(tag, slug):
    assert tag_slug(tag) == slug


ADA = Person("ada", "people/ada", 3, "Ada Lovelace", tags=("python",))


def test_records_text_is_the_repr_of_nested_values():
    value = [ADA, (ADA, {"k": ADA, 1: None}), "text", 2.5]
    assert records_text(value, {}) == repr(value)
    assert records_text((), {}) == "()"
    assert records_text([], {}) == "[]"


def test_records_text_keeps_each_record_text_by_identity():
    memo: dict = {}
    records_text([ADA, ADA], memo)
    assert memo == {id(ADA): (ADA, repr(ADA))}
    twin = Person("ada", "people/ada", 3, "Ada Lovelace", tags=("python",))
    records_text([twin], memo)
    assert set(memo) == {id(ADA), id(twin)}  # equal but distinct: its own entry
    # the kept text is used, not made again
    memo[id(ADA)] = (ADA, "<kept>")
    assert records_text([ADA], memo) == "[<kept>]"
    # an entry whose record is not the value (an identity reused) is made again
    memo[id(twin)] = (ADA, "<stale>")
    assert records_text(twin, memo) == repr(twin)


def test_records_text_omits_the_line_of_a_record():
    moved = Person("ada", "people/ada", 40, "Ada Lovelace", tags=("python",))
    assert records_text(moved, {}) == records_text(ADA, {})


def test_block_timezone_is_the_events_on_its_own_page():
    event = Event("e", "events/e", 1, "E", timezone="Europe/Paris")
    here = Session("e/s", "events/e", 5, "S", "e")
    elsewhere = Session("e/t", "events/other", 5, "T", "e")
    assert block_timezone(here, event) == "Europe/Paris"
    assert block_timezone(elsewhere, event) == ""
    assert block_timezone(here, None) == ""


def test_record_properties():
    session = Session(
        "e/s",
        "events/e",
        5,
        "",
        "e",
        start=dt.datetime(2023, 2, 7, 23, 30),
        duration=45,
        lines=(("track", 9),),
    )
    assert session.end == dt.datetime(2023, 2, 8, 0, 15)
    assert session.day == dt.date(2023, 2, 7)
    assert session.anchor == "session-e-s"
    assert session.display_name == "e/s"
    assert session.line_of("track") == 9
    assert session.line_of("room") == 5
    assert Session("e/u", "d", 1, "U").end is None
    assert Person("p", "d", 1, "").display_name == "p"
    assert ADA.anchor == "speaker-ada"
    assert Event("e", "d", 1, "E", start=dt.date(2023, 2, 7)).year == 2023
    assert Post("d", "T", dt.date(2023, 1, 1), words=1000).reading_time == 4
    assert Post("d", "T", dt.date(2023, 1, 1)).reading_time == 1


# -- the tag vocabulary -----------------------------------------------------------------


def test_vocabulary():
    config = SimpleNamespace(
        conference_tags={
            "Platform Engineering": {
                "description": "Building platforms",
                "aliases": ["platform-eng", "Platform Eng."],
            },
            "Python": "The language",
            "Rust": None,
            "Go": {"aliases": None},
        }
    )
    aliases, names, descriptions = vocabulary(config)
    assert aliases == {"platform-eng": "platform-engineering"}
    assert names == {
        "platform-engineering": "Platform Engineering",
        "python": "Python",
        "rust": "Rust",
        "go": "Go",
    }
    assert descriptions == {
        "platform-engineering": "Building platforms",
        "python": "The language",
        "go": "",
    }


def test_no_vocabulary():
    assert vocabulary(SimpleNamespace(conference_tags=None)) == ({}, {}, {})
    assert vocabulary(SimpleNamespace(conference_tags={})) == ({}, {}, {})


# -- the build's today --------------------------------------------------------------------


def config(today: str = "") -> SimpleNamespace:
    return SimpleNamespace(conference_today=today)


def test_conference_today_wins(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    assert build_today(config("2024-05-11")) == dt.date(2024, 5, 11)


def test_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", " 86400 ")
    assert build_today(config()) == dt.date(1970, 1, 2)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(86400 * 365 - 1))
    assert build_today(config()) == dt.date(1970, 12, 31)


@pytest.fixture
def new_york(monkeypatch):
    """The process's local time zone is New York's (UTC-5 in January)."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_source_date_epoch_is_a_day_in_utc(monkeypatch, new_york):
    # 1970-01-02 01:00 UTC is still 1 January in New York
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(86400 + 3600))
    assert build_today(config()) == dt.date(1970, 1, 2)


def test_a_bad_conference_today_falls_back(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    assert build_today(config("11/05/2024")) == dt.date(1970, 1, 2)


def test_the_current_date_otherwise(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = dt.date.today()
    got = build_today(config())
    assert before <= got <= dt.date.today()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    assert before <= build_today(config()) <= dt.date.today()


def test_config_schema():
    for name, (default, rebuild, types, help_text) in CONFIG.items():
        assert name.startswith("conference_"), name
        assert rebuild in {"", "env", "html"}, name
        assert type(default) in types, name
        assert help_text, name
    assert CONFIG["conference_today"][0] == ""
