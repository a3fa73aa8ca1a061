"""The list directives: ``{session-list}``, ``{speaker-list}``, ``{post-list}``, ``{event-list}``.

Each records its query and leaves a placeholder that :mod:`sphinx_conference.render.lists`
fills at ``doctree-resolved`` from the merged domain data.  The page notes its query as a
dependency, so an incremental build re-writes exactly the pages whose lists change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes

from sphinx_conference.core import rules
from sphinx_conference.core.model import Query
from sphinx_conference.directives.base import ConferenceDirective, option_spec
from sphinx_conference.render import nodes as cnodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class ListDirective(ConferenceDirective):
    """Shared parsing of list filters (described in :mod:`sphinx_conference.core.rules`)."""

    def placeholder(self, node: cnodes.placeholder, query: Query) -> list[nodes.Node]:
        """Record the query as a dependency of this page and return the placeholder."""
        node["query"] = query
        self.set_source_info(node)
        self.domain.note_dependency(self.env.docname, ("query", query))
        return [node]


class SessionListDirective(ListDirective):
    """List sessions of the whole site, filtered, grouped and laid out."""

    option_spec: ClassVar = option_spec(*rules.SESSION_LIST.names)

    def run(self) -> list[nodes.Node]:
        """Leave a session-list placeholder."""
        o = self.read_rules().values
        query = Query(
            kind="sessions",
            event=o["event"],
            speaker=o["speaker"],
            track=o["track"],
            tag=o["tag"],
            type=o["type"],
            limit=o["limit"],
        )
        node = cnodes.session_list(
            group_by=o["group-by"], layout=o["layout"], filter=o["filter"] == "on"
        )
        return self.placeholder(node, query)


class SpeakerListDirective(ListDirective):
    """A responsive grid of speaker cards, filtered by event and tag."""

    option_spec: ClassVar = option_spec(*rules.SPEAKER_LIST.names)

    def run(self) -> list[nodes.Node]:
        """Leave a speaker-list placeholder."""
        o = self.read_rules().values
        query = Query(kind="speakers", event=o["event"], tag=o["tag"], limit=o["limit"])
        return self.placeholder(cnodes.speaker_list(), query)


class PostListDirective(ListDirective):
    """Posts, newest first, filtered by tag and author."""

    option_spec: ClassVar = option_spec(*rules.POST_LIST.names)

    def run(self) -> list[nodes.Node]:
        """Leave a post-list placeholder."""
        o = self.read_rules().values
        query = Query(kind="posts", tag=o["tag"], author=o["author"], limit=o["limit"])
        return self.placeholder(cnodes.post_list(), query)


class EventListDirective(ListDirective):
    """Events: upcoming (soonest first) or past (newest first), optionally grouped by year."""

    option_spec: ClassVar = option_spec(*rules.EVENT_LIST.names)

    def run(self) -> list[nodes.Node]:
        """Leave an event-list placeholder."""
        o = self.read_rules().values
        when = o["when"]
        query = Query(kind="events", tag=o["tag"], limit=o["limit"], extra=(("when", when),))
        return self.placeholder(cnodes.event_list(group_by=o["group-by"], when=when), query)


def setup_list_directives(app: Sphinx) -> None:
    """Register the list directives."""
    app.add_directive("session-list", SessionListDirective)
    app.add_directive("speaker-list", SpeakerListDirective)
    app.add_directive("post-list", PostListDirective)
    app.add_directive("event-list", EventListDirective)
