"""Raw HTML written in Markdown pages is sanitised with nh3 before it reaches readers.

MyST passes inline and block HTML through as ``raw`` nodes.  The site is built
from pull requests, so a ``<script>``, an event-handler attribute or a
``javascript:`` link in a post would run in every reader's browser.  At
``doctree-read`` each raw HTML fragment is checked against nh3's allow-lists
(tags, attributes and URL schemes); a fragment with anything outside them is
replaced by ``nh3.clean`` of it, with a ``conference.html`` warning naming what
was removed.  Safe fragments (``<br>``, ``<em>``, closing tags) are kept as
written.  Turn it off with ``conference_sanitize_html = False``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from sphinx_conference.core.htmlpolicy import clean, removal_message, unsafe_parts
from sphinx_conference.domain.report import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def sanitize_raw_html(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: clean every raw HTML fragment that holds unsafe markup."""
    if not app.config.conference_sanitize_html:
        return
    for node in list(doctree.findall(nodes.raw)):
        if "html" not in node.get("format", "").split():
            continue
        text = node.astext()
        problems = unsafe_parts(text)
        if not problems:
            continue
        cleaned = clean(text)
        warn(
            removal_message(text, problems),
            location=node,
            subtype="html",
        )
        if cleaned.strip():
            node.replace_self(nodes.raw("", cleaned, format="html"))
        else:
            node.parent.remove(node)


def setup_sanitize(app: Sphinx) -> None:
    """Register the raw-HTML sanitiser."""
    app.connect("doctree-read", sanitize_raw_html, priority=100)
