"""The whole site's data as one JSON document, with its JSON Schema, for anyone to reuse.

Written at ``html-collect-pages`` to ``_data/conference.json``: the series, the events
with their sessions, the people and the published posts, each with its stable id, its
absolute URL (from the site's root URL, :func:`~.cache.site_url`) and its path relative to
that root.  Times of day carry their offset (``2024-05-15T09:00:00-04:00``); dates are
plain ISO dates.  Every key is always present: a missing text, date or URL is ``null``,
a missing list ``[]``.  The schema (JSON Schema draft 2020-12) is a file of the package
(``data/conference.schema.json``), copied beside the data as ``_data/conference.schema.json``;
the data's ``$schema`` is that copy's URL.  Text is the authored plain text (summaries,
abstracts, bios): never HTML, so a consumer shows it as text.

Each record becomes a dict with one line per field (:func:`event_data`, :func:`session_data`,
...): a new field of a record is one more line there, and one more property in the schema.
The document is written again when what it shows changes (:func:`data_inputs`: the
records, the settings, the names images are copied under), and only then.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import partial
from html import escape
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from sphinx_conference.core.model import Event, Person, Post, Session
from sphinx_conference.core.series import series_table
from sphinx_conference.core.version import __version__
from sphinx_conference.domain.store import ConferenceDomain, get_domain
from sphinx_conference.outputs.cache import (
    Job,
    file_url,
    image_url,
    is_html,
    output_cache,
    page_url,
    relative_file_uri,
    site_url,
)
from sphinx_conference.outputs.ical import event_path, has_calendar, person_path, session_path
from sphinx_conference.outputs.ical import zone as event_zone
from sphinx_conference.outputs.schedule import schedule_path, schedule_xml_path

if TYPE_CHECKING:
    from sphinx.application import Sphinx

DATA_DIR = "_data"
DATA_PATH = f"{DATA_DIR}/conference.json"
SCHEMA_PATH = f"{DATA_DIR}/conference.schema.json"
#: Where each series has its page, ``series/<id>`` (the series pages, issue 20).
SERIES_DIR = "series"
#: The version of the document's format (raised when a field changes meaning or goes away).
FORMAT_VERSION = 1


def schema_text() -> str:
    """The JSON Schema of the data, as the package ships it."""
    return files("sphinx_conference").joinpath("data/conference.schema.json").read_text("utf-8")


def _text(value: str) -> str | None:
    return value or None


def _path(app: Sphinx, docname: str, anchor: str = "") -> str:
    """The path of a page (and an anchor on it) relative to the site's root."""
    uri = app.builder.get_target_uri(docname)
    return f"{uri}#{anchor}" if anchor else uri


def _image(app: Sphinx, docname: str, path: str) -> str | None:
    """The absolute URL of a photo or image, as the built site serves it.

    The environment knows the name each image is copied under (``_images/<name>``) even
    for pages not written in this build, so the URL is the same in a rebuild.
    """
    if not path:
        return None
    if "://" not in path:
        rel = path.lstrip("/")
        known = app.env.images.get(rel) if hasattr(app.env, "images") else None
        if known:
            return file_url(app, f"{app.builder.imagedir}/{known[1]}")
    return image_url(app, docname, path, source_relative=True) or None


class _Links:
    """Which schedules and calendars this build writes (their URLs go into the data)."""

    def __init__(self, app: Sphinx, domain: ConferenceDomain) -> None:
        self.app = app
        self.domain = domain
        self.calendars = bool(app.config.conference_calendars)
        self.json = bool(app.config.conference_schedules)
        self.xml = bool(app.config.conference_schedules_xml)

    def calendar(self, record: Event | Session | Person, path: str) -> str | None:
        if self.calendars and has_calendar(record, self.domain):
            return file_url(self.app, path)
        return None

    def schedules(self, event: Event) -> dict[str, str | None]:
        return {
            "json": file_url(self.app, schedule_path(event)) if self.json else None,
            "xml": file_url(self.app, schedule_xml_path(event)) if self.xml else None,
        }


def session_data(
    app: Sphinx, session: Session, event: Event | None, links: _Links
) -> dict[str, Any]:
    """One session: its fields, its event's id, its speakers' ids, times with their offset."""
    tz = event_zone(event, app.config.conference_default_timezone)
    start = session.start.replace(tzinfo=tz) if session.start else None
    end = session.end.replace(tzinfo=tz) if session.end else None
    return {
        "id": session.id,
        "title": session.display_name,
        "url": page_url(app, session.docname, session.anchor),
        "path": _path(app, session.docname, session.anchor),
        "event": session.event or None,
        "speakers": list(session.speakers),
        "track": _text(session.track),
        "type": _text(session.type),
        "start": start.isoformat() if start else None,
        "end": end.isoformat() if end else None,
        "duration": session.duration,
        "room": _text(session.room),
        "language": _text(session.language),
        "tags": list(session.tags),
        "abstract": _text(session.abstract),
        "slides": _text(session.slides),
        "video": _text(session.video),
        # Session.status ("" or "cancelled") where the records have it.
        "status": _text(session.status),
        "calendar": links.calendar(session, session_path(session)),
    }


def event_data(
    app: Sphinx, event: Event, sessions: Iterable[Session], links: _Links
) -> dict[str, Any]:
    """One event, with its sessions."""
    return {
        "id": event.id,
        "name": event.display_name,
        "url": page_url(app, event.docname, event.anchor),
        "path": _path(app, event.docname, event.anchor),
        "series": _text(event.series),
        "start": event.start.isoformat() if event.start else None,
        "end": (event.end or event.start).isoformat() if event.start else None,
        "timezone": event_zone(event, app.config.conference_default_timezone).key,
        "venue": _text(event.venue),
        "city": _text(event.city),
        "country": _text(event.country),
        "website": _text(event.url),
        "tracks": list(event.tracks),
        "tags": list(event.tags),
        "summary": _text(event.summary),
        "calendar": links.calendar(event, event_path(event)),
        "schedule": links.schedules(event),
        "sessions": [session_data(app, s, event, links) for s in sessions],
    }


def person_data(
    app: Sphinx, person: Person, domain: ConferenceDomain, links: _Links
) -> dict[str, Any]:
    """One person, with the ids of their sessions and posts."""
    return {
        "id": person.id,
        "name": person.display_name,
        "url": page_url(app, person.docname),
        "path": _path(app, person.docname),
        "role": _text(person.role),
        "org": _text(person.org),
        "photo": _image(app, person.docname, person.photo),
        "links": list(person.links),
        "tags": list(person.tags),
        "bio": _text(person.bio),
        # Person.aliases (other spellings of the name) where the records have them.
        "aliases": list(person.aliases),
        "sessions": [s.id for s in domain.index.sessions_by_speaker.get(person.id, [])],
        "posts": [p.docname for p in domain.index.posts_by_author.get(person.id, [])],
        "calendar": links.calendar(person, person_path(person)),
    }


def post_data(app: Sphinx, post: Post) -> dict[str, Any]:
    """One published post."""
    return {
        "id": post.docname,
        "title": post.title,
        "url": page_url(app, post.docname),
        "path": _path(app, post.docname),
        "date": post.date.isoformat(),
        "authors": list(post.authors),
        "tags": list(post.tags),
        "summary": _text(post.summary),
        "image": _image(app, post.docname, post.image),
        "words": post.words,
    }


def series_data(app: Sphinx, events: list[Event]) -> list[dict[str, Any]]:
    """Every series configured or used by an event, with its events' ids, newest first."""
    defined = {
        s.id: {"name": s.name, "description": s.description}
        for s in series_table(getattr(app.config, "conference_series", {}))[0].values()
    }
    members: dict[str, list[str]] = {key: [] for key in defined}
    for event in events:  # newest first
        if event.series:
            members.setdefault(event.series, []).append(event.id)
    return [
        {
            "id": key,
            "name": defined.get(key, {}).get("name") or key,
            "url": page_url(app, f"{SERIES_DIR}/{key}"),
            "path": _path(app, f"{SERIES_DIR}/{key}"),
            "description": _text(defined.get(key, {}).get("description", "")),
            "events": ids,
        }
        for key, ids in sorted(members.items())
    ]


def site_data(app: Sphinx) -> dict[str, Any]:
    """The whole document."""
    domain = get_domain(app.env)
    index = domain.index
    links = _Links(app, domain)
    license_ = app.config.conference_data_license.strip()
    return {
        "$schema": file_url(app, SCHEMA_PATH),
        "version": FORMAT_VERSION,
        "generator": {"name": "sphinx-conference", "version": __version__},
        "license": license_ or None,
        "site": {"title": app.config.project, "url": site_url(app.config)},
        "series": series_data(app, index.events),
        "events": [
            event_data(app, e, index.sessions_by_event.get(e.id, []), links) for e in index.events
        ],
        # Sessions whose event is not defined (a warning of the build): kept, not dropped.
        "other_sessions": [
            session_data(app, s, None, links)
            for s in index.sessions
            if s.event not in domain.events
        ],
        "people": [
            person_data(app, p, domain, links)
            for p in sorted(domain.people.values(), key=lambda p: p.id)
        ],
        "posts": [post_data(app, p) for p in index.posts],
    }


def data_inputs(app: Sphinx) -> Any:
    """Everything the document shows, for its fingerprint (cheaper than making it).

    The records (their text is digested once per build, shared with the other outputs),
    what a record's text leaves out (a post's word count, the name an image is copied
    under), the site's URL and name, and every ``conference_*`` setting (some, such as
    the default time zone, are not in the output cache's salt).
    """
    domain = get_domain(app.env)
    index = domain.index
    people = sorted(domain.people.values(), key=lambda p: p.id)
    images = getattr(app.env, "images", {})
    pictures = [p.photo for p in people] + [p.image for p in index.posts]
    settings = sorted(
        (option.name, option.value)
        for option in app.config
        if option.name.startswith("conference_")
    )
    return (
        site_url(app.config),
        app.config.project,
        settings,
        index.events,
        index.sessions,
        people,
        index.posts,
        [p.words for p in index.posts],
        [(images.get(path.lstrip("/")) or ((), ""))[1] for path in pictures],
    )


def data_jobs(app: Sphinx) -> list[Job]:
    """The data and its schema: (path, maker) of those that changed since the previous build."""
    if not app.config.conference_open_data or not is_html(app):
        return []
    cache = output_cache(app)
    jobs: list[Job] = []
    if not cache.fresh(DATA_PATH, data_inputs(app)):
        jobs.append((DATA_PATH, partial(_data_text, app)))
    schema = schema_text()
    if not cache.fresh(SCHEMA_PATH, schema):
        jobs.append((SCHEMA_PATH, partial(str, schema)))
    return jobs


def _data_text(app: Sphinx) -> str:
    return json.dumps(site_data(app), ensure_ascii=False, indent=1) + "\n"


def link_data(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: the home page names the site's data in its head."""
    if not app.config.conference_open_data or not is_html(app) or pagename != app.config.root_doc:
        return
    href = escape(relative_file_uri(app, pagename, DATA_PATH))
    title = escape(f"{app.config.project} (data)")
    context["metatags"] = (
        context.get("metatags", "")
        + f'\n<link rel="alternate" type="application/json" title="{title}" href="{href}">'
    )
