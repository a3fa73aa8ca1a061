"""Around this session, as built: two events sharing speakers, a talk given at both, and a
session on its own page (tests/roots/test-around).

The lists are drawn by ``conference-agenda.js`` from each event's data file
(``_agenda/<event>.json``), so that no page grows with its sessions: here, what the data
says and where its links go under the HTML and dirhtml builders, that the pages carry
none of it, and that the switch turns it off.  What a reader sees (the lists' texts,
times and links in a browser): tests/test_around_browser.py.  The query itself:
tests/unit/test_around.py.  Incremental builds: tests/test_incremental_around.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import build_root, html, warnings


@pytest.fixture(scope="module")
def app(module_tmp):
    app = build_root("around", module_tmp / "around")
    app.cleanup()  # its pages are read from disk; other tests build the root again
    return app


def build(dest: Path, buildername: str = "html", **kwargs):
    """The root built into ``dest`` (and its registrations cleaned up)."""
    app = build_root("around", dest, buildername, **kwargs)
    app.cleanup()
    return app


def data(app, event: str) -> dict:
    return json.loads(Path(app.outdir, "_agenda", f"{event}.json").read_text("utf-8"))


def session(app, sid: str) -> dict:
    """The data of session ``sid`` (in its event's file)."""
    found = {s["id"]: s for s in data(app, sid.split("/")[0])["sessions"]}
    return found[sid]


def test_builds_without_warnings(app):
    assert warnings(app) == ""


def test_every_part_of_a_session_that_has_them_all(app):
    rust = session(app, "spring-2024/rust")
    assert rust["around"] == {
        # the same event, overlapping
        "same": ["spring-2024/typing"],
        # the next in "Hall A" is on the next day
        "next": "spring-2024/closing",
        # across events, newest first; "Rust in Production" by two is another talk
        "by": ["autumn-2025/panel", "spring-2024/tba"],
        # "Rust in production!" by the same speaker: the same talk, not listed twice
        "also": ["autumn-2025/rust"],
    }
    spring = data(app, "spring-2024")
    # what the lists say of the other event's sessions: title, page, event
    assert spring["others"] == {
        "autumn-2025/panel": {
            "title": "Rust in Production",
            "url": "events/autumn.html#session-autumn-2025-panel",
            "event": "Autumn Conf 2025",
        },
        "autumn-2025/rust": {
            "title": "Rust in production!",
            "url": "events/autumn.html#session-autumn-2025-rust",
            "event": "Autumn Conf 2025",
        },
        "autumn-2025/workshop": {
            "title": "Hands-on types",
            "url": "events/autumn-workshop.html#session-autumn-2025-workshop",
            "event": "Autumn Conf 2025",
        },
    }
    # the times the "same" and "next" lists show: event time, with its offset
    typing = session(app, "spring-2024/typing")
    assert (typing["start"], typing["end"], typing["room"]) == (
        "2024-05-10T10:30+02:00",
        "2024-05-10T11:00+02:00",
        "hall b",
    )


def test_the_other_event_links_back(app):
    rust = session(app, "autumn-2025/rust")
    assert rust["around"]["also"] == ["spring-2024/rust"]
    assert rust["around"]["same"] == ["autumn-2025/panel"]
    assert rust["around"]["next"] == "autumn-2025/workshop"  # on a page of its own
    assert data(app, "autumn-2025")["others"]["spring-2024/rust"]["url"] == (
        "events/spring.html#session-spring-2024-rust"
    )


def test_a_session_on_its_own_page(app):
    assert session(app, "autumn-2025/workshop")["around"] == {"by": ["spring-2024/typing"]}
    page = html(app, "events/autumn-workshop")
    scripts = [s for s in page.find_all("script", src=True) if "conference-agenda" in s["src"]]
    assert [s["data-events"] for s in scripts] == ["autumn-2025"]


def test_a_session_without_a_time_has_only_its_speakers_part(app):
    assert list(session(app, "spring-2024/tba")["around"]) == ["by"]
    assert (
        "Time to be announced"
        in html(app, "events/spring").find(id="session-spring-2024-tba").get_text()
    )


def test_every_link_reaches_a_session_block(app):
    out = Path(app.outdir)
    for event in ("spring-2024", "autumn-2025"):
        found = data(app, event)
        urls = [s["url"] for s in found["sessions"]] + [o["url"] for o in found["others"].values()]
        for url in urls:
            page, _, anchor = url.partition("#")
            block = BeautifulSoup((out / page).read_text("utf-8"), "lxml").find(id=anchor)
            assert block is not None and "conference-session" in block["class"], url
        # every id a list names is described: in the file's sessions or under "others"
        known = {s["id"] for s in found["sessions"]} | set(found["others"])
        for s in found["sessions"]:
            shown = s.get("around", {})
            named = [*shown.get("same", ()), *shown.get("by", ()), *shown.get("also", ())]
            if "next" in shown:
                named.append(shown["next"])
            assert set(named) <= known, s["id"]


def test_the_pages_carry_none_of_it(app, module_tmp):
    """The lists cost a page no HTML: an event page is the same size with them on or off."""
    off = build(module_tmp / "around-off-size", confoverrides={"conference_around": False})
    for page in ("events/spring.html", "events/autumn.html", "events/autumn-workshop.html"):
        text = Path(app.outdir, page).read_text("utf-8")
        assert "conference-around" not in text
        grown = len(text.encode()) - Path(off.outdir, page).stat().st_size
        assert grown < 100, (page, grown)  # at most the script's tag on a page without it


def test_links_under_dirhtml(module_tmp):
    dirhtml = build(module_tmp / "around-dirhtml", "dirhtml")
    assert warnings(dirhtml) == ""
    found = json.loads(Path(dirhtml.outdir, "_agenda/spring-2024.json").read_text("utf-8"))
    assert found["others"]["autumn-2025/rust"]["url"] == "events/autumn/#session-autumn-2025-rust"


def test_other_builders_get_no_data_and_no_lists(module_tmp):
    text = build(module_tmp / "around-text", "text")
    assert warnings(text) == ""
    written = (Path(text.outdir) / "events/spring.txt").read_text("utf-8")
    assert "More by these speakers" not in written
    assert "Rust in Production" in written  # the session itself, in full
    assert not Path(text.outdir, "_agenda").exists()


def test_the_switch_turns_it_off(module_tmp):
    off = build(module_tmp / "around-off", confoverrides={"conference_around": False})
    assert warnings(off) == ""
    for event in ("spring-2024", "autumn-2025"):
        found = data(off, event)
        assert "others" not in found
        assert not [s["id"] for s in found["sessions"] if "around" in s]
    # the script goes only where timed sessions need agenda buttons: an untimed one's
    # block alone would not get it
    assert html(off, "events/spring").find("script", attrs={"data-events": "spring-2024"})
