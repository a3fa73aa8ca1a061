"""Generated pages: docutils nodes rendered by the HTML builder into the site's template.

Tag pages and archives are not source documents: they are built from the
domain at ``html-collect-pages`` (after every document is written; in a parallel
write, as soon as the last document is resolved), so they are always current and
never written into the source tree.  Their content is
made of the same nodes as everything else and rendered by the builder's own
HTML writer (``render_partial``): no HTML strings.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Iterator
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


def write_pages_early(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: in a parallel write, write the generated pages after the last document.

    The main process would otherwise wait for the writer processes and then render
    the tag pages and archives alone, after every document's page (see
    :mod:`.parallel`).  Their content comes from the domain, complete once every
    document is read, so they are the same pages either way.
    """
    from .outputs import is_html
    from .parallel import last_resolved_in_parallel_write

    if not is_html(app) or not last_resolved_in_parallel_write(app, docname):
        return
    builder: Any = app.builder
    # render_page gives the builder each page's per-document state; the document
    # being resolved is written next, with its own.
    state = ("imgpath", "current_docname", "secnumbers", "fignumbers")
    saved = {name: getattr(builder, name, None) for name in state}
    try:
        for page in list(collect_pages(app)):
            builder.handle_page(*page)
    finally:
        for name, value in saved.items():
            setattr(builder, name, value)
    setattr(app, _WRITTEN_EARLY, True)


def setup_pages(app: Sphinx) -> None:
    """Register the generated pages, and the store of output fingerprints."""
    from .outputs import save_output_cache

    app.connect("html-collect-pages", collect_pages)
    app.connect("write-started", note_writing)
    # After the calendars have started (exports, 900): they run beside these pages.
    app.connect("doctree-resolved", write_pages_early, priority=950)
    # After every output is produced (default 500), before stale outputs are removed (900).
    app.connect("build-finished", save_output_cache, priority=800)
