"""The normalised model every schedule reader produces, and the lenient helpers they share.

Readers (:mod:`.frab`, :mod:`.pretalx`, :mod:`.pentabarf`, :mod:`.wafer`) turn an export
into one :class:`Schedule`; :func:`finalise` then settles what depends on the whole file
(the event's time zone, local start times, dates, tracks), and the writer turns the result
into pages.  Nothing here trusts the input: every value is coerced, and every field that
is missing or malformed becomes a warning on the :class:`Report` naming the schedule
event and the field, while the import goes on.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from sphinx_conference.core.model import tag_slug
from sphinx_conference.core.validation import (
    MAX_MINUTES,
    FieldError,
    duration_minutes,
    parse_timezone,
)


class ScheduleError(Exception):
    """The schedule cannot be imported at all (unreadable, unknown format, no conference)."""


@dataclass
class Link:
    """A link or an attachment of a session or a person."""

    url: str
    title: str = ""
    kind: str = ""  # the source's type: slides, paper, media, related, ...


@dataclass
class PersonRecord:
    """A speaker as the schedule gives them (untrusted text, unvalidated URLs)."""

    key: str  # identity within the file: "id:1544", "code:ABC123", "name:jinxx"
    name: str
    biography: str = ""
    avatar: str = ""
    links: list[Link] = field(default_factory=list)


@dataclass
class SessionRecord:
    """One event of the schedule (a session on the site)."""

    source_id: str  # the schedule's id, code or guid: for messages and stable ids
    title: str = ""
    subtitle: str = ""
    #: aware when the source gives an offset, else naive local time; local after finalise()
    start: dt.datetime | None = None
    duration: int | None = None  # minutes
    room: str = ""
    track: str = ""
    type: str = ""  # the source's type, mapped by map_type()
    language: str = ""
    abstract: str = ""
    description: str = ""
    persons: list[str] = field(default_factory=list)  # PersonRecord keys
    links: list[Link] = field(default_factory=list)
    attachments: list[Link] = field(default_factory=list)
    video: str = ""  # a recording URL given as such
    url: str = ""  # the session's page on the schedule's site
    guid: str = ""
    status: str = ""  # "cancelled" where the export says so

    @property
    def label(self) -> str:
        """How warnings name the session: ``session 10386 'Opening Ceremony'``."""
        title = one_line(self.title)
        if len(title) > 60:
            title = title[:57] + "..."
        return f"session {self.source_id} {title!r}" if title else f"session {self.source_id}"


@dataclass
class ConferenceRecord:
    """The conference as a whole."""

    title: str = ""
    acronym: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    timezone: str = ""  # IANA name after finalise(), "" where unknown
    source_timezone: str = ""  # what the file says, unvalidated
    url: str = ""
    base_url: str = ""
    venue: str = ""
    city: str = ""
    tracks: list[str] = field(default_factory=list)
    rooms: list[str] = field(default_factory=list)


@dataclass
class Schedule:
    """A whole schedule, normalised."""

    format: str  # FORMATS key
    conference: ConferenceRecord
    sessions: list[SessionRecord] = field(default_factory=list)
    persons: dict[str, PersonRecord] = field(default_factory=dict)

    def add_person(self, person: PersonRecord) -> str:
        """Record a person (the first record of a key wins, later ones fill gaps); give its key."""
        known = self.persons.get(person.key)
        if known is None:
            self.persons[person.key] = person
        else:
            known.biography = known.biography or person.biography
            known.avatar = known.avatar or person.avatar
            for link in person.links:
                if all(link.url != k.url for k in known.links):
                    known.links.append(link)
        return person.key


#: format key -> what to call it in messages
FORMATS = {
    "frab-json": "frab/c3voc schedule JSON",
    "frab-xml": "frab/c3voc schedule XML",
    "pretalx": "pretalx schedule JSON",
    "pentabarf": "pentabarf schedule XML",
    "wafer": "wafer schedule XML",
}


class Report:
    """Warnings and counts of one import; warnings are printed as they happen."""

    def __init__(self, source: str = "", stream: TextIO | None = None) -> None:
        self.source = source
        self.stream = stream
        self.warnings: list[str] = []

    def warn(self, where: str, fieldname: str, message: str) -> None:
        """Note that ``fieldname`` of ``where`` is missing or malformed, and what was done."""
        text = f"{where}: field {fieldname!r}: {message}" if fieldname else f"{where}: {message}"
        self.warnings.append(text)
        if self.stream is not None:
            prefix = f"{self.source}: " if self.source else ""
            print(f"warning: {prefix}{text}", file=self.stream)


# -- lenient coercion -------------------------------------------------------------------------

_LINE_BREAKS_RE = re.compile(r"[\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")


def text(value: Any) -> str:
    """Any JSON/XML value as text: ``None`` is empty, a translated dict gives its English text."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, str):
        return _CONTROL_RE.sub("", value)
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dict):
        for key in ("en", "name", "title", *sorted(value)):
            if key in value and isinstance(value[key], str | int | float):
                return text(value[key])
        return ""
    if isinstance(value, list):
        return ", ".join(t for t in (text(v) for v in value) if t)
    return _CONTROL_RE.sub("", str(value))


def one_line(value: Any) -> str:
    """Text on one line: every kind of line break and run of white space becomes one space."""
    return " ".join(_LINE_BREAKS_RE.sub(" ", text(value)).split())


_INLINE_TAG_RE = re.compile(
    r"</?(?:b|i|u|s|em|strong|span|small|big|sup|sub|code|tt|kbd|mark|del|ins|font|a|abbr|cite|q)"
    r"(?:\s[^<>]*)?>|<br\s*/?>",
    re.I,
)


def plain(value: Any) -> str:
    """One line of text with inline HTML tags (``<b>``, ``<em>``, ``<br>``...) removed.

    Titles and names are plain text; a schedule that puts ``Night <b>Owl</b>`` in one means
    "Night Owl".  Other angle brackets (``Vec<T>``) are text and stay.
    """
    return one_line(_INLINE_TAG_RE.sub(" ", text(value)).replace("  ", " "))


def multiline(value: Any) -> str:
    """Text whose line breaks are all newlines (for abstracts, descriptions and biographies)."""
    t = text(value).replace("\r\n", "\n")
    return _LINE_BREAKS_RE.sub("\n", t).strip()


_CLOCK_RE = re.compile(r"^(\d{1,3}):(\d{2})(?::(\d{2}))?$")


def parse_minutes(value: Any) -> int | None:
    """Minutes of ``"00:30"``, ``"1:30:00"``, ``"PT1H30M"``, ``45`` or ``"45"``; else ``None``."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        minutes = int(value)
        return minutes if 0 < minutes <= MAX_MINUTES else None
    return duration_minutes(one_line(value), lenient=True)


def parse_clock(value: Any) -> dt.time | None:
    """A time of day ``HH:MM`` (or ``HH:MM:SS``); else ``None``."""
    m = _CLOCK_RE.match(one_line(value))
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        return None
    return dt.time(int(m.group(1)), int(m.group(2)))


def parse_day(value: Any) -> dt.date | None:
    """A date ``YYYY-MM-DD`` (a date and time gives its date); else ``None``."""
    t = one_line(value)
    m = re.match(r"^(\d{4}-\d{2}-\d{2})", t)
    if not m:
        return None
    try:
        return dt.date.fromisoformat(m.group(1))
    except ValueError:
        return None


def parse_instant(value: Any) -> dt.datetime | None:
    """An ISO 8601 date and time, aware when it has an offset; else ``None``."""
    t = one_line(value)
    if not re.match(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", t):
        return None
    try:
        return dt.datetime.fromisoformat(t.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None


def valid_timezone(name: str) -> str:
    """``name`` when it is an IANA time zone, else ``""``."""
    try:
        return parse_timezone(name) if name else ""
    except FieldError:
        return ""


def combine(day: dt.date, clock: dt.time, day_start: dt.time | None) -> dt.datetime:
    """A local start from a day and a time; times before the day's start belong to the next day.

    Schedules let a day run past midnight (a day starting at 10:00 holds a 01:00 session
    that takes place on the next calendar day).
    """
    start = dt.datetime.combine(day, clock)
    if day_start is not None and clock < day_start:
        start += dt.timedelta(days=1)
    return start


# -- ids -----------------------------------------------------------------------------------


def name_key(name: str) -> str:
    """How two people's names are compared: Unicode forms and spacing do not matter, case does.

    ("mo" and "Mo" are two people at Camp 2019.)
    """
    return " ".join(unicodedata.normalize("NFKC", name).split())


# -- session types --------------------------------------------------------------------------

#: (words in the source's type, the site's type); the first match wins
_TYPE_WORDS: list[tuple[tuple[str, ...], str]] = [
    (("keynote",), "keynote"),
    (("lightning",), "lightning"),
    (("workshop", "hands-on", "hands on", "handson", "hackathon", "lab"), "workshop"),
    (("tutorial", "course", "training"), "tutorial"),
    (("panel", "podium", "discussion", "round table", "roundtable", "fishbowl"), "panel"),
    (("plenary", "opening", "closing", "ceremony"), "plenary"),
    (("unconference", "open space", "barcamp"), "unconference"),
    (("bof", "birds of a feather", "meetup", "meeting"), "bof"),
    (("break", "lunch", "coffee", "dinner", "breakfast", "registration"), "break"),
    (
        ("talk", "lecture", "presentation", "session", "vortrag", "maintrack", "devroom", "short"),
        "talk",
    ),
]


_BREAK_TITLE_RE = re.compile(
    r"^(lunch|dinner|breakfast|coffee|tea|break|coffee break|lunch break|registration)\b", re.I
)


def map_type(raw: str, allowed: Iterable[str], title: str = "") -> tuple[str, str]:
    """``(site type, tag keeping the original)``; a type that fits none becomes ``other``.

    The tag is empty when the source's type maps cleanly onto a site type.  Without a type,
    a session titled like a break ("Lunch", "Coffee break") is a break.
    """
    original = one_line(raw)
    low = original.lower()
    allowed = list(allowed)
    if not low:
        return (
            "break" if "break" in allowed and _BREAK_TITLE_RE.match(one_line(title)) else ""
        ), ""
    if low in allowed:
        return low, ""
    for words, kind in _TYPE_WORDS:
        if kind in allowed and any(re.search(rf"(^|[^a-z]){re.escape(w)}", low) for w in words):
            return kind, ""
    return ("other" if "other" in allowed else ""), original


# -- time zones -----------------------------------------------------------------------------


def fixed_offset_zone(offset: dt.timedelta) -> str:
    """The IANA ``Etc/GMT±N`` zone of a whole-hour offset (POSIX's inverted sign), or ``""``."""
    seconds = int(offset.total_seconds())
    if seconds % 3600:
        return ""
    hours = seconds // 3600
    if hours == 0:
        return "UTC"
    name = f"Etc/GMT{-hours:+d}"
    return valid_timezone(name)


def finalise(schedule: Schedule, report: Report, timezone: str = "") -> None:
    """Settle the event's time zone, make every start local to it, fill dates and tracks.

    ``timezone`` (an IANA name) overrides what the file says.
    """
    conf = schedule.conference
    conf.title = plain(conf.title)
    for s in schedule.sessions:
        s.title, s.subtitle, s.track, s.room = (
            plain(s.title),
            plain(s.subtitle),
            plain(s.track),
            plain(s.room),
        )
    for p in schedule.persons.values():
        p.name = plain(p.name) or p.name
    zone = timezone
    if not zone and conf.source_timezone:
        zone = valid_timezone(one_line(conf.source_timezone))
        if not zone:
            report.warn(
                "conference",
                "time_zone_name",
                f"{conf.source_timezone!r} is not an IANA time zone name; "
                "the sessions' offsets are used",
            )
    if not zone:
        offsets = sorted(
            {off for s in schedule.sessions if s.start and (off := s.start.utcoffset()) is not None}
        )
        if len(offsets) == 1 and (zone := fixed_offset_zone(offsets[0])):
            report.warn(
                "conference",
                "time_zone_name",
                f"missing; the sessions' UTC offset {_fmt_offset(offsets[0])} gives {zone} "
                "(pass --timezone to name the place's zone, e.g. Europe/Berlin)",
            )
        elif offsets:
            zone = "UTC"
            report.warn(
                "conference",
                "time_zone_name",
                "missing, and the sessions use several UTC offsets; times are given in UTC "
                "(pass --timezone to name the place's zone)",
            )
        else:
            report.warn(
                "conference",
                "time_zone_name",
                "missing; times are the schedule's local times and the site's "
                "conference_default_timezone applies (pass --timezone to name the zone)",
            )
    conf.timezone = zone
    tz = ZoneInfo(zone) if zone else None
    for s in schedule.sessions:
        if s.start is not None and s.start.tzinfo is not None:
            s.start = (
                s.start.astimezone(tz).replace(tzinfo=None) if tz else s.start.replace(tzinfo=None)
            )
    days = sorted(s.start.date() for s in schedule.sessions if s.start)
    if conf.start is None and days:
        conf.start = days[0]
        report.warn(
            "conference",
            "start",
            f"missing or malformed; the first session's day {conf.start} is used",
        )
    if conf.end is None and days:
        conf.end = days[-1]
    if conf.start is None:
        report.warn(
            "conference", "start", "missing, and no session has a date; the event page has no start"
        )
    if conf.start and conf.end and conf.end < conf.start:
        report.warn(
            "conference",
            "end",
            f"{conf.end} lies before the start {conf.start}; the end is left out",
        )
        conf.end = None
    tracks: list[str] = []
    seen: set[str] = set()
    for name in [*conf.tracks, *(s.track for s in schedule.sessions)]:
        name = one_line(name)
        key = tag_slug(name)  # tracks match as tags do
        if name and key not in seen:
            seen.add(key)
            tracks.append(name)
    conf.tracks = tracks


def _fmt_offset(offset: dt.timedelta) -> str:
    seconds = int(offset.total_seconds())
    sign = "+" if seconds >= 0 else "-"
    seconds = abs(seconds)
    return f"{sign}{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"


def first(*values: Any, convert: Callable[[Any], Any] = text) -> Any:
    """The first value that converts to something truthy."""
    for v in values:
        c = convert(v)
        if c:
            return c
    return convert(None)
