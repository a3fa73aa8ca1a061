"""The field parsers of the core: good values, and each error's message and subtype."""

from __future__ import annotations

import datetime as dt

import pytest

from sphinx_conference.core import validation as v
from sphinx_conference.core.validation import FieldError


def error(parse, value, *args, **kwargs) -> FieldError:
    with pytest.raises(FieldError) as info:
        parse(value, *args, **kwargs)
    assert info.value.subtype in v.SUBTYPES
    return info.value


def test_field_error_is_a_value_error_with_a_subtype():
    assert issubclass(FieldError, ValueError)
    assert FieldError("x").subtype == "field"
    assert FieldError("x", "date").subtype == "date"
    assert str(FieldError("what was expected")) == "what was expected"


# -- dates and times ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-02-07", dt.date(2023, 2, 7)),
        ("  2024-02-29 ", dt.date(2024, 2, 29)),
        (dt.date(2023, 2, 7), dt.date(2023, 2, 7)),
        (dt.datetime(2023, 2, 7, 11, 0), dt.date(2023, 2, 7)),  # YAML may give a datetime
    ],
)
def test_parse_date(value, expected):
    assert v.parse_date(value) == expected
    assert type(v.parse_date(value)) is dt.date


@pytest.mark.parametrize("value", ["2023-2-7", "2023-02-30", "07/02/2023", "", "2023-02-07 11:00"])
def test_parse_date_errors(value):
    err = error(v.parse_date, value)
    assert err.subtype == "date"
    assert str(err) == f"expected an ISO 8601 date YYYY-MM-DD, e.g. '2023-02-07', got {value!r}"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-02-07 11:00", dt.datetime(2023, 2, 7, 11, 0)),
        ("2023-02-07T11:00:30", dt.datetime(2023, 2, 7, 11, 0, 30)),
        ("2023-02-07T11:00Z", dt.datetime(2023, 2, 7, 11, 0, tzinfo=dt.UTC)),
        (
            "2023-02-07 11:00+01:00",
            dt.datetime(2023, 2, 7, 11, 0, tzinfo=dt.timezone(dt.timedelta(hours=1))),
        ),
        (
            "2023-02-07 11:00-0230",
            dt.datetime(2023, 2, 7, 11, 0, tzinfo=dt.timezone(-dt.timedelta(hours=2, minutes=30))),
        ),
        (dt.datetime(2023, 2, 7, 11, 0), dt.datetime(2023, 2, 7, 11, 0)),
    ],
)
def test_parse_datetime(value, expected):
    got = v.parse_datetime(value)
    assert got == expected
    assert got.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize(
    "value", ["2023-02-07", "11:00", "2023-02-07 25:00", "2023-02-07 11h00", "tomorrow 9:00"]
)
def test_parse_datetime_errors(value):
    err = error(v.parse_datetime, value)
    assert err.subtype == "datetime"
    assert str(err) == (
        "expected an ISO 8601 date and time YYYY-MM-DD HH:MM, e.g. '2023-02-07 11:00', "
        f"got {value!r}"
    )


@pytest.mark.parametrize(
    ("value", "minutes"),
    [
        ("30", 30),
        (" 45 ", 45),
        (45, 45),
        ("1:30", 90),
        ("0:05", 5),
        ("PT1H30M", 90),
        ("pt45m", 45),
        ("PT2H", 120),
        ("10080", 7 * 24 * 60),  # a week at most
    ],
)
def test_parse_duration(value, minutes):
    assert v.parse_duration(value) == minutes


@pytest.mark.parametrize(
    "value", ["0", 0, "-5", "10081", "PT", "PT0M", "1:3", "1h", "abc", "", True, "30.5"]
)
def test_parse_duration_errors(value):
    err = error(v.parse_duration, value)
    assert err.subtype == "duration"
    assert str(err) == (
        "expected a duration in minutes (e.g. '30'), as H:MM (e.g. '1:30') "
        f"or ISO 8601 (e.g. 'PT30M'), got {value!r}"
    )


# -- links, places, zones -------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://example.org/talk", "https://example.org/talk"),
        ("  http://example.org ", "http://example.org"),
        ("mailto:someone@example.org", "mailto:someone@example.org"),
        ("https://example.org/a?b=1&c=2#d", "https://example.org/a?b=1&c=2#d"),
    ],
)
def test_parse_url(value, expected):
    assert v.parse_url(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "ftp://example.org/file",
        "javascript:alert(1)",
        "http://",
        "example.org",
        "mailto:nobody",
        "https://example.org/a b",
        'https://example.org/"x"',
        "https://example.org/<script>",
        "https://example.org/\x07",
        "",
    ],
)
def test_parse_url_errors(value):
    err = error(v.parse_url, value)
    assert err.subtype == "url"
    assert str(err) == (
        f"expected an http, https or mailto URL, e.g. 'https://example.org/talk', got {value!r}"
    )


@pytest.mark.parametrize(("value", "expected"), [("GB", "GB"), ("gb", "GB"), (" de ", "DE")])
def test_parse_country(value, expected):
    assert v.parse_country(value) == expected


@pytest.mark.parametrize("value", ["GBR", "U1", "", "United Kingdom", "G"])
def test_parse_country_errors(value):
    err = error(v.parse_country, value)
    assert err.subtype == "country"
    assert str(err) == f"expected an ISO 3166-1 alpha-2 country code, e.g. 'GB', got {value!r}"


@pytest.mark.parametrize("value", ["Europe/London", " America/New_York ", "UTC"])
def test_parse_timezone(value):
    assert v.parse_timezone(value) == value.strip()


@pytest.mark.parametrize(
    "value", ["Mars/Olympus_Mons", "../etc/passwd", "/etc/localtime", "Europe/../UTC", "", "  "]
)
def test_parse_timezone_errors(value):
    err = error(v.parse_timezone, value)
    assert err.subtype == "timezone"
    assert str(err) == f"expected an IANA time zone name, e.g. 'Europe/London', got {value!r}"


# -- ids --------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["nicki-watt", "a", "soocon-2023", "a.b_c", " x1 "])
def test_parse_slug(value):
    assert v.parse_slug(value) == value.strip()


@pytest.mark.parametrize("value", ["Nicki", "a--b", "-a", "a-", "a b", "", "ä", "a/b"])
def test_parse_slug_errors(value):
    err = error(v.parse_slug, value, what="speaker id")
    assert err.subtype == "id"
    assert str(err) == (
        "expected a lower-case slug for the speaker id (letters, digits and '-', "
        f"e.g. 'ada-lovelace'), got {value!r}"
    )
    assert "for the id " in str(error(v.parse_slug, value))


@pytest.mark.parametrize("value", ["soocon-2023/zero-trust", " e/s "])
def test_parse_session_id(value):
    assert v.parse_session_id(value) == value.strip()


@pytest.mark.parametrize("value", ["soocon-2023", "a/b/c", "Soo/x", "/x", "x/", ""])
def test_parse_session_id_errors(value):
    err = error(v.parse_session_id, value)
    assert err.subtype == "id"
    assert str(err) == (
        "expected a session id of the form '<event-id>/<slug>', "
        f"e.g. 'pycon-2027/opening-keynote', got {value!r}"
    )


# -- lists, choices, text ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("a, b,,a", ["a", "b"]),
        (" Ada  Lovelace ,grace", ["Ada Lovelace", "grace"]),
        (None, []),
        ("", []),
        (["x ", " y  z", "x", 3], ["x", "y z", "3"]),  # a YAML list
    ],
)
def test_split_list(value, expected):
    assert v.split_list(value) == expected


def test_split_list_separator():
    assert v.split_list("a; b, c", ";") == ["a", "b, c"]


def test_choice():
    assert v.choice(" Talk ", ["talk", "keynote"], what="session type") == "talk"


def test_choice_errors():
    err = error(v.choice, "speech", ["talk", "keynote"], what="session type")
    assert err.subtype == "type"
    assert str(err) == "expected one of keynote, talk for the session type, got 'speech'"


def test_clean_text():
    assert v.clean_text("  a \n b\tc ") == "a b c"


@pytest.mark.parametrize(
    "value",
    [
        "<b>bold</b>",
        "see {speaker}`ada`",
        ":::{note}",
        "[a link](https://example.org)",
        "![img](x.png)",
        "javascript:alert(1)",
        "data:text/html;base64,xx",
        ":ref:`x`",
        "`text <https://example.org>`_",
    ],
)
def test_has_markup(value):
    assert v.has_markup(value)


@pytest.mark.parametrize(
    "value",
    ["Plain text", "1 < 2 and 3 > 2", "x [y] (z)", "5:30 pm", "pre-data: x", "my-javascript:x"],
)
def test_has_no_markup(value):
    assert not v.has_markup(value)


def test_every_subtype_is_documented():
    assert v.WARNING_TYPE == "conference"
    for subtype, about in v.SUBTYPES.items():
        assert subtype and about, subtype
