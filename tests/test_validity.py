"""Warnings are documented and can be silenced one kind at a time; drafts stay out of lists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import REPO, build_root, html, myst_unknown_option, warnings
from sphinx_conference.core.validation import SUBTYPES

DOC = REPO / "docs" / "warnings.md"


def test_every_subtype_is_documented_and_nothing_else():
    documented = re.findall(r"^\| `conference\.([a-z-]+)` \|", DOC.read_text("utf-8"), re.M)
    assert sorted(documented) == sorted(SUBTYPES)
    assert len(documented) == len(set(documented))


def _subtypes(log: str) -> set[str]:
    return set(re.findall(r"\[conference\.([a-z-]+)\]", log))


@pytest.fixture(scope="module")
def unsuppressed(module_tmp):
    app = build_root("warnings", module_tmp / "all")
    yield _subtypes(warnings(app))
    app.cleanup()


@pytest.mark.parametrize("subtype", ["markup", "url", "date", "reference", "duplicate"])
def test_suppress_warnings_silences_exactly_one_kind(module_tmp, unsuppressed, subtype):
    assert subtype in unsuppressed
    app = build_root(
        "warnings",
        module_tmp / f"no-{subtype}",
        confoverrides={"suppress_warnings": [f"conference.{subtype}"]},
    )
    try:
        assert _subtypes(warnings(app)) == unsuppressed - {subtype}
    finally:
        app.cleanup()


EPOCH_2024_06_01 = "1717200000"


def _post_titles(app, docname: str = "index") -> list[list[str]]:
    """Titles of each post list on a page, in order."""
    page = html(app, docname)
    return [
        [t.get_text(" ", strip=True) for t in lst.select(".conference-post-title")]
        for lst in page.select(".conference-post-list")
    ]


@pytest.fixture(scope="module")
def drafts(module_tmp):
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH_2024_06_01)
    app = build_root("drafts", module_tmp / "drafts")
    app.cleanup()  # unregister before the next app; its output stays
    preview = build_root(
        "drafts", module_tmp / "preview", confoverrides={"conference_show_drafts": True}
    )
    preview.cleanup()
    mp.undo()
    return app, preview


def test_drafts_and_future_posts_stay_out_of_lists(drafts):
    app, _ = drafts
    expected = ["Post published", "Post older"]
    assert _post_titles(app) == [expected, expected, expected]


def test_drafts_give_no_warnings(drafts):
    app, preview = drafts
    assert warnings(app) == ""
    assert warnings(preview) == ""


def test_drafts_are_not_neighbours_in_navigation(drafts):
    app, _ = drafts
    page = html(app, "posts/published")
    links = {a.get_text(" ", strip=True) for a in page.select("a[rel=prev], a[rel=next]")}
    assert not any("draft" in t or "future" in t for t in links), links


def test_show_drafts_lists_them_in_previews(drafts):
    _, preview = drafts
    expected = ["Post future", "Post after epoch", "Post draft", "Post published", "Post older"]
    assert _post_titles(preview) == [expected, expected, expected]


def test_drafts_stay_out_of_tag_pages_and_feeds(drafts):
    """Tag pages (the lead) and feeds (issue 4), where they are built."""
    app, _ = drafts
    out = Path(app.outdir)
    checked = 0
    for path in [
        *out.rglob("_tags/*.html"),
        *out.rglob("*.xml"),
        *out.rglob("*.atom"),
        *out.rglob("*.rss"),
    ]:
        text = path.read_text("utf-8")
        if "Post published" in text:
            checked += 1
            assert "Post draft" not in text and "Post future" not in text, path
    if not checked:
        pytest.skip("no tag pages or feeds list posts yet")


def test_unknown_options_are_clear_warnings_not_crashes(module_tmp):
    app = build_root("unknown-option", module_tmp / "unknown")
    app.cleanup()
    log = warnings(app)
    assert re.search(
        r"index\.rst:4: ERROR: Error in \"speaker\" directive:\nunknown option: \"colour\"", log
    )
    assert re.search(
        myst_unknown_option("page.md", 4, "session-list", "colour")
        + r".* \(allowed: .*'event'.*\) \[myst\.directive_option\]",
        log,
    )
    assert "Traceback" not in log and "Exception" not in log
