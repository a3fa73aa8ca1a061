"""Where MyST gives up on the extension's syntax, name the cause and keep what can be kept.

Two cases, both only in Markdown sources (reStructuredText has its own option parser):

* **An option block MyST cannot read.**  MyST reads a directive's ``:key: value``
  lines as one block; one line it cannot tokenise (a value that starts with a quote
  and goes on after it, ``:role: "Head" of things``, or a quote that is never closed)
  makes it drop *every* option of the directive, with one ``myst.directive_option``
  warning ("Invalid options format").  :func:`read_option_lines` reads the block line
  by line, with MyST's rules for one line (plain values, ``'...'`` and ``"..."``
  values, ``#`` comments), so the directive keeps each line it can read and reports
  each one it cannot, at its line, with the value quoted the way MyST accepts.
* **Colon fences without ``colon_fence``.**  Without that MyST extension a
  ``:::{speaker}`` block is a paragraph of text, and the only symptoms are unknown-id
  warnings far away.  :func:`check_colon_fences` looks for the extension's directives
  in colon fences before the sources are read and says, once per build, what to change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx_conference.domain.report import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: the extension's directives (as written after ``:::{``)
DIRECTIVES = frozenset(
    {
        "speaker",
        "speaker-card",
        "event",
        "session",
        "session-list",
        "speaker-list",
        "post-list",
        "event-list",
    }
)

# -- option lines ------------------------------------------------------------------------

_FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,}|:{3,})\{")
_KEY_RE = re.compile(r"^:(?P<key>[^:\s][^:]*?):(?P<rest>.*)$")
_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v",
    "f": "\f", "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\",
    "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029",
}  # fmt: skip
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}


@dataclass(frozen=True)
class OptionLine:
    """One ``:key: value`` line of a directive's option block, read on its own."""

    offset: int
    """Lines from the directive's first line (the fence) to this one."""
    key: str
    value: str | None
    """The value as MyST would read it; ``None`` when the line cannot be read."""
    problem: str = ""
    """Why the line cannot be read, and what to write instead."""


def _quoted(text: str) -> tuple[str, str] | None:
    """``(value, rest)`` of a single- or double-quoted scalar at the start of ``text``."""
    quote, i, out = text[0], 1, []
    while i < len(text):
        ch = text[i]
        if quote == "'" and ch == "'":
            if text[i + 1 : i + 2] == "'":
                out.append("'")
                i += 2
                continue
            return "".join(out), text[i + 1 :]
        if quote == '"' and ch == '"':
            return "".join(out), text[i + 1 :]
        if quote == '"' and ch == "\\":
            code = text[i + 1 : i + 2]
            if code in _ESCAPES:
                out.append(_ESCAPES[code])
                i += 2
                continue
            width = _HEX_ESCAPES.get(code)
            digits = text[i + 2 : i + 2 + width] if width else ""
            if (
                width
                and len(digits) == width
                and all(c in "0123456789abcdefABCDEF" for c in digits)
            ):
                out.append(chr(int(digits, 16)))
                i += 2 + width
                continue
            return None
        out.append(ch)
        i += 1
    return None


def quote_value(value: str) -> str:
    """``value`` quoted so that MyST reads it back unchanged."""
    if "'" not in value:
        return f"'{value}'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def read_option_line(text: str) -> tuple[str, str | None, str]:
    """``(key, value, problem)`` of one option line, ``text`` starting with ``:``.

    The value is what MyST reads from the line alone; it is ``None`` (and the
    problem says why and what to write) when MyST could not read it.
    """
    m = _KEY_RE.match(text)
    if m is None or m.group("rest")[:1] not in {"", " ", "\t"}:
        key = text[1:].split(":", 1)[0].strip() or "?"
        after = text[1:].split(":", 1)[1].strip() if ":" in text[1:] else ""
        return (
            key,
            None,
            f"expected ':{key}: value' (a space after the second colon): :{key}: {after}",
        )
    key, raw = m.group("key").strip(), m.group("rest").strip()
    if not raw:
        return key, "", ""
    if raw[0] in "'\"":
        read = _quoted(raw)
        if read is not None and (not read[1].strip() or read[1].strip().startswith("#")):
            return key, read[0], ""
        what = "does not end with it" if read is None else "goes on after the closing quote"
        fix = quote_value(raw)
        return (
            key,
            None,
            f"the value starts with a quote and {what}; quote the whole value: :{key}: {fix}",
        )
    if raw[0] in "|>":
        return (
            key,
            None,
            f"a block value ({raw[0]}) cannot be read here; write the value on the line: :{key}: <value>",
        )
    value = re.split(r"[ \t]#", raw, maxsplit=1)[0].strip()
    return key, value, ""


def is_fence_line(line: str) -> bool:
    """Whether ``line`` opens a MyST directive (backtick, tilde or colon fence)."""
    return bool(_FENCE_RE.match(line))


def option_block(block_text: str) -> list[tuple[int, str]]:
    """``(offset, line)`` of the option lines of a MyST directive's full text.

    ``block_text`` starts with the fence line; the option lines are the ``:key:``
    lines right after it, or the ``key: value`` lines between two ``---`` lines.
    Empty when ``block_text`` does not start with a fence.
    """
    lines = block_text.splitlines()
    if not lines or not is_fence_line(lines[0]):
        return []
    out: list[tuple[int, str]] = []
    if len(lines) > 1 and lines[1].startswith("---"):
        for offset in range(2, len(lines)):
            if lines[offset].startswith("---"):
                return out
            if lines[offset].strip():
                out.append((offset, ":" + lines[offset].strip()))
        return []  # no closing '---': not an option block MyST read
    for offset in range(1, len(lines)):
        text = lines[offset].lstrip()
        if not text.startswith(":") or text.startswith(":::"):
            break
        out.append((offset, text))
    return out


def read_option_lines(block_text: str) -> list[OptionLine]:
    """Each option line of a MyST directive's full text, read on its own."""
    out = []
    for offset, text in option_block(block_text):
        key, value, problem = read_option_line(text)
        out.append(OptionLine(offset, key, value, problem))
    return out


def markdown_suffixes(app_config: object) -> tuple[str, ...]:
    """The source suffixes the project parses as Markdown."""
    suffixes = getattr(app_config, "source_suffix", {}) or {}
    if isinstance(suffixes, dict):
        return tuple(s for s, kind in suffixes.items() if kind == "markdown")
    return ()


# -- colon fences without colon_fence ----------------------------------------------------

_COLON_DIRECTIVE_RE = re.compile(r"^ {0,3}:{3,}\{([\w:.-]+)\}")
_CODE_FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def first_colon_fence(text: str) -> tuple[int, str] | None:
    """``(line, directive)`` of the first of the extension's directives in a colon fence.

    Colon fences shown inside backtick or tilde code blocks do not count.
    """
    code: str | None = None
    for lineno, line in enumerate(text.splitlines(), start=1):
        if m := _CODE_FENCE_RE.match(line):
            fence = m.group(1)
            if code is None:
                code = fence
            elif fence[0] == code[0] and len(fence) >= len(code) and not line.strip()[len(fence) :]:
                code = None
            continue
        if code is None and (m := _COLON_DIRECTIVE_RE.match(line)):
            name = m.group(1).removeprefix("conference:")
            if name in DIRECTIVES:
                return lineno, name
    return None


def check_colon_fences(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: one warning when colon fences are used without ``colon_fence``."""
    if "colon_fence" in (getattr(app.config, "myst_enable_extensions", None) or ()):
        return
    suffixes = markdown_suffixes(app.config)
    if not suffixes:
        return
    for docname in sorted(docnames):
        path = Path(env.doc2path(docname))
        if not path.name.endswith(suffixes):
            continue
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if hit := first_colon_fence(text):
            line, name = hit
            warn(
                f"':::{{{name}}}' is a colon fence, but MyST's 'colon_fence' extension is not "
                "enabled, so this block and every other ':::' block are read as plain text "
                '(and ids they define are unknown); add "colon_fence" to '
                "myst_enable_extensions in conf.py, or write the blocks with backtick fences "
                f"(```{{{name}}} ... ```)",
                location=(docname, line),
                subtype="field",
            )
            return
