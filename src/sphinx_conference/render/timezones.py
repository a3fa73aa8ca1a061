"""Dates and times as ``<time>`` elements, and the time-zone switch of pages that show times.

Every date and time the extension shows is a :class:`~.nodes.time_element`, written
as ``<time datetime="...">``: a time of day with its absolute offset
(``2023-02-07T11:00+00:00``), a date alone as a plain date (``2023-02-07``, which
names a day and carries no offset).  The text is the event's wall-clock time, so
without JavaScript a page reads as before; the zone it is in is named next to it in
a ``conference-tz`` span (or in the list's "Times are in ..." note).

Pages with a time of day load ``conference-time.js``, which adds a control labelled
"Time zone" ("Event time", "My time"; remembered in ``localStorage``) and re-renders
those times in the reader's zone, always saying which zone is shown.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from docutils import nodes

from sphinx_conference.core.model import Session
from sphinx_conference.core.times import machine_date, machine_time, zone_label
from sphinx_conference.render import nodes as cnodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx

SCRIPT = "conference-time.js"
#: A time of day in a page body (text is escaped by the writer, so this is markup).
_ZONED = re.compile(r'<time datetime="\d{4}-\d\d-\d\dT')


def time_node(text: str, machine: str) -> cnodes.time_element:
    """``text`` in a ``<time>`` whose ``datetime`` is ``machine``."""
    return cnodes.time_element(text, text, datetime=machine)


def long_date(day: dt.date) -> str:
    """``7 February 2023``."""
    return f"{day.day} {day:%B %Y}"


def day_label(day: dt.date) -> str:
    """``Tuesday 7 February 2023``."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def date_node(day: dt.date, text: str | None = None) -> cnodes.time_element:
    """A date (``7 February 2023`` unless ``text`` is given) as a ``<time>``."""
    return time_node(long_date(day) if text is None else text, machine_date(day))


def date_range(start: dt.date | None, end: dt.date | None) -> list[nodes.Node]:
    """``7–8 February 2023``, ``28 February – 2 March 2023`` or one day, each date a ``<time>``."""
    if start is None:
        return []
    if end is None or end == start:
        return [date_node(start)]
    if (start.year, start.month) == (end.year, end.month):
        first, sep = str(start.day), "–"
    elif start.year == end.year:
        first, sep = f"{start.day} {start:%B}", " – "
    else:
        first, sep = long_date(start), " – "
    return [date_node(start, first), nodes.Text(sep), date_node(end)]


def zone_node(name: str) -> nodes.inline:
    """The name of the zone times are shown in (the script changes it with them)."""
    return nodes.inline(name, name, classes=["conference-tz"])


def clock(value: dt.datetime, zone_name: str) -> cnodes.time_element:
    """A time of day, ``11:00``, as a ``<time>`` with its date and offset."""
    return time_node(f"{value:%H:%M}", machine_time(value, zone_name))


def clock_range(session: Session, zone_name: str) -> list[nodes.Node]:
    """``11:00–11:30`` (or ``11:00`` without a duration), each a ``<time>``."""
    if session.start is None:
        return []
    out: list[nodes.Node] = [clock(session.start, zone_name)]
    if session.end is not None:
        out += [nodes.Text("–"), clock(session.end, zone_name)]
    return out


def day_clock(value: dt.datetime, zone_name: str) -> cnodes.time_element:
    """``Tue 7 Feb 2023, 11:00`` as a ``<time>`` with its offset."""
    text = f"{value:%a} {value.day} {value:%b %Y}, {value:%H:%M}"
    return time_node(text, machine_time(value, zone_name))


def day_clock_range(session: Session, zone_name: str) -> list[nodes.Node]:
    """``Tue 7 Feb 2023, 11:00–11:30`` (or without the end), each a ``<time>``."""
    if session.start is None:
        return []
    out: list[nodes.Node] = [day_clock(session.start, zone_name)]
    if session.end is not None:
        out += [nodes.Text("–"), clock(session.end, zone_name)]
    return out


def session_time(session: Session, timezone: str = "") -> list[nodes.Node]:
    """``Tue 7 Feb 2023, 11:00–11:30 (Europe/London)``, the times as ``<time>`` elements."""
    start = session.start
    if start is None:
        return []
    out: list[nodes.Node] = [day_clock(start, timezone)]
    if session.end is not None:
        out += [nodes.Text("–"), clock(session.end, timezone)]
    name = timezone or start.tzname() or zone_label("")
    out += [nodes.Text(" ("), zone_node(name), nodes.Text(")")]
    return out


def zone_note(zones: list[str]) -> nodes.paragraph:
    """``Times are in Europe/London.`` above an agenda or a grid (each zone named apart)."""
    para = nodes.paragraph(classes=["conference-timezone-note"])
    para += nodes.Text("Times are in ")
    for i, name in enumerate(zones):
        if i:
            para += nodes.Text(", ")
        para += zone_node(name)
    para += nodes.Text(".")
    return para


def shows_times(body: str) -> bool:
    """Whether a page body shows a time of day (a ``<time>`` with a time and offset)."""
    return "<time " in body and _ZONED.search(body) is not None


def add_script(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: the time-zone switch on pages that show times of day only."""
    if shows_times(context.get("body", "")):
        app.add_js_file(SCRIPT, loading_method="defer")
