"""Python's cycle collector over a build: long-lived objects are walked once, not at every pass.

A full pass of the cycle collector walks every container object alive.  During a
build most of them live until its end: the modules and classes loaded at start-up,
the environment, the extension's records and, in a serial build, every doctree read
(Sphinx keeps them in memory until they are written).  A full pass runs each time the
objects alive have grown by a quarter, so the same objects are walked again and again:
on the benchmark's site of 500 posts the collector took about 2.5 of 18 seconds, more
than twice its share in a plain Sphinx build of the same Markdown.

So the objects alive when reading starts (``env-before-read-docs``, after a collection)
and when it ends (``env-updated``) are moved to the collector's permanent generation
(:func:`gc.freeze`), which it does not walk, and given back at ``build-finished``
(:func:`gc.unfreeze`).  Cyclic garbage among them (a doctree once it is written) is
freed after that instead of during the write phase: memory goes down later, not
higher than the doctrees already took at the end of reading plus what writing makes.
With ``-j N`` the forked processes inherit the frozen objects, so the collector does
not touch (and copy) their pages either.

When the process exits after a build (``sphinx-build``), Python's last collection
would walk every object left once more, only for the memory to go back to the
system: 0.1 s for the environment of 500 posts, about a fifth of a one-page rebuild's
own work.  So a build also registers an :mod:`atexit` hook that freezes what is left
(:func:`freeze_at_exit`); a process that goes on after its builds is not affected.
Python does not promise to finalise objects alive at exit anyway.

``conference_speedups = {"gc_freeze": False}`` leaves the collector alone (an
application that runs Sphinx in-process and manages the collector itself may want that).
"""

from __future__ import annotations

import atexit
import gc
from typing import TYPE_CHECKING, Any

from sphinx_conference.speedups.switches import enabled, state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

NAME = "gc_freeze"


def _freeze(app: Sphinx) -> None:
    gc.freeze()
    state(app).frozen = True


def freeze_before_reading(app: Sphinx, env: BuildEnvironment, docnames: Any) -> None:
    """``env-before-read-docs``: what start-up loaded lives for the whole build.

    Garbage is collected first, so that nothing already unreachable (in a process
    that ran earlier builds, their applications) waits for the end of this build to
    be freed and finalised.
    """
    if enabled(app, NAME):
        gc.collect()
        _freeze(app)


def freeze_after_reading(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: the environment and the doctrees read live until they are written."""
    if enabled(app, NAME):
        _freeze(app)
    return []


def unfreeze(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: give the frozen objects back to the collector."""
    global _exit_hook
    known = state(app)
    if known.frozen:
        known.frozen = False
        gc.unfreeze()
        if not _exit_hook:
            _exit_hook = True
            atexit.register(freeze_at_exit)


#: Whether this process has registered :func:`freeze_at_exit` (once per process).
_exit_hook = False


def freeze_at_exit() -> None:
    """At exit: no last walk of the collector over objects about to go with the process."""
    gc.freeze()


def setup_collector(app: Sphinx) -> None:
    """Register the hooks (last at ``env-updated``, once everything is read and merged)."""
    app.connect("env-before-read-docs", freeze_before_reading)
    app.connect("env-updated", freeze_after_reading, priority=999)
    app.connect("build-finished", unfreeze, priority=999)
