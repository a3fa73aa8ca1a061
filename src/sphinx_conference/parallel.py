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
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

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


def setup_parallel(app: Sphinx) -> None:
    """Register the hooks."""
    app.connect("builder-inited", note_main_process)
    # Before the handlers that ask (exports, pages) run at doctree-resolved.
    app.connect("write-started", note_last_to_resolve, priority=100)
    app.connect("source-read", drop_inherited_entries)
