"""Fingerprints and dependency keys: an edit re-writes exactly the pages that show it."""

from __future__ import annotations

import datetime as dt

import pytest
from handmade import EVENTS, PEOPLE, POSTS, SESSIONS, TODAY, edit, make_index

from sphinx_conference.core.model import Person, Query
from sphinx_conference.domain.fingerprints import fingerprint
from sphinx_conference.domain.incremental import (
    RESOLVERS,
    Dep,
    PageFingerprints,
    changed_pages,
    dep_key,
    resolve_key,
)
from sphinx_conference.domain.index import Index


@pytest.fixture
def idx() -> Index:
    """The index of the hand-made site on its today (a test may fill its memos)."""
    return make_index()


# -- the one fingerprint of records ---------------------------------------------------


def test_fingerprint_is_stable_and_sees_every_shown_field():
    ada = PEOPLE[1]
    assert fingerprint([ada, ("x", 1)]) == fingerprint([ada, ("x", 1)])
    assert len(fingerprint(ada)) == 40
    assert fingerprint(ada) != fingerprint(Person("ada", ada.docname, 3, "Ada King"))
    # the line a record is defined at is not shown: moving it changes nothing
    assert fingerprint(ada) == fingerprint(Person("ada", ada.docname, 99, ada.name, tags=ada.tags))
    # the shape of the inputs counts
    assert fingerprint([ada]) != fingerprint((ada,))
    assert fingerprint({"a": 1}) != fingerprint({"a": 2})


def test_fingerprint_memo_keeps_record_texts_and_changes_nothing():
    ada, grace = PEOPLE[1], PEOPLE[0]
    memo: dict = {}
    first = fingerprint([ada, grace, ada], memo)
    assert first == fingerprint([ada, grace, ada])
    assert {id(ada), id(grace)} <= set(memo)
    # the memo's text is what is digested (so it must be the record's text)
    memo[id(ada)] = (ada, "someone else")
    assert fingerprint([ada, grace, ada], memo) != first


# -- dependency keys ------------------------------------------------------------------


def test_every_kind_of_key_has_a_resolver():
    assert set(RESOLVERS) == set(Dep)


def test_dep_keys_are_typed_and_unknown_kinds_are_refused():
    assert dep_key(("speaker", "ada")) == (Dep.SPEAKER, "ada")
    assert dep_key((Dep.QUERY, Query("posts"))) == (Dep.QUERY, Query("posts"))
    assert isinstance(dep_key(("neighbours", "posts/p1"))[0], Dep)
    for dead in ("posts-all", "tags"):  # never noted by any page
        with pytest.raises(ValueError, match=dead):
            dep_key((dead, None))


def test_keys_resolve_to_what_pages_show(idx):
    people = {p.id: p for p in PEOPLE}
    ada, grace = people["ada"], people["grace"]
    assert resolve_key(idx, TODAY, ("speaker", "ada")) is ada
    assert resolve_key(idx, TODAY, ("event", "conf-2024")) is EVENTS[1]
    assert resolve_key(idx, TODAY, ("session", "conf-2022/talk")) is SESSIONS[1]
    assert resolve_key(idx, TODAY, ("session", "none")) is None
    assert resolve_key(idx, TODAY, ("backlinks", "speaker:ada")) == ["about", "posts/p4"]
    p3 = POSTS[2]
    assert resolve_key(idx, TODAY, ("post", "posts/p3")) == (p3, [ada, grace])
    assert resolve_key(idx, TODAY, ("post", "about")) == (None, None)
    assert resolve_key(idx, TODAY, ("neighbours", "posts/p3")) == (
        ("posts/p2", "Second"),
        ("posts/p4", "Fourth"),
    )
    related = resolve_key(idx, TODAY, ("related", "posts/p1"))
    assert [(p.docname, authors) for p, authors in related] == [
        ("posts/p3", [ada, grace]),
        ("posts/p2", [grace]),
    ]
    sessions, posts = resolve_key(idx, TODAY, ("activity", "grace"))
    assert [(s.id, e.id, sp, changes) for s, e, sp, changes in sessions] == [
        ("conf-2022/workshop", "conf-2022", [ada, grace], None),
        ("conf-2022/unscheduled", "conf-2022", [grace], None),
    ]
    assert [(p.docname, mine) for p, mine, _ in posts] == [("posts/p3", True), ("posts/p2", True)]
    listed = resolve_key(idx, TODAY, ("query", Query("sessions", event="conf-2024")))
    assert listed == [(SESSIONS[3], [ada], None)]  # no schedule changes
    assert resolve_key(idx, TODAY, ("query", Query("speakers", limit=1))) == [ada]
    events = resolve_key(idx, TODAY, ("query", Query("events", extra=(("when", "past"),))))
    assert events == (TODAY, [EVENTS[0], EVENTS[3]])
    assert resolve_key(idx, TODAY, ("query", Query("nothing"))) is None
    assert resolve_key(idx, TODAY, ("tags", None)) is None


# -- which pages an edit re-writes ------------------------------------------------------

#: docname -> its dependency keys, as the directives note them
DEPS = {
    "people/ada": {("speaker", "ada"), ("activity", "ada")},
    "people/grace": {("speaker", "grace"), ("activity", "grace")},
    "people/linus": {("speaker", "linus"), ("activity", "linus")},
    "people/index": {("query", Query("speakers"))},
    "events/2022": {("query", Query("sessions", event="conf-2022")), ("event", "conf-2022")},
    "events/2024": {("query", Query("sessions", event="conf-2024"))},
    "events/index": {("query", Query("events", extra=(("when", "upcoming"),)))},
    "index": {("query", Query("posts", limit=2))},
    "tags/python": {("query", Query("posts", tag="python"))},
    **{
        p.docname: {("post", p.docname), ("related", p.docname), ("neighbours", p.docname)}
        for p in POSTS
    },
    "about": {("backlinks", "speaker:ada")},
    "plain": set(),
}
#: docname -> the objects it references (keys too)
REFS = {"posts/p4": {("speaker", "ada")}, "about": {("event", "conf-2024")}}


def digests_of(idx, today=TODAY, deps=DEPS) -> dict[str, str]:
    digests: dict[str, str] = {}
    assert changed_pages(deps, deps, REFS, digests, PageFingerprints(idx, today)) == []
    return digests


def rewritten(today=TODAY, before_today=TODAY, **changes) -> set[str]:
    """The pages whose fingerprint changes when the records change as ``changes`` say."""
    digests = digests_of(make_index(before_today), before_today)
    after = make_index(today, **changes)
    return set(changed_pages(DEPS, DEPS, REFS, digests, PageFingerprints(after, today)))


def test_nothing_changed_nothing_rewritten():
    assert rewritten() == set()


def test_a_page_without_keys_keeps_no_digest():
    digests = digests_of(make_index())
    assert "plain" not in digests
    assert set(digests) == set(DEPS) - {"plain"}


def test_a_new_page_is_not_reported_but_gets_a_digest():
    digests = {"people/ada": digests_of(make_index())["people/ada"]}
    fps = PageFingerprints(make_index(), TODAY)
    assert changed_pages(DEPS, DEPS, REFS, digests, fps) == []
    assert len(digests) == len(DEPS) - 1


def test_a_person_edit_rewrites_the_pages_that_show_them():
    # grace is on her page, in the speakers list, in two sessions of 2022 (one with ada),
    # and an author of p2 and p3 (whose related lists show p2 and p3 with their authors)
    assert rewritten(people=edit(PEOPLE, "grace", org="Yale")) == {
        "people/grace",
        "people/index",
        "people/ada",  # a co-speaker of ada's workshop
        "events/2022",
        "index",  # p3 is among the two newest posts
        "tags/python",
        "posts/p1",  # related: p3 and p2, shown with their authors
        "posts/p2",
        "posts/p3",
        "posts/draft",  # drafts and future posts have pages with related posts too
        "posts/future",
    }


def test_moving_a_definition_rewrites_nothing():
    assert rewritten(people=edit(PEOPLE, "linus", lineno=40)) == set()


def test_a_referenced_person_rewrites_the_referencing_page():
    # linus appears on his page and in the speakers list only
    assert rewritten(people=edit(PEOPLE, "linus", name="Linus T.")) == {
        "people/linus",
        "people/index",
    }


def test_a_post_summary_rewrites_its_lists_not_its_neighbours():
    assert rewritten(posts=edit(POSTS, "posts/p3", summary="changed")) == {
        "posts/p3",
        "index",
        "tags/python",
        "people/ada",  # her activity lists her posts
        "people/grace",
        "posts/p1",  # p3 is related to p1 and p2 (and the unlisted posts)
        "posts/p2",
        "posts/draft",
        "posts/future",
    }


def test_a_post_title_also_rewrites_its_neighbours():
    changed = rewritten(posts=edit(POSTS, "posts/p3", title="Third, renamed"))
    assert {"posts/p2", "posts/p4"} <= changed  # previous/next links show the title
    assert "posts/p1" in changed  # related
    assert "events/2022" not in changed


def test_an_event_edit_rewrites_its_page_lists_and_references():
    # conf-2024: referenced by "about", upcoming, and shown with ada's keynote on her page
    assert rewritten(events=edit(EVENTS, "conf-2024", venue="Hall B")) == {
        "about",
        "events/index",
        "people/ada",
    }
    # conf-2022: its page, and with the sessions of ada and grace on theirs; not upcoming
    assert rewritten(events=edit(EVENTS, "conf-2022", venue="Hall B")) == {
        "events/2022",
        "people/ada",
        "people/grace",
    }


def test_a_session_edit_rewrites_its_event_and_speakers():
    sessions = edit(SESSIONS, "conf-2024/keynote", room="Main")
    assert rewritten(sessions=sessions) == {"events/2024", "people/ada"}


def test_a_new_day_rewrites_the_event_lists_only():
    assert rewritten(today=dt.date(2024, 5, 12)) == {"events/index"}  # conf-2024 is over
    # conf-2024 has not ended on either day: the same events, but what an event
    # list resolves to includes the day, as "upcoming" depends on it
    assert rewritten(today=dt.date(2024, 5, 10), before_today=dt.date(2024, 5, 9)) == {
        "events/index"
    }


def test_fingerprints_do_not_depend_on_key_order_or_spelling():
    idx = make_index()
    fps = PageFingerprints(idx, TODAY)
    keys = [("speaker", "ada"), ("activity", "ada"), ("query", Query("speakers"))]
    assert fps.of(keys) == PageFingerprints(idx, TODAY).of(reversed(keys))
    # a reference ("speaker", id) and a card's (Dep.SPEAKER, id) are one key
    typed = [dep_key(k) for k in keys]
    assert PageFingerprints(idx, TODAY).of(typed) == fps.of(keys)
    assert fps.of(keys[:2]) != fps.of(keys)
