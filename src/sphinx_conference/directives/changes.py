"""Schedule changes: the ``{schedule-change}`` directive.

The importer writes one block per changed session into the event's ``changes.md`` (see
``docs/importing.md``).  Each block is recorded in the domain (the event page lists the
changes, the session shows badges, feeds and calendars follow) and shown where it is
written as one line: the date, the session (a link) and what changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from sphinx import addnodes

from sphinx_conference.core import rules
from sphinx_conference.core.changes import describe
from sphinx_conference.directives.base import ConferenceDirective, option_spec
from sphinx_conference.render.timezones import date_node

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class ScheduleChangeDirective(ConferenceDirective):
    """Record a change of a session's schedule and show it as one line."""

    required_arguments = 1
    has_content = False
    option_spec: ClassVar = option_spec(*rules.SCHEDULE_CHANGE.names)

    def run(self) -> list[nodes.Node]:
        """Record the change; a line with its date, the session and what changed."""
        reading = self.read_rules()
        sid = reading.argument
        if sid is None:
            return []
        change = rules.to_change(sid, reading.values, docname=self.env.docname, lineno=self.lineno)
        if change is None:
            return []
        self.domain.add_change(change)
        para = nodes.paragraph(classes=["conference-schedule-change"])
        self.set_source_info(para)
        para += date_node(change.date)
        para += nodes.Text(": ")
        ref = addnodes.pending_xref(
            "",
            nodes.inline(sid, sid),
            refdomain="conference",
            reftype="session",
            reftarget=sid,
            refexplicit=False,
            refwarn=True,
            refdoc=self.env.docname,
        )
        self.set_source_info(ref)
        para += ref
        para += nodes.Text(f": {describe(change)}.")
        return [para]


def setup_changes(app: Sphinx) -> None:
    """Register the schedule-change directive."""
    app.add_directive("schedule-change", ScheduleChangeDirective)
