"""Conference series: the editions of one conference across years (``conference_series``).

An event names its series with ``:series: <id>``; ``conference_series`` in ``conf.py``
gives each id a name and a description (``id -> {"name": ..., "description": ...}``,
or ``id -> name``).  Pure functions: the build, ``check`` and the pages read the
series through :func:`series_table` and :func:`undefined_series`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sphinx_conference.core.consistency import Finding, sort_key
from sphinx_conference.core.model import Event
from sphinx_conference.core.validation import SLUG_RE

#: where the series pages go: ``series/<id>`` and ``series/index``
SERIES_DIR = "series"


@dataclass(frozen=True)
class Series:
    """One series: its id, name and description, and whether ``conference_series`` defines it."""

    id: str
    name: str
    description: str = ""
    defined: bool = True

    @property
    def docname(self) -> str:
        """The name of its generated page."""
        return f"{SERIES_DIR}/{self.id}"


def series_table(value: Any) -> tuple[dict[str, Series], list[str]]:
    """The series ``conference_series`` defines, and what is wrong with it (messages).

    A malformed entry is left out, with a message naming it; a bare string is the name.
    """
    table: dict[str, Series] = {}
    problems: list[str] = []
    if not isinstance(value, Mapping):
        return table, [f"expected a dict of series id -> {{name, description}}, got {value!r}"]
    for key, entry in value.items():
        sid = str(key).strip()
        if not SLUG_RE.match(sid):
            problems.append(
                f"series id {key!r}: expected a lower-case slug (letters, digits and '-'), "
                "e.g. 'pycon'"
            )
            continue
        if isinstance(entry, str):
            table[sid] = Series(sid, entry.strip() or sid)
        elif isinstance(entry, Mapping) and set(map(str, entry)) <= {"name", "description"}:
            name, description = entry.get("name", ""), entry.get("description", "")
            if not isinstance(name, str) or not isinstance(description, str):
                problems.append(f"series {sid!r}: 'name' and 'description' must be text")
                continue
            table[sid] = Series(sid, name.strip() or sid, " ".join(description.split()))
        else:
            problems.append(
                f"series {sid!r}: expected a name or a dict with 'name' and 'description', "
                f"got {entry!r}"
            )
    return table, problems


def series_of(sid: str, table: Mapping[str, Series]) -> Series:
    """The series ``sid``: its definition, else one named by its id (``defined`` false)."""
    found = table.get(sid)
    return found if found is not None else Series(sid, sid, defined=False)


def used_series(events: Iterable[Event], table: Mapping[str, Series]) -> list[Series]:
    """Every series defined or used by an event, by name (case-insensitively), then id."""
    ids = set(table) | {e.series for e in events if e.series}
    return sorted((series_of(sid, table) for sid in ids), key=lambda s: (s.name.lower(), s.id))


def years_text(editions: Iterable[Event]) -> str:
    """The years of ``editions``, oldest first, runs joined: ``2019, 2021–2023``."""
    years = sorted({e.year for e in editions if e.year is not None})
    runs: list[list[int]] = []
    for year in years:
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


def undefined_message(event: Event, table: Mapping[str, Series]) -> str:
    """The warning for an event whose series ``conference_series`` does not define."""
    known = ", ".join(sorted(table)) or "none defined yet"
    return (
        f"{{event}} {event.id!r} field 'series': unknown series id {event.series!r}; "
        f"expected one of conference_series in conf.py ({known}), or add it there with a "
        "name and description (its page is built meanwhile, named by its id)"
    )


def undefined_series(events: Iterable[Event], table: Mapping[str, Series]) -> list[Finding]:
    """Events naming a series that ``conference_series`` does not define, at the field's line."""
    return [
        Finding(e.docname, e.line_of("series"), undefined_message(e, table), "series")
        for e in sorted(events, key=sort_key)
        if e.series and e.series not in table
    ]
