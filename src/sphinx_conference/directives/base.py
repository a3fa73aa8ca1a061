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
from typing import Any, ClassVar, TypeVar

from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from sphinx_conference.core.validation import FieldError, has_markup, split_list
from sphinx_conference.directives import myst
from sphinx_conference.domain.report import warn
from sphinx_conference.domain.store import ConferenceDomain, get_domain

T = TypeVar("T")


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
        if myst.is_fence_line(self.block_text.split("\n", 1)[0]):
            return self.block_text
        if self.options or not self.option_spec:
            return ""
        source = self.get_source_info()[0] or ""
        if not source.endswith(myst.markdown_suffixes(self.config)) or not Path(source).is_file():
            return ""
        try:
            text = Path(source).read_text("utf-8").splitlines()[self.lineno - 1 :]
        except (OSError, UnicodeDecodeError):
            return ""
        if not text or not re.search(rf"\{{(conference:)?{re.escape(self.name)}\}}", text[0]):
            return ""
        return "\n".join(text[:200])

    def recover_options(self) -> None:
        """Keep every option line MyST dropped with the whole block; warn at each unreadable one.

        MyST drops all options of a directive when one line of the block cannot be read
        (and says so once, as ``myst.directive_option``).  Each line is read again on its
        own: readable ones are kept, each unreadable one is reported at its line with
        what to write instead, and unknown keys are reported as MyST would.
        """
        if self.options:
            return  # MyST read the block (it keeps every known key of a block it reads)
        lines = myst.read_option_lines(self._myst_text())
        spec = self.option_spec or {}
        if not any(line.key in spec for line in lines):
            return
        directive = self.name.split(":")[-1]
        for line in lines:
            where = (self.env.docname, self.lineno + line.offset)
            if line.value is None:
                warn(
                    f"{{{directive}}} field {line.key!r}: MyST cannot read this option line "
                    f"and dropped every option of the directive; the other lines were kept, "
                    f"this one was left out: {line.problem}",
                    location=where,
                    subtype="field",
                )
            elif line.key not in spec:
                warn(
                    f"{{{directive}}} field {line.key!r}: unknown option; expected one of: "
                    f"{', '.join(sorted(spec))}",
                    location=where,
                    subtype="field",
                )
            else:
                self.options.setdefault(line.key, spec[line.key](line.value or None))

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
            f"{{{directive}}} field {name!r}: {message}",
            location=(self.env.docname, self.field_line(name)),
            subtype=subtype,
        )

    def option(self, name: str, parse: Callable[[str], T], default: T) -> T:
        """The parsed value of option ``name``; on error warn and return ``default``."""
        raw = self.options.get(name)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return default
        try:
            return parse(raw)
        except FieldError as err:
            self.warn_field(name, str(err), err.subtype)
            return default

    def text(self, name: str, default: str = "") -> str:
        """A one-line plain-text option; markup in it is shown as text, with a warning."""
        raw = self.options.get(name)
        if raw is None:
            return default
        value = " ".join(str(raw).split())
        if has_markup(value):
            self.warn_field(
                name,
                f"plain text expected, got markup {value!r}; it is shown as text, not rendered",
                "markup",
            )
        return value

    def text_list(self, name: str, separator: str = ",") -> tuple[str, ...]:
        """A list of plain-text items (tags, tracks); markup in an item is shown as text, with a warning."""
        items = split_list(self.options.get(name), separator)
        for item in items:
            if has_markup(item):
                self.warn_field(
                    name,
                    f"plain text expected, got markup {item!r}; it is shown as text, not rendered",
                    "markup",
                )
        return tuple(items)

    def required(self, name: str, value: Any) -> None:
        """Warn when a required field is empty."""
        if not value:
            self.warn_field(name, "this field is required and is missing or empty", "required")


def text_option(argument: str | None) -> str:
    """Option converter that keeps the raw text (validated later)."""
    return directives.unchanged(argument) or ""


def option_spec(*names: str) -> dict[str, Callable[[str | None], str]]:
    """An option spec of plain-text options."""
    return dict.fromkeys(names, text_option)
