"""Tags, people pages, archives and cross-links: one web of posts, events, sessions and people."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from conftest import build_root, html, warnings


@pytest.fixture(scope="module")
def web(module_tmp):
    app = build_root("web", module_tmp / "src")
    yield app
    app.cleanup()


def titles(soup, selector=".conference-post-title a"):
    return [a.get_text() for a in soup.select(selector)]


def test_builds_cleanly(web):
    assert warnings(web) == ""


def test_tag_page_lists_everything_in_sections_with_counts(web):
    page = html(web, "_tags/security")
    assert page.find("h1").get_text(strip=True).startswith("Security")
    assert page.find(class_="conference-tag-description").get_text() == "Keeping systems safe."
    counts = page.find(class_="conference-tag-counts").get_text()
    assert counts == "Tagged here: 3 posts, 1 events, 1 sessions, 1 people, 1 pages."
    assert titles(page.find(id="posts").parent) == ["Post C", "Post B", "Post A"]
    assert [a.get_text() for a in page.find(id="events").parent.select("a")] == ["Old Conf 2023"]
    assert titles(page.find(id="sessions").parent, ".conference-session-title a") == [
        "The second talk"
    ]
    assert [n.get_text(strip=True) for n in page.select("#people ~ * .conference-name")] == [
        "Ada Lovelace"
    ]
    assert [a.get_text() for a in page.find(id="pages").parent.select("a")] == ["A guide"]


def test_tags_match_case_space_and_aliases(web):
    # "Platform Engineering", "platform eng", "platform-eng", "PE" and "Platform engineering" are one tag.
    page = html(web, "_tags/platform-engineering")
    assert page.find("h1").get_text(strip=True).startswith("Platform Engineering")
    assert titles(page.find(id="posts").parent) == ["Post B", "Post A"]
    assert titles(page.find(id="sessions").parent, ".conference-session-title a") == [
        "The first talk"
    ]
    assert [n.get_text(strip=True) for n in page.select("#people ~ * .conference-name")] == [
        "Bob Builder"
    ]
    assert [a.get_text() for a in page.find(id="pages").parent.select("a")] == ["A guide"]
    assert not (web.outdir / "_tags" / "platform-eng.html").exists()
    assert not (web.outdir / "_tags" / "pe.html").exists()


def test_badges_link_to_the_canonical_tag_page(web):
    session = html(web, "events/2023/old").find(id="session-old-2023-first")
    link = session.select_one(".conference-tags a")
    assert link.get_text() == "platform-eng"
    assert link["href"] == "../../_tags/platform-engineering.html"


def test_tags_directive_joins_the_index_and_links(web):
    page = html(web, "guides/index")
    badges = {a.get_text(): a["href"] for a in page.select(".conference-tags a")}
    assert badges == {"Security": "../_tags/security.html", "Guides": "../_tags/guides.html"}
    guides = html(web, "_tags/guides")
    assert [a.get_text() for a in guides.find(id="pages").parent.select("a")] == ["A guide"]


def test_tag_index_has_every_tag_with_counts_sized_by_use(web):
    page = html(web, "_tags/tagsindex")
    items = {
        a.select_one(".sd-badge").get_text(): (
            int(a.select_one(".conference-tag-count").get_text()),
            a["class"],
        )
        for a in page.select("a.conference-tag-cloud-item")
    }
    assert set(items) == {"Cooking", "Guides", "Platform Engineering", "Security"}
    assert items["Security"][0] == 7  # 3 posts, 1 event, 1 session, 1 person, 1 page
    assert items["Cooking"][0] == 1
    assert "conference-tag-size-5" in items["Security"][1]
    assert "conference-tag-size-1" in items["Cooking"][1]


def test_person_page_lists_sessions_across_events_newest_first_and_posts(web):
    page = html(web, "people/ada")
    sessions = page.find(class_="conference-person-sessions")
    assert titles(sessions, ".conference-session-title a") == ["The second talk", "The first talk"]
    assert [p.get_text(" ", strip=True) for p in sessions.select(".conference-session-event")] == [
        "At New Conf 2026",
        "At Old Conf 2023",
    ]
    posts = page.find(class_="conference-person-posts")
    entries = [li.get_text(" ", strip=True) for li in posts.find_all("li")]
    assert entries == [
        "Post D , 1 April 2024 (author)",
        "Post B , 1 February 2024 (mentions)",
        "Post A , 1 April 2023 (author)",
    ]


def test_session_shows_posts_that_reference_it(web):
    session = html(web, "events/2023/old").find(id="session-old-2023-first")
    assert [a.get_text() for a in session.select(".conference-backlinks a")] == ["Post A"]


def test_event_shows_grid_of_its_speakers(web):
    page = html(web, "events/2026/new")
    assert [n.get_text(strip=True) for n in page.select(".conference-grid .conference-name")] == [
        "Ada Lovelace",
        "Bob Builder",
    ]


def test_posts_prev_next_by_date(web):
    # The test root uses the default theme: the links come from Sphinx's standard context.
    page = html(web, "posts/2024/b")
    assert page.select_one('link[rel="prev"]')["href"] == "../2023/a.html"
    assert page.select_one('link[rel="next"]')["href"] == "c.html"
    newest = html(web, "posts/2024/d")
    assert newest.select_one('link[rel="next"]') is None


def test_related_posts_ranked_by_shared_tags(web):
    page = html(web, "posts/2024/c")  # tags: Security
    assert titles(page.find(class_="conference-related")) == ["Post B", "Post A"]
    page = html(web, "posts/2023/a")  # Security, Platform Engineering
    assert titles(page.find(class_="conference-related")) == ["Post B", "Post C"]
    assert html(web, "posts/2024/d").find(class_="conference-related") is None


def test_archives_by_year_and_author(web):
    index = html(web, "archive/index")
    assert [a.get_text() for a in index.select("#posts-by-year + ul a")] == ["2024 (3)", "2023 (1)"]
    assert [a.get_text() for a in index.select("#posts-by-author + ul a")] == [
        "Ada Lovelace (2)",
        "Bob Builder (2)",
    ]
    assert titles(html(web, "archive/2024")) == ["Post D", "Post C", "Post B"]
    assert titles(html(web, "archive/authors/bob")) == ["Post C", "Post B"]


def test_events_archive_upcoming_and_past_relative_to_today(web):
    page = html(web, "archive/events")
    assert page.find(id="upcoming").get_text(strip=True) == "Upcoming (1)"
    assert page.find(id="past").get_text(strip=True) == "Past (1)"
    assert titles(page, ".conference-event-title a") == ["New Conf 2026", "Old Conf 2023"]
    home = html(web, "index")
    lists = home.select(".conference-event-title a")
    assert [a.get_text() for a in lists] == ["New Conf 2026", "Old Conf 2023"]
    assert home.find(id="year-2023") is not None


def test_source_date_epoch_sets_today(module_tmp, monkeypatch):
    # 2027-01-01: both events are past.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798761600")
    src = module_tmp / "epoch"
    app = build_root("web", src, confoverrides={"conference_today": ""})
    page = html(app, "archive/events")
    assert page.find(id="upcoming").get_text(strip=True) == "Upcoming (0)"
    assert page.find(id="past").get_text(strip=True) == "Past (2)"


def test_strict_vocabulary_warns_about_unknown_tags(module_tmp):
    app = build_root("web", module_tmp / "strict", confoverrides={"conference_tags_strict": True})
    log = warnings(app)
    assert re.search(
        r"d\.md:4: WARNING: tag 'Cooking' is not in the conference_tags vocabulary.*\[conference\.tag\]",
        log,
    )
    assert "'Security' is not" not in log and "'platform-eng' is not" not in log


# -- incremental builds stay true ------------------------------------------------------


def rebuild(src: Path, old: SphinxTestApp) -> SphinxTestApp:
    old.cleanup()
    app = SphinxTestApp("html", srcdir=src, status=StringIO(), warning=StringIO())
    app.build()
    return app


@pytest.fixture
def site(tmp_path):
    app = build_root("web", tmp_path / "src")
    return tmp_path / "src", app


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_incremental_adding_and_removing_a_tag(site):
    src, app = site
    edit(src / "posts/2024/d.md", "tags: Cooking", "tags: Cooking, Security")
    app = rebuild(src, app)
    assert "Post D" in titles(html(app, "_tags/security"))
    assert "Post D" in titles(html(app, "posts/2024/c").find(class_="conference-related"))
    edit(src / "posts/2024/d.md", "tags: Cooking, Security", "tags: Cooking")
    app = rebuild(src, app)
    assert "Post D" not in titles(html(app, "_tags/security"))
    assert "Post D" not in titles(html(app, "posts/2024/c").find(class_="conference-related"))
    assert warnings(app) == ""


def test_incremental_adding_and_deleting_a_post(site):
    src, app = site
    (src / "posts/2024/e.md").write_text(
        "---\ndate: 2024-05-01\nauthors: ada\ntags: Security\n---\n# Post E\n\nNew.\n"
    )
    app = rebuild(src, app)
    assert titles(html(app, "archive/2024"))[0] == "Post E"
    assert "Post E" in [
        li.a.get_text() for li in html(app, "people/ada").select(".conference-person-posts li")
    ]
    assert html(app, "posts/2024/d").select_one('link[rel="next"]')["href"] == "e.html"
    (src / "posts/2024/e.md").unlink()
    app = rebuild(src, app)
    assert "Post E" not in titles(html(app, "archive/2024"))
    assert "Post E" not in [
        li.a.get_text() for li in html(app, "people/ada").select(".conference-person-posts li")
    ]
    assert html(app, "posts/2024/d").select_one('link[rel="next"]') is None
    assert "Post E" not in titles(html(app, "_tags/security"))


def test_incremental_changing_a_sessions_speakers(site):
    src, app = site
    edit(src / "events/2023/old.md", ":speakers: ada", ":speakers: bob")
    app = rebuild(src, app)
    ada = html(app, "people/ada").find(class_="conference-person-sessions")
    bob = html(app, "people/bob").find(class_="conference-person-sessions")
    assert titles(ada, ".conference-session-title a") == ["The second talk"]
    assert titles(bob, ".conference-session-title a") == ["The second talk", "The first talk"]
    # The tag page's session entry names the new speaker.
    tag_page = html(app, "_tags/platform-engineering")
    assert [a.get_text() for a in tag_page.select("#sessions ~ * .conference-speakers a")] == [
        "Bob Builder"
    ]


def build_recording(src: Path, old: SphinxTestApp | None) -> tuple[SphinxTestApp, set[str]]:
    """Build ``src`` (incrementally when built before) and record the generated pages rendered."""
    if old is not None:
        old.cleanup()
    app = SphinxTestApp("html", srcdir=src, status=StringIO(), warning=StringIO())
    rendered: set[str] = set()

    def record(app, pagename, templatename, context, doctree):
        if context.get("conference_generated"):
            rendered.add(pagename)

    app.connect("html-page-context", record)
    app.build()
    return app, rendered


def test_generated_outputs_are_regenerated_only_when_their_inputs_change(tmp_path):
    src = tmp_path / "src"
    build_root("web", src).cleanup()
    app, written = build_recording(
        src, None
    )  # a first build in this output folder renders nothing new
    feed = app.outdir / "_feeds" / "tags" / "security.atom.xml"
    calendar = next((app.outdir / "_calendars" / "events").glob("*.ics"))
    # Nothing changed: no generated page is rendered again, and the files stay.
    app, written = build_recording(src, app)
    assert written == set()
    assert feed.exists() and calendar.exists()
    # One post loses a tag: that tag's page and feed, and the pages listing the post, change.
    before = feed.read_bytes()
    edit(src / "posts/2024/c.md", "tags: Security", "tags: Cooking")
    app, written = build_recording(src, app)
    assert {
        "_tags/security",
        "_tags/cooking",
        "_tags/tagsindex",
        "archive/2024",
        "archive/authors/bob",
    } <= written
    assert "_tags/platform-engineering" not in written
    assert "archive/authors/ada" not in written
    assert feed.read_bytes() != before and b"Post C" not in feed.read_bytes()
    assert calendar.exists()
    assert "Post C" in titles(html(app, "_tags/cooking"))
    assert warnings(app) == ""
