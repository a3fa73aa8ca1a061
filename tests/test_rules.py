"""The field rules, front-matter reader, slugs and durations of the core: no Sphinx build."""

from __future__ import annotations

import pytest

from sphinx_conference.core import frontmatter, rules
from sphinx_conference.core.slugs import slugify
from sphinx_conference.core.validation import FieldError, duration_minutes, parse_duration


def test_a_directive_is_read_into_values_and_problems_by_field():
    reading = rules.read(
        rules.SESSION,
        "base/talk",
        {"title": "<b>T</b>", "speakers": "ada, Not An Id", "duration": "PT0M", "tags": "A, B"},
    )
    assert reading.argument == "base/talk"
    assert reading.values["speakers"] == ("ada",)
    assert reading.values["event"] == "base"  # from the id
    assert reading.values["tags"] == ("A", "B")
    assert reading.values["duration"] is None
    assert {(p.field, p.subtype) for p in reading.problems} == {
        ("title", "markup"),
        ("speakers", "id"),
        ("duration", "duration"),
    }


def test_a_bad_id_is_the_only_problem():
    reading = rules.read(rules.SPEAKER, "Not An Id", {})
    assert reading.argument is None
    assert [(p.field, p.subtype) for p in reading.problems] == [("speaker", "id")]


def test_required_and_cross_field_rules():
    reading = rules.read(rules.EVENT, "ev", {"start": "2024-03-02", "end": "2024-03-01"})
    assert {(p.field, p.subtype) for p in reading.problems} == {
        ("name", "required"),
        ("end", "range"),
    }
    assert reading.values["end"] is None


def test_option_specs_come_from_the_description():
    from sphinx_conference.directives.events import EventDirective
    from sphinx_conference.directives.lists import EventListDirective

    assert set(EventDirective.option_spec) == set(rules.EVENT.names)
    assert set(EventListDirective.option_spec) == {"when", "tag", "group-by", "limit"}


def test_option_lines_only_for_described_options():
    assert rules.option_line(rules.SESSION, "speakers", ["a", "b"]) == ":speakers: a, b\n"
    assert rules.option_line(rules.EVENT, "tracks", ["X", "Y"]) == ":tracks: X; Y\n"
    assert rules.option_line(rules.SESSION, "room", "") == ""
    with pytest.raises(KeyError):
        rules.option_line(rules.SESSION, "colour", "red")


def test_post_front_matter_reports_every_key_but_records_no_undated_post():
    values, problems = rules.read_post({"date": "14/02/2023", "draft": "maybe"}, "Title")
    assert values is None
    assert {(p.field, p.subtype) for p in problems} == {("date", "date"), ("draft", "field")}
    values, problems = rules.read_post({"title": "x"}, "Title")
    assert values is None and [p.field for p in problems] == ["date"]


def test_malformed_front_matter_is_reported_at_its_line():
    text = "---\ndate: 2024-01-01\ntitle: a: b\n---\n# T\n"
    fm = frontmatter.read(text)
    assert fm.data == {}
    assert fm.error == (
        3,
        "front matter: YAML error at line 3: mapping values are not allowed here; "
        "expected `key: value` lines between the --- fences",
    )
    blanked = frontmatter.blank_block(text, fm)
    assert blanked.splitlines()[3:] == ["---", "# T"]  # lines kept
    assert frontmatter.read(blanked).data == {frontmatter.UNREADABLE_KEY: True}


def test_front_matter_keeps_dates_as_text_and_knows_key_lines():
    fm = frontmatter.read("---\ntitle: x\ndate: 2024-02-30\n---\n")
    assert fm.data["date"] == "2024-02-30" and fm.line_of("date") == 3
    assert not frontmatter.loads_as_myst_does(fm.content)  # MyST's safe_load would fail


@pytest.mark.parametrize(
    ("text", "strict", "lenient"),
    [
        ("30", 30, 30),
        ("1:30", 90, 90),
        ("PT1H30M", 90, 90),
        ("1:30:40", None, 91),
        ("100:00", None, 6000),
        ("PT90S", None, 2),
        ("P1DT2H", None, 1560),
        ("PT0M", None, None),
        ("-5", None, None),
        ("P8D", None, None),
    ],
)
def test_durations_strict_and_lenient(text, strict, lenient):
    assert duration_minutes(text) == strict
    assert duration_minutes(text, lenient=True) == lenient
    if strict is None:
        with pytest.raises(FieldError):
            parse_duration(text)
    else:
        assert parse_duration(text) == strict


def test_one_slug_rule():
    assert slugify("Café & Code!") == "cafe-and-code"
    assert slugify("Straße  @ home") == "strasse-at-home"
    assert len(slugify("word " * 40, 20)) <= 20


def test_the_authoring_page_lists_the_described_options():
    """docs/authoring.md lists each directive's options: the same set as the rules describe."""
    import re

    from conftest import REPO

    text = (REPO / "docs" / "authoring.md").read_text("utf-8")
    for name, spec in rules.DIRECTIVES.items():
        row = next(line for line in text.splitlines() if line.startswith(f"| `{{{name}}}"))
        options = row.split("|")[-3 if name in {"speaker", "event", "session"} else -2]
        listed = {w for w in re.findall(r"`([^`]+)`", options) if re.fullmatch(r"[a-z][a-z-]*", w)}
        assert listed == set(spec.names), name
