"""Page weight: each page of the conference theme loads only the JavaScript it uses.

Sphinx's basic theme loads ``documentation_options.js``, ``doctools.js`` and
``sphinx_highlight.js`` on every page.  On pages of the ``conference`` theme
they do nothing (keyboard navigation is off, and search terms are not
highlighted on result pages), so they are kept only on the search page, where
``searchtools.js`` needs them.  sphinx-design's ``design-tabs.js`` is kept
only on pages with a tab set.  Scripts that other extensions add are left alone.

Sphinx writes each stylesheet and script link with a checksum of the file
(``?v=...``): to find the file, it resolves its path on disk for every link of
every page (six stylesheets: 0.2 ms a page, half a second at 2,500 pages), though
the checksum itself is computed once.  A link depends only on the file, its
attributes and the folder of the page, so each is made once per folder and build
(:func:`share_asset_links`).
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Scripts of Sphinx's basic theme that only the search page needs.
SEARCH_ONLY = frozenset({"documentation_options.js", "doctools.js", "sphinx_highlight.js"})
#: sphinx-design's script, used by tab sets only.
TABS = "design-tabs.js"


#: A tab set's element in a page body.  Text is escaped by the writer, so a
#: ``class="..."`` attribute in the body is always markup.
_TAB_SET = re.compile(r'class="(?:[^"]* )?sd-tab-set[ "]')


def has_tabs(body: str) -> bool:
    """Whether the page body has a sphinx-design tab set."""
    return "sd-tab-set" in body and _TAB_SET.search(body) is not None


def trim_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: drop the basic theme's scripts from pages that do not use them."""
    if app.config.html_theme != "conference" or templatename == "search.html":
        return
    scripts = context.get("script_files")
    if scripts is None:
        return
    # The list is the builder's own and is restored before the next page is written.
    unused = set(SEARCH_ONLY)
    if not has_tabs(context.get("body", "")):
        unused.add(TABS)
    scripts[:] = [
        js for js in scripts if posixpath.basename(str(getattr(js, "filename", js))) not in unused
    ]


def _shared(make: Callable[[Any], str], links: dict[Any, str], folder: str) -> Callable[[Any], str]:
    def tag(asset: Any) -> str:
        if isinstance(asset, str):
            key: Any = (folder, asset)
        else:
            attributes = getattr(asset, "attributes", {})
            key = (folder, os.fspath(asset.filename), tuple(sorted(attributes.items())))
        try:
            link = links.get(key)
        except TypeError:  # an attribute that is not a string: not shared
            return make(asset)
        if link is None:
            link = links[key] = make(asset)
        return link

    return tag


def share_asset_links(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: each stylesheet and script link is made once per folder.

    ``css_tag`` and ``js_tag`` are Sphinx's: their result depends on the asset and on
    the folder of the page only (links are relative; the checksum is per file).
    """
    builder: Any = app.builder
    links: dict[Any, str] | None = getattr(builder, "_conference_asset_links", None)
    if links is None:
        links = builder._conference_asset_links = {}
    folder = posixpath.dirname(builder.get_target_uri(pagename))
    for name in ("css_tag", "js_tag"):
        make = context.get(name)
        if callable(make):
            context[name] = _shared(make, links, folder)


def setup_assets(app: Sphinx) -> None:
    """Register the per-page trimming of scripts and the shared asset links."""
    app.connect("html-page-context", trim_scripts, priority=900)
    app.connect("html-page-context", share_asset_links, priority=900)
