"""``python -m sphinx_conference import SCHEDULE``: a schedule to event, session and people pages.

See ``docs/importing.md``.  Warnings go to stderr as they happen, a progress bar to stderr
when it is a terminal, the summary to stdout.  Exit status: 0 when the schedule was
imported (warnings or not), 1 when it could not be.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TextIO

from sphinx_conference.cli.check import find_root, load_config
from sphinx_conference.cli.importers import import_schedule
from sphinx_conference.cli.importers.common import FORMATS, ScheduleError
from sphinx_conference.core.config import DEFAULT_SESSION_TYPES
from sphinx_conference.core.validation import FieldError, parse_timezone

#: pages below which no progress bar is drawn: the import is over before it would show
PROGRESS_MIN = 50


class ProgressBar:
    """A one-line progress bar redrawn in place on a terminal."""

    def __init__(self, stream: TextIO, label: str = "importing", width: int = 30) -> None:
        self.stream = stream
        self.label = label
        self.width = width
        self.last = -1.0
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        """Draw ``done`` of ``total``, at most every 1% (and always at the end)."""
        if total <= 0:
            return
        frac = done / total
        if done < total and frac - self.last < 0.01:
            return
        self.last = frac
        filled = int(frac * self.width)
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r{self.label} [{bar}] {done}/{total}")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        """End the bar's line."""
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()


def site_session_types(into: Path) -> tuple[str, ...]:
    """The session types of the site that holds ``into`` (its ``conference_session_types``)."""
    folder = into.resolve()
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    root = find_root(folder)
    if root is None:
        return DEFAULT_SESSION_TYPES
    try:
        types = load_config(root).get("conference_session_types") or DEFAULT_SESSION_TYPES
    except Exception:  # a broken conf.py is the build's to report
        return DEFAULT_SESSION_TYPES
    return tuple(str(t).lower() for t in types)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``import``."""
    parser.add_argument(
        "schedule",
        metavar="SCHEDULE",
        type=Path,
        help="the schedule export: a file path (frab/c3voc JSON or XML, pretalx JSON, "
        "pentabarf XML or wafer XML)",
    )
    parser.add_argument(
        "--into",
        metavar="DIR",
        type=Path,
        default=Path("events"),
        help="the site's events folder (default: events); pages go to DIR/<year>/<event-id>/",
    )
    parser.add_argument(
        "--people",
        metavar="DIR",
        type=Path,
        default=None,
        help="the people folder (default: the events folder's sibling 'people')",
    )
    parser.add_argument(
        "--event-id",
        metavar="ID",
        default="",
        help="the event's id (default: the slug of the schedule's acronym or title)",
    )
    parser.add_argument(
        "--series",
        metavar="ID",
        default="",
        help="the id of the series the event is an edition of (sets the event's :series:; "
        "name it in conference_series in conf.py)",
    )
    parser.add_argument(
        "--format",
        dest="fmt",
        default="auto",
        choices=["auto", *FORMATS],
        help="the export's format (default: detected)",
    )
    parser.add_argument(
        "--timezone",
        metavar="ZONE",
        default="",
        help="the event's IANA time zone, where the schedule names none (e.g. Europe/Berlin)",
    )
    parser.add_argument(
        "--session-pages",
        choices=["auto", "always", "never"],
        default="auto",
        help="a page per session: always, never, or auto (events of more than 40 sessions)",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="overwrite pages edited by hand (by default they are kept)",
    )
    parser.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        default="",
        help="the date schedule changes are recorded with (default: SOURCE_DATE_EPOCH's "
        "day, else today)",
    )
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="no progress bar and no summary; warnings and errors only",
    )


def run(args: argparse.Namespace) -> int:
    """Import the schedule; print warnings, progress and a summary."""
    err = sys.stderr
    if args.timezone:
        try:
            parse_timezone(args.timezone)
        except FieldError as e:
            print(f"error: --timezone: {e}", file=err)
            return 1
    bar = ProgressBar(err) if not args.quiet and err.isatty() else None

    def progress(done: int, total: int) -> None:
        if bar is not None and total >= PROGRESS_MIN:
            bar(done, total)

    start = time.perf_counter()
    types = site_session_types(args.into)
    try:
        result = import_schedule(
            args.schedule,
            args.into,
            people=args.people,
            event_id=args.event_id,
            series=args.series,
            timezone=args.timezone,
            session_pages=args.session_pages,
            force=args.force,
            date=args.date,
            fmt=args.fmt,
            session_types=types,
            warnings=err,
            progress=progress,
        )
    except ScheduleError as e:
        if bar is not None:
            bar.close()
        print(f"error: {args.schedule}: {e}", file=err)
        return 1
    if bar is not None:
        bar.close()
    result.seconds = time.perf_counter() - start
    if not args.quiet:
        print(result.summary())
    return 0
