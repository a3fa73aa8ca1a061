"""sphinx-conference: a Sphinx extension for conference knowledge sites.

Events, sessions, speakers and posts written in MyST Markdown become one web
of linked pages: speaker cards, session lists, tag pages and archives.
Add ``"sphinx_conference"`` to ``extensions`` in ``conf.py``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Bumped whenever the pickled domain data changes shape.
ENV_VERSION = 3
HERE = Path(__file__).parent


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the extension with Sphinx."""
    from . import (  # the reader's side: per-page scripts and list filters
        assets,
        collector,
        config,
        domain,
        events,
        exports,
        feeds,
        filters,
        ical,
        icons,
        jsonld,
        lists,
        navigation,
        nodes,
        pages,
        parallel,
        people,
        posts,
        sanitize,
        schedule,
        search,
        sessions,
        sharing,
        stale,
        tags,
    )

    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_design")
    config.register(app)
    app.add_domain(domain.ConferenceDomain)
    for objtype in domain.TABLES:
        app.add_role(objtype, domain.ConferenceXRefRole(objtype))
    nodes.setup_nodes(app)
    people.setup_people(app)
    events.setup_events(app)
    sessions.setup_sessions(app)
    lists.setup_lists(app)
    posts.setup_posts(app)
    tags.setup_tags(app)
    navigation.setup_navigation(app)
    sanitize.setup_sanitize(app)
    pages.setup_pages(app)
    feeds.setup_feeds(app)
    ical.setup_calendar(app)
    jsonld.setup_jsonld(app)
    schedule.setup_schedule(app)
    exports.setup_exports(app)
    sharing.setup_sharing(app)
    filters.setup_filters(app)
    assets.setup_assets(app)
    search.setup_search(app)
    parallel.setup_parallel(app)
    collector.setup_collector(app)
    app.connect("env-get-updated", domain.get_updated_docs)
    stale.setup_stale(app)
    app.connect("warn-missing-reference", domain.warn_missing_reference)
    app.add_html_theme("conference", str(HERE / "theme" / "conference"))
    app.connect("builder-inited", _add_static)
    app.connect("builder-inited", icons.add_icon_rules)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


def _add_static(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    static = str(HERE / "static")
    config = app.config
    if static not in config.html_static_path:
        config.html_static_path.append(static)
    app.add_css_file("conference.css")
