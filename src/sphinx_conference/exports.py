"""Writing the feeds, calendars and schedules: beside the last pages of a parallel build.

Which exports changed is decided in the main process (their fingerprints go into
the output cache there).  The writing starts when every document is written
(``html-collect-pages``; feeds need the captured bodies): with ``-j N`` it runs in
forked processes (the feeds in one, the calendars and schedules in another), using
Sphinx's own parallel tasks, while the main process renders the tag pages, archives
and indices and dumps the search index; otherwise it runs there and then.
``build-finished`` waits for it before the output cache is saved and stale exports
are removed.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from sphinx.util.parallel import ParallelTasks, parallel_available

from .outputs import Job, is_html, write_text

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_TASKS = "_conference_export_tasks"


def export_jobs(app: Sphinx) -> list[list[Job]]:
    """Every feed, calendar and schedule whose inputs changed since the previous build.

    In two groups of about the same work (feeds; calendars and schedules) that share
    nothing, so that they can be written side by side.
    """
    from .feeds import feed_jobs
    from .ical import calendar_jobs
    from .schedule import schedule_jobs

    return [feed_jobs(app), [*calendar_jobs(app), *schedule_jobs(app)]]


def write_jobs(outdir: str, jobs: list[Job]) -> None:
    """Make and write each output."""
    for path, make in jobs:
        content = make()
        if content is not None:
            write_text(outdir, path, content)


def start_exports(app: Sphinx) -> list[Any]:
    """``html-collect-pages``: write the exports, in forked processes where allowed."""
    if not is_html(app):
        return []
    groups = [jobs for jobs in export_jobs(app) if jobs]
    if groups and app.parallel > 1 and parallel_available:
        tasks = ParallelTasks(min(len(groups), app.parallel))
        for jobs in groups:
            tasks.add_task(partial(write_jobs, str(app.outdir), jobs))
        setattr(app, _TASKS, tasks)
    else:
        for jobs in groups:
            write_jobs(str(app.outdir), jobs)
    app._conference_feed_content = None  # type: ignore[attr-defined]
    app._conference_body_digests = None  # type: ignore[attr-defined]
    return []  # no pages: this handler only starts the writing


def finish_exports(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: wait for the exports written in forked processes."""
    tasks: ParallelTasks | None = getattr(app, _TASKS, None)
    if tasks is not None:
        setattr(app, _TASKS, None)
        tasks.join()


def setup_exports(app: Sphinx) -> None:
    """Register the start (before the extension's own pages) and the wait."""
    app.connect("html-collect-pages", start_exports, priority=100)
    # Before the output cache is saved (800) and stale exports are removed (900).
    app.connect("build-finished", finish_exports, priority=200)
