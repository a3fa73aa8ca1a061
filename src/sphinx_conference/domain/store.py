"""The ``conference`` domain: the one store of every person, event, session and post.

Everything is keyed so that it can be forgotten per document (``clear_doc``)
and merged from parallel readers (``merge_domaindata``).  Derived indexes
(sessions by speaker, objects by tag, ...) are computed once per build from
the merged data, never per page (see :class:`Index`).

Precise incremental builds: every page notes what its rendered content
depends on (a list's query, a card's person, a reference's target).  After
reading, :func:`get_updated_docs` fingerprints what each of those resolves to
and asks Sphinx to re-write exactly the pages whose fingerprint changed.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from docutils import nodes
from sphinx import addnodes
from sphinx.domains import Domain, ObjType
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from sphinx_conference.core import consistency
from sphinx_conference.core.config import build_today
from sphinx_conference.core.model import (
    Event,
    PageTags,
    Person,
    Post,
    Query,
    Session,
    records_text,
    tag_slug,
)
from sphinx_conference.core.vocabulary import vocabulary
from sphinx_conference.domain.report import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

R = TypeVar("R", Person, Event, Session)

#: object type -> key of its table in the domain data
TABLES = {"speaker": "people", "event": "events", "session": "sessions"}


def _where(record: Person | Event | Session, env: BuildEnvironment) -> str:
    return f"{env.doc2path(record.docname, False)}:{record.lineno}"


def _sort_key(record: Any) -> tuple[str, int]:
    return (record.docname, record.lineno)


@dataclass
class Index:
    """Derived indexes, computed once per build from the merged domain data."""

    sessions_by_event: dict[str, list[Session]] = field(default_factory=dict)
    sessions_by_speaker: dict[str, list[Session]] = field(default_factory=dict)
    posts_by_author: dict[str, list[Post]] = field(default_factory=dict)
    #: tag slug -> display name (the first spelling met, in document order)
    tag_names: dict[str, str] = field(default_factory=dict)
    #: tag slug -> kind ("posts", "events", "sessions", "people", "pages") -> items
    by_tag: dict[str, dict[str, list[Any]]] = field(default_factory=dict)
    #: posts, newest first (drafts and future posts excluded)
    posts: list[Post] = field(default_factory=list)
    #: docname -> position in ``posts``
    post_position: dict[str, int] = field(default_factory=dict)
    #: object key ("speaker:<id>", "session:<id>", "event:<id>") -> docnames referencing it
    referenced_by: dict[str, list[str]] = field(default_factory=dict)
    #: (tag slug, tag slug), sorted -> posts carrying both, newest first (for related posts)
    posts_by_tag_pair: dict[tuple[str, str], list[Post]] = field(default_factory=dict)
    #: docname -> its related posts, filled on first use (fingerprint, then page)
    related: dict[tuple[str, int], list[Post]] = field(default_factory=dict)


class ConferenceXRefRole(XRefRole):
    """A cross-reference to a person, event or session; the link text is its name."""

    def __init__(self, objtype: str) -> None:
        super().__init__(innernodeclass=nodes.inline, warn_dangling=True)
        self.objtype = objtype

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        """Resolve in the conference domain whether used as ``{speaker}`` or ``{conference:speaker}``."""
        self.refdomain, self.reftype = ConferenceDomain.name, self.objtype
        self.classes = ["xref", "conference", f"conference-xref-{self.objtype}"]
        return self.create_xref_node()

    def process_link(
        self,
        env: BuildEnvironment,
        refnode: nodes.Element,
        has_explicit_title: bool,
        title: str,
        target: str,
    ) -> tuple[str, str]:
        """Strip whitespace from the id; keep an explicit title as given."""
        return title, target.strip()


class ConferenceDomain(Domain):
    """Holds every conference object of the site."""

    name = "conference"
    label = "Conference"
    object_types: ClassVar[dict[str, ObjType]] = {
        "speaker": ObjType("speaker", "speaker"),
        "event": ObjType("event", "event"),
        "session": ObjType("session", "session"),
    }
    roles: ClassVar[dict[str, Any]] = {
        "speaker": ConferenceXRefRole("speaker"),
        "event": ConferenceXRefRole("event"),
        "session": ConferenceXRefRole("session"),
    }
    initial_data: ClassVar[dict[str, Any]] = {
        "people": {},  # id -> Person
        "events": {},  # id -> Event
        "sessions": {},  # id -> Session
        "shadowed": [],  # duplicate definitions: (objtype, record)
        "posts": {},  # docname -> Post
        "page_tags": {},  # docname -> PageTags
        "refs": {},  # docname -> set of (objtype, target) the page references
        "deps": {},  # docname -> set of dependency keys of its rendered content
        "digests": {},  # docname -> fingerprint of what its dependencies resolved to
        "defined": {},  # docname -> [(objtype, id)] it defines: clear_doc without a scan
    }
    dangling_warnings: ClassVar[dict[str, str]] = consistency.DANGLING

    _index: Index | None = None

    # -- typed views over self.data ------------------------------------------------

    @property
    def people(self) -> dict[str, Person]:
        """Every person by id."""
        return self.data["people"]

    @property
    def events(self) -> dict[str, Event]:
        """Every event by id."""
        return self.data["events"]

    @property
    def sessions(self) -> dict[str, Session]:
        """Every session by id."""
        return self.data["sessions"]

    @property
    def posts(self) -> dict[str, Post]:
        """Every post by docname (drafts included)."""
        return self.data["posts"]

    @property
    def page_tags(self) -> dict[str, PageTags]:
        """Tags of pages that are not posts, by docname."""
        return self.data["page_tags"]

    def table(self, objtype: str) -> dict[str, Any]:
        """The table that holds objects of ``objtype``."""
        return self.data[TABLES[objtype]]

    # -- recording (read phase) ----------------------------------------------------

    def _changed(self) -> None:
        self._index = None
        self._vocab = None
        self._tag_keys = None

    def add_object(self, objtype: str, record: R) -> None:
        """Record an object; a duplicate id is kept aside and reported at consistency check."""
        table = self.table(objtype)
        current = table.get(record.id)
        self.data["defined"].setdefault(record.docname, []).append((objtype, record.id))
        if current is None:
            table[record.id] = record
        elif _sort_key(record) < _sort_key(current):
            # The winner does not depend on read order (parallel reads, incremental builds).
            table[record.id] = record
            self.data["shadowed"].append((objtype, current))
        else:
            self.data["shadowed"].append((objtype, record))
        self._changed()

    def add_post(self, post: Post) -> None:
        """Record a post."""
        self.posts[post.docname] = post
        self._changed()

    def add_page_tags(self, page: PageTags) -> None:
        """Record the tags of a page that is not a post."""
        self.page_tags[page.docname] = page
        self._changed()

    def note_refs(self, docname: str, refs: Iterable[tuple[str, str]]) -> None:
        """Record the objects a page references (for "mentioned in" lists)."""
        found = set(refs)
        if found:
            self.data["refs"][docname] = found
        else:
            self.data["refs"].pop(docname, None)
        self._changed()

    def note_dependency(self, docname: str, key: tuple[Any, ...]) -> None:
        """Record that ``docname``'s resolved content depends on ``key`` (see :meth:`resolve_key`)."""
        self.data["deps"].setdefault(docname, set()).add(key)

    # -- parallel-safe bookkeeping ---------------------------------------------------

    def clear_doc(self, docname: str) -> None:
        """Forget everything ``docname`` defined."""
        shadowed = self.data["shadowed"]
        if shadowed:
            shadowed[:] = [(t, r) for t, r in shadowed if r.docname != docname]
        # Only the ids this page defined: a scan of every table per page would make
        # reading N pages cost O(N^2).
        for objtype, key in set(self.data["defined"].pop(docname, ())):
            table = self.table(objtype)
            record = table.get(key)
            if record is not None and record.docname == docname:
                del table[key]
                # Promote the next definition of the same id, if there is one.
                candidates = [r for t, r in shadowed if t == objtype and r.id == key]
                if candidates:
                    best = min(candidates, key=_sort_key)
                    table[key] = best
                    shadowed.remove((objtype, best))
        for name in ("posts", "page_tags", "refs", "deps", "digests"):
            self.data[name].pop(docname, None)
        self._changed()

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        """Merge what a parallel reader recorded for ``docnames``."""
        wanted = set(docnames)
        for objtype in TABLES:
            for record in otherdata[TABLES[objtype]].values():
                if record.docname in wanted:
                    self.add_object(objtype, record)
        for objtype, record in otherdata["shadowed"]:
            if record.docname in wanted:
                self.add_object(objtype, record)
        for name in ("posts", "page_tags", "refs", "deps"):
            for docname, value in otherdata[name].items():
                if docname in wanted:
                    self.data[name][docname] = value
        self._changed()

    def check_consistency(self) -> None:
        """Report duplicate ids, naming both places."""
        found = consistency.duplicates(
            self.data["shadowed"],
            lambda t, key: self.table(t).get(key),
            lambda r: _where(r, self.env),
        )
        for f in found:
            warn(f.message, location=(f.docname, f.line), subtype=f.subtype)

    # -- derived data (once per build) ---------------------------------------------

    @property
    def index(self) -> Index:
        """The derived indexes; rebuilt lazily after any change to the data."""
        if self._index is None:
            self._index = self._build_index()
        return self._index

    def _build_index(self) -> Index:
        idx = Index()
        today = build_today(self.env.config)
        show_drafts = self.env.config.conference_show_drafts
        sessions = sorted(self.sessions.values(), key=session_order)
        for s in sessions:
            idx.sessions_by_event.setdefault(s.event, []).append(s)
            for sp in s.speakers:
                idx.sessions_by_speaker.setdefault(sp, []).append(s)
        idx.posts = sorted(
            (p for p in self.posts.values() if show_drafts or is_published(p, today)),
            key=lambda p: (p.date, p.docname),
            reverse=True,
        )
        idx.post_position = {p.docname: i for i, p in enumerate(idx.posts)}
        for p in idx.posts:
            for a in p.authors:
                idx.posts_by_author.setdefault(a, []).append(p)

        by_tag: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
        names: dict[str, str] = {}

        def add(kind: str, tags: Iterable[str], item: Any) -> None:
            seen: set[str] = set()  # an item listing one tag twice is in its list once
            for tag in tags:
                slug = self.tag_key(tag)
                if not slug or slug in seen:
                    continue
                seen.add(slug)
                names.setdefault(slug, tag)
                by_tag[slug][kind].append(item)

        for p in idx.posts:
            add("posts", p.tags, p)
        for e in sorted(self.events.values(), key=event_order, reverse=True):
            add("events", e.tags, e)
        for s in sessions:
            add("sessions", s.tags, s)
        for person in sorted(self.people.values(), key=lambda r: (r.name.lower(), r.id)):
            add("people", person.tags, person)
        for page in sorted(self.page_tags.values(), key=lambda r: r.docname):
            add("pages", page.tags, page)
        _, vocab_names, _ = self._vocabulary()
        for slug, name in vocab_names.items():
            if slug in names:
                names[slug] = name
        idx.tag_names = dict(sorted(names.items()))
        idx.by_tag = {slug: dict(kinds) for slug, kinds in sorted(by_tag.items())}
        for p in idx.posts:
            slugs = sorted({self.tag_key(t) for t in p.tags} - {""})
            for pair in combinations(slugs, 2):
                idx.posts_by_tag_pair.setdefault(pair, []).append(p)

        referenced: dict[str, set[str]] = defaultdict(set)
        for docname, refs in self.data["refs"].items():
            for objtype, target in refs:
                referenced[f"{objtype}:{target}"].add(docname)
        idx.referenced_by = {k: sorted(v) for k, v in referenced.items()}
        return idx

    # -- tags ----------------------------------------------------------------------

    _vocab: tuple[dict[str, str], dict[str, str], dict[str, str]] | None = None

    def _vocabulary(self) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
        if self._vocab is None:
            self._vocab = vocabulary(self.env.config)
        return self._vocab

    _tag_keys: dict[str, str] | None = None

    def tag_key(self, tag: str) -> str:
        """The canonical slug of a tag: case- and space-insensitive, aliases resolved.

        Called for every tag of every listed item, so it is memoised until the data changes.
        """
        if self._tag_keys is None:
            self._tag_keys = {}
        key = self._tag_keys.get(tag)
        if key is None:
            slug = tag_slug(tag)
            key = self._tag_keys[tag] = self._vocabulary()[0].get(slug, slug)
        return key

    def has_tag(self, tags: Iterable[str], key: str) -> bool:
        """Whether any of ``tags`` is the tag with canonical slug ``key``."""
        return any(self.tag_key(t) == key for t in tags)

    # -- queries -----------------------------------------------------------------

    def query_sessions(self, q: Query) -> list[Session]:
        """Sessions matching every filter of ``q``, in time order."""
        idx = self.index
        if q.event:
            pool: Iterable[Session] = idx.sessions_by_event.get(q.event, [])
        elif q.speaker:
            pool = idx.sessions_by_speaker.get(q.speaker, [])
        else:
            pool = sorted(self.sessions.values(), key=session_order)
        tag = self.tag_key(q.tag) if q.tag else ""
        track = tag_slug(q.track) if q.track else ""
        out = [
            s
            for s in pool
            if (not q.speaker or q.speaker in s.speakers)
            and (not q.event or s.event == q.event)
            and (not track or tag_slug(s.track) == track)
            and (not q.type or s.type == q.type.lower())
            and (not tag or self.has_tag(s.tags, tag))
        ]
        return out[: q.limit] if q.limit else out

    def query_people(self, q: Query) -> list[Person]:
        """People matching every filter of ``q``, by name."""
        people: Iterable[Person] = self.people.values()
        if q.event:
            ids = {sp for s in self.index.sessions_by_event.get(q.event, []) for sp in s.speakers}
            people = [p for p in people if p.id in ids]
        if q.tag:
            tag = self.tag_key(q.tag)
            people = [p for p in people if self.has_tag(p.tags, tag)]
        out = sorted(people, key=lambda p: (p.name.lower(), p.id))
        return out[: q.limit] if q.limit else out

    def query_posts(self, q: Query) -> list[Post]:
        """Published posts matching every filter of ``q``, newest first."""
        posts: Iterable[Post] = self.index.posts
        if q.author:
            posts = self.index.posts_by_author.get(q.author, [])
        if q.tag:
            tag = self.tag_key(q.tag)
            posts = [p for p in posts if self.has_tag(p.tags, tag)]
        out = list(posts)
        return out[: q.limit] if q.limit else out

    def query_events(self, q: Query) -> list[Event]:
        """Events matching ``q``; ``when`` (in ``q.extra``) is upcoming, past or all.

        Upcoming events (not yet ended on the build's today) come soonest first;
        past and all events newest first.
        """
        when = dict(q.extra).get("when", "all")
        today = build_today(self.env.config)
        events = sorted(self.events.values(), key=event_order, reverse=True)
        if when == "upcoming":
            events = [e for e in reversed(events) if e.start and (e.end or e.start) >= today]
        elif when == "past":
            events = [e for e in events if not e.start or (e.end or e.start) < today]
        if q.tag:
            tag = self.tag_key(q.tag)
            events = [e for e in events if self.has_tag(e.tags, tag)]
        return events[: q.limit] if q.limit else events

    def person_sessions(self, pid: str) -> list[Session]:
        """A person's sessions across every event, newest first."""
        sessions = self.index.sessions_by_speaker.get(pid, [])

        def newest(s: Session) -> tuple[str, str, str]:
            event = self.events.get(s.event)
            start = event.start.isoformat() if event and event.start else ""
            return (start, s.start.isoformat() if s.start else "", s.title)

        return sorted(sessions, key=newest, reverse=True)

    def person_posts(self, pid: str) -> list[tuple[Post, bool]]:
        """Posts by a person or referencing them, newest first: (post, is_author)."""
        idx = self.index
        position = idx.post_position
        found = {p.docname for p in idx.posts_by_author.get(pid, [])}
        found.update(d for d in idx.referenced_by.get(f"speaker:{pid}", []) if d in position)
        posts = [idx.posts[i] for i in sorted(position[d] for d in found)]
        return [(p, pid in p.authors) for p in posts]

    def neighbours(self, docname: str) -> tuple[Post | None, Post | None]:
        """The previous (older) and next (newer) published post of ``docname``."""
        idx = self.index
        pos = idx.post_position.get(docname)
        if pos is None:
            return None, None
        older = idx.posts[pos + 1] if pos + 1 < len(idx.posts) else None
        newer = idx.posts[pos - 1] if pos > 0 else None
        return older, newer

    def related_posts(self, docname: str, limit: int = 3) -> list[Post]:
        """Published posts sharing the most tags with ``docname``, then the newest.

        Computed once per post and build.  Posts sharing two or more tags come from
        the index of tag pairs, and the rest from the head of each tag's list (both
        newest first), so a post costs about N / (number of tag pairs), not N.
        """
        idx = self.index
        memo = idx.related.get((docname, limit))
        if memo is not None:
            return memo
        post = self.posts.get(docname)
        if post is None:
            return []
        tags = sorted({self.tag_key(t) for t in post.tags} - {""})
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
        result = [self.posts[d] for d in ranked]
        idx.related[(docname, limit)] = result
        return result

    def resolve_key(self, key: tuple[Any, ...]) -> Any:
        """What a dependency key resolves to now; compared across builds."""
        kind = key[0]
        if kind == "query":
            q: Query = key[1]
            if q.kind == "sessions":
                return [
                    (s, [self.people.get(sp) for sp in s.speakers]) for s in self.query_sessions(q)
                ]
            if q.kind == "speakers":
                return self.query_people(q)
            if q.kind == "posts":
                return [(p, [self.people.get(a) for a in p.authors]) for p in self.query_posts(q)]
            if q.kind == "events":
                return (build_today(self.env.config), self.query_events(q))
        if kind in TABLES:
            return self.table(kind).get(key[1])
        if kind == "backlinks":
            return self.index.referenced_by.get(key[1], [])
        if kind == "post":
            post = self.posts.get(key[1])
            return (post, [self.people.get(a) for a in post.authors] if post else None)
        if kind == "activity":
            sessions = self.person_sessions(key[1])
            return (
                [
                    (s, self.events.get(s.event), [self.people.get(sp) for sp in s.speakers])
                    for s in sessions
                ],
                [
                    (p, mine, [self.people.get(a) for a in p.authors])
                    for p, mine in self.person_posts(key[1])
                ],
            )
        if kind == "related":  # shown with their authors' names and links
            return [
                (p, [self.people.get(a) for a in p.authors]) for p in self.related_posts(key[1])
            ]
        if kind == "neighbours":
            # Previous/next links show a post's title only: its tags or summary changing
            # must not re-write its neighbours.
            return tuple((p.docname, p.title) if p else None for p in self.neighbours(key[1]))
        if kind == "posts-all":
            return [(p.docname, p.title, p.date, p.tags) for p in self.index.posts]
        if kind == "tags":
            return self.index.tag_names
        return None

    # -- cross-references ----------------------------------------------------------

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: addnodes.pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        """Link a role to its object; the object's name is the link text unless one is given."""
        if typ == "tag":
            return self._resolve_tag(fromdocname, builder, target, contnode)
        if typ not in TABLES:
            return None
        record = self.table(typ).get(target)
        if record is None:
            return None
        if not node.get("refexplicit"):
            contnode = nodes.inline(
                record.display_name, record.display_name, classes=contnode["classes"]
            )
        return make_refnode(
            builder, fromdocname, record.docname, record.anchor, contnode, record.display_name
        )

    def _resolve_tag(
        self, fromdocname: str, builder: Builder, slug: str, contnode: nodes.Element
    ) -> nodes.Element:
        config = builder.config
        if not config.conference_tag_pages or builder.format != "html":
            return contnode
        slug = self._vocabulary()[0].get(slug, slug)
        uri = builder.get_relative_uri(fromdocname, f"{config.tags_output_dir}/{slug}")
        ref = nodes.reference("", "", internal=True, refuri=uri, classes=["conference-tag-link"])
        ref += contnode
        return ref

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: addnodes.pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        """Resolve ``{any}`` references to conference objects."""
        out = []
        for typ in TABLES:
            ref = self.resolve_xref(env, fromdocname, builder, typ, target, node, contnode)
            if ref is not None:
                out.append((f"{self.name}:{typ}", ref))
        return out

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        """Objects for the search index and inventories: people, events and sessions by name."""
        for typ in TABLES:
            for key, record in sorted(self.table(typ).items()):
                yield (key, record.display_name, typ, record.docname, record.anchor, 1)

    def get_full_qualified_name(self, node: nodes.Element) -> str | None:
        """The id a reference node points to."""
        return node.get("reftarget")


def session_order(s: Session) -> tuple[Any, ...]:
    """Sessions sort by time (unscheduled last), then title."""
    return (s.event, s.start is None, s.start.isoformat() if s.start else "", s.title.lower(), s.id)


def event_order(e: Event) -> tuple[Any, ...]:
    """Events sort by start date, then id."""
    return (e.start.isoformat() if e.start else "", e.id)


def is_published(post: Post, today: Any) -> bool:
    """A post is shown when it is not a draft and not dated after ``today``."""
    return not post.draft and (today is None or post.date <= today)


def get_domain(env: BuildEnvironment) -> ConferenceDomain:
    """The conference domain of ``env``."""
    domain = env.domains[ConferenceDomain.name]
    assert isinstance(domain, ConferenceDomain)
    return domain


def fingerprint(
    domain: ConferenceDomain,
    keys: Iterable[tuple[Any, ...]],
    memo: dict[tuple[Any, ...], tuple[bytes, bytes]] | None = None,
    records: dict[int, tuple[Any, str]] | None = None,
) -> str:
    """A stable fingerprint of what ``keys`` resolve to.

    ``memo`` keeps each key's text across the pages of one build (many pages depend on
    the same person, event or list), ``records`` each record's text: the same post is
    in the lists of its tags, its year and its authors.
    """
    memo = {} if memo is None else memo
    records = {} if records is None else records
    parts = []
    for key in keys:
        part = memo.get(key)
        if part is None:
            value = records_text(domain.resolve_key(key), records)
            part = memo[key] = (repr(key).encode(), value.encode())
        parts.append(part)
    h = hashlib.sha1(usedforsecurity=False)
    for key_text, value_text in sorted(parts):
        h.update(key_text)
        h.update(value_text)
    return h.hexdigest()


def get_updated_docs(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: pages whose lists, cards or references now resolve differently."""
    domain = get_domain(env)
    digests: dict[str, str] = domain.data["digests"]
    refs: dict[str, set[tuple[str, str]]] = domain.data["refs"]
    memo: dict[tuple[Any, ...], tuple[bytes, bytes]] = {}
    records: dict[int, tuple[Any, str]] = {}
    changed = []
    for docname in sorted(env.found_docs):
        keys = set(domain.data["deps"].get(docname, ()))
        keys.update(refs.get(docname, ()))
        if not keys:
            digests.pop(docname, None)
            continue
        new = fingerprint(domain, keys, memo, records)
        old = digests.get(docname)
        digests[docname] = new
        if old is not None and old != new:
            changed.append(docname)
    return changed


def warn_missing_reference(app: Sphinx, domain: Domain, node: addnodes.pending_xref) -> bool | None:
    """Report a dangling conference reference as a ``conference.reference`` warning."""
    if domain is None or domain.name != ConferenceDomain.name:
        return None
    warn(dangling_message(node["reftype"], node["reftarget"]), location=node, subtype="reference")
    return True


#: the warning for a dangling reference (the rule lives in the core)
dangling_message = consistency.dangling_message
