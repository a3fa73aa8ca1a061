"""The derived index and the query API, over hand-made records (no Sphinx build)."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from handmade import EVENTS, PEOPLE, POSTS, TAGS, TODAY, edit, ids, make_index, make_records

from sphinx_conference.core.model import Post, Query
from sphinx_conference.domain import queries
from sphinx_conference.domain.index import Index, TagKeys, build_index, is_published


@pytest.fixture
def idx() -> Index:
    """The index of the hand-made site on its today (a test may fill its memos)."""
    return make_index()


def q(kind: str, **filters) -> Query:
    return Query(kind=kind, **filters)


def when(value: str, **filters) -> Query:
    return Query(kind="events", extra=(("when", value),), **filters)


# -- the index ------------------------------------------------------------------------


def test_sessions_are_in_time_order_unscheduled_last(idx):
    assert ids(idx.sessions_by_event["conf-2022"]) == [
        "conf-2022/workshop",
        "conf-2022/talk",
        "conf-2022/unscheduled",
    ]
    assert ids(idx.sessions_by_speaker["grace"]) == ["conf-2022/workshop", "conf-2022/unscheduled"]


def test_posts_are_published_ones_newest_first(idx):
    assert ids(idx.posts) == ["posts/p4", "posts/p3", "posts/p2", "posts/p1"]
    assert idx.post_position == {"posts/p4": 0, "posts/p3": 1, "posts/p2": 2, "posts/p1": 3}
    shown = make_index(show_drafts=True)
    assert ids(shown.posts) == [
        "posts/future", "posts/p4", "posts/p3", "posts/p2", "posts/draft", "posts/p1",
    ]  # fmt: skip


def test_a_post_dated_today_is_published():
    post = POSTS[0]
    assert is_published(post, post.date)
    assert not is_published(post, post.date - dt.timedelta(days=1))
    assert not is_published(Post("d", "D", post.date, draft=True), None)
    assert is_published(post, None)


def test_objects_by_tag_use_canonical_slugs_and_configured_names(idx):
    # "platform-eng" is an alias; "Python" is the configured name of "python"
    assert ids(idx.by_tag["platform-engineering"]["sessions"]) == [
        "conf-2022/workshop",
        "conf-2024/keynote",
    ]
    assert idx.tag_names["python"] == "Python"
    assert idx.tag_names["platform-engineering"] == "Platform Engineering"
    # unconfigured: the first spelling met, in the order posts, events, sessions, people, pages
    assert idx.tag_names["kernel"] == "kernel"
    assert idx.tag_names["compilers"] == "Compilers"
    assert list(idx.tag_names) == sorted(idx.tag_names)
    assert set(idx.by_tag["python"]) == {"posts", "events", "sessions", "people", "pages"}
    assert ids(idx.by_tag["python"]["events"]) == ["conf-2025", "conf-2022"]  # newest first
    assert ids(idx.by_tag["python"]["posts"]) == ["posts/p3", "posts/p2", "posts/p1"]
    # linus lists "Kernel" and "kernel": once in its list
    assert ids(idx.by_tag["kernel"]["people"]) == ["linus"]
    assert "draft" not in {p.title.lower() for p in idx.by_tag["python"]["posts"]}


def test_tag_pairs_index_posts_sharing_two_tags(idx):
    assert ids(idx.posts_by_tag_pair[("python", "rust")]) == ["posts/p3", "posts/p1"]
    assert ids(idx.posts_by_tag_pair[("go", "python")]) == ["posts/p3", "posts/p2"]
    assert ("kernel", "kernel") not in idx.posts_by_tag_pair


def test_referenced_by_lists_referencing_pages_sorted(idx):
    assert idx.referenced_by["speaker:ada"] == ["about", "posts/p4"]
    assert idx.referenced_by["event:conf-2022"] == ["about"]


def test_objects_by_doc_in_source_order(idx):
    page = idx.page_objects("events/2022")
    assert ids(page.events) == ["conf-2022"]
    assert ids(page.sessions) == ["conf-2022/talk", "conf-2022/workshop", "conf-2022/unscheduled"]
    assert ids(idx.page_objects("people/ada").people) == ["ada"]
    empty = idx.page_objects("nowhere")
    assert (empty.events, empty.sessions, empty.people) == ([], [], [])
    empty.events.append(EVENTS[0])
    assert idx.page_objects("nowhere").events == []  # not a shared object


def test_each_index_has_its_own_generation():
    a, b = make_index(), make_index()
    assert a.generation != b.generation
    assert Index().generation not in {a.generation, b.generation}


def test_tag_keys():
    tags = TagKeys(aliases={"py": "python"})
    assert tags.key("Py") == "python"
    assert tags.key("Platform  Engineering") == "platform-engineering"
    assert tags.canonical("py") == "python"
    assert tags.has(["Rust", "PY"], "python")
    assert not tags.has(["Rust"], "python")


# -- sessions -----------------------------------------------------------------------


def test_query_sessions_filters(idx):
    assert ids(queries.query_sessions(idx, q("sessions"))) == [
        "conf-2022/workshop",
        "conf-2022/talk",
        "conf-2022/unscheduled",
        "conf-2024/keynote",
    ]
    by_event = queries.query_sessions(idx, q("sessions", event="conf-2024"))
    assert ids(by_event) == ["conf-2024/keynote"]
    # a speaker's sessions across events
    assert ids(queries.query_sessions(idx, q("sessions", speaker="ada"))) == [
        "conf-2022/workshop",
        "conf-2022/talk",
        "conf-2024/keynote",
    ]
    both = q("sessions", speaker="grace", event="conf-2022")
    assert ids(queries.query_sessions(idx, both)) == ["conf-2022/workshop", "conf-2022/unscheduled"]
    # tracks compare as slugs: "Web Dev" and "web-dev"
    by_track = queries.query_sessions(idx, q("sessions", track="WEB dev"))
    assert ids(by_track) == ["conf-2022/talk", "conf-2024/keynote"]
    assert ids(queries.query_sessions(idx, q("sessions", type="Workshop"))) == [
        "conf-2022/workshop"
    ]
    # tags through the vocabulary: the alias finds the canonical tag
    by_tag = queries.query_sessions(idx, q("sessions", tag="platform-eng"))
    assert ids(by_tag) == ["conf-2022/workshop", "conf-2024/keynote"]
    assert queries.query_sessions(idx, q("sessions", event="none")) == []


def test_query_sessions_limit(idx):
    assert ids(queries.query_sessions(idx, q("sessions", speaker="ada", limit=2))) == [
        "conf-2022/workshop",
        "conf-2022/talk",
    ]


# -- people -------------------------------------------------------------------------


def test_query_people_by_name(idx):
    assert ids(queries.query_people(idx, q("speakers"))) == ["ada", "grace", "linus"]
    assert ids(queries.query_people(idx, q("speakers", limit=2))) == ["ada", "grace"]
    assert ids(queries.query_people(idx, q("speakers", event="conf-2024"))) == ["ada"]
    assert ids(queries.query_people(idx, q("speakers", tag="KERNEL"))) == ["linus"]
    assert queries.query_people(idx, q("speakers", event="meetup")) == []


# -- posts --------------------------------------------------------------------------


def test_query_posts(idx):
    assert ids(queries.query_posts(idx, q("posts"))) == [
        "posts/p4", "posts/p3", "posts/p2", "posts/p1",
    ]  # fmt: skip
    assert ids(queries.query_posts(idx, q("posts", limit=2))) == ["posts/p4", "posts/p3"]
    assert ids(queries.query_posts(idx, q("posts", author="ada"))) == ["posts/p3", "posts/p1"]
    assert ids(queries.query_posts(idx, q("posts", tag="Rust"))) == ["posts/p3", "posts/p1"]
    both = q("posts", author="grace", tag="go", limit=1)
    assert ids(queries.query_posts(idx, both)) == ["posts/p3"]


# -- events -------------------------------------------------------------------------


def test_query_events_all_newest_first(idx):
    assert ids(queries.query_events(idx, q("events"), TODAY)) == [
        "conf-2025", "conf-2024", "conf-2022", "meetup",
    ]  # fmt: skip
    assert ids(queries.query_events(idx, when("all", limit=1), TODAY)) == ["conf-2025"]


def test_upcoming_events_soonest_first_until_their_last_day(idx):
    # conf-2024 ends on TODAY: still upcoming
    assert ids(queries.query_events(idx, when("upcoming"), TODAY)) == ["conf-2024", "conf-2025"]
    next_day = TODAY + dt.timedelta(days=1)
    assert ids(queries.query_events(idx, when("upcoming"), next_day)) == ["conf-2025"]
    # an event without an end is upcoming until its start day
    assert ids(queries.query_events(idx, when("upcoming"), dt.date(2025, 9, 1))) == ["conf-2025"]
    assert queries.query_events(idx, when("upcoming"), dt.date(2025, 9, 2)) == []
    assert ids(queries.query_events(idx, when("upcoming", limit=1), TODAY)) == ["conf-2024"]


def test_past_events_newest_first_and_undated_ones_are_past(idx):
    assert ids(queries.query_events(idx, when("past"), TODAY)) == ["conf-2022", "meetup"]
    next_day = TODAY + dt.timedelta(days=1)
    assert ids(queries.query_events(idx, when("past"), next_day)) == [
        "conf-2024", "conf-2022", "meetup",
    ]  # fmt: skip


def test_query_events_by_tag(idx):
    assert ids(queries.query_events(idx, q("events", tag="python"), TODAY)) == [
        "conf-2025",
        "conf-2022",
    ]
    assert ids(queries.query_events(idx, when("upcoming", tag="python"), TODAY)) == ["conf-2025"]


# -- a person's activity ------------------------------------------------------------


def test_person_sessions_across_events_newest_first(idx):
    assert ids(queries.person_sessions(idx, "ada")) == [
        "conf-2024/keynote",
        "conf-2022/talk",
        "conf-2022/workshop",
    ]
    assert ids(queries.person_sessions(idx, "grace")) == [
        "conf-2022/workshop",
        "conf-2022/unscheduled",
    ]
    assert queries.person_sessions(idx, "nobody") == []


def test_person_posts_by_or_about_them(idx):
    assert [(p.docname, mine) for p, mine in queries.person_posts(idx, "ada")] == [
        ("posts/p4", False),  # references ada
        ("posts/p3", True),
        ("posts/p1", True),
    ]
    # the draft referencing linus is not published
    assert queries.person_posts(idx, "linus") == []


# -- navigation ---------------------------------------------------------------------


def test_neighbours(idx):
    def names(docname):
        return tuple(p.docname if p else None for p in queries.neighbours(idx, docname))

    assert names("posts/p4") == ("posts/p3", None)
    assert names("posts/p3") == ("posts/p2", "posts/p4")
    assert names("posts/p1") == (None, "posts/p2")
    assert names("posts/draft") == (None, None)
    assert names("about") == (None, None)


# -- related posts ------------------------------------------------------------------


def test_related_posts_by_shared_tags_then_newest(idx):
    # p1 shares python+rust with p3, python with p2
    assert ids(queries.related(idx, "posts/p1")) == ["posts/p3", "posts/p2"]
    # p3 shares two tags with p1 and with p2: newest first
    assert ids(queries.related(idx, "posts/p3")) == ["posts/p2", "posts/p1"]
    assert ids(queries.related(idx, "posts/p3", limit=1)) == ["posts/p2"]
    assert queries.related(idx, "posts/p4") == []  # no other post tagged "kernel"
    assert queries.related(idx, "about") == []
    assert ids(queries.related(idx, "posts/draft")) == ["posts/p3", "posts/p2", "posts/p1"]


def test_related_posts_are_memoised_per_limit(idx):
    first = queries.related(idx, "posts/p3", limit=1)
    assert queries.related(idx, "posts/p3", limit=1) is first
    assert ids(queries.related(idx, "posts/p3", limit=3)) == ["posts/p2", "posts/p1"]
    assert set(idx.related) == {("posts/p3", 1), ("posts/p3", 3)}


def brute_force_related(idx: Index, docname: str, limit: int) -> list[str]:
    """Related posts by their definition: most shared tags, then newest."""
    tags = {idx.tags.key(t) for t in idx.records.posts[docname].tags}
    scores = {}
    for other in idx.posts:
        shared = len(tags & {idx.tags.key(t) for t in other.tags})
        if other.docname != docname and shared:
            scores[other.docname] = shared
    return sorted(scores, key=lambda d: (-scores[d], idx.post_position[d], d))[:limit]


@pytest.mark.parametrize("seed", range(5))
def test_related_posts_match_their_definition(seed):
    rng = random.Random(seed)
    tags = [f"tag-{i}" for i in range(8)]
    posts = [
        Post(
            f"posts/{i:03}",
            f"Post {i}",
            dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(400)),
            tags=tuple(rng.sample(tags, rng.randrange(5))),
        )
        for i in range(120)
    ]
    idx = build_index(make_records(posts=posts), today=None, tags=TAGS)
    for post in posts:
        for limit in (1, 3, 7):
            got = ids(queries.related(idx, post.docname, limit))
            assert got == brute_force_related(idx, post.docname, limit), (post.docname, limit)


# -- the index follows the records --------------------------------------------------


def test_a_new_index_sees_changed_records():
    changed = make_index(people=edit(PEOPLE, "linus", name="Aaron Linus"))
    assert ids(queries.query_people(changed, q("speakers"))) == ["linus", "ada", "grace"]
