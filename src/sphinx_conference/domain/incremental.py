"""Precise incremental builds: which pages must be re-written because what they show changed.

While reading, every page notes what its rendered content depends on, as a
dependency key ``(Dep, argument)``: a list's query, a card's person, a post's
neighbours (``ConferenceDomain.note_dependency``); the objects it references are
keys too.  After reading, :func:`get_updated_docs` (``env-get-updated``)
fingerprints what each page's keys resolve to now and asks Sphinx to re-write
exactly the pages whose fingerprint changed since the previous build.

Each kind of key has one resolver in :data:`RESOLVERS`.  Resolvers are pure
functions of the index and the build's today; so is everything here but the
handler, which only fetches the domain.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum
from operator import itemgetter
from typing import TYPE_CHECKING, Any, cast

from sphinx_conference.core.model import Post, Query, Session
from sphinx_conference.domain import DOMAIN_NAME
from sphinx_conference.domain.fingerprints import Memo, fingerprint
from sphinx_conference.domain.index import Index
from sphinx_conference.domain.queries import (
    neighbours,
    person_posts,
    person_sessions,
    query_events,
    query_people,
    query_posts,
    query_sessions,
    related,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from sphinx_conference.domain.store import ConferenceDomain


class Dep(StrEnum):
    """What a page's rendered content can depend on; the argument of each is in brackets."""

    #: a list ({session-list} and friends, an event's sessions) [its Query]
    QUERY = "query"
    #: a person's card, or a reference to them [person id]
    SPEAKER = "speaker"
    #: a reference to an event [event id]
    EVENT = "event"
    #: a reference to a session [session id]
    SESSION = "session"
    #: the pages that mention an object ["speaker:<id>", "event:<id>", "session:<id>"]
    BACKLINKS = "backlinks"
    #: a post's own header: its authors [docname]
    POST = "post"
    #: a person's sessions and posts [person id]
    ACTIVITY = "activity"
    #: a post's related posts [docname]
    RELATED = "related"
    #: a post's previous and next posts [docname]
    NEIGHBOURS = "neighbours"
    #: whether an event has sessions, so its block links to its statistics page [event id]
    STATISTICS = "statistics"
    #: an event's "Schedule changes" section: its changes and their sessions [event id]
    CHANGES = "changes"
    #: a session block's change badges [session id]
    SESSION_CHANGES = "session-changes"


#: A dependency key: what kind of thing, and which.
DepKey = tuple[Dep, Any]

#: What a key of one kind resolves to, from the index, the build's today and the argument.
Resolver = Callable[[Index, dt.date, Any], Any]

#: The resolver of each kind of key.
RESOLVERS: dict[Dep, Resolver] = {}


def dep_key(key: tuple[Any, ...]) -> DepKey:
    """``key`` (a kind, as a :class:`Dep` or its value, and an argument) with its kind typed.

    An unknown kind is a ``ValueError``: a page noting it would never be re-written.
    """
    kind, arg = key
    return (Dep(kind), arg)


def _resolves(*kinds: Dep) -> Callable[[Resolver], Resolver]:
    def register(resolver: Resolver) -> Resolver:
        for kind in kinds:
            RESOLVERS[kind] = resolver
        return resolver

    return register


def _with_speakers(idx: Index, sessions: Iterable[Session]) -> list[Any]:
    # a session's card shows its speakers' names and the badges of its changes
    people, changes = idx.records.people, idx.changes_by_session
    return [(s, [people.get(sp) for sp in s.speakers], changes.get(s.id)) for s in sessions]


def _with_authors(idx: Index, post: Post) -> list[Any]:
    people = idx.records.people
    return [people.get(a) for a in post.authors]


#: What a list shows, by the kind of its query: its items and what their cards show of others.
QUERY_RESOLVERS: dict[str, Callable[[Index, dt.date, Query], Any]] = {
    "sessions": lambda idx, today, q: _with_speakers(idx, query_sessions(idx, q)),
    "speakers": lambda idx, today, q: query_people(idx, q),
    "posts": lambda idx, today, q: [(p, _with_authors(idx, p)) for p in query_posts(idx, q)],
    # which events are upcoming depends on the day of the build
    "events": lambda idx, today, q: (today, query_events(idx, q, today)),
}


@_resolves(Dep.QUERY)
def _query(idx: Index, today: dt.date, q: Query) -> Any:
    resolve = QUERY_RESOLVERS.get(q.kind)
    return resolve(idx, today, q) if resolve else None


@_resolves(Dep.SPEAKER)
def _person(idx: Index, today: dt.date, pid: str) -> Any:
    return idx.records.people.get(pid)


@_resolves(Dep.EVENT)
def _event(idx: Index, today: dt.date, eid: str) -> Any:
    return idx.records.events.get(eid)


@_resolves(Dep.SESSION)
def _session(idx: Index, today: dt.date, sid: str) -> Any:
    return idx.records.sessions.get(sid)


@_resolves(Dep.BACKLINKS)
def _backlinks(idx: Index, today: dt.date, key: str) -> Any:
    return idx.referenced_by.get(key, [])


@_resolves(Dep.POST)
def _post(idx: Index, today: dt.date, docname: str) -> Any:
    post = idx.records.posts.get(docname)
    return (post, _with_authors(idx, post) if post else None)


@_resolves(Dep.ACTIVITY)
def _activity(idx: Index, today: dt.date, pid: str) -> Any:
    events, people = idx.records.events, idx.records.people
    return (
        [
            (
                s,
                events.get(s.event),
                [people.get(sp) for sp in s.speakers],
                idx.changes_by_session.get(s.id),
            )
            for s in person_sessions(idx, pid)
        ],
        [(p, mine, _with_authors(idx, p)) for p, mine in person_posts(idx, pid)],
    )


@_resolves(Dep.RELATED)
def _related(idx: Index, today: dt.date, docname: str) -> Any:
    # shown with their authors' names and links
    return [(p, _with_authors(idx, p)) for p in related(idx, docname)]


@_resolves(Dep.NEIGHBOURS)
def _neighbours(idx: Index, today: dt.date, docname: str) -> Any:
    # Previous/next links show a post's title only: its tags or summary changing
    # must not re-write its neighbours.
    return tuple((p.docname, p.title) if p else None for p in neighbours(idx, docname))


@_resolves(Dep.STATISTICS)
def _statistics(idx: Index, today: dt.date, eid: str) -> Any:
    return bool(idx.sessions_by_event.get(eid))


@_resolves(Dep.CHANGES)
def _changes(idx: Index, today: dt.date, eid: str) -> Any:
    # each change with its session as the line shows it (title, times, page)
    sessions = idx.records.sessions
    return [(c, sessions.get(c.session)) for c in idx.changes_by_event.get(eid, ())]


@_resolves(Dep.SESSION_CHANGES)
def _session_changes(idx: Index, today: dt.date, sid: str) -> Any:
    return idx.changes_by_session.get(sid)


def resolve_key(idx: Index, today: dt.date, key: tuple[Any, ...]) -> Any:
    """What a dependency key resolves to now; compared across builds (``None``: unknown kind)."""
    try:
        kind, arg = dep_key(key)
    except ValueError:
        return None
    return RESOLVERS[kind](idx, today, arg)


class PageFingerprints:
    """Fingerprints of pages' dependency keys against one index, with the memos of one build.

    Many pages depend on the same person, event or list: each key is resolved once.
    The same record is in many resolved values: its text is made once.
    """

    def __init__(self, idx: Index, today: dt.date) -> None:
        self.idx = idx
        self.today = today
        self.resolved: dict[tuple[Any, ...], tuple[str, Any]] = {}
        self.memo: Memo = {}

    def _part(self, key: tuple[Any, ...]) -> tuple[str, Any]:
        part = self.resolved.get(key)
        if part is None:
            # The kind's value, not the Dep's repr: a reference ("speaker", id) and a
            # card's (Dep.SPEAKER, id) are one key.
            text = f"{key[0]!s}:{key[1]!r}"
            part = self.resolved[key] = (text, resolve_key(self.idx, self.today, key))
        return part

    def of(self, keys: Iterable[tuple[Any, ...]]) -> str:
        """The fingerprint of what ``keys`` resolve to (in any order)."""
        parts = sorted((self._part(key) for key in keys), key=itemgetter(0))
        return fingerprint(parts, self.memo)


def changed_pages(
    docnames: Iterable[str],
    deps: Mapping[str, Iterable[tuple[Any, ...]]],
    refs: Mapping[str, Iterable[tuple[str, str]]],
    digests: dict[str, str],
    fingerprints: PageFingerprints,
) -> list[str]:
    """Pages whose dependencies resolve differently from last time; ``digests`` is updated.

    A page seen for the first time is not "changed" (Sphinx reads it anyway), and a
    page without dependencies keeps no digest.
    """
    changed = []
    for docname in docnames:
        keys = set(deps.get(docname, ()))
        keys.update(refs.get(docname, ()))
        if not keys:
            digests.pop(docname, None)
            continue
        new = fingerprints.of(keys)
        old = digests.get(docname)
        digests[docname] = new
        if old is not None and old != new:
            changed.append(docname)
    return changed


def get_updated_docs(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: pages whose lists, cards or references now resolve differently."""
    domain = cast("ConferenceDomain", env.domains[DOMAIN_NAME])
    return changed_pages(
        sorted(env.found_docs),
        domain.data["deps"],
        domain.data["refs"],
        domain.data["digests"],
        PageFingerprints(domain.index, domain.today),
    )
