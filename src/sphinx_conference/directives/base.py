"""The shared base of the extension's directives: options read as text and validated.

Options are declared as plain text so that docutils never rejects a value
with its own terse error; each field is then parsed by :mod:`.validation`
and a bad value becomes a warning naming the file, the field's own line, the
field, the value and what was expected.  The directive keeps going: a bad
field is left empty, never the whole object dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import takewhile
from pathlib import Path
from typing import Any, ClassVar, cast

from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from sphinx_conference.core import optionlines, rules
from sphinx_conference.directives import myst
from sphinx_conference.domain.report import warn
from sphinx_conference.domain.store import ConferenceDomain, get_domain


class ConferenceDirective(SphinxDirective):
    """Base of every directive of the extension."""

    #: option name -> what it is, for messages ("the speaker's name")
    field_names: ClassVar[dict[str, str]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.recover_options()

    # -- options MyST could not read -------------------------------------------------------

    def _myst_text(self) -> str:
        """The directive's full MyST text, fence line first ("" when not MyST).

        myst-parser >= 5.2 passes it as ``block_text``; older releases pass only the
        body, so when no option reached the directive its lines are read from the source.
        """
        if optionlines.is_fence_line(self.block_text.split("\n", 1)[0]):
            return self.block_text
        if self.options or not self.option_spec:
            return ""
        return "\n".join(self._source_lines())

    def _source_lines(self) -> list[str]:
        """Up to 200 lines of a Markdown page's source from the directive's fence line on.

        ``[]`` when the page is not Markdown or its line is not this directive's fence.
        """
        source = self.get_source_info()[0] or ""
        if not source.endswith(myst.markdown_suffixes(self.config)) or not Path(source).is_file():
            return []
        # Read once per document, not once per directive: the document's read-time scratch
        # space (env.temp_data) is emptied by Sphinx after each document.
        temp = self.env.temp_data
        cache = cast("dict[str, list[str]]", temp.setdefault("conference_source_lines", {}))
        if source not in cache:
            try:
                cache[source] = Path(source).read_text("utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                cache[source] = []
        text = cache[source][self.lineno - 1 : self.lineno + 199]
        if not text or not re.search(rf"\{{(conference:)?{re.escape(self.name)}\}}", text[0]):
            return []
        return text

    def recover_options(self) -> None:
        """Keep every option line MyST dropped with the whole block; warn at each unreadable one.

        MyST drops all options of a directive when one line of the block cannot be read
        (and says so once, as ``myst.directive_option``).  Each line is read again on its
        own: readable ones are kept, each unreadable one is reported at its line with
        what to write instead, and unknown keys are reported as MyST would.
        """
        if self.options:
            return  # MyST read the block (it keeps every known key of a block it reads)
        spec = self.option_spec or {}
        lines = optionlines.read_option_lines(self._myst_text())
        found = optionlines.recover(self.name.split(":")[-1], lines, spec)
        if found is None:
            return
        for offset, message, subtype in found.problems:
            warn(message, location=(self.env.docname, self.lineno + offset), subtype=subtype)
        for key, value in found.options.items():
            self.options[key] = spec[key](value or None)

    @property
    def domain(self) -> ConferenceDomain:
        """The conference domain."""
        return get_domain(self.env)

    def field_line(self, name: str) -> int:
        """The source line of option ``name`` (the directive's line when not found)."""
        pattern = re.compile(rf"^\s*:?{re.escape(name)}:(\s|$)")
        lines = self.block_text.splitlines()
        fenced = bool(lines) and optionlines.is_fence_line(lines[0])
        if not fenced and (found := self._source_lines()):
            # myst-parser < 5.2 passes only the body as block_text: the option lines (the
            # ``:key:`` lines after the fence) are read from the page's source.
            lines = [found[0], *takewhile(lambda line: line.lstrip().startswith(":"), found[1:])]
        for offset, line in enumerate(lines):
            if pattern.match(line):
                return self.lineno + offset
        return self.lineno

    def warn_field(self, name: str, message: str, subtype: str) -> None:
        """Warn about field ``name`` at its own line."""
        directive = self.name.split(":")[-1]
        warn(
            rules.field_message(directive, name, message),
            location=(self.env.docname, self.field_line(name)),
            subtype=subtype,
        )

    def read_rules(self) -> rules.Reading:
        """The argument and options, read by the directive's description in the rules.

        Each problem is warned about at its field's line.
        """
        spec = rules.DIRECTIVES[self.name.split(":")[-1]]
        ctx = rules.Context(
            session_types=tuple(self.config.conference_session_types),
            srcdir=Path(self.env.srcdir),
            docpath=Path(self.env.doc2path(self.env.docname, False)).as_posix(),
        )
        argument = self.arguments[0] if self.arguments else ""
        reading = rules.read(spec, argument, self.options, ctx)
        for problem in reading.problems:
            self.warn_field(problem.field, problem.message, problem.subtype)
        return reading

    def record_lines(self, kind: str) -> tuple[tuple[str, int], ...]:
        """(field, line) of the fields a record keeps for later warnings."""
        return tuple((f, self.field_line(f)) for f in rules.RECORD_LINES[kind])


def text_option(argument: str | None) -> str:
    """Option converter that keeps the raw text (validated later)."""
    return directives.unchanged(argument) or ""


def option_spec(*names: str) -> dict[str, Callable[[str | None], str]]:
    """An option spec of plain-text options."""
    return dict.fromkeys(names, text_option)
