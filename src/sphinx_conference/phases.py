"""The build, phase by phase: one handler per Sphinx event, calling the layers in order.

Each handler below is the extension's only one for its event (``html-page-context``
has two: before and after other extensions'), so the order in which the layers run
within a phase is the order of the calls, not of priority numbers.
Only the page-context handlers have a priority: one runs before other extensions'
(sphinxext-opengraph reads the description and image it sets), one after them (it
raises the Twitter card sphinxext-opengraph wrote for a page with an image).  The optional speed-ups
(:mod:`sphinx_conference.speedups`) connect their own handlers around these.

Reading
    ``config-inited`` -> ``builder-inited`` -> ``env-get-outdated`` ->
    ``env-before-read-docs`` -> (per document: ``source-read``,
    the raw-HTML transform :class:`~.directives.sanitize.SanitizeRawHtml`, then
    ``doctree-read``) -> ``env-get-updated`` -> ``env-check-consistency``
Writing
    ``doctree-resolved`` and ``html-page-context`` (per page) -> ``html-collect-pages``
    -> ``build-finished``
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx_conference.directives import events, myst, posts, sessions, tags
from sphinx_conference.domain import incremental, settings
from sphinx_conference.domain import store as domain
from sphinx_conference.domain.state import create_state, get_state
from sphinx_conference.outputs import (
    agenda,
    changes,
    exports,
    favicon,
    feeds,
    ical,
    jsonld,
    opendata,
    schedule,
    sharing,
    social,
    stale,
)
from sphinx_conference.outputs.cache import save_output_cache
from sphinx_conference.pages import collect_pages, navigation, statistics
from sphinx_conference.pages.page import Page
from sphinx_conference.render import filters, icons, lists, timezones

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx import addnodes
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.domains import Domain
    from sphinx.environment import BuildEnvironment

HERE = Path(__file__).parent


def config_inited(app: Sphinx, config: Config) -> None:
    """The configuration is read: settle the values other parts read."""
    tags.generator_off(config)
    settings.check_config(app, config)
    icons.add_icon_rules(app, config)
    sharing.fill_base_url(app, config)


def builder_inited(app: Sphinx) -> None:
    """The builder is made: the build state, and the package's stylesheet."""
    create_state(app)
    if app.builder.format == "html":
        static = str(HERE / "static")
        if static not in app.config.html_static_path:
            app.config.html_static_path.append(static)
        app.add_css_file("conference.css")


def env_get_outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """A build starts: the state of this build (deleted pages, start time)."""
    return stale.note_removed_docs(app, env, added, changed, removed)


def env_before_read_docs(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """The documents to read are known: name a missing ``colon_fence`` once, before them."""
    myst.check_colon_fences(app, env, docnames)


def source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    """A document's text is read: its front matter, reported at its own line when malformed."""
    posts.read_front_matter(app, docname, source)


def doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """A document is read: collect its front matter and references.

    Its raw HTML was cleaned before, by a transform (before Sphinx's collectors).
    """
    posts.collect_page(app, doctree)


def env_get_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Everything is read and merged: pages whose lists or references now differ."""
    return incremental.get_updated_docs(app, env)


def env_check_consistency(app: Sphinx, env: BuildEnvironment) -> None:
    """The merged records are checked: events' series, sessions, posts, then tags."""
    events.check_events(app, env)
    sessions.check_sessions(app, env)
    posts.check_posts(app, env)
    tags.check_tags(app, env)


def warn_missing_reference(
    app: Sphinx, domain_: Domain, node: addnodes.pending_xref
) -> bool | None:
    """A reference found no target: a conference warning for the conference's roles."""
    return domain.warn_missing_reference(app, domain_, node)


def doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """A page is resolved: fill its lists and cards, then add its calendar and statistics links.

    The events whose sessions it shows are noted for the agenda script.
    """
    lists.process_placeholders(app, doctree, docname)
    ical.add_calendar_links(app, doctree, docname)
    statistics.add_statistics_links(app, doctree, docname)
    agenda.note_page_sessions(app, doctree, docname)
    exports.write_page_exports(app, doctree, docname)


def html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """A page is rendered: what the layers add to its context.

    Its description and social image, navigation, feed body and links, structured data, schedule and
    data links, filter, time-zone and agenda scripts; a generated page is noted.
    """
    sharing.add_description(app, pagename, templatename, context, doctree)
    social.add_image(app, pagename, templatename, context, doctree)
    navigation.page_context(app, pagename, templatename, context, doctree)
    feeds.capture_body(app, pagename, templatename, context, doctree)
    changes.link_changes_feed(app, pagename, templatename, context, doctree)
    jsonld.add_jsonld(app, pagename, templatename, context, doctree)
    schedule.link_schedule(app, pagename, templatename, context, doctree)
    opendata.link_data(app, pagename, templatename, context, doctree)
    filters.add_script(app, pagename, templatename, context, doctree)
    timezones.add_script(app, pagename, templatename, context, doctree)
    agenda.add_script(app, pagename, templatename, context, doctree)
    stale.note_generated(app, pagename, templatename, context, doctree)


def html_page_context_late(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """A page is rendered, after other extensions: a large Twitter card for a page with an image."""
    social.large_card(app, pagename, templatename, context, doctree)


def html_collect_pages(app: Sphinx) -> Iterable[Page]:
    """Every document is written: write the exports and the favicon, then the generated pages."""
    get_state(app).collected = True
    exports.write_exports(app)
    favicon.write_favicon(app)
    return collect_pages(app)


def build_finished(app: Sphinx, exception: Exception | None) -> None:
    """The build is done: keep the output fingerprints, then remove stale output."""
    save_output_cache(app, exception)
    stale.remove_stale_outputs(app, exception)


def connect(app: Sphinx) -> None:
    """Connect each phase's handler."""
    app.connect("config-inited", config_inited)
    app.connect("builder-inited", builder_inited)
    app.connect("env-get-outdated", env_get_outdated)
    app.connect("env-before-read-docs", env_before_read_docs)
    app.connect("source-read", source_read)
    app.connect("doctree-read", doctree_read)
    app.connect("env-get-updated", env_get_updated)
    app.connect("env-check-consistency", env_check_consistency)
    app.connect("warn-missing-reference", warn_missing_reference)
    app.connect("doctree-resolved", doctree_resolved)
    # Before other extensions' (sphinxext-opengraph reads og:description from the context).
    app.connect("html-page-context", html_page_context, priority=400)
    # After sphinxext-opengraph's (500), which writes the site's twitter:card.
    app.connect("html-page-context", html_page_context_late, priority=600)
    app.connect("html-collect-pages", html_collect_pages)
    app.connect("build-finished", build_finished)
