"""Raw HTML written in Markdown pages is sanitised before it reaches readers.

MyST passes inline and block HTML through as ``raw`` nodes.  The site is built
from pull requests, so a ``<script>``, an event-handler attribute or a
``javascript:`` link in a post would run in every reader's browser.  At
``doctree-read`` each raw HTML fragment is checked against the policy of
:mod:`sphinx_conference.core.htmlpolicy`; a fragment with anything outside it
is replaced by the policy's ``clean`` of it, with a ``conference.html`` warning
naming what was removed.  Safe fragments (``<br>``, ``<em>``, closing tags) are
kept as written.  Turn it off with ``conference_sanitize_html = False``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from sphinx_conference.core import htmlpolicy
from sphinx_conference.domain.report import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def sanitize_raw_html(config: Config, doctree: nodes.document) -> None:
    """Clean every raw HTML fragment of ``doctree`` that holds unsafe markup."""
    if not config.conference_sanitize_html:
        return
    for node in list(doctree.findall(nodes.raw)):
        if "html" not in node.get("format", "").split():
            continue
        text = node.astext()
        problems = htmlpolicy.unsafe_parts(text)
        if not problems:
            continue
        warn(htmlpolicy.removal_message(text, problems), location=node, subtype="html")
        cleaned = htmlpolicy.clean(text)
        if cleaned.strip():
            node.replace_self(nodes.raw("", cleaned, format="html"))
        else:
            node.parent.remove(node)


class SanitizeRawHtml(SphinxTransform):
    """Clean raw HTML once a document is parsed, before ``doctree-read`` (880).

    Before Sphinx's collectors, so that titles and tables of contents never hold
    what is removed.
    """

    default_priority = 879

    def apply(self, **kwargs: Any) -> None:
        """Clean the document's raw HTML fragments."""
        sanitize_raw_html(self.config, self.document)


def setup_sanitize(app: Sphinx) -> None:
    """Register the raw-HTML sanitiser (a transform of every document read)."""
    app.add_transform(SanitizeRawHtml)
