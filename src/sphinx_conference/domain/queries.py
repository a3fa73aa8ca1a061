"""The query API: what lists, cards and pages show, as pure functions of the index.

Each function reads an :class:`~sphinx_conference.domain.index.Index` (and, for
events, the build's today) and returns records; none touches Sphinx.  The domain's
methods of the same names delegate here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations
from typing import TypeVar

from sphinx_conference.core.model import Event, Person, Post, Query, Session, tag_slug
from sphinx_conference.domain.index import Index, person_order

T = TypeVar("T")


def _limit(items: Sequence[T], q: Query) -> list[T]:
    return list(items[: q.limit] if q.limit else items)


def query_sessions(idx: Index, q: Query) -> list[Session]:
    """Sessions matching every filter of ``q``, in time order."""
    if q.event:
        pool: Iterable[Session] = idx.sessions_by_event.get(q.event, [])
    elif q.speaker:
        pool = idx.sessions_by_speaker.get(q.speaker, [])
    else:
        pool = idx.sessions
    tag = idx.tags.key(q.tag) if q.tag else ""
    track = tag_slug(q.track) if q.track else ""
    kind = q.type.lower()
    out = [
        s
        for s in pool
        if (not q.speaker or q.speaker in s.speakers)
        and (not q.event or s.event == q.event)
        and (not track or tag_slug(s.track) == track)
        and (not kind or s.type == kind)
        and (not tag or idx.tags.has(s.tags, tag))
    ]
    return _limit(out, q)


def query_people(idx: Index, q: Query) -> list[Person]:
    """People matching every filter of ``q``, by name."""
    people: Iterable[Person] = idx.records.people.values()
    if q.event:
        ids = {sp for s in idx.sessions_by_event.get(q.event, []) for sp in s.speakers}
        people = [p for p in people if p.id in ids]
    if q.tag:
        tag = idx.tags.key(q.tag)
        people = [p for p in people if idx.tags.has(p.tags, tag)]
    return _limit(sorted(people, key=person_order), q)


def query_posts(idx: Index, q: Query) -> list[Post]:
    """Published posts matching every filter of ``q``, newest first."""
    posts: Sequence[Post] = idx.posts
    if q.author:
        posts = idx.posts_by_author.get(q.author, [])
    if q.tag:
        tag = idx.tags.key(q.tag)
        posts = [p for p in posts if idx.tags.has(p.tags, tag)]
    return _limit(posts, q)


def query_events(idx: Index, q: Query, today: dt.date) -> list[Event]:
    """Events matching ``q``; ``when`` (in ``q.extra``) is upcoming, past or all.

    Upcoming events (not yet ended on ``today``) come soonest first; past and all
    events newest first.  An event without a start date is past.
    """
    when = dict(q.extra).get("when", "all")
    events = idx.events
    if when == "upcoming":
        events = [e for e in reversed(events) if e.start and (e.end or e.start) >= today]
    elif when == "past":
        events = [e for e in events if not e.start or (e.end or e.start) < today]
    if q.tag:
        tag = idx.tags.key(q.tag)
        events = [e for e in events if idx.tags.has(e.tags, tag)]
    return _limit(events, q)


def newest_first(idx: Index, sessions: Iterable[Session]) -> list[Session]:
    """``sessions`` newest first: by their event's start, then time, then title."""
    events = idx.records.events

    def newest(s: Session) -> tuple[str, str, str]:
        event = events.get(s.event)
        start = event.start.isoformat() if event and event.start else ""
        return (start, s.start.isoformat() if s.start else "", s.title)

    return sorted(sessions, key=newest, reverse=True)


def person_sessions(idx: Index, pid: str) -> list[Session]:
    """A person's sessions across every event, newest first (by event, then time, then title)."""
    return newest_first(idx, idx.sessions_by_speaker.get(pid, []))


#: A group of a person's sessions: (key, label, [(year, sessions)]); the key is
#: ``("series", <series id>)`` or ``("event", <event id>)`` for an event without a series.
SessionGroup = tuple[tuple[str, str], str, list[tuple[int | None, list[Session]]]]


def series_editions(idx: Index, sid: str) -> list[Event]:
    """The editions (events) of series ``sid``, newest first."""
    return idx.events_by_series.get(sid, [])


def person_sessions_by_series(
    idx: Index, pid: str, series_names: Mapping[str, str]
) -> list[SessionGroup]:
    """A person's sessions grouped by series (then year), newest group first.

    A session of an event with a series is in that series' group (labelled by the
    series' name, ``series_names`` or its id), in the year of its event; a session of
    an event without one is in its event's own group (labelled by the event's name).
    Groups, years and sessions come newest first (by :func:`person_sessions`).
    """
    events = idx.records.events
    groups: dict[tuple[str, str], tuple[str, dict[int | None, list[Session]]]] = {}
    for s in person_sessions(idx, pid):
        event = events.get(s.event)
        year = event.year if event is not None else (s.start.year if s.start else None)
        if event is not None and event.series:
            key, label = ("series", event.series), series_names.get(event.series, event.series)
        else:
            key, label = ("event", s.event), event.display_name if event else s.event
        if key not in groups:
            groups[key] = (label, {})
        groups[key][1].setdefault(year, []).append(s)
    return [(key, label, list(years.items())) for key, (label, years) in groups.items()]


def person_posts(idx: Index, pid: str) -> list[tuple[Post, bool]]:
    """Published posts by a person or referencing them, newest first: (post, is_author)."""
    position = idx.post_position
    found = {p.docname for p in idx.posts_by_author.get(pid, [])}
    found.update(d for d in idx.referenced_by.get(f"speaker:{pid}", []) if d in position)
    posts = [idx.posts[i] for i in sorted(position[d] for d in found)]
    return [(p, pid in p.authors) for p in posts]


def neighbours(idx: Index, docname: str) -> tuple[Post | None, Post | None]:
    """The previous (older) and next (newer) published post of ``docname``."""
    pos = idx.post_position.get(docname)
    if pos is None:
        return None, None
    older = idx.posts[pos + 1] if pos + 1 < len(idx.posts) else None
    newer = idx.posts[pos - 1] if pos > 0 else None
    return older, newer


def related(idx: Index, docname: str, limit: int = 3) -> list[Post]:
    """Published posts sharing the most tags with ``docname``, then the newest.

    Memoised in the index, by ``(docname, limit)``.  Posts sharing two or more tags
    come from the index of tag pairs, and the rest from the head of each tag's list
    (both newest first), so a post costs about N / (number of tag pairs), not N.
    """
    memo = idx.related.get((docname, limit))
    if memo is not None:
        return memo
    post = idx.records.posts.get(docname)
    if post is None:
        return []
    tags = sorted({idx.tags.key(t) for t in post.tags} - {""})
    position = idx.post_position
    # A post sharing s >= 2 tags is in s * (s - 1) / 2 of this post's pair lists.
    pairs: dict[str, int] = defaultdict(int)
    for pair in combinations(tags, 2):
        for other in idx.posts_by_tag_pair.get(pair, []):
            if other.docname != docname:
                pairs[other.docname] += 1
    shared = {d: round((1 + (1 + 8 * c) ** 0.5) / 2) for d, c in pairs.items()}
    ranked = sorted(shared, key=lambda d: (-shared[d], position[d], d))[:limit]
    if len(ranked) < limit:
        # Then posts sharing one tag, newest first: the head of each tag's list suffices.
        need = limit - len(ranked)
        taken = {docname, *shared}
        singles: set[str] = set()
        for tag in tags:
            found = 0
            for other in idx.by_tag.get(tag, {}).get("posts", []):
                if other.docname not in taken:
                    singles.add(other.docname)
                    found += 1
                    if found == need:
                        break
        ranked += sorted(singles, key=lambda d: (position[d], d))[:need]
    result = [idx.records.posts[d] for d in ranked]
    idx.related[(docname, limit)] = result
    return result
