"""Docutils nodes of the extension.

Lists and cards of objects defined on other pages are *placeholders*: the
directives leave them in the doctree at read time, and :mod:`.lists` fills them
at ``doctree-resolved`` from the merged domain data (the pattern of
``sphinx.ext.todo``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator


class placeholder(nodes.General, nodes.Element):
    """Base of every node replaced at ``doctree-resolved``."""


class session_list(placeholder):
    """``{session-list}``: attributes ``query``, ``group_by``, ``layout``."""


class speaker_list(placeholder):
    """``{speaker-list}``: attribute ``query``."""


class speaker_card(placeholder):
    """``{speaker-card}``: attribute ``person``."""


class post_list(placeholder):
    """``{post-list}``: attribute ``query``."""


class post_byline(placeholder):
    """A post's date, authors, reading time and tags: attribute ``post`` (docname)."""


class backlinks(placeholder):
    """Pages referencing an object: attribute ``key`` (``"session:<id>"`` ...)."""


class event_list(placeholder):
    """``{event-list}``: attributes ``query``, ``when``, ``group_by``."""


class person_activity(placeholder):
    """A person's sessions across events and the posts by or about them: attribute ``person``."""


class related_posts(placeholder):
    """Posts sharing the most tags with a post: attribute ``post``."""


class session_details(placeholder):
    """A session block's speakers, facts, tags and links.

    Attributes ``session`` (the :class:`~.model.Session` record its directive made)
    and ``timezone``.
    """


class series_link(placeholder):
    """The link from an event to its series' page: attributes ``series`` (id) and ``name``."""


class schedule_changes(placeholder):
    """The "Schedule changes" section of an event's block: attribute ``event`` (its id)."""


class avatar(nodes.General, nodes.Inline, nodes.TextElement):
    """Initials shown in place of a photo; decorative, so hidden from screen readers."""


class fragment(nodes.raw):
    """HTML of a list item shared by the pages showing it (:mod:`.fragments`).

    Made by the builder's own HTML translator from the item's nodes; kept out of
    the search index, as lists are (the item has its own page).
    """


class time_element(nodes.Inline, nodes.TextElement):
    """A date or time as shown: attribute ``datetime``, the machine value of its text.

    HTML builders write a ``<time datetime="...">``; the others write its text.
    """


def visit_time_html(self: HTML5Translator, node: time_element) -> None:
    """Open ``<time datetime="...">`` (the value escaped by ``starttag``)."""
    self.body.append(self.starttag(node, "time", "", datetime=node["datetime"]))


def depart_time_html(self: HTML5Translator, node: time_element) -> None:
    """Close the ``<time>``."""
    self.body.append("</time>")


def visit_text_only(self: nodes.NodeVisitor, node: nodes.Node) -> None:
    """Nothing of the node's own: its children (the text) are written as usual."""


class icon(nodes.General, nodes.Inline, nodes.Element):
    """A decorative icon drawn by the stylesheet: attribute ``name`` (see :mod:`.icons`)."""


def visit_icon_html(self: HTML5Translator, node: icon) -> None:
    """An empty, hidden ``<span>``: its class gives it the icon's shape in ``conference.css``."""
    self.body.append(
        f'<span class="conference-icon conference-icon-{node["name"]}" aria-hidden="true"></span>'
    )
    raise nodes.SkipNode


def visit_fragment_html(self: HTML5Translator, node: fragment) -> None:
    """Write the fragment's HTML as it is (no wrapper, whatever its classes)."""
    self.body.append(node.astext())
    raise nodes.SkipNode


def visit_avatar_html(self: HTML5Translator, node: avatar) -> None:
    """Open the avatar ``<span>``; its text is escaped by the translator."""
    self.body.append(self.starttag(node, "span", "", **{"aria-hidden": "true"}))


def depart_avatar_html(self: HTML5Translator, node: avatar) -> None:
    """Close the avatar ``<span>``."""
    self.body.append("</span>")


def visit_skip(self: nodes.NodeVisitor, node: nodes.Node) -> None:
    """Leave the node out (builders other than HTML)."""
    raise nodes.SkipNode


def visit_placeholder(self: nodes.NodeVisitor, node: nodes.Node) -> None:
    """A placeholder that survived to writing has nothing to show."""
    raise nodes.SkipNode


#: Builders that leave the extension's HTML-only nodes out.
OTHER_BUILDERS = ("latex", "text", "man", "texinfo")


def add_html_node(app: Sphinx, cls: type[nodes.Element], visit: Any, depart: Any = None) -> None:
    """Register ``cls``: written by HTML builders with ``visit``/``depart``, left out by the others."""
    skip: Any = (visit_skip, None)
    visitors: dict[str, Any] = dict.fromkeys(OTHER_BUILDERS, skip)
    app.add_node(cls, html=(visit, depart), **visitors)


def setup_nodes(app: Sphinx) -> None:
    """Register the nodes with visitors for every builder."""
    for cls in (
        session_list,
        speaker_list,
        speaker_card,
        post_list,
        post_byline,
        backlinks,
        event_list,
        person_activity,
        related_posts,
        session_details,
        series_link,
        schedule_changes,
    ):
        add_html_node(app, cls, visit_placeholder)
    add_html_node(app, fragment, visit_fragment_html)
    add_html_node(app, icon, visit_icon_html)
    add_html_node(app, avatar, visit_avatar_html, depart_avatar_html)
    text_only: Any = (visit_text_only, visit_text_only)
    app.add_node(
        time_element,
        html=(visit_time_html, depart_time_html),
        **dict.fromkeys(OTHER_BUILDERS, text_only),
    )
