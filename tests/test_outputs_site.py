"""The real site (State of Open Con 2023): feeds, calendars, JSON-LD, schedule, sitemap, sharing."""

from __future__ import annotations

import json
from urllib.parse import urljoin

import feedparser
import icalendar
import pytest
from lxml import etree

from conftest import html, warnings
from test_outputs import BASE, jsonld, out, search_index, validate_schedule


@pytest.fixture(scope="module")
def site(module_tmp):
    from io import StringIO

    from sphinx.testing.util import SphinxTestApp

    from conftest import copy_site

    src = module_tmp / "site"
    src.mkdir()
    copy_site(src)
    (src / "_static").mkdir(exist_ok=True)
    overrides = {"html_baseurl": BASE, "conference_today": "2026-01-01"}
    app = SphinxTestApp(
        "html", srcdir=src, status=StringIO(), warning=StringIO(), confoverrides=overrides
    )
    app.build()
    yield app
    app.cleanup()


def test_site_builds_outputs_without_warnings(site):
    assert warnings(site) == ""


def test_site_feeds_parse(site):
    for path in sorted((out(site) / "_feeds").rglob("*.xml")):
        feed = feedparser.parse(path.read_bytes())
        assert not feed.bozo, (path, feed.get("bozo_exception"))
        assert feed.entries, path
    feed = feedparser.parse((out(site) / "_feeds" / "atom.xml").read_bytes())
    (entry,) = feed.entries
    assert entry.title == "State of Open Con 2023: six sessions worth your time"
    assert entry.author == "Albane Tonnellier"
    assert "Zero Trust" in entry.content[0].value


def test_site_calendars_and_jsonld(site):
    cal = icalendar.Calendar.from_ical(
        (out(site) / "_calendars/events/soocon-2023.ics").read_bytes()
    )
    summaries = [str(e["SUMMARY"]) for e in cal.walk("VEVENT")]
    assert summaries[0] == "State of Open Con 2023"
    assert "Zero Trust: Beyond the Buzzword (State of Open Con 2023)" in summaries
    (event,) = jsonld(site, "events/2023/soocon-2023")
    assert event["startDate"] == "2023-02-07" and event["location"]["name"] == "QEII Centre"
    assert len(event["subEvent"]) >= 5
    (person,) = jsonld(site, "people/nicki-watt")
    assert person["worksFor"]["name"] == "OpenCredo"


def test_site_schedule_validates(site):
    path = out(site) / "_schedule" / "soocon-2023.json"
    doc = json.loads(path.read_text("utf-8"))
    assert doc["schedule"]["conference"]["acronym"] == "soocon_2023"
    assert doc["schedule"]["conference"]["daysCount"] == 2
    validate_schedule(path)


def test_site_open_data_validates(site):
    """The site's data against its schema, its licence, and each event's frab XML against the XSD."""
    from test_opendata import validate_data, validate_xml

    doc = validate_data(site)
    assert doc["license"] == "MIT"  # conf.py: the repository's licence (LICENSE)
    (event,) = (e for e in doc["events"] if e["id"] == "soocon-2023")
    assert event["start"] == "2023-02-07" and len(event["sessions"]) >= 5
    assert {"nicki-watt", "matt-turner"} <= {p["id"] for p in doc["people"]}
    assert doc["posts"] and all(p["url"].startswith(BASE) for p in doc["posts"])
    tree = etree.parse(str(out(site) / "_schedule" / "soocon-2023.xml"))
    assert tree.findtext("conference/acronym") == "soocon_2023"
    assert len(tree.findall("day")) == 2
    validate_xml(out(site) / "_schedule" / "soocon-2023.xml")


def test_site_sitemap_lists_every_page_with_absolute_urls(site):
    tree = etree.parse(str(out(site) / "sitemap.xml"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [loc.text for loc in tree.findall(".//s:url/s:loc", ns)]
    assert BASE + "posts/2023/soocon-2023-six-sessions.html" in locs
    assert BASE + "people/nicki-watt.html" in locs
    assert all(loc.startswith(BASE) for loc in locs)


@pytest.mark.parametrize(
    ("docname", "expected"),
    [
        ("posts/2023/soocon-2023-six-sessions", "Six sessions from State of Open Con 2023"),
        ("people/nicki-watt", "Nicki Watt: Chief Technical Officer"),
        ("events/2023/soocon-2023", "The State of Open Conference"),
    ],
)
def test_site_opengraph_and_canonical(site, docname, expected):
    soup = html(site, docname)
    description = soup.find("meta", property="og:description")["content"]
    assert description.startswith(expected)
    assert soup.find("meta", property="og:url")["content"] == urljoin(BASE, f"{docname}.html")
    # Each of these pages has a drawn image: the site's card is the large one.
    cards = soup.find_all("meta", attrs={"name": "twitter:card"})
    assert [c["content"] for c in cards] == ["summary_large_image"]
    (image,) = soup.find_all("meta", property="og:image")
    assert image["content"].startswith(BASE + "_social/")
    assert soup.find("link", rel="canonical")["href"] == urljoin(BASE, f"{docname}.html")


def test_search_finds_a_speaker_of_the_site(site):
    index = search_index(site)
    names = {entry[4]: index["docnames"][entry[0]] for entry in index["objects"][""]}
    assert names["Jimmy Wales"] == "people/jimmy-wales"
    assert names["Zero Trust: Beyond the Buzzword"] == "events/2023/soocon-2023"
