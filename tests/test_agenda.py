"""My agenda on the built files: each event's data file, the agenda page, the scripts' tags.

The browser side is in ``test_agenda_browser.py``; these read what the build wrote.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from icalendar import Calendar

from conftest import build_root, html, warnings

DATA = "_agenda/meetup-2025.json"


@pytest.fixture(scope="module")
def app(module_tmp):
    return build_root("agenda", module_tmp / "agenda")


@pytest.fixture(scope="module")
def data(app) -> dict:
    return json.loads(Path(app.outdir, DATA).read_text("utf-8"))


def agenda_scripts(app, docname: str) -> list[str]:
    return [
        s.get("data-events", "")
        for s in html(app, docname).find_all("script", src=True)
        if "conference-agenda.js" in s["src"]
    ]


def test_builds_without_warnings(app):
    assert warnings(app) == ""


def test_one_data_file_per_event_with_its_sessions(app, data):
    assert sorted(p.name for p in Path(app.outdir, "_agenda").iterdir()) == ["meetup-2025.json"]
    assert data["format"] == 1
    assert data["event"] == {
        "id": "meetup-2025",
        "name": "Meetup 2025",
        "url": "events/meetup.html#event-meetup-2025",
        "timezone": "Europe/Berlin",
        "start": "2025-03-10",
        "end": "2025-03-11",
    }
    sessions = {s["id"]: s for s in data["sessions"]}
    assert len(sessions) == 6
    rust = sessions["meetup-2025/rust"]
    assert rust["title"] == "Rust in Production"
    assert rust["start"] == "2025-03-10T10:00+01:00"  # event time, with its offset
    assert rust["end"] == "2025-03-10T10:45+01:00"
    assert rust["room"] == "Hall A"
    assert rust["speakers"] == ["Ada Example"]
    assert rust["url"] == "events/meetup.html#session-meetup-2025-rust"
    mystery = sessions["meetup-2025/mystery"]
    assert mystery["start"] is None and mystery["end"] is None


def test_each_url_is_the_sessions_block(app, data):
    for s in data["sessions"]:
        page, anchor = s["url"].split("#")
        assert html(app, page.removesuffix(".html")).find(id=anchor) is not None, s["id"]


def test_vevents_are_the_event_calendars_own(app, data):
    event_cal = Calendar.from_ical(
        Path(app.outdir, "_calendars/events/meetup-2025.ics").read_bytes()
    )
    theirs = {str(v["uid"]): v.to_ical().decode() for v in event_cal.walk("VEVENT")}
    for s in data["sessions"]:
        vevent = Calendar.from_ical(f"BEGIN:VCALENDAR\r\n{s['ics']}END:VCALENDAR\r\n").walk(
            "VEVENT"
        )
        assert len(vevent) == 1
        assert s["ics"] == theirs[str(vevent[0]["uid"])], s["id"]
    # the zone's VTIMEZONE, as the event's calendar has it
    assert [z.to_ical().decode() for z in event_cal.walk("VTIMEZONE")] == data["vtimezones"]
    assert "TZID:Europe/Berlin" in data["vtimezones"][0]


def test_script_only_on_pages_that_show_timed_sessions(app):
    for page in ("events/meetup", "people/ada", "people/linus", "_tags/rust", "agenda"):
        assert agenda_scripts(app, page) == ["meetup-2025"], page
    for page in ("index", "genindex", "search", "archive/index"):
        assert agenda_scripts(app, page) == [], page
    # the filter script is not the agenda's: pages that have only one never get the other
    assert agenda_scripts(app, "_tags/tagsindex") == []


def test_agenda_page_reads_without_javascript(app):
    page = html(app, "agenda")
    assert page.find("h1").get_text(strip=True).startswith("My agenda")
    box = page.find(id="conference-agenda")
    assert "needs JavaScript" in box.get_text()
    assert page.find("button") is None  # buttons come from the script only


def test_no_buttons_and_tba_in_the_html(app):
    page = html(app, "events/meetup")
    assert page.find("button", class_="conference-agenda-toggle") is None
    mystery = page.find(id="session-meetup-2025-mystery")
    assert "Time to be announced" in mystery.get_text()
    table = page.select_one(".conference-layout-table")
    row = next(tr for tr in table.select("tbody tr") if "Mystery Session" in tr.get_text())
    assert "Time to be announced" in row.get_text()
    agenda = page.select_one(".conference-layout-agenda")
    item = next(li for li in agenda.select("li") if "Mystery Session" in li.get_text())
    assert "Time to be announced" in item.get_text()


def test_the_agenda_costs_a_page_less_than_5_kb(app, module_tmp):
    off = build_root(
        "agenda",
        module_tmp / "agenda-off",
        confoverrides={"conference_agenda": False, "conference_around": False},
    )
    try:
        assert not Path(off.outdir, "_agenda").exists()
        assert not Path(off.outdir, "agenda.html").exists()
        assert agenda_scripts(off, "events/meetup") == []
        for page in ("events/meetup.html", "people/ada.html", "_tags/rust.html"):
            grown = Path(app.outdir, page).stat().st_size - Path(off.outdir, page).stat().st_size
            assert 0 < grown < 5 * 1024, (page, grown)
    finally:
        off.cleanup()


def test_without_the_agenda_the_around_lists_keep_the_data(app, data, module_tmp):
    """``conference_agenda`` off, "around" on: the data, and the script where sessions are."""
    off = build_root(
        "agenda", module_tmp / "agenda-only-around", confoverrides={"conference_agenda": False}
    )
    try:
        assert not Path(off.outdir, "agenda.html").exists()
        assert json.loads(Path(off.outdir, DATA).read_text("utf-8")) == data
        tags = [
            s
            for s in html(off, "events/meetup").find_all("script", src=True)
            if "conference-agenda.js" in s["src"]
        ]
        assert [(t["data-events"], t["data-agenda"]) for t in tags] == [("meetup-2025", "off")]
        # only where session blocks are: not on the pages that list sessions
        for page in ("people/ada", "_tags/rust", "index"):
            assert agenda_scripts(off, page) == [], page
    finally:
        off.cleanup()


def test_a_rebuild_keeps_the_data_and_removes_a_renamed_events(module_tmp):
    from io import StringIO

    from sphinx.testing.util import SphinxTestApp

    src = module_tmp / "agenda-again"
    app = build_root("agenda", src)
    target = Path(app.outdir, DATA)
    first = target.read_bytes()
    app.cleanup()
    again = SphinxTestApp("html", srcdir=src, status=StringIO(), warning=StringIO())
    try:
        again.build()
        assert target.read_bytes() == first
    finally:
        again.cleanup()
    # the event is renamed: its old data goes, the new one comes
    page = src / "events/meetup.md"
    page.write_text(page.read_text("utf-8").replace("meetup-2025", "meetup-2026"), "utf-8")
    third = SphinxTestApp("html", srcdir=src, status=StringIO(), warning=StringIO())
    try:
        third.build()
        assert sorted(p.name for p in Path(third.outdir, "_agenda").iterdir()) == [
            "meetup-2026.json"
        ]
    finally:
        third.cleanup()


def test_without_calendars_the_data_has_the_same_vevents(app, data, module_tmp):
    """The VEVENTs are read back from the event's .ics; without calendars they are made anew."""
    off = build_root(
        "agenda", module_tmp / "agenda-no-ics", confoverrides={"conference_calendars": False}
    )
    try:
        assert not Path(off.outdir, "_calendars").exists()
        alone = json.loads(Path(off.outdir, DATA).read_text("utf-8"))
        assert alone == data
        assert all(s["ics"].startswith("BEGIN:VEVENT\r\n") for s in alone["sessions"])
    finally:
        off.cleanup()
