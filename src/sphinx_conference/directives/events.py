"""Events: the ``{event}`` directive."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes

from sphinx_conference.core.model import Event, Query
from sphinx_conference.core.validation import (
    FieldError,
    parse_country,
    parse_date,
    parse_slug,
    parse_timezone,
    parse_url,
)
from sphinx_conference.directives.base import ConferenceDirective, option_spec
from sphinx_conference.directives.people import summarise
from sphinx_conference.render import nodes as cnodes
from sphinx_conference.render.components import badge, event_facts, heading, tag_badges

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class EventDirective(ConferenceDirective):
    """Define an event and show its facts: dates, place, website, tracks and tags."""

    required_arguments = 1
    has_content = True
    option_spec: ClassVar = option_spec(
        "name",
        "start",
        "end",
        "venue",
        "city",
        "country",
        "url",
        "timezone",
        "tracks",
        "tags",
        "hide-speakers",
    )

    def run(self) -> list[nodes.Node]:
        """Record the event and render its block."""
        try:
            eid = parse_slug(self.arguments[0], what="event id")
        except FieldError as err:
            self.warn_field("event", str(err), err.subtype)
            return []
        name = self.text("name")
        self.required("name", name)
        start = self.option("start", parse_date, None)
        self.required("start", self.options.get("start"))
        end = self.option("end", parse_date, None)
        if start and end and end < start:
            self.warn_field("end", f"the event ends ({end}) before it starts ({start})", "range")
            end = None
        body = self.parse_content_to_nodes() if self.content else []
        event = Event(
            id=eid,
            docname=self.env.docname,
            lineno=self.lineno,
            name=name or eid,
            start=start,
            end=end or start,
            venue=self.text("venue"),
            city=self.text("city"),
            country=self.option("country", parse_country, ""),
            url=self.option("url", parse_url, ""),
            timezone=self.option(
                "timezone", parse_timezone, self.config.conference_default_timezone
            ),
            tracks=self.text_list("tracks", ";"),
            tags=self.text_list("tags"),
            summary=summarise(body),
        )
        self.domain.add_object("event", event)

        block = nodes.container(ids=[event.anchor], classes=["conference-event"])
        self.set_source_info(block)
        facts = event_facts(event)
        if facts is not None:
            block += facts
        if event.tracks:
            level = self.state.memo.section_level + 1
            block += heading("Tracks", level, classes=["conference-tracks-heading"])
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
        if "hide-speakers" not in self.options:
            query = Query(kind="speakers", event=eid)
            speakers = cnodes.speaker_list(query=query, heading="Speakers")
            self.set_source_info(speakers)
            self.domain.note_dependency(self.env.docname, ("query", query))
            block += speakers
        return [block]


def setup_events(app: Sphinx) -> None:
    """Register the event directive."""
    app.add_directive("event", EventDirective)
