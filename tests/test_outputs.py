"""Feeds, calendars, JSON-LD, sharing tags, schedules and search: each read by a real parser."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import icalendar
import pytest
from lxml import etree

from conftest import ROOTS, SHARED, build_root, html, warnings

BASE = "https://conf.example.org/"
ATOM = "{http://www.w3.org/2005/Atom}"
SCHEMA = SHARED / "fixtures" / "schedules" / "schema.json"
EPOCH = "1717200000"  # 2024-06-01


@pytest.fixture(scope="module")
def basic(module_tmp, monkeypatch_module):
    app = build_root("basic", module_tmp / "basic", confoverrides={"html_baseurl": BASE})
    yield app
    app.cleanup()


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
    yield mp
    mp.undo()


def out(app) -> Path:
    return Path(app.outdir)


def jsonld(app, docname: str) -> list[dict]:
    soup = html(app, docname)
    return [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]


# -- feeds -------------------------------------------------------------------------------


def test_build_has_no_warnings(basic):
    assert "conference" not in warnings(basic)
    assert "Traceback" not in warnings(basic)


@pytest.mark.parametrize("name", ["atom.xml", "rss.xml"])
def test_site_feeds_parse_and_list_published_posts_only(basic, name):
    feed = feedparser.parse((out(basic) / "_feeds" / name).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    titles = [e.title for e in feed.entries]
    assert titles == ["Second post", "First post"]  # newest first; no draft, no future post
    first = feed.entries[1]
    assert first.link == BASE + "posts/2024/first.html"
    assert first.summary == "What we saw at PyCon."
    assert "We liked" in first.content[0].value


def test_feeds_hold_the_newest_posts_up_to_the_limit(module_tmp, monkeypatch_module):
    from sphinx_conference.core.config import CONFIG

    assert CONFIG["conference_feed_limit"][0] == 50  # a feed does not grow with the site
    app = build_root(
        "basic",
        module_tmp / "limited",
        confoverrides={"html_baseurl": BASE, "conference_feed_limit": 1},
    )
    try:
        for name in ("atom.xml", "rss.xml"):
            feed = feedparser.parse((out(app) / "_feeds" / name).read_bytes())
            assert [e.title for e in feed.entries] == ["Second post"], name
    finally:
        app.cleanup()


def test_atom_has_every_required_element(basic):
    root = etree.parse(str(out(basic) / "_feeds" / "atom.xml")).getroot()
    assert root.tag == f"{ATOM}feed"
    for child in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{child}") is not None, child
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == BASE + "_feeds/atom.xml"
    assert root.findtext(f"{ATOM}updated").startswith("2024-05-25")
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 2
    for entry in entries:
        for child in ("id", "title", "updated", "published", "summary", "content", "author"):
            assert entry.find(f"{ATOM}{child}") is not None, child
        # RFC 4287 4.2.7.2: a link without rel is rel="alternate".
        alternate = [
            x for x in entry.findall(f"{ATOM}link") if x.get("rel", "alternate") == "alternate"
        ]
        assert alternate and alternate[0].get("href").startswith(BASE)
        assert entry.find(f"{ATOM}content").get("type") == "html"
    first = entries[1]
    authors = [a.findtext(f"{ATOM}name") for a in first.findall(f"{ATOM}author")]
    assert authors == ["Ada Lovelace", "Grace Hopper"]
    assert first.find(f"{ATOM}author/{ATOM}uri").text == BASE + "people/ada-lovelace.html"
    assert {c.get("term") for c in first.findall(f"{ATOM}category")} == {"python", "conference"}


def test_rss_channel_links_to_the_site_and_to_itself(basic):
    for name, home in (("rss.xml", "index.html"), ("tags/python.rss.xml", "_tags/python.html")):
        channel = etree.parse(str(out(basic) / "_feeds" / name)).getroot().find("channel")
        # RSS 2.0: the channel's <link> is the website; the feed's own URL is atom:link.
        assert channel.findtext("link") == BASE + home, name
        assert channel.find(f"{ATOM}link[@rel='self']").get("href") == BASE + "_feeds/" + name


def test_feed_content_links_are_absolute(basic):
    feed = feedparser.parse((out(basic) / "_feeds" / "atom.xml").read_bytes())
    content = feed.entries[1].content[0].value
    hrefs = re.findall(r'href="([^"]*)"', content)
    assert BASE + "events/pycon.html#session-pycon-2024-engines" in hrefs
    assert all(urlsplit(h).scheme in {"http", "https", "mailto"} for h in hrefs), hrefs
    assert "<h1" not in content  # the title is the entry's title


@pytest.mark.parametrize(
    "body",
    [
        '<p><a href="#x">a</a><a href="">b</a><a href="?q=1">c</a><a href=" x.html ">d</a>'
        '<img src="../i.png"><a href="../x.html">g</a><a href="https://e.org/">e</a><a href="mailto:a@b.org">f</a></p>',
        '<p style="background: url(a.png)"><a href="x.html">x</a></p>',
        '<style>p{background:url(a.png)}</style><p><a href="../x.html">x</a></p>',
    ],
)
def test_feed_links_are_made_absolute_as_lxml_does(body):
    import lxml.html

    from sphinx_conference.outputs.feeds import make_links_absolute

    base = "https://example.org/posts/2024/first.html"
    ours = lxml.html.fragment_fromstring(body, create_parent="div")
    make_links_absolute(ours, base)
    theirs = lxml.html.fragment_fromstring(body, create_parent="div")
    theirs.make_links_absolute(base, resolve_base_href=False)
    assert lxml.html.tostring(ours) == lxml.html.tostring(theirs)
    assert b'href="https://example.org/posts/' in lxml.html.tostring(ours)


def test_post_bodies_are_read_back_from_their_pages_and_follow_the_posts(module_tmp):
    from sphinx_conference.outputs.feeds import BODY_END, BODY_START, written_body

    app = build_root("basic", module_tmp / "store", confoverrides={"html_baseurl": BASE})
    src, doctrees = Path(app.srcdir), Path(app.doctreedir)
    try:
        posts = set(app.env.domains["conference"].posts)
        for docname in posts:
            page = (out(app) / f"{docname}.html").read_text("utf-8")
            assert page.count(BODY_START) == 1 and page.count(BODY_END) == 1
        assert "We liked" in (written_body(app, "posts/2024/first") or "")
        # Other pages are not marked, and no store of bodies is kept beside the doctrees.
        assert BODY_START not in (out(app) / "index.html").read_text("utf-8")
        assert sorted(p.name for p in doctrees.iterdir() if p.is_file() and "feed" in p.name) == []
        # An edited post's feed entry follows its page; a post that is gone leaves the feed.
        first = src / "posts" / "2024" / "first.md"
        first.write_text(first.read_text("utf-8").replace("We liked", "We loved"), "utf-8")
        (src / "posts" / "2024" / "second.md").unlink()
        app.build()
        feed = feedparser.parse((out(app) / "_feeds" / "atom.xml").read_bytes())
        assert [e.title for e in feed.entries] == ["First post"]
        assert "We loved" in feed.entries[0].content[0].value
    finally:
        app.cleanup()


def test_tag_feeds_hold_only_tagged_posts(basic):
    feed = feedparser.parse((out(basic) / "_feeds" / "tags" / "compilers.atom.xml").read_bytes())
    assert not feed.bozo
    assert [e.title for e in feed.entries] == ["Second post"]
    rss = feedparser.parse((out(basic) / "_feeds" / "tags" / "python.rss.xml").read_bytes())
    assert not rss.bozo and rss.version == "rss20"
    assert [e.title for e in rss.entries] == ["Second post", "First post"]


def test_every_page_links_to_the_feeds(basic):
    pages = sorted(out(basic).rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        text = page.read_text("utf-8")
        if "<head>" not in text:
            continue
        links = re.findall(
            r'<link rel="alternate" type="application/atom\+xml"[^>]*href="([^"]+)"', text
        )
        assert links, page
        target = (page.parent / links[0]).resolve()
        assert target == (out(basic) / "_feeds" / "atom.xml").resolve(), page


# -- calendars -----------------------------------------------------------------------------


def calendars(app) -> dict[str, icalendar.Calendar]:
    root = out(app) / "_calendars"
    return {
        p.relative_to(root).as_posix(): icalendar.Calendar.from_ical(p.read_bytes())
        for p in sorted(root.rglob("*.ics"))
    }


def test_every_calendar_has_the_required_properties(basic):
    cals = calendars(basic)
    assert set(cals) == {
        "events/pycon-2024.ics",
        "sessions/pycon-2024/engines.ics",
        "sessions/pycon-2024/compilers.ics",
        "sessions/pycon-2024/lightning.ics",
        "people/ada-lovelace.ics",
        "people/grace-hopper.ics",
    }
    for name, cal in cals.items():
        assert cal["VERSION"] == "2.0" and cal["PRODID"], name
        events = cal.walk("VEVENT")
        assert events, name
        for ev in events:
            for prop in ("UID", "DTSTAMP", "DTSTART", "SUMMARY", "URL"):
                assert prop in ev, (name, prop)
            assert ev.decoded("DTSTAMP").isoformat() == "2024-06-01T00:00:00+00:00"
            assert str(ev["URL"]).startswith(BASE)


def test_event_calendar_has_the_event_and_timed_sessions_in_its_time_zone(basic):
    cal = calendars(basic)["events/pycon-2024.ics"]
    events = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {
        "PyCon 2024",
        "Engines of Thought (PyCon 2024)",
        "Compilers for Everyone (PyCon 2024)",
        "Lightning Round (PyCon 2024)",
    }
    whole = events["PyCon 2024"]
    assert whole.decoded("DTSTART").isoformat() == "2024-05-15"  # all day
    assert whole.decoded("DTEND").isoformat() == "2024-05-18"  # exclusive end
    assert str(whole["LOCATION"]) == "Convention Center, Pittsburgh, US"
    keynote = events["Engines of Thought (PyCon 2024)"]
    start = keynote.decoded("DTSTART")
    assert start.isoformat() == "2024-05-15T09:00:00-04:00"
    assert keynote["DTSTART"].params["TZID"] == "America/New_York"
    assert keynote.decoded("DTEND").isoformat() == "2024-05-15T09:45:00-04:00"
    assert str(keynote["LOCATION"]).startswith("Hall A, Convention Center")
    assert str(keynote["URL"]) == BASE + "events/pycon.html#session-pycon-2024-engines"
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["America/New_York"]
    # A session without a time is an all-day entry over the event's dates.
    assert events["Lightning Round (PyCon 2024)"].decoded("DTSTART").isoformat() == "2024-05-15"
    assert len({str(e["UID"]) for e in events.values()}) == 4


def test_person_calendar_lists_their_sessions(basic):
    cal = calendars(basic)["people/grace-hopper.ics"]
    assert sorted(str(e["SUMMARY"]) for e in cal.walk("VEVENT")) == [
        "Compilers for Everyone (PyCon 2024)",
        "Engines of Thought (PyCon 2024)",
    ]


def test_calendars_are_what_icalendar_itself_would_write(basic):
    """Components shared between calendars are serialized once; the files must not differ."""
    from sphinx_conference.outputs.ical import calendars as built_calendars

    written = built_calendars(basic)
    assert len(written) == 6
    for path, cal in written.items():
        assert (out(basic) / path).read_bytes() == cal.to_ical(), path


def test_calendars_and_schedules_are_identical_across_builds(basic, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    again = build_root("basic", tmp_path / "again", confoverrides={"html_baseurl": BASE})
    again.cleanup()
    for folder in ("_calendars", "_schedule", "_feeds"):
        for path in sorted((out(basic) / folder).rglob("*")):
            if path.is_file():
                other = out(again) / path.relative_to(out(basic))
                assert other.read_bytes() == path.read_bytes(), path


def test_calendars_and_schedules_are_written_with_their_pages(tmp_path, monkeypatch):
    """A calendar or schedule shows records only: it is written when the page defining
    its record is resolved (in a parallel build, while the writer process writes the
    pages before it), not after every page is written; and once."""
    import shutil
    from io import StringIO

    from sphinx.testing.util import SphinxTestApp

    from sphinx_conference.outputs import cache

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    shutil.copytree(ROOTS / "test-basic", tmp_path / "src")
    app = SphinxTestApp(
        "html",
        srcdir=tmp_path / "src",
        status=StringIO(),
        warning=StringIO(),
        confoverrides={"html_baseurl": BASE},
    )
    written: list[str] = []
    write_text = cache.write_text
    monkeypatch.setattr(
        "sphinx_conference.outputs.exports.write_text",
        lambda outdir, path, text: written.append(path) or write_text(outdir, path, text),
    )
    exists: dict[str, set[str]] = {}

    def resolved(app, doctree, docname):
        exists[docname] = {
            p.relative_to(app.outdir).as_posix()
            for folder in ("_calendars", "_schedule")
            for p in Path(app.outdir, folder).rglob("*.*")
        }

    app.connect("doctree-resolved", resolved, priority=900)  # after the extension's
    try:
        app.build()
    finally:
        app.cleanup()
    assert {
        "_calendars/events/pycon-2024.ics",
        "_calendars/sessions/pycon-2024/engines.ics",
        "_schedule/pycon-2024.json",
        "_schedule/pycon-2024.xml",
    } <= exists["events/pycon"]
    assert "_calendars/people/grace-hopper.ics" in exists["people/grace-hopper"]
    records = [p for p in written if p.startswith(("_calendars/", "_schedule/"))]
    assert len(records) == len(set(records)) == 8


@pytest.mark.parametrize(
    ("docname", "anchor", "ics"),
    [
        ("events/pycon", "event-pycon-2024", "_calendars/events/pycon-2024.ics"),
        (
            "events/pycon",
            "session-pycon-2024-engines",
            "_calendars/sessions/pycon-2024/engines.ics",
        ),
        ("people/grace-hopper", None, "_calendars/people/grace-hopper.ics"),
    ],
)
def test_pages_link_to_their_calendars(basic, docname, anchor, ics):
    soup = html(basic, docname)
    scope = soup.find(id=anchor) if anchor else soup
    links = scope.select("a.conference-calendar-link")
    assert links, docname
    href = links[0]["href"]
    target = (out(basic) / docname).parent / href
    assert target.resolve() == (out(basic) / ics).resolve()
    assert target.exists()


# -- JSON-LD -----------------------------------------------------------------------------


def test_event_jsonld_has_what_google_requires(basic):
    (event,) = jsonld(basic, "events/pycon")
    assert event["@context"] == "https://schema.org" and event["@type"] == "Event"
    assert event["name"] == "PyCon 2024"
    assert event["startDate"] == "2024-05-15" and event["endDate"] == "2024-05-17"
    loc = event["location"]
    assert loc["@type"] == "Place" and loc["name"] == "Convention Center"
    assert loc["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Pittsburgh",
        "addressCountry": "US",
    }
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    subs = {s["name"]: s for s in event["subEvent"]}
    keynote = subs["Engines of Thought"]
    assert keynote["startDate"] == "2024-05-15T09:00:00-04:00"
    assert keynote["endDate"] == "2024-05-15T09:45:00-04:00"
    assert [p["name"] for p in keynote["performer"]] == ["Ada Lovelace", "Grace Hopper"]
    assert keynote["performer"][0]["url"] == BASE + "people/ada-lovelace.html"
    assert keynote["location"]["name"] == "Hall A, Convention Center"


def test_post_jsonld_is_a_blog_posting(basic):
    (post,) = jsonld(basic, "posts/2024/first")
    assert post["@type"] == "BlogPosting"
    assert post["headline"] == "First post"
    assert post["datePublished"] == "2024-05-20"
    assert [a["name"] for a in post["author"]] == ["Ada Lovelace", "Grace Hopper"]
    assert post["keywords"] == ["Python", "Conference"]
    assert post["url"] == BASE + "posts/2024/first.html"


def test_person_jsonld(basic):
    (person,) = jsonld(basic, "people/ada-lovelace")
    assert person["@type"] == "Person" and person["name"] == "Ada Lovelace"
    assert person["jobTitle"] == "Analyst"
    assert person["worksFor"] == {"@type": "Organization", "name": "Analytical Engine Society"}
    assert "https://github.com/ada" in person["sameAs"]
    assert person["image"].startswith(BASE + "_images/")
    assert (out(basic) / person["image"][len(BASE) :]).exists()


def test_jsonld_cannot_close_its_script():
    from sphinx_conference.outputs.jsonld import script

    evil = {"name": "</script><script>alert(1)</script> & <!--"}
    text = script(evil)
    body = text.split(">", 1)[1].rsplit("</script>", 1)[0]
    assert "<" not in body and ">" not in body and "&" not in body
    assert json.loads(body) == evil


# -- schedule ----------------------------------------------------------------------------


def test_schedule_json_structure(basic):
    doc = json.loads((out(basic) / "_schedule" / "pycon-2024.json").read_text("utf-8"))
    conf = doc["schedule"]["conference"]
    assert doc["schedule"]["version"] == "2024-06-01"
    assert conf["acronym"] == "pycon_2024" and conf["title"] == "PyCon 2024"
    assert (conf["start"], conf["end"], conf["daysCount"]) == ("2024-05-15", "2024-05-17", 3)
    assert conf["time_zone_name"] == "America/New_York"
    assert [t["name"] for t in conf["tracks"]] == ["Core", "Data"]
    assert [r["name"] for r in conf["rooms"]] == ["Hall A", "Room 2"]
    days = conf["days"]
    assert [d["date"] for d in days] == ["2024-05-15", "2024-05-16", "2024-05-17"]
    (keynote,) = days[0]["rooms"]["Hall A"]
    assert keynote["title"] == "Engines of Thought"
    assert keynote["date"] == "2024-05-15T09:00:00-04:00" and keynote["start"] == "09:00"
    assert (
        keynote["duration"] == "00:45"
        and keynote["type"] == "keynote"
        and keynote["track"] == "Core"
    )
    assert [p["name"] for p in keynote["persons"]] == ["Ada Lovelace", "Grace Hopper"]
    assert {link["type"] for link in keynote["links"]} == {"slides", "media"}
    assert uuid.UUID(keynote["guid"]).version == 5
    (workshop,) = days[1]["rooms"]["Room 2"]
    assert workshop["duration"] == "01:30"
    assert days[2]["rooms"] == {}
    # The untimed lightning round cannot be placed on a day.
    titles = [e["title"] for d in days for evs in d["rooms"].values() for e in evs]
    assert "Lightning Round" not in titles


def test_event_page_links_to_its_schedule(basic):
    soup = html(basic, "events/pycon")
    link = soup.find("link", type="application/json")
    assert link is not None
    assert ((out(basic) / "events") / link["href"]).resolve() == (
        out(basic) / "_schedule" / "pycon-2024.json"
    ).resolve()


def validate_schedule(path: Path) -> None:
    if not SCHEMA.exists():
        pytest.skip(f"c3voc schema not found at {SCHEMA} (shared fixtures absent)")
    import jsonschema

    schema = json.loads(SCHEMA.read_text("utf-8"))
    jsonschema.Draft6Validator(schema, format_checker=jsonschema.FormatChecker()).validate(
        json.loads(path.read_text("utf-8"))
    )


def test_schedule_validates_against_c3voc_schema(basic):
    validate_schedule(out(basic) / "_schedule" / "pycon-2024.json")


# -- search ------------------------------------------------------------------------------


def search_index(app) -> dict:
    text = (out(app) / "searchindex.js").read_text("utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


def test_search_index_maps_people_sessions_and_events(basic):
    index = search_index(basic)
    objects = index["objects"][""]
    names = {entry[4]: entry for entry in objects}
    docnames = index["docnames"]
    for name, doc, anchor in [
        ("Ada Lovelace", "people/ada-lovelace", "speaker-ada-lovelace"),
        ("Engines of Thought", "events/pycon", "session-pycon-2024-engines"),
        ("PyCon 2024", "events/pycon", "event-pycon-2024"),
    ]:
        entry = names[name]
        assert docnames[entry[0]] == doc
        # "-" is Sphinx's short form of "<objtype>-<name>".
        assert entry[3] == anchor or (
            entry[3] == "-" and anchor.endswith(name.lower().replace(" ", "-"))
        )
    # Searching a speaker's name finds their page.
    found = set()
    for table in ("terms", "titleterms"):
        pages = index[table].get("lovelac", [])
        found.update(pages if isinstance(pages, list) else [pages])
    assert docnames.index("people/ada-lovelace") in found
