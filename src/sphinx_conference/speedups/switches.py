"""Each speed-up's switch, the Sphinx versions it was checked against, and its per-build state.

A site turns a speed-up off with ``conference_speedups = {"gc_freeze": False}`` in
``conf.py`` (every one is on by default once ``"sphinx_conference.speedups"`` is in
``extensions``).  A speed-up that relies on how Sphinx works inside runs only on
the Sphinx versions whose sources it was checked against; on any other it does
nothing, and says so once per build at ``-v``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

import sphinx
from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

#: Name: (first Sphinx version checked, first version not checked, what it does).
SPEEDUPS: dict[str, tuple[tuple[int, int], tuple[int, int], str]] = {
    # Python's gc and three documented events only.
    "gc_freeze": (
        (7, 4),
        (10, 0),
        "objects that live through the build are kept out of the cycle collector's passes, "
        "and its last pass at exit is skipped",
    ),
    # _read_parallel pickles the whole env back; the title and toctree collectors'
    # merge_other copy only the chunk's documents.  _read_parallel, read_doc and both
    # merge_other are the same in 9.0.4, 9.1.1 and 9.2.0; 8.2's _read_parallel differs.
    "trim_forked_env": (
        (9, 0),
        (9, 3),
        "forked readers send back only their own tables of contents and titles",
    ),
    # _parse_str_to_doctree makes an OptionParser per document from 9.0 (8.2 cached a
    # publisher per file type); the same code in 9.0.4 and 9.1.0.
    "reuse_docutils_settings": (
        (9, 0),
        (9, 3),
        "the parser's docutils settings are made once a build, not once a document",
    ),
    # MyST-Parser's setup_render (checked in 4.0.0 to 5.2.0; its own version guard).
    "myst_spare_document": (
        (7, 4),
        (10, 0),
        "MyST makes no spare docutils document for each document it renders",
    ),
}

#: Speed-ups measured not to pay (``benchmarks/run.py --ablate``) and removed; a site that
#: still switches one gets the unknown-switch warning, which says so.
DROPPED = frozenset({"quiet_logger", "parallel_exports", "warm_lists"})


@dataclass
class SpeedupState:
    """What the speed-ups remember during one application's builds."""

    #: Speed-ups already reported as off for this Sphinx version.
    announced: set[str] = field(default_factory=set)
    #: Whether gc_freeze froze objects in this build.
    frozen: bool = False
    #: The process that started the build (forked readers are the others).
    main_pid: int = field(default_factory=os.getpid)
    #: The forked process that has dropped the entries it inherited.
    trimmed_in: int | None = None
    #: (owner, attribute, original) replaced for this build, put back at its end.
    restore: list[tuple[Any, str, Any]] = field(default_factory=list)


_states: WeakKeyDictionary[Sphinx, SpeedupState] = WeakKeyDictionary()


def state(app: Sphinx) -> SpeedupState:
    """The speed-ups' state of ``app``."""
    found = _states.get(app)
    if found is None:
        found = _states[app] = SpeedupState()
    return found


def switched_on(value: Any) -> bool:
    """A switch's value: a bool, or a string given with ``-D conference_speedups.NAME=0``."""
    if isinstance(value, str):
        return value.strip().lower() not in {"", "0", "false", "no", "off"}
    return bool(value)


def enabled(app: Sphinx, name: str) -> bool:
    """Whether speed-up ``name`` is switched on and checked against this Sphinx."""
    switches: dict[str, Any] = app.config.conference_speedups
    if not switched_on(switches.get(name, True)):
        return False
    first, after, _ = SPEEDUPS[name]
    if first <= sphinx.version_info[:2] < after:
        return True
    known = state(app)
    if name not in known.announced:
        known.announced.add(name)
        if app.verbosity > 0:
            logger.info(
                "sphinx_conference.speedups: %s is off: checked with Sphinx >= %s, < %s, not %s",
                name,
                ".".join(map(str, first)),
                ".".join(map(str, after)),
                ".".join(map(str, sphinx.version_info[:3])),
            )
    return False


def check_switches(app: Sphinx, config: Any) -> None:
    """``config-inited``: a switch that names no speed-up is a warning."""
    unknown = sorted(set(config.conference_speedups) - set(SPEEDUPS))
    if unknown:
        dropped = [name for name in unknown if name in DROPPED]
        logger.warning(
            "conference_speedups: unknown speed-up %s (known: %s)%s",
            ", ".join(unknown),
            ", ".join(SPEEDUPS),
            f"; {', '.join(dropped)}: dropped (measured not to pay), remove from conference_speedups"
            if dropped
            else "",
            type="conference",
            subtype="field",
        )
