"""A small hand-made site of records for the unit tests of the pure layers (no Sphinx build).

The records are written out here, so each test can say what it expects by hand."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sphinx_conference.core.model import Event, PageTags, Person, Post, Session
from sphinx_conference.domain.index import Index, Records, TagKeys, build_index

#: The build's "today" of the hand-made site: the last day of conf-2024.
TODAY = dt.date(2024, 5, 11)


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


PEOPLE = [
    Person("grace", "people/grace", 3, "Grace Hopper", org="Navy", tags=("Compilers",)),
    Person("ada", "people/ada", 3, "Ada Lovelace", tags=("python",)),
    Person("linus", "people/linus", 3, "linus torvalds", tags=("Kernel", "kernel")),
]
EVENTS = [
    Event(
        "conf-2022",
        "events/2022",
        5,
        "Conf 2022",
        dt.date(2022, 6, 1),
        dt.date(2022, 6, 3),
        tags=("Python",),
        tracks=("Web Dev",),
    ),
    Event(
        "conf-2024",
        "events/2024",
        5,
        "Conf 2024",
        dt.date(2024, 5, 10),
        dt.date(2024, 5, 11),
        tags=("Rust",),
    ),
    Event("conf-2025", "events/2025", 5, "Conf 2025", dt.date(2025, 9, 1), tags=("python",)),
    Event("meetup", "events/meetup", 5, "A meetup without a date"),
]
SESSIONS = [
    Session("conf-2022/unscheduled", "events/2022", 30, "Unscheduled", "conf-2022", ("grace",)),
    Session(
        "conf-2022/talk",
        "events/2022",
        10,
        "A talk",
        "conf-2022",
        ("ada",),
        track="Web Dev",
        type="talk",
        start=at("2022-06-01 10:00"),
        tags=("python",),
    ),
    Session(
        "conf-2022/workshop",
        "events/2022",
        20,
        "b workshop",
        "conf-2022",
        ("ada", "grace"),
        type="workshop",
        start=at("2022-06-01 09:00"),
        tags=("Platform Engineering",),
    ),
    Session(
        "conf-2024/keynote",
        "events/2024",
        10,
        "Keynote",
        "conf-2024",
        ("ada",),
        track="web-dev",
        type="keynote",
        start=at("2024-05-10 09:00"),
        tags=("platform-eng",),
    ),
]
POSTS = [
    Post("posts/p1", "First", dt.date(2024, 1, 1), authors=("ada",), tags=("python", "rust")),
    Post("posts/p2", "Second", dt.date(2024, 2, 1), authors=("grace",), tags=("Python", "go")),
    Post(
        "posts/p3",
        "Third",
        dt.date(2024, 3, 1),
        authors=("ada", "grace"),
        tags=("python", "rust", "go"),
        summary="three",
    ),
    Post("posts/p4", "Fourth", dt.date(2024, 4, 1), tags=("kernel",)),
    Post(
        "posts/draft", "Draft", dt.date(2024, 1, 15), authors=("ada",), tags=("python",), draft=True
    ),
    Post("posts/future", "Future", dt.date(2024, 6, 1), authors=("ada",), tags=("python",)),
]
PAGE_TAGS = [PageTags("about", "About", ("Python", "Kernel"))]
#: the pages referencing people, events and sessions
REFS = {
    "posts/p4": {("speaker", "ada")},
    "posts/draft": {("speaker", "linus")},
    "about": {("speaker", "ada"), ("event", "conf-2022")},
}
#: conference_tags = {"Platform Engineering": {"aliases": ["platform-eng"]}, "Python": ...}
TAGS = TagKeys(
    aliases={"platform-eng": "platform-engineering"},
    names={"platform-engineering": "Platform Engineering", "python": "Python"},
)


def make_records(**changes: list) -> Records:
    """The hand-made site's records; ``changes`` replace whole lists (people=[...])."""
    lists = {
        "people": PEOPLE,
        "events": EVENTS,
        "sessions": SESSIONS,
        "posts": POSTS,
        "page_tags": PAGE_TAGS,
        **changes,
    }
    return Records(
        people={p.id: p for p in lists["people"]},
        events={e.id: e for e in lists["events"]},
        sessions={s.id: s for s in lists["sessions"]},
        posts={p.docname: p for p in lists["posts"]},
        page_tags={p.docname: p for p in lists["page_tags"]},
        refs=changes.get("refs", REFS),  # type: ignore[arg-type]
    )


def make_index(today: dt.date = TODAY, show_drafts: bool = False, **changes: list) -> Index:
    return build_index(make_records(**changes), today=today, show_drafts=show_drafts, tags=TAGS)


def edit(records: list, key: str, **fields) -> list:
    """``records`` with the one whose id (or docname) is ``key`` changed."""
    found = [r for r in records if (getattr(r, "id", None) or r.docname) == key]
    assert len(found) == 1, key
    return [replace(r, **fields) if r is found[0] else r for r in records]


def ids(records) -> list[str]:
    return [getattr(r, "id", None) or r.docname for r in records]
