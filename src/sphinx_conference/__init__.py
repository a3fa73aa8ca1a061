"""sphinx-conference: a Sphinx extension for conference knowledge sites.

Events, sessions, speakers and posts written in MyST Markdown become one web
of linked pages: speaker cards, session lists, tag pages and archives.
Add ``"sphinx_conference"`` to ``extensions`` in ``conf.py`` (and, for the optional
speed-ups that change process-wide or version-specific behaviour,
``"sphinx_conference.speedups"`` after it).

:func:`setup` registers what Sphinx needs to know (settings, the domain, nodes,
directives and roles, the theme); :mod:`.phases` connects one handler per build
event, which calls the layers in order.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx_conference import phases
from sphinx_conference.core.version import __version__
from sphinx_conference.directives import changes, events, people, sanitize, sessions, tags
from sphinx_conference.directives.lists import setup_list_directives
from sphinx_conference.domain import settings
from sphinx_conference.domain import store as domain
from sphinx_conference.render import filters, nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Bumped whenever the pickled domain data changes shape.
ENV_VERSION = 6
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
    filters.setup_filters(app)
    people.setup_people(app)
    events.setup_events(app)
    sessions.setup_sessions(app)
    changes.setup_changes(app)
    setup_list_directives(app)
    tags.setup_tags(app)
    sanitize.setup_sanitize(app)
    app.add_html_theme("conference", str(HERE / "theme" / "conference"))
    phases.connect(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
