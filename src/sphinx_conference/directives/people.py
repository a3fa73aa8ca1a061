"""People: the ``{speaker}`` directive and ``{speaker-card}``.

``{speaker} <id>`` defines a person (speaker or author) on their page and shows
their card; ``{speaker-card} <id>`` shows the same card on any page.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes

from sphinx_conference.core import rules
from sphinx_conference.core.model import Person
from sphinx_conference.directives.base import ConferenceDirective, option_spec
from sphinx_conference.render import nodes as cnodes
from sphinx_conference.render.components import person_card

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def _in_raw(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.raw):
            return True
        parent = parent.parent
    return False


def summarise(body: list[nodes.Node], limit: int = 240) -> str:
    """The first paragraph of a parsed text as plain text, cut at a sentence near ``limit``.

    Raw HTML in the paragraph is left out: its source is markup, not text (and not yet
    cleaned when the directive runs), so it must not reach a plain-text summary.
    """
    for node in body:
        for para in node.findall(nodes.paragraph) if isinstance(node, nodes.Element) else ():
            words = (t.astext() for t in para.findall(nodes.Text) if not _in_raw(t))
            text = " ".join("".join(words).split())
            if not text:
                continue
            if len(text) <= limit:
                return text
            cut = text[:limit]
            m = re.search(r"^(.*[.!?])\s", cut)
            return m.group(1) if m else cut.rsplit(" ", 1)[0] + "…"
    return ""


class SpeakerDirective(ConferenceDirective):
    """Define a person and show their card."""

    required_arguments = 1
    final_argument_whitespace = False
    has_content = rules.SPEAKER.has_content
    option_spec: ClassVar = option_spec(*rules.SPEAKER.names)

    def run(self) -> list[nodes.Node]:
        """Record the person and render their card."""
        reading = self.read_rules()
        pid, o = reading.argument, reading.values
        if pid is None:
            return []
        if o["photo"] and "://" not in o["photo"]:
            self.env.note_dependency(str(Path(self.env.srcdir) / o["photo"]))
        body = self.parse_content_to_nodes() if self.content else []
        person = rules.to_record(
            "speaker",
            pid,
            o,
            docname=self.env.docname,
            lineno=self.lineno,
            lines=self.record_lines("speaker"),
            summary=summarise(body),
        )
        assert isinstance(person, Person)
        self.domain.add_object("speaker", person)
        card = person_card(person, body=body, with_id=True, aliases=True)
        img = next(iter(card.findall(nodes.image)), None)
        if img is not None and "://" not in person.photo:
            # Let Sphinx's image collector copy the photo into the build (source-absolute URI).
            img["uri"] = "/" + person.photo
            del img["candidates"]
        self.set_source_info(card)
        activity = cnodes.person_activity(person=pid)
        self.set_source_info(activity)
        self.domain.note_dependency(self.env.docname, ("activity", pid))
        return [card, activity]


class SpeakerCardDirective(ConferenceDirective):
    """Show a person's card on any page: a placeholder filled after reading."""

    required_arguments = 1
    option_spec: ClassVar = option_spec(*rules.SPEAKER_CARD.names)

    def run(self) -> list[nodes.Node]:
        """Leave a placeholder for the card of the given person."""
        reading = self.read_rules()
        pid = reading.argument
        if pid is None:
            return []
        node = cnodes.speaker_card(person=pid, compact=reading.values["compact"])
        self.set_source_info(node)
        self.domain.note_dependency(self.env.docname, ("speaker", pid))
        return [node]


def setup_people(app: Sphinx) -> None:
    """Register the people directives."""
    app.add_directive("speaker", SpeakerDirective)
    app.add_directive("speaker-card", SpeakerCardDirective)
