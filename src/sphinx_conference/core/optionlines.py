"""A MyST directive's option lines read one by one, as MyST reads a single line.

MyST reads a directive's ``:key: value`` lines as one block, and one line it cannot
tokenise makes it drop every option.  :func:`recover` reads the block line by line so
that the build (:mod:`sphinx_conference.directives.base`) and ``check`` keep the same
lines and report the same problems, with the same words.  Pure: no Sphinx, no MyST.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

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
        "schedule-change",
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


@dataclass
class Recovery:
    """What :func:`recover` kept of an option block MyST dropped, and what it reports."""

    options: dict[str, str] = field(default_factory=dict)
    """Key -> value of each readable line of a known key (the first one of a key wins)."""
    problems: list[tuple[int, str, str]] = field(default_factory=list)
    """``(offset from the fence line, message, subtype)`` of each line not kept."""


def recover(directive: str, lines: list[OptionLine], known: Collection[str]) -> Recovery | None:
    """Read again, line by line, an option block MyST dropped; ``None`` if none of it is ours.

    Readable lines of known keys are kept; each unreadable line is reported with what to
    write instead, and each unknown key as MyST would have (it stopped before it could).
    """
    if not any(line.key in known for line in lines):
        return None
    out = Recovery()
    for line in lines:
        if line.value is None:
            out.problems.append(
                (
                    line.offset,
                    f"{{{directive}}} field {line.key!r}: MyST cannot read this option line "
                    "and dropped every option of the directive; the other lines were kept, "
                    f"this one was left out: {line.problem}",
                    "field",
                )
            )
        elif line.key not in known:
            out.problems.append(
                (
                    line.offset,
                    f"{{{directive}}} field {line.key!r}: unknown option; expected one of: "
                    f"{', '.join(sorted(known))}",
                    "field",
                )
            )
        else:
            out.options.setdefault(line.key, line.value)
    return out


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
