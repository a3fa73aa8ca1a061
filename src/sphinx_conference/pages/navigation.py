"""Bounded navigation for the theme: breadcrumbs, previous/next, the header menu.

Also which scripts a page of the ``conference`` theme loads (``scripts_used``).

A page's navigation depends on its own folder and its neighbours only, so it
costs the same with 50 pages or 50,000 (a toctree of every post rendered into
every page makes a build quadratic).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable
from html import escape
from typing import TYPE_CHECKING, Any

from sphinx_conference.domain.store import get_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def breadcrumbs(app: Sphinx, pagename: str) -> list[tuple[str, str]]:
    """(title, uri) of the index pages above ``pagename``."""
    env = app.env
    builder = app.builder
    crumbs: list[tuple[str, str]] = []
    parts = pagename.split("/")
    candidates = [app.config.root_doc] + [
        "/".join(parts[:i]) + "/index" for i in range(1, len(parts))
    ]
    for doc in candidates:
        if doc == pagename or doc not in env.found_docs:
            continue
        title = env.titles[doc].astext() if doc in env.titles else doc
        if doc == app.config.root_doc:
            title = "Home"
        crumbs.append((title, builder.get_relative_uri(pagename, doc)))
    return crumbs


#: Scripts of Sphinx's basic theme that only the search page needs: on other pages of
#: the conference theme they do nothing (keyboard navigation is off, and search terms
#: are not highlighted on result pages).
SEARCH_ONLY = frozenset({"documentation_options.js", "doctools.js", "sphinx_highlight.js"})
#: sphinx-design's script, used by tab sets only.
TABS = "design-tabs.js"
#: A tab set's element in a page body.  Text is escaped by the writer, so a
#: ``class="..."`` attribute in the body is always markup.
_TAB_SET = re.compile(r'class="(?:[^"]* )?sd-tab-set[ "]')


def has_tabs(body: str) -> bool:
    """Whether the page body has a sphinx-design tab set."""
    return "sd-tab-set" in body and _TAB_SET.search(body) is not None


def script_name(script: Any) -> str:
    """The file name of a ``script_files`` entry (its path's last part, no query)."""
    return posixpath.basename(str(getattr(script, "filename", script)).split("?", 1)[0])


def scripts_used(templatename: str, body: str) -> Callable[[Iterable[Any]], list[Any]]:
    """The theme's filter of a page's ``script_files``: the entries the page loads.

    The search page keeps every script.  Scripts that other extensions add are kept.
    The template calls it once per page, on the final (sorted) list; it returns a
    new list and leaves the context's own as it is.
    """
    if templatename == "search.html":
        return list
    unused = SEARCH_ONLY if has_tabs(body) else SEARCH_ONLY | {TABS}

    def used(scripts: Iterable[Any]) -> list[Any]:
        return [js for js in scripts if script_name(js) not in unused]

    return used


def page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: breadcrumbs, previous/next posts by date, the header menu."""
    context["conference_nav"] = list(app.config.conference_nav)
    context["conference_scripts"] = scripts_used(templatename, context.get("body", ""))
    context["conference_breadcrumbs"] = (
        breadcrumbs(app, pagename) if pagename != app.config.root_doc else []
    )
    domain = get_domain(app.env)
    if pagename in domain.posts:
        # Posts are not in a toctree: previous and next are the older and newer posts,
        # in Sphinx's standard context variables, which every theme renders.
        uri = app.builder.get_relative_uri
        older, newer = domain.neighbours(pagename)
        context["prev"] = (
            {"link": uri(pagename, older.docname), "title": escape(older.title)} if older else None
        )
        context["next"] = (
            {"link": uri(pagename, newer.docname), "title": escape(newer.title)} if newer else None
        )
