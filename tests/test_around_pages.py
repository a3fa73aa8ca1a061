"""Around this session, as built: two events sharing speakers, a talk given at both, and a
session on its own page (tests/roots/test-around).

The query itself is unit-tested in tests/unit/test_around.py; here, what the pages say,
where their links go under the HTML, dirhtml and text builders, and that the switch
turns it off.  Incremental builds: tests/test_incremental_around.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import build_root, html, warnings

LABELS = ("At the same time", "Next in this room", "More by these speakers", "Also given at")


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


def around(app, docname: str, sid: str):
    """The "around" list of session ``sid`` on ``docname`` (None where it has none)."""
    block = html(app, docname).find(id="session-" + sid.replace("/", "-"))
    assert block is not None, sid
    return block.find("dl", class_="conference-around")


def sections(dl) -> dict[str, list]:
    """Label -> the items (each the paragraph of one session) under it."""
    if dl is None:
        return {}
    out = {}
    for dt in dl.find_all("dt"):
        dd = dt.find_next_sibling("dd")
        out[dt.get_text(strip=True)] = dd.find_all("p")
    return out


def texts(items) -> list[str]:
    return [" ".join(p.get_text(" ", strip=True).split()) for p in items]


def links(items) -> list[str]:
    return [p.find("a")["href"] for p in items]


def test_builds_without_warnings(app):
    assert warnings(app) == ""


def test_every_part_of_a_session_that_has_them_all(app):
    found = sections(around(app, "events/spring", "spring-2024/rust"))
    assert list(found) == list(LABELS)
    # the same event, overlapping: its time (event time, with its offset) and room
    (typing,) = found["At the same time"]
    assert texts([typing]) == ["10:30 – 11:00 Typing Python (hall b)"]
    times = typing.find_all("time")
    assert [t["datetime"] for t in times] == ["2024-05-10T10:30+02:00", "2024-05-10T11:00+02:00"]
    assert links([typing]) == ["#session-spring-2024-typing"]
    # the next in "Hall A" is on the next day: the day is said
    (closing,) = found["Next in this room"]
    assert texts([closing]) == ["Sat 11 May 2024, 09:00 – 09:30 Closing words"]
    assert closing.find("time")["datetime"] == "2024-05-11T09:00+02:00"
    # across events, newest first, each with its event
    assert texts(found["More by these speakers"]) == [
        "Rust in Production , Autumn Conf 2025",
        "A talk to be announced , Spring Conf 2024",
    ]
    assert links(found["More by these speakers"]) == [
        "autumn.html#session-autumn-2025-panel",  # same title, but given by two
        "#session-spring-2024-tba",
    ]
    # "Rust in production!" by the same speaker: the same talk, not listed twice
    assert texts(found["Also given at"]) == ["Autumn Conf 2025"]
    assert links(found["Also given at"]) == ["autumn.html#session-autumn-2025-rust"]


def test_the_other_event_links_back(app):
    found = sections(around(app, "events/autumn", "autumn-2025/rust"))
    assert links(found["Also given at"]) == ["spring.html#session-spring-2024-rust"]
    assert texts(found["At the same time"]) == ["11:00 – 12:00 Rust in Production (Hall C)"]
    assert texts(found["Next in this room"]) == ["14:00 – 15:30 Hands-on types"]
    assert links(found["Next in this room"]) == [
        "autumn-workshop.html#session-autumn-2025-workshop"
    ]


def test_a_session_on_its_own_page(app):
    found = sections(around(app, "events/autumn-workshop", "autumn-2025/workshop"))
    assert list(found) == ["More by these speakers"]
    assert links(found["More by these speakers"]) == ["spring.html#session-spring-2024-typing"]


def test_a_session_without_a_time_has_only_its_speakers_part(app):
    found = sections(around(app, "events/spring", "spring-2024/tba"))
    assert list(found) == ["More by these speakers"]
    assert (
        "Time to be announced"
        in html(app, "events/spring").find(id="session-spring-2024-tba").get_text()
    )


def test_every_link_reaches_a_session_block(app):
    out = Path(app.outdir)
    for page in ("events/spring", "events/autumn", "events/autumn-workshop"):
        for dl in html(app, page).find_all("dl", class_="conference-around"):
            for a in dl.find_all("a"):
                target, _, anchor = a["href"].partition("#")
                doc = html(app, page) if not target else None
                if doc is None:
                    path = (out / page).parent / target
                    from bs4 import BeautifulSoup

                    doc = BeautifulSoup(path.read_text("utf-8"), "lxml")
                block = doc.find(id=anchor)
                assert block is not None and "conference-session" in block["class"], a


def test_no_heading_no_landmark_and_not_searched(app):
    for dl in html(app, "events/spring").find_all("dl", class_="conference-around"):
        assert dl.find(["h1", "h2", "h3", "h4", "h5", "h6", "nav", "aside", "section"]) is None
        assert "no-search" in dl["class"]


def test_links_under_dirhtml(module_tmp):
    dirhtml = build(module_tmp / "around-dirhtml", "dirhtml")
    assert warnings(dirhtml) == ""
    from bs4 import BeautifulSoup

    page = BeautifulSoup(
        (Path(dirhtml.outdir) / "events/spring/index.html").read_text("utf-8"), "lxml"
    )
    block = page.find(id="session-spring-2024-rust")
    found = sections(block.find("dl", class_="conference-around"))
    assert links(found["Also given at"]) == ["../autumn/#session-autumn-2025-rust"]


def test_the_text_builder_writes_it(module_tmp):
    text = build(module_tmp / "around-text", "text")
    assert warnings(text) == ""
    written = (Path(text.outdir) / "events/spring.txt").read_text("utf-8")
    for label in LABELS:
        assert label in written
    assert "Autumn Conf 2025" in written


def test_the_switch_turns_it_off(module_tmp):
    off = build(module_tmp / "around-off", confoverrides={"conference_around": False})
    assert warnings(off) == ""
    page = html(off, "events/spring")
    assert page.find(class_="conference-around") is None
    deps = off.env.domains["conference"].data["deps"]["events/spring"]
    assert not [key for key in deps if key[0] == "around"]  # nothing to re-write it for
