"""``python -m sphinx_conference check``: validate all content without a full build.

The checker reads every Markdown page of the site with the same Markdown
parser MyST uses (markdown-it-py with MyST's plugins, from
:func:`myst_parser.parsers.mdit.create_md_parser`), parses directive options
with MyST's own directive parser and the extension's directive classes, and
validates every field with the :mod:`.validation` parsers.  So the checker and
the build agree on what is valid, and their messages are the same words.

What it checks: front matter of posts; the options of ``{speaker}``,
``{event}``, ``{session}``, ``{speaker-card}`` and the list directives; ids;
duplicate ids; references between people, events and sessions (roles,
``:speakers:``, ``:event:``, ``authors:``); tracks; tags against the
``conference_tags`` vocabulary when ``conference_tags_strict`` is on; and the
``[TODO: ...]`` placeholders left by ``python -m sphinx_conference new``.

Every problem is printed as ``file:line: message [conference.<subtype>]``;
the exit status is 1 when there is a problem, 0 otherwise.  Given paths, only
problems in those files are reported, but references are resolved against the
whole site (so a pre-commit hook that passes the changed files still sees
every id).
"""

from __future__ import annotations

import argparse
import functools
import os
import posixpath
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from sphinx_conference.core import validation as v
from sphinx_conference.core.config import CONFIG, DEFAULT_SESSION_TYPES
from sphinx_conference.core.model import tag_slug
from sphinx_conference.directives.events import EventDirective
from sphinx_conference.directives.lists import (
    GROUPS,
    LAYOUTS,
    PostListDirective,
    SessionListDirective,
    SpeakerListDirective,
)
from sphinx_conference.directives.people import (
    PHOTO_SUFFIXES,
    SpeakerCardDirective,
    SpeakerDirective,
)
from sphinx_conference.directives.posts import KNOWN_KEYS, is_post_path
from sphinx_conference.directives.sessions import SessionDirective
from sphinx_conference.domain.store import ConferenceDomain, _example

#: Placeholders written by ``new``; the check flags each one until it is replaced.
PLACEHOLDER_RE = re.compile(r"\[TODO:[^\]]*\]")
DIRECTIVE_RE = re.compile(r"^\{(?:conference:)?([a-z][\w-]*)\}\s*(.*)$")
ROLE_TYPES = {"speaker", "event", "session"}
ALWAYS_SKIPPED = {
    ".git",
    ".hg",
    ".nox",
    ".tox",
    ".venv",
    "venv",
    "node_modules",
    "__pycache__",
    "_build",
}


@dataclass(frozen=True, order=True)
class Problem:
    """One problem at one line of one file."""

    path: str  # relative to the project root, posix
    line: int
    message: str
    subtype: str = "field"

    def __str__(self) -> str:
        kind = self.subtype if "." in self.subtype else f"{v.WARNING_TYPE}.{self.subtype}"
        return f"{self.path}:{self.line}: {self.message} [{kind}]"


@dataclass
class Directive:
    """One directive of a page, with its options and their lines."""

    name: str
    argument: str
    options: dict[str, str]
    lines: dict[str, int]  # option -> its line (1-based)
    line: int  # the opening fence's line (1-based)

    def line_of(self, option: str) -> int:
        """The line of ``option``, else the directive's."""
        return self.lines.get(option, self.line)


@dataclass
class Page:
    """What the checker needs to know of one source file."""

    path: Path
    rel: str  # posix path relative to the root
    docname: str
    meta: dict[str, Any] = field(default_factory=dict)
    meta_lines: dict[str, int] = field(default_factory=dict)
    title: str = ""
    directives: list[Directive] = field(default_factory=list)
    roles: list[tuple[str, str, int]] = field(default_factory=list)  # (type, target, line)
    problems: list[Problem] = field(default_factory=list)

    def problem(self, line: int, message: str, subtype: str = "field") -> None:
        """Note a problem at ``line`` of this page."""
        self.problems.append(Problem(self.rel, line, message, subtype))


# -- the project -------------------------------------------------------------------------


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that holds a ``conf.py``."""
    here = start.resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        if (folder / "conf.py").is_file():
            return folder
    return None


def load_config(root: Path) -> dict[str, Any]:
    """The site's configuration: ``conf.py`` evaluated as Sphinx does, with the extension's defaults."""
    from sphinx.config import eval_config_file
    from sphinx.util.tags import Tags

    values: dict[str, Any] = {name: spec[0] for name, spec in CONFIG.items()}
    values.update(exclude_patterns=[], myst_enable_extensions=["colon_fence"])
    conf = root / "conf.py"
    if conf.is_file():
        cwd = os.getcwd()
        try:
            values.update(eval_config_file(conf, Tags()))
        finally:
            os.chdir(cwd)
    return values


def source_files(root: Path, exclude_patterns: Iterable[str]) -> Iterator[Path]:
    """Every Markdown page of the project, as Sphinx would find it (``exclude_patterns`` applied)."""
    from sphinx.project import EXCLUDE_PATHS
    from sphinx.util.matching import Matcher

    excluded = Matcher([*exclude_patterns, *EXCLUDE_PATHS])
    for folder, dirs, files in os.walk(root):
        rel_folder = Path(folder).relative_to(root).as_posix()
        rel_folder = "" if rel_folder == "." else rel_folder + "/"
        dirs[:] = sorted(
            d
            for d in dirs
            if d not in ALWAYS_SKIPPED and not d.startswith(".") and not excluded(rel_folder + d)
        )
        for name in sorted(files):
            if name.endswith(".md") and not excluded(rel_folder + name):
                yield Path(folder) / name


def markdown_parser(extensions: Iterable[str]) -> Any:
    """MyST's own markdown-it parser, with the site's MyST extensions."""
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    wanted = {e for e in extensions if e in _SYNTAX_EXTENSIONS} | {"colon_fence"}
    return create_md_parser(MdParserConfig(enable_extensions=wanted), RendererHTML)


#: MyST extensions that change how text is split into blocks (the others do not matter here).
_SYNTAX_EXTENSIONS = {
    "colon_fence",
    "deflist",
    "fieldlist",
    "attrs_inline",
    "attrs_block",
    "dollarmath",
    "amsmath",
}


def directive_classes() -> dict[str, type]:
    """The extension's directive classes by name, for MyST's option parser."""
    return {
        "speaker": SpeakerDirective,
        "speaker-card": SpeakerCardDirective,
        "event": EventDirective,
        "session": SessionDirective,
        "session-list": SessionListDirective,
        "speaker-list": SpeakerListDirective,
        "post-list": PostListDirective,
    }


# -- reading one page --------------------------------------------------------------------


class _NoDatesLoader(yaml.SafeLoader):
    """YAML without timestamp conversion: a bad date stays text and gets the date message."""


_NoDatesLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class Reader:
    """Reads pages into :class:`Page` records."""

    def __init__(self, root: Path, config: dict[str, Any]) -> None:
        self.root = root
        self.md = markdown_parser(config.get("myst_enable_extensions", ()))
        self.classes = directive_classes()

    def read(self, path: Path) -> Page:
        """Parse one page."""
        rel = path.relative_to(self.root).as_posix()
        page = Page(path=path, rel=rel, docname=rel.rsplit(".", 1)[0])
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as err:
            page.problem(1, f"cannot read the file: {err}", "field")
            return page
        lines = text.splitlines()
        for i, line in enumerate(lines, start=1):
            if line.lstrip().startswith("%"):
                continue  # a MyST comment: explanations of placeholders live there
            for m in PLACEHOLDER_RE.finditer(line):
                page.problem(
                    i,
                    f"placeholder {m.group(0)!r} left from 'new': replace it with the real text",
                    "placeholder",
                )
        self._walk(page, self.md.parse(text), 0)
        return page

    def _walk(self, page: Page, tokens: Sequence[Any], offset: int) -> None:
        heading = False
        for tok in tokens:
            if tok.type == "front_matter" and offset == 0:
                self._front_matter(page, tok.content)
            elif tok.type == "heading_open":
                heading = tok.tag == "h1" and not page.title
            elif tok.type == "inline":
                if heading:
                    page.title, heading = tok.content.strip(), False
                self._roles(page, tok, offset)
            elif tok.type in {"fence", "colon_fence"} and tok.map:
                m = DIRECTIVE_RE.match(tok.info.strip())
                if m:
                    self._directive(
                        page, m.group(1), m.group(2), tok.content, offset + tok.map[0] + 1
                    )

    def _front_matter(self, page: Page, content: str) -> None:
        try:
            data = yaml.load(content, Loader=_NoDatesLoader)
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            line = 2 + (mark.line if mark else 0)
            page.problem(
                line, f"front matter is not valid YAML: {getattr(err, 'problem', err)}", "field"
            )
            return
        if not isinstance(data, dict):
            page.problem(
                1, "front matter must be 'key: value' lines, e.g. 'date: 2023-02-14'", "field"
            )
            return
        page.meta = data
        for i, text in enumerate(content.splitlines(), start=2):
            key = text.split(":", 1)[0].strip() if ":" in text and not text[:1].isspace() else ""
            if key and key not in page.meta_lines:
                page.meta_lines[key] = i

    def _roles(self, page: Page, tok: Any, offset: int) -> None:
        line = offset + (tok.map[0] if tok.map else 0) + 1
        for child in tok.children or ():
            if child.type in {"softbreak", "hardbreak"}:
                line += 1
            elif child.type == "myst_role":
                name = child.meta.get("name", "").removeprefix("conference:")
                if name in ROLE_TYPES:
                    target = child.content
                    if m := re.search(r"<([^<>]*)>\s*$", target):
                        target = m.group(1)
                    page.roles.append((name, target.strip(), line))

    def _directive(self, page: Page, name: str, argument: str, content: str, line: int) -> None:
        cls = self.classes.get(name)
        if cls is None:
            # Another directive (admonition, card, ...): look inside it for ours and for roles.
            self._walk(page, self.md.parse(content), line)
            return
        from myst_parser.parsers.directives import MarkupError, parse_directive_text

        try:
            parsed = parse_directive_text(cls, argument, content, line=line)
        except MarkupError as err:
            page.problem(line, f"{{{name}}}: {err}", "field")
            return
        for warning in parsed.warnings:
            kind = getattr(warning.type, "value", "directive_parsing")
            page.problem(warning.lineno or line, f"{name!r}: {warning.msg}", f"myst.{kind}")
        option_lines: dict[str, int] = {}
        for offset, text in enumerate(content.splitlines()[: max(parsed.body_offset, 0)], start=1):
            if m := re.match(r"^\s*:?([\w-]+):(\s|$)", text):
                option_lines.setdefault(m.group(1), line + offset)
        options = {k: "" if val is None else str(val) for k, val in parsed.options.items()}
        arg = parsed.arguments[0] if parsed.arguments else ""
        page.directives.append(Directive(name, arg, options, option_lines, line))
        if parsed.body:
            self._walk(
                page, self.md.parse("\n".join(parsed.body)), line + max(parsed.body_offset, 0)
            )


# -- checking the site -------------------------------------------------------------------


@dataclass
class Definition:
    """Where an id is defined, and what was recorded of it."""

    page: Page
    directive: Directive

    @property
    def key(self) -> tuple[str, int]:
        """Sort key: the same winner as the domain (first by docname, then line)."""
        return (self.page.docname, self.directive.line)


class Checker:
    """Validates a set of pages against each other and the site's configuration."""

    def __init__(self, root: Path, config: dict[str, Any], pages: list[Page]) -> None:
        self.root = root
        self.config = config
        self.pages = pages
        self.session_types = list(config.get("conference_session_types") or DEFAULT_SESSION_TYPES)
        self.defs: dict[str, dict[str, list[Definition]]] = {
            "speaker": {},
            "event": {},
            "session": {},
        }

    def run(self) -> list[Problem]:
        """Check everything; return the problems in file and line order."""
        for page in self.pages:
            for d in page.directives:
                self.directive(page, d)
            self.front_matter(page)
        self.references()
        problems = {p for page in self.pages for p in page.problems}
        return sorted(problems)

    # -- fields --------------------------------------------------------------------------

    def field(self, page: Page, d: Directive, name: str, parse: Callable[[str], Any]) -> Any:
        """Parse option ``name`` of ``d``; a bad value is reported with the build's words."""
        raw = d.options.get(name, "")
        if not raw.strip() or PLACEHOLDER_RE.search(raw):
            return None
        try:
            return parse(raw)
        except v.FieldError as err:
            page.problem(d.line_of(name), f"{{{d.name}}} field {name!r}: {err}", err.subtype)
            return None

    def text(self, page: Page, d: Directive, *names: str) -> None:
        """Plain-text fields: markup is shown as text."""
        for name in names:
            value = " ".join(d.options.get(name, "").split())
            if value and v.has_markup(value):
                page.problem(
                    d.line_of(name),
                    f"{{{d.name}}} field {name!r}: plain text expected, got markup {value!r}; "
                    "it is shown as text, not rendered",
                    "markup",
                )

    def required(self, page: Page, d: Directive, *names: str) -> None:
        """Required fields must be given."""
        for name in names:
            if not d.options.get(name, "").strip():
                page.problem(
                    d.line_of(name),
                    f"{{{d.name}}} field {name!r}: this field is required and is missing or empty",
                    "required",
                )

    def tags(self, page: Page, line: int, what: str, tags: Iterable[str]) -> None:
        """Tags outside the vocabulary, when the site asks for a strict vocabulary."""
        vocabulary = self.config.get("conference_tags") or {}
        if not vocabulary or not self.config.get("conference_tags_strict"):
            return
        known = {tag_slug(name) for name in vocabulary}
        for info in vocabulary.values():
            if isinstance(info, dict):
                known.update(tag_slug(a) for a in v.split_list(info.get("aliases")))
        for tag in tags:
            if tag_slug(tag) not in known:
                page.problem(
                    line,
                    f"{what}: tag {tag!r} is not in the vocabulary (conference_tags in conf.py); "
                    f"expected one of: {', '.join(sorted(vocabulary))}",
                    "tag",
                )

    def slug_argument(
        self, page: Page, d: Directive, what: str, session: bool = False
    ) -> str | None:
        """The id argument of a directive, or None when malformed."""
        try:
            return (
                v.parse_session_id(d.argument) if session else v.parse_slug(d.argument, what=what)
            )
        except v.FieldError as err:
            page.problem(d.line, f"{{{d.name}}} field {d.name!r}: {err}", err.subtype)
            return None

    def directive(self, page: Page, d: Directive) -> None:
        """Validate one directive and record what it defines."""
        check = getattr(self, "check_" + d.name.replace("-", "_"), None)
        if check is not None:
            check(page, d)

    def define(self, objtype: str, ident: str, page: Page, d: Directive) -> None:
        """Record a definition of ``ident``."""
        self.defs[objtype].setdefault(ident, []).append(Definition(page, d))

    def check_speaker(self, page: Page, d: Directive) -> None:
        """``{speaker}``."""
        pid = self.slug_argument(page, d, "speaker id")
        self.required(page, d, "name")
        self.text(page, d, "name", "role", "org")
        self.photo(page, d)
        for link in v.split_list(d.options.get("links")):
            try:
                v.parse_url(link)
            except v.FieldError as err:
                page.problem(d.line_of("links"), f"{{speaker}} field 'links': {err}", err.subtype)
        self.tags(
            page, d.line_of("tags"), "{speaker} field 'tags'", v.split_list(d.options.get("tags"))
        )
        if pid:
            self.define("speaker", pid, page, d)

    def photo(self, page: Page, d: Directive) -> None:
        """A local photo must exist inside the project and be an image (as the build requires)."""
        raw = d.options.get("photo", "").strip()
        if not raw or PLACEHOLDER_RE.search(raw):
            return
        line = d.line_of("photo")
        if "://" in raw:
            self.field(page, d, "photo", v.parse_url)
            return
        base = posixpath.dirname(page.rel)
        rel = posixpath.normpath(
            raw.lstrip("/") if raw.startswith("/") else posixpath.join(base, raw)
        )
        full = (self.root / rel).resolve()
        if rel.startswith("../") or rel == ".." or not full.is_relative_to(self.root.resolve()):
            page.problem(
                line,
                "{speaker} field 'photo': the photo must be a file inside the project "
                f"(e.g. '../_static/people/<id>.jpg'), got {raw!r}",
                "photo",
            )
        elif full.suffix.lower() not in PHOTO_SUFFIXES:
            page.problem(
                line,
                f"{{speaker}} field 'photo': expected an image file ({', '.join(sorted(PHOTO_SUFFIXES))}), got {raw!r}",
                "photo",
            )
        elif not full.is_file():
            page.problem(
                line,
                f"{{speaker}} field 'photo': no such file {raw!r} (relative to this page)",
                "photo",
            )

    def check_event(self, page: Page, d: Directive) -> None:
        """``{event}``."""
        eid = self.slug_argument(page, d, "event id")
        self.required(page, d, "name", "start")
        self.text(page, d, "name", "venue", "city")
        start = self.field(page, d, "start", v.parse_date)
        end = self.field(page, d, "end", v.parse_date)
        if start and end and end < start:
            page.problem(
                d.line_of("end"),
                f"{{event}} field 'end': the event ends ({end}) before it starts ({start})",
                "range",
            )
        self.field(page, d, "country", v.parse_country)
        self.field(page, d, "url", v.parse_url)
        self.field(page, d, "timezone", v.parse_timezone)
        self.tags(
            page, d.line_of("tags"), "{event} field 'tags'", v.split_list(d.options.get("tags"))
        )
        if eid:
            self.define("event", eid, page, d)

    def check_session(self, page: Page, d: Directive) -> None:
        """``{session}``."""
        sid = self.slug_argument(page, d, "session id", session=True)
        self.required(page, d, "title")
        self.text(page, d, "title", "track", "room", "language")
        if sid:
            id_event = sid.partition("/")[0]
            event = (
                self.field(page, d, "event", lambda x: v.parse_slug(x, what="event id")) or id_event
            )
            if event != id_event:
                page.problem(
                    d.line_of("event"),
                    f"{{session}} field 'event': the session id {sid!r} starts with event {id_event!r} but the "
                    f"field names {event!r}; a session id is '<event-id>/<slug>'",
                    "reference",
                )
        for raw in v.split_list(d.options.get("speakers")):
            if not PLACEHOLDER_RE.search(raw):
                try:
                    v.parse_slug(raw, what="speaker id")
                except v.FieldError as err:
                    page.problem(
                        d.line_of("speakers"), f"{{session}} field 'speakers': {err}", err.subtype
                    )
        types = self.session_types
        self.field(page, d, "type", lambda x: v.choice(x, types, what="session type"))
        self.field(page, d, "start", v.parse_datetime)
        self.field(page, d, "duration", v.parse_duration)
        self.field(page, d, "slides", v.parse_url)
        self.field(page, d, "video", v.parse_url)
        self.tags(
            page, d.line_of("tags"), "{session} field 'tags'", v.split_list(d.options.get("tags"))
        )
        if sid:
            self.define("session", sid, page, d)

    def check_speaker_card(self, page: Page, d: Directive) -> None:
        """``{speaker-card}``."""
        self.slug_argument(page, d, "speaker id")

    def _list(self, page: Page, d: Directive, ids: Sequence[str]) -> None:
        for name in ids:
            self.field(page, d, name, functools.partial(v.parse_slug, what=f"{name} id"))

        def limit(x: str) -> int:
            if not x.strip().isdigit() or int(x) < 1:
                raise v.FieldError(
                    f"expected a whole number of items, e.g. '5', got {x!r}", "field"
                )
            return int(x)

        self.field(page, d, "limit", limit)

    def check_session_list(self, page: Page, d: Directive) -> None:
        """``{session-list}``."""
        self._list(page, d, ("event", "speaker"))
        types = self.session_types
        self.field(page, d, "type", lambda x: v.choice(x, types, what="session type"))
        self.field(page, d, "group-by", lambda x: v.choice(x, GROUPS, what="grouping"))
        self.field(page, d, "layout", lambda x: v.choice(x, LAYOUTS, what="layout"))

    def check_speaker_list(self, page: Page, d: Directive) -> None:
        """``{speaker-list}``."""
        self._list(page, d, ("event",))

    def check_post_list(self, page: Page, d: Directive) -> None:
        """``{post-list}``."""
        self._list(page, d, ("author",))

    # -- front matter --------------------------------------------------------------------

    def front_matter(self, page: Page) -> None:
        """A post's front matter, as :func:`.posts.collect_page` reads it."""
        meta = page.meta

        def bad(key: str, message: str, subtype: str) -> None:
            page.problem(page.meta_lines.get(key, 1), f"front matter {key!r}: {message}", subtype)

        tags = (
            v.split_list(meta.get("tags"))
            if not PLACEHOLDER_RE.search(str(meta.get("tags", "")))
            else []
        )
        self.tags(page, page.meta_lines.get("tags", 1), "front matter 'tags'", tags)
        if not is_post_path(
            page.docname, list(self.config.get("conference_post_dirs") or ["posts"])
        ):
            return
        if "date" not in meta:
            bad(
                "date",
                "a post needs a date, e.g. 'date: 2023-02-14' in its front matter",
                "required",
            )
            return
        if not PLACEHOLDER_RE.search(str(meta["date"])):
            try:
                v.parse_date(str(meta["date"]))
            except v.FieldError as err:
                bad("date", str(err), err.subtype)
        for raw in v.split_list(meta.get("authors", meta.get("author"))):
            if PLACEHOLDER_RE.search(raw):
                continue
            try:
                v.parse_slug(raw, what="author id")
            except v.FieldError as err:
                bad("authors", str(err), err.subtype)
        summary = " ".join(str(meta.get("summary", "") or "").split())
        if summary and v.has_markup(summary):
            bad(
                "summary",
                f"plain text expected, got markup {summary!r}; it is shown as text",
                "markup",
            )
        draft = meta.get("draft", False)
        if isinstance(draft, str) and draft.strip().lower() in {"true", "false"}:
            draft = draft.strip().lower() == "true"
        if not isinstance(draft, bool):
            bad("draft", f"expected true or false, got {draft!r}", "field")
        for key in sorted(str(k) for k in meta if str(k) not in KNOWN_KEYS):
            if not key.startswith(("conference_", "myst")):
                bad(
                    key,
                    "unknown key; expected one of date, authors, tags, summary, image, draft",
                    "field",
                )
        if not page.title:
            bad("title", "a post needs a title: start it with a '# Heading'", "required")

    # -- references between pages -------------------------------------------------------

    def references(self) -> None:
        """Duplicate ids, and every reference to a person, event or session."""
        for objtype, table in self.defs.items():
            for ident, found in table.items():
                found.sort(key=lambda dfn: dfn.key)
                winner = found[0]
                for dup in found[1:]:
                    dup.page.problem(
                        dup.directive.line,
                        f"duplicate {objtype} id {ident!r}: already defined at "
                        f"{winner.page.rel}:{winner.directive.line}; ids must be unique across the site "
                        "(rename one of them)",
                        "duplicate",
                    )

        def dangling(page: Page, typ: str, target: str, line: int) -> None:
            if target in self.defs[typ] or PLACEHOLDER_RE.search(target):
                return
            msg = ConferenceDomain.dangling_warnings[typ] % {"target": target}
            page.problem(
                line,
                f"{msg} (role {{{typ}}}; expected the id of a defined {typ}, e.g. {{{typ}}}`{_example(typ)}`)",
                "reference",
            )

        for page in self.pages:
            for typ, target, line in page.roles:
                dangling(page, typ, target, line)
            for d in page.directives:
                if d.name == "session":
                    self._session_refs(page, d, dangling)
                elif (
                    d.name == "speaker-card"
                    and d.argument
                    and d.argument not in self.defs["speaker"]
                ):
                    page.problem(
                        d.line,
                        f"{{speaker-card}}: unknown speaker id {d.argument!r}; expected the id of a "
                        "{speaker} directive, e.g. 'nicki-watt'",
                        "reference",
                    )
            if "date" in page.meta:
                for author in v.split_list(page.meta.get("authors", page.meta.get("author"))):
                    if v.SLUG_RE.match(author) and author not in self.defs["speaker"]:
                        page.problem(
                            page.meta_lines.get("authors", page.meta_lines.get("author", 1)),
                            f"front matter 'authors': unknown person id {author!r}; expected the id of a "
                            "{speaker} directive in people/, e.g. 'albane-tonnellier'",
                            "reference",
                        )

    def _session_refs(
        self, page: Page, d: Directive, dangling: Callable[[Page, str, str, int], None]
    ) -> None:
        try:
            sid = v.parse_session_id(d.argument)
        except v.FieldError:
            return
        event_id = d.options.get("event", "").strip() or sid.partition("/")[0]
        for speaker in v.split_list(d.options.get("speakers")):
            if v.SLUG_RE.match(speaker):
                dangling(page, "speaker", speaker, d.line_of("speakers"))
        events = self.defs["event"].get(event_id)
        if not events:
            page.problem(
                d.line_of("event"),
                f"{{session}} {sid!r} field 'event': unknown event id {event_id!r}; "
                "expected the id of an {event} directive, e.g. 'soocon-2023'",
                "reference",
            )
            return
        event = events[0].directive
        tracks = v.split_list(event.options.get("tracks"), ";")
        track = " ".join(d.options.get("track", "").split())
        if track and tracks and tag_slug(track) not in {tag_slug(t) for t in tracks}:
            page.problem(
                d.line_of("track"),
                f"{{session}} {sid!r} field 'track': {track!r} is not a track of {event_id!r}; "
                f"expected one of: {'; '.join(tracks)}",
                "track",
            )


# -- entry points ------------------------------------------------------------------------


def check(root: Path, paths: Sequence[Path] = ()) -> tuple[list[Problem], int]:
    """Check the site at ``root``; return the problems (in ``paths`` only, when given) and the page count."""
    root = root.resolve()
    config = load_config(root)
    reader = Reader(root, config)
    pages = [reader.read(p) for p in source_files(root, config.get("exclude_patterns", ()))]
    problems = Checker(root, config, pages).run()
    if paths:
        wanted = {p.resolve() for p in paths}
        folders = [p for p in wanted if p.is_dir()]
        problems = [
            pr
            for pr in problems
            if (full := (root / pr.path).resolve()) in wanted
            or any(full.is_relative_to(f) for f in folders)
        ]
    return problems, len(pages)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``check``."""
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="files or folders to report on (default: the whole site); ids are resolved site-wide",
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=None,
        help="the site's folder, the one with conf.py (default: found from the current folder upwards)",
    )


def run(args: argparse.Namespace) -> int:
    """Run the check; print ``file:line: message`` for each problem; 1 when there is one."""
    start = args.root or (args.paths[0] if args.paths else Path.cwd())
    root = find_root(Path(start)) if args.root is None else Path(args.root)
    if root is None:
        print(
            f"check: no conf.py found in {Path(start).resolve()} or above; pass --root",
            file=sys.stderr,
        )
        return 2
    problems, count = check(root, args.paths)
    cwd = Path.cwd().resolve()
    for problem in problems:
        full = (root / problem.path).resolve()
        shown = os.path.relpath(full, cwd) if full.is_relative_to(cwd) else str(full)
        print(Problem(Path(shown).as_posix(), problem.line, problem.message, problem.subtype))
    noun = "problem" if len(problems) == 1 else "problems"
    print(
        f"checked {count} pages: {len(problems) or 'no'} {noun}"
        + ("; fix each at the file and line shown" if problems else ""),
        file=sys.stderr,
    )
    return 1 if problems else 0
