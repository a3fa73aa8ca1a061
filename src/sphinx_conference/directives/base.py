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
from pathlib import Path
from typing import ClassVar

from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from sphinx_conference.core import rules
from sphinx_conference.domain.report import warn
from sphinx_conference.domain.store import ConferenceDomain, get_domain


class ConferenceDirective(SphinxDirective):
    """Base of every directive of the extension."""

    #: option name -> what it is, for messages ("the speaker's name")
    field_names: ClassVar[dict[str, str]] = {}

    @property
    def domain(self) -> ConferenceDomain:
        """The conference domain."""
        return get_domain(self.env)

    def field_line(self, name: str) -> int:
        """The source line of option ``name`` (the directive's line when not found)."""
        pattern = re.compile(rf"^\s*:?{re.escape(name)}:(\s|$)")
        for offset, line in enumerate(self.block_text.splitlines()):
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
            docpath=self.env.doc2path(self.env.docname, False).as_posix(),
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
