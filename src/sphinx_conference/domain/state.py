"""The state of one build, in one typed object per application.

Created at ``builder-inited`` (:func:`create_state`), reached through
:func:`get_state`, and started again for each build at ``env-get-outdated``
(:meth:`BuildState.begin`).  The domain's own caches (vocabulary, tag keys, the
merged index) stay with the domain: they follow its data, not the build.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from feedgen.entry import FeedEntry
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

    from sphinx_conference.outputs.cache import OutputCache
    from sphinx_conference.outputs.exports import RecordExports
    from sphinx_conference.render.fragments import Fragments


@dataclass
class BuildState:
    """What the extension remembers during one build."""

    #: Documents deleted since the previous build (their output is removed at the end).
    removed: set[str] = field(default_factory=set)
    #: When this build started (ns): exports older than this were not written again.
    build_start: int | None = None
    #: Names of the pages generated in this build (tag pages, archives).
    generated: set[str] = field(default_factory=set)
    #: Whether this build reached ``html-collect-pages`` (Sphinx 7.4 skips the whole write
    #: phase, that event included, when no page is out of date).
    collected: bool = False
    #: The output fingerprints of this build (made on first use, saved at the end).
    output_cache: OutputCache | None = None
    #: Each post's feed entry, made once per build.
    feed_entries: dict[str, FeedEntry] = field(default_factory=dict)
    #: Each post's body as its written page has it (None: none), read once per build.
    bodies: dict[str, str | None] = field(default_factory=dict)
    #: The shared HTML of list items, for one state of the domain index.
    fragments: Fragments | None = None
    #: The calendars and schedules of this build not written yet.
    record_exports: RecordExports | None = None

    def begin(self, removed: set[str]) -> None:
        """A new build of the same application: forget the previous one's state."""
        self.removed = set(removed)
        self.build_start = time.time_ns()
        self.generated = set()
        self.collected = False
        self.output_cache = None
        self.feed_entries = {}
        self.bodies = {}
        self.record_exports = None

    def exports_written(self) -> None:
        """The feeds are made: their entries and the bodies they read are not needed."""
        self.feed_entries = {}
        self.bodies = {}


#: The attribute holding an application's build state, on the application and on its
#: builder (code that renders nodes has the builder, not the application).  Not a module
#: dictionary keyed by application: the state holds the builder (list items are
#: translated with it) and the output cache holds the application, so weak keys would
#: never die and every application of a process (tests, sphinx-autobuild) would live on.
_ATTR = "_sphinx_conference_state"


def create_state(app: Sphinx) -> BuildState:
    """``builder-inited``: the application's build state (the only place it is made)."""
    state = BuildState()
    setattr(app, _ATTR, state)
    setattr(app.builder, _ATTR, state)
    return state


def get_state(owner: Sphinx | Builder) -> BuildState:
    """The build state of an application or of its builder (made at ``builder-inited``)."""
    state: BuildState = getattr(owner, _ATTR)
    return state
