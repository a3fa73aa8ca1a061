"""Writing the feeds, calendars and schedules: beside the last pages of a parallel build.

Which exports changed is decided in the main process (their fingerprints go into
the output cache there).  With ``-j N`` the writing runs in forked processes, using
Sphinx's own parallel tasks; otherwise it runs in the main process when every
document is written (``html-collect-pages``).

* Calendars and schedules need only the domain's records.  In a parallel build
  Sphinx's writer processes are the slow side: the main process resolves the last
  document well before they have written everything, and then waits.  So they start
  when the main process has resolved the last document (``doctree-resolved``), in
  a forked process that runs while it waits.
* Feeds need every post's captured body: they start at ``html-collect-pages``, in
  a forked process, while the main process renders the tag pages, archives and
  indices and dumps the search index.

``build-finished`` waits for both before the output cache is saved and stale exports
are removed.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from sphinx.util.parallel import ParallelTasks

from sphinx_conference.outputs.cache import Job, is_html, write_text
from sphinx_conference.outputs.feeds import feed_jobs
from sphinx_conference.outputs.ical import calendar_jobs
from sphinx_conference.outputs.schedule import schedule_jobs
from sphinx_conference.speedups.parallel import last_resolved_in_parallel_write, runs_in_parallel

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_TASKS = "_conference_export_tasks"
#: The calendars and schedules started early: None while documents are being written
#: and nothing started yet; the jobs once started; _IDLE outside the write phase.
_EARLY = "_conference_early_exports"
_IDLE = "idle"


def record_jobs(app: Sphinx) -> list[Job]:
    """The calendars and schedules whose inputs changed since the previous build."""
    return [*calendar_jobs(app), *schedule_jobs(app)]


def _start(app: Sphinx, groups: list[list[Job]]) -> None:
    tasks = ParallelTasks(min(len(groups), app.parallel))
    for jobs in groups:
        tasks.add_task(partial(write_jobs, str(app.outdir), jobs))
    started = getattr(app, _TASKS, None)
    if started is None:
        started = []
        setattr(app, _TASKS, started)
    started.append(tasks)


def note_writing(app: Sphinx, builder: Any) -> None:
    """``write-started``: the calendars may start after the last document is resolved."""
    setattr(app, _EARLY, None)


def start_record_exports(app: Sphinx, doctree: Any, docname: str) -> None:
    """``doctree-resolved``: in a parallel write, start the calendars after the last document.

    Sphinx resolves documents in the main process in sorted order, so the last of
    them is the greatest name; in a build that writes only some documents, the
    calendars start with the feeds instead.
    """
    if getattr(app, _EARLY, _IDLE) is not None:  # started, or not in the write phase
        return
    if not is_html(app) or not last_resolved_in_parallel_write(app, docname):
        return
    jobs = record_jobs(app)
    setattr(app, _EARLY, jobs)
    if jobs:
        _start(app, [jobs])


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

    early = getattr(app, _EARLY, _IDLE)
    setattr(app, _EARLY, _IDLE)
    started_early = isinstance(early, list)
    groups = [feed_jobs(app)] if started_early else [feed_jobs(app), record_jobs(app)]
    groups = [jobs for jobs in groups if jobs]
    if groups and runs_in_parallel(app):
        _start(app, groups)
    else:
        for jobs in groups:
            write_jobs(str(app.outdir), jobs)
    app._conference_feed_entries = None  # type: ignore[attr-defined]
    app._conference_body_digests = None  # type: ignore[attr-defined]
    return []  # no pages: this handler only starts the writing


def finish_exports(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: wait for the exports written in forked processes."""
    started: list[ParallelTasks] = getattr(app, _TASKS, None) or []
    setattr(app, _TASKS, [])
    setattr(app, _EARLY, _IDLE)
    for tasks in started:
        tasks.join()


def setup_exports(app: Sphinx) -> None:
    """Register the starts (before the extension's own pages) and the wait."""
    app.connect("write-started", note_writing)
    # After the page's own placeholders are filled (the lists' items are not exports).
    app.connect("doctree-resolved", start_record_exports, priority=900)
    app.connect("html-collect-pages", start_exports, priority=100)
    # Before the output cache is saved (800) and stale exports are removed (900).
    app.connect("build-finished", finish_exports, priority=200)
