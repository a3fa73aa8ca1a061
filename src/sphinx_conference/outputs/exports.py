"""Writing the feeds, calendars, schedules, social images, agenda data and the site's data.

A calendar, schedule or social image shows records only (an event, its sessions, their speakers),
so it is written as soon as the pages are resolved: with the page that defines its
record, at that page's ``doctree-resolved``, in the main process (which, in a
parallel build, resolves the next pages while a writer process writes the previous
ones, and waits for it otherwise).  Which page resolves when does not matter: each
output is made from the merged domain data, once per build, whichever comes first
of its page and ``html-collect-pages``.  The outputs of the pages that were not
written in this build (an incremental build) are made at ``html-collect-pages``,
with the feeds, which need every post's page written (:mod:`.feeds` reads each
post's body back from it), and with the site's data (:mod:`.opendata`: every record of
the site, in one file).  Whether an output changed is decided in the main process
(its fingerprint goes into the output cache there).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_conference.domain.state import get_state
from sphinx_conference.outputs.agenda import agenda_jobs
from sphinx_conference.outputs.cache import Job, PageJob, is_html, output_cache, write_text
from sphinx_conference.outputs.changes import changes_feed_jobs
from sphinx_conference.outputs.feeds import feed_jobs
from sphinx_conference.outputs.frab import schedule_xml_jobs
from sphinx_conference.outputs.ical import calendar_jobs
from sphinx_conference.outputs.opendata import data_jobs
from sphinx_conference.outputs.schedule import schedule_jobs
from sphinx_conference.outputs.social import social_jobs

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx


class RecordExports:
    """The calendars and schedules of one build, by the page that defines their record."""

    def __init__(self, app: Sphinx) -> None:
        self.app = app
        self.pending: dict[str, list[PageJob]] = {}
        for job in (
            *calendar_jobs(app),
            *schedule_jobs(app),
            *schedule_xml_jobs(app),
            *social_jobs(app),
        ):
            self.pending.setdefault(job[0], []).append(job)

    def jobs(self, docname: str | None = None) -> list[Job]:
        """The outputs of ``docname`` (``None``: all left) that changed since the previous build.

        Each output is listed once per build, whether it changed or not.
        """
        if docname is None:
            owned = [job for jobs in self.pending.values() for job in jobs]
            self.pending = {}
        else:
            owned = self.pending.pop(docname, [])
        cache = output_cache(self.app)
        return [(path, make) for _, path, inputs, make in owned if not cache.fresh(path, inputs)]


def record_exports(app: Sphinx) -> RecordExports:
    """The calendars and schedules of the current build (listed at the first use)."""
    state = get_state(app)
    if state.record_exports is None:
        state.record_exports = RecordExports(app)
    return state.record_exports


def write_page_exports(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: write the calendars and schedules of the records ``docname`` defines."""
    if is_html(app):
        write_jobs(str(app.outdir), record_exports(app).jobs(docname))


def record_jobs(app: Sphinx) -> list[Job]:
    """The calendars and schedules not written yet and the agenda data, where they changed."""
    # The agenda data last: it reads the VEVENTs of the calendars written before it.
    return [*record_exports(app).jobs(), *agenda_jobs(app)]


def write_jobs(outdir: str, jobs: list[Job]) -> None:
    """Make and write each output."""
    for path, make in jobs:
        content = make()
        if content is not None:
            write_text(outdir, path, content)


def write_exports(app: Sphinx) -> list[object]:
    """``html-collect-pages``: write the feeds, the records' outputs not written yet, the data."""
    if not is_html(app):
        return []
    write_jobs(
        str(app.outdir),
        [*feed_jobs(app), *changes_feed_jobs(app), *record_jobs(app), *data_jobs(app)],
    )
    get_state(app).exports_written()
    return []  # no pages: this handler only writes files beside them
