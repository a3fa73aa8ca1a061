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
from typing import Any, ClassVar, TypeVar

from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from sphinx_conference.core.validation import FieldError, has_markup, split_list
from sphinx_conference.domain.report import warn
from sphinx_conference.domain.store import ConferenceDomain, get_domain

T = TypeVar("T")


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
