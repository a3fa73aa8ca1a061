"""Nothing lost: every post, event, session and person of a generated site appears on every
listing that should show it (its event, its people, its tags, the archive, the home page,
the search index; tag pages, feeds and the sitemap where they are built).
"""

from __future__ import annotations

import json
import random
import re
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitegen import Site
from sphinx_conference.core.model import tag_slug


@pytest.fixture(scope="module")
def built(module_tmp):
    from sphinx.testing.util import SphinxTestApp

    site = Site.generate(random.Random(7), people=10, events=3, sessions=4, posts=24)
    src = module_tmp / "src"
    src.mkdir()
    site.write(src)
    app = SphinxTestApp("html", srcdir=src, status=StringIO(), warning=StringIO())
    app.build()
    app.cleanup()
    return site, Path(app.outdir), app.warning.getvalue()


def section_text(out: Path, page: str, section: str) -> set[str]:
    """The texts of every link and name shown in one section of a page: the items of its list."""
    soup = BeautifulSoup((out / f"{page}.html").read_text("utf-8"), "lxml")
    node = soup.find("section", id=section)
    assert node is not None, f"{page}.html has no section {section!r}"
    found = {a.get_text(" ", strip=True) for a in node.find_all("a")}
    return found | {n.get_text(" ", strip=True) for n in node.select(".conference-name")}


def test_generated_site_builds_without_warnings(built):
    _, _, log = built
    assert log == ""


def test_every_session_and_speaker_is_on_its_event(built):
    site, out, _ = built
    for ev in site.events.values():
        programme = section_text(out, f"events/{ev.id}", "programme")
        speakers = section_text(out, f"events/{ev.id}", "speakers")
        for s in ev.sessions:
            assert s.title in programme, (ev.id, s.title)
            for pid in s.speakers:
                assert site.people[pid].name in speakers, (ev.id, pid)


def test_every_session_and_post_is_on_its_people(built):
    site, out, _ = built
    for pid in site.people:
        sessions = section_text(out, f"people/{pid}", "sessions")
        posts = section_text(out, f"people/{pid}", "posts")
        for _, s in site.sessions():
            assert (s.title in sessions) == (pid in s.speakers), (pid, s.title)
        for post in site.posts.values():
            assert (post.title in posts) == (pid in post.authors), (pid, post.title)


def test_everything_is_on_its_tags(built):
    site, out, _ = built
    for tag in site.all_tags():
        page = f"tags/{tag_slug(tag)}"
        posts, sessions, people = (
            section_text(out, page, s) for s in ("posts", "sessions", "people")
        )
        for post in site.posts.values():
            assert (post.title in posts) == (tag in post.tags), (tag, post.title)
        for _, s in site.sessions():
            assert (s.title in sessions) == (tag in s.tags), (tag, s.title)
        for p in site.people.values():
            assert (p.name in people) == (tag in p.tags), (tag, p.name)


def test_every_post_is_in_the_archive_and_home_lists_the_latest(built):
    site, out, _ = built
    archive = BeautifulSoup((out / "posts/index.html").read_text("utf-8"), "lxml")
    titles = [t.get_text(" ", strip=True) for t in archive.select(".conference-post-title")]
    newest = sorted(site.posts.values(), key=lambda p: (p.date, p.slug), reverse=True)
    assert titles == [p.title for p in newest]
    home = section_text(out, "index", "latest-posts")
    assert all(p.title in home for p in newest[:3]) and not any(p.title in home for p in newest[3:])
    everyone = section_text(out, "index", "everyone")
    assert all(p.name in everyone for p in site.people.values())
    sessions = section_text(out, "index", "every-session")
    assert all(s.title in sessions for _, s in site.sessions())


def test_everything_is_in_the_search_index(built):
    site, out, _ = built
    text = (out / "searchindex.js").read_text("utf-8")
    index = json.loads(re.search(r"Search\.setIndex\((.*)\)\s*$", text, re.S).group(1))
    titles = set(index["titles"])
    for post in site.posts.values():
        assert post.title in titles
    for p in site.people.values():
        assert p.name in titles
    names = {entry[4] for entries in index["objects"].values() for entry in entries}
    assert {p.name for p in site.people.values()} <= names
    assert {ev.name for ev in site.events.values()} <= names
    assert {s.title for _, s in site.sessions()} <= names


def main_items(out: Path, page: str) -> set[str]:
    """The texts of every link and name in a page's main content."""
    soup = BeautifulSoup((out / f"{page}.html").read_text("utf-8"), "lxml")
    main = soup.find(attrs={"role": "main"}) or soup.find("main")
    found = {a.get_text(" ", strip=True) for a in main.find_all("a")}
    return found | {n.get_text(" ", strip=True) for n in main.select(".conference-name")}


def test_everything_is_on_generated_tag_pages(built):
    """Tag pages built from the domain, and the index of tags."""
    site, out, _ = built
    if not (out / "_tags").is_dir():
        pytest.skip("no tag pages are built yet")
    used = set()
    for tag in site.all_tags():
        posts = {p.title for p in site.posts.values() if tag in p.tags}
        sessions = {s.title for _, s in site.sessions() if tag in s.tags}
        people = {p.name for p in site.people.values() if tag in p.tags}
        events = {e.name for e in site.events.values() if tag in e.tags}
        wanted = posts | sessions | people | events
        if not wanted:
            continue
        used.add(tag)
        shown = main_items(out, f"_tags/{tag_slug(tag)}")
        assert wanted <= shown, (tag, wanted - shown)
        others = {p.title for p in site.posts.values()} - posts
        assert not (others & shown), (tag, others & shown)
    index = " ".join(main_items(out, "_tags/tagsindex"))
    assert all(tag in index for tag in used)


def test_everything_is_in_the_archives(built):
    """Archives by year and by author, and events by year."""
    site, out, _ = built
    if not (out / "archive").is_dir():
        pytest.skip("no archives are built yet")
    years = {p.date.year for p in site.posts.values()}
    for year in years:
        shown = main_items(out, f"archive/{year}")
        wanted = {p.title for p in site.posts.values() if p.date.year == year}
        assert wanted == shown & {p.title for p in site.posts.values()}, year
    for pid in site.people:
        wanted = {p.title for p in site.posts.values() if pid in p.authors}
        if not wanted:
            continue
        shown = main_items(out, f"archive/authors/{pid}")
        assert wanted == shown & {p.title for p in site.posts.values()}, pid
    events = main_items(out, "archive/events")
    assert {e.name for e in site.events.values()} <= events


def _feed_titles(path: Path) -> list[str]:
    import feedparser

    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, (path, parsed.get("bozo_exception"))
    return [e.title for e in parsed.entries]


def test_every_post_is_in_the_feeds(built):
    """The site's Atom and RSS feeds hold every post; each tag's feeds exactly its posts.

    (The site has fewer posts than ``conference_feed_limit``, which caps each feed.)
    """
    site, out, _ = built
    feeds = out / "_feeds"
    if not feeds.is_dir():
        pytest.skip("no feeds are built yet (issue 4)")
    everything = {p.title for p in site.posts.values()}
    for name in ("atom.xml", "rss.xml"):
        assert sorted(_feed_titles(feeds / name)) == sorted(everything), name
    for tag in site.all_tags():
        wanted = {p.title for p in site.posts.values() if tag in p.tags}
        for kind in ("atom", "rss"):
            path = feeds / "tags" / f"{tag_slug(tag)}.{kind}.xml"
            if wanted or path.exists():
                assert set(_feed_titles(path)) == wanted, (tag, kind)


def _ics_summaries(path: Path) -> set[str]:
    import icalendar

    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(c.get("SUMMARY")) for c in cal.walk("VEVENT")}


def test_every_session_is_in_the_calendars_and_schedules(built):
    """Each event's calendar and schedule export hold its sessions; each person's calendar theirs."""
    site, out, _ = built
    cals = out / "_calendars"
    if not cals.is_dir():
        pytest.skip("no calendars are built yet (issue 4)")
    for ev in site.events.values():
        titles = {s.title for s in ev.sessions}
        in_calendar = {
            t.removesuffix(f" ({ev.name})")
            for t in _ics_summaries(cals / "events" / f"{ev.id}.ics")
        }
        assert titles <= in_calendar, ev.id
        for s in ev.sessions:
            one = {
                t.removesuffix(f" ({ev.name})")
                for t in _ics_summaries(cals / "sessions" / ev.id / f"{s.slug}.ics")
            }
            assert one == {s.title}, (ev.id, s.slug)
        schedule = json.loads((out / "_schedule" / f"{ev.id}.json").read_text("utf-8"))
        found = {
            talk["title"]
            for day in schedule["schedule"]["conference"]["days"]
            for talks in day["rooms"].values()
            for talk in talks
        }
        assert found == titles, ev.id
    for pid in site.people:
        titles = {s.title for _, s in site.sessions() if pid in s.speakers}
        if titles:
            shown = {t.rsplit(" (", 1)[0] for t in _ics_summaries(cals / "people" / f"{pid}.ics")}
            assert titles == shown, pid


def test_every_page_is_in_the_sitemap(built):
    site, out, _ = built
    sitemap = out / "sitemap.xml"
    if not sitemap.exists():
        pytest.skip("no sitemap is built")
    from lxml import etree

    locs = {el.text for el in etree.parse(str(sitemap)).iter("{*}loc")}
    wanted = [f"posts/{p.slug}.html" for p in site.posts.values()]
    wanted += [f"people/{pid}.html" for pid in site.people]
    wanted += [f"events/{eid}.html" for eid in site.events]
    missing = [w for w in wanted if f"https://example.org/{w}" not in locs]
    assert missing == []
