"""What the reader's agenda needs from the rendered pages (the script does the rest).

``conference-agenda.js`` puts an "Add to my agenda" button on each timed session a page
shows and marks what is on "Now" and "Next"; it finds the sessions by their links and
reads their data from each event's agenda file (:mod:`sphinx_conference.outputs.agenda`).
All a page needs is the ids of those events: noted on its document here, at
``doctree-resolved``, and written into the script's tag at ``html-page-context``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sphinx_conference.core.model import Session

#: Set on a document: the ids of the events whose timed sessions it shows.
AGENDA_FLAG = "conference_agenda_events"
#: What a session without a start time reads instead of its time (it gets no agenda button).
TBA = "Time to be announced"


def note_events(doctree: Any, event_ids: Iterable[str]) -> None:
    """Note on ``doctree`` events whose sessions it shows."""
    ids = {e for e in event_ids if e}
    if ids:
        doctree[AGENDA_FLAG] = sorted(ids.union(doctree.get(AGENDA_FLAG, ())))


def note_sessions(doctree: Any, sessions: Iterable[Session]) -> None:
    """Note the events of the timed ones of ``sessions`` (only those get a button)."""
    note_events(doctree, (s.event for s in sessions if s.start is not None))
