"""Writing the feeds, calendars, schedules and agenda data, once every page is written.

Which exports changed is decided in the main process (their fingerprints go into
the output cache there), at ``html-collect-pages``: feeds need every post's page
written (:mod:`.feeds` reads each post's body back from it).  The exports are then
written one after the other, in the main process.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_conference.domain.state import get_state
from sphinx_conference.outputs.agenda import agenda_jobs
from sphinx_conference.outputs.cache import Job, is_html, write_text
from sphinx_conference.outputs.feeds import feed_jobs
from sphinx_conference.outputs.ical import calendar_jobs
from sphinx_conference.outputs.schedule import schedule_jobs

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def record_jobs(app: Sphinx) -> list[Job]:
    """The calendars, schedules and agenda data whose inputs changed since the previous build."""
    # The agenda data last: it reads the VEVENTs of the calendars written before it.
    return [*calendar_jobs(app), *schedule_jobs(app), *agenda_jobs(app)]


def write_jobs(outdir: str, jobs: list[Job]) -> None:
    """Make and write each output."""
    for path, make in jobs:
        content = make()
        if content is not None:
            write_text(outdir, path, content)


def write_exports(app: Sphinx) -> list[object]:
    """``html-collect-pages``: write the feeds, calendars and schedules that changed."""
    if not is_html(app):
        return []
    write_jobs(str(app.outdir), [*feed_jobs(app), *record_jobs(app)])
    get_state(app).exports_written()
    return []  # no pages: this handler only writes files beside them
