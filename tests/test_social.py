"""Social images: one ``og:image`` per post, event, session page and person, drawn once.

tests/roots/test-social loads sphinxext-opengraph and a site-wide Twitter card (as the
repository's site does); tests/roots/test-basic loads neither, so the extension writes the
tags itself.  The drawing (contrast, wrapping) is unit-tested in
tests/unit/test_social_drawing.py.
"""

from __future__ import annotations

import json
import shutil
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from conftest import ROOTS, build_root
from sphinx_conference.outputs import social

BASE = "https://conf.example.org/"
#: page -> the image drawn for it
SOCIAL_PAGES = {
    "events/pycon": "_social/events/pycon-2024.png",
    "events/tokyo-talk": "_social/sessions/pycon-2024/tokyo.png",
    "people/ada-lovelace": "_social/people/ada-lovelace.png",
    "people/jose": "_social/people/jose-muller.png",
    "posts/2024/plain": "_social/posts/posts/2024/plain.png",
}


def head(outdir: Path, docname: str) -> BeautifulSoup:
    return BeautifulSoup((outdir / f"{docname}.html").read_text("utf-8"), "lxml")


def og_images(soup: BeautifulSoup) -> list[str]:
    return [m["content"] for m in soup.find_all("meta", attrs={"property": "og:image"})]


def meta(soup: BeautifulSoup, prop: str) -> list[str]:
    return [m["content"] for m in soup.find_all("meta", attrs={"property": prop})]


def twitter_cards(soup: BeautifulSoup) -> list[str]:
    return [m["content"] for m in soup.find_all("meta", attrs={"name": "twitter:card"})]


def tree(folder: Path) -> dict[str, int]:
    """Every file under ``folder`` but the build output, with its modification time."""
    return {
        str(p.relative_to(folder)): p.stat().st_mtime_ns
        for p in folder.rglob("*")
        if p.is_file() and "_build" not in p.relative_to(folder).parts
    }


def build(src: Path):
    """Build ``src`` (incrementally after the first time)."""
    from sphinx.testing.util import SphinxTestApp

    app = SphinxTestApp("html", srcdir=src, status=StringIO(), warning=StringIO(), freshenv=False)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


@pytest.fixture
def counted(monkeypatch) -> list[str]:
    """The path of each image drawn from now on."""
    drawn: list[str] = []
    draw = social.draw

    def counting(card, font_path=""):
        drawn.append(card.path)
        return draw(card, font_path)

    monkeypatch.setattr(social, "draw", counting)
    return drawn


@pytest.fixture(scope="module")
def site(module_tmp):
    src = module_tmp / "social"
    before = {p.name for p in ROOTS.joinpath("test-social").rglob("*")}
    app = build_root("social", src)
    app.cleanup()
    assert {p.name for p in ROOTS.joinpath("test-social").rglob("*")} == before
    return app


def test_each_page_has_one_og_image_of_1200x630(site):
    out = Path(site.outdir)
    for docname, path in SOCIAL_PAGES.items():
        soup = head(out, docname)
        assert og_images(soup) == [BASE + path], docname
        with Image.open(out / path) as image:
            assert image.format == "PNG"
            assert image.size == (1200, 630)
        assert meta(soup, "og:image:width") == ["1200"]
        assert meta(soup, "og:image:height") == ["630"]
        (alt,) = meta(soup, "og:image:alt")
        assert soup.find("meta", attrs={"property": "og:title"})["content"] in alt or (
            docname == "events/tokyo-talk"
        )
        # The site's Twitter card, once, raised to the large one.
        assert twitter_cards(soup) == ["summary_large_image"], docname


def test_session_page_shows_the_session(site):
    alt = meta(head(Path(site.outdir), "events/tokyo-talk"), "og:image:alt")[0]
    assert alt.startswith("PyCon 2024. 東京でのトーク")
    assert "Thu 16 May 2024, 14:00–14:30 (America/New_York)" in alt
    assert "José Müller" in alt


def test_a_post_keeps_its_own_image(site):
    out = Path(site.outdir)
    cover = head(out, "posts/2024/cover")
    assert og_images(cover) == [BASE + "_static/cover.png"]
    assert (out / "_static/cover.png").is_file()
    (data,) = [
        json.loads(s.string)
        for s in cover.find_all("script", attrs={"type": "application/ld+json"})
    ]
    assert data["image"] == BASE + "_static/cover.png"  # the same URL in the JSON-LD
    own = head(out, "posts/2024/own-og")
    assert og_images(own) == ["https://cdn.example.org/own.png"]
    assert twitter_cards(own) == ["summary"]
    drawn = {str(p.relative_to(out)) for p in (out / "_social").rglob("*.png")}
    assert drawn == set(SOCIAL_PAGES.values())


def test_pages_about_nothing_get_no_image(site):
    soup = head(Path(site.outdir), "index")
    assert og_images(soup) == []
    assert twitter_cards(soup) == ["summary"]


def test_no_change_draws_nothing_and_a_title_draws_its_image(tmp_path, counted):
    src = tmp_path / "social"
    shutil.copytree(ROOTS / "test-social", src)
    source_files = tree(src)
    build(src)
    assert sorted(counted) == sorted(SOCIAL_PAGES.values())
    assert tree(src) == source_files  # nothing written into the source tree
    out = src / "_build" / "html"
    images = {p: p.read_bytes() for p in (out / "_social").rglob("*.png")}

    counted.clear()
    build(src)
    assert counted == []
    assert {p: p.read_bytes() for p in (out / "_social").rglob("*.png")} == images

    post = src / "posts/2024/plain.md"
    post.write_text(post.read_text("utf-8").replace("# What we saw", "# All we saw"), "utf-8")
    build(src)
    assert counted == ["_social/posts/posts/2024/plain.png"]
    alt = meta(head(out, "posts/2024/plain"), "og:image:alt")[0]
    assert "All we saw at PyCon" in alt
    assert tree(src) == {**source_files, "posts/2024/plain.md": post.stat().st_mtime_ns}


def test_without_opengraph_the_extension_writes_the_tags(module_tmp):
    app = build_root("basic", module_tmp / "basic")
    try:
        out = Path(app.outdir)
        for docname in ("events/pycon", "people/ada-lovelace", "posts/2024/first"):
            soup = head(out, docname)
            (url,) = og_images(soup)
            assert urlsplit(url).path.lstrip("/").startswith("_social/"), docname
            path = urlsplit(url).path.lstrip("/")
            with Image.open(out / path) as image:
                assert image.size == (1200, 630)
            assert meta(soup, "og:image:width") == ["1200"]
            assert len(meta(soup, "og:image:alt")) == 1
            assert twitter_cards(soup) == []  # the site has no Twitter card: none is added
    finally:
        app.cleanup()


def test_switched_off(tmp_path):
    src = tmp_path / "social"
    shutil.copytree(ROOTS / "test-social", src)
    build(src)
    out = src / "_build" / "html"
    assert any((out / "_social").rglob("*.png"))
    conf = src / "conf.py"
    conf.write_text(conf.read_text("utf-8") + "conference_social_images = False\n", "utf-8")
    build(src)
    assert not any((out / "_social").rglob("*.png"))  # the old images are removed
    soup = head(out, "events/pycon")
    assert og_images(soup) == []
    assert twitter_cards(soup) == ["summary"]
    # A post's own image stays: it is the author's, not a drawn one.
    assert og_images(head(out, "posts/2024/cover")) == [BASE + "_static/cover.png"]
