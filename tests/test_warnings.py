"""Bad input gets a clear warning naming the file, the line, the field and what was expected."""

from __future__ import annotations

import re

import pytest

from conftest import build_root, html, warnings


@pytest.fixture(scope="module")
def bad(module_tmp):
    app = build_root("warnings", module_tmp / "src")
    yield app
    app.cleanup()


@pytest.fixture(scope="module")
def log(bad):
    return warnings(bad)


@pytest.mark.parametrize(
    ("line", "needle", "subtype"),
    [
        (
            5,
            "{event} field 'start': expected an ISO 8601 date YYYY-MM-DD, e.g. '2023-02-07', got '7 Feb 2023'",
            "date",
        ),
        (7, "{event} field 'country': expected an ISO 3166-1 alpha-2 country code", "country"),
        (8, "{event} field 'url': expected an http, https or mailto URL", "url"),
        (9, "{event} field 'timezone': expected an IANA time zone name", "timezone"),
        (15, "{session} field 'speakers': expected a lower-case slug for the speaker id", "id"),
        (17, "{session} field 'type': expected one of bof, break, keynote", "type"),
        (18, "{session} field 'start': expected an ISO 8601 date and time", "datetime"),
        (19, "{session} field 'duration': expected a duration in minutes", "duration"),
        (20, "{session} field 'slides': expected an http, https or mailto URL", "url"),
        (
            23,
            "{session} field 'session': expected a session id of the form '<event-id>/<slug>'",
            "id",
        ),
        (41, "{speaker} field 'photo': the photo must be a file inside the project", "photo"),
        (
            42,
            "{speaker} field 'links': expected an http, https or mailto URL, e.g. 'https://example.org/talk', got 'javascript:alert(1)'",
            "url",
        ),
        (45, "{speaker} field 'name': this field is required", "required"),
        (
            49,
            "{session-list} field 'layout': expected one of agenda, cards, grid, table for the layout, got 'spiral'",
            "type",
        ),
        (50, "{session-list} field 'group-by': expected one of day, event, track, type", "type"),
    ],
)
def test_field_warnings_name_file_line_field(log, line, needle, subtype):
    pattern = re.escape(f"index.md:{line}: WARNING: {needle}")
    assert re.search(pattern + r".*\[conference\." + subtype + r"\]", log), log


def test_end_before_start_is_a_range_warning(log):
    assert re.search(
        r"range\.md:6: WARNING: \{event\} field 'end': the event ends \(2023-01-01\) "
        r"before it starts \(2023-02-07\) \[conference\.range\]",
        log,
    )


def test_unknown_references_warn_with_location(log):
    assert re.search(
        r"index\.md:\d+: WARNING: unknown speaker id 'ghost'.*\[conference\.reference\]", log
    )
    assert re.search(r"index\.md:\d+: WARNING: unknown session id 'bad-event/missing'", log)
    assert re.search(r"index\.md:\d+: WARNING: unknown event id 'nope'", log)
    assert "unknown speaker id 'nobody-here'" in log
    assert re.search(r"index\.md:\d+: WARNING: \{speaker-card\}: unknown speaker id 'ghost'", log)


def test_session_checks_against_event(log):
    assert re.search(
        r"index\.md:16: WARNING: \{session\} 'bad-event/talk' field 'track': 'Three' is not a track of 'bad-event'; expected one of: One; Two \[conference\.track\]",
        log,
    )
    assert re.search(
        r"index\.md:27: WARNING: \{session\} 'no-such-event/talk' field 'event': unknown event id 'no-such-event'",
        log,
    )


def test_duplicate_id_names_both_places(log):
    assert re.search(
        r"index\.md:35: WARNING: duplicate speaker id 'dup': already defined at index\.md:31.*\[conference\.duplicate\]",
        log,
    )


def test_front_matter_warnings_point_at_the_key(log):
    assert re.search(
        r"bad\.md:2: WARNING: front matter 'date': expected an ISO 8601 date.*got .2024-02-30..*\[conference\.date\]",
        log,
    )
    assert re.search(
        r"unknown-author\.md:3: WARNING: front matter 'authors': unknown person id 'ghost-writer'",
        log,
    )


def test_build_survives_and_escapes_markup(bad, log):
    page = html(bad, "index")
    # The hostile name is shown as text, never as an element.
    scripts = page.find_all("script", string=re.compile("alert"))
    assert [s for s in scripts if s.get("type") != "application/ld+json"] == []
    # Structured data carries the name with < > & escaped (\u003c ...), never a raw tag.
    assert all("<" not in s.string for s in page.find_all("script", type="application/ld+json"))
    card = page.find(id="speaker-evil")
    assert card.find(class_="conference-name").get_text() == "<script>alert(1)</script>"
    assert re.search(
        r"index\.md:40: WARNING: \{speaker\} field 'name': plain text expected, got markup", log
    )
    # The bad link is dropped, the good one kept.
    assert [a["href"] for a in card.select(".conference-links a")] == ["https://ok.example.org"]
    assert "javascript:" not in str(page.find(id="event-bad-event"))
    # A session with every field broken still shows.
    assert page.find(id="session-bad-event-talk") is not None


def test_no_traceback(log):
    assert "Traceback" not in log and "Exception" not in log


def test_unknown_session_speaker_is_reported_at_the_speakers_line(bad, log):
    assert re.search(r"index\.md:15: WARNING: unknown speaker id 'nobody-here'", log)
    # Once, where the session is shown; the unknown id is shown as given, unlinked.
    assert log.count("unknown speaker id 'nobody-here'") == 1
    block = html(bad, "index").select_one(".conference-session")
    assert block.select_one(".conference-speakers").get_text() == "By nobody-here"


def test_duplicate_session_shows_its_own_fields(bad, log):
    assert re.search(
        r"index\.md:63: WARNING: duplicate session id 'bad-event/talk': already defined at "
        r"index\.md:13",
        log,
    )
    first, second = html(bad, "index").select(".conference-session")[:3:2]
    assert "The same id again" in second.get_text()
    assert "Room Two" in second.select_one(".conference-facts").get_text()
    assert "Room Two" not in first.get_text()
    assert [a.get_text() for a in second.select(".conference-speakers a")] == [
        "<script>alert(1)</script>"
    ]
