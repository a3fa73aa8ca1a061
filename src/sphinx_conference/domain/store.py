"""The ``conference`` domain: the one store of every person, event, session and post.

Everything is keyed so that it can be forgotten per document (``clear_doc``)
and merged from parallel readers (``merge_domaindata``).  What the records say
together (sessions by speaker, objects by tag, ...) is the :class:`Index`,
computed once per build from the merged data (:mod:`.index`); lists and pages ask
it through the query API (:mod:`.queries`), which the methods here delegate to.
Which pages an edit re-writes is decided in :mod:`.incremental`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
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
    ScheduleChange,
    Session,
)
from sphinx_conference.core.series import Series, series_table, used_series
from sphinx_conference.core.vocabulary import vocabulary
from sphinx_conference.domain import DOMAIN_NAME, queries
from sphinx_conference.domain.incremental import dep_key, resolve_key
from sphinx_conference.domain.index import Index, Records, TagKeys, build_index
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

    name = DOMAIN_NAME
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
        "changes": {},  # docname -> [ScheduleChange] its {schedule-change} blocks record
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

    def add_change(self, change: ScheduleChange) -> None:
        """Record a schedule change (a ``{schedule-change}`` block)."""
        self.data["changes"].setdefault(change.docname, []).append(change)
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
        """Record that ``docname``'s resolved content depends on ``key``, a ``(Dep, argument)``.

        See :class:`~sphinx_conference.domain.incremental.Dep` for the kinds of key.
        """
        self.data["deps"].setdefault(docname, set()).add(dep_key(key))

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
        for name in ("posts", "page_tags", "changes", "refs", "deps", "digests"):
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
        for name in ("posts", "page_tags", "changes", "refs", "deps"):
            for docname, value in otherdata[name].items():
                if docname in wanted:
                    self.data[name][docname] = value
        self._changed()

    def check_consistency(self) -> None:
        """Report duplicate ids and aliases that name someone else, naming both places."""
        found = consistency.duplicates(
            self.data["shadowed"],
            lambda t, key: self.table(t).get(key),
            lambda r: _where(r, self.env),
        )
        found += consistency.alias_conflicts(self.people.values(), lambda r: _where(r, self.env))
        for f in found:
            warn(f.message, location=(f.docname, f.line), subtype=f.subtype)

    # -- derived data (once per build) ---------------------------------------------

    @property
    def index(self) -> Index:
        """The derived indexes; rebuilt lazily after any change to the data."""
        if self._index is None:
            records = Records(
                people=dict(self.people),
                events=dict(self.events),
                sessions=dict(self.sessions),
                posts=dict(self.posts),
                page_tags=dict(self.page_tags),
                refs=dict(self.data["refs"]),
                changes={d: tuple(c) for d, c in self.data["changes"].items()},
            )
            self._index = build_index(
                records,
                today=self.today,
                show_drafts=self.env.config.conference_show_drafts,
                tags=self.tags,
            )
        return self._index

    @property
    def today(self) -> dt.date:
        """The build's today (``conference_today``, ``SOURCE_DATE_EPOCH`` or the date)."""
        return build_today(self.env.config)

    # -- tags ----------------------------------------------------------------------

    _tags: TagKeys | None = None

    @property
    def tags(self) -> TagKeys:
        """Canonical tag slugs under ``conference_tags`` (configuration: one per build)."""
        if self._tags is None:
            aliases, names, _ = vocabulary(self.env.config)
            self._tags = TagKeys(aliases, names)
        return self._tags

    def tag_key(self, tag: str) -> str:
        """The canonical slug of a tag: case- and space-insensitive, aliases resolved."""
        return self.tags.key(tag)

    def has_tag(self, tags: Iterable[str], key: str) -> bool:
        """Whether any of ``tags`` is the tag with canonical slug ``key``."""
        return self.tags.has(tags, key)

    # -- series ------------------------------------------------------------------

    @property
    def series(self) -> dict[str, Series]:
        """The series ``conference_series`` defines, by id (malformed entries left out)."""
        return series_table(self.env.config.conference_series)[0]

    def all_series(self) -> list[Series]:
        """Every series defined or used by an event, by name (undefined ones named by id)."""
        return used_series(self.events.values(), self.series)

    def series_editions(self, sid: str) -> list[Event]:
        """The editions (events) of series ``sid``, newest first."""
        return queries.series_editions(self.index, sid)

    def person_sessions_by_series(self, pid: str) -> list[queries.SessionGroup]:
        """A person's sessions grouped by series (or event) and year, newest first."""
        names = {sid: s.name for sid, s in self.series.items()}
        return queries.person_sessions_by_series(self.index, pid, names)

    # -- queries (see :mod:`.queries`) -------------------------------------------

    def query_sessions(self, q: Query) -> list[Session]:
        """Sessions matching every filter of ``q``, in time order."""
        return queries.query_sessions(self.index, q)

    def query_people(self, q: Query) -> list[Person]:
        """People matching every filter of ``q``, by name."""
        return queries.query_people(self.index, q)

    def query_posts(self, q: Query) -> list[Post]:
        """Published posts matching every filter of ``q``, newest first."""
        return queries.query_posts(self.index, q)

    def query_events(self, q: Query) -> list[Event]:
        """Events matching ``q`` (upcoming, past or all, against the build's today)."""
        return queries.query_events(self.index, q, self.today)

    def person_sessions(self, pid: str) -> list[Session]:
        """A person's sessions across every event, newest first."""
        return queries.person_sessions(self.index, pid)

    def person_posts(self, pid: str) -> list[tuple[Post, bool]]:
        """Posts by a person or referencing them, newest first: (post, is_author)."""
        return queries.person_posts(self.index, pid)

    def neighbours(self, docname: str) -> tuple[Post | None, Post | None]:
        """The previous (older) and next (newer) published post of ``docname``."""
        return queries.neighbours(self.index, docname)

    def related_posts(self, docname: str, limit: int = 3) -> list[Post]:
        """Published posts sharing the most tags with ``docname``, then the newest."""
        return queries.related(self.index, docname, limit)

    def resolve_key(self, key: tuple[Any, ...]) -> Any:
        """What a dependency key resolves to now (see :mod:`.incremental`)."""
        return resolve_key(self.index, self.today, key)

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
        slug = self.tags.canonical(slug)
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


def get_domain(env: BuildEnvironment) -> ConferenceDomain:
    """The conference domain of ``env``."""
    domain = env.domains[ConferenceDomain.name]
    assert isinstance(domain, ConferenceDomain)
    return domain


def warn_missing_reference(app: Sphinx, domain: Domain, node: addnodes.pending_xref) -> bool | None:
    """Report a dangling conference reference as a ``conference.reference`` warning."""
    if domain is None or domain.name != ConferenceDomain.name:
        return None
    warn(dangling_message(node["reftype"], node["reftarget"]), location=node, subtype="reference")
    return True


#: the warning for a dangling reference (the rule lives in the core)
dangling_message = consistency.dangling_message
