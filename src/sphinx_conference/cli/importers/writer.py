"""Pages from a normalised schedule: the event page, session pages and people pages.

Layout, under the events folder given with ``--into`` (``events/`` by default)::

    events/<year>/<event-id>/index.md     the {event} (facts, tracks, speakers), the agenda
    events/<year>/<event-id>/<slug>.md    one page per session, for large events only
    people/<person-id>.md                 one page per person: the {speaker}, which lists
                                          their sessions at every event

**The large-event rule**: an event with more than :data:`LARGE_EVENT` (40) sessions gets one
page per session; a smaller one keeps all its sessions on the event page, where each is an
anchor.  ``session_pages="always"`` or ``"never"`` overrides the rule.

**Ids** are slugs (``[a-z0-9]+(-[a-z0-9]+)*``).  A session id is ``<event-id>/<slug of its
title>``; where titles collide, the first session (by time, then room) keeps the plain slug
and the others get the source's id appended (``lightning-talks-6572``), or a number.  A
person's id is the slug of their name.  A person who already has a page (the same name, or
else the same id) keeps that page and id, so one person has one identity across events.

**People across events** (:class:`PeoplePlan`): within one schedule names are compared
exactly (:func:`.common.name_key`: "mo" and "Mo" are two people at Camp 2019).  Against the
people already on the site a name is also matched case-, accent- and space-insensitively
(:func:`sphinx_conference.core.names.fold`), to an existing person's name or to one of their
``:aliases:``.  An existing person matched that way by one person of the schedule is not
given to another person of the same schedule.  When several existing people match, a name
beats an alias; when that still leaves more than one, nothing is picked: the person gets a
new page and the import report warns, naming the candidates' files.

**Generated pages and hand edits**: every page written starts with a MyST comment::

    % sphinx-conference import: event=camp2019 sha256=<hash of the rest of the file>

Re-importing rewrites a page only when that hash still matches its content (nobody edited
it); a page edited by hand, or written by hand (no marker), is kept and reported, unless
``force`` is given.  Session pages of the event that the new schedule no longer has are
removed when unedited.  People pages written by another event's import, or by hand, are
reused and never rewritten.  The same file imported twice gives byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from sphinx_conference.cli.importers.common import (
    FORMATS,
    Link,
    PersonRecord,
    Report,
    Schedule,
    ScheduleError,
    SessionRecord,
    map_type,
    name_key,
)
from sphinx_conference.cli.importers.history import (
    PreviousSession,
    change_block,
    changes_page,
    compare,
    event_comment,
    import_date,
    options_of,
    read_previous,
    same_event,
    source_comment,
    source_key,
)
from sphinx_conference.cli.importers.sanitize import (
    escape_text,
    is_bare_host,
    option_value,
    quote_option,
    safe_url,
    to_markdown,
)
from sphinx_conference.core import names, rules
from sphinx_conference.core.changes import CHANGES_FILE
from sphinx_conference.core.config import DEFAULT_SESSION_TYPES
from sphinx_conference.core.slugs import slugify
from sphinx_conference.core.validation import FieldError, parse_slug

#: more sessions than this and each session gets its own page
LARGE_EVENT = 40
MARKER_RE = re.compile(
    r"^% sphinx-conference import: event=(?P<event>[a-z0-9-]+) sha256=(?P<hash>[0-9a-f]{64})\n"
)
NOTE = (
    "% Generated from a schedule by `python -m sphinx_conference import`. Importing again\n"
    "% updates this page unless it was edited: an edited page is kept (unless --force).\n"
)
RESERVED_SLUGS = {"index", "genindex", "search", "modindex"}
_SLIDES_RE = re.compile(
    r"slide|folie|deck|presentation|präsentation|praesentation|\.(odp|pptx?|key)(\?|$)", re.I
)
_VIDEO_RE = re.compile(
    r"video|recording|aufzeichnung|media\.ccc\.de|youtube\.com|youtu\.be|vimeo\.com|peertube|"
    r"\.(webm|mp4|mkv|ogv)(\?|$)",
    re.I,
)

Progress = Callable[[int, int], None]


@dataclass
class Options:
    """What to import where."""

    into: Path = Path("events")
    people: Path | None = None  # default: the events folder's sibling "people"
    event_id: str = ""
    #: the id of the series the event is an edition of ("": none)
    series: str = ""
    timezone: str = ""
    session_pages: str = "auto"  # auto | always | never
    force: bool = False
    session_types: tuple[str, ...] = DEFAULT_SESSION_TYPES
    #: the date schedule changes are recorded with (YYYY-MM-DD; default SOURCE_DATE_EPOCH
    #: or today)
    date: str = ""

    @property
    def people_dir(self) -> Path:
        """Where people pages go."""
        return self.people if self.people is not None else self.into.parent / "people"


@dataclass
class ImportResult:
    """What an import did."""

    event_id: str
    event_name: str
    format: str
    event_dir: Path
    sessions: int = 0
    session_pages: bool = False
    people: int = 0
    people_new: int = 0
    people_existing: int = 0
    tracks: int = 0
    rooms: int = 0
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: people of the schedule given an existing person by another spelling or an alias
    matched: list[str] = field(default_factory=list)
    #: the schedule changes this import recorded, one line each ("<session id>: moved")
    changes: list[str] = field(default_factory=list)
    changes_file: Path | None = None
    read_seconds: float = 0.0
    seconds: float = 0.0

    def summary(self) -> str:
        """A few lines counting what was imported and written."""
        pages = "a page each" if self.session_pages else "on the event page"
        lines = [
            f"Imported {self.event_name!r} ({self.event_id}, "
            f"{FORMATS.get(self.format, self.format)}) into {self.event_dir.as_posix()} "
            f"in {self.seconds:.2f} s:",
            f"  {self.sessions} sessions ({pages}), {self.people} people ({self.people_new} new, "
            f"{self.people_existing} with a page already), {self.tracks} tracks, "
            f"{self.rooms} rooms, {len(self.warnings)} warnings",
            f"  files: {len(self.written)} written, {len(self.unchanged)} unchanged, "
            f"{len(self.kept)} kept (edited by hand), {len(self.removed)} removed",
        ]
        if self.matched:
            lines.append(
                f"  {len(self.matched)} people matched to a person of the site by another "
                "spelling or an alias:"
            )
            lines.extend(f"    {line}" for line in self.matched)
        if self.changes and self.changes_file is not None:
            lines.append(
                f"  {len(self.changes)} schedule changes recorded in {self.changes_file.as_posix()}"
            )
        return "\n".join(lines)


# -- existing pages ---------------------------------------------------------------------------

_SPEAKER_RE = re.compile(r"^(?:`{3,}|~{3,}|:{3,})\s*\{speaker\}\s+(\S+)\s*$", re.M)
_NAME_RE = re.compile(r"^:name:[ \t]*(.*?)[ \t]*$", re.M)
_ALIASES_RE = re.compile(r"^:aliases:[ \t]*(.*?)[ \t]*$", re.M)
_EVENT_RE = re.compile(r"^(?:`{3,}|~{3,}|:{3,})\s*\{event\}\s+(\S+)\s*$", re.M)


@dataclass
class ExistingPerson:
    """A person page found in the people folder."""

    id: str
    name: str
    path: Path
    event: str  # the import that generated it ("" when written by hand)
    pristine: bool  # generated and not edited since
    aliases: tuple[str, ...] = ()  # its :aliases:, other spellings of the name


def split_marker(content: str) -> tuple[str, str, bool]:
    """``(event, body, pristine)`` of a page; event is ``""`` for a page without marker."""
    m = MARKER_RE.match(content)
    if not m:
        return "", content, False
    body = content[m.end() :]
    return (
        m.group("event"),
        body,
        hashlib.sha256(body.encode("utf-8")).hexdigest() == m.group("hash"),
    )


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    return value


def scan_people(folder: Path) -> list[ExistingPerson]:
    """Every ``{speaker}`` defined in the people folder's pages, in file order."""
    out: list[ExistingPerson] = []
    if not folder.is_dir():
        return out
    for path in sorted(folder.glob("*.md")):
        try:
            content = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        event, _, pristine = split_marker(content)
        for m in _SPEAKER_RE.finditer(content):
            rest = content[m.end() :]
            options = rest.split("\n\n", 1)[0]
            name_m = _NAME_RE.search(options)
            name = _unquote(name_m.group(1)) if name_m else ""
            aliases_m = _ALIASES_RE.search(options)
            aliases = (
                tuple(a.strip() for a in _unquote(aliases_m.group(1)).split(",") if a.strip())
                if aliases_m
                else ()
            )
            out.append(ExistingPerson(m.group(1), name, path, event, pristine, aliases))
    return out


def find_event_pages(folder: Path, event_id: str, own_dir: Path) -> list[Path]:
    """Pages outside ``own_dir`` that define event ``event_id``."""
    found: list[Path] = []
    if not folder.is_dir():
        return found
    for path in sorted(folder.rglob("*.md")):
        if own_dir in path.parents:
            continue
        try:
            content = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if "{event}" in content and any(
            m.group(1) == event_id for m in _EVENT_RE.finditer(content)
        ):
            found.append(path)
    return found


# -- planning ---------------------------------------------------------------------------------


def _session_order(s: SessionRecord) -> tuple[object, ...]:
    return (
        s.start is None,
        s.start or dt.datetime.min,
        s.room.casefold(),
        s.title.casefold(),
        s.source_id,
    )


def session_slugs(sessions: list[SessionRecord]) -> list[str]:
    """Unique slugs for sessions already in time order (see the module doc for the rule)."""
    bases = []
    for s in sessions:
        base = slugify(s.title) or "session"
        if base in RESERVED_SLUGS:
            base += "-session"
        bases.append(base)
    out: list[str] = [""] * len(bases)
    used: set[str] = set()
    for i, base in enumerate(bases):  # the first session of each title keeps the plain slug
        if base not in used:
            used.add(base)
            out[i] = base
    for i, (s, base) in enumerate(zip(sessions, bases, strict=True)):
        if out[i]:
            continue
        sid = slugify(s.source_id, 24)
        slug = f"{base}-{sid}" if sid else ""
        n = 2
        while not slug or slug in used:
            slug = f"{base}-{n}"
            n += 1
        used.add(slug)
        out[i] = slug
    return out


def series_id_for(options: Options) -> str:
    """``--series``, checked as the ``{event}`` directive reads ``:series:`` ("" when not given)."""
    if not options.series:
        return ""
    reading = rules.read(rules.EVENT, "x", {"series": options.series})
    problems = [p for p in reading.problems if p.field == "series"]
    if problems:
        raise ScheduleError(f"--series: {problems[0].message}")
    return str(reading.values["series"])


def event_id_for(schedule: Schedule, options: Options, source_name: str) -> str:
    """The event id: ``--event-id``, else the slug of the acronym, the title or the file name."""
    if options.event_id:
        try:
            eid = parse_slug(options.event_id, what="event id")
        except FieldError as err:
            raise ScheduleError(f"--event-id: {err}") from None
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", eid):
            raise ScheduleError(
                f"--event-id: expected letters, digits and '-', e.g. 'pycon-2024', got {eid!r}"
            )
        return eid
    conf = schedule.conference
    eid = slugify(conf.acronym, 40) or slugify(conf.title, 40) or slugify(source_name, 40)
    if not eid:
        raise ScheduleError(
            "no acronym, title or file name to make an event id from; pass --event-id"
        )
    return eid


class PeoplePlan:
    """Site ids of the schedule's people: existing pages are reused, new ids are unique.

    The rule, in order, for each person of the schedule (see the module doc):

    1. a name given an id already in this import (exactly, :func:`.common.name_key`), or the
       exact name of an existing person, keeps that id;
    2. else a name equal, once folded (:func:`sphinx_conference.core.names.fold`), to the
       name or an alias of existing people not yet taken by another person of this schedule:
       a name match beats an alias match; one candidate left is taken (and listed in
       :attr:`matched`), several are reported and none is taken;
    3. else a new id, the slug of the name (an existing page with that id is reused, unless
       it is taken or step 2 found the name ambiguous), made unique with ``-2``, ``-3``...
    """

    def __init__(self, existing: list[ExistingPerson]) -> None:
        self.by_name: dict[str, str] = {}
        self.existing: dict[str, ExistingPerson] = {}
        #: folded name or alias -> (existing ids by name, existing ids by alias)
        self.by_fold: dict[str, tuple[list[str], list[str]]] = {}
        for p in existing:
            if p.id in self.existing:
                continue
            self.existing[p.id] = p
            if p.name:
                self.by_name.setdefault(name_key(p.name), p.id)
                self.by_fold.setdefault(names.fold(p.name), ([], []))[0].append(p.id)
            for alias in p.aliases:
                ids = self.by_fold.setdefault(names.fold(alias), ([], []))[1]
                if p.id not in ids:
                    ids.append(p.id)
        self.assigned: dict[str, str] = {}  # site id -> the name key it was given to
        self.ids: dict[str, str] = {}  # person key -> site id
        self.keys: dict[str, str] = {}  # site id -> the first person key given it
        #: "'Jose Diaz' -> jose-diaz (people/jose-diaz.md, name 'José Díaz')" lines
        self.matched: list[str] = []

    def reserve(self, people: Iterable[PersonRecord]) -> None:
        """Give existing people first to the schedule's people who spell them exactly."""
        for person in people:
            nk = name_key(person.name)
            pid = self.by_name.get(nk)
            if pid is not None:
                self.assigned.setdefault(pid, nk)

    def _free(self, pid: str, nk: str) -> bool:
        return self.assigned.get(pid, nk) == nk

    def _folded(self, person: PersonRecord, nk: str, report: Report) -> tuple[str | None, bool]:
        """``(existing id, ambiguous)`` of a name matched insensitively (step 2)."""
        by_name, by_alias = self.by_fold.get(names.fold(person.name), ([], []))
        by_name = [pid for pid in by_name if self._free(pid, nk)]
        by_alias = [pid for pid in by_alias if self._free(pid, nk) and pid not in by_name]
        candidates = by_name or by_alias
        where = f"person {person.key.split(':', 1)[-1]!r} ({person.name})"
        if len(candidates) > 1:
            pages = ", ".join(
                f"{pid!r} ({self.existing[pid].path.as_posix()})" for pid in candidates
            )
            how = "names" if by_name else "aliases"
            report.warn(
                where,
                "name",
                f"matches the {how} of several people of the site ({pages}) once case, accents "
                "and spacing are ignored; none is picked, the person gets a page of their own "
                "(give the spelling as an alias of one of them and import again to join them)",
            )
            return None, True
        if not candidates:
            return None, False
        pid = candidates[0]
        known = self.existing[pid]
        if by_name and by_alias:
            others = ", ".join(
                f"{other!r} ({self.existing[other].path.as_posix()})" for other in by_alias
            )
            report.warn(
                where,
                "name",
                f"is the name of {pid!r} ({known.path.as_posix()}) and an alias of {others}; "
                f"the name wins: taken to be {pid!r}",
            )
        via = f"name {known.name!r}" if by_name else "an alias"
        self.matched.append(f"{person.name!r} -> {pid} ({known.path.as_posix()}, {via})")
        return pid, False

    def assign(self, person: PersonRecord, report: Report) -> str:
        """The site id of ``person``."""
        if person.key in self.ids:
            return self.ids[person.key]
        nk = name_key(person.name)
        pid = self.by_name.get(nk)
        if pid is not None and self.keys.get(pid, person.key) != person.key:
            first = self.keys[pid].split(":", 1)[-1]
            report.warn(
                f"person {person.key.split(':', 1)[-1]!r} ({person.name})",
                "name",
                f"the same name as person {first!r}: taken to be one person, with one page {pid!r}",
            )
        ambiguous = False
        if pid is None and person.name:
            pid, ambiguous = self._folded(person, nk, report)
            if pid is not None:
                self.by_name[nk] = pid
        if pid is None:
            base = slugify(person.name, 50) or "person-" + hashlib.sha1(nk.encode()).hexdigest()[:8]
            pid = base
            n = 2
            while not self._free(pid, nk) or (ambiguous and pid in self.existing):
                pid = f"{base}-{n}"
                n += 1
            self.by_name[nk] = pid
        self.assigned.setdefault(pid, nk)
        self.keys.setdefault(pid, person.key)
        self.ids[person.key] = pid
        return pid


def stable_slugs(
    sessions: list[SessionRecord], previous: dict[str, PreviousSession]
) -> tuple[list[str], dict[int, PreviousSession]]:
    """Slugs of ``sessions`` that keep the ones a previous import gave them.

    A session is the previous one with the same export id (its comment), else, for pages
    written before the comment, with the same slug.  Returns the slugs and the previous
    session of each matched index.  New sessions get new slugs, never a previous one.
    """
    fresh = session_slugs(sessions)
    if not previous:
        return fresh, {}
    by_key = {p.key: p for p in previous.values() if p.key}
    matched: dict[int, PreviousSession] = {}
    taken: set[str] = set()
    for i, s in enumerate(sessions):
        key = source_key(s.guid, s.source_id)
        before = by_key.get(key) if key else None
        if before is not None and before.slug not in taken:
            matched[i] = before
            taken.add(before.slug)
    for i, slug in enumerate(fresh):
        before = previous.get(slug)
        if i not in matched and before is not None and not before.key and slug not in taken:
            matched[i] = before
            taken.add(slug)
    used = set(previous) | taken
    out: list[str] = []
    for i, slug in enumerate(fresh):
        if i in matched:
            out.append(matched[i].slug)
            continue
        base, n = slug, 2
        while slug in used:
            slug = f"{base}-{n}"
            n += 1
        used.add(slug)
        out.append(slug)
    return out, matched


def cancelled_page(session: PreviousSession) -> str | None:
    """The body of a cancelled session's own page (None: its page was edited, so it is kept)."""
    if session.path.name == f"{session.slug}.md":
        try:
            _, body, pristine = split_marker(session.path.read_text("utf-8"))
        except (OSError, UnicodeDecodeError):
            return None
        if not pristine:
            return None
        return body.removeprefix(NOTE + "\n").replace(session.text, session.as_cancelled(), 1)
    title = _unquote(session.options.get("title", ""))
    return f"# {escape_text(title or session.slug)}\n\n{session.as_cancelled()}"


# -- rendering --------------------------------------------------------------------------------


class Renderer:
    """MyST text of each page."""

    def __init__(self, schedule: Schedule, event_id: str, report: Report, options: Options) -> None:
        self.schedule = schedule
        self.event_id = event_id
        self.report = report
        self.options = options
        self.base_url = schedule.conference.base_url or schedule.conference.url

    def option(
        self, spec: rules.Directive, where: str, name: str, value: str, source_field: str = ""
    ) -> str:
        """``:name: value`` for a one-line text option of ``spec`` ("" when empty)."""
        text, changed = option_value(value)
        if changed:
            self.report.warn(
                where, source_field or name, f"looks like markup ({value!r}); written as {text!r}"
            )
        if name == "tracks" or name == "track":
            text = text.replace(";", ",")
        return rules.option_line(spec, name, quote_option(text) if text else "")

    def url(self, where: str, name: str, raw: str) -> str:
        """A valid URL or ``""``, with a warning for one that cannot be used."""
        if not raw:
            return ""
        url = safe_url(raw, self.base_url)
        if not url:
            self.report.warn(where, name, f"{raw!r} is not an http, https or mailto URL; left out")
        elif is_bare_host(raw) or any(ch.isspace() for ch in raw.strip()):
            # a URL relative to the schedule's base_url is normal; these are not
            self.report.warn(where, name, f"{raw!r} is not a complete URL; read as {url!r}")
        return url

    def markdown(self, where: str, name: str, raw: str) -> str:
        """Sanitised Markdown of an untrusted text."""
        md, problem = to_markdown(raw, self.base_url)
        if problem:
            self.report.warn(
                where,
                name,
                f"markup that could not be made safe ({problem}); imported as plain text",
            )
        return md

    def event_page(
        self,
        sessions: list[SessionRecord],
        slugs: list[str],
        speakers: list[list[str]],
        split: bool,
        blocks: list[str] | None = None,
        kept: Iterable[str] = (),
    ) -> str:
        """The event's page; ``kept``: blocks of cancelled sessions the schedule no longer has."""
        conf = self.schedule.conference
        eid = self.event_id
        raw_name = conf.title or conf.acronym or eid
        name = option_value(raw_name)[0] or eid
        out = [
            f"# {escape_text(name)}\n\n",
            event_comment(source_key(conf.acronym, "")),
            f":::{{event}} {eid}\n",
        ]
        out.append(self.option(rules.EVENT, "conference", "name", raw_name, "title"))
        if conf.start:
            out.append(rules.option_line(rules.EVENT, "start", conf.start.isoformat()))
        if conf.end and conf.end != conf.start:
            out.append(rules.option_line(rules.EVENT, "end", conf.end.isoformat()))
        out.append(self.option(rules.EVENT, "conference", "venue", conf.venue))
        out.append(self.option(rules.EVENT, "conference", "city", conf.city))
        url = self.url("conference", "url", conf.url)
        if url:
            out.append(rules.option_line(rules.EVENT, "url", url))
        if conf.timezone:
            out.append(rules.option_line(rules.EVENT, "timezone", conf.timezone))
        if conf.tracks:
            tracks = "; ".join(option_value(t)[0].replace(";", ",") for t in conf.tracks)
            out.append(rules.option_line(rules.EVENT, "tracks", quote_option(tracks)))
        if self.options.series:
            out.append(rules.option_line(rules.EVENT, "series", self.options.series))
        out.append(":::\n\n")
        out.append("## Programme\n\n:::{session-list}\n")
        out.append(rules.option_line(rules.SESSION_LIST, "event", eid))
        out.append(rules.option_line(rules.SESSION_LIST, "layout", "agenda") + ":::\n")
        kept = list(kept)
        if not split and (sessions or kept):
            out.append("\n## Sessions\n")
            if blocks is None:
                blocks = [
                    self.session_block(s, slug, ids)
                    for s, slug, ids in zip(sessions, slugs, speakers, strict=True)
                ]
            for block in [*blocks, *kept]:
                out.append("\n")
                out.append(block)
        # (the {event} shows the grid of its speakers itself)
        return "".join(out)

    def session_page(
        self, s: SessionRecord, slug: str, ids: list[str], block: str | None = None
    ) -> str:
        """A session's own page."""
        title = option_value(s.title)[0] or f"Untitled session {s.source_id}"
        block = self.session_block(s, slug, ids) if block is None else block
        return f"# {escape_text(title)}\n\n{block}"

    def session_block(self, s: SessionRecord, slug: str, speaker_ids: list[str]) -> str:
        """The ``{session}`` directive of a session."""
        where = s.label
        title = s.title or f"Untitled session {s.source_id}"
        out = [
            source_comment(source_key(s.guid, s.source_id)),
            f":::{{session}} {self.event_id}/{slug}\n",
            self.option(rules.SESSION, where, "title", title),
        ]
        out.append(rules.option_line(rules.SESSION, "event", self.event_id))
        if speaker_ids:
            out.append(rules.option_line(rules.SESSION, "speakers", speaker_ids))
        out.append(self.option(rules.SESSION, where, "track", s.track))
        kind, original = map_type(s.type, self.options.session_types, s.title)
        if kind:
            out.append(rules.option_line(rules.SESSION, "type", kind))
        if s.start:
            out.append(rules.option_line(rules.SESSION, "start", f"{s.start:%Y-%m-%d %H:%M}"))
        if s.duration:
            out.append(rules.option_line(rules.SESSION, "duration", s.duration))
        out.append(self.option(rules.SESSION, where, "room", s.room))
        out.append(self.option(rules.SESSION, where, "language", s.language))
        if original:
            tag = option_value(original)[0].replace(",", " ")
            out.append(rules.option_line(rules.SESSION, "tags", quote_option(tag)))
        links = [Link(self.url(where, "links", ln.url), ln.title, ln.kind) for ln in s.links]
        attachments = [
            Link(self.url(where, "attachments", ln.url), ln.title, ln.kind) for ln in s.attachments
        ]
        links = [ln for ln in links if ln.url]
        attachments = [ln for ln in attachments if ln.url]
        slides = _pick(attachments + links, "slides", _SLIDES_RE)
        video = self.url(where, "recording", s.video) or _pick(
            links + attachments, "video", _VIDEO_RE, ("media",)
        )
        if slides:
            out.append(rules.option_line(rules.SESSION, "slides", slides))
        if video:
            out.append(rules.option_line(rules.SESSION, "video", video))
        out.append(rules.option_line(rules.SESSION, "status", s.status))
        body = []
        if s.subtitle:
            body.append(f"*{escape_text(s.subtitle)}*")
        abstract = self.markdown(where, "abstract", s.abstract)
        description = (
            self.markdown(where, "description", s.description)
            if s.description != s.abstract
            else ""
        )
        body.extend(part for part in (abstract, description) if part)
        for heading, items in (("Links", links), ("Attachments", attachments)):
            if items:
                lines = [f"- [{escape_text(ln.title or ln.url)}]({ln.url})" for ln in items]
                body.append(f"**{heading}**\n\n" + "\n".join(lines))
        if s.url:
            page = self.url(where, "url", s.url)
            if page:
                body.append(f"[This session on the conference's schedule]({page})")
        out.append("\n" + "\n\n".join(body) + "\n" if body else "")
        out.append(":::\n")
        return "".join(out)

    def person_page(self, pid: str, person: PersonRecord) -> str:
        """A person's page: their card, bio and every session of theirs on the site."""
        where = f"person {person.key.split(':', 1)[-1]!r} ({person.name})"
        name = option_value(person.name)[0] or pid
        out = [
            f"# {escape_text(name)}\n\n",
            f":::{{speaker}} {pid}\n",
            self.option(rules.SPEAKER, where, "name", person.name),
        ]
        if person.avatar:
            photo = self.url(where, "avatar", person.avatar)
            if photo.startswith("https://"):
                out.append(rules.option_line(rules.SPEAKER, "photo", photo))
            elif photo:
                self.report.warn(where, "avatar", f"{photo!r} is not https; left out")
        links = [u for u in (self.url(where, "links", ln.url) for ln in person.links) if u]
        if links:
            out.append(rules.option_line(rules.SPEAKER, "links", list(dict.fromkeys(links))))
        bio = self.markdown(where, "biography", person.biography)
        if bio:
            out.append(f"\n{bio}\n")
        # The {speaker} lists the person's sessions at every event, and posts about them, itself.
        out.append(":::\n")
        return "".join(out)


def _pick(
    links: Iterable[Link], kind: str, pattern: re.Pattern[str], kinds: tuple[str, ...] = ()
) -> str:
    """The first link typed ``kind`` (or one of ``kinds``), else the first that matches."""
    links = list(links)
    for ln in links:
        if ln.kind == kind or ln.kind in kinds:
            return ln.url
    for ln in links:
        if (
            pattern.search(ln.title)
            or pattern.search(ln.url.rsplit("/", 1)[-1])
            or (kind == "video" and pattern.search(ln.url))
        ):
            return ln.url
    return ""


# -- writing ----------------------------------------------------------------------------------


def with_marker(event_id: str, body: str) -> str:
    """The page as written: the marker line, then the body."""
    body = NOTE + "\n" + body
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    return f"% sphinx-conference import: event={event_id} sha256={digest}\n{body}"


def write_page(path: Path, content: str, force: bool, result: ImportResult, report: Report) -> None:
    """Write ``content`` unless the file says so or was edited; record what happened."""
    if path.exists():
        try:
            old = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            old = None
        if old == content:
            result.unchanged.append(path)
            return
        if old is not None:
            event, _, pristine = split_marker(old)
            if not pristine and not force:
                why = "was edited by hand" if event else "was written by hand (no import marker)"
                report.warn(path.as_posix(), "", f"kept: the page {why}; --force overwrites it")
                result.kept.append(path)
                return
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(content)
    result.written.append(path)


def write_site(
    schedule: Schedule,
    options: Options,
    report: Report,
    *,
    source_name: str = "",
    progress: Progress | None = None,
) -> ImportResult:
    """Write every page of ``schedule``; see the module doc for the layout and the rules."""
    conf = schedule.conference
    options = replace(options, series=series_id_for(options))
    eid = event_id_for(schedule, options, source_name)
    year = str(conf.start.year) if conf.start else "undated"
    event_dir = options.into / year / eid
    elsewhere = find_event_pages(options.into, eid, event_dir)
    if elsewhere:
        raise ScheduleError(
            f"event {eid!r} is already defined in {elsewhere[0].as_posix()}; "
            "pass --event-id to import the schedule as another event"
        )
    date = import_date(options.date)
    sessions = sorted(schedule.sessions, key=_session_order)
    previous = read_previous(event_dir, eid, split_marker)
    slugs, matched = stable_slugs(sessions, previous)
    split = options.session_pages == "always" or (
        options.session_pages == "auto" and len(sessions) > LARGE_EVENT
    )

    existing = scan_people(options.people_dir)
    plan = PeoplePlan(existing)
    plan.reserve(schedule.persons[key] for s in sessions for key in s.persons)
    speakers: list[list[str]] = []
    people: dict[str, PersonRecord] = {}
    for s in sessions:
        ids: list[str] = []
        for key in s.persons:
            person = schedule.persons[key]
            pid = plan.assign(person, report)
            if pid not in ids:
                ids.append(pid)
            people.setdefault(pid, person)
        speakers.append(ids)

    result = ImportResult(
        event_id=eid,
        event_name=conf.title or conf.acronym or eid,
        format=schedule.format,
        event_dir=event_dir,
        sessions=len(sessions),
        session_pages=split,
        people=len(people),
        matched=plan.matched,
        tracks=len(conf.tracks),
        rooms=len(conf.rooms),
    )
    render = Renderer(schedule, eid, report, options)
    total = len(sessions) + len(people) + 1
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    blocks = [
        render.session_block(s, slug, ids)
        for s, slug, ids in zip(sessions, slugs, speakers, strict=True)
    ]
    # What changed since the previous import; sessions it had that this schedule has not
    # stay, cancelled.
    found: list[str] = []
    matched_slugs = {p.slug for p in matched.values()}
    gone = [p for slug, p in sorted(previous.items()) if slug not in matched_slugs]
    if previous:
        for i, (slug, block) in enumerate(zip(slugs, blocks, strict=True)):
            before = matched.get(i)
            sid = f"{eid}/{slug}"
            if before is None:
                found.append(change_block(sid, date, ["added"], {}))
                result.changes.append(f"{sid}: added")
                continue
            kinds, was = compare(before.options, options_of(block))
            if kinds:
                found.append(change_block(sid, date, kinds, was))
                result.changes.append(f"{sid}: {', '.join(kinds)}")
        for p in gone:
            if not p.cancelled:
                found.append(change_block(p.sid, date, ["cancelled"], {}))
                result.changes.append(f"{p.sid}: cancelled")

    pages: dict[Path, str] = {}
    if split:
        for s, slug, ids, block in zip(sessions, slugs, speakers, blocks, strict=True):
            pages[event_dir / f"{slug}.md"] = with_marker(
                eid, render.session_page(s, slug, ids, block)
            )
            tick()
        for p in gone:
            page = cancelled_page(p)
            if page is not None:
                pages[event_dir / f"{p.slug}.md"] = with_marker(eid, page)
    index = event_dir / "index.md"
    event_page = render.event_page(
        sessions,
        slugs,
        speakers,
        split,
        blocks,
        # (a session page edited by hand stays as it is, reported: its block is not copied)
        kept=() if split else [p.as_cancelled() for p in gone if p.pristine or p.path == index],
    )
    if index.exists():
        same_event(index, event_page, eid)  # another event's page: refused, nothing written
    pages[index] = with_marker(eid, event_page)
    if not split:
        for _ in sessions:
            tick()
    tick()
    for pid, person in people.items():
        known = plan.existing.get(pid)
        if known is not None and (known.event != eid or known.path.name != f"{pid}.md"):
            result.people_existing += 1  # someone else's page (another event's, or by hand): reused
        else:
            if known is None:
                result.people_new += 1
            else:
                result.people_existing += 1
            pages[options.people_dir / f"{pid}.md"] = with_marker(
                eid, render.person_page(pid, person)
            )
        tick()

    for path in sorted(pages):
        write_page(path, pages[path], options.force, result, report)
    if found:
        record = event_dir / CHANGES_FILE
        try:
            old = record.read_text("utf-8") if record.exists() else None
        except (OSError, UnicodeDecodeError) as err:
            raise ScheduleError(f"cannot read {record.as_posix()}: {err}") from None
        with record.open("w", encoding="utf-8", newline="\n") as fh:
            fh.write(changes_page(old, result.event_name, found))
        result.changes_file = record
        result.written.append(record)
    if event_dir.is_dir():
        for path in sorted(event_dir.rglob("*.md")):
            if path in pages:
                continue
            try:
                event, _, pristine = split_marker(path.read_text("utf-8"))
            except (OSError, UnicodeDecodeError):
                continue
            if event != eid:
                continue
            if pristine:
                path.unlink()
                result.removed.append(path)
            else:
                report.warn(
                    path.as_posix(),
                    "",
                    "kept: the session is no longer in the schedule, "
                    "but the page was edited by hand",
                )
                result.kept.append(path)
    result.warnings = list(report.warnings)
    return result
