"""Feeds, calendars and schedules written in forked processes under ``-j N``.

The core writes them one after the other at ``html-collect-pages``, before the tag
pages, archives and indices are rendered and the search index is dumped.  With
``-j N`` each group (the feeds; the calendars and schedules) is written in a
process forked with Sphinx's own parallel tasks while the main process goes on with
those pages; ``build-finished`` waits for them (before the core saves its output
cache and removes stale exports).  Switch: ``parallel_exports``.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from sphinx.util.parallel import ParallelTasks

from sphinx_conference.outputs.cache import Job
from sphinx_conference.outputs.exports import WRITE_EVENT, write_jobs
from sphinx_conference.speedups.parallel import runs_in_parallel
from sphinx_conference.speedups.switches import enabled, state

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def write_in_parallel(app: Sphinx, groups: list[list[Job]]) -> bool | None:
    """``conference-write-exports``: start one forked process per group (at most ``-j``)."""
    if not runs_in_parallel(app) or not enabled(app, "parallel_exports"):
        return None
    tasks = ParallelTasks(min(len(groups), app.parallel))
    for jobs in groups:
        tasks.add_task(partial(write_jobs, str(app.outdir), jobs))
    state(app).export_tasks.append(tasks)
    return True


def finish_exports(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: wait for the exports written in forked processes."""
    known = state(app)
    started, known.export_tasks = known.export_tasks, []
    for tasks in started:
        tasks.join()


def setup_exports(app: Sphinx) -> None:
    """Register the writer and the wait (before the core's own build-finished work)."""
    app.connect(WRITE_EVENT, write_in_parallel)
    app.connect("build-finished", finish_exports, priority=100)
