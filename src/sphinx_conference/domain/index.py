"""The derived index: what the merged records say, computed once per build.

:func:`build_index` is a pure function of the records (and the build's today, the
drafts switch and the tag vocabulary): no environment, no application, no Sphinx.
The domain builds it lazily after the last change to its data (in practice once,
after reading and merging) and drops it at the next change.

What is derived from the index lives in it (related posts, the objects of each
page) or is keyed on :attr:`Index.generation`, a number no other index of the
process has (the rendered list items of :mod:`sphinx_conference.render.fragments`,
the parallel pre-render): one key, and no old index kept alive to compare with.
Canonical tag slugs (:class:`TagKeys`) depend on the configuration only, so one
instance serves a build.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from sphinx_conference.core.changes import newest_first
from sphinx_conference.core.model import (
    Event,
    PageTags,
    Person,
    Post,
    ScheduleChange,
    Session,
    tag_slug,
)

#: A number for each index made in this process (see :attr:`Index.generation`).
_GENERATIONS = itertools.count(1)


def session_order(s: Session) -> tuple[Any, ...]:
    """Sessions sort by event, then time (unscheduled last), then title."""
    return (s.event, s.start is None, s.start.isoformat() if s.start else "", s.title.lower(), s.id)


def event_order(e: Event) -> tuple[Any, ...]:
    """Events sort by start date, then id."""
    return (e.start.isoformat() if e.start else "", e.id)


def person_order(p: Person) -> tuple[str, str]:
    """People sort by name (case-insensitively), then id."""
    return (p.name.lower(), p.id)


def is_published(post: Post, today: dt.date | None) -> bool:
    """A post is shown when it is not a draft and not dated after ``today``."""
    return not post.draft and (today is None or post.date <= today)


class TagKeys:
    """Canonical tag slugs under a vocabulary: case- and space-insensitive, aliases resolved.

    ``aliases`` maps an alias slug to its canonical slug, ``names`` a canonical slug
    to its configured name (both from :func:`sphinx_conference.core.vocabulary.vocabulary`).
    The vocabulary is configuration, not data: one instance serves a whole build.
    """

    def __init__(
        self, aliases: Mapping[str, str] | None = None, names: Mapping[str, str] | None = None
    ) -> None:
        self.aliases: Mapping[str, str] = aliases or {}
        self.names: Mapping[str, str] = names or {}
        self._keys: dict[str, str] = {}

    def canonical(self, slug: str) -> str:
        """The canonical slug of ``slug`` (itself unless it is an alias)."""
        return self.aliases.get(slug, slug)

    def key(self, tag: str) -> str:
        """The canonical slug of ``tag``; memoised (it is asked for every tag of every item)."""
        key = self._keys.get(tag)
        if key is None:
            key = self._keys[tag] = self.canonical(tag_slug(tag))
        return key

    def has(self, tags: Iterable[str], key: str) -> bool:
        """Whether any of ``tags`` is the tag with canonical slug ``key``."""
        return any(self.key(t) == key for t in tags)


@dataclass(frozen=True)
class Records:
    """The merged records of a site, as the domain holds them (drafts included)."""

    people: Mapping[str, Person] = field(default_factory=dict)
    events: Mapping[str, Event] = field(default_factory=dict)
    sessions: Mapping[str, Session] = field(default_factory=dict)
    #: docname -> post
    posts: Mapping[str, Post] = field(default_factory=dict)
    #: docname -> tags of a page that is not a post
    page_tags: Mapping[str, PageTags] = field(default_factory=dict)
    #: docname -> (object type, id) of the objects the page references
    refs: Mapping[str, Collection[tuple[str, str]]] = field(default_factory=dict)
    #: docname -> the schedule changes its ``{schedule-change}`` blocks record
    changes: Mapping[str, tuple[ScheduleChange, ...]] = field(default_factory=dict)


@dataclass
class PageObjects:
    """The objects one page defines, in source order."""

    events: list[Event] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)


@dataclass
class Index:
    """Derived indexes, computed once per build from the merged records (:func:`build_index`)."""

    records: Records = field(default_factory=Records)
    tags: TagKeys = field(default_factory=TagKeys)
    #: sessions of every event, in :func:`session_order`
    sessions: list[Session] = field(default_factory=list)
    #: events, newest first
    events: list[Event] = field(default_factory=list)
    sessions_by_event: dict[str, list[Session]] = field(default_factory=dict)
    #: series id -> its editions (events), newest first
    events_by_series: dict[str, list[Event]] = field(default_factory=dict)
    sessions_by_speaker: dict[str, list[Session]] = field(default_factory=dict)
    posts_by_author: dict[str, list[Post]] = field(default_factory=dict)
    #: tag slug -> display name (the configured name, else the first spelling met)
    tag_names: dict[str, str] = field(default_factory=dict)
    #: tag slug -> kind ("posts", "events", "sessions", "people", "pages") -> items
    by_tag: dict[str, dict[str, list[Any]]] = field(default_factory=dict)
    #: published posts, newest first (drafts and future posts excluded unless shown)
    posts: list[Post] = field(default_factory=list)
    #: docname -> position in ``posts``
    post_position: dict[str, int] = field(default_factory=dict)
    #: object key ("speaker:<id>", "session:<id>", "event:<id>") -> docnames referencing it
    referenced_by: dict[str, list[str]] = field(default_factory=dict)
    #: (tag slug, tag slug), sorted -> posts carrying both, newest first (for related posts)
    posts_by_tag_pair: dict[tuple[str, str], list[Post]] = field(default_factory=dict)
    #: docname -> the events, sessions and people the page defines
    objects_by_doc: dict[str, PageObjects] = field(default_factory=dict)
    #: (docname, limit) -> its related posts, filled on first use (fingerprint, then page)
    related: dict[tuple[str, int], list[Post]] = field(default_factory=dict)
    #: memos of :mod:`.around`: its tables ("tables") and each session's result, on first use
    around: dict[Any, Any] = field(default_factory=dict)
    #: event id -> its recorded schedule changes, newest first
    changes_by_event: dict[str, list[ScheduleChange]] = field(default_factory=dict)
    #: session id -> its recorded schedule changes, newest first
    changes_by_session: dict[str, list[ScheduleChange]] = field(default_factory=dict)
    #: The identity of this index: every cache of things derived from it keys on this.
    generation: int = field(default_factory=lambda: next(_GENERATIONS))

    def page_objects(self, docname: str) -> PageObjects:
        """The objects ``docname`` defines (empty when none)."""
        found = self.objects_by_doc.get(docname)
        return PageObjects() if found is None else found


def build_index(
    records: Records,
    *,
    today: dt.date | None,
    show_drafts: bool = False,
    tags: TagKeys | None = None,
) -> Index:
    """The index of ``records``: posts published on ``today`` (all with ``show_drafts``)."""
    tags = TagKeys() if tags is None else tags
    idx = Index(records=records, tags=tags)
    idx.sessions = sorted(records.sessions.values(), key=session_order)
    idx.events = sorted(records.events.values(), key=event_order, reverse=True)
    for e in idx.events:
        if e.series:
            idx.events_by_series.setdefault(e.series, []).append(e)
    for s in idx.sessions:
        idx.sessions_by_event.setdefault(s.event, []).append(s)
        for sp in s.speakers:
            idx.sessions_by_speaker.setdefault(sp, []).append(s)
    idx.posts = sorted(
        (p for p in records.posts.values() if show_drafts or is_published(p, today)),
        key=lambda p: (p.date, p.docname),
        reverse=True,
    )
    idx.post_position = {p.docname: i for i, p in enumerate(idx.posts)}
    for p in idx.posts:
        for a in p.authors:
            idx.posts_by_author.setdefault(a, []).append(p)
    _index_tags(idx)
    referenced: dict[str, set[str]] = defaultdict(set)
    for docname, refs in records.refs.items():
        for objtype, target in refs:
            referenced[f"{objtype}:{target}"].add(docname)
    idx.referenced_by = {k: sorted(v) for k, v in referenced.items()}
    idx.objects_by_doc = _objects_by_doc(records)
    for change in newest_first(c for found in records.changes.values() for c in found):
        idx.changes_by_event.setdefault(change.event, []).append(change)
        idx.changes_by_session.setdefault(change.session, []).append(change)
    return idx


def _index_tags(idx: Index) -> None:
    """Fill ``by_tag``, ``tag_names`` and ``posts_by_tag_pair``."""
    records, key = idx.records, idx.tags.key
    by_tag: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    names: dict[str, str] = {}

    def add(kind: str, tags: Iterable[str], item: Any) -> None:
        seen: set[str] = set()  # an item listing one tag twice is in its list once
        for tag in tags:
            slug = key(tag)
            if not slug or slug in seen:
                continue
            seen.add(slug)
            names.setdefault(slug, tag)
            by_tag[slug][kind].append(item)

    for p in idx.posts:
        add("posts", p.tags, p)
    for e in idx.events:
        add("events", e.tags, e)
    for s in idx.sessions:
        add("sessions", s.tags, s)
    for person in sorted(records.people.values(), key=person_order):
        add("people", person.tags, person)
    for page in sorted(records.page_tags.values(), key=lambda r: r.docname):
        add("pages", page.tags, page)
    for slug, name in idx.tags.names.items():
        if slug in names:
            names[slug] = name
    idx.tag_names = dict(sorted(names.items()))
    idx.by_tag = {slug: dict(kinds) for slug, kinds in sorted(by_tag.items())}
    for p in idx.posts:
        slugs = sorted({key(t) for t in p.tags} - {""})
        for pair in combinations(slugs, 2):
            idx.posts_by_tag_pair.setdefault(pair, []).append(p)


def _objects_by_doc(records: Records) -> dict[str, PageObjects]:
    """Docname -> the objects it defines, each kind in source order."""
    out: dict[str, PageObjects] = {}

    def where(r: Event | Session | Person) -> tuple[str, int]:
        return (r.docname, r.lineno)

    for event in sorted(records.events.values(), key=where):
        out.setdefault(event.docname, PageObjects()).events.append(event)
    for session in sorted(records.sessions.values(), key=where):
        out.setdefault(session.docname, PageObjects()).sessions.append(session)
    for person in sorted(records.people.values(), key=where):
        out.setdefault(person.docname, PageObjects()).people.append(person)
    return out
