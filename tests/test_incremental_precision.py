"""Incremental builds are precise and correct (issue #6).

A small site from ``benchmarks/generate.py`` is built once; then each edit is
made in turn and the site rebuilt incrementally in the same source and output
folders, the way ``sphinx-build`` is run again after a change.  For each edit
the test asserts exactly which documents were re-read and re-written, and that
every output file equals a clean build of the edited sources.  (Not timed: the
speed of these builds is measured by ``nox -s bench``.)
"""

from __future__ import annotations

import re
import shutil
import sys
from io import StringIO
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

import generate  # noqa: E402

from conftest import SPHINX_8  # noqa: E402

N = 20  # 20 posts, 2 events of 10 sessions, 25 people
CONF = {"conference_today": "2026-01-01"}
_WRITING = re.compile(r"^writing output\.\.\. \[\s*\d+%\]\s+(\S+)", re.MULTILINE)
_READING = re.compile(r"^reading sources\.\.\. \[\s*\d+%\]\s+(\S+)", re.MULTILINE)


def build(srcdir: Path, builddir: Path, **kwargs):
    """Build ``srcdir`` into ``builddir`` (incrementally when it holds a build); return the app."""
    from sphinx.testing.util import SphinxTestApp

    app = SphinxTestApp(
        "html",
        srcdir=srcdir,
        builddir=builddir,
        status=StringIO(),
        warning=StringIO(),
        confoverrides=dict(CONF),
        **kwargs,
    )
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def status(app) -> str:
    from sphinx.util.console import strip_escape_sequences

    # With colour (nox sets FORCE_COLOR) Sphinx redraws progress on one line with "\r".
    return strip_escape_sequences(app.status.getvalue()).replace("\r", "\n")


def written(app) -> set[str]:
    """Documents the build wrote (generated pages such as tag pages are not documents)."""
    return set(_WRITING.findall(status(app)))


def rewritten(app) -> set[str]:
    """Documents written because of the edit: Sphinx 7.4 also re-writes the root document
    whenever it writes any page (Sphinx 8 stopped), which says nothing about the extension."""
    names = written(app)
    return names if SPHINX_8 else names - {app.config.root_doc}


def enabled_here(speedup: str) -> bool:
    """Whether the speed-up runs on this Sphinx (each is checked against some versions only)."""
    import sphinx

    from sphinx_conference.speedups.switches import SPEEDUPS

    first, after, _ = SPEEDUPS[speedup]
    return first <= sphinx.version_info[:2] < after


def read(app) -> set[str]:
    return set(_READING.findall(status(app)))


def outputs(outdir: Path) -> dict[str, bytes]:
    """Every HTML page and the search index of a build."""
    files = {}
    for path in sorted(outdir.rglob("*")):
        rel = path.relative_to(outdir).as_posix()
        if path.is_file() and (rel.endswith(".html") or rel == "searchindex.js"):
            files[rel] = path.read_bytes()
    return files


def doc(path: str) -> str:
    return path.removesuffix(".md")


# -- the edits --------------------------------------------------------------------------

SIZES = generate.Sizes(N)
POST_TEXT = generate.post_path(0)
POST_TAGS = generate.post_path(1)
EVENT = generate.event_path(0)
#: session 3 of event 0: speakers 6 and 7 become 6 and 12
OLD_SPEAKERS = generate.session_speakers(SIZES, 0, 3)
NEW_SPEAKERS = [OLD_SPEAKERS[0], generate.person_id(12)]


def edit_text(src: Path) -> None:
    path = src / POST_TEXT
    path.write_text(
        path.read_text("utf-8") + "\nA sentence added in an incremental build.\n", "utf-8"
    )


def edit_tags(src: Path) -> None:
    path = src / POST_TAGS
    old = generate.post_tags(1)
    new = [t for t in generate.TAGS if t not in old][:3]
    text = path.read_text("utf-8")
    assert f"tags: {', '.join(old)}" in text
    path.write_text(text.replace(f"tags: {', '.join(old)}", f"tags: {', '.join(new)}", 1), "utf-8")


def edit_speakers(src: Path) -> None:
    path = src / EVENT
    text = path.read_text("utf-8")
    sid = generate.session_id(0, 3)
    head, rest = text.split(f":::{{session}} {sid}\n", 1)
    old, new = f":speakers: {', '.join(OLD_SPEAKERS)}", f":speakers: {', '.join(NEW_SPEAKERS)}"
    assert old in rest.split(":::", 1)[0]
    path.write_text(head + f":::{{session}} {sid}\n" + rest.replace(old, new, 1), "utf-8")


ADDED_SPEAKERS = [generate.person_id(3), generate.person_id(24)]


def add_session(src: Path) -> None:
    path = src / EVENT
    block = (
        f":::{{session}} {generate.event_id(0)}/added-talk\n:title: An added talk\n"
        f":event: {generate.event_id(0)}\n:speakers: {', '.join(ADDED_SPEAKERS)}\n:track: Track 1\n"
        ":type: talk\n:start: 2019-01-01 16:00\n:duration: 30\n:tags: Security\n\nAn abstract.\n:::\n\n"
    )
    text = path.read_text("utf-8")
    path.write_text(text.replace("## Programme", block + "## Programme", 1), "utf-8")


EDITS = {
    "text": edit_text,
    "tags": edit_tags,
    "speakers": edit_speakers,
    "add_session": add_session,
}


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> dict[str, dict]:
    """Build once, then per edit: edit, rebuild incrementally, build the same sources clean."""
    base = tmp_path_factory.mktemp("incremental")
    src = generate.generate(base / "src", N, "site")
    out = base / "build"
    first = build(src, out)
    results: dict[str, dict] = {"first": {"app": first}}
    results["noop"] = {"app": build(src, out)}
    for name, edit in EDITS.items():
        edit(src)
        app = build(src, out)
        clean_src = base / f"clean-{name}"
        shutil.copytree(src, clean_src)
        clean = build(clean_src, base / f"clean-{name}-build")
        results[name] = {
            "app": app,
            "incremental": outputs(Path(app.outdir)),
            "clean": outputs(Path(clean.outdir)),
            "clean_app": clean,
        }
        shutil.rmtree(clean_src)
    return results


def test_first_build_is_clean(history):
    app = history["first"]["app"]
    assert app.statuscode == 0
    assert app.warning.getvalue() == ""
    assert len(written(app)) == len(app.env.found_docs)


def test_rebuild_without_change_writes_nothing(history):
    app = history["noop"]["app"]
    assert read(app) == set()
    assert written(app) == set()


@pytest.mark.parametrize("name", list(EDITS))
def test_incremental_equals_clean_build(history, name):
    res = history[name]
    assert res["app"].warning.getvalue() == res["clean_app"].warning.getvalue() == ""
    inc, clean = res["incremental"], res["clean"]
    assert sorted(inc) == sorted(clean)
    differ = [rel for rel in clean if inc[rel] != clean[rel]]
    assert differ == []


def person(i: int) -> str:
    return f"people/{generate.person_id(i)}"


def test_text_edit_rewrites_only_the_post(history):
    # Lists show a post's title, summary and tags, none of which changed.
    app = history["text"]["app"]
    assert read(app) == {doc(POST_TEXT)}
    assert rewritten(app) == {doc(POST_TEXT)}


def test_tags_edit_rewrites_the_pages_that_show_them(history):
    app = history["tags"]["app"]
    before = history["text"]["app"].env.domains["conference"]
    after = app.env.domains["conference"]
    post = doc(POST_TAGS)
    # Posts whose "related posts" (chosen by shared tags, shown with their tags) changed.
    related = {d for d in after.posts if before.related_posts(d) != after.related_posts(d)}
    assert related - {post}, "the edit should change some post's related posts"
    e, s = 1 % SIZES.events, 1 % generate.SESSIONS_PER_EVENT
    mentioned = generate.session_speakers(SIZES, e, s)[0]
    expected = {
        post,
        "posts/index",  # every post, with its tags
        "index",  # Sphinx re-writes the page whose toctree holds posts/index
        person(1 % generate.N_AUTHORS),  # the author's page lists their posts
        f"people/{mentioned}",  # the page of the person the post mentions lists it
        *related,
    }
    assert read(app) == {post}
    assert written(app) == expected


def around_changed(history, before: str, after: str) -> set[str]:
    """Events of the sessions (elsewhere) whose "around this session" lists differ."""
    from sphinx_conference.domain.around import around_shown

    old = history[before]["app"].env.domains["conference"].index
    new = history[after]["app"].env.domains["conference"].index
    return {
        s.event
        for s in new.sessions
        if around_shown(old, s.id) != around_shown(new, s.id) and s.docname != doc(EVENT)
    }


def test_speaker_edit_rewrites_the_event_and_the_three_people(history):
    app = history["speakers"]["app"]
    assert read(app) == {doc(EVENT)}
    people = {f"people/{p}" for p in {*OLD_SPEAKERS, *NEW_SPEAKERS}}
    assert len(people) == 3
    # The sessions elsewhere of the speaker who left and the one who joined list it (or no
    # longer do) under "More by these speakers": their events' data files say so (see
    # test_incremental_around.py), their pages are not re-written.
    assert around_changed(history, "tags", "speakers"), "the edit should change another event's"
    assert rewritten(app) == {doc(EVENT), *people}


def test_added_session_rewrites_the_event_and_its_speakers(history):
    app = history["add_session"]["app"]
    assert read(app) == {doc(EVENT)}
    assert around_changed(history, "speakers", "add_session"), "it should change another event's"
    assert rewritten(app) == {doc(EVENT), *(f"people/{p}" for p in ADDED_SPEAKERS)}


def test_parallel_build_reads_in_parallel_and_equals_serial(history, tmp_path, monkeypatch):
    """``-j 2``: no fallback to a serial read, and the same output as a serial build.

    With the speed-ups listed, each reading process sends back only its own documents'
    tables of contents and titles (``speedups/parallel.py``), not those of every chunk
    merged before it was forked.
    """
    from sphinx.testing.util import SphinxTestApp

    src = Path(history["add_session"]["app"].srcdir)
    app = SphinxTestApp(
        "html",
        srcdir=src,
        builddir=tmp_path / "parallel",
        status=StringIO(),
        warning=StringIO(),
        confoverrides=dict(CONF),  # the site's conf.py lists the speed-ups
        parallel=2,
    )
    # The exports are started when the pages are collected, before the generated pages.
    from sphinx_conference.outputs import exports

    order: list[str] = []
    record_jobs = exports.record_jobs
    monkeypatch.setattr(
        exports, "record_jobs", lambda app: order.append("records") or record_jobs(app)
    )
    app.connect("html-collect-pages", lambda app: order.append("collect") or [], priority=0)
    # The tag pages and archives are written after the pages are collected.
    app.connect(
        "html-page-context",
        lambda app, name, template, context, doctree: (
            order.append("generated") if context.get("conference_generated") else None
        ),
    )
    merged: list[tuple[set[str], set[str]]] = []
    app.connect(
        "env-merge-info",
        lambda app, env, docnames, other: merged.append(
            (set(docnames), {*other.tocs, *other.titles, *other.longtitles})
        ),
    )
    try:
        app.build()
    finally:
        app.cleanup()
    assert "doing serial read" not in status(app)
    assert app.warning.getvalue() == ""
    assert len(merged) > 2, "the site should be read in several chunks"
    if enabled_here("trim_forked_env"):
        for docnames, sent in merged:
            assert sent == docnames
    assert outputs(Path(app.outdir)) == history["add_session"]["clean"]
    generated = len(list((Path(app.outdir) / "_tags").glob("*.html")))
    assert generated > 3
    # The generated pages are remembered: their fingerprints (a rebuild
    # keeps them) and their names (stale ones are removed later).
    import json

    from sphinx_conference.outputs.cache import OUTPUT_STORE
    from sphinx_conference.outputs.stale import MANIFEST

    pages = {
        p.relative_to(app.outdir).with_suffix("").as_posix()
        for folder in ("_tags", "archive")
        for p in (Path(app.outdir) / folder).rglob("*.html")
    }
    stored = json.loads((Path(app.doctreedir) / OUTPUT_STORE).read_text("utf-8"))["outputs"]
    assert {f"{p}.html" for p in pages} <= set(stored)
    assert pages <= set(json.loads((Path(app.doctreedir) / MANIFEST).read_text("utf-8")))
    # The exports are written, then the tag pages and archives, at html-collect-pages
    # after every document.
    assert order[0] == "collect" and order[1] == "records", order
    assert order[2:] == ["generated"] * len(order[2:]) and len(order) - 2 > generated
    # Post bodies written by the forked writers reach the feeds; the feeds, calendars,
    # schedules and the site's data are as in a serial build.
    serial = Path(history["add_session"]["app"].outdir)
    for folder in ("_feeds", "_calendars", "_schedule", "_data"):
        files = sorted(p.relative_to(serial) for p in (serial / folder).rglob("*") if p.is_file())
        assert files, folder
        for file in files:
            assert (Path(app.outdir) / file).read_bytes() == (serial / file).read_bytes(), file


def brute_force_related(domain, docname: str, limit: int = 3) -> list:
    """Related posts by their definition: most shared tags, then newest (O(N) per post)."""
    post = domain.posts[docname]
    idx = domain.index
    tags = {domain.tag_key(t) for t in post.tags}
    scores = {}
    for other in idx.posts:
        shared = len(tags & {domain.tag_key(t) for t in other.tags})
        if other.docname != docname and shared:
            scores[other.docname] = shared
    ranked = sorted(scores, key=lambda d: (-scores[d], idx.post_position[d], d))
    return [domain.posts[d] for d in ranked[:limit]]


@pytest.mark.parametrize("limit", [1, 3, 8])
def test_related_posts_match_their_definition(history, limit):
    domain = history["add_session"]["clean_app"].env.domains["conference"]
    for docname in domain.posts:
        assert domain.related_posts(docname, limit) == brute_force_related(
            domain, docname, limit
        ), docname


def test_person_posts_are_by_or_about_them_newest_first(history):
    domain = history["add_session"]["clean_app"].env.domains["conference"]
    idx = domain.index
    for pid in domain.people:
        mentioned = set(idx.referenced_by.get(f"speaker:{pid}", []))
        expected = [
            (p, pid in p.authors) for p in idx.posts if pid in p.authors or p.docname in mentioned
        ]
        assert domain.person_posts(pid) == expected
