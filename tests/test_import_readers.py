"""Schedule importer, without building: format detection, readers, sanitising, option values.

The small schedules in ``tests/fixtures/schedules/`` cover every format and every odd case
(see each test); they run in every test run.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from myst_parser.parsers.options import options_to_items

from sphinx_conference.cli.importers import Report, ScheduleError, detect_format, read_schedule
from sphinx_conference.cli.importers.common import map_type, parse_minutes
from sphinx_conference.cli.importers.sanitize import (
    _myst,
    inert_problem,
    option_value,
    quote_option,
    safe_url,
    to_markdown,
)
from sphinx_conference.core.slugs import slugify
from sphinx_conference.core.validation import has_markup

FIXTURES = Path(__file__).parent / "fixtures" / "schedules"


def read(name: str, **kwargs):
    report = Report(name)
    return read_schedule(FIXTURES / name, report, **kwargs), report


def by_id(schedule, sid):
    return next(s for s in schedule.sessions if s.source_id == sid)


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("frab-small.json", "frab-json"),
        ("frab-small.xml", "frab-xml"),
        ("pretalx.json", "pretalx"),
        ("fosdem.xml", "pentabarf"),
        ("debconf.xml", "wafer"),
    ],
)
def test_format_is_detected(name, fmt):
    assert detect_format((FIXTURES / name).read_bytes())[0] == fmt
    schedule, _ = read(name)
    assert schedule.format == fmt


def test_unusable_input_is_an_error_not_a_crash(tmp_path):
    cases = {
        "empty.json": b"",
        "text.txt": b"hello",
        "broken.json": b'{"schedule": ',
        "list.json": b"[1, 2]",
        "noconf.json": b'{"schedule": {"version": "1"}}',
        "broken.xml": b"<schedule><conference>",
        "other.xml": b"<html><body/></html>",
        "bomb.xml": (
            b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><schedule>&lol2;</schedule>'
        ),
        "xxe.xml": (
            b'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b"<schedule><conference><title>&x;</title></conference></schedule>"
        ),
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        with pytest.raises(ScheduleError):
            read_schedule(tmp_path / name)
    with pytest.raises(ScheduleError, match="forbidden"):
        read_schedule(tmp_path / "bomb.xml")
    with pytest.raises(ScheduleError, match="cannot read"):
        read_schedule(tmp_path / "missing.json")
    with pytest.raises(ScheduleError, match="URLs are not fetched"):
        read_schedule("https://pretalx.example.org/event/schedule/export/schedule.json")


def test_frab_json_times_are_local_and_lenient():
    schedule, report = read("frab-small.json")
    conf = schedule.conference
    assert (conf.title, conf.timezone, conf.start, conf.end) == (
        "Tiny Camp 2021",
        "Europe/Berlin",
        dt.date(2021, 7, 1),
        dt.date(2021, 7, 2),
    )
    assert len(schedule.sessions) == 5  # every event, however broken, is a session
    opening = by_id(schedule, "101")
    assert opening.start == dt.datetime(2021, 7, 1, 11, 0) and opening.duration == 45
    assert opening.subtitle == "Welcome, everyone"
    # a malformed date falls back to the day and the time; 01:30 on a day starting at 10:00 is
    # the next calendar day
    night = by_id(schedule, "102")
    assert night.start == dt.datetime(2021, 7, 2, 1, 30) and night.duration == 90
    assert by_id(schedule, "103").duration is None
    assert by_id(schedule, "105").title == ""
    # warnings name the schedule's event and the field
    text = "\n".join(report.warnings)
    for needle in (
        "session 102 'Night Owls :::{raw} html': field 'date': expected an ISO 8601 date and time, "
        "got 'not a date'",
        "session 103 'Lightning Talks': field 'duration': missing",
        "session 103 'Lightning Talks': field 'persons': a person without a name (id '99')",
        "session 104 'Lightning Talks': field 'persons': not a list",
        "session 104 'Lightning Talks': field 'links': not a list",
        "session 105: field 'title': missing",
    ):
        assert needle in text


def test_wrong_types_anywhere_give_warnings_not_crashes(tmp_path):
    import json

    data = json.loads((FIXTURES / "pretalx.json").read_text("utf-8"))
    conf = data["schedule"]["conference"]
    conf["tracks"], conf["rooms"], conf["start"] = 3.5, {"a": 1}, 20240515
    day = conf["days"][0]
    talk = day["rooms"]["Hall A"][0]
    talk.update(title=["Engines", "of Thought"], persons=[None, 7, {"code": "X"}], links={"url": 1})
    talk.update(duration=True, date=None, start="25:99", abstract={"en": "Translated *abstract*."})
    day["rooms"]["Hall B"] = "not a list"
    conf["days"].append("not a day")
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(data), "utf-8")
    report = Report("odd.json")
    schedule = read_schedule(path, report)
    engines = by_id(schedule, "501")
    assert (
        engines.title == "Engines, of Thought"
        and engines.start is None
        and engines.duration is None
    )
    assert engines.abstract == "Translated *abstract*."
    text = "\n".join(report.warnings)
    for needle in (
        "conference: field 'tracks': not a list (float)",
        "field 'persons': a person that is not an object (NoneType) is left out",
        "field 'persons': a person without a name (code 'X') is left out",
        "field 'links': not a list",
        "field 'start': expected HH:MM, got '25:99'",
        "room 'Hall B' does not hold a list of events",
        "conference: field 'days': a day that is not an object (str) is left out",
    ):
        assert needle in text, needle


def test_frab_xml_recording_offsets_and_day_change():
    schedule, report = read("frab-small.xml")
    conf = schedule.conference
    assert conf.timezone == "Etc/GMT-1"  # from the sessions' +01:00: no time_zone_name
    assert (
        "field 'time_zone_name': missing; the sessions' UTC offset +01:00 gives Etc/GMT-1"
        in "\n".join(report.warnings)
    )
    keynote = by_id(schedule, "7001")
    assert keynote.title == "Keynote: <Vec<T>> for Everyone"
    assert keynote.video == "https://media.example.org/v/tinycon-7001"
    assert [a.kind for a in keynote.attachments] == ["slides"]
    assert [p for p in keynote.persons] == ["guid:a2c5c7f6-0000-4000-8000-000000000042"]
    late = by_id(schedule, "7002")
    assert late.start == dt.datetime(2015, 12, 28, 0, 30)
    assert (
        "session 7002 'After Midnight': field 'duration': expected HH:MM, got 'oops'"
        in "\n".join(report.warnings)
    )
    assert by_id(schedule, "7003").room == "Saal 2"  # from the enclosing <room name>


def test_timezone_option_overrides():
    schedule, report = read("frab-small.xml", timezone="Europe/Berlin")
    assert schedule.conference.timezone == "Europe/Berlin"
    assert by_id(schedule, "7001").start == dt.datetime(2015, 12, 27, 11, 0)
    assert not any("time_zone_name" in w for w in report.warnings)


def test_pretalx_extras():
    schedule, _ = read("pretalx.json")
    engines = by_id(schedule, "501")
    assert engines.track == "Core" and engines.type == "Keynote"  # translated fields, English
    ada = schedule.persons["code:SPK1"]
    assert ada.avatar.startswith("https://") and "Mathematician." in ada.biography
    assert ada.links[0].url.endswith("/speaker/SPK1/")
    assert schedule.persons["code:SPK2"].avatar == "/media/avatars/grace.png"
    assert schedule.conference.tracks == ["Core", "Data; Science"]


def test_pentabarf_without_dates_guids_or_version():
    schedule, report = read("fosdem.xml")
    conf = schedule.conference
    assert (conf.venue, conf.city, conf.timezone) == (
        "ULB (Université Libre de Bruxelles)",
        "Brussels",
        "",
    )
    assert "time_zone_name': missing; times are the schedule's local times" in "\n".join(
        report.warnings
    )
    early = by_id(schedule, "10211")
    assert early.start == dt.datetime(2020, 2, 1, 8, 30)  # FOSDEM's day_change 09:00 moves nothing
    assert by_id(schedule, "9026").start == dt.datetime(2020, 2, 2, 17, 0)
    assert conf.tracks == ["Keynotes", "Lightning Talks", "Rust devroom"]


def test_wafer_offsets_tracks_and_people():
    schedule, _ = read("debconf.xml")
    assert schedule.conference.timezone == "Asia/Kolkata"
    lunch = by_id(schedule, "1002")
    assert lunch.start == dt.datetime(2023, 9, 10, 13, 0)  # 07:30 UTC is 13:00 in Kochi
    assert lunch.track == "" and lunch.type == ""
    assert by_id(schedule, "1003").video.endswith("bof.webm")
    debbie = schedule.persons["id:11"]
    assert [ln.url for ln in debbie.links] == ["https://twitter.com/example_dd"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("lecture", ("talk", "")),
        ("Talk (45 minutes)", ("talk", "")),
        ("lightningtalk", ("lightning", "")),
        ("Workshop (90 min)", ("workshop", "")),
        ("podium", ("panel", "")),
        ("keynote", ("keynote", "")),
        ("BoF (45 minutes)", ("bof", "")),
        ("devroom", ("talk", "")),
        ("Performance", ("other", "Performance")),
        ("certification", ("other", "certification")),
        ("", ("", "")),
    ],
)
def test_types_map_onto_the_sites(raw, expected):
    from sphinx_conference.core.config import DEFAULT_SESSION_TYPES

    assert map_type(raw, DEFAULT_SESSION_TYPES) == expected


def test_untyped_meals_are_breaks():
    from sphinx_conference.core.config import DEFAULT_SESSION_TYPES

    assert map_type("", DEFAULT_SESSION_TYPES, "Lunch") == ("break", "")
    assert map_type("", DEFAULT_SESSION_TYPES, "Launch party") == ("", "")


def test_durations_and_slugs():
    assert [
        parse_minutes(v)
        for v in ("00:30", "1:30:00", "PT1H15M", 45, "45", "oops", "", None, "0:00")
    ] == [
        30,
        90,
        75,
        45,
        45,
        None,
        None,
        None,
        None,
    ]
    assert (
        slugify("„Wir beteiligen uns aktiv an den Diskussionen“")
        == "wir-beteiligen-uns-aktiv-an-den-diskussionen"
    )
    assert slugify("Straße & Co.") == "strasse-and-co"
    assert slugify("東京") == ""
    long = slugify("word " * 40)
    assert len(long) <= 60 and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", long)


# -- sanitising ----------------------------------------------------------------------------

NASTY = [
    "```{raw} html\n<script>alert(1)</script>\n```",
    "~~~{raw} html\n<script>alert(1)</script>\n~~~",
    ":::{raw} html\n<script>alert(1)</script>\n:::",
    "::::{raw} html\n<b>x</b>\n::::",
    "Text\n\n```\n```\n```{raw} html\n<b onclick=x>b</b>\n```",
    "    ```{raw} html\n    <i>indented</i>\n    ```",
    "> :::{raw} html\n> <script>q()</script>\n> :::",
    "- ```{raw} html\n  <script>li()</script>\n  ```",
    "{raw}`<script>alert(1)</script>` {eval-rst}`.. raw:: html` {{ substitution }}",
    "<code>{raw}</code>`<b>x</b>`",
    "<p>{raw}<code>&lt;script&gt;</code></p>",
    "<pre>```\n```{raw} html\n<script>pre()</script>\n```</pre>",
    "<p onclick='x()' style='color:red'>Hi <a href='javascript:alert(1)'>js</a> "
    "<a href=' JaVaScRiPt:alert(2)'>js2</a> <a href='data:text/html,x'>data</a></p>",
    "<img src=x onerror=alert(1)><svg onload=alert(2)><script>alert(3)</script></svg>",
    "<iframe src='https://evil.example'></iframe><object data='x'></object><style>*{}</style>",
    "<a href='https://ok.example/a(b)'>ok</a> [md](javascript:alert(1)) <javascript:alert(2)>",
    "[x]: javascript:alert(1)\n\n[ref][x]",
    "(target)=\n% comment\n+++\n:field: list\n: deflist\n$math$ $$display$$",
    "# Heading\n\nSetext\n======\n\n---\n\n***\n\n| a | b |\n|---|---|\n| 1 | 2 |",
    "&lt;script&gt;alert(1)&lt;/script&gt; &amp;lt;b&amp;gt;",
    "<!-- comment --><div><h2>Sub</h2><ul><li>One<ul><li>nested</li></ul></li></ul></div>",
    "![img](https://x.example/i.png) <img src='https://x.example/i.png' alt='alt'>",
    "Trailing backslash \\",
    "line\u2028separated\u2029paragraphs\x0bvertical\x00nul",
    "{#id .class} text {.attr}\n\n- [ ] task\n- [x] done",
    "<details><summary>s</summary>hidden</details><form><input value=x></form>",
]


def rendered_html(markdown: str) -> BeautifulSoup:
    return BeautifulSoup(_myst().render(markdown), "html.parser")


@pytest.mark.parametrize("text", NASTY)
def test_untrusted_text_renders_as_text(text):
    md, problem = to_markdown(text, "https://base.example/x/")
    assert problem == ""
    assert inert_problem(md) == ""
    soup = rendered_html(md)
    allowed = {"p", "em", "strong", "s", "ul", "ol", "li", "blockquote", "code", "pre", "a", "br"}
    for tag in soup.find_all(True):
        assert tag.name in allowed, (tag, md)
        for attr, value in tag.attrs.items():
            assert attr in {"href", "class", "start"}, (tag, md)
            if attr == "href":
                assert value.startswith(("https://", "http://", "mailto:")), (tag, md)
    # whatever the speaker wrote shows as text: escaped in the HTML, never a tag
    assert not re.search(
        r"<(script|iframe|svg|style|img|object|details|form|input)", str(soup).lower()
    )


def test_sanitised_text_keeps_formatting_and_content():
    md, _ = to_markdown(
        "<p>We start <strong>on time</strong>.<script>alert('x')</script></p>"
        "<ul><li>one</li><li>two</li></ul><p><a href='/rel'>relative</a> and <a href='https://x.example'>abs</a></p>",
        "https://base.example/schedule/",
    )
    assert md == (
        "We start **on time**.\n\n- one\n- two\n\n[relative](https://base.example/rel) and [abs](https://x.example)"
    )
    md, _ = to_markdown(
        "Doors open.\n\n- bring a tent\n- bring a friend\n\nC# and snake_case: 50% off"
    )
    assert md == "Doors open.\n\n- bring a tent\n- bring a friend\n\nC\\# and snake\\_case: 50% off"


def test_fenced_injection_becomes_a_code_block():
    md, _ = to_markdown("```{raw} html\n<script>alert(1)</script>\n```")
    assert md == "```text\n<script>alert(1)</script>\n```"
    md, _ = to_markdown("<pre>a ``` b\n```</pre>")
    assert md.startswith("````text\n") and md.endswith("\n````")


def test_markup_that_cannot_be_made_safe_falls_back_to_plain_text(monkeypatch):
    import sphinx_conference.cli.importers.sanitize as sanitize

    monkeypatch.setattr(sanitize, "inert_problem", lambda md: "html_block '<x>'")
    md, problem = sanitize.to_markdown("<p>Some <b>bold</b> {raw}</p>")
    assert problem == "html_block '<x>'"
    assert md == "Some bold \\{raw\\}"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("https://example.org/a b", "https://example.org/a%20b"),
        ("example.org/x", "https://example.org/x"),
        ("www.example.org", "https://www.example.org"),
        ("/system/slides.pdf", "https://base.example/system/slides.pdf"),
        ("slides.pdf", "https://base.example/x/slides.pdf"),
        ("javascript:alert(1)", ""),
        ("data:text/html,x", ""),
        ("mailto:a@example.org", "mailto:a@example.org"),
        ("https://example.org/a,b", "https://example.org/a%2Cb"),
    ],
)
def test_urls(raw, expected):
    assert safe_url(raw, "https://base.example/x/") == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Plain title", "Plain title"),
        ("Two\nlines\r\nand\u2028more\x0bbreaks", "Two lines and more breaks"),
        ("::: {raw} html", "{raw} html"),
        (":::{raw} html", "{raw} html"),
        ("{raw}`<script>x</script>`", "{raw}'‹script›x‹/script›'"),
        ("Vec<T> in Rust", "Vec‹T› in Rust"),
        ("See [the docs](https://example.org)", "See [the docs] (https://example.org)"),
        ("![img](x.png) gallery", "![img] (x.png) gallery"),
        ("javascript:alert(1) considered harmful", "javascript: alert(1) considered harmful"),
        ("data:text/html,hi", "data: text/html,hi"),
        (":py:func:`len` explained", ":py:func:'len' explained"),
        ("C# # not a comment", "C# # not a comment"),
        ('"Quoted" start', '"Quoted" start'),
        ("'single' start", "'single' start"),
        ("| pipe", "| pipe"),
        ("> folded", "> folded"),
        ("key: value", "key: value"),
        ("trailing colon:", "trailing colon:"),
        (": leading colon", ": leading colon"),
        ("back\\slash", "back\\slash"),
        ("`ls -l` explained", "`ls -l` explained"),
        ("- dash", "- dash"),
        ("@handle & co", "@handle & co"),
    ],
)
def test_option_values_stay_one_line_and_parse_back(raw, expected):
    value, _ = option_value(raw)
    assert value == expected
    assert "\n" not in value and not has_markup(value)
    line = f"title: {quote_option(value)}"
    assert next(iter(options_to_items(line))) == [("title", expected)]


def test_option_warning_is_reported(tmp_path):
    out = io.StringIO()
    report = Report("x.json", out)
    report.warn("session 1 'T'", "title", "looks like markup")
    assert out.getvalue() == "warning: x.json: session 1 'T': field 'title': looks like markup\n"
