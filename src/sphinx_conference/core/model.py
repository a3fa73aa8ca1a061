"""The records the domain stores: people, events, sessions and posts.

Records are small frozen dataclasses: picklable (they live in the pickled
build environment), comparable (incremental builds compare them to decide
which pages must be re-written) and free of docutils nodes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, is_dataclass
from typing import Any

_TAG_SLUG_RE = re.compile(r"[\s\W]+")


def tag_slug(tag: str) -> str:
    """The URL slug of a tag; the same as sphinx-tags' so ``_tags/<slug>.html`` stays stable.

    Tags are matched case- and whitespace-insensitively: ``"Platform  engineering"``
    and ``"platform-engineering"`` are one tag.
    """
    return _TAG_SLUG_RE.sub("-", tag).lower().strip("-")


def records_text(value: Any, memo: dict[int, tuple[Any, str]]) -> str:
    """The text of ``value`` (records, and lists, tuples and dicts of them) for a digest.

    Records are frozen dataclasses, so their ``repr`` shows every field.  The same
    record appears in many digests of a build: ``memo`` keeps each record's text, by
    identity (holding the record, so the identity stays its own).
    """
    if isinstance(value, (list, tuple)):
        inner = ", ".join(records_text(v, memo) for v in value)
        return f"[{inner}]" if isinstance(value, list) else f"({inner})"
    if isinstance(value, dict):
        return (
            "{"
            + ", ".join(
                f"{records_text(k, memo)}: {records_text(v, memo)}" for k, v in value.items()
            )
            + "}"
        )
    if is_dataclass(value):
        known = memo.get(id(value))
        if known is None or known[0] is not value:
            known = memo[id(value)] = (value, repr(value))
        return known[1]
    return repr(value)


def initials(name: str) -> str:
    """Up to two initials of a name, for an avatar where no photo is given."""
    words = [w for w in re.split(r"[\s\-]+", name) if w and w[0].isalnum()]
    if not words:
        return "?"
    if len(words) == 1:
        return words[0][0].upper()
    return (words[0][0] + words[-1][0]).upper()


class _FieldLines:
    """A record that remembers the source line of its fields, for warnings at the right line."""

    lineno: int
    lines: tuple[tuple[str, int], ...]

    def line_of(self, name: str) -> int:
        """The source line of field ``name`` (the directive's line when unknown)."""
        return dict(self.lines).get(name, self.lineno)


@dataclass(frozen=True)
class Person(_FieldLines):
    """A speaker or author (``{speaker}`` directive)."""

    id: str
    docname: str
    lineno: int = field(compare=False, repr=False)
    name: str
    role: str = ""
    org: str = ""
    photo: str = ""  # source-relative path of a local image, or "" for an initials avatar
    links: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    bio: str = ""  # plain-text summary of the bio, for cards shown on other pages
    aliases: tuple[str, ...] = ()
    #: (field, line) of fields checked after reading, for warnings at the right line
    lines: tuple[tuple[str, int], ...] = field(default=(), compare=False, repr=False)

    @property
    def anchor(self) -> str:
        """The HTML id of the person's card on their page."""
        return f"speaker-{self.id}"

    @property
    def display_name(self) -> str:
        """Link text of a reference to the person."""
        return self.name or self.id


@dataclass(frozen=True)
class Event(_FieldLines):
    """A conference (``{event}`` directive)."""

    id: str
    docname: str
    lineno: int = field(compare=False, repr=False)
    name: str
    start: dt.date | None = None
    end: dt.date | None = None
    venue: str = ""
    city: str = ""
    country: str = ""
    url: str = ""
    timezone: str = ""
    tracks: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    summary: str = ""
    series: str = ""
    #: (field, line) of fields checked after reading, for warnings at the right line
    lines: tuple[tuple[str, int], ...] = field(default=(), compare=False, repr=False)

    @property
    def anchor(self) -> str:
        """The HTML id of the event's block on its page."""
        return f"event-{self.id}"

    @property
    def display_name(self) -> str:
        """Link text of a reference to the event."""
        return self.name or self.id

    @property
    def year(self) -> int | None:
        """The year the event starts in."""
        return self.start.year if self.start else None


@dataclass(frozen=True)
class Session(_FieldLines):
    """A talk, workshop or other session of an event (``{session}`` directive)."""

    id: str
    docname: str
    lineno: int = field(compare=False, repr=False)
    title: str
    event: str = ""
    speakers: tuple[str, ...] = ()
    track: str = ""
    type: str = ""
    start: dt.datetime | None = None
    duration: int | None = None  # minutes
    room: str = ""
    language: str = ""
    tags: tuple[str, ...] = ()
    slides: str = ""
    video: str = ""
    abstract: str = ""  # plain-text summary of the abstract
    status: str = ""
    #: (field, line) of fields checked after reading, for warnings at the right line
    lines: tuple[tuple[str, int], ...] = field(default=(), compare=False, repr=False)

    @property
    def anchor(self) -> str:
        """The HTML id of the session's block on its page."""
        return "session-" + self.id.replace("/", "-")

    @property
    def display_name(self) -> str:
        """Link text of a reference to the session."""
        return self.title or self.id

    @property
    def end(self) -> dt.datetime | None:
        """When the session ends, where start and duration are known."""
        if self.start is None or self.duration is None:
            return None
        return self.start + dt.timedelta(minutes=self.duration)

    @property
    def day(self) -> dt.date | None:
        """The day the session takes place, where known."""
        return self.start.date() if self.start else None


@dataclass(frozen=True)
class ScheduleChange:
    """What a re-import found changed about one session (``{schedule-change}`` directive).

    ``kinds`` are among :data:`sphinx_conference.core.changes.KINDS`; the ``was_*`` fields
    say what the session was before (empty when that did not change).
    """

    session: str
    docname: str
    lineno: int = field(compare=False, repr=False)
    date: dt.date = dt.date(1970, 1, 1)
    kinds: tuple[str, ...] = ()
    was_start: dt.datetime | None = None
    was_room: str = ""
    was_title: str = ""
    was_speakers: tuple[str, ...] = ()

    @property
    def event(self) -> str:
        """The id of the session's event (the part of its id before '/')."""
        return self.session.partition("/")[0]


@dataclass(frozen=True)
class Post:
    """A post: a page under the posts folder with a ``date`` in its front matter."""

    docname: str
    title: str
    date: dt.date
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    summary: str = ""
    image: str = ""
    draft: bool = False
    words: int = field(default=0, compare=False, repr=False)

    @property
    def reading_time(self) -> int:
        """Minutes to read, at 230 words a minute, at least one."""
        return max(1, round(self.words / 230))


@dataclass(frozen=True)
class PageTags:
    """Tags given to a page by front matter or the ``{tags}`` directive."""

    docname: str
    title: str
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Query:
    """The filters of one list placeholder (``{session-list}`` and friends)."""

    kind: str  # "sessions", "speakers" or "posts"
    event: str = ""
    speaker: str = ""
    track: str = ""
    tag: str = ""
    type: str = ""
    author: str = ""
    limit: int = 0
    extra: tuple[tuple[str, str], ...] = field(default=())


def block_timezone(session: Session, event: Event | None) -> str:
    """The time zone a session's block gives its time in: its event's, on the event's own page."""
    return event.timezone if event is not None and event.docname == session.docname else ""
