"""Sphinx's parallel builds (``-j N``): lighter chunks to read.

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

Switch: ``trim_forked_env``, see :mod:`.switches`.  It is a fix Sphinx could make
itself: pickle only the chunk's entries in ``_read_parallel``.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

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


def setup_parallel(app: Sphinx) -> None:
    """Register the hooks."""
    app.connect("builder-inited", note_main_process)
    app.connect("source-read", drop_inherited_entries)
