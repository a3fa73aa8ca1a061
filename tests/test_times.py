"""Every date and time the extension shows is a ``<time datetime>`` (issue 19, time zones).

Built pages only (the switch itself is tested in a browser, ``test_browser_tz_theme.py``):
a time of day carries its absolute offset, a date alone is a plain date, every date or
time in the extension's own text is inside a ``<time>``, and the time-zone script loads
only on pages that show a time of day.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, NavigableString

from conftest import build_root, copy_site, sphinx_build
from sphinx_conference.core.times import machine_time

#: A valid ``datetime``: a date, or a date and time with an absolute offset.
DATETIME = re.compile(r"\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d)?([+-]\d\d:\d\d|Z))?")
#: What reads as a time of day or a date in the text of a page.
CLOCK = re.compile(r"\b\d{1,2}:\d\d\b")
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE_TEXT = re.compile(rf"\b\d{{1,2}} ({MONTHS}|{'|'.join(m[:3] for m in MONTHS.split('|'))})\b")
#: Authored prose inside the extension's blocks (may quote any date).
PROSE = (
    ".conference-abstract",
    ".conference-abstract-summary",
    ".conference-summary",
    ".conference-bio",
)


def pages(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*.html") if "_static" not in p.parts)


def extension_text(soup: BeautifulSoup):
    """Text nodes the extension wrote: under an element with a ``conference-`` class, not prose."""
    prose = {id(e) for sel in PROSE for e in soup.select(sel)}
    for text in soup.find_all(string=True):
        if not isinstance(text, NavigableString) or text.parent.name in ("script", "style"):
            continue
        owners = [p for p in text.parents if p.name and p.get("class")]
        if any(id(p) in prose for p in owners):
            continue
        if any(c.startswith("conference-") for p in owners for c in p["class"]):
            yield text


def check_times(out: Path) -> tuple[int, int]:
    """Assert the contract on every page of ``out``; return (times, times of day) seen."""
    seen = zoned = 0
    for page in pages(out):
        soup = BeautifulSoup(page.read_text("utf-8"), "lxml")
        for time in soup.find_all("time"):
            value = time.get("datetime", "")
            assert DATETIME.fullmatch(value), f"{page.name}: {time} has no valid datetime"
            seen += 1
            zoned += "T" in value
        for text in extension_text(soup):
            if CLOCK.search(text) or DATE_TEXT.search(text):
                assert text.find_parent("time") is not None, (
                    f"{page.relative_to(out)}: {str(text)!r} in "
                    f"<{text.parent.name} class={text.parent.get('class')}> is not a <time>"
                )
    return seen, zoned


@pytest.fixture(scope="module")
def schedule(tmp_path_factory) -> Path:
    app = build_root("schedule", tmp_path_factory.mktemp("schedule"))
    return Path(app.outdir)


@pytest.fixture(scope="module")
def site(module_tmp) -> Path:
    src = module_tmp / "src"
    src.mkdir()
    copy_site(src)
    out = module_tmp / "html"
    result = sphinx_build(src, out)
    assert result.returncode == 0, result.stderr
    return out


# -- time zones -----------------------------------------------------------------------


def test_machine_time_has_an_absolute_offset():
    assert machine_time(dt.datetime(2023, 2, 14, 10, 0), "UTC") == "2023-02-14T10:00+00:00"
    assert machine_time(dt.datetime(2024, 5, 15, 9, 0), "Europe/Prague") == "2024-05-15T09:00+02:00"
    assert machine_time(dt.datetime(2024, 1, 15, 9, 0), "Europe/Prague") == "2024-01-15T09:00+01:00"
    # no zone anywhere: UTC, as the calendars say
    assert machine_time(dt.datetime(2024, 5, 15, 9, 0), "") == "2024-05-15T09:00+00:00"
    # a start written with its offset keeps it
    aware = dt.datetime.fromisoformat("2024-05-15T09:00-04:00")
    assert machine_time(aware, "Europe/Prague") == "2024-05-15T09:00-04:00"


def test_every_date_and_time_of_the_schedule_is_a_time_element(schedule):
    seen, zoned = check_times(schedule)
    assert zoned >= 20 and seen > zoned


def test_every_date_and_time_of_the_site_is_a_time_element(site):
    seen, _ = check_times(site)
    assert seen >= 10


def test_times_of_each_layout_carry_the_event_offset(schedule):
    soup = BeautifulSoup((schedule / "events/devconf/index.html").read_text("utf-8"), "lxml")
    # Europe/Prague in May: +02:00, in the grid, the agenda, the table, cards and blocks
    for selector in (
        ".conference-grid-time time",
        ".conference-grid-where time",
        ".conference-agenda-time time",
        ".conference-facts time",
        ".conference-heading time",
    ):
        found = soup.select(selector)
        assert found, selector
    grid = soup.select_one(".conference-grid-time time")
    assert grid["datetime"] == "2024-05-15T09:00+02:00" and grid.text == "09:00"
    fact = soup.select_one(".conference-session .conference-facts time")
    assert DATETIME.fullmatch(fact["datetime"]) and fact["datetime"].endswith("+02:00")
    assert fact.find_next_sibling(class_="conference-tz").text == "Europe/Prague"
    day = soup.select_one("#day-2024-05-15 time")
    assert day["datetime"] == "2024-05-15" and day.text == "Wednesday 15 May 2024"
    note = soup.select_one(".conference-timezone-note")
    assert note.text == "Times are in Europe/Prague."
    assert note.select_one(".conference-tz").text == "Europe/Prague"


def test_time_zone_script_only_where_times_of_day_show(schedule, site):
    def scripts(path: Path) -> list[str]:
        soup = BeautifulSoup(path.read_text("utf-8"), "lxml")
        return [s.get("src", "") for s in soup.find_all("script")]

    assert any("conference-time.js" in s for s in scripts(schedule / "events/devconf/index.html"))
    assert (schedule / "_static/conference-time.js").is_file()
    # dates but no time of day: no script
    assert '<time datetime="2024-05-15">' in (schedule / "archive/events.html").read_text("utf-8")
    assert not any("conference-time.js" in s for s in scripts(schedule / "archive/events.html"))
    assert not any("conference-time.js" in s for s in scripts(site / "index.html"))


def test_other_builders_write_the_text_of_times(tmp_path):
    app = build_root("schedule", tmp_path, buildername="text")
    raw = (Path(app.outdir) / "events/devconf/index.txt").read_text("utf-8")
    # the grid's and table's columns are wide enough to read (widths in characters: a
    # 1-wide column wrapped letter by letter, and never ended on Sphinx 7.4)
    assert re.search(r"\| Time +\| Main Hall +\| Room B +\|", raw), raw
    text = " ".join(raw.split())
    assert "Wed 15 May 2024, 10:00–10:30 (Europe/Prague)" in text
    assert "15–16 May 2024" in text
