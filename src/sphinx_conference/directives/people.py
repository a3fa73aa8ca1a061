"""People: the ``{speaker}`` directive and ``{speaker-card}``.

``{speaker} <id>`` defines a person (speaker or author) on their page and shows
their card; ``{speaker-card} <id>`` shows the same card on any page.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes

from sphinx_conference.core.model import Person
from sphinx_conference.core.validation import FieldError, parse_slug, parse_url, split_list
from sphinx_conference.directives.base import ConferenceDirective, option_spec
from sphinx_conference.render import nodes as cnodes
from sphinx_conference.render.components import person_card

if TYPE_CHECKING:
    from sphinx.application import Sphinx

PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg", ".avif"}


def summarise(body: list[nodes.Node], limit: int = 240) -> str:
    """The first paragraph of a parsed text as plain text, cut at a sentence near ``limit``."""
    for node in body:
        for para in node.findall(nodes.paragraph) if isinstance(node, nodes.Element) else ():
            text = " ".join(para.astext().split())
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
    has_content = True
    option_spec: ClassVar = option_spec("name", "role", "org", "photo", "links", "tags")

    def photo(self) -> str:
        """The photo as a source-relative path (or an https URL); rejected outside the project."""
        raw = (self.options.get("photo") or "").strip()
        if not raw:
            return ""
        if "://" in raw or raw.startswith(("data:", "javascript:")):
            try:
                url = parse_url(raw)
            except FieldError as err:
                self.warn_field("photo", str(err), "photo")
                return ""
            if not url.startswith("https://"):
                self.warn_field("photo", f"a remote photo must use https, got {raw!r}", "photo")
                return ""
            return url
        rel, absolute = self.env.relfn2path(raw, self.env.docname)
        srcdir = Path(self.env.srcdir).resolve()
        full = Path(absolute).resolve()
        norm = posixpath.normpath(rel)
        if norm.startswith("../") or norm == ".." or not full.is_relative_to(srcdir):
            self.warn_field(
                "photo",
                f"the photo must be a file inside the project (e.g. '../_static/people/<id>.jpg'), got {raw!r}",
                "photo",
            )
            return ""
        if full.suffix.lower() not in PHOTO_SUFFIXES:
            self.warn_field(
                "photo",
                f"expected an image file ({', '.join(sorted(PHOTO_SUFFIXES))}), got {raw!r}",
                "photo",
            )
            return ""
        if not full.is_file():
            self.warn_field("photo", f"no such file {raw!r} (relative to this page)", "photo")
            return ""
        self.env.note_dependency(str(full))
        return norm

    def links(self) -> tuple[str, ...]:
        """Valid links; each bad one is reported and left out."""
        out = []
        for raw in split_list(self.options.get("links")):
            try:
                out.append(parse_url(raw))
            except FieldError as err:
                self.warn_field("links", str(err), err.subtype)
        return tuple(out)

    def run(self) -> list[nodes.Node]:
        """Record the person and render their card."""
        try:
            pid = parse_slug(self.arguments[0], what="speaker id")
        except FieldError as err:
            self.warn_field("speaker", str(err), err.subtype)
            return []
        name = self.text("name")
        self.required("name", name)
        body = self.parse_content_to_nodes() if self.content else []
        person = Person(
            id=pid,
            docname=self.env.docname,
            lineno=self.lineno,
            name=name or pid,
            role=self.text("role"),
            org=self.text("org"),
            photo=self.photo(),
            links=self.links(),
            tags=self.text_list("tags"),
            bio=summarise(body),
        )
        self.domain.add_object("speaker", person)
        card = person_card(person, body=body, with_id=True)
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
    option_spec: ClassVar = option_spec("compact")

    def run(self) -> list[nodes.Node]:
        """Leave a placeholder for the card of the given person."""
        try:
            pid = parse_slug(self.arguments[0], what="speaker id")
        except FieldError as err:
            self.warn_field("speaker-card", str(err), err.subtype)
            return []
        node = cnodes.speaker_card(person=pid, compact="compact" in self.options)
        self.set_source_info(node)
        self.domain.note_dependency(self.env.docname, ("speaker", pid))
        return [node]


def setup_people(app: Sphinx) -> None:
    """Register the people directives."""
    app.add_directive("speaker", SpeakerDirective)
    app.add_directive("speaker-card", SpeakerCardDirective)
