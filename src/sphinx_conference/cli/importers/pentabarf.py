"""pentabarf-style schedule XML, as FOSDEM publishes it.

Unlike frab's, it has no ``<version>``, no event guids and no per-event ``<date>``: a
session's day is its ``<day date=...>``, its time ``<start>``.  ``<day_change>`` (FOSDEM
gives ``09:00:00``) is not taken to move early sessions to the next day.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from sphinx_conference.cli.importers.common import Report, Schedule
from sphinx_conference.cli.importers.xmlschedule import parse
from sphinx_conference.cli.importers.xmlschedule import read as read_family


def looks_like(root: Element) -> bool:
    """A schedule XML without ``<version>`` text and without event guids."""
    version = root.find("version")
    has_version = version is not None and bool("".join(version.itertext()).strip())
    has_guid = any(ev.get("guid") for ev in root.iter("event"))
    return not has_version and not has_guid


def read_root(root: Element, report: Report) -> Schedule:
    """A parsed pentabarf ``schedule.xml``."""
    return read_family(root, "pentabarf", report)


def read(data: bytes, report: Report) -> Schedule:
    """A pentabarf ``schedule.xml``."""
    return read_root(parse(data), report)
