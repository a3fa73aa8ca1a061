"""Every directive and role of the extension, in MyST, asserted on the built HTML."""

from __future__ import annotations

import dataclasses
import re
from urllib.parse import unquote

import pytest

from conftest import SPHINX_8, build_root, html, warnings
from sphinx_conference.render.icons import CSS_ICONS


@pytest.fixture(scope="module")
def basic(module_tmp):
    app = build_root("basic", module_tmp / "src")
    yield app
    app.cleanup()


def test_builds_without_warnings(basic):
    assert warnings(basic) == ""


def test_speaker_card_on_own_page(basic):
    page = html(basic, "people/ada-lovelace")
    card = page.find(id="speaker-ada-lovelace")
    assert card is not None and "sd-card" in card["class"]
    assert card.find(class_="conference-name").get_text(strip=True) == "Ada Lovelace"
    assert (
        card.find(class_="conference-role").get_text(strip=True)
        == "Analyst · Analytical Engine Society"
    )
    img = card.find("img", class_="conference-avatar")
    assert img["alt"] == "Photo of Ada Lovelace"
    assert img["src"].startswith("../_images/ada")
    assert (
        card.find(class_="conference-bio").find("strong").get_text() == "first published algorithm"
    )


def test_link_icons_have_accessible_names(basic):
    card = html(basic, "people/ada-lovelace").find(id="speaker-ada-lovelace")
    labels = [svg["aria-label"] for svg in card.select(".conference-links a svg")]
    assert labels == [
        f"{kind} of Ada Lovelace"
        for kind in ("Website", "GitHub", "GitLab", "Mastodon", "Bluesky", "LinkedIn", "X")
    ]
    hrefs = [a["href"] for a in card.select(".conference-links a")]
    assert hrefs[1] == "https://github.com/ada"
    # brand icons are their own shapes in the link's colour, not the stylesheet's masked
    # icons (a class of those made them solid squares: tests/test_themes.py looks at them)
    assert not card.select(".conference-links .conference-icon")
    brands = card.select(".conference-links a svg.conference-brand-icon")
    assert len(brands) == 6
    for svg in brands:
        assert svg["role"] == "img" and svg["fill"] == "currentColor" and svg.find("path")["d"]


def test_decorative_icons_are_drawn_by_the_stylesheet(basic):
    """Facts carry empty hidden spans, not inline SVG; conference.css draws each of them."""
    block = html(basic, "events/pycon").find(id="session-pycon-2024-engines")
    facts = block.find(class_="conference-facts")
    assert facts.find("svg") is None
    icons = facts.select("span.conference-icon")
    names = [c for icon in icons for c in icon["class"] if c.startswith("conference-icon-")]
    assert names == [
        "conference-icon-stack",
        "conference-icon-comment-discussion",
        "conference-icon-clock",
        "conference-icon-location",
    ]
    assert all(icon["aria-hidden"] == "true" and not icon.get_text() for icon in icons)
    css = (basic.outdir / "_static" / "conference.css").read_text("utf-8")
    assert "{{" not in css  # the template was rendered
    for name in CSS_ICONS:
        rule = re.search(
            rf'\.conference-icon-{name} {{ --conference-icon: url\("([^"]+)"\); }}', css
        )
        assert rule is not None, name
        svg = unquote(rule.group(1).removeprefix("data:image/svg+xml,"))
        assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"') and "<path d=" in svg
    assert "mask: var(--conference-icon)" in css


def test_initials_avatar_without_photo(basic):
    card = html(basic, "people/grace-hopper").find(id="speaker-grace-hopper")
    avatar = card.find(class_="conference-avatar-initials")
    assert avatar.get_text() == "GH" and avatar["aria-hidden"] == "true"
    assert card.find("img") is None


def test_tags_render_as_linked_badges(basic):
    card = html(basic, "people/ada-lovelace").find(id="speaker-ada-lovelace")
    badges = card.select(".conference-tags a .sd-badge")
    assert [b.get_text() for b in badges] == ["Mathematics", "Machine Learning"]
    assert card.select(".conference-tags a")[1]["href"] == "../_tags/machine-learning.html"


def test_speaker_card_elsewhere(basic):
    page = html(basic, "index")
    cards = page.select(".conference-speaker-card")
    assert cards, "speaker-card placeholder was not filled"
    name = cards[0].find(class_="conference-name").find("a")
    assert name.get_text() == "Ada Lovelace"
    assert name["href"] == "people/ada-lovelace.html#speaker-ada-lovelace"
    # The photo is rewritten to the copied image, relative to this page.
    assert cards[0].find("img")["src"].startswith("_images/ada")


def test_roles_use_display_names_and_explicit_titles(basic):
    para = html(basic, "index").find(id="roles")
    links = {a.get_text(): a["href"] for a in para.find_all("a")}
    assert links["Ada Lovelace"] == "people/ada-lovelace.html#speaker-ada-lovelace"
    assert links["the countess"] == "people/ada-lovelace.html#speaker-ada-lovelace"
    assert links["PyCon 2024"] == "events/pycon.html#event-pycon-2024"
    assert links["Engines of Thought"] == "events/pycon.html#session-pycon-2024-engines"
    assert links["Machine Learning"] == "_tags/machine-learning.html"


def test_event_block(basic):
    page = html(basic, "events/pycon")
    block = page.find(id="event-pycon-2024")
    text = block.get_text(" ", strip=True)
    assert "15–17 May 2024" in block.get_text()  # two <time> elements read as one
    assert "Convention Center, Pittsburgh, US" in text
    assert [t.get_text() for t in block.select(".conference-track")] == ["Core", "Data"]
    assert block.find("a", string="Website")["href"] == "https://example.org/pycon"


def test_session_block(basic):
    block = html(basic, "events/pycon").find(id="session-pycon-2024-engines")
    assert (
        block.find(class_="conference-session-title").get_text(strip=True) == "Engines of Thought"
    )
    speakers = block.select(".conference-speakers a")
    assert [a.get_text() for a in speakers] == ["Ada Lovelace", "Grace Hopper"]
    assert speakers[0]["href"] == "../people/ada-lovelace.html#speaker-ada-lovelace"
    facts = " ".join(block.find(class_="conference-facts").get_text().split())
    for expected in (
        "Core",
        "Keynote",
        "Wed 15 May 2024, 09:00–09:45 (America/New_York)",
        "Hall A",
    ):
        assert expected in facts
    media = {a.get_text(strip=True): a["href"] for a in block.select("a.conference-media")}
    assert media == {
        "Slides": "https://example.org/slides.pdf",
        "Video": "https://example.org/video",
    }
    assert block.find(class_="conference-abstract").find("strong").get_text() == "engines"
    # Backlinks: the post that references the session.
    mentioned = block.find(class_="conference-backlinks")
    assert [a.get_text() for a in mentioned.find_all("a")] == ["Test site", "First post"]


def test_session_details_are_searched_with_the_event_page(basic):
    import json
    from pathlib import Path

    text = (Path(basic.outdir) / "searchindex.js").read_text("utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    page = index["docnames"].index("events/pycon")

    def pages(term):
        found = index["terms"].get(term, [])
        return {found} if isinstance(found, int) else set(found)

    # A speaker's name and a room appear on the event page only in session details.
    assert page in pages("hopper")
    assert page in pages("hall")


def test_session_without_optional_fields_looks_right(basic):
    block = html(basic, "events/pycon").find(id="session-pycon-2024-lightning")
    assert block.find(class_="conference-speakers") is None
    assert "Lightning" in block.find(class_="conference-facts").get_text()
    assert block.find(class_="conference-media") is None


def _section(page, heading_id):
    return page.find(id=heading_id)


def test_session_list_grouped_by_track(basic):
    section = _section(html(basic, "events/pycon"), "by-track")
    groups = section.select(".conference-group")
    assert [g.find(class_="conference-heading").get_text(strip=True) for g in groups] == [
        "Core (1)",
        "Data (1)",
        "Other sessions (1)",
    ]
    assert groups[0].find("a").get_text() == "Engines of Thought"


def test_session_list_table_layout(basic):
    table = _section(html(basic, "events/pycon"), "table").find("table")
    headers = [th.get_text(strip=True) for th in table.find_all("th")]
    assert headers == ["Session", "Speakers", "Track", "Type", "When", "Room"]
    rows = table.find("tbody").find_all("tr")
    assert [r.find("a").get_text() for r in rows] == [
        "Engines of Thought",
        "Compilers for Everyone",
        "Lightning Round",
    ]


def test_session_list_agenda_orders_by_time(basic):
    section = _section(html(basic, "events/pycon"), "agenda")
    headings = [" ".join(h.get_text().split()) for h in section.select(".conference-heading")]
    assert headings == ["Wednesday 15 May 2024 (1)", "Thursday 16 May 2024 (1)", "Unscheduled (1)"]
    times = [t.get_text(strip=True) for t in section.select(".conference-agenda-time")]
    assert times == ["09:00–09:45", "14:00–15:30"]
    assert "America/New_York" in section.find(class_="conference-timezone-note").get_text()


def test_session_list_filters_combine(basic):
    section = _section(html(basic, "events/pycon"), "grace-s-workshops")
    titles = [a.get_text() for a in section.select(".conference-session-title a")]
    assert titles == ["Compilers for Everyone"]
    section = _section(html(basic, "events/pycon"), "tagged-compilers")
    titles = [a.get_text() for a in section.select(".conference-session-title a")]
    # Tags match case-insensitively: "Compilers" and "compilers" are one tag.
    assert sorted(titles) == ["Compilers for Everyone", "Lightning Round"]


def test_speaker_lists(basic):
    page = html(basic, "people/index")

    def names(section_id):
        sec = page.find(id=section_id) if section_id else page
        return [n.get_text(strip=True) for n in sec.select(".conference-name")]

    assert names("people")[:2] == ["Ada Lovelace", "Grace Hopper"]
    assert names("speakers-of-pycon") == ["Ada Lovelace", "Grace Hopper"]
    assert names("compilers-people") == ["Grace Hopper"]
    grid = page.find(id="speakers-of-pycon").find(class_="sd-row")
    assert "sd-row-cols-1" in grid["class"] and "sd-row-cols-md-3" in grid["class"]


def test_post_lists(basic):
    page = html(basic, "index")

    def titles(section_id):
        return [a.get_text() for a in page.find(id=section_id).select(".conference-post-title a")]

    # Newest first; drafts and future posts are left out.
    assert titles("all-posts") == ["Second post", "First post"]
    assert titles("posts-tagged-python-at-most-one") == ["Second post"]
    assert titles("posts-by-grace") == ["Second post", "First post"]


def test_post_byline(basic):
    page = html(basic, "posts/2024/first")
    byline = page.find(class_="conference-byline")
    meta = byline.find(class_="conference-post-meta").get_text(" ", strip=True)
    assert "20 May 2024" in meta and "min read" in meta
    assert [n.get_text(strip=True) for n in byline.select(".conference-name")] == [
        "Ada Lovelace",
        "Grace Hopper",
    ]
    assert [b.get_text() for b in byline.select(".conference-tags .sd-badge")] == [
        "Python",
        "Conference",
    ]


def test_posts_need_no_toctree(basic):
    # Posts and people are reached through lists; no "not in any toctree" warning.
    assert "toctree" not in warnings(basic)


def test_search_index_knows_objects(basic):
    text = (basic.outdir / "searchindex.js").read_text()
    for name in ("Ada Lovelace", "PyCon 2024", "Engines of Thought"):
        assert name in text


@pytest.mark.skipif(not SPHINX_8, reason="Sphinx 7.4 indexes every node: 'no-search' is new in 8.0")
def test_lists_stay_out_of_the_search_index(basic):
    import json

    text = (basic.outdir / "searchindex.js").read_text()
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    docs = index["docnames"]

    def pages(term):
        found = index["terms"].get(term, [])
        return sorted(docs[i] for i in ([found] if isinstance(found, int) else found))

    # Ada's bio is indexed on her page only, not on pages that show her card.
    assert pages("poetri") == ["people/ada-lovelace"]
    # A post's summary appears only in lists: it is not indexed at all.
    assert pages("saw") == []
    # Page text is indexed as usual.
    assert "posts/2024/first" in pages("like")


def test_a_tag_given_twice_lists_the_post_once(basic):
    """Tags match case-insensitively: "python" and "Python" put a post in one list once."""
    domain = basic.env.domains["conference"]
    post = domain.posts["posts/2024/second"]
    domain.posts[post.docname] = dataclasses.replace(post, tags=(*post.tags, "Python"))
    domain._changed()
    try:
        listed = [p.docname for p in domain.index.by_tag["python"]["posts"]]
        assert listed.count(post.docname) == 1
        assert domain.index.tag_names["python"] == "python"  # the first spelling names it
    finally:
        domain.posts[post.docname] = post
        domain._changed()
