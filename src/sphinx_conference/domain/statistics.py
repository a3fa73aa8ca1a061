"""Statistics of events and series: pure counting over the records, no Sphinx.

What is counted, per event (:func:`event_stats`) and per series (:func:`series_stats`):

* sessions by track, by type, by language and by tag (a session with several tags counts
  once under each; a session without a track, type, language or tag counts under "No track",
  "No type", "No language" or "No tags");
* speakers: the distinct people named by the sessions;
* first-time and returning speakers. A speaker of an event is *returning* when they spoke at
  an *earlier* event: for an event of a series, an earlier edition of the same series; for an
  event without a series, any earlier event on the site. "Earlier" compares start dates: an
  event without a start date has no earlier event (all its speakers are first-time) and is
  earlier than none.
* for a series, each edition's sessions, speakers and returning share, oldest first (the
  trends), and the people who spoke at more than one edition.

Cancelled sessions (``status`` "cancelled") are not counted: neither the session nor, for it,
its speakers. Counts are sorted by count (largest first), then by name; the "No ..." row comes
last.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby

from sphinx_conference.core.model import Event, Session
from sphinx_conference.domain.index import Index, event_order

#: Rows of a breakdown: (category, number of sessions).
Counts = tuple[tuple[str, int], ...]

#: The category of sessions that give no value, by dimension.
MISSING = {
    "track": "No track",
    "type": "No type",
    "language": "No language",
    "tag": "No tags",
}

#: The breakdowns of sessions, in the order pages show them: (dimension, plural label).
DIMENSIONS = (("track", "tracks"), ("type", "types"), ("language", "languages"), ("tag", "tags"))


def count_by(values: Iterable[str | Iterable[str]], missing: str) -> Counts:
    """How many items carry each value; an empty value (or no values) counts under ``missing``.

    An item is a string or a collection of strings (a session's tags): it counts once under
    each distinct value it carries.
    """
    counter: Counter[str] = Counter()
    none = 0
    for value in values:
        found = {value} if isinstance(value, str) else set(value)
        found.discard("")
        if not found:
            none += 1
        counter.update(found)
    rows = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0].lower(), kv[0]))
    if none:
        rows.append((missing, none))
    return tuple(rows)


@dataclass(frozen=True)
class Breakdowns:
    """Sessions by track, type, language and tag."""

    track: Counts = ()
    type: Counts = ()
    language: Counts = ()
    tag: Counts = ()

    def of(self, dimension: str) -> Counts:
        """The breakdown by ``dimension`` ("track", "type", "language" or "tag")."""
        counts: Counts = getattr(self, dimension)
        return counts

    def given(self, dimension: str) -> bool:
        """Whether any session gives a value of ``dimension``."""
        return any(label != MISSING[dimension] for label, _ in self.of(dimension))


def breakdowns(sessions: Sequence[Session], tag_label: Callable[[str], str] = str) -> Breakdowns:
    """The breakdowns of ``sessions``; ``tag_label`` names a tag's canonical form."""
    return Breakdowns(
        track=count_by((s.track for s in sessions), MISSING["track"]),
        type=count_by((s.type for s in sessions), MISSING["type"]),
        language=count_by((s.language for s in sessions), MISSING["language"]),
        tag=count_by(([tag_label(t) for t in s.tags] for s in sessions), MISSING["tag"]),
    )


def held(sessions: Iterable[Session]) -> list[Session]:
    """``sessions`` without the cancelled ones."""
    return [s for s in sessions if s.status != "cancelled"]


def speakers_of(sessions: Iterable[Session]) -> set[str]:
    """The distinct people named by ``sessions``."""
    return {sp for s in sessions for sp in s.speakers}


def earlier_events(event: Event, events: Iterable[Event]) -> list[Event]:
    """The events a speaker of ``event`` may return from, oldest first.

    The earlier editions of its series; for an event without a series, every earlier event.
    """
    if event.start is None:
        return []
    start = event.start
    return sorted(
        (
            e
            for e in events
            if e.id != event.id
            and e.start is not None
            and e.start < start
            and (not event.series or e.series == event.series)
        ),
        key=event_order,
    )


@dataclass(frozen=True)
class EventStats:
    """What an event's statistics page shows."""

    event: str
    sessions: int
    speakers: int
    first_time: int
    returning: int
    #: how many earlier events (or editions) returning speakers are counted against
    earlier: int
    by: Breakdowns

    @property
    def returning_share(self) -> float | None:
        """Returning speakers as a share of all speakers (``None`` without speakers)."""
        return self.returning / self.speakers if self.speakers else None


def all_event_stats(
    events: Iterable[Event],
    sessions_by_event: Mapping[str, Sequence[Session]],
    tag_label: Callable[[str], str] = str,
    only: Collection[str] | None = None,
) -> dict[str, EventStats]:
    """The statistics of every event of ``events`` (of those in ``only``, when given).

    One pass over the events in date order: each event's returning speakers are those it
    shares with the speakers met so far in its pool (its series, or every event for an
    event without a series), counted before the events of its own start day join the pools.
    """
    events = list(events)
    speakers = {e.id: speakers_of(held(sessions_by_event.get(e.id, ()))) for e in events}
    returning: dict[str, tuple[int, int]] = {}  # event id -> (returning, earlier events)
    seen: defaultdict[str, set[str]] = defaultdict(set)  # pool ("" = every event) -> speakers
    count: Counter[str] = Counter()  # pool -> events in it so far
    dated = sorted((e for e in events if e.start is not None), key=event_order)
    for _, day in groupby(dated, key=lambda e: e.start):
        group = list(day)
        for e in group:
            returning[e.id] = (len(speakers[e.id] & seen[e.series]), count[e.series])
        for e in group:
            for pool in {"", e.series}:
                seen[pool] |= speakers[e.id]
                count[pool] += 1
    out = {}
    for e in events:
        if only is not None and e.id not in only:
            continue
        sessions = held(sessions_by_event.get(e.id, ()))
        back, earlier = returning.get(e.id, (0, 0))
        out[e.id] = EventStats(
            event=e.id,
            sessions=len(sessions),
            speakers=len(speakers[e.id]),
            first_time=len(speakers[e.id]) - back,
            returning=back,
            earlier=earlier,
            by=breakdowns(sessions, tag_label),
        )
    return out


def event_stats(
    event: Event,
    events: Iterable[Event],
    sessions_by_event: Mapping[str, Sequence[Session]],
    tag_label: Callable[[str], str] = str,
) -> EventStats:
    """The statistics of ``event``, among ``events`` (every event of the site)."""
    pool = {e.id: e for e in events}
    pool[event.id] = event
    return all_event_stats(pool.values(), sessions_by_event, tag_label, only={event.id})[event.id]


@dataclass(frozen=True)
class Edition:
    """One edition of a series, in its trends."""

    event: str
    name: str
    year: int | None
    sessions: int
    speakers: int
    returning: int

    @property
    def first_time(self) -> int:
        """Speakers who had not spoken at an earlier edition."""
        return self.speakers - self.returning

    @property
    def returning_share(self) -> float | None:
        """Returning speakers as a share of the edition's speakers (``None`` without speakers)."""
        return self.returning / self.speakers if self.speakers else None


@dataclass(frozen=True)
class SeriesStats:
    """What a series' statistics show: totals over its editions, and each edition's trend."""

    series: str
    #: oldest first
    editions: tuple[Edition, ...]
    sessions: int
    #: distinct people who spoke at any edition
    speakers: int
    #: of those, the people who spoke at two editions or more
    repeat_speakers: int
    by: Breakdowns

    @property
    def one_time_speakers(self) -> int:
        """People who spoke at one edition only."""
        return self.speakers - self.repeat_speakers


def series_stats(
    series: str,
    editions: Iterable[Event],
    sessions_by_event: Mapping[str, Sequence[Session]],
    tag_label: Callable[[str], str] = str,
) -> SeriesStats:
    """The statistics of the series ``series`` whose editions are ``editions`` (any order).

    Each edition's returning speakers are counted against the earlier editions given here,
    as on the edition's own statistics page when the editions carry the series.
    """
    ordered = sorted(editions, key=event_order)
    rows: list[Edition] = []
    seen: Counter[str] = Counter()
    all_sessions: list[Session] = []
    for event in ordered:
        sessions = held(sessions_by_event.get(event.id, ()))
        all_sessions.extend(sessions)
        speakers = speakers_of(sessions)
        seen.update(speakers)
        # An undated edition has no earlier edition (see the module's rule).
        earlier: set[str] = set()
        if event.start is not None:
            earlier = speakers_of(
                s
                for e in ordered
                if e.start is not None and e.start < event.start
                for s in held(sessions_by_event.get(e.id, ()))
            )
        rows.append(
            Edition(
                event=event.id,
                name=event.display_name,
                year=event.year,
                sessions=len(sessions),
                speakers=len(speakers),
                returning=len(speakers & earlier),
            )
        )
    return SeriesStats(
        series=series,
        editions=tuple(rows),
        sessions=len(all_sessions),
        speakers=len(seen),
        repeat_speakers=sum(1 for n in seen.values() if n > 1),
        by=breakdowns(all_sessions, tag_label),
    )


def tag_labeller(idx: Index) -> Callable[[str], str]:
    """A tag's display name in ``idx`` (one name for every spelling of a tag)."""
    names, key = idx.tag_names, idx.tags.key

    def label(tag: str) -> str:
        return names.get(key(tag), tag)

    return label


def index_event_stats(idx: Index) -> dict[str, EventStats]:
    """:func:`all_event_stats` of every event of an index."""
    return all_event_stats(idx.records.events.values(), idx.sessions_by_event, tag_labeller(idx))


def index_series_stats(idx: Index, series: str, editions: Iterable[Event]) -> SeriesStats:
    """:func:`series_stats` over an index's records."""
    return series_stats(series, editions, idx.sessions_by_event, tag_labeller(idx))
