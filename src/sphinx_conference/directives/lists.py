"""The list directives: ``{session-list}``, ``{speaker-list}``, ``{post-list}``, ``{event-list}``.

Each records its query and leaves a placeholder that :mod:`sphinx_conference.render.lists`
fills at ``doctree-resolved`` from the merged domain data.  The page notes its query as a
dependency, so an incremental build re-writes exactly the pages whose lists change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes

from sphinx_conference.core.model import Query
from sphinx_conference.core.validation import FieldError, choice, parse_slug
from sphinx_conference.directives.base import ConferenceDirective, option_spec
from sphinx_conference.render import nodes as cnodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx

GROUPS = ("track", "day", "type", "event")
LAYOUTS = ("cards", "table", "agenda", "grid")
SWITCHES = ("on", "off")


class ListDirective(ConferenceDirective):
    """Shared parsing of list filters."""

    kind: ClassVar[str] = ""

    def id_filter(self, name: str, session: bool = False) -> str:
        """An id filter: a malformed id is reported and matches nothing."""

        def parse(v: str) -> str:
            return parse_slug(v, what=f"{name} id")

        return self.option(name, parse, "\x00invalid")

    def limit(self) -> int:
        """The ``:limit:`` option."""

        def parse(v: str) -> int:
            if not v.strip().isdigit() or int(v) < 1:
                raise FieldError(f"expected a whole number of items, e.g. '5', got {v!r}", "field")
            return int(v)

        return self.option("limit", parse, 0)

    def placeholder(self, node: cnodes.placeholder, query: Query) -> list[nodes.Node]:
        """Record the query as a dependency of this page and return the placeholder."""
        node["query"] = query
        self.set_source_info(node)
        self.domain.note_dependency(self.env.docname, ("query", query))
        return [node]


class SessionListDirective(ListDirective):
    """List sessions of the whole site, filtered, grouped and laid out."""

    option_spec: ClassVar = option_spec(
        "event", "speaker", "track", "tag", "type", "group-by", "layout", "limit", "filter"
    )

    def run(self) -> list[nodes.Node]:
        """Leave a session-list placeholder."""
        o = self.options
        query = Query(
            kind="sessions",
            event=self.id_filter("event") if o.get("event") else "",
            speaker=self.id_filter("speaker") if o.get("speaker") else "",
            track=" ".join((o.get("track") or "").split()),
            tag=" ".join((o.get("tag") or "").split()),
            type=self.option(
                "type",
                lambda v: choice(v, self.config.conference_session_types, what="session type"),
                "",
            )
            if o.get("type")
            else "",
            limit=self.limit(),
        )
        group_by = self.option("group-by", lambda v: choice(v, GROUPS, what="grouping"), "")
        layout = self.option("layout", lambda v: choice(v, LAYOUTS, what="layout"), "cards")
        filtering = self.option("filter", lambda v: choice(v, SWITCHES, what="filter switch"), "on")
        node = cnodes.session_list(group_by=group_by, layout=layout, filter=filtering == "on")
        return self.placeholder(node, query)


class SpeakerListDirective(ListDirective):
    """A responsive grid of speaker cards, filtered by event and tag."""

    option_spec: ClassVar = option_spec("event", "tag", "limit")

    def run(self) -> list[nodes.Node]:
        """Leave a speaker-list placeholder."""
        o = self.options
        query = Query(
            kind="speakers",
            event=self.id_filter("event") if o.get("event") else "",
            tag=" ".join((o.get("tag") or "").split()),
            limit=self.limit(),
        )
        return self.placeholder(cnodes.speaker_list(), query)


class PostListDirective(ListDirective):
    """Posts, newest first, filtered by tag and author."""

    option_spec: ClassVar = option_spec("tag", "author", "limit")

    def run(self) -> list[nodes.Node]:
        """Leave a post-list placeholder."""
        o = self.options
        query = Query(
            kind="posts",
            tag=" ".join((o.get("tag") or "").split()),
            author=self.id_filter("author") if o.get("author") else "",
            limit=self.limit(),
        )
        return self.placeholder(cnodes.post_list(), query)


WHEN = ("upcoming", "past", "all")


class EventListDirective(ListDirective):
    """Events: upcoming (soonest first) or past (newest first), optionally grouped by year."""

    option_spec: ClassVar = option_spec("when", "tag", "group-by", "limit")

    def run(self) -> list[nodes.Node]:
        """Leave an event-list placeholder."""
        when = self.option("when", lambda v: choice(v, WHEN, what="'when' filter"), "all")
        group_by = self.option("group-by", lambda v: choice(v, ("year",), what="grouping"), "")
        query = Query(
            kind="events",
            tag=" ".join((self.options.get("tag") or "").split()),
            limit=self.limit(),
            extra=(("when", when),),
        )
        return self.placeholder(cnodes.event_list(group_by=group_by, when=when), query)


def setup_list_directives(app: Sphinx) -> None:
    """Register the list directives."""
    app.add_directive("session-list", SessionListDirective)
    app.add_directive("speaker-list", SpeakerListDirective)
    app.add_directive("post-list", PostListDirective)
    app.add_directive("event-list", EventListDirective)
