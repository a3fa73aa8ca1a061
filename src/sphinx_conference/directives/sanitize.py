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

from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import nh3
from docutils import nodes
from sphinx.transforms import SphinxTransform

from sphinx_conference.domain.report import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: attributes every allowed tag may carry (nh3 allows these generic ones too)
GENERIC_ATTRIBUTES = frozenset({"lang", "title", "class", "id"})
#: attributes holding a URL, whose scheme is checked
URL_ATTRIBUTES = frozenset({"href", "src", "cite", "action", "formaction", "poster", "srcset"})
SAFE_SCHEMES = frozenset({"", "http", "https", "mailto"})


class _Finder(HTMLParser):
    """Collect what in a fragment falls outside nh3's allow-lists."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in nh3.ALLOWED_TAGS:
            self.problems.append(f"<{tag}>")
            return
        allowed = nh3.ALLOWED_ATTRIBUTES.get(tag, set()) | GENERIC_ATTRIBUTES
        for name, value in attrs:
            if name not in allowed:
                self.problems.append(f"{name}= on <{tag}>")
            elif name in URL_ATTRIBUTES and value is not None:
                scheme = urlsplit("".join(value.split())).scheme.lower()
                if scheme not in SAFE_SCHEMES:
                    self.problems.append(f"{scheme}: URL in {name}= on <{tag}>")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if tag not in nh3.ALLOWED_TAGS:
            self.problems.append(f"</{tag}>")


def unsafe_parts(fragment: str) -> list[str]:
    """List what nh3 would remove from ``fragment`` (tags, attributes, URL schemes)."""
    finder = _Finder()
    finder.feed(fragment)
    finder.close()
    return finder.problems


def sanitize_raw_html(config: Config, doctree: nodes.document) -> None:
    """Clean every raw HTML fragment of ``doctree`` that holds unsafe markup."""
    if not config.conference_sanitize_html:
        return
    for node in list(doctree.findall(nodes.raw)):
        if "html" not in node.get("format", "").split():
            continue
        text = node.astext()
        problems = unsafe_parts(text)
        if not problems:
            continue
        cleaned = nh3.clean(text)
        warn(
            f"raw HTML: removed {', '.join(dict.fromkeys(problems))} from {text.strip()[:80]!r}; "
            "expected Markdown or HTML without scripts, event handlers or "
            "non-http(s)/mailto links",
            location=node,
            subtype="html",
        )
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
