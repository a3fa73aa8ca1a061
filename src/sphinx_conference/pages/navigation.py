"""Bounded navigation for the theme: breadcrumbs, previous/next, the header menu.

A page's navigation depends on its own folder and its neighbours only, so it
costs the same with 50 pages or 50,000 (a toctree of every post rendered into
every page makes a build quadratic).
"""

from __future__ import annotations

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


def page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: breadcrumbs, previous/next posts by date, the header menu."""
    context["conference_nav"] = list(app.config.conference_nav)
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


def setup_navigation(app: Sphinx) -> None:
    """Register the page-context handler."""
    app.connect("html-page-context", page_context)
