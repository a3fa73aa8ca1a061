"""One description of every directive option and front-matter field, and the rules that read them.

Each option of each directive, and each key of a post's front matter, is
described once here: its name, what it is (for messages), its parser (from
:mod:`.validation`), whether it is required, whether it is plain text, its
list separator and an example.  :func:`read` applies a description to the raw
text of one directive and returns the parsed values and the problems, each
tied to the field it is about, so that the caller can put it at the field's
own line.

Readers of these descriptions: the directives (their ``option_spec`` and the
parsing in ``run()``), the front-matter reader, ``check``, ``new`` (which
writes field lists) and the importers' writer.  So the build and ``check``
report the same problems in the same words, and what ``new`` writes is what
the directives read.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sphinx_conference.core import validation as v
from sphinx_conference.core.config import DEFAULT_SESSION_TYPES
from sphinx_conference.core.model import Event, Person, ScheduleChange, Session

# -- message templates ------------------------------------------------------------------

MARKUP = "plain text expected, got markup {value!r}; it is shown as text, not rendered"
REQUIRED = "this field is required and is missing or empty"
END_BEFORE_START = "the event ends ({end}) before it starts ({start})"
SESSION_EVENT_MISMATCH = (
    "the session id {sid!r} starts with event {id_event!r} but the field names "
    "{event!r}; a session id is '<event-id>/<slug>'"
)
POST_NEEDS_DATE = "a post needs a date, e.g. 'date: 2023-02-14' in its front matter"
POST_NEEDS_TITLE = "a post needs a title: start it with a '# Heading'"
UNKNOWN_KEY = "unknown key; expected one of date, authors, tags, summary, image, draft"
NOT_BOOLEAN = "expected true or false, got {value!r}"


def field_message(directive: str, name: str, message: str) -> str:
    """A directive's warning about field ``name`` (the argument is named as the directive)."""
    return f"{{{directive}}} field {name!r}: {message}"


def key_message(key: str, message: str) -> str:
    """A front-matter warning about ``key``."""
    return f"front matter {key!r}: {message}"


def markup_message(value: str) -> str:
    """Markup in a plain-text field or tag."""
    return MARKUP.format(value=value)


# -- what a rule is given and what it finds ----------------------------------------------


@dataclass(frozen=True)
class Context:
    """What the rules need from the site and the page."""

    session_types: tuple[str, ...] = DEFAULT_SESSION_TYPES
    #: the project's source folder (images are checked inside it); None skips file checks
    srcdir: Path | None = None
    #: the page's path relative to ``srcdir``, posix (relative image paths start there)
    docpath: str = ""
    #: values left unchecked (``check`` reports ``[TODO: ...]`` placeholders on their own)
    skip: Callable[[str], bool] = field(default=lambda text: False)


@dataclass(frozen=True)
class Problem:
    """One problem with one field (``field`` is the directive's name for its argument)."""

    field: str
    message: str
    subtype: str


# -- parsers that need the context -------------------------------------------------------

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg", ".avif"})
_SUFFIXES_TEXT = ", ".join(sorted(IMAGE_SUFFIXES))


def project_path(raw: str, ctx: Context) -> tuple[str, Path | None]:
    """``raw`` as (path relative to the project, absolute path); it may lie outside.

    ``raw`` is relative to the page, or to the project when it starts with ``/``.
    """
    text = raw.strip()
    base = posixpath.dirname(ctx.docpath)
    rel = posixpath.normpath(
        text.lstrip("/") if text.startswith("/") else posixpath.join(base, text)
    )
    full = (ctx.srcdir / rel).resolve() if ctx.srcdir is not None else None
    return rel, full


def _inside(rel: str, full: Path | None, ctx: Context) -> bool:
    if rel.startswith("../") or rel == "..":
        return False
    return full is None or ctx.srcdir is None or full.is_relative_to(ctx.srcdir.resolve())


def parse_photo(raw: str, ctx: Context) -> str:
    """A person's photo: an https URL, or an image file inside the project (a project path)."""
    text = raw.strip()
    if "://" in text or text.startswith(("data:", "javascript:")):
        try:
            url = v.parse_url(text)
        except v.FieldError as err:
            raise v.FieldError(str(err), "photo") from None
        if not url.startswith("https://"):
            raise v.FieldError(f"a remote photo must use https, got {raw!r}", "photo")
        return url
    rel, full = project_path(text, ctx)
    if not _inside(rel, full, ctx):
        raise v.FieldError(
            "the photo must be a file inside the project (e.g. '../_static/people/<id>.jpg'), "
            f"got {raw!r}",
            "photo",
        )
    if posixpath.splitext(rel)[1].lower() not in IMAGE_SUFFIXES:
        raise v.FieldError(f"expected an image file ({_SUFFIXES_TEXT}), got {raw!r}", "photo")
    if full is not None and not full.is_file():
        raise v.FieldError(f"no such file {raw!r} (relative to this page)", "photo")
    return rel


def parse_image(raw: str, ctx: Context) -> str:
    """A post's image: an https URL, or an image file inside the project (a project path)."""
    text = raw.strip()
    if re.match(r"^[a-zA-Z][\w+.-]*:", text):
        url = v.parse_url(text)
        if not url.startswith("https://"):
            raise v.FieldError(
                f"a remote image must use https, e.g. 'https://example.org/a.png', got {raw!r}",
                "url",
            )
        return url
    rel, full = project_path(text, ctx)
    if not _inside(rel, full, ctx):
        raise v.FieldError(
            f"the image must be a file inside the project, e.g. '/_static/cover.png', got {raw!r}",
            "photo",
        )
    suffix = posixpath.splitext(rel)[1].lower()
    if suffix not in IMAGE_SUFFIXES or (full is not None and not full.is_file()):
        raise v.FieldError(
            f"expected an existing image file ({_SUFFIXES_TEXT}), got {raw!r}", "photo"
        )
    return rel


def parse_limit(raw: str) -> int:
    """A list's ``:limit:``: a whole number of items."""
    if not raw.strip().isdigit() or int(raw) < 1:
        raise v.FieldError(f"expected a whole number of items, e.g. '5', got {raw!r}", "field")
    return int(raw)


def parse_boolean(raw: Any) -> bool:
    """``true`` or ``false`` (YAML booleans as they are)."""
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in {"true", "false"}:
        return text == "true"
    raise v.FieldError(NOT_BOOLEAN.format(value=raw), "field")


def _slug(what: str) -> Callable[[str, Context], str]:
    return lambda raw, ctx: v.parse_slug(raw, what=what)


def _choice(choices: Iterable[str], what: str) -> Callable[[str, Context], str]:
    allowed = tuple(choices)
    return lambda raw, ctx: v.choice(raw, allowed, what=what)


def _session_type(raw: str, ctx: Context) -> str:
    return v.choice(raw, ctx.session_types, what="session type")


def _plain(parse: Callable[[str], Any]) -> Callable[[str, Context], Any]:
    return lambda raw, ctx: parse(raw)


# -- field descriptions ------------------------------------------------------------------

Parser = Callable[[str, Context], Any]


@dataclass(frozen=True)
class Field:
    """One directive option or front-matter key."""

    name: str
    #: what it is, for messages and help ("the event's first day")
    what: str
    #: the parser of its text (of each item, for a list); None for text
    parse: Parser | None = None
    required: bool = False
    #: plain text: markup in it is shown as text, with a warning
    plain: bool = False
    #: a list, split on this separator
    separator: str | None = None
    #: an example value, for help and for what ``new`` writes
    example: str = ""
    #: an option without a value (``:hide-speakers:``)
    flag: bool = False
    #: the value when the field is absent or empty
    default: Any = None
    #: the value when the field is given but invalid (``default`` when not set)
    invalid: Any = ...
    #: the values it accepts, when they are a fixed list (for the reference)
    choices: tuple[str, ...] = ()

    def hint(self) -> str:
        """``:name:`` with its example, for the comments ``new`` writes."""
        return f":{self.name}:" + (f" (e.g. {self.example})" if self.example else "")


@dataclass(frozen=True)
class Directive:
    """A directive: its id argument and its options."""

    name: str
    #: the parser of its id argument (None: the directive takes no id)
    argument: Callable[[str], str] | None
    fields: tuple[Field, ...]
    #: rules over several fields: (values, raw options) -> problems
    cross: Callable[[dict[str, Any], Mapping[str, Any]], list[Problem]] | None = None
    #: whether it takes a body (a bio, an abstract, an event's text)
    has_content: bool = False
    #: what it does, in one sentence (for the reference)
    summary: str = ""
    #: what its argument is (for the reference; "" when it takes none)
    argument_what: str = ""
    #: what its body is (for the reference; "" when it takes none)
    content_what: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        """The option names, in the order authors are shown them."""
        return tuple(f.name for f in self.fields)

    def field(self, name: str) -> Field:
        """The description of option ``name``."""
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)


@dataclass
class Reading:
    """What :func:`read` made of one directive: the argument, the values and the problems."""

    argument: str | None
    values: dict[str, Any]
    problems: list[Problem]


def _blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def read_field(f: Field, raw: Any, ctx: Context, problems: list[Problem]) -> Any:
    """The value of field ``f`` from ``raw`` (None when absent); problems are appended."""
    if f.flag:
        return raw is not None
    if f.required and _blank(raw):
        problems.append(Problem(f.name, REQUIRED, "required"))
    if f.separator is not None:
        items = v.split_list(raw, f.separator)
        out = []
        for item in items:
            if f.parse is None:
                if f.plain and v.has_markup(item):
                    problems.append(Problem(f.name, markup_message(item), "markup"))
                out.append(item)
                continue
            if ctx.skip(item):
                continue
            try:
                out.append(f.parse(item, ctx))
            except v.FieldError as err:
                problems.append(Problem(f.name, str(err), err.subtype))
        return tuple(out)
    if f.parse is None:
        if raw is None:
            return f.default if f.default is not None else ""
        value = v.clean_text(str(raw))
        if f.plain and value and v.has_markup(value):
            problems.append(Problem(f.name, markup_message(value), "markup"))
        return value
    if _blank(raw):
        return f.default
    if ctx.skip(str(raw)):
        return f.default
    try:
        return f.parse(raw if isinstance(raw, str) else str(raw), ctx)
    except v.FieldError as err:
        problems.append(Problem(f.name, str(err), err.subtype))
        return f.default if f.invalid is ... else f.invalid


def read(
    spec: Directive, argument: str, options: Mapping[str, Any], ctx: Context | None = None
) -> Reading:
    """Apply ``spec`` to a directive's argument and options (as MyST gives them)."""
    ctx = ctx or Context()
    problems: list[Problem] = []
    arg: str | None = ""
    if spec.argument is not None:
        try:
            arg = spec.argument(argument)
        except v.FieldError as err:
            return Reading(None, {}, [Problem(spec.name, str(err), err.subtype)])
    values = {f.name: read_field(f, options.get(f.name), ctx, problems) for f in spec.fields}
    values["_argument"] = arg
    if spec.cross is not None:
        problems.extend(spec.cross(values, options))
    values.pop("_argument")
    return Reading(arg, values, problems)


def _event_cross(values: dict[str, Any], options: Mapping[str, Any]) -> list[Problem]:
    start, end = values.get("start"), values.get("end")
    if start and end and end < start:
        values["end"] = None
        return [Problem("end", END_BEFORE_START.format(start=start, end=end), "range")]
    return []


def _session_cross(values: dict[str, Any], options: Mapping[str, Any]) -> list[Problem]:
    sid = values["_argument"]
    id_event = sid.partition("/")[0]
    event = values.get("event") or id_event
    values["event"] = event
    if event != id_event:
        message = SESSION_EVENT_MISMATCH.format(sid=sid, id_event=id_event, event=event)
        return [Problem("event", message, "reference")]
    return []


def _list_query(kind_fields: tuple[Field, ...]) -> tuple[Field, ...]:
    return (
        *kind_fields,
        Field("limit", "how many items at most (a whole number)", _plain(parse_limit), default=0),
    )


def _choice_field(
    name: str, what: str, choices: tuple[str, ...], default: str, message: str
) -> Field:
    """A field whose value is one of ``choices`` (``message`` names it in warnings)."""
    return Field(name, what, _choice(choices, message), default=default, choices=choices)


def _id_filter(name: str, example: str, what: str) -> Field:
    return Field(
        name,
        what,
        _slug(f"{name} id"),
        example=example,
        default="",
        invalid="\x00invalid",
    )


def _text_filter(name: str, what: str) -> Field:
    return Field(name, what)


_TAGS = Field(
    "tags", "tags, separated by ','", plain=True, separator=",", example="Security, Community"
)

SPEAKER = Directive(
    "speaker",
    lambda raw: v.parse_slug(raw, what="speaker id"),
    (
        Field("name", "the person's name", required=True, plain=True, example="Ada Lovelace"),
        Field("role", "their role or job title", plain=True, example="Analyst"),
        Field("org", "their organisation", plain=True, example="Analytical Engine Society"),
        Field(
            "photo",
            "a photo in the project or an https URL",
            parse_photo,
            example="../_static/people/<id>.jpg",
            default="",
        ),
        Field(
            "links",
            "links, separated by ','",
            _plain(v.parse_url),
            separator=",",
            example="https://example.org/me",
        ),
        _TAGS,
        Field(
            "aliases",
            "other spellings of the name, separated by ',' (shown as 'Also known as'; "
            "importers match them, references still use the id)",
            plain=True,
            separator=",",
            example="Ada King, A. A. Lovelace",
        ),
    ),
    has_content=True,
    summary="Defines a person (a speaker or an author) on their page and shows their card; "
    "the page then lists every session and post of the person.",
    argument_what="the person's id, unique on the site (e.g. ada-lovelace)",
    content_what="their biography (MyST); its first paragraph is their summary",
)

SPEAKER_CARD = Directive(
    "speaker-card",
    lambda raw: v.parse_slug(raw, what="speaker id"),
    (Field("compact", "a smaller card: photo, name and role only", flag=True),),
    summary="Shows the card of a person defined anywhere on the site, linked to their page.",
    argument_what="the person's id",
)

EVENT = Directive(
    "event",
    lambda raw: v.parse_slug(raw, what="event id"),
    (
        Field("name", "the event's name", required=True, plain=True, example="PyCon 2027"),
        Field("start", "the first day", _plain(v.parse_date), required=True, example="2027-05-12"),
        Field("end", "the last day", _plain(v.parse_date), example="2027-05-14"),
        Field("venue", "the venue", plain=True),
        Field("city", "the city", plain=True),
        Field(
            "country",
            "the country, an ISO 3166-1 alpha-2 code",
            _plain(v.parse_country),
            example="GB",
            default="",
        ),
        Field("url", "the event's website", _plain(v.parse_url), default=""),
        Field(
            "timezone",
            "the IANA time zone of its times (default: conference_default_timezone)",
            _plain(v.parse_timezone),
            example="Europe/London",
            default="",
        ),
        Field(
            "tracks",
            "tracks, separated by ';'",
            plain=True,
            separator=";",
            example="Security; Platform",
        ),
        _TAGS,
        Field(
            "series",
            "the id of the series the event is an edition of (its name and description come "
            "from conference_series; a series page lists its editions)",
            _slug("series id"),
            example="pycon",
            default="",
        ),
        Field("hide-speakers", "no speaker list under the event", flag=True),
    ),
    cross=_event_cross,
    has_content=True,
    summary="Defines an event (a conference, a meetup) and shows its dates, place, tracks, "
    "tags and a grid of its speakers.",
    argument_what="the event's id, unique on the site (e.g. pycon-2027)",
    content_what="its description (MyST)",
)

SESSION = Directive(
    "session",
    v.parse_session_id,
    (
        Field("title", "the session's title", required=True, plain=True),
        Field(
            "event",
            "the event's id (default: the part of the session id before '/')",
            _slug("event id"),
            default="",
        ),
        Field(
            "speakers",
            "speaker ids, separated by ','",
            _slug("speaker id"),
            separator=",",
            example="ada-lovelace",
        ),
        Field("track", "one of the event's tracks", plain=True),
        Field(
            "type",
            "the session type (one of conference_session_types)",
            _session_type,
            example="talk",
            default="",
        ),
        Field(
            "start",
            "when it starts, in the event's time zone",
            _plain(v.parse_datetime),
            example="YYYY-MM-DD HH:MM",
        ),
        Field(
            "duration",
            "how long it lasts: minutes, H:MM or PT30M",
            _plain(v.parse_duration),
            example="minutes",
        ),
        Field("room", "the room", plain=True),
        Field("language", "the language it is given in", plain=True),
        _TAGS,
        Field("slides", "a link to the slides", _plain(v.parse_url), default=""),
        Field("video", "a link to the recording", _plain(v.parse_url), default=""),
        Field(
            "status",
            "'cancelled' for a session that no longer takes place: it stays on the site, "
            "marked (the importer sets it)",
            _choice(("cancelled",), "session status"),
            example="cancelled",
            default="",
            choices=("cancelled",),
        ),
    ),
    cross=_session_cross,
    has_content=True,
    summary="Defines a session of an event (a talk, a workshop, a break) and shows its speakers, "
    "time, room, tags, slides and video.",
    argument_what="<event-id>/<slug>, e.g. pycon-2027/opening-keynote",
    content_what="its abstract (MyST)",
)

#: what a {schedule-change} can record (see core.changes)
CHANGE_KINDS = ("added", "cancelled", "moved", "retitled", "speakers")

SCHEDULE_CHANGE = Directive(
    "schedule-change",
    v.parse_session_id,
    (
        Field(
            "date",
            "the day the change was imported",
            _plain(v.parse_date),
            required=True,
            example="2027-05-01",
        ),
        Field(
            "change",
            "what changed, separated by ',': " + ", ".join(CHANGE_KINDS),
            _choice(CHANGE_KINDS, "kind of change"),
            required=True,
            separator=",",
            example="moved, retitled",
            choices=CHANGE_KINDS,
        ),
        Field(
            "was-start",
            "when a moved session started before",
            _plain(v.parse_datetime),
            example="YYYY-MM-DD HH:MM",
        ),
        Field("was-room", "the room of a moved session before", plain=True),
        Field("was-title", "the title of a retitled session before", plain=True),
        Field(
            "was-speakers",
            "speaker ids of the session before its speakers changed, separated by ','",
            _slug("speaker id"),
            separator=",",
            example="ada-lovelace",
        ),
    ),
    summary="Records what a re-import of the event's schedule found changed about a session "
    "(written by the importer into the event's changes.md); the event page lists the changes "
    "and the session shows badges.",
    argument_what="the session's id, <event-id>/<slug>",
)

GROUPS = ("track", "day", "type", "event")
LAYOUTS = ("cards", "table", "agenda", "grid")
SWITCHES = ("on", "off")
WHEN = ("upcoming", "past", "all")

SESSION_LIST = Directive(
    "session-list",
    None,
    _list_query(
        (
            _id_filter("event", "pycon-2027", "only sessions of this event (its id)"),
            _id_filter("speaker", "ada-lovelace", "only sessions of this person (their id)"),
            _text_filter("track", "only sessions of this track"),
            _text_filter("tag", "only sessions with this tag"),
            Field(
                "type",
                "only sessions of this type (one of conference_session_types)",
                _session_type,
                default="",
            ),
            _choice_field(
                "group-by",
                "sessions in sections by track, day, type or event",
                GROUPS,
                "",
                "grouping",
            ),
            _choice_field(
                "layout",
                "cards; a table; an agenda by day and time; or a grid of rooms by time per day "
                "(a list on phones)",
                LAYOUTS,
                "cards",
                "layout",
            ),
            _choice_field(
                "filter",
                "the in-page filter by track, tag, type and text, kept in the URL (shown for "
                "two or more sessions)",
                SWITCHES,
                "on",
                "filter switch",
            ),
        )
    ),
    summary="Lists sessions of the whole site, filtered, grouped and laid out as cards, a "
    "table, an agenda or a schedule grid.",
)

SPEAKER_LIST = Directive(
    "speaker-list",
    None,
    _list_query(
        (
            _id_filter("event", "pycon-2027", "only people who speak at this event (its id)"),
            _text_filter("tag", "only people with this tag"),
        )
    ),
    summary="A grid of speaker cards, filtered by event and tag.",
)

POST_LIST = Directive(
    "post-list",
    None,
    _list_query(
        (
            _text_filter("tag", "only posts with this tag"),
            _id_filter("author", "ada-lovelace", "only posts by this person (their id)"),
        )
    ),
    summary="Lists posts, newest first (drafts and future posts left out), filtered by tag "
    "and author.",
)

EVENT_LIST = Directive(
    "event-list",
    None,
    _list_query(
        (
            _choice_field(
                "when",
                "upcoming (soonest first), past (newest first) or all events, relative to the "
                "build's today",
                WHEN,
                "all",
                "'when' filter",
            ),
            _text_filter("tag", "only events with this tag"),
            _choice_field("group-by", "events in sections by year", ("year",), "", "grouping"),
        )
    ),
    summary="Lists events: upcoming ones soonest first, past ones newest first.",
)

#: every directive of the extension that takes options, by name
DIRECTIVES: dict[str, Directive] = {
    d.name: d
    for d in (
        SPEAKER,
        SPEAKER_CARD,
        EVENT,
        SESSION,
        SESSION_LIST,
        SPEAKER_LIST,
        POST_LIST,
        EVENT_LIST,
        SCHEDULE_CHANGE,
    )
}


# -- front matter ------------------------------------------------------------------------

#: the keys of a post's front matter that the extension reads
POST_FIELDS: tuple[Field, ...] = (
    Field("date", "the post's date", _plain(v.parse_date), example="2023-02-14"),
    Field(
        "authors",
        "author ids, separated by ','",
        _slug("author id"),
        separator=",",
        example="grace-hopper",
    ),
    Field("tags", "tags, separated by ','", plain=True, separator=",", example="Security"),
    Field("summary", "a one-line summary for lists and feeds", plain=True),
    Field("image", "a cover image in the project or an https URL", parse_image, default=""),
    Field(
        "draft",
        "true while the post is not ready",
        lambda raw, ctx: parse_boolean(raw),
        default=False,
    ),
)

#: front-matter keys of Sphinx, MyST and other tools that a post may carry
OTHER_KEYS = frozenset(
    {
        "author",
        "title",
        "orphan",
        "nosearch",
        "tocdepth",
        "html_meta",
        "myst",
        "jupytext",
        "kernelspec",
        "wordcount",
        "file_format",
        "og:description",
        "og:image",
        "hide-toc",
        "layout",
        "updated",
    }
)
KNOWN_KEYS = frozenset({f.name for f in POST_FIELDS}) | OTHER_KEYS


def read_post(
    meta: Mapping[str, Any], title: str, ctx: Context | None = None
) -> tuple[dict[str, Any] | None, list[Problem]]:
    """A post's front matter (as YAML gives it): its values and problems.

    The values are None when it is no post (it has no valid date); each problem is
    tied to its key.  A missing date is the only problem reported then (the page may
    not be meant as a post); with an invalid one, every other key is checked too.
    """
    ctx = ctx or Context()
    problems: list[Problem] = []
    if "date" not in meta:
        return None, [Problem("date", POST_NEEDS_DATE, "required")]
    fields = {f.name: f for f in POST_FIELDS}
    raw = dict(meta)
    if "authors" not in raw and "author" in raw:
        raw["authors"] = raw["author"]
    values = {name: read_field(f, raw.get(name), ctx, problems) for name, f in fields.items()}
    for key in sorted(str(k) for k in meta if str(k) not in KNOWN_KEYS):
        if not key.startswith(("conference_", "myst")):
            problems.append(Problem(key, UNKNOWN_KEY, "field"))
    if not title:
        problems.append(Problem("title", POST_NEEDS_TITLE, "required"))
    if values["date"] is None:  # every problem is reported, but an undated page is no post
        return None, problems
    return values, problems


def page_tags(meta: Mapping[str, Any], problems: list[Problem] | None = None) -> list[str]:
    """The tags of a page's front matter; markup in one is a problem when ``problems`` is given."""
    f = POST_FIELDS[2]
    found: list[Problem] = []
    tags = list(read_field(f, meta.get("tags"), Context(), found))
    if problems is not None:
        problems.extend(found)
    return tags


def option_line(spec: Directive, name: str, value: Any) -> str:
    """``:name: value`` and a newline for option ``name`` of ``spec`` ("" when empty).

    A list is joined by the field's separator.  An option the directive does not
    describe is a ``KeyError``: what ``new`` and the importers write is what the
    directives read.
    """
    f = spec.field(name)
    if isinstance(value, (list, tuple)):
        value = f"{f.separator or ','} ".join(str(item) for item in value)
    text = "" if value is None else str(value).strip()
    return f":{name}: {text}\n" if text else ""


# -- the {tags} directive ----------------------------------------------------------------

#: ``{tags}``, the directive of sphinx-tags that the extension takes over; it has no
#: options, so it is not among :data:`DIRECTIVES` (which the directives read options by)
TAGS = Directive(
    "tags",
    None,
    (),
    has_content=True,
    summary="Shows a page's tags as badges linked to their tag pages and adds them to the "
    "page's tags (the syntax of sphinx-tags).",
    argument_what="tags, separated by ','",
    content_what="more tags, separated by ','",
)

NO_TAGS = "{tags}: no tags given; expected a comma-separated list, e.g. 'Security, Community'"


def read_tags(raw: str) -> tuple[list[str], list[Problem]]:
    """The tags of a ``{tags}`` directive (argument and content joined by ``,``)."""
    tags = v.split_list(raw)
    if not tags:
        return [], [Problem("tags", NO_TAGS, "required")]
    problems = [
        Problem("tags", f"{{tags}}: {markup_message(tag)}", "markup")
        for tag in tags
        if v.has_markup(tag)
    ]
    return tags, problems


# -- records from what was read ------------------------------------------------------------


def to_record(
    kind: str,
    ident: str,
    values: Mapping[str, Any],
    *,
    docname: str,
    lineno: int,
    lines: tuple[tuple[str, int], ...] = (),
    summary: str = "",
    default_timezone: str = "",
) -> Person | Event | Session:
    """The record of a ``{speaker}``, ``{event}`` or ``{session}`` from :func:`read`'s values."""
    o = values
    if kind == "speaker":
        return Person(
            id=ident,
            docname=docname,
            lineno=lineno,
            name=o["name"] or ident,
            role=o["role"],
            org=o["org"],
            photo=o["photo"],
            links=o["links"],
            tags=o["tags"],
            bio=summary,
            aliases=o["aliases"],
            lines=lines,
        )
    if kind == "event":
        return Event(
            id=ident,
            docname=docname,
            lineno=lineno,
            name=o["name"] or ident,
            start=o["start"],
            end=o["end"] or o["start"],
            venue=o["venue"],
            city=o["city"],
            country=o["country"],
            url=o["url"],
            timezone=o["timezone"] or default_timezone,
            tracks=o["tracks"],
            tags=o["tags"],
            summary=summary,
            series=o["series"],
            lines=lines,
        )
    if kind == "session":
        return Session(
            id=ident,
            docname=docname,
            lineno=lineno,
            title=o["title"] or ident,
            event=o["event"],
            speakers=o["speakers"],
            track=o["track"],
            type=o["type"],
            start=o["start"],
            duration=o["duration"],
            room=o["room"],
            language=o["language"],
            tags=o["tags"],
            slides=o["slides"],
            video=o["video"],
            abstract=summary,
            status=o["status"],
            lines=lines,
        )
    raise ValueError(kind)


def to_change(
    ident: str, values: Mapping[str, Any], *, docname: str, lineno: int
) -> ScheduleChange | None:
    """The record of a ``{schedule-change}`` from :func:`read`'s values (None without a date)."""
    if values["date"] is None or not values["change"]:
        return None
    return ScheduleChange(
        session=ident,
        docname=docname,
        lineno=lineno,
        date=values["date"],
        kinds=tuple(dict.fromkeys(values["change"])),
        was_start=values["was-start"],
        was_room=values["was-room"],
        was_title=values["was-title"],
        was_speakers=values["was-speakers"],
    )


#: the fields whose lines a record keeps, for warnings after reading
RECORD_LINES = {
    "speaker": ("tags", "aliases"),
    "event": ("tags", "series"),
    "session": ("event", "track", "speakers", "tags"),
}


# -- roles ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Role:
    """A role of the extension, for the reference."""

    name: str
    what: str
    example: str


#: every role the extension registers (``speaker``, ``event`` and ``session`` also as
#: ``conference:speaker`` and so on, the roles of the ``conference`` domain)
ROLES: tuple[Role, ...] = (
    Role(
        "speaker",
        "a link to a person's page, with their name as its text; an unknown id is a "
        "conference.reference warning",
        "{speaker}`ada-lovelace`, {speaker}`Ada <ada-lovelace>`",
    ),
    Role(
        "event",
        "a link to an event, with its name as its text",
        "{event}`pycon-2027`",
    ),
    Role(
        "session",
        "a link to a session, with its title as its text",
        "{session}`pycon-2027/opening-keynote`",
    ),
    Role("tag", "a link to a tag's page, with the tag as its text", "{tag}`Security`"),
)


def is_post_path(docname: str, dirs: list[str]) -> bool:
    """Whether ``docname`` lies under one of the post folders (and is not a folder index)."""
    if docname.endswith("index"):
        return False
    return any(docname.startswith(d.rstrip("/") + "/") for d in dirs)
