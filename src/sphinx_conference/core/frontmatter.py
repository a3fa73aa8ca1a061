"""Reading a page's YAML front matter: the block between ``---`` fences at its top.

The build (at ``source-read``) and ``check`` both read front matter with
:func:`read`, so they see the same values (YAML as written: dates stay text
and get the date parser's message) and report malformed YAML in the same words
at the same line.  MyST reads the same block for the page's metadata; where
the YAML is malformed the build blanks the block before MyST sees it, so the
page gets this module's message instead of MyST's "Malformed YAML".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

_FENCE_RE = re.compile(r"^---\s*$")

#: the key a page's blanked front matter carries, so readers know it could not be read
UNREADABLE_KEY = "conference_unreadable_front_matter"
EXPECTED = "expected `key: value` lines between the --- fences"

_NO_DATES = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _NoDatesLoader(yaml.SafeLoader):
    """YAML without timestamp conversion: a bad date stays text and gets the date message.

    Used for the words of an error (PyYAML's own parser says "not allowed here").
    """


_NoDatesLoader.yaml_implicit_resolvers = _NO_DATES

#: the C loader where PyYAML has it, the same otherwise (the same results, faster)
_CLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _FastNoDatesLoader(_CLoader):
    """:class:`_NoDatesLoader` on libyaml."""


_FastNoDatesLoader.yaml_implicit_resolvers = _NO_DATES
_LOAD_ERRORS = (yaml.YAMLError, ValueError, TypeError, RecursionError)


def loads_as_myst_does(content: str) -> bool:
    """Whether MyST's ``yaml.safe_load`` (dates converted) reads ``content`` without error."""
    try:
        yaml.load(content, Loader=_CLoader)
    except _LOAD_ERRORS:
        return False
    return True


@dataclass
class FrontMatter:
    """The front matter of one page."""

    #: the parsed keys (empty when there is none or it could not be read)
    data: dict[str, Any] = field(default_factory=dict)
    #: key -> its line in the file (1-based)
    lines: dict[str, int] = field(default_factory=dict)
    #: (line, message) when the block is there but is not a YAML mapping
    error: tuple[int, str] | None = None
    #: the block's first and last line (the fences), 1-based; None when there is no block
    span: tuple[int, int] | None = None
    #: the text between the fences
    content: str = ""

    def line_of(self, key: str) -> int:
        """The line of ``key`` (the first line when it is not there)."""
        return self.lines.get(key, 1)


def find_block(lines: list[str]) -> tuple[int, int] | None:
    """The 0-based indexes of the opening and closing ``---`` of a front-matter block."""
    if not lines or not _FENCE_RE.match(lines[0]):
        return None
    for i in range(1, len(lines)):
        if _FENCE_RE.match(lines[i]):
            return 0, i
    return None


def error_message(err: Exception, first: int) -> tuple[int, str]:
    """(file line, message) of a YAML error in a block whose content starts at line ``first``."""
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    line = first + mark.line if mark is not None else first - 1
    problem = getattr(err, "problem", None) or str(err).splitlines()[0]
    where = f" at line {line}" if mark is not None else ""
    return line, f"front matter: YAML error{where}: {problem}; {EXPECTED}"


def read(text: str) -> FrontMatter:
    """The front matter of a page's ``text``."""
    lines = text.splitlines()
    block = find_block(lines)
    if block is None:
        return FrontMatter()
    start, end = block
    fm = FrontMatter(span=(start + 1, end + 1))
    content = "\n".join(lines[start + 1 : end])
    fm.content = content
    try:
        data = yaml.load(content, Loader=_FastNoDatesLoader)
    except _LOAD_ERRORS:
        try:  # again with PyYAML's own parser, for its words
            yaml.load(content, Loader=_NoDatesLoader)
        except _LOAD_ERRORS as err:
            fm.error = error_message(err, start + 2)
        else:  # pragma: no cover - libyaml and PyYAML disagree
            fm.error = (start + 1, f"front matter: YAML error; {EXPECTED}")
        return fm
    if data is None and not content.strip():
        return fm
    if not isinstance(data, dict):
        fm.error = (
            start + 1,
            f"front matter: expected `key: value` lines between the --- fences, "
            f"got a YAML {type(data).__name__}",
        )
        return fm
    fm.data = data
    for i, line in enumerate(lines[start + 1 : end], start=start + 2):
        if ":" in line and not line[:1].isspace():
            key = line.split(":", 1)[0].strip()
            if key and key not in fm.lines:
                fm.lines[key] = i
    return fm


def blank_block(text: str, fm: FrontMatter) -> str:
    """``text`` with the content of its unreadable front matter replaced, lines kept.

    MyST then reads one key, :data:`UNREADABLE_KEY`, instead of warning "Malformed YAML".
    """
    assert fm.span is not None
    lines = text.split("\n")
    first, last = fm.span
    inner = max(last - first - 1, 1)  # a block with no line between its fences gets one
    replacement = [f"{UNREADABLE_KEY}: true"] + [""] * (inner - 1)
    return "\n".join([*lines[:first], *replacement, *lines[last - 1 :]])
