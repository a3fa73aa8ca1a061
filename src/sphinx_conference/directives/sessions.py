"""Sessions: the ``{session}`` directive, and checks of sessions against their events."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes

from sphinx_conference.core.model import Session, block_timezone, tag_slug
from sphinx_conference.core.validation import (
    FieldError,
    choice,
    parse_datetime,
    parse_duration,
    parse_session_id,
    parse_slug,
    parse_url,
    split_list,
)
from sphinx_conference.directives.base import ConferenceDirective, option_spec
from sphinx_conference.directives.people import summarise
from sphinx_conference.domain.report import warn
from sphinx_conference.domain.store import get_domain
from sphinx_conference.render import nodes as cnodes
from sphinx_conference.render.components import heading

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


class SessionDirective(ConferenceDirective):
    """Define a session and show it: title, speakers, facts, tags, links and abstract."""

    required_arguments = 1
    has_content = True
    option_spec: ClassVar = option_spec(
        "title",
        "event",
        "speakers",
        "track",
        "type",
        "start",
        "duration",
        "room",
        "language",
        "tags",
        "slides",
        "video",
    )

    def speakers(self) -> tuple[str, ...]:
        """Speaker ids; a malformed one is reported and left out."""
        out = []
        for raw in split_list(self.options.get("speakers")):
            try:
                out.append(parse_slug(raw, what="speaker id"))
            except FieldError as err:
                self.warn_field("speakers", str(err), err.subtype)
        return tuple(out)

    def run(self) -> list[nodes.Node]:
        """Record the session and render it."""
        try:
            sid = parse_session_id(self.arguments[0])
        except FieldError as err:
            self.warn_field("session", str(err), err.subtype)
            return []
        id_event = sid.partition("/")[0]
        event = self.option("event", lambda v: parse_slug(v, what="event id"), id_event)
        if event != id_event:
            self.warn_field(
                "event",
                f"the session id {sid!r} starts with event {id_event!r} but the field names "
                f"{event!r}; a session id is '<event-id>/<slug>'",
                "reference",
            )
        title = self.text("title")
        self.required("title", title)
        types = self.config.conference_session_types
        body = self.parse_content_to_nodes() if self.content else []
        session = Session(
            id=sid,
            docname=self.env.docname,
            lineno=self.lineno,
            title=title or sid,
            event=event,
            speakers=self.speakers(),
            track=self.text("track"),
            type=self.option("type", lambda v: choice(v, types, what="session type"), ""),
            start=self.option("start", parse_datetime, None),
            duration=self.option("duration", parse_duration, None),
            room=self.text("room"),
            language=self.text("language"),
            tags=self.text_list("tags"),
            slides=self.option("slides", parse_url, ""),
            video=self.option("video", parse_url, ""),
            abstract=summarise(body, 300),
            lines=tuple((f, self.field_line(f)) for f in ("event", "track", "speakers")),
        )
        domain = self.domain
        domain.add_object("session", session)
        timezone = block_timezone(session, domain.events.get(event))

        block = nodes.container(ids=[session.anchor], classes=["conference-session"])
        if session.type:
            block["classes"].append(f"conference-session-{session.type}")
        self.set_source_info(block)
        block += heading(
            session.title, self.state.memo.section_level + 1, classes=["conference-session-title"]
        )
        # Speakers, facts, tags and links are made when the page is written, from the
        # record (each session's once, shared by HTML pages: see lists.session_details).
        details = cnodes.session_details(session=session, timezone=timezone)
        # A dangling speaker is reported at the :speakers: line, as the checker does.
        details.source, details.line = self.get_source_info()[0], self.field_line("speakers")
        block += details
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
    for session in sorted(domain.sessions.values(), key=lambda s: (s.docname, s.lineno)):
        event = domain.events.get(session.event)
        if event is None:
            where = (session.docname, session.line_of("event"))
            warn(
                f"{{session}} {session.id!r} field 'event': unknown event id {session.event!r}; "
                "expected the id of an {event} directive, e.g. 'soocon-2023'",
                location=where,
                subtype="reference",
            )
            continue
        if (
            session.track
            and event.tracks
            and tag_slug(session.track) not in {tag_slug(t) for t in event.tracks}
        ):
            warn(
                f"{{session}} {session.id!r} field 'track': {session.track!r} is not a track of "
                f"{event.id!r}; expected one of: {'; '.join(event.tracks)}",
                location=(session.docname, session.line_of("track")),
                subtype="track",
            )


def setup_sessions(app: Sphinx) -> None:
    """Register the session directive (its consistency check runs from :mod:`.phases`)."""
    app.add_directive("session", SessionDirective)
