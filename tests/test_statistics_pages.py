"""Statistics pages, built: the counts of the hand-made root, the charts' markup, the link from
the event, the series section, incremental rebuilds and valid HTML.

The root ``test-statistics`` holds the data of ``tests/unit/test_statistics.py`` (3 events with
7 sessions, 5 people; no ``:series:``, so returning speakers are counted against every earlier
event of the site) and an event without sessions.
"""

from __future__ import annotations

import datetime as dt
import shutil
from io import StringIO
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from docutils import nodes

from conftest import ROOTS, build_root, warnings
from sphinx_conference.core.model import Event
from sphinx_conference.domain.store import get_domain
from sphinx_conference.pages.statistics import (
    returning_rule,
    series_statistics,
    series_statistics_inputs,
    series_statistics_section,
)
from sphinx_conference.render.components import Linker

LONG_TRACK = 'Open source & the "long view": stewardship of shared infrastructure across decades'


@pytest.fixture(scope="module")
def app(module_tmp):
    app = build_root("statistics", module_tmp / "src")
    yield app
    app.cleanup()


def soup(app, pagename: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / f"{pagename}.html").read_text("utf-8"), "lxml")


def table(page: BeautifulSoup, caption: str) -> list[list[str]]:
    """The rows (header row first) of the table with ``caption``."""
    for t in page.select("table.conference-chart-table"):
        if t.caption and t.caption.get_text(strip=True) == caption:
            return [[c.get_text(strip=True) for c in tr.find_all(["th", "td"])] for tr in t("tr")]
    raise AssertionError(f"no table {caption!r}")


def test_builds_without_warnings(app):
    assert warnings(app) == ""


def test_a_page_per_event_with_sessions_only(app):
    out = Path(app.outdir) / "statistics"
    assert sorted(p.name for p in out.iterdir()) == [
        "conf-2021.html",
        "conf-2022.html",
        "meetup.html",
    ]


def test_the_event_block_links_to_its_statistics_only_when_it_has_sessions(app):
    link = soup(app, "events/conf-2022").select_one(
        "#event-conf-2022 .conference-statistics-link a"
    )
    assert link["href"] == "../statistics/conf-2022.html"
    assert link.get_text() == "Statistics of Conf 2022"
    assert not soup(app, "events/empty").select(".conference-statistics-link")


def test_the_tables_hold_the_hand_counts(app):
    page = soup(app, "statistics/conf-2022")
    summary = page.select_one(".conference-statistics-summary").get_text()
    assert summary == (
        "3 sessions and 4 speakers at Conf 2022: 2 first-time and 2 returning (50% returning)."
    )
    assert table(page, "Speakers of Conf 2022") == [
        ["Speakers", "Number", "Share"],
        ["First-time", "2", "50%"],
        ["Returning", "2", "50%"],
    ]
    assert table(page, "Sessions of Conf 2022 by track")[1:] == [
        ["Core", "1"],
        [LONG_TRACK, "1"],
        ["No track", "1"],
    ]
    assert table(page, "Sessions of Conf 2022 by type")[1:] == [["talk", "2"], ["panel", "1"]]
    assert table(page, "Sessions of Conf 2022 by language")[1:] == [["en", "2"], ["de", "1"]]
    assert table(page, "Sessions of Conf 2022 by tag")[1:] == [
        ["Python", "2"],
        ["Community", "1"],
        ["No tags", "1"],
    ]
    meetup = soup(app, "statistics/meetup")
    # No series: conf-2021 and conf-2022 are earlier events of the site; all 3 speakers return.
    assert table(meetup, "Speakers of Meetup")[1:] == [
        ["First-time", "0", "0%"],
        ["Returning", "3", "100%"],
    ]
    assert "2 earlier events" in meetup.get_text()
    first = soup(app, "statistics/conf-2021")
    assert table(first, "Speakers of Conf 2021")[1:] == [
        ["First-time", "3", "100%"],
        ["Returning", "0", "0%"],
    ]


def test_every_chart_is_an_image_named_by_its_title_and_description(app):
    page = soup(app, "statistics/conf-2022")
    charts = page.select("svg.conference-chart-svg")
    assert len(charts) == 5  # speakers, track, type, language, tag
    for svg in charts:
        assert svg["role"] == "img"
        ids = svg["aria-labelledby"].split()
        assert [page.find(id=i).name for i in ids] == ["title", "desc"]
        assert svg.find("title").get_text() and svg.find("desc").get_text()
        # followed by its table
        assert svg.find_parent(class_="conference-chart").select("table caption")
    head = page.select("table.conference-chart-table thead th")
    assert head and all(th["scope"] == "col" for th in head)
    assert all(th["scope"] == "row" for th in page.select("table.conference-chart-table tbody th"))


def test_text_in_the_charts_is_escaped_and_long_labels_are_shortened(app):
    raw = (Path(app.outdir) / "statistics/conf-2022.html").read_text("utf-8")
    assert "Open source &amp; the &#x27;" not in raw  # quotes: html.escape's &quot;
    assert "Open source &amp; the &quot;long view&quot;" in raw
    page = soup(app, "statistics/conf-2022")
    labels = [t.get_text() for t in page.select("#track-chart-title ~ text")]
    assert any(label.endswith("…") and LONG_TRACK.startswith(label[:-1]) for label in labels)


def test_a_breakdown_nobody_gives_is_said_not_drawn(app):
    page = soup(app, "statistics/meetup")
    assert "No session of Meetup gives a track." in page.get_text()
    assert not page.select("#track-chart-title")


def test_series_statistics_section(app):
    domain = get_domain(app.env)
    editions = [domain.events["conf-2022"], domain.events["conf-2021"]]
    stats = series_statistics_inputs(app, "conf", editions)
    assert [(e.event, e.sessions, e.speakers, e.returning) for e in stats.editions] == [
        ("conf-2021", 2, 3, 0),
        ("conf-2022", 3, 4, 2),
    ]
    section = nodes.section()
    section.extend(series_statistics(app, "conf", editions, "series/conf"))
    html = "".join(r.astext() for r in section.findall(nodes.raw))
    # trends (columns and a line), speakers across editions, and four breakdowns
    assert html.count('role="img"') == 7
    assert 'aria-labelledby="statistics-editions-chart-title' in html
    rows = BeautifulSoup(html, "lxml")
    assert [
        [c.get_text() for c in tr.find_all(["th", "td"])]
        for tr in rows.select_one("#statistics-returning-chart-title")
        .find_parent(class_="conference-chart-drawing")
        .find_next("table")("tr")
    ] == [
        ["Edition", "Speakers", "First-time", "Returning", "Returning share"],
        ["Conf 2021", "3", "3", "0", "0%"],
        ["Conf 2022", "4", "2", "2", "50%"],
    ]
    assert "5 sessions and 5 speakers over 2 editions; 2 speakers spoke at more than one" in (
        section.astext()
    )


def test_series_statistics_for_another_builder_is_tables(tmp_path):
    app = build_root("statistics", tmp_path / "src", buildername="text")
    try:
        domain = get_domain(app.env)
        made = series_statistics(app, "conf", list(domain.events.values())[:2], "series/conf")
        section = nodes.section()
        section.extend(made)
        assert not list(section.findall(nodes.raw))
        assert len(list(section.findall(nodes.table))) == 7
        assert not (Path(app.outdir) / "statistics").exists()
    finally:
        app.cleanup()


def _build(src: Path, out: Path):
    from sphinx.testing.util import SphinxTestApp

    app = SphinxTestApp("html", srcdir=src, builddir=out, status=StringIO(), warning=StringIO())
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def test_incremental_builds_follow_the_sessions(tmp_path):
    src, out = tmp_path / "src", tmp_path / "build"
    shutil.copytree(ROOTS / "test-statistics", src)
    app = _build(src, out)
    html = Path(app.outdir)
    # A mark in the files of pages that must be kept (a kept page's file is touched, not written).
    marked = [html / f"statistics/{p}.html" for p in ("conf-2021", "meetup", "conf-2022")]
    for path in marked:
        path.write_text(path.read_text("utf-8") + "<!-- kept -->", "utf-8")

    # The empty event gets a session, on a page of its own and without speakers (so that no
    # list of the event's page changes): the event's page, not read again, is written again
    # with a link to its new statistics page.
    talk = src / "events/empty-talk.md"
    talk.write_text(
        "---\norphan: true\n---\n# One\n\n"
        ":::{session} empty/one\n:title: One\n:event: empty\n:type: talk\n:::\n",
        "utf-8",
    )
    # A track of conf-2022 changes: its statistics page is written again, the others are kept.
    c22 = src / "events/conf-2022.md"
    c22.write_text(c22.read_text("utf-8").replace(":track: Core", f":track: {LONG_TRACK}"), "utf-8")
    _build(src, out)
    assert (html / "statistics/empty.html").exists()
    assert soup(app, "events/empty").select(".conference-statistics-link a")
    assert table(soup(app, "statistics/conf-2022"), "Sessions of Conf 2022 by track")[1:] == [
        [LONG_TRACK, "2"],
        ["No track", "1"],
    ]
    assert "1 session and 0 speakers" in soup(app, "statistics/empty").get_text()
    # meetup's counts did not change (ada spoke before already), nor conf-2021's
    assert [path.read_text("utf-8").endswith("<!-- kept -->") for path in marked] == [
        True,
        True,
        False,
    ]

    # The session goes again: the link and the page go with it.
    talk.unlink()
    _build(src, out)
    assert not (html / "statistics/empty.html").exists()
    assert not soup(app, "events/empty").select(".conference-statistics-link")


def test_statistics_pages_are_valid_html(app):
    from vnu import describe, validate

    pages = [Path(app.outdir) / "statistics", Path(app.outdir) / "events/conf-2022.html"]
    messages = validate(pages)
    assert not messages, describe(messages, Path(app.outdir))


def test_switched_off_no_pages_no_links(tmp_path):
    app = build_root("statistics", tmp_path / "src", confoverrides={"conference_statistics": False})
    try:
        assert not (Path(app.outdir) / "statistics").exists()
        assert not soup(app, "events/conf-2022").select(".conference-statistics-link")
    finally:
        app.cleanup()


def test_the_rule_for_returning_speakers_is_said_on_the_page():
    event = Event("e", "events/e", 1, "E", dt.date(2024, 1, 1))
    assert "an earlier event on this site" in returning_rule(event, 2)
    assert "This site has 2 earlier events." in returning_rule(event, 2)
    series = Event("e", "events/e", 1, "E", dt.date(2024, 1, 1), series="conf")
    assert "an earlier edition of the same series" in returning_rule(series, 1)
    assert "no earlier edition, so every speaker counts as first-time" in returning_rule(series, 0)
    undated = Event("e", "events/e", 1, "E")
    assert "no start date" in returning_rule(undated, 0)


def test_series_statistics_section_for_the_series_page_hook(app):
    """The series page calls its statistics section with the page (here a stand-in)."""
    domain = get_domain(app.env)
    editions = [domain.events["conf-2022"], domain.events["conf-2021"]]  # newest first
    page = SimpleNamespace(
        series=SimpleNamespace(id="conf", name="Conf"),
        editions=editions,
        link=Linker(app.builder, "series/conf"),
        level=2,
    )
    made = series_statistics_section(page)
    direct = series_statistics(app, "conf", editions, "series/conf")
    assert [n.astext() for n in made] == [n.astext() for n in direct]
    assert made[0].astext() == "Statistics" and made[0]["heading-level"] == 2
