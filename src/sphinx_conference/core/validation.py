"""Parsing and validation of every authored field.

Each parser takes the raw text of one field and returns a typed value, or
raises :class:`FieldError` whose message says what was expected, with an
example of the right form.  Directives and the front-matter reader turn
those errors into Sphinx warnings that name the file, the line and the field
(see :func:`sphinx_conference.domain.report.warn`), so a contributor can fix the mistake where it is.

The same parsers are used by the content checker and the importers, so all
three agree on what is valid.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

#: The warning ``type`` of every warning this extension emits; each kind of
#: problem has its own ``subtype`` (see ``docs/warnings.md``), so a site can
#: silence one kind with ``suppress_warnings = ["conference.<subtype>"]``.
WARNING_TYPE = "conference"

#: Every warning subtype, with what it is about.  The docs list these.
SUBTYPES: dict[str, str] = {
    "required": "a required field is missing or empty",
    "id": "an id does not match the slug pattern",
    "date": "a date is not an ISO 8601 calendar date",
    "datetime": "a date and time is not ISO 8601",
    "duration": "a duration is not a whole number of minutes",
    "url": "a link is not an http, https or mailto URL",
    "type": "a value is not one of the allowed choices (session type, layout, grouping)",
    "country": "a country is not an ISO 3166-1 alpha-2 code",
    "timezone": "a time zone is not an IANA time zone name",
    "photo": "a photo or image path is outside the project, not an image or does not exist",
    "range": "an end lies before its start",
    "track": "a session's track is not one of its event's tracks",
    "reference": "a role, option or front-matter key names an unknown object",
    "duplicate": "two objects share one id",
    "field": "a field or front-matter key is malformed or unknown",
    "markup": "a plain-text field contains markup that is shown as text",
    "tag": "a tag is not in the configured vocabulary",
    "html": "raw HTML in a page held scripts, event handlers or unsafe links (removed)",
    "placeholder": "a '[TODO: ...]' placeholder written by 'new' is still there (reported by 'check')",
    "series": "an event's series is not defined in conference_series, or conference_series "
    "is malformed",
    "alias": "a person's alias is another person's alias or name",
    "probable-duplicate": "two people are probably one: the same name once case, accents and "
    "spacing are ignored, or very similar names and a co-speaker in common (reported by 'check', "
    "as advice: it does not fail the check)",
}

#: subtypes only ``check`` reports; the build has nothing to say about them
CHECK_ONLY = frozenset({"placeholder", "probable-duplicate"})
#: subtypes ``check`` lists as advice: printed, but they leave its exit status 0
ADVISORY = frozenset({"probable-duplicate"})

SLUG_RE = re.compile(r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$")
SLUG_EXAMPLE = "ada-lovelace"
SESSION_ID_EXAMPLE = "pycon-2027/opening-keynote"
_MARKUP_RE = re.compile(
    r"<\s*/?\s*[a-zA-Z][^>]*>"  # an HTML tag
    r"|\{[a-z][\w:-]*\}`"  # a MyST role
    r"|^\s*(?::::|```)\s*\{"  # a MyST directive fence
    r"|!?\[[^\]]*\]\([^)]*\)"  # a Markdown link or image
    r"|(?<![\w-])(?:javascript|vbscript):\S|(?<![\w-])data:[\w.+-]+/[\w.+-]+[;,]"  # script URLs
    r"|:[a-z][\w:-]*:`"  # a reST role
    r"|`[^`]*<[^>`]+>`__?",  # a reST hyperlink
    re.M | re.I,
)
_COUNTRY_RE = re.compile(r"^[A-Z]{2}$")


class FieldError(ValueError):
    """A field's value is not valid; the message says what was expected."""

    def __init__(self, message: str, subtype: str = "field") -> None:
        super().__init__(message)
        self.subtype = subtype


def clean_text(value: str) -> str:
    """Collapse whitespace in a one-line field."""
    return " ".join(value.split())


def has_markup(value: str) -> bool:
    """Whether a plain-text field looks like HTML tags or MyST markup."""
    return bool(_MARKUP_RE.search(value))


def parse_slug(value: str, *, what: str = "id") -> str:
    """An id: lower-case letters and digits, joined by ``-``, ``_`` or ``.``."""
    text = value.strip()
    if not SLUG_RE.match(text):
        raise FieldError(
            f"expected a lower-case slug for the {what} (letters, digits and '-', "
            f"e.g. {SLUG_EXAMPLE!r}), got {value!r}",
            "id",
        )
    return text


def parse_session_id(value: str) -> str:
    """A session id: ``<event-id>/<slug>``."""
    text = value.strip()
    event, sep, slug = text.partition("/")
    if not sep or not SLUG_RE.match(event) or not SLUG_RE.match(slug):
        raise FieldError(
            f"expected a session id of the form '<event-id>/<slug>', "
            f"e.g. {SESSION_ID_EXAMPLE!r}, got {value!r}",
            "id",
        )
    return text


def parse_date(value: str | dt.date) -> dt.date:
    """An ISO 8601 calendar date, ``YYYY-MM-DD``."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise FieldError(
            f"expected an ISO 8601 date YYYY-MM-DD, e.g. '2023-02-07', got {value!r}", "date"
        ) from None


def parse_datetime(value: str | dt.datetime) -> dt.datetime:
    """An ISO 8601 date and time: ``2023-02-07 11:00`` (optionally ``T``, seconds, offset)."""
    if isinstance(value, dt.datetime):
        return value
    text = str(value).strip()
    try:
        if not re.fullmatch(
            r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:?\d{2})?", text
        ):
            raise ValueError(text)
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise FieldError(
            "expected an ISO 8601 date and time YYYY-MM-DD HH:MM, e.g. '2023-02-07 11:00', "
            f"got {value!r}",
            "datetime",
        ) from None


_CLOCK_DURATION_RE = re.compile(r"^(\d{1,3}):(\d{2})(?::(\d{2}))?$")
_ISO_DURATION_RE = re.compile(r"^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$", re.I)
#: the longest duration accepted: a week
MAX_MINUTES = 7 * 24 * 60


def duration_minutes(text: str, *, lenient: bool = False) -> int | None:
    """Whole minutes of a duration written as text, or None when it is not one.

    Strict (authored fields): ``30``, ``1:30`` or ``PT1H30M``.  Lenient (imported
    schedules) also reads seconds (``1:30:00``, ``PT90S``, rounded to the minute), days
    (``P1DT2H``) and three-digit hours (``100:00``).  Either way at most a week.
    """
    t = text.strip()
    if t.isdigit():
        minutes = int(t)
    elif m := _CLOCK_DURATION_RE.match(t):
        hours, mins, secs = m.groups()
        if not lenient and (secs is not None or len(hours) > 2):
            return None
        minutes = int(hours) * 60 + int(mins) + (int(secs or 0) + 30) // 60
    elif (m := _ISO_DURATION_RE.match(t)) and any(m.groups()):
        days, hours, mins, secs = m.groups()
        if not lenient and (days or secs or not t.upper().startswith("PT")):
            return None
        minutes = int(days or 0) * 1440 + int(hours or 0) * 60 + int(mins or 0)
        minutes += (int(secs or 0) + 30) // 60  # seconds, to the nearest minute
    else:
        return None
    return minutes if 0 < minutes <= MAX_MINUTES else None


def parse_duration(value: str | int) -> int:
    """A duration in whole minutes: ``30``, ``1:30`` or ``PT1H30M``."""
    if isinstance(value, int) and not isinstance(value, bool):
        minutes: int | None = value if 0 < value <= MAX_MINUTES else None
    else:
        minutes = duration_minutes(str(value))
    if minutes is None:
        raise FieldError(
            "expected a duration in minutes (e.g. '30'), as H:MM (e.g. '1:30') "
            f"or ISO 8601 (e.g. 'PT30M'), got {value!r}",
            "duration",
        )
    return minutes


def parse_url(value: str) -> str:
    """An absolute ``http``, ``https`` or ``mailto`` URL."""
    text = value.strip()
    parts = urlsplit(text)
    ok = (parts.scheme in {"http", "https"} and bool(parts.netloc)) or (
        parts.scheme == "mailto" and "@" in parts.path
    )
    if not ok or any(ch in text for ch in " <>\"'`\\") or any(ord(ch) < 32 for ch in text):
        raise FieldError(
            "expected an http, https or mailto URL, e.g. 'https://example.org/talk', "
            f"got {value!r}",
            "url",
        )
    return text


def parse_country(value: str) -> str:
    """An ISO 3166-1 alpha-2 country code such as ``GB``."""
    text = value.strip().upper()
    if not _COUNTRY_RE.match(text):
        raise FieldError(
            f"expected an ISO 3166-1 alpha-2 country code, e.g. 'GB', got {value!r}", "country"
        )
    return text


def parse_timezone(value: str) -> str:
    """An IANA time zone name such as ``Europe/London``."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    text = value.strip()
    try:
        if not text or text.startswith(("/", ".")) or ".." in text:
            raise ValueError(text)
        ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        raise FieldError(
            f"expected an IANA time zone name, e.g. 'Europe/London', got {value!r}", "timezone"
        ) from None
    return text


def split_list(value: str | Iterable[Any] | None, separator: str = ",") -> list[str]:
    """Split a list field; YAML lists from front matter are accepted as they are."""
    if value is None:
        return []
    items: Iterable[Any] = value.split(separator) if isinstance(value, str) else value
    out: list[str] = []
    for item in items:
        text = clean_text(str(item))
        if text and text not in out:
            out.append(text)
    return out


def choice(value: str, choices: Iterable[str], *, what: str) -> str:
    """One of ``choices`` (case-insensitive)."""
    text = value.strip().lower()
    allowed = sorted(choices)
    if text not in allowed:
        raise FieldError(
            f"expected one of {', '.join(allowed)} for the {what}, got {value!r}", "type"
        )
    return text
