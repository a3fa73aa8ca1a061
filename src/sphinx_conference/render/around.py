"""Around this session: the short lists under a session's block.

"At the same time", "Next in this room", "More by these speakers" and "Also given at"
(computed by :mod:`sphinx_conference.domain.around`) as one description list: each
label a term, its sessions the definition.  No headings (an event page with a hundred
sessions would get four hundred of them in its outline) and no landmark (as many
navigation regions): the block's own heading is what the list is about.
"""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes

from sphinx_conference.core.model import Session
from sphinx_conference.domain.around import around
from sphinx_conference.domain.store import ConferenceDomain
from sphinx_conference.render import nodes as cnodes
from sphinx_conference.render.components import Linker, change_badges
from sphinx_conference.render.timezones import clock_range, day_clock_range


def _when(other: Session, session: Session, timezone: str) -> list[nodes.Node]:
    """``11:00–11:30``, with the day when it is not the session's own; then a space."""
    if other.start is None:  # pragma: no cover - only timed sessions are around in time
        return []
    same_day = session.day is not None and other.day == session.day
    times = clock_range(other, timezone) if same_day else day_clock_range(other, timezone)
    return [*times, nodes.Text(" ")]


def _entry(label: str, items: Sequence[list[nodes.Node]]) -> nodes.definition_list_item:
    """One label and its sessions: a paragraph for one, a list for more."""
    entry = nodes.definition_list_item()
    entry += nodes.term(label, label)
    definition = nodes.definition()
    if len(items) == 1:
        definition += nodes.paragraph("", "", *items[0])
    else:
        found = nodes.bullet_list()
        for item in items:
            found += nodes.list_item("", nodes.paragraph("", "", *item))
        definition += found
    entry += definition
    return entry


def render_around(
    node: cnodes.session_around, domain: ConferenceDomain, link: Linker
) -> list[nodes.Node]:
    """The "around" list of the session ``node["session"]`` (nothing when all is empty)."""
    session = domain.sessions.get(node["session"])
    if session is None:
        return []
    found = around(domain.index, session.id)
    if not found:
        return []
    events = domain.events
    event = events.get(session.event)
    timezone = event.timezone if event is not None else ""

    changes = domain.index.changes_by_session

    def title(other: Session) -> nodes.reference:
        return link.ref(other.title, link.record(other))

    def marked(other: Session, item: list[nodes.Node]) -> list[nodes.Node]:
        """``item``, then the session's change badges ("Cancelled", "Moved from 10:00")."""
        badges = change_badges(other, changes.get(other.id))
        return [*item, nodes.Text(" "), *badges] if badges else item

    def timed(other: Session, room: bool) -> list[nodes.Node]:
        out = [*_when(other, session, timezone), title(other)]
        if room and other.room:
            out.append(nodes.Text(f" ({other.room})"))
        return marked(other, out)

    def elsewhere(other: Session) -> list[nodes.Node]:
        at = events.get(other.event)
        return marked(
            other, [title(other), nodes.Text(f", {at.display_name if at else other.event}")]
        )

    def given_at(other: Session) -> list[nodes.Node]:
        at = events.get(other.event)
        return marked(other, [link.ref(at.display_name if at else other.event, link.record(other))])

    box = nodes.definition_list(classes=["conference-around"])
    if found.same_time:
        box += _entry("At the same time", [timed(s, True) for s in found.same_time])
    if found.next_in_room is not None:
        box += _entry("Next in this room", [timed(found.next_in_room, False)])
    if found.by_speakers:
        box += _entry("More by these speakers", [elsewhere(s) for s in found.by_speakers])
    if found.also_at:
        box += _entry("Also given at", [given_at(s) for s in found.also_at])
    return [box]
