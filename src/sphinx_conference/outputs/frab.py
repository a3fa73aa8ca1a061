"""Each event's schedule as frab XML, beside its c3voc JSON, for the apps that read XML.

Written to ``_schedule/<event-id>.xml``, valid against the c3voc schedule XML Schema
(https://c3voc.de/schedule/schema.xsd; Giggity, EventFahrplan, pyfahrplan and the
c3voc tools read it).  The XML is made from the very document :mod:`.schedule` writes
as JSON (:func:`~.schedule.schedule`), so the two agree on every day, room, session,
GUID, id and time.  lxml builds the tree: text goes in as text, so an authored
``<script>`` in a title comes out as ``&lt;script&gt;``; characters XML 1.0 cannot
carry (control characters) are dropped.  Values the XML Schema restricts (URLs,
slugs) are written only when they match its patterns.
"""

from __future__ import annotations

import re
from functools import partial
from typing import TYPE_CHECKING, Any

from lxml import etree

from sphinx_conference.domain.store import get_domain
from sphinx_conference.outputs.cache import PageJob, file_url, is_html
from sphinx_conference.outputs.schedule import schedule, schedule_inputs, schedule_xml_path

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from sphinx_conference.core.model import Event

#: Characters XML 1.0 does not allow, even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: The XML Schema's ``httpURI``, ``voc-slug-new`` and track ``slug`` patterns.
_HTTP_URI = re.compile(r"https?://\S*")
_EVENT_SLUG = re.compile(r"[a-z0-9_]{4,}-[a-z0-9\-_]{4,}")
_TRACK_SLUG = re.compile(r"[a-z][a-z0-9-]+")


def xml_text(value: Any) -> str:
    """``value`` as text XML 1.0 can hold (``None`` is empty)."""
    return "" if value is None else _NOT_XML.sub("", str(value))


def _sub(parent: etree._Element, tag: str, value: Any = None, **attrs: Any) -> etree._Element:
    element = etree.SubElement(
        parent, tag, {k: xml_text(v) for k, v in attrs.items() if v is not None}
    )
    if value is not None:
        element.text = xml_text(value)
    return element


def _uri(parent: etree._Element, tag: str, value: str | None) -> None:
    if value and _HTTP_URI.fullmatch(value):
        _sub(parent, tag, value)


def _session(parent: etree._Element, data: dict[str, Any], slugs: set[str]) -> None:
    event = _sub(parent, "event", guid=data["guid"], id=data["id"])
    for tag in ("date", "start", "duration", "room", "title", "subtitle", "type"):
        _sub(event, tag, data.get(tag))
    _sub(event, "track", data.get("track"))
    if data.get("language"):
        _sub(event, "language", data["language"])
    _sub(event, "abstract", data.get("abstract"))
    _sub(event, "description", data.get("description"))
    slug = data.get("slug", "")
    if _EVENT_SLUG.fullmatch(slug) and slug not in slugs:  # the XML Schema: unique slugs
        slugs.add(slug)
        _sub(event, "slug", slug)
    persons = _sub(event, "persons")
    for person in data["persons"]:
        _sub(persons, "person", person["name"], guid=person["guid"])
    links = _sub(event, "links")
    for link in data["links"]:
        _sub(links, "link", link["title"], href=link["url"], type=link["type"])
    _uri(event, "url", data.get("url"))


def schedule_xml(doc: dict[str, Any], url: str = "") -> bytes:
    """The frab XML of a c3voc schedule document (:func:`~.schedule.schedule`).

    ``url`` is where the XML itself is published (``<url>``).
    """
    root = etree.Element("schedule")
    _sub(root, "generator", name=doc["generator"]["name"], version=doc["generator"]["version"])
    _uri(root, "url", url)
    _sub(root, "version", doc["schedule"]["version"])
    conf = doc["schedule"]["conference"]
    conference = _sub(root, "conference")
    _sub(conference, "acronym", conf["acronym"])
    _sub(conference, "title", conf["title"])
    _sub(conference, "start", conf["start"])
    _sub(conference, "end", conf["end"])
    _sub(conference, "days", conf["daysCount"])
    _sub(conference, "timeslot_duration", conf["timeslot_duration"])
    _uri(conference, "base_url", doc["schedule"].get("base_url"))
    _uri(conference, "url", conf.get("url"))
    _sub(conference, "time_zone_name", conf["time_zone_name"])
    for track in conf["tracks"]:
        slug = track["slug"] if _TRACK_SLUG.fullmatch(track["slug"]) else None
        _sub(conference, "track", track["name"], name=track["name"], slug=slug)
    guids = {room["name"]: room["guid"] for room in conf["rooms"]}
    slugs: set[str] = set()
    for day in conf["days"]:
        day_el = _sub(
            root,
            "day",
            index=day["index"],
            date=day["date"],
            start=day["day_start"],
            end=day["day_end"],
        )
        for name, sessions in day["rooms"].items():
            room = _sub(day_el, "room", name=name, guid=guids.get(name))
            for data in sessions:
                _session(room, data, slugs)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def schedule_xml_jobs(app: Sphinx) -> list[PageJob]:
    """One frab XML schedule per event, with the event's page (see :class:`~.exports.RecordExports`)."""
    if not app.config.conference_schedules_xml or not is_html(app):
        return []
    domain = get_domain(app.env)
    return [
        (e.docname, schedule_xml_path(e), schedule_inputs(domain, e), partial(_xml, app, e))
        for e in domain.events.values()
    ]


def _xml(app: Sphinx, event: Event) -> bytes:
    return schedule_xml(schedule(app, event), file_url(app, schedule_xml_path(event)))
