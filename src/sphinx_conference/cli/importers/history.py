"""What a re-import changed: the sessions a previous import wrote, compared with the new ones.

A previous import left ``{session}`` blocks in the event's pages, each after a comment that
names the session in the export (``% session-source: <guid or id>``), so a retitled session
keeps its id and page.  :func:`read_previous` reads them back as written;
:func:`compare` says what changed about one session; :func:`change_block` writes the
``{schedule-change}`` block the event's ``changes.md`` records it with (see
``docs/importing.md``).  Values are compared as the importer writes them, so the same
schedule imported twice finds no change.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sphinx_conference.cli.importers.common import ScheduleError, one_line
from sphinx_conference.core import rules
from sphinx_conference.core.changes import CANCELLED, CHANGES_FILE

#: the comment before each session block: which session of the export it is
SOURCE_PREFIX = "% session-source: "
#: the comment before the event's block: the event's acronym in the export
EVENT_PREFIX = "% event-source: "
_BLOCK_RE = re.compile(
    r"^(?P<source>% session-source: (?P<key>[^\n]*)\n)?"
    r"(?P<fence>:{3,})\{session\} (?P<sid>[a-z0-9-]+/[a-z0-9-]+)\n"
    r"(?P<rest>.*?)^(?P=fence)[ \t]*\n",
    re.M | re.S,
)
_OPTION_RE = re.compile(r"^:([\w-]+):[ \t]*(.*?)[ \t]*$")
_EVENT_OPTION_RE = r"^:{name}:[ \t]*(.*?)[ \t]*$"
_EVENT_BLOCK_RE = re.compile(r"^:{3,}\{event\} (\S+)\n(.*?)^:{3,}[ \t]*\n", re.M | re.S)

#: the options compared between two imports, and the kind of change each makes
COMPARED = {"start": "moved", "room": "moved", "title": "retitled", "speakers": "speakers"}


def source_key(guid: str, source_id: str) -> str:
    """The session's identity in the export, as one line for the comment."""
    return re.sub(r"\s+", " ", one_line(guid or source_id)).strip()


def source_comment(key: str) -> str:
    """The comment line written before a session's block ("" without a key)."""
    return f"{SOURCE_PREFIX}{key}\n" if key else ""


def event_comment(acronym: str) -> str:
    """The comment line written before the ``{event}``: the export's acronym of the event."""
    return f"{EVENT_PREFIX}{acronym}\n" if acronym else ""


def options_of(block: str) -> dict[str, str]:
    """The option lines of a ``{session}`` block's text, as written (values still quoted)."""
    out: dict[str, str] = {}
    lines = block.splitlines()
    while lines and not lines[0].startswith(":::"):
        lines.pop(0)  # the source comment
    for line in lines[1:]:
        m = _OPTION_RE.match(line)
        if not m:
            break
        out.setdefault(m.group(1), m.group(2))
    return out


@dataclass
class PreviousSession:
    """A session block a previous import wrote."""

    sid: str
    slug: str
    key: str  # the export's id ("" when the page predates the comment)
    text: str  # the comment (if any) and the block, as written
    path: Path
    options: dict[str, str] = field(default_factory=dict)
    pristine: bool = True  # its page is as the import wrote it

    @property
    def cancelled(self) -> bool:
        """Whether the block says the session is cancelled."""
        return self.options.get("status", "").strip().lower() == CANCELLED

    def as_cancelled(self) -> str:
        """The block's text with ``:status: cancelled`` (the same text when it has it)."""
        if self.cancelled:
            return self.text
        lines = self.text.splitlines(keepends=True)
        at = 0
        while at < len(lines) and not lines[at].lstrip().startswith(":::"):
            at += 1  # the source comment
        at += 1
        while at < len(lines) and _OPTION_RE.match(lines[at].rstrip("\n")):
            at += 1
        status = rules.option_line(rules.SESSION, "status", CANCELLED)
        return "".join([*lines[:at], status, *lines[at:]])


def blocks_in(text: str, event_id: str, path: Path) -> list[PreviousSession]:
    """The session blocks of event ``event_id`` in a page's text."""
    out = []
    for m in _BLOCK_RE.finditer(text):
        sid = m.group("sid")
        if sid.partition("/")[0] != event_id:
            continue
        block = m.group(0)[len(m.group("source") or "") :]
        out.append(
            PreviousSession(
                sid=sid,
                slug=sid.partition("/")[2],
                key=(m.group("key") or "").strip(),
                text=m.group(0),
                path=path,
                options=options_of(block),
            )
        )
    return out


def read_previous(
    event_dir: Path, event_id: str, marker: Callable[[str], tuple[str, str, bool]]
) -> dict[str, PreviousSession]:
    """The sessions the event's generated pages hold, by slug (the event page's first).

    ``marker`` reads a page's import marker: ``(event, body, pristine)``.  Pages written by
    hand (no marker of this event) are not the import's: their sessions are left alone.
    """
    found: dict[str, PreviousSession] = {}
    if not event_dir.is_dir():
        return found
    pages = sorted(event_dir.glob("*.md"), key=lambda p: (p.name != "index.md", p.name))
    for path in pages:
        if path.name == CHANGES_FILE:
            continue
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        event, _, pristine = marker(text)
        if event != event_id:
            continue
        for session in blocks_in(text, event_id, path):
            session.pristine = pristine
            found.setdefault(session.slug, session)
    return found


def event_facts(text: str) -> tuple[str, str, str]:
    """``(name, start, acronym)`` of the ``{event}`` in an event page's text, as written."""
    m = _EVENT_BLOCK_RE.search(text)
    if not m:
        return "", "", ""
    body = m.group(2)
    values = []
    for name in ("name", "start"):
        found = re.search(_EVENT_OPTION_RE.format(name=name), body, re.M)
        values.append(found.group(1) if found else "")
    acronym = re.search(rf"^{re.escape(EVENT_PREFIX)}(.*)$", text[: m.start()], re.M)
    return values[0], values[1], acronym.group(1).strip() if acronym else ""


def same_event(old_page: Path, new_page: str, event_id: str) -> None:
    """Refuse to import another event into ``old_page``'s event.

    Another event: a different acronym in the export (where both pages name one) and a
    different name or first day; without acronyms, a different name and first day.  A
    renamed or a moved event is the same event.
    """
    try:
        old = old_page.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return
    old_name, old_start, old_acronym = event_facts(old)
    new_name, new_start, new_acronym = event_facts(new_page)
    if not old_name and not old_start:
        return
    if old_acronym and new_acronym:
        other = old_acronym != new_acronym and (old_name != new_name or old_start != new_start)
    else:
        other = old_name != new_name and old_start != new_start
    if other:
        raise ScheduleError(
            f"event {event_id!r} in {old_page.as_posix()} is {_unquote(old_name)!r} "
            f"(starting {old_start or 'on no date'}), but the schedule is "
            f"{_unquote(new_name)!r} (starting {new_start or 'on no date'}): another event; "
            "nothing was written (pass --event-id to import it as another event)"
        )


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    return value


def _speakers(raw: str) -> list[str]:
    return sorted(p.strip() for p in raw.split(",") if p.strip())


def compare(old: dict[str, str], new: dict[str, str]) -> tuple[list[str], dict[str, str]]:
    """``(kinds, was)``: what changed from the ``old`` options to the ``new``, and the old values.

    ``was`` holds the ``{schedule-change}`` options (``was-start`` ...) as written.
    """
    kinds: list[str] = []
    was: dict[str, str] = {}
    for name, kind in COMPARED.items():
        before, after = old.get(name, ""), new.get(name, "")
        if name == "speakers":
            if _speakers(before) == _speakers(after):
                continue
        elif before == after:
            continue
        if kind not in kinds:
            kinds.append(kind)
        if before:
            was[f"was-{name}"] = before
    if "moved" in kinds:
        # a moved session says where it was, and when, even where only one of them changed
        for name in ("start", "room"):
            if old.get(name):
                was[f"was-{name}"] = old[name]
    if new.get("status", "").lower() == CANCELLED and old.get("status", "").lower() != CANCELLED:
        kinds.insert(0, CANCELLED)
    if old.get("status", "").lower() == CANCELLED and new.get("status", "").lower() != CANCELLED:
        kinds.insert(0, "added")  # back in the schedule
    order = {k: i for i, k in enumerate(rules.CHANGE_KINDS)}
    return sorted(kinds, key=order.__getitem__), was


def change_block(sid: str, date: dt.date, kinds: list[str], was: dict[str, str]) -> str:
    """The ``{schedule-change}`` block of one session's change."""
    spec = rules.SCHEDULE_CHANGE
    out = [f":::{{{spec.name}}} {sid}\n"]
    out.append(rules.option_line(spec, "date", date.isoformat()))
    out.append(rules.option_line(spec, "change", kinds))
    for name in ("was-start", "was-room", "was-title", "was-speakers"):
        if name in was:
            out.append(f":{name}: {was[name]}\n")
    out.append(":::\n")
    return "".join(out)


CHANGES_HEAD = (
    "% Recorded by `python -m sphinx_conference import` each time a changed schedule of\n"
    "% this event is imported again: one {schedule-change} block per changed session,\n"
    "% oldest first. The event page lists them newest first. Correct a block by hand if\n"
    "% it is wrong: imports only ever add blocks at the end.\n"
)


def changes_page(old: str | None, event_name: str, blocks: list[str]) -> str:
    """The event's ``changes.md`` with ``blocks`` added at its end."""
    text = old if old is not None else f"# Schedule changes: {event_name}\n\n{CHANGES_HEAD}"
    if not text.endswith("\n"):
        text += "\n"
    return text + "".join("\n" + block for block in blocks)


def import_date(given: str) -> dt.date:
    """The date a change is recorded with: ``--date``, else ``SOURCE_DATE_EPOCH``, else today."""
    if given:
        try:
            return dt.date.fromisoformat(given.strip())
        except ValueError:
            raise ScheduleError(f"--date: expected YYYY-MM-DD, got {given!r}") from None
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
        except (ValueError, OverflowError, OSError):
            raise ScheduleError(
                f"SOURCE_DATE_EPOCH: expected seconds since 1970, got {epoch!r}"
            ) from None
    return dt.datetime.now(dt.UTC).date()
