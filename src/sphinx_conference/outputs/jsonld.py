r"""schema.org structured data (JSON-LD) in the head of event, post and person pages.

``Event`` (with its sessions as ``subEvent`` and their speakers as
``performer``), ``BlogPosting`` and ``Person``, built from the domain at
``html-page-context`` and added to the page's ``metatags``.  The JSON is
serialised with :func:`json.dumps`, then ``<``, ``>`` and ``&`` are escaped as
``\\u003c``, ``\\u003e`` and ``\\u0026`` so no value can close the ``<script>``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from sphinx_conference.core.changes import CANCELLED
from sphinx_conference.core.model import Event, Person, Post, Session
from sphinx_conference.core.series import series_of
from sphinx_conference.domain.store import ConferenceDomain, get_domain
from sphinx_conference.outputs.cache import image_url, is_html, page_objects, page_url
from sphinx_conference.outputs.ical import zone

if TYPE_CHECKING:
    from sphinx.application import Sphinx

CONTEXT = "https://schema.org"


def script(data: dict[str, Any] | list[dict[str, Any]]) -> str:
    """A ``<script type="application/ld+json">`` element; safe for any string value."""
    # Compact: without ``indent`` the json module uses its C encoder (several times faster,
    # on every page), and nobody reads the head of a page by eye.
    text = (
        json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )
    return f'\n<script type="application/ld+json">\n{text}\n</script>'


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


def person_ref(app: Sphinx, person: Person | None, fallback: str) -> dict[str, Any]:
    """A short ``Person`` (name and URL) for authors and performers."""
    if person is None:
        return {"@type": "Person", "name": fallback}
    return {"@type": "Person", "name": person.display_name, "url": page_url(app, person.docname)}


def location(event: Event | None, room: str = "") -> dict[str, Any]:
    """A ``Place`` with a ``PostalAddress``, or a ``VirtualLocation`` for an online event."""
    if event is None or not (event.venue or event.city or event.country):
        return {"@type": "VirtualLocation", **({"url": event.url} if event and event.url else {})}
    address = _clean(
        {
            "@type": "PostalAddress",
            "addressLocality": event.city,
            "addressCountry": event.country,
        }
    )
    name = ", ".join(p for p in (room, event.venue or event.city) if p)
    return {"@type": "Place", "name": name, "address": address}


def _dates(session: Session, event: Event | None, default_tz: str) -> tuple[str, str]:
    if session.start is not None:
        start = session.start.replace(tzinfo=zone(event, default_tz))
        end = session.end.replace(tzinfo=start.tzinfo) if session.end else None
        return start.isoformat(), end.isoformat() if end else ""
    if event is not None and event.start is not None:
        return event.start.isoformat(), (event.end or event.start).isoformat()
    return "", ""


def session_data(app: Sphinx, session: Session, domain: ConferenceDomain) -> dict[str, Any]:
    """An ``Event`` for a session, with its speakers as ``performer``."""
    event = domain.events.get(session.event)
    start, end = _dates(session, event, app.config.conference_default_timezone)
    return _clean(
        {
            "@type": "Event",
            "name": session.display_name,
            "url": page_url(app, session.docname, session.anchor),
            "description": session.abstract,
            "startDate": start,
            "endDate": end,
            "location": location(event, session.room),
            "eventStatus": _status(session, domain),
            "eventAttendanceMode": _mode(event),
            "performer": [person_ref(app, domain.people.get(p), p) for p in session.speakers],
            "keywords": ", ".join(session.tags),
            "superEvent": {"@type": "Event", "name": event.display_name} if event else None,
        }
    )


def _status(session: Session, domain: ConferenceDomain) -> str:
    """schema.org's status of a session: cancelled, moved (rescheduled) or scheduled."""
    if session.status == CANCELLED:
        return "https://schema.org/EventCancelled"
    changes = domain.index.changes_by_session.get(session.id, ())
    if any("moved" in c.kinds for c in changes):
        return "https://schema.org/EventRescheduled"
    return "https://schema.org/EventScheduled"


def _mode(event: Event | None) -> str:
    if event is not None and (event.venue or event.city):
        return "https://schema.org/OfflineEventAttendanceMode"
    return "https://schema.org/OnlineEventAttendanceMode"


def event_data(app: Sphinx, event: Event, domain: ConferenceDomain) -> dict[str, Any]:
    """An ``Event`` with its sessions as ``subEvent``."""
    sessions = domain.index.sessions_by_event.get(event.id, [])
    subs = [session_data(app, s, domain) for s in sessions]
    for sub in subs:
        sub.pop("superEvent", None)
    return _clean(
        {
            "@context": CONTEXT,
            "@type": "Event",
            "name": event.display_name,
            "url": page_url(app, event.docname, event.anchor),
            "sameAs": event.url,
            "description": event.summary,
            "startDate": event.start.isoformat() if event.start else "",
            "endDate": (event.end or event.start).isoformat() if event.start else "",
            "location": location(event),
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": _mode(event),
            "keywords": ", ".join(event.tags),
            "superEvent": _series(app, event, domain),
            "subEvent": subs,
        }
    )


def _series(app: Sphinx, event: Event, domain: ConferenceDomain) -> dict[str, Any] | None:
    """The event's series as an ``EventSeries`` (an edition is a sub-event of its series)."""
    if not event.series:
        return None
    series = series_of(event.series, domain.series)
    return {"@type": "EventSeries", "name": series.name, "url": page_url(app, series.docname)}


def post_data(app: Sphinx, post: Post, domain: ConferenceDomain) -> dict[str, Any]:
    """A ``BlogPosting``."""
    url = page_url(app, post.docname)
    return _clean(
        {
            "@context": CONTEXT,
            "@type": "BlogPosting",
            "headline": post.title,
            "url": url,
            "mainEntityOfPage": url,
            "datePublished": post.date.isoformat(),
            "dateModified": post.date.isoformat(),
            "author": [person_ref(app, domain.people.get(a), a) for a in post.authors],
            "keywords": list(post.tags),
            "description": post.summary,
            "image": image_url(app, post.docname, post.image, source_relative=True),
            "wordCount": post.words or None,
            "publisher": {"@type": "Organization", "name": app.config.project},
        }
    )


def person_data(app: Sphinx, person: Person) -> dict[str, Any]:
    """A ``Person``."""
    return _clean(
        {
            "@context": CONTEXT,
            "@type": "Person",
            "name": person.display_name,
            "alternateName": list(person.aliases),
            "url": page_url(app, person.docname),
            "jobTitle": person.role,
            "worksFor": {"@type": "Organization", "name": person.org} if person.org else None,
            "sameAs": list(person.links),
            "description": person.bio,
            "image": image_url(app, person.docname, person.photo, source_relative=True),
        }
    )


def page_data(app: Sphinx, pagename: str) -> list[dict[str, Any]]:
    """Every JSON-LD object of a page."""
    domain = get_domain(app.env)
    out: list[dict[str, Any]] = []
    post = domain.posts.get(pagename)
    if post is not None and pagename in domain.index.post_position:
        out.append(post_data(app, post, domain))
    objects = page_objects(app, pagename)
    out.extend(event_data(app, e, domain) for e in objects.events)
    if not objects.events:
        # Sessions on a page of their own (large events): each one an Event.
        for s in objects.sessions:
            out.append({"@context": CONTEXT, **session_data(app, s, domain)})
    out.extend(person_data(app, p) for p in objects.people)
    return out


def add_jsonld(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: add the page's JSON-LD to its head."""
    if not app.config.conference_jsonld or not is_html(app) or doctree is None:
        return
    data = page_data(app, pagename)
    if data:
        context["metatags"] = context.get("metatags", "") + "".join(script(d) for d in data)
