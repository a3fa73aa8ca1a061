"""Incremental builds keep "Around this session" true (tests/roots/test-around).

The root is built once; then each edit is made in turn on another page than the one
whose "around" lists it changes, and the root rebuilt incrementally in the same folders.
For each edit the test checks which pages were re-written (those whose lists changed,
and no others) and what they now say; at the end every page equals a clean build's.
"""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOTS

#: Sphinx re-writes the page whose toctree holds a page it read again.
TOCTREE = {"index"}


def build(src: Path, out: Path) -> tuple[str, set[str]]:
    """Build ``src`` into ``out`` (incrementally when it holds a build): warnings, pages written."""
    from sphinx.testing.util import SphinxTestApp

    written: set[str] = set()
    app = SphinxTestApp("html", srcdir=src, builddir=out, status=StringIO(), warning=StringIO())
    app.connect("doctree-resolved", lambda _app, _tree, docname: written.add(docname))
    try:
        app.build()
    finally:
        app.cleanup()
    return app.warning.getvalue(), written


def around(out: Path, page: str, sid: str) -> dict[str, list[str]]:
    """Label -> the texts of session ``sid``'s "around" items on ``page``, as built."""
    soup = BeautifulSoup((out / "html" / f"{page}.html").read_text("utf-8"), "lxml")
    block = soup.find(id="session-" + sid.replace("/", "-"))
    dl = block.find("dl", class_="conference-around")
    if dl is None:
        return {}
    return {
        dt.get_text(strip=True): [
            " ".join(p.get_text(" ", strip=True).split())
            for p in dt.find_next_sibling("dd").find_all("p")
        ]
        for dt in dl.find_all("dt")
    }


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def retitle(src: Path) -> None:
    # No longer the same talk as Spring's "Rust in Production".
    replace(src / "events/autumn.md", ":title: Rust in production!", ":title: Rust at scale")


def move(src: Path) -> None:
    # The workshop (its own page) moves into the morning: at the same time as two talks.
    replace(
        src / "events/autumn-workshop.md", ":start: 2025-10-02 14:00", ":start: 2025-10-02 11:15"
    )


def reword(src: Path) -> None:
    # An abstract: shown on the speakers' pages, not in anyone's "around" lists.
    replace(src / "events/autumn.md", ":room: Hall C\n", ":room: Hall C\n\nNew words.\n")


def add(src: Path) -> None:
    # Another session by Grace, on a page of its own.
    (src / "events/extra.md").write_text(
        "---\norphan: true\n---\n# Extra\n\n:::{session} autumn-2025/extra\n"
        ":title: An extra talk\n:event: autumn-2025\n:speakers: grace\n:type: talk\n:::\n",
        "utf-8",
    )


def cancel(src: Path) -> None:
    # The workshop (its own page, at the same time as Autumn's Rust talk since "move") is cancelled.
    replace(
        src / "events/autumn-workshop.md", ":room: Hall B\n", ":room: Hall B\n:status: cancelled\n"
    )


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> dict[str, tuple[str, set[str], dict]]:
    """Build, then per edit: edit, rebuild, note what was written and the lists it shows."""
    base = tmp_path_factory.mktemp("around-incremental")
    src, out = base / "src", base / "build"
    shutil.copytree(ROOTS / "test-around", src)
    results = {}
    for name, edit in (("first", None), ("retitle", retitle), ("move", move), ("reword", reword),
                       ("add", add), ("cancel", cancel)):  # fmt: skip
        if edit is not None:
            edit(src)
        log, written = build(src, out)
        shown = {
            "spring-rust": around(out, "events/spring", "spring-2024/rust"),
            "autumn-rust": around(out, "events/autumn", "autumn-2025/rust"),
        }
        results[name] = (log, written, shown)
    clean = base / "clean"
    results["clean"] = (*build(src, clean), {})
    results["pages"] = ("", set(), {"incremental": pages(out), "clean": pages(clean)})
    return results


def pages(out: Path) -> dict[str, str]:
    found = {}
    for path in sorted((out / "html").rglob("*.html")):
        main = BeautifulSoup(path.read_text("utf-8"), "lxml").find("main")
        found[str(path.relative_to(out / "html"))] = str(main)
    return found


def test_first_build(history):
    log, _, shown = history["first"]
    assert log == ""
    assert shown["spring-rust"]["Also given at"] == ["Autumn Conf 2025"]


def test_a_retitled_talk_re_writes_the_other_event(history):
    log, written, shown = history["retitle"]
    assert log == ""
    # Spring's page (not edited) now lists it as another talk of its speaker.
    assert written == {"events/autumn", "events/spring", "people/grace", *TOCTREE}
    assert "Also given at" not in shown["spring-rust"]
    assert "Rust at scale , Autumn Conf 2025" in shown["spring-rust"]["More by these speakers"]


def test_a_moved_session_re_writes_the_sessions_now_at_its_time(history):
    log, written, shown = history["move"]
    assert log == ""
    # Spring lists the workshop by title only: its time is not written there.
    assert written == {"events/autumn-workshop", "events/autumn", "people/linus", *TOCTREE}
    assert shown["autumn-rust"]["At the same time"] == [
        "11:00 – 12:00 Rust in Production (Hall C)",
        "11:15 – 12:45 Hands-on types (Hall B)",
    ]
    assert shown["autumn-rust"]["Next in this room"] == ["11:15 – 12:45 Hands-on types"]


def test_an_abstract_re_writes_no_around_list(history):
    log, written, _ = history["reword"]
    assert log == ""
    assert written == {"events/autumn", "people/ada", "people/grace", *TOCTREE}


def test_a_speakers_new_session_re_writes_their_other_sessions(history):
    log, written, shown = history["add"]
    assert log == ""
    assert {"events/spring", "events/autumn"} <= written
    assert "An extra talk , Autumn Conf 2025" in shown["spring-rust"]["More by these speakers"]


def test_a_cancelled_session_is_marked_in_the_lists_around_it(history):
    log, written, shown = history["cancel"]
    assert log == ""
    # Autumn's page lists the workshop at the same time as its Rust talk and next in its room.
    assert "events/autumn" in written
    assert shown["autumn-rust"]["At the same time"] == [
        "11:00 – 12:00 Rust in Production (Hall C)",
        "11:15 – 12:45 Hands-on types (Hall B) Cancelled",
    ]
    assert shown["autumn-rust"]["Next in this room"] == ["11:15 – 12:45 Hands-on types Cancelled"]


def test_incremental_equals_clean(history):
    found = history["pages"][2]
    assert history["clean"][0] == ""
    inc, clean = found["incremental"], found["clean"]
    assert sorted(inc) == sorted(clean)
    assert [page for page in clean if inc[page] != clean[page]] == []
