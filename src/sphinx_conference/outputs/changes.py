"""The Atom feed of each event's schedule changes (feedgen).

One feed per event with recorded changes (``{schedule-change}`` blocks, written by a
re-import): ``_feeds/events/<event-id>.changes.atom.xml``, newest change first, each entry
linking to its session.  The event's page links to it in its head
(``<link rel="alternate">``) and from its "Schedule changes" section.  An unchanged feed
is not written again (the output cache).
"""

from __future__ import annotations

import datetime as dt
import html
from functools import partial
from typing import TYPE_CHECKING, Any

from feedgen.feed import FeedGenerator

from sphinx_conference.core.changes import changes_feed_path, describe
from sphinx_conference.core.model import Event, ScheduleChange
from sphinx_conference.core.version import __version__
from sphinx_conference.domain.store import get_domain
from sphinx_conference.outputs.cache import (
    Job,
    file_url,
    fingerprint,
    is_html,
    output_cache,
    page_url,
    relative_file_uri,
    site_url,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from sphinx_conference.domain.store import ConferenceDomain


def _when(date: dt.date) -> dt.datetime:
    return dt.datetime.combine(date, dt.time(0, 0), tzinfo=dt.UTC)


def _names(domain: ConferenceDomain) -> dict[str, str]:
    return {pid: p.display_name for pid, p in domain.people.items()}


def render_changes_feed(app: Sphinx, event: Event, changes: list[ScheduleChange]) -> bytes:
    """The Atom feed of ``changes`` (newest first) of ``event``."""
    domain = get_domain(app.env)
    config = app.config
    path = changes_feed_path(event.id)
    fg = FeedGenerator()
    fg.id(file_url(app, path))
    fg.title(f"{event.name}: schedule changes")
    fg.subtitle(f"What changed in the schedule of {event.name}, newest first")
    fg.author({"name": config.author or config.project})
    fg.language(config.language or "en")
    fg.generator("sphinx-conference", __version__, site_url(config))
    fg.link(
        [
            {
                "href": page_url(app, event.docname, "schedule-changes"),
                "rel": "alternate",
                "type": "text/html",
            },
            {"href": file_url(app, path), "rel": "self"},
        ],
        replace=True,
    )
    fg.updated(_when(changes[0].date) if changes else _when(dt.date(1970, 1, 1)))
    names = _names(domain)
    for change in changes:
        session = domain.sessions.get(change.session)
        title = session.title if session else change.session
        what = describe(change, session, names)
        fe = fg.add_entry(order="append")
        fe.id(f"{file_url(app, path)}#{change.date.isoformat()}/{change.session}")
        fe.title(f"{title}: {what}")
        if session is not None:
            fe.link(
                href=page_url(app, session.docname, session.anchor),
                rel="alternate",
                type="text/html",
            )
        fe.published(_when(change.date))
        fe.updated(_when(change.date))
        fe.content(html.escape(f"{change.date.isoformat()}: {title}: {what}."), type="html")
    return fg.atom_str(pretty=True)


def changes_feed_jobs(app: Sphinx) -> list[Job]:
    """One feed per event with recorded changes: (path, maker) of those that changed."""
    if not app.config.conference_feeds or not is_html(app):
        return []
    domain = get_domain(app.env)
    cache = output_cache(app)
    jobs: list[Job] = []
    for eid, changes in sorted(domain.index.changes_by_event.items()):
        event = domain.events.get(eid)
        if event is None:
            continue
        sessions = [domain.sessions.get(c.session) for c in changes]
        people = [[domain.people.get(p) for p in c.was_speakers] for c in changes]  # their names
        inputs = fingerprint((event, changes, sessions, people), cache.memo)
        path = changes_feed_path(eid)
        if not cache.fresh(path, ("changes", inputs)):
            jobs.append((path, partial(render_changes_feed, app, event, changes)))
    return jobs


def link_changes_feed(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: an event page with changes links to their feed in its head."""
    if not app.config.conference_feeds or not is_html(app):
        return
    domain = get_domain(app.env)
    links = []
    for event in domain.index.page_objects(pagename).events:
        if event.id in domain.index.changes_by_event:
            href = relative_file_uri(app, pagename, changes_feed_path(event.id))
            title = html.escape(f"{event.name}: schedule changes (Atom)")
            links.append(
                f'\n<link rel="alternate" type="application/atom+xml" title="{title}" '
                f'href="{html.escape(href)}">'
            )
    if links:
        context["metatags"] = context.get("metatags", "") + "".join(links)
