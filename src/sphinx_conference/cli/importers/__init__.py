"""Schedule importers: pretalx, frab/c3voc, pentabarf (FOSDEM) and wafer (DebConf) exports to pages.

Public entry points:

- :func:`read_schedule` detects the format of a file and returns the normalised
  :class:`~.common.Schedule`;
- :func:`import_schedule` reads a file and writes the event page, session pages and people
  pages (what ``python -m sphinx_conference import`` runs), returning an
  :class:`~.writer.ImportResult` with counts, timings and warnings.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx_conference.cli.importers import frab, pentabarf, pretalx, wafer, xmlschedule
from sphinx_conference.cli.importers.common import (
    FORMATS,
    Report,
    Schedule,
    ScheduleError,
    finalise,
)
from sphinx_conference.cli.importers.pretalx import is_pretalx
from sphinx_conference.cli.importers.writer import Options, write_site

if TYPE_CHECKING:
    from sphinx_conference.cli.importers.writer import ImportResult

__all__ = [
    "FORMATS",
    "Report",
    "Schedule",
    "ScheduleError",
    "detect_format",
    "import_schedule",
    "read_schedule",
]


def _strip_bom(data: bytes) -> bytes:
    for bom in (b"\xef\xbb\xbf",):
        if data.startswith(bom):
            return data[len(bom) :]
    return data


def detect_format(data: bytes) -> tuple[str, Any]:
    """``(format key, parsed document)`` of a schedule export's bytes."""
    data = _strip_bom(data)
    head = data.lstrip()[:1]
    if head in (b"{", b"["):
        try:
            doc = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            raise ScheduleError(f"not valid JSON: {err}") from None

        return ("pretalx" if is_pretalx(doc) else "frab-json"), doc
    if head == b"<":
        root = xmlschedule.parse(data)
        if root.tag != "schedule":
            raise ScheduleError(f"expected a <schedule> XML document, got <{root.tag}>")
        if wafer.looks_like(root):
            return "wafer", root
        if pentabarf.looks_like(root):
            return "pentabarf", root
        return "frab-xml", root
    raise ScheduleError("neither JSON nor XML: expected a pretalx, frab, pentabarf or wafer export")


def read_schedule(
    path: str | Path, report: Report | None = None, *, fmt: str = "auto", timezone: str = ""
) -> Schedule:
    """Read and normalise a schedule file; ``fmt`` forces a format (a FORMATS key)."""
    report = report if report is not None else Report()
    if str(path).lower().startswith(("http://", "https://")):
        raise ScheduleError("URLs are not fetched: download the export and give the file's path")
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise ScheduleError(f"cannot read {path}: {err.strerror or err}") from None
    detected, doc = detect_format(data)
    if fmt not in ("auto", "", detected):
        if fmt not in FORMATS:
            raise ScheduleError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
        json_formats = {"frab-json", "pretalx"}
        if (fmt in json_formats) != (detected in json_formats):
            raise ScheduleError(f"the file is {FORMATS[detected]}, not {FORMATS[fmt]}")
        detected = fmt
    if detected == "pretalx":
        schedule = pretalx.read(doc, report)
    elif detected == "frab-json":
        schedule = frab.read_json(doc, report)
    elif detected == "wafer":
        schedule = wafer.read_root(doc, report)
    elif detected == "pentabarf":
        schedule = pentabarf.read_root(doc, report)
    else:
        schedule = frab.read_xml_root(doc, report)
    finalise(schedule, report, timezone)
    return schedule


def import_schedule(path: str | Path, into: str | Path = "events", **options: Any) -> ImportResult:
    """Import a schedule file into a site; see :class:`.writer.Options` for ``options``.

    Returns an :class:`.writer.ImportResult`; raises :class:`ScheduleError` when the file
    cannot be imported at all.
    """
    stream = options.pop("warnings", None)
    fmt = options.pop("fmt", "auto")
    progress = options.pop("progress", None)
    report = Report(Path(path).name, stream)
    opts = Options(into=Path(into), **options)
    t0 = time.perf_counter()
    schedule = read_schedule(path, report, fmt=fmt, timezone=opts.timezone)
    t1 = time.perf_counter()
    result = write_site(schedule, opts, report, source_name=Path(path).stem, progress=progress)
    result.read_seconds = t1 - t0
    result.seconds = time.perf_counter() - t0
    return result
