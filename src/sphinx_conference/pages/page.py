"""Generated pages: docutils nodes rendered by the HTML builder into the site's template.

Tag pages and archives are not source documents: they are built from the
domain at ``html-collect-pages`` (after every document is written), so they are always current and
never written into the source tree.  Their content is
made of the same nodes as everything else and rendered by the builder's own
HTML writer (``render_partial``): no HTML strings.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util.osutil import relative_uri

from sphinx_conference.outputs.cache import output_cache

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
    context: dict[str, Any] | None = None,
) -> Page | None:
    """A generated page for ``html-collect-pages``.

    With ``inputs`` (everything the page shows), the page is rendered only when
    they changed since the previous build; otherwise ``None`` is returned and the
    existing file is kept.  ``body`` may be a function, called only when rendering;
    ``context`` is added to the page's template context.
    """
    builder: Any = app.builder
    if inputs is not None and output_cache(app).fresh(
        pagename + builder.out_suffix, (title, inputs)
    ):
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
    page = {"title": html.escape(title), "body": fragment, "conference_generated": True}
    return pagename, {**(context or {}), **page}, "page.html"


def page_or_name(
    app: Sphinx,
    pagename: str,
    title: str,
    body: Iterable[nodes.Node] | Callable[[], Iterable[nodes.Node]],
    inputs: Any,
    context: dict[str, Any] | None = None,
) -> Page | str:
    """The page to write, or just its name when it is unchanged since the previous build."""
    return render_page(app, pagename, title, body, inputs, context) or pagename
