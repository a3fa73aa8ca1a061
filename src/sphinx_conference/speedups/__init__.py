"""Optional speed-ups: process-wide or version-specific changes a site opts into.

Add ``"sphinx_conference.speedups"`` after ``"sphinx_conference"`` in ``extensions``.
Each speed-up has a switch in ``conference_speedups`` (a dict; every one is on
unless set to False) and runs only on the Sphinx versions it was checked against
(:data:`.switches.SPEEDUPS`):

``gc_freeze``
    Python's cycle collector skips the objects that live through the build, and its
    last pass at exit (:mod:`.gcfreeze`).  Process-wide: every object of the process
    is frozen until the build ends, and an :mod:`atexit` hook is registered.
``trim_forked_env``
    Forked readers (``-j N``) send back only their own tables of contents and
    titles (:mod:`.parallel`).  An extension that reads another document's title
    while reading would find none, under ``-j`` only.
``reuse_docutils_settings``
    Sphinx 9 makes the docutils settings of each document it reads anew (an
    ``OptionParser`` and the configuration files each time); they are made once a
    build and copied (:mod:`.parsing`).  Sphinx 9.0 to 9.2.
``myst_spare_document``
    MyST-Parser makes a spare docutils document for each document it renders and
    throws it away; it makes none when it is given one (:mod:`.parsing`).
    MyST-Parser 4.0 to 5.x.

Three others were measured not to pay and were dropped (``quiet_logger``,
``parallel_exports``, ``warm_lists``; see the Performance page): a site that still
switches one of them gets the warning for an unknown speed-up.

Nothing else in the package imports this one (an import-linter contract).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx_conference.core.version import __version__
from sphinx_conference.speedups import gcfreeze, parallel, parsing
from sphinx_conference.speedups.switches import SPEEDUPS, check_switches

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the speed-ups (each one checks its switch and the Sphinx version)."""
    app.setup_extension("sphinx_conference")
    app.add_config_value(
        "conference_speedups",
        {},
        "",
        types=frozenset({dict}),
        description="speed-ups switched off (name: False); known: " + ", ".join(SPEEDUPS),
    )
    app.connect("config-inited", check_switches)
    gcfreeze.setup_collector(app)
    parallel.setup_parallel(app)
    parsing.setup_parsing(app)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
