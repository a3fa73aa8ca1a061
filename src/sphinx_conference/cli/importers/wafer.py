"""wafer schedule XML (``/schedule/pentabarf.xml``), as DebConf publishes it.

wafer writes ``<generator name="wafer">``, an empty ``<version>``, ``<date>`` in the
conference's own (usually non-UTC) offset with ``<time_zone_name>``, ``<track>No Track</track>``
for untracked items, an empty ``<type/>`` for items that are not talks, ``<recording>``
blocks that may hold only ``<optout>``, and, for staff, ``contact`` (an e-mail address,
never published) and ``twitter`` attributes on persons.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from sphinx_conference.cli.importers.common import Report, Schedule, SessionRecord
from sphinx_conference.cli.importers.xmlschedule import generator, parse, person_attr_links
from sphinx_conference.cli.importers.xmlschedule import read as read_family


def looks_like(root: Element) -> bool:
    """``<generator name="wafer">``."""
    return generator(root) == "wafer"


def _event(ev: Element, session: SessionRecord, report: Report) -> None:
    if session.track.lower() in {"no track", "none"}:
        session.track = ""


def read_root(root: Element, report: Report) -> Schedule:
    """A parsed wafer ``pentabarf.xml``."""
    return read_family(
        root, "wafer", report, event_hook=_event, person_links=person_attr_links("twitter")
    )


def read(data: bytes, report: Report) -> Schedule:
    """A wafer ``pentabarf.xml``."""
    return read_root(parse(data), report)
