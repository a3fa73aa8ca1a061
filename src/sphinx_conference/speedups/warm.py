"""List items made in forked processes before a parallel write (``-j N``).

With ``-j N`` Sphinx hands each chunk of pages to a forked writer, and the main
process fills the lists of every page before handing it over, one item after the
other (2.1 s at 500 posts, 9.3 s at 2,000).  Every post, session (in both its
forms), event and speaker appears in some list, so before the first page is
resolved they are made once in ``-j N`` forked processes (through the core's
shared HTML of items, :mod:`sphinx_conference.render.fragments`), and their HTML
and the images they show (``builder.images``, as ``post_process_images`` records
them) are sent back: the main process and every writer forked after it find them
made.  Only when the build writes much of the site (an incremental build writes a
few pages, whose items are made as they come).  Switch: ``warm_lists``.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from sphinx.util.parallel import ParallelTasks

from sphinx_conference.core.model import block_timezone
from sphinx_conference.domain.store import get_domain
from sphinx_conference.render.components import Linker
from sphinx_conference.render.fragments import fragment_store, shares_fragments
from sphinx_conference.render.lists import (
    event_item,
    post_item,
    session_details,
    session_item,
    speaker_item,
)
from sphinx_conference.speedups.parallel import runs_in_parallel
from sphinx_conference.speedups.switches import enabled, state

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def note_reading(app: Sphinx, env: Any, docnames: list[str]) -> None:
    """``env-before-read-docs``: how many documents this build reads."""
    state(app).reading = len(docnames)


def warm(link: Linker, makers: Sequence[Callable[[Linker], object]], nproc: int) -> None:
    """Make items in ``nproc`` forked processes, and keep their HTML and images."""
    builder: Any = link.builder
    store = fragment_store(builder, link.domain.index.generation)

    def make_part(part: Sequence[Callable[[Linker], object]]) -> tuple[dict[Hashable, str], dict]:
        for make in part:
            make(link)
        return store.html, builder.images

    def keep(part: object, result: tuple[dict[Hashable, str], dict]) -> None:
        html, images = result
        store.html.update(html)
        builder.images.update(images)

    tasks = ParallelTasks(nproc)
    for i in range(nproc):
        if makers[i::nproc]:
            tasks.add_task(make_part, makers[i::nproc], keep)
    tasks.join()


def warm_items(app: Sphinx, doctree: Any, docname: str) -> None:
    """``doctree-resolved`` (before the core fills the lists): make every list item once."""
    builder: Any = app.builder
    known = state(app)
    domain = get_domain(app.env)
    if (
        known.warmed == domain.index.generation
        or not runs_in_parallel(app)
        or not getattr(builder, "parallel_ok", False)
        or not shares_fragments(builder)
        # an incremental build writes a few pages: their items are made as they come
        or 4 * known.reading < len(app.env.found_docs)
        or not enabled(app, "warm_lists")
    ):
        return
    known.warmed = domain.index.generation
    link = Linker(builder, docname)
    idx = domain.index
    makers: list[Callable[[Linker], object]] = []
    makers += [partial(post_item, p, domain, level=2) for p in idx.posts]
    makers += [partial(event_item, e, domain, level=2) for e in domain.events.values()]
    for s in domain.sessions.values():
        makers.append(partial(session_item, s, domain, level=2))
        if s.speakers:
            makers.append(partial(session_item, s, domain, level=2, at_event=True))
        # The block's details, with the time zone its directive gave them.
        timezone = block_timezone(s, domain.events.get(s.event))
        makers.append(partial(session_details, s, timezone, domain))
    makers += [partial(speaker_item, p) for p in domain.people.values()]
    warm(link, makers, app.parallel)


def setup_warm(app: Sphinx) -> None:
    """Register the hooks (before the core's placeholders are filled, at the default 500)."""
    app.connect("env-before-read-docs", note_reading)
    app.connect("doctree-resolved", warm_items, priority=400)
