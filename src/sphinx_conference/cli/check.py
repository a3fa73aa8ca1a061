"""``python -m sphinx_conference check``: validate all content without a full build.

The checker reads every Markdown page of the site with the same Markdown
parser MyST uses (markdown-it-py with MyST's plugins, from
:func:`myst_parser.parsers.mdit.create_md_parser`) and parses directive options
with MyST's own directive parser.  It then applies the rules the build applies,
from the same code: the description of every option and front-matter key
(:mod:`sphinx_conference.core.rules`), the front-matter reader
(:mod:`sphinx_conference.core.frontmatter`), the site-wide rules over records
(:mod:`sphinx_conference.core.consistency`: duplicate ids, references, tracks,
the strict tag vocabulary) and the raw-HTML policy
(:mod:`sphinx_conference.core.htmlpolicy`).  So the checker reports what the
build reports, at the same line, in the same words (``tests/test_check_agrees.py``);
on top it reports the ``[TODO: ...]`` placeholders left by
``python -m sphinx_conference new``, and lists people who are probably one person
(``conference.probable-duplicate``: the same name once case, accents and spacing are
ignored, or very similar names and a co-speaker in common; see
:func:`sphinx_conference.core.consistency.probable_duplicates`).  Those are advice, not
errors: they are printed, and leave the exit status 0.  Both subtypes are
:data:`sphinx_conference.core.validation.CHECK_ONLY`: the build does not report them.

Every problem is printed as ``file:line: message [conference.<subtype>]``;
the exit status is 1 when there is a problem (advice aside), 0 otherwise.  Given paths, only
problems in those files are reported, but references are resolved against the
whole site (so a pre-commit hook that passes the changed files still sees
every id).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from myst_parser.parsers.directives import MarkupError, parse_directive_text

from sphinx_conference.core import consistency, frontmatter, htmlpolicy, optionlines, rules
from sphinx_conference.core import validation as v
from sphinx_conference.core.config import CONFIG, DEFAULT_SESSION_TYPES
from sphinx_conference.core.model import Event, PageTags, Person, Post, Session
from sphinx_conference.core.series import series_table, undefined_series
from sphinx_conference.core.vocabulary import vocabulary

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
    front: frontmatter.FrontMatter = field(default_factory=frontmatter.FrontMatter)
    title: str = ""
    directives: list[Directive] = field(default_factory=list)
    roles: list[tuple[str, str, int]] = field(default_factory=list)  # (type, target, line)
    html: list[tuple[int, str]] = field(default_factory=list)  # (line, raw HTML fragment)
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
    import sphinx
    from sphinx.config import eval_config_file
    from sphinx.util.tags import Tags

    values: dict[str, Any] = {name: spec[0] for name, spec in CONFIG.items()}
    values.update(exclude_patterns=[], myst_enable_extensions=["colon_fence"])
    conf = root / "conf.py"
    if conf.is_file():
        cwd = os.getcwd()
        try:
            # Sphinx 7.4 takes the path as a str (it encodes it), 9.x as a Path.
            path: Any = conf if sphinx.version_info >= (8,) else str(conf)
            values.update(eval_config_file(path, Tags()))
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


def _option(value: str | None) -> str:
    return value or ""


def directive_classes() -> dict[str, type]:
    """Stand-ins of the extension's directives, for MyST's option parser.

    Their shape (an id argument, a body, the option names) comes from the same
    descriptions the directives are made from (:data:`sphinx_conference.core.rules.DIRECTIVES`).
    """
    classes: dict[str, type] = {
        d.name: type(
            d.name,
            (),
            {
                "required_arguments": 1 if d.argument else 0,
                "optional_arguments": 0,
                "final_argument_whitespace": False,
                "has_content": d.has_content,
                "option_spec": dict.fromkeys(d.names, _option),
            },
        )
        for d in rules.DIRECTIVES.values()
    }
    # sphinx-tags' {tags}: the tags as its argument or its body
    classes["tags"] = type(
        "tags",
        (),
        {
            "required_arguments": 0,
            "optional_arguments": 1,
            "final_argument_whitespace": True,
            "has_content": True,
            "option_spec": None,
        },
    )
    return classes


# -- reading one page --------------------------------------------------------------------


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
        page.front = frontmatter.read(text)
        if page.front.error is not None:
            page.problem(*page.front.error, "field")
        self._walk(page, self.md.parse(text), 0)
        return page

    def _walk(self, page: Page, tokens: Sequence[Any], offset: int) -> None:
        heading = False
        for tok in tokens:
            if tok.type == "heading_open":
                heading = tok.tag == "h1" and not page.title
            elif tok.type == "inline":
                if heading:
                    page.title, heading = tok.content.strip(), False
                self._roles(page, tok, offset)
            elif tok.type == "html_block" and tok.map:
                page.html.append((offset + tok.map[0] + 1, tok.content))
            elif tok.type in {"fence", "colon_fence"} and tok.map:
                m = DIRECTIVE_RE.match(tok.info.strip())
                if m:
                    self._directive(
                        page, m.group(1), m.group(2), tok.content, offset + tok.map[0] + 1
                    )

    def _roles(self, page: Page, tok: Any, offset: int) -> None:
        line = offset + (tok.map[0] if tok.map else 0) + 1
        start = line
        for child in tok.children or ():
            if child.type == "html_inline":
                page.html.append((start, child.content))  # MyST places it at its paragraph
            elif child.type in {"softbreak", "hardbreak"}:
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
        spec = getattr(cls, "option_spec", None) or {}
        if not options and spec:
            # MyST dropped the whole block: keep what the build keeps, report what it reports.
            lines = optionlines.read_option_lines(f"```{{{name}}} {argument}\n{content}")
            found = optionlines.recover(name, lines, spec)
            if found is not None:
                for offset, message, subtype in found.problems:
                    page.problem(line + offset, message, subtype)
                options = found.options
                for entry in lines:
                    option_lines.setdefault(entry.key, line + entry.offset)
        arg = parsed.arguments[0] if parsed.arguments else ""
        if name == "tags":  # its argument and content are the tags; no body to walk
            options = {"tags": ",".join([*parsed.arguments, *parsed.body])}
            page.directives.append(Directive(name, "", options, {}, line))
            return
        page.directives.append(Directive(name, arg, options, option_lines, line))
        if parsed.body:
            self._walk(
                page, self.md.parse("\n".join(parsed.body)), line + max(parsed.body_offset, 0)
            )


# -- checking the site -------------------------------------------------------------------


class Checker:
    """Validates a set of pages against each other and the site's configuration.

    Each directive and front matter is read by the rules the build uses
    (:mod:`sphinx_conference.core.rules`), into the records the build stores; the
    site-wide rules (:mod:`sphinx_conference.core.consistency`) then run over them.
    """

    def __init__(self, root: Path, config: dict[str, Any], pages: list[Page]) -> None:
        self.root = root
        self.config = config
        self.pages = pages
        self.by_doc = {page.docname: page for page in pages}
        self.session_types = tuple(config.get("conference_session_types") or DEFAULT_SESSION_TYPES)
        #: the winning definition of each id, and the ones that lost (as the domain keeps them)
        self.tables: dict[str, dict[str, Person | Event | Session]] = {
            "speaker": {},
            "event": {},
            "session": {},
        }
        self.shadowed: list[tuple[str, Person | Event | Session]] = []
        self.all_sessions: list[Session] = []
        self.posts: list[Post] = []
        self.page_tags: list[PageTags] = []
        self.cards: list[tuple[Page, str, int]] = []

    def run(self) -> list[Problem]:
        """Check everything; return the problems in file and line order."""
        for page in self.pages:
            ctx = rules.Context(
                session_types=self.session_types,
                srcdir=self.root,
                docpath=page.rel,
                skip=lambda text: bool(PLACEHOLDER_RE.search(text)),
            )
            directive_tags: list[str] = []
            for d in page.directives:
                if d.name == "tags":
                    tags, found = rules.read_tags(d.options.get("tags", ""))
                    for problem in found:
                        page.problem(d.line, problem.message, problem.subtype)
                    directive_tags.extend(t for t in tags if t not in directive_tags)
                elif d.name in rules.DIRECTIVES:
                    self.directive(page, d, ctx)
            self.front_matter(page, ctx, directive_tags)
            self.raw_html(page)
        self.references()
        problems = {p for page in self.pages for p in page.problems}
        return sorted(problems)

    def directive(self, page: Page, d: Directive, ctx: rules.Context) -> None:
        """Read one directive by its rules; record what it defines."""
        reading = rules.read(rules.DIRECTIVES[d.name], d.argument, d.options, ctx)
        for problem in reading.problems:
            page.problem(
                d.line_of(problem.field),
                rules.field_message(d.name, problem.field, problem.message),
                problem.subtype,
            )
        if reading.argument is None:
            return
        if d.name == "speaker-card":
            self.cards.append((page, reading.argument, d.line))
        if d.name == "schedule-change":
            # the build links the session from the change's line (an unknown one is dangling)
            change = rules.to_change(
                reading.argument, reading.values, docname=page.docname, lineno=d.line
            )
            if change is not None:
                page.roles.append(("session", change.session, d.line))
        if d.name not in rules.RECORD_LINES:
            return
        record = rules.to_record(
            d.name,
            reading.argument,
            reading.values,
            docname=page.docname,
            lineno=d.line,
            lines=tuple((f, d.line_of(f)) for f in rules.RECORD_LINES[d.name]),
        )
        if isinstance(record, Session):
            self.all_sessions.append(record)
        table = self.tables[d.name]
        current = table.get(record.id)
        if current is None:
            table[record.id] = record
        elif consistency.sort_key(record) < consistency.sort_key(current):
            table[record.id] = record
            self.shadowed.append((d.name, current))
        else:
            self.shadowed.append((d.name, record))

    def front_matter(self, page: Page, ctx: rules.Context, directive_tags: list[str]) -> None:
        """A post's front matter, as the build's front-matter reader reads it."""
        fm = page.front
        tags = rules.page_tags(fm.data)
        tags += [t for t in directive_tags if t not in tags]
        post_dirs = list(self.config.get("conference_post_dirs") or ["posts"])
        values = None
        if rules.is_post_path(page.docname, post_dirs) and fm.error is None:
            values, problems = rules.read_post(fm.data, page.title, ctx)
            for problem in problems:
                page.problem(
                    fm.line_of(problem.field),
                    rules.key_message(problem.field, problem.message),
                    problem.subtype,
                )
        if values is None:
            if tags:
                self.page_tags.append(PageTags(page.docname, page.title, tuple(tags)))
            return
        self.posts.append(
            Post(
                docname=page.docname,
                title=page.title or page.docname,
                date=values["date"],
                authors=values["authors"],
                tags=tuple(tags),
            )
        )

    def raw_html(self, page: Page) -> None:
        """Raw HTML the build's sanitiser removes, in its words."""
        if not self.config.get("conference_sanitize_html", True):
            return
        for line, fragment in page.html:
            problems = htmlpolicy.unsafe_parts(fragment)
            if problems:
                page.problem(line, htmlpolicy.removal_message(fragment, problems), "html")

    # -- references between pages -------------------------------------------------------

    def report(self, found: Iterable[consistency.Finding]) -> None:
        """Put site-wide findings on their pages."""
        for f in found:
            page = self.by_doc.get(f.docname)
            if page is not None:
                page.problem(f.line, f.message, f.subtype)

    def references(self) -> None:
        """Duplicate ids, references, tracks and tags: the build's consistency rules."""
        people = self.tables["speaker"]
        events = self.tables["event"]

        def where(record: Any) -> str:
            return f"{self.by_doc[record.docname].rel}:{record.lineno}"

        def line_of(docname: str, key: str) -> int:
            return self.by_doc[docname].front.line_of(key)

        self.report(
            consistency.duplicates(self.shadowed, lambda t, key: self.tables[t].get(key), where)
        )
        series, _ = series_table(self.config.get("conference_series") or {})
        self.report(undefined_series(events.values(), series))  # type: ignore[arg-type]
        self.report(consistency.sessions(self.tables["session"].values(), events))  # type: ignore[arg-type]
        for session in self.all_sessions:
            self.report(consistency.session_speakers(session, people))  # type: ignore[arg-type]
        for page, pid, line in self.cards:
            if pid not in people:
                page.problem(line, consistency.speaker_card_message(pid), "reference")
        for page in self.pages:
            for typ, target, line in page.roles:
                if target not in self.tables[typ] and not PLACEHOLDER_RE.search(target):
                    page.problem(line, consistency.dangling_message(typ, target), "reference")
        self.report(consistency.authors(self.posts, people, line_of))  # type: ignore[arg-type]
        persons = [p for p in people.values() if isinstance(p, Person)]
        talks = [s for s in self.tables["session"].values() if isinstance(s, Session)]
        self.report(consistency.alias_conflicts(persons, where))
        self.report(consistency.probable_duplicates(persons, talks, where))
        if self.config.get("conference_tags_strict"):
            aliases, names, _ = vocabulary(SimpleNamespace(**self.config))
            records = [
                *people.values(),
                *events.values(),
                *self.tables["session"].values(),
                *(record for _, record in self.shadowed),
            ]
            self.report(
                consistency.tags(records, [*self.posts, *self.page_tags], aliases, names, line_of)
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
    advice = [p for p in problems if p.subtype in v.ADVISORY]
    errors = len(problems) - len(advice)
    noun = "problem" if errors == 1 else "problems"
    print(
        f"checked {count} pages: {errors or 'no'} {noun}"
        + ("; fix each at the file and line shown" if errors else "")
        + (
            f"; {len(advice)} probable duplicate{'s' if len(advice) != 1 else ''} of people "
            "(advice: the exit status ignores them)"
            if advice
            else ""
        ),
        file=sys.stderr,
    )
    return 1 if errors else 0
