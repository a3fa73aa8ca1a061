"""Events: the ``{event}`` directive."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes

from sphinx_conference.core import rules
from sphinx_conference.core.model import Event, Query
from sphinx_conference.core.series import series_of, undefined_series
from sphinx_conference.directives.base import ConferenceDirective, option_spec
from sphinx_conference.directives.people import summarise
from sphinx_conference.domain.report import warn
from sphinx_conference.domain.store import get_domain
from sphinx_conference.render import nodes as cnodes
from sphinx_conference.render.components import (
    auto_heading,
    badge,
    event_facts,
    tag_badges,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


class EventDirective(ConferenceDirective):
    """Define an event and show its facts: dates, place, website, tracks and tags."""

    required_arguments = 1
    has_content = rules.EVENT.has_content
    option_spec: ClassVar = option_spec(*rules.EVENT.names)

    def run(self) -> list[nodes.Node]:
        """Record the event and render its block."""
        reading = self.read_rules()
        eid, o = reading.argument, reading.values
        if eid is None:
            return []
        body = self.parse_content_to_nodes() if self.content else []
        event = rules.to_record(
            "event",
            eid,
            o,
            docname=self.env.docname,
            lineno=self.lineno,
            lines=self.record_lines("event"),
            summary=summarise(body),
            default_timezone=self.config.conference_default_timezone,
        )
        assert isinstance(event, Event)
        self.domain.add_object("event", event)
        # Its block links to its statistics page while it has sessions (at doctree-resolved).
        self.domain.note_dependency(self.env.docname, ("statistics", eid))

        block = nodes.container(ids=[event.anchor], classes=["conference-event"])
        self.set_source_info(block)
        facts = event_facts(event)
        if facts is not None:
            block += facts
        if event.series:
            # Its page is generated after writing: the link is made when the page is resolved.
            series = series_of(event.series, self.domain.series)
            link = cnodes.series_link(series=series.id, name=series.name)
            self.set_source_info(link)
            block += link
        if event.tracks:
            block += auto_heading("Tracks", classes=["conference-tracks-heading"])
            tracks = nodes.paragraph(classes=["conference-tracks"])
            for i, track in enumerate(event.tracks):
                if i:
                    tracks += nodes.Text(" ")
                tracks += badge(track, "info", outline=False, extra=["conference-track"])
            block += tracks
        tags = tag_badges(event.tags)
        if tags is not None:
            block += tags
        block.extend(body)
        # "Schedule changes", when a re-import recorded some (filled at doctree-resolved).
        changes = cnodes.schedule_changes(event=eid)
        self.set_source_info(changes)
        self.domain.note_dependency(self.env.docname, ("changes", eid))
        block += changes
        if not o["hide-speakers"]:
            query = Query(kind="speakers", event=eid)
            speakers = cnodes.speaker_list(query=query, heading="Speakers")
            self.set_source_info(speakers)
            self.domain.note_dependency(self.env.docname, ("query", query))
            block += speakers
        return [block]


def check_events(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-check-consistency``: each event's series is defined in ``conference_series``."""
    domain = get_domain(env)
    for found in undefined_series(domain.events.values(), domain.series):
        warn(found.message, location=(found.docname, found.line), subtype=found.subtype)


def setup_events(app: Sphinx) -> None:
    """Register the event directive."""
    app.add_directive("event", EventDirective)
