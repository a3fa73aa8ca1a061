"""pretalx schedules: the frab-compatible ``schedule.json`` with pretalx's extra fields.

pretalx adds a submission ``code`` to each event, ``answers`` to its questions, and to each
person a ``code``, a ``biography`` (Markdown written by the speaker), an ``avatar`` URL and
the ``url`` of their public profile.  Answers are not published: the export gives only
question ids, and the answers are the speakers' replies to the organisers.
"""

from __future__ import annotations

from typing import Any

from sphinx_conference.cli.importers.common import (
    Link,
    PersonRecord,
    Report,
    Schedule,
    SessionRecord,
    multiline,
    one_line,
)
from sphinx_conference.cli.importers.frab import frab_person
from sphinx_conference.cli.importers.frab import read_json as read_frab_json


def is_pretalx(data: Any) -> bool:
    """Whether a frab-style JSON document comes from pretalx."""
    if not isinstance(data, dict):
        return False
    gen = data.get("generator")
    if isinstance(gen, dict) and one_line(gen.get("name")).lower() == "pretalx":
        return True
    try:
        days = data["schedule"]["conference"]["days"]
        for day in days[:3]:
            for events in list(day["rooms"].values())[:3]:
                for e in events[:3]:
                    if "code" in e or "answers" in e:
                        return True
                    if any(
                        isinstance(p, dict) and ("biography" in p or "code" in p)
                        for p in e.get("persons", [])
                    ):
                        return True
    except (KeyError, TypeError, AttributeError, IndexError):
        return False
    return False


def pretalx_person(p: dict[str, Any], s: SessionRecord, report: Report) -> PersonRecord | None:
    """A pretalx person: the frab fields plus biography, avatar and profile URL."""
    record = frab_person(p, s, report)
    if record is None:
        return None
    record.biography = multiline(p.get("biography"))
    record.avatar = one_line(p.get("avatar"))
    url = one_line(p.get("url"))
    if url:
        record.links.insert(0, Link(url=url, title="profile"))
    return record


def read(data: Any, report: Report) -> Schedule:
    """A pretalx ``schedule.json``."""
    return read_frab_json(data, report, fmt="pretalx", person=pretalx_person)
