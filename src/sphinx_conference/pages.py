"""Generated pages: docutils nodes rendered by the HTML builder into the site's template.

Tag pages and archives are not source documents: they are built from the
domain at ``html-collect-pages`` (after every document is written; in a parallel
write, as soon as the last document is resolved, in a forked process), so they are always current and
never written into the source tree.  Their content is
made of the same nodes as everything else and rendered by the builder's own
HTML writer (``render_partial``): no HTML strings.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util.osutil import relative_uri

if TYPE_CHECKING:
    from sphinx.application import Sphinx

Page = tuple[str, dict[str, Any], str]


def document_section(title: str, body: Iterable[nodes.Node], ids: str = "") -> nodes.section:
    """A top-level section with a title (the page's ``<h1>``) and content."""
    section = nodes.section(ids=[ids or nodes.make_id(title) or "page"])
    section += nodes.title(title, title)
    section.extend(body)
    return section


def render_page(
    app: Sphinx,
    pagename: str,
    title: str,
    body: Iterable[nodes.Node] | Callable[[], Iterable[nodes.Node]],
    inputs: Any = None,
) -> Page | None:
    """A generated page for ``html-collect-pages``.

    With ``inputs`` (everything the page shows), the page is rendered only when
    they changed since the previous build; otherwise ``None`` is returned and the
    existing file is kept.  ``body`` may be a function, called only when rendering.
    """
    builder: Any = app.builder
    if inputs is not None:
        from .outputs import output_cache

        if output_cache(app).fresh(pagename + builder.out_suffix, (title, inputs)):
            return None
    section = document_section(title, body() if callable(body) else body)
    # Photos: point image nodes at the copied files, relative to this page.
    env_images = app.env.images
    for img in section.findall(nodes.image):
        candidate = img.get("candidates", {}).get("*")
        if candidate and candidate in env_images:
            builder.images[candidate] = env_images[candidate][1]
            img["uri"] = candidate
    builder.imgpath = relative_uri(builder.get_target_uri(pagename), builder.imagedir)
    # The writer reads per-document state that Sphinx sets only when it writes a
    # document; a build with nothing to re-write has none, so give it this page's.
    builder.current_docname = pagename
    builder.secnumbers = {}
    builder.fignumbers = {}
    fragment = builder.render_partial(section)["fragment"]
    # Templates print ``title`` as HTML (for source pages it is rendered markup): escape it,
    # or a tag named "<b onclick=...>" would become an element in the relation bar.
    context = {"title": html.escape(title), "body": fragment, "conference_generated": True}
    return pagename, context, "page.html"


def page_or_name(
    app: Sphinx,
    pagename: str,
    title: str,
    body: Iterable[nodes.Node] | Callable[[], Iterable[nodes.Node]],
    inputs: Any,
) -> Page | str:
    """The page to write, or just its name when it is unchanged since the previous build."""
    return render_page(app, pagename, title, body, inputs) or pagename


#: Set on the application once the generated pages are written early (this build).
_WRITTEN_EARLY = "_conference_pages_written_early"


def collect_pages(app: Sphinx) -> Iterator[Page]:
    """``html-collect-pages``: every generated page of the extension (unless written early)."""
    if app.builder.format != "html" or getattr(app, _WRITTEN_EARLY, False):
        return
    from .archives import archive_pages
    from .tags import tag_pages

    generated = getattr(app, "conference_generated", None)
    if generated is None:
        generated = app.conference_generated = set()  # type: ignore[attr-defined]
    for page in [*tag_pages(app), *archive_pages(app)]:
        if isinstance(page, str):
            generated.add(page)  # unchanged since the last build: its file is kept
        else:
            yield page


def note_writing(app: Sphinx, builder: Any) -> None:
    """``write-started``: the generated pages are still to write."""
    setattr(app, _WRITTEN_EARLY, False)


def _write_generated(app: Sphinx) -> tuple[set[str], dict[str, str], dict[str, str]]:
    """Write every generated page that changed; return what the build must remember of it.

    Run in a forked process (:func:`write_pages_early`): the names of the generated
    pages, their new fingerprints and the photos they show go back to the main process
    (:func:`_remember`), which keeps the output cache, removes stale pages and copies
    images.
    """
    from .outputs import output_cache

    builder: Any = app.builder
    cache = output_cache(app)
    before = (dict(cache.current), dict(builder.images))
    for page in list(collect_pages(app)):
        builder.handle_page(*page)
    generated = set(getattr(app, "conference_generated", set()))
    fingerprints = {k: v for k, v in cache.current.items() if before[0].get(k) != v}
    images = {k: v for k, v in builder.images.items() if before[1].get(k) != v}
    return generated, fingerprints, images


def _remember(
    app: Sphinx, arg: Any, result: tuple[set[str], dict[str, str], dict[str, str]]
) -> None:
    from .outputs import output_cache

    generated, fingerprints, images = result
    names = getattr(app, "conference_generated", None)
    if names is None:
        names = app.conference_generated = set()  # type: ignore[attr-defined]
    names.update(generated)
    output_cache(app).current.update(fingerprints)
    app.builder.images.update(images)


#: The forked process writing the generated pages (``ParallelTasks``), until joined.
_TASK = "_conference_pages_task"


def write_pages_early(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: in a parallel write, write the generated pages after the last document.

    The main process would otherwise wait for the writer processes and then render
    the tag pages and archives alone, after every document's page (see
    :mod:`.parallel`).  They are written in a forked process: the main process hands
    the last chunk of documents to Sphinx's writers at once, and starts each next
    chunk as soon as a writer is done (it only does so between chunks).  Their content
    comes from the domain, complete once every document is read, so they are the same
    pages either way.
    """
    from sphinx.util.parallel import ParallelTasks

    from .outputs import is_html
    from .parallel import last_resolved_in_parallel_write

    if not is_html(app) or not last_resolved_in_parallel_write(app, docname):
        return
    tasks = ParallelTasks(1)
    tasks.add_task(partial(_write_generated, app), None, partial(_remember, app))
    setattr(app, _TASK, tasks)
    setattr(app, _WRITTEN_EARLY, True)


def join_pages_written_early(app: Sphinx) -> list[Page]:
    """``html-collect-pages`` (first): wait for the generated pages written early.

    Before Sphinx copies the images the pages show, and before the output cache is
    saved and stale pages are removed (``build-finished``).
    """
    tasks = getattr(app, _TASK, None)
    if tasks is not None:
        setattr(app, _TASK, None)
        tasks.join()
    return []


def setup_pages(app: Sphinx) -> None:
    """Register the generated pages, and the store of output fingerprints."""
    from .outputs import save_output_cache

    app.connect("html-collect-pages", join_pages_written_early, priority=0)
    app.connect("html-collect-pages", collect_pages)
    app.connect("write-started", note_writing)
    # After the calendars have started (exports, 900): they run beside these pages.
    app.connect("doctree-resolved", write_pages_early, priority=950)
    # After every output is produced (default 500), before stale outputs are removed (900).
    app.connect("build-finished", save_output_cache, priority=800)
