"""Sphinx's parallel builds (``-j N``): lighter chunks to read, and the idle end of writing.

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

**Writing.**  The main process resolves each document and hands chunks of them to
``N - 1`` writer processes; with ``-j 2`` one writer, slower than the main process, so
the main process resolves the last document seconds before the pages are written and
then waits.  :func:`last_resolved_in_parallel_write` tells that moment: the
calendars and schedules (:mod:`.exports`) and the generated pages (:mod:`.pages`)
are made then instead of after the last page.

**Records nobody sees.**  Sphinx sets its logger to ``DEBUG`` and lets its handlers
drop what the build's verbosity hides; every event it emits logs a debug record
with ``repr()`` of the event's arguments (for ``html-page-context``, the page's
whole context, body included).  In a forked process each record is kept, formatted
and pickled back to the main process, which unpickles and drops it: with ``-j 2``
and 2,650 documents, 2.6 MB per chunk of 163 pages, a third of the writer's time.
So from ``builder-inited`` to ``build-finished`` the logger's own level is the
lowest the build shows (:data:`sphinx.util.logging.VERBOSITY_MAP`); at ``-vv`` and
above, which show debug records, nothing changes.
"""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING, Any

from sphinx.util.logging import NAMESPACE, VERBOSITY_MAP
from sphinx.util.parallel import parallel_available

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_MAIN_PID = "_conference_main_pid"
#: The forked process that has already dropped what it inherited.
_trimmed_in: int | None = None


def note_main_process(app: Sphinx) -> None:
    """``builder-inited``: remember which process is the main one."""
    setattr(app, _MAIN_PID, os.getpid())


def drop_inherited_entries(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: in a forked reading process, forget the tocs and titles it inherited."""
    global _trimmed_in
    pid = os.getpid()
    if pid == getattr(app, _MAIN_PID, pid) or pid == _trimmed_in:
        return
    _trimmed_in = pid
    # This document's own entries are added after this event (at doctree-read).
    env = app.env
    for table in (env.tocs, env.titles, env.longtitles):
        table.clear()


#: The document the main process resolves last in this parallel write (None: serial).
_LAST = "_conference_last_to_resolve"


def note_last_to_resolve(app: Sphinx, builder: Any) -> None:
    """``write-started``: which document the main process will resolve last, once per build.

    Sphinx resolves documents in sorted order, so the last is the greatest name; a
    build that writes only some documents may never resolve it (then nothing is
    started early).
    """
    last = max(app.env.found_docs) if builder.parallel_ok and app.env.found_docs else None
    setattr(app, _LAST, last)


def last_resolved_in_parallel_write(app: Sphinx, docname: str) -> bool:
    """Whether ``docname`` is the last document the main process resolves in a parallel write."""
    return docname == getattr(app, _LAST, None)


def runs_in_parallel(app: Sphinx) -> bool:
    """Whether this build may fork processes (``-j N`` where the platform can fork)."""
    return app.parallel > 1 and parallel_available


_LOG_LEVEL = "_conference_log_level"


def skip_unshown_records(app: Sphinx) -> None:
    """``builder-inited``: Sphinx's logger makes no record the build would not show."""
    level = VERBOSITY_MAP.get(max(app.verbosity, 0), logging.DEBUG)
    logger = logging.getLogger(NAMESPACE)
    if level > logger.level:
        setattr(app, _LOG_LEVEL, logger.level)
        logger.setLevel(level)


def restore_log_level(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: the level Sphinx set (what comes after the build may log more)."""
    level = getattr(app, _LOG_LEVEL, None)
    if level is not None:
        logging.getLogger(NAMESPACE).setLevel(level)
        setattr(app, _LOG_LEVEL, None)


def setup_parallel(app: Sphinx) -> None:
    """Register the hooks."""
    app.connect("builder-inited", note_main_process)
    app.connect("builder-inited", skip_unshown_records)
    app.connect("build-finished", restore_log_level, priority=999)
    # Before the handlers that ask (exports, pages) run at doctree-resolved.
    app.connect("write-started", note_last_to_resolve, priority=100)
    app.connect("source-read", drop_inherited_entries)
