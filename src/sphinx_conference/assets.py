"""Page weight: each page of the conference theme loads only the JavaScript it uses.

Sphinx's basic theme loads ``documentation_options.js``, ``doctools.js`` and
``sphinx_highlight.js`` on every page.  On pages of the ``conference`` theme
they do nothing (keyboard navigation is off, and search terms are not
highlighted on result pages), so they are kept only on the search page, where
``searchtools.js`` needs them.  sphinx-design's ``design-tabs.js`` is kept
only on pages with a tab set.  Scripts that other extensions add are left alone.
"""

from __future__ import annotations

import posixpath
import re
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


def setup_assets(app: Sphinx) -> None:
    """Register the per-page trimming of scripts."""
    app.connect("html-page-context", trim_scripts, priority=900)
