"""The Atom feed of each event's schedule changes (feedgen).

One feed per event with recorded changes (``{schedule-change}`` blocks, written by a
re-import): ``_feeds/events/<event-id>.changes.atom.xml``, newest change first, each entry
linking to its session.  The event's page links to it in its head
(``<link rel="alternate">``) and from its "Schedule changes" section.  An unchanged feed
is not written again (the output cache).
"""

from __future__ import annotations

import html
from functools import partial
from typing import TYPE_CHECKING, Any

from sphinx_conference.core.changes import changes_feed_path, describe
from sphinx_conference.core.model import Event, ScheduleChange
from sphinx_conference.domain.store import get_domain
from sphinx_conference.outputs.cache import (
    Job,
    file_url,
    fingerprint,
    is_html,
    output_cache,
    page_url,
    relative_file_uri,
)
from sphinx_conference.outputs.feeds import feed_time, new_feed

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from sphinx_conference.domain.store import ConferenceDomain


def _names(domain: ConferenceDomain) -> dict[str, str]:
    return {pid: p.display_name for pid, p in domain.people.items()}


def render_changes_feed(app: Sphinx, event: Event, changes: list[ScheduleChange]) -> bytes:
    """The Atom feed of ``changes`` (newest first) of ``event``."""
    domain = get_domain(app.env)
    path = changes_feed_path(event.id)
    fg = new_feed(
        app, path, f"{event.name}: schedule changes", changes[0].date if changes else None
    )
    fg.subtitle(f"What changed in the schedule of {event.name}, newest first")
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
        fe.published(feed_time(change.date))
        fe.updated(feed_time(change.date))
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
