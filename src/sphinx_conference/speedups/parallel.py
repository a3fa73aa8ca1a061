"""Sphinx's parallel builds (``-j N``): lighter chunks to read, and no records nobody sees.

**Reading.**

Sphinx reads each chunk of documents in a forked process, which sends its whole
environment back (``pickle.dumps(env)``) for the main process to merge.  A process
forked late carries every chunk merged before it, so on a large site the main process
unpickles the site's environment many times over: with 2,650 documents and ``-j 2``
that was about 15 of the 29 seconds of reading, nearly all of it the tables of contents
and titles of other documents (``env.tocs``, ``env.titles``, ``env.longtitles``:
docutils nodes, slow to unpickle).  The merge keeps only the entries of the chunk's own
documents (``merge_other`` of Sphinx's toctree and title collectors), and reading a
document never looks at another's table of contents or title.

So in a reading process other than the main one, before its first document, this drops
those it inherited; the entries of the documents it reads are added as they are read
and merged as before.  The main process and serial builds are untouched.

**Records nobody sees.**  Sphinx sets its logger to ``DEBUG`` and lets its handlers
drop what the build's verbosity hides; every event it emits logs a debug record
with ``repr()`` of the event's arguments (for ``html-page-context``, the page's
whole context, body included).  In a forked process each record is kept, formatted
and pickled back to the main process, which unpickles and drops it: with ``-j 2``
and 2,650 documents, 2.6 MB per chunk of 163 pages, a third of the writer's time.
So from ``builder-inited`` to ``build-finished`` the logger's own level is the
lowest the build shows (:data:`sphinx.util.logging.VERBOSITY_MAP`); at ``-vv`` and
above, which show debug records, nothing changes.  This applies to serial builds
too (the records are made, and dropped by the handlers, there as well).

Switches: ``trim_forked_env`` (reading) and ``quiet_logger`` (records), see
:mod:`.switches`.  Both are fixes Sphinx could make itself: pickle only the chunk's
entries in ``_read_parallel``, and guard ``repr(args)`` in ``EventManager.emit``
with ``logger.isEnabledFor(DEBUG)``.
"""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING

from sphinx.util.logging import NAMESPACE, VERBOSITY_MAP
from sphinx.util.parallel import parallel_available

from sphinx_conference.speedups.switches import enabled, state

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def note_main_process(app: Sphinx) -> None:
    """``builder-inited``: remember which process is the main one."""
    state(app).main_pid = os.getpid()


def drop_inherited_entries(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: in a forked reading process, forget the tocs and titles it inherited."""
    known = state(app)
    pid = os.getpid()
    if pid in (known.main_pid, known.trimmed_in) or not enabled(app, "trim_forked_env"):
        return
    known.trimmed_in = pid
    # This document's own entries are added after this event (at doctree-read).
    env = app.env
    for table in (env.tocs, env.titles, env.longtitles):
        table.clear()


def runs_in_parallel(app: Sphinx) -> bool:
    """Whether this build may fork processes (``-j N`` where the platform can fork)."""
    return app.parallel > 1 and parallel_available


def skip_unshown_records(app: Sphinx) -> None:
    """``builder-inited``: Sphinx's logger makes no record the build would not show."""
    if not enabled(app, "quiet_logger"):
        return
    level = VERBOSITY_MAP.get(max(app.verbosity, 0), logging.DEBUG)
    logger = logging.getLogger(NAMESPACE)
    if level > logger.level:
        state(app).log_level = logger.level
        logger.setLevel(level)


def restore_log_level(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: the level Sphinx set (what comes after the build may log more)."""
    known = state(app)
    if known.log_level is not None:
        logging.getLogger(NAMESPACE).setLevel(known.log_level)
        known.log_level = None


def setup_parallel(app: Sphinx) -> None:
    """Register the hooks."""
    app.connect("builder-inited", note_main_process)
    app.connect("builder-inited", skip_unshown_records)
    app.connect("build-finished", restore_log_level, priority=999)
    app.connect("source-read", drop_inherited_entries)
