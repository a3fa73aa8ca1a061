"""Sessions: the ``{session}`` directive, and checks of sessions against their events."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes

from sphinx_conference.core import consistency, rules
from sphinx_conference.core.model import Session, block_timezone
from sphinx_conference.directives.base import ConferenceDirective, option_spec
from sphinx_conference.directives.people import summarise
from sphinx_conference.domain.report import warn
from sphinx_conference.domain.store import get_domain
from sphinx_conference.render import nodes as cnodes
from sphinx_conference.render.components import auto_heading

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


class SessionDirective(ConferenceDirective):
    """Define a session and show it: title, speakers, facts, tags, links and abstract."""

    required_arguments = 1
    has_content = rules.SESSION.has_content
    option_spec: ClassVar = option_spec(*rules.SESSION.names)

    def run(self) -> list[nodes.Node]:
        """Record the session and render it."""
        reading = self.read_rules()
        sid, o = reading.argument, reading.values
        if sid is None:
            return []
        body = self.parse_content_to_nodes() if self.content else []
        session = rules.to_record(
            "session",
            sid,
            o,
            docname=self.env.docname,
            lineno=self.lineno,
            lines=self.record_lines("session"),
            summary=summarise(body, 300),
        )
        assert isinstance(session, Session)
        domain = self.domain
        domain.add_object("session", session)
        timezone = block_timezone(session, domain.events.get(session.event))

        block = nodes.container(ids=[session.anchor], classes=["conference-session"])
        if session.type:
            block["classes"].append(f"conference-session-{session.type}")
        if session.status:
            block["classes"].append(f"conference-session-{session.status}")
        self.set_source_info(block)
        block += auto_heading(session.title, classes=["conference-session-title"])
        # Speakers, facts, tags and links are made when the page is written, from the
        # record (each session's once, shared by HTML pages: see lists.session_details).
        details = cnodes.session_details(session=session, timezone=timezone)
        # A dangling speaker is reported at the :speakers: line, as the checker does.
        details.source, details.line = self.get_source_info()[0], self.field_line("speakers")
        block += details
        domain.note_dependency(self.env.docname, ("session-changes", sid))  # its badges
        if body:
            abstract = nodes.container(classes=["conference-abstract"])
            abstract.extend(body)
            block += abstract
        key = f"session:{sid}"
        block += cnodes.backlinks(key=key, title="Mentioned in")
        domain.note_dependency(self.env.docname, ("backlinks", key))
        return [block]


def check_sessions(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-check-consistency``: each session's event exists and has its track."""
    domain = get_domain(env)
    for found in consistency.sessions(domain.sessions.values(), domain.events):
        warn(found.message, location=(found.docname, found.line), subtype=found.subtype)


def setup_sessions(app: Sphinx) -> None:
    """Register the session directive (its consistency check runs from :mod:`.phases`)."""
    app.add_directive("session", SessionDirective)
