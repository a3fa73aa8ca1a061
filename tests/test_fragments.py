"""List items shared between pages (``fragments.py``): right links from every page, any builder.

On HTML builds an item (a post's, session's, event's or speaker's card) is translated
once per build, with its links written from the site root, and each page puts its own
path to the root in front.  These tests follow every link of every page to its file and
anchor, for the ``html`` and ``dirhtml`` builders, and check that other builders still
get the items as nodes.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import build_root, warnings
from sphinx_conference.domain.state import get_state


def _targets(out: Path, page: Path) -> list[tuple[str, Path, str]]:
    """(href, file it points at, anchor) of every internal link on ``page``."""
    soup = BeautifulSoup(page.read_text("utf-8"), "lxml")
    found = []
    for a in soup.find_all("a", href=True):
        href = a["href"]
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
            continue
        if not parts.path:  # "#anchor" on the page itself
            found.append((href, page, unquote(parts.fragment)))
            continue
        rel = posixpath.normpath(
            posixpath.join(page.parent.relative_to(out).as_posix(), unquote(parts.path))
        )
        target = out / rel
        if parts.path.endswith("/") or target.is_dir():
            target = target / "index.html"
        found.append((href, target, unquote(parts.fragment)))
    return found


def _ids(path: Path, cache: dict[Path, set[str]]) -> set[str]:
    if path not in cache:
        text = path.read_text("utf-8")
        cache[path] = set(re.findall(r'\bid="([^"]+)"', text))
    return cache[path]


def _broken_links(out: Path) -> list[str]:
    broken: list[str] = []
    ids: dict[Path, set[str]] = {}
    for page in sorted(out.rglob("*.html")):
        if "_static" in page.parts or page.name in ("search.html", "genindex.html"):
            continue
        for href, target, anchor in _targets(out, page):
            where = f"{page.relative_to(out)}: {href}"
            if not target.is_file():
                broken.append(f"{where} (no file {target.relative_to(out)})")
            elif anchor and target.suffix == ".html" and anchor not in _ids(target, ids):
                broken.append(f"{where} (no id {anchor!r})")
    return broken


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_every_link_of_every_page_reaches_its_file_and_anchor(module_tmp, builder):
    app = build_root("web", module_tmp / builder, buildername=builder)
    try:
        assert warnings(app) == ""
        out = Path(app.outdir)
        # Shared items are on pages at every depth: the root, posts/<year>/, _tags/, archive/.
        pages = [p.relative_to(out).as_posix() for p in out.rglob("*.html")]
        assert any(p.startswith("_tags/") for p in pages)
        assert any(p.startswith("posts/2024/") for p in pages)
        assert _broken_links(out) == []
    finally:
        app.cleanup()


def test_shared_items_are_made_once_per_build(module_tmp, monkeypatch):
    from sphinx_conference.render.fragments import Fragments

    translated: list[str] = []
    original = Fragments._translate

    def counting(self, node):
        html = original(self, node)
        translated.append(html)
        return html

    monkeypatch.setattr(Fragments, "_translate", counting)
    app = build_root("web", module_tmp / "once")
    try:
        store = get_state(app).fragments
        keys = list(store.html)
        # A session listed with its event is its plain card with the event's line
        # under the title: neither is translated again for it.
        joined = [k for k in keys if k[0] == "session" and k[2]]
        assert joined, "the root's speaker pages list sessions with their events"
        for _, sid, _ in joined:
            base, line = store.html[("session", sid, False)], store.html[("session", sid, True)]
            assert "At " in line and "At " not in base
        # Each other item is translated once, whatever the pages and heading levels showing it,
        # and so is each piece that items share (a tag's badge, a speaker's link, a fact).
        parts = list(store.parts)
        assert len(translated) == len(keys) - len(joined) + len(parts) > len(parts)
        assert ("tag-badge", "Security") in parts
        assert any(k[0] == "speaker-role" for k in parts)
        badge = store.parts[("tag-badge", "Security")]
        assert badge is not None and badge.startswith("<a ") and badge.endswith("</a>")
        # An item holds the HTML of its pieces (their links still from the root).
        assert sum(badge in html for html in store.html.values()) > 1
        posts = [k for k in keys if k[0] == "post"]
        assert len(posts) == len({k[1] for k in posts})
        # The post list of the tag page and the related posts of another post show the same
        # card, each with its own path to the root.
        tag_page = (Path(app.outdir) / "_tags" / "security.html").read_text("utf-8")
        assert 'href="../posts/2024/c.html"' in tag_page
    finally:
        app.cleanup()


def test_other_builders_get_the_items_as_nodes(module_tmp):
    app = build_root("web", module_tmp / "text", buildername="text")
    try:
        assert warnings(app) == ""
        text = (Path(app.outdir) / "index.txt").read_text("utf-8")
        assert "Old Conf 2023" in text  # from the {event-list} of the home page
        assert get_state(app).fragments is None
    finally:
        app.cleanup()
