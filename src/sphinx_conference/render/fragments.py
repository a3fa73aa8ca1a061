"""List items rendered once per build and shared by every page that shows them.

A post's card appears on its tag pages, its year and author archives and in the
related posts of other posts; a speaker's card on every page that lists the
speaker.  Building those nodes and translating them again on every page was most
of the extension's cost on a large site, so on an HTML build each item is made
once, with its links written from the site root, and translated by the builder's
own HTML translator; a page gets that HTML with its own path to the root in front
of each link.  Other builders (LaTeX, text, ...) get the nodes as before.

The cache lives as long as the domain's derived index: any change to the domain
data (a document read, merged or removed) starts a new one.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.utils import new_document

from sphinx_conference.domain.state import get_state
from sphinx_conference.render import nodes as cnodes
from sphinx_conference.render.components import Linker

if TYPE_CHECKING:
    from sphinx.builders import Builder

#: Stands for "the path from this page to the site root" in cached HTML: the HTML
#: writer passes it through unescaped, and its random part keeps any text a page
#: shows from being taken for it.
ROOT = f"\x1a{secrets.token_hex(8)}\x1a"

#: Builders whose pages link to each other by ``get_target_uri`` paths below one root.
HTML_BUILDERS = frozenset({"html", "dirhtml"})


class RootLinker(Linker):
    """A :class:`Linker` whose URIs start at the site root (marked by :data:`ROOT`)."""

    def __init__(self, builder: Builder, store: Fragments) -> None:
        super().__init__(builder, "")
        self.store = store

    def doc(self, docname: str, anchor: str = "") -> str:
        """The URI of ``docname`` from the root (and an anchor on it)."""
        uri = ROOT + self.builder.get_target_uri(docname)
        return f"{uri}#{anchor}" if anchor else uri

    def part(self, key: Hashable, make: Callable[[], nodes.Element]) -> nodes.Element:
        """A piece that many items show, translated once (:meth:`Fragments.part`)."""
        return self.store.part(key, make)


#: Stands for the level of an item's heading in cached HTML (see :meth:`Fragments.get`).
LEVEL = f"\x1a{secrets.token_hex(8)}L\x1a"
#: The level at which items with a heading are translated before it is marked.
_CANONICAL = 6

Make = Callable[[Linker, int], nodes.Element]


class Fragments:
    """Rendered items of one build, by key."""

    def __init__(self, builder: Builder, generation: int) -> None:
        self.builder = builder
        #: the :attr:`~sphinx_conference.domain.index.Index.generation` the items are of
        self.generation = generation
        self.root = RootLinker(builder, self)
        self.html: dict[Hashable, str] = {}
        #: HTML of the inline pieces of items, by key (see :meth:`part`)
        self.parts: dict[Hashable, str | None] = {}
        # One translator for every item: an item is a balanced subtree, so the
        # translator's state is the same after it as before.
        self._visitor: Any = None

    def get(
        self, key: Hashable, make: Make, link: Linker, level: int, *, search: bool = False
    ) -> Any:
        """The item ``key`` for the page of ``link``; ``make(linker, level)`` builds its nodes."""
        return self._node(self._html(key, make, level), link, level, search=search)

    def joined(
        self,
        key: Hashable,
        base: tuple[Hashable, Make],
        extra: tuple[Hashable, Make],
        link: Linker,
        level: int,
    ) -> Any:
        """Item ``key``: item ``base`` with item ``extra`` (no heading) right after its heading.

        For a variant of an item that only adds a line under its title (a session
        listed with its event): the shared parts are translated once for both.
        """
        html = self.html.get(key)
        if html is None:
            close = f"</h{LEVEL}>\n"
            base_html = self._html(*base, level)
            if base_html.count(close) != 1:  # pragma: no cover - every item has one heading
                return None
            html = self.html[key] = base_html.replace(close, close + self._html(*extra, 0))
        return self._node(html, link, level)

    def _html(self, key: Hashable, make: Make, level: int) -> str:
        """The HTML of item ``key``, its links from the root (made at the first call).

        An item with a heading (``level`` > 0: a card's title, whose level depends on
        where the list is) is translated once: its one ``<h6>`` is marked and given
        each page's level.  Text is escaped by the writer, so the only ``<h6`` of an
        item is its heading; an item with any other shape is kept per level.
        """
        html = self.html.get(key)
        if html is None:
            html = self._translate(make(self.root, _CANONICAL if level else 0))
            if level:
                open_tag, close_tag = f"<h{_CANONICAL}", f"</h{_CANONICAL}>"
                if html.count(open_tag) == 1 and html.count(close_tag) == 1:
                    html = html.replace(open_tag, f"<h{LEVEL}").replace(close_tag, f"</h{LEVEL}>")
                else:  # pragma: no cover - every item has one heading
                    key = (key, level)
                    html = self.html.get(key) or self._translate(make(self.root, level))
            self.html[key] = html
        return html

    def part(self, key: Hashable, make: Callable[[], nodes.Element]) -> nodes.Element:
        """An inline piece of items (a tag badge, a speaker's link): translated once.

        A tag's badge is on every card of a post or session with that tag, a
        speaker's link on every card of their sessions: each is translated here
        once, in a paragraph as in a card (an inline element's HTML does not depend
        on which paragraph it is in), and the items that show it get its HTML as a
        raw node, copied as it is into theirs when they are translated.
        """
        if key not in self.parts:
            html = self._translate(nodes.paragraph("", "", make()))
            whole = html.startswith("<p>") and html.endswith("</p>\n")
            self.parts[key] = html[3:-5] if whole else None
        inner = self.parts[key]
        if inner is None:  # pragma: no cover - a paragraph without attributes is <p>...</p>
            return make()
        return cnodes.fragment("", inner, format="html")

    @staticmethod
    def _node(html: str, link: Linker, level: int, *, search: bool = False) -> Any:
        html = html.replace(ROOT, link.root_path)
        if level:
            html = html.replace(LEVEL, str(max(2, min(6, level))))
        # Sphinx's search indexes raw HTML's text unless it is marked "no-search".
        return cnodes.fragment("", html, format="html", classes=[] if search else ["no-search"])

    def _translate(self, node: nodes.Element) -> str:
        builder: Any = self.builder
        if self._visitor is None:
            document = new_document("<conference-fragment>", builder.docsettings)
            self._visitor = builder.create_translator(document, builder)
        visitor = self._visitor
        document = visitor.document
        document.clear()
        document += node
        # Photos in cards: copied like any page's images, linked from the root.
        builder.post_process_images(document)
        saved = builder.imgpath
        builder.imgpath = ROOT + builder.imagedir
        visitor.body = []
        try:
            node.walkabout(visitor)
        finally:
            builder.imgpath = saved
        return "".join(visitor.body)


def shares_fragments(builder: Builder) -> bool:
    """Whether ``builder`` writes pages that share items as HTML (see the module's docs)."""
    return builder.name in HTML_BUILDERS and hasattr(builder, "docsettings")


def _store(builder: Any, generation: int) -> Fragments:
    """The shared HTML of ``builder``'s items for the index generation ``generation`` (one per build)."""
    state = get_state(builder)
    if state.fragments is None or state.fragments.generation != generation:
        state.fragments = Fragments(builder, generation)
    return state.fragments


def cached(
    key: Hashable,
    make: Make,
    link: Linker,
    level: int = 0,
    *,
    joined: tuple[tuple[Hashable, Make], tuple[Hashable, Make]] | None = None,
    search: bool = False,
) -> Any:
    """Item ``key`` on the page of ``link``, with its heading at ``level`` (0: none).

    Shared HTML on HTML builds; elsewhere ``make(link, level)``.  With ``joined``
    (``base``, ``extra``), the item is ``base`` with ``extra`` under its heading
    (:meth:`Fragments.joined`), which ``make`` builds whole for other builders.
    Items are left out of the search index (a list repeats what has its own page)
    unless ``search`` is true.
    """
    builder: Any = link.builder
    if not shares_fragments(builder):
        return make(link, level)
    store = _store(builder, link.domain.index.generation)
    if joined is not None and level:
        node = store.joined(key, *joined, link, level)
        if node is not None:
            return node
    return store.get(key, make, link, level, search=search)
