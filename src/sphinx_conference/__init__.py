"""sphinx-conference: a Sphinx extension for conference knowledge sites.

Events, sessions, speakers and posts written in MyST Markdown become one web
of linked pages: speaker cards, session lists, tag pages and archives.
Add ``"sphinx_conference"`` to ``extensions`` in ``conf.py`` (and, for the optional
speed-ups that change process-wide or version-specific behaviour,
``"sphinx_conference.speedups"`` after it).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx_conference.core.version import __version__
from sphinx_conference.directives import events, people, posts, sanitize, sessions, tags
from sphinx_conference.directives.lists import setup_list_directives
from sphinx_conference.domain import settings
from sphinx_conference.domain import store as domain
from sphinx_conference.domain.state import create_state
from sphinx_conference.outputs import exports, feeds, ical, jsonld, schedule, sharing, stale
from sphinx_conference.pages import navigation, setup_pages
from sphinx_conference.render import filters, icons, lists, nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Bumped whenever the pickled domain data changes shape.
ENV_VERSION = 3
HERE = Path(__file__).parent


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the extension with Sphinx."""
    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_design")
    settings.register(app)
    app.add_domain(domain.ConferenceDomain)
    for objtype in domain.TABLES:
        app.add_role(objtype, domain.ConferenceXRefRole(objtype))
    nodes.setup_nodes(app)
    people.setup_people(app)
    events.setup_events(app)
    sessions.setup_sessions(app)
    setup_list_directives(app)
    lists.setup_lists(app)
    posts.setup_posts(app)
    tags.setup_tags(app)
    navigation.setup_navigation(app)
    sanitize.setup_sanitize(app)
    setup_pages(app)
    feeds.setup_feeds(app)
    ical.setup_calendar(app)
    jsonld.setup_jsonld(app)
    schedule.setup_schedule(app)
    exports.setup_exports(app)
    sharing.setup_sharing(app)
    filters.setup_filters(app)
    app.connect("env-get-updated", domain.get_updated_docs)
    stale.setup_stale(app)
    app.connect("warn-missing-reference", domain.warn_missing_reference)
    app.add_html_theme("conference", str(HERE / "theme" / "conference"))
    app.connect("builder-inited", create_state, priority=0)  # before any handler asks
    app.connect("builder-inited", _add_static)
    app.connect("config-inited", icons.add_icon_rules)
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
