"""Conference series (issue 20): an event's ``:series:``, the series pages and index, the
events archive and people's pages grouped by series, the warning for an undefined series (the
build and ``check`` alike), incremental and parallel builds, and ``import --series``.

The root ``tests/roots/test-series`` has three editions of PyCon Land (2021, 2022, 2023), a
meetup without a series, an event of a series ``conf.py`` does not define (``ghost``) and a
defined series without editions (``tiny``).
"""

from __future__ import annotations

import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest

from conftest import ROOTS, build_root, html, warnings
from sphinx_conference.cli.check import check

FIXTURES = Path(__file__).parent / "fixtures" / "schedules"


@pytest.fixture(scope="module")
def app(module_tmp):
    app = build_root("series", module_tmp / "series")
    yield app
    app.cleanup()


def rows(page) -> list[list[str]]:
    return [
        [td.get_text(" ", strip=True) for td in tr.find_all("td")]
        for tr in page.select("table.conference-series-editions tbody tr")
    ]


def main_text(page) -> str:
    return " ".join(page.find(attrs={"role": "main"}).get_text(" ", strip=True).split())


def test_series_page_lists_editions_newest_first_with_their_facts(app):
    page = html(app, "series/pycon-land")
    assert page.find("h1").get_text(strip=True).startswith("PyCon Land")
    # The description is text: its "<Land>" is escaped, not an element.
    assert page.select_one(".conference-series-description").get_text() == (
        "The yearly Python conference of <Land>, since 2021."
    )
    assert page.find("caption").get_text(strip=True).startswith("Editions of PyCon Land")
    assert rows(page) == [
        ["PyCon Land 2023", "15 – 17 May 2023", "New Hall, Leeds", "3", "3"],
        ["PyCon Land 2022", "9 May 2022", "York", "1", "1"],
        ["PyCon Land 2021", "10 – 11 May 2021", "Old Hall, Leeds, GB", "2", "2"],
    ]
    links = [a["href"] for a in page.select("table.conference-series-editions tbody a")]
    assert links[0] == "../events/pycon-2023.html#event-pycon-2023"
    assert "3 editions on this site (2021–2023), newest first." in main_text(page)
    assert page.select_one(".conference-all-series a")["href"] == "index.html"


def test_event_page_links_to_its_series(app):
    block = html(app, "events/pycon-2022").select_one(".conference-event-series")
    assert block.get_text(" ", strip=True) == "Part of the series PyCon Land ."
    assert block.a["href"] == "../series/pycon-land.html"
    assert html(app, "events/meetup-2022").select_one(".conference-event-series") is None


def test_series_index_lists_every_series_with_editions_and_years(app):
    page = html(app, "series/index")
    items = {
        h.get_text(strip=True): h.find_parent(class_="conference-series-item").get_text(
            " ", strip=True
        )
        for h in page.select(".conference-series-item h2")
    }
    assert list(items) == ["ghost", "PyCon Land", "Tiny Conf"]
    assert "3 editions (2021–2023); latest: PyCon Land 2023." in items["PyCon Land"]
    assert "The yearly Python conference of <Land>" in items["PyCon Land"]
    assert "0 editions." in items["Tiny Conf"]
    assert "1 edition (2020)" in items["ghost"]
    hrefs = [a["href"] for a in page.select(".conference-series-item h2 a")]
    assert hrefs == ["ghost.html", "pycon-land.html", "tiny.html"]
    # A defined series without editions and an undefined one both have a page.
    assert "No editions on this site yet." in main_text(html(app, "series/tiny"))
    assert html(app, "series/ghost").find("h1").get_text(strip=True).startswith("ghost")


def test_events_archive_groups_events_by_series(app):
    page = html(app, "archive/events")
    past = [
        h.get_text(" ", strip=True)
        for h in page.select("h3.conference-series-group")
        if h["id"].startswith("past-")
    ]
    assert past == ["PyCon Land (3)", "ghost (1)", "Other events (1)"]
    series = page.find(id="past-series-pycon-land")
    assert series.find("a")["href"] == "../series/pycon-land.html"
    titles = [a.get_text() for a in page.select(".conference-event-title a")]
    assert titles == [
        "PyCon Land 2023",
        "PyCon Land 2022",
        "PyCon Land 2021",
        "Ghost Conf 2020",
        "Meetup 2022",
    ]
    # Events without a series keep their years, under "Other events".
    assert page.find(id="past-2022").name == "h4"


def test_person_page_groups_sessions_by_series_then_year(app):
    page = html(app, "people/ada")
    box = page.select_one(".conference-person-sessions")
    outline = [
        (h.name, h.get_text(" ", strip=True)) for h in box.find_all(["h2", "h3", "h4", "h5"])
    ]
    assert outline == [
        ("h2", "Sessions (4)"),
        ("h3", "PyCon Land (3)"),
        ("h4", "2023 (2)"),
        ("h5", "Keynote"),
        ("h5", "A workshop"),
        ("h4", "2021 (1)"),
        ("h5", "First steps"),
        ("h3", "Meetup 2022 (1)"),
        ("h4", "A meetup talk"),
    ]
    assert box.find(id="sessions-series-pycon-land").a["href"] == "../series/pycon-land.html"


def test_undefined_series_warns_with_file_and_line_and_check_agrees(app):
    log = warnings(app)
    found = re.findall(r"^(.*?):(\d+): WARNING: (.*) \[conference\.series\]$", log, re.M)
    assert [(Path(f).name, int(line)) for f, line, _ in found] == [("ghost-2020.md", 6)]
    message = found[0][2]
    assert "{event} 'ghost-2020' field 'series': unknown series id 'ghost'" in message
    assert "pycon-land, tiny" in message
    problems, _ = check(Path(app.srcdir))
    mine = [(p.path, p.line, p.subtype, p.message) for p in problems if p.subtype == "series"]
    assert mine == [("events/ghost-2020.md", 6, "series", message)]


def test_an_invalid_series_id_is_a_field_warning(module_tmp):
    src = module_tmp / "bad-id"
    app = build_root("series", src, confoverrides={"conference_series": {"Bad Id": "x"}})
    log = warnings(app)
    app.cleanup()
    assert "conf.py conference_series: series id 'Bad Id': expected a lower-case slug" in log


def _build(src: Path, **kwargs):
    from sphinx.testing.util import SphinxTestApp

    app = SphinxTestApp("html", srcdir=src, status=StringIO(), warning=StringIO(), **kwargs)
    app.build()
    app.cleanup()
    return app


def test_changing_a_series_updates_pages_index_archive_and_people(module_tmp):
    import shutil

    src = module_tmp / "incremental"
    shutil.copytree(ROOTS / "test-series", src)
    _build(src)
    edition = src / "events" / "pycon-2021.md"
    edition.write_text(edition.read_text().replace(":series: pycon-land", ":series: tiny"))
    app = _build(src)
    assert [r[0] for r in rows(html(app, "series/pycon-land"))] == [
        "PyCon Land 2023",
        "PyCon Land 2022",
    ]
    assert [r[0] for r in rows(html(app, "series/tiny"))] == ["PyCon Land 2021"]
    index = main_text(html(app, "series/index"))
    assert "2 editions (2022–2023)" in index and "1 edition (2021)" in index
    archive = html(app, "archive/events")
    assert archive.find(id="past-series-tiny").get_text(" ", strip=True) == "Tiny Conf (1)"
    ada = html(app, "people/ada").select_one(".conference-person-sessions")
    groups = [h.get_text(" ", strip=True) for h in ada.find_all("h3")]
    assert groups == ["PyCon Land (2)", "Meetup 2022 (1)", "Tiny Conf (1)"]
    # Removing the series from an event drops it from its series page.
    edition.write_text(edition.read_text().replace(":series: tiny\n", ""))
    app = _build(src)
    assert "No editions on this site yet." in main_text(html(app, "series/tiny"))


def test_parallel_build_shows_the_same_series(module_tmp, app):
    import shutil

    src = module_tmp / "parallel"
    shutil.copytree(ROOTS / "test-series", src)
    par = _build(src, parallel=2)
    for page in ("series/pycon-land", "series/index", "archive/events"):
        assert main_text(html(par, page)) == main_text(html(app, page)), page
    ada = html(par, "people/ada").select_one(".conference-person-sessions")
    assert ada.get_text(" ", strip=True) == html(app, "people/ada").select_one(
        ".conference-person-sessions"
    ).get_text(" ", strip=True)


def _cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "sphinx_conference", "import", *args]
    return subprocess.run(cmd, cwd=root, capture_output=True, text=True, check=False)


def test_import_series_flag_sets_the_events_series(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    run = _cli(root, "--quiet", "--series", "tinycamp", str(FIXTURES / "frab-small.json"))
    assert run.returncode == 0, run.stderr
    page = (root / "events/2021/tinycamp-2021/index.md").read_text("utf-8")
    block = page.split(":::{event} tinycamp-2021\n", 1)[1].split("\n:::\n", 1)[0]
    assert ":series: tinycamp" in block.splitlines()
    # Without the flag, no series.
    other = tmp_path / "other"
    other.mkdir()
    assert _cli(other, "--quiet", str(FIXTURES / "frab-small.json")).returncode == 0
    assert ":series:" not in (other / "events/2021/tinycamp-2021/index.md").read_text("utf-8")
    # A series id that is no slug is refused, and nothing is written.
    bad = tmp_path / "bad"
    bad.mkdir()
    run = _cli(bad, "--series", "Tiny Camp!", str(FIXTURES / "frab-small.json"))
    assert run.returncode == 1 and "--series" in run.stderr and "slug" in run.stderr
    assert not (bad / "events").exists()


def test_new_event_takes_a_series(tmp_path):
    (tmp_path / "conf.py").write_text('extensions = ["sphinx_conference"]\n')
    cmd = [sys.executable, "-m", "sphinx_conference", "new", "event", "PyCon 2027"]
    run = subprocess.run(
        [*cmd, "--start", "2027-05-01", "--series", "pycon"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert ":series: pycon\n" in (tmp_path / "events/2027/pycon-2027.md").read_text("utf-8")
    run = subprocess.run(
        [*cmd, "--start", "2027-05-01", "--series", "Py Con", "--id", "other"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode != 0 and "--series" in run.stderr


def test_event_json_ld_names_its_series(app):
    import json

    page = html(app, "events/pycon-2022")
    data = [json.loads(s.string) for s in page.find_all("script", type="application/ld+json")]
    event = next(d for d in data if d.get("@type") == "Event")
    assert event["superEvent"]["@type"] == "EventSeries"
    assert event["superEvent"]["name"] == "PyCon Land"
    assert event["superEvent"]["url"].endswith("series/pycon-land.html")
    meetup = html(app, "events/meetup-2022")
    data = [json.loads(s.string) for s in meetup.find_all("script", type="application/ld+json")]
    assert "superEvent" not in next(d for d in data if d.get("@type") == "Event")


def test_series_page_shows_the_series_statistics_counted_by_hand(app):
    """The series page ends with its statistics (issue 20, item 4), counted by hand:
    2021 ada, bob (both first); 2022 bob (returning); 2023 ada, bob (returning), carol (first).
    The meetup, outside the series, does not make anyone returning."""
    page = html(app, "series/pycon-land")
    assert page.find(id="statistics") is not None
    text = main_text(page)
    assert "6 sessions and 3 speakers over 3 editions; 2 speakers spoke at more than one" in text
    tables = {
        t.find("caption").get_text(" ", strip=True): [
            [c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])]
            for tr in t.select("tbody tr")
        ]
        for t in page.select("table.conference-chart-table")
    }
    returning = next(rows for caption, rows in tables.items() if "returning" in caption.lower())
    assert returning == [
        ["PyCon Land 2021", "2", "2", "0", "0%"],
        ["PyCon Land 2022", "1", "0", "1", "100%"],
        ["PyCon Land 2023", "3", "1", "2", "67%"],
    ]
    # Every chart is an image with a name, followed by its table.
    charts = page.select("svg")
    assert len(charts) >= 2
    for svg in charts:
        assert svg["role"] == "img" and svg.get("aria-labelledby")
