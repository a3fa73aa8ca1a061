"""Incremental builds keep "Around this session" true (tests/roots/test-around).

The lists are drawn in the browser from each event's data file (``_agenda/<event>.json``,
see tests/test_around_pages.py), so a change to what is around a session changes that
file, not the pages.  The root is built once; then each edit is made in turn on another
page than the one whose "around" lists it changes, and the root rebuilt incrementally in
the same folders.  For each edit the test checks which pages were re-written (the edited
ones and those listing what changed, not the pages of the sessions around it), which
data files changed, and what they now say; at the end every page and data file equals a
clean build's.
"""

from __future__ import annotations

import json
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


def around(out: Path, sid: str) -> dict[str, list[str]]:
    """Part -> what session ``sid``'s "around" lists name, from its event's data file.

    Each session as "HH:MM Title" (its start, in event time, where it has one), the
    event's name for another event's, then its badges.
    """
    data = json.loads((out / "html/_agenda" / f"{sid.split('/')[0]}.json").read_text("utf-8"))
    sessions = {s["id"]: s for s in data["sessions"]}
    others = data.get("others", {})

    def name(other: str) -> str:
        found = sessions.get(other) or others[other]
        parts = [found["start"][11:16]] if found.get("start") else []
        parts.append(found["title"])
        if other in others:
            parts.append(others[other]["event"])
        return " ".join(parts + [text for _, text in found.get("badges", [])])

    shown = sessions[sid].get("around", {})
    return {
        part: [name(o) for o in ([ids] if isinstance(ids, str) else ids)]
        for part, ids in shown.items()
    }


def data_files(out: Path) -> dict[str, str]:
    return {p.name: p.read_text("utf-8") for p in sorted((out / "html/_agenda").glob("*.json"))}


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
    """Build, then per edit: edit, rebuild, note the pages written, the data files changed
    and what the lists show."""
    base = tmp_path_factory.mktemp("around-incremental")
    src, out = base / "src", base / "build"
    shutil.copytree(ROOTS / "test-around", src)
    results = {}
    for name, edit in (("first", None), ("retitle", retitle), ("move", move), ("reword", reword),
                       ("add", add), ("cancel", cancel)):  # fmt: skip
        before = data_files(out) if edit is not None else {}
        if edit is not None:
            edit(src)
        log, written = build(src, out)
        after = data_files(out)
        shown = {
            "spring-rust": around(out, "spring-2024/rust"),
            "autumn-rust": around(out, "autumn-2025/rust"),
            "data changed": {n for n, text in after.items() if before.get(n) != text},
        }
        results[name] = (log, written, shown)
    clean = base / "clean"
    results["clean"] = (*build(src, clean), {})
    results["pages"] = (
        "",
        set(),
        {
            "incremental": pages(out),
            "clean": pages(clean),
            "data": (data_files(out), data_files(clean)),
        },
    )
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
    assert shown["spring-rust"]["also"] == ["Rust in production! Autumn Conf 2025"]


def test_a_retitled_talk_changes_the_other_events_data(history):
    log, written, shown = history["retitle"]
    assert log == ""
    # Spring's page (not edited) is not re-written: its lists come from its data file.
    assert written == {"events/autumn", "people/grace", *TOCTREE}
    assert shown["data changed"] == {"spring-2024.json", "autumn-2025.json"}
    assert "also" not in shown["spring-rust"]
    assert "Rust at scale Autumn Conf 2025" in shown["spring-rust"]["by"]


def test_a_moved_session_changes_the_sessions_now_at_its_time(history):
    log, written, shown = history["move"]
    assert log == ""
    assert written == {"events/autumn-workshop", "people/linus", *TOCTREE}
    # Spring lists the workshop by title only: its time is not in Spring's data.
    assert shown["data changed"] == {"autumn-2025.json"}
    assert shown["autumn-rust"]["same"] == ["11:00 Rust in Production", "11:15 Hands-on types"]
    assert shown["autumn-rust"]["next"] == ["11:15 Hands-on types"]


def test_an_abstract_changes_no_around_list(history):
    log, written, shown = history["reword"]
    assert log == ""
    assert written == {"events/autumn", "people/ada", "people/grace", *TOCTREE}
    # Autumn's data holds the session's VEVENT, whose DESCRIPTION is the abstract; the
    # other event's lists name the session by title only.
    assert shown["data changed"] == {"autumn-2025.json"}


def test_a_speakers_new_session_is_listed_under_their_other_sessions(history):
    log, written, shown = history["add"]
    assert log == ""
    assert "events/spring" not in written
    assert {"spring-2024.json", "autumn-2025.json"} <= shown["data changed"]
    assert "An extra talk Autumn Conf 2025" in shown["spring-rust"]["by"]


def test_a_cancelled_session_is_marked_in_the_lists_around_it(history):
    log, written, shown = history["cancel"]
    assert log == ""
    # Its own page and its speaker's (their badges); not Autumn's, whose lists are data.
    assert written == {"events/autumn-workshop", "people/linus", *TOCTREE}
    # Autumn's data lists the workshop at the same time as its Rust talk and next in its room.
    assert "autumn-2025.json" in shown["data changed"]
    assert shown["autumn-rust"]["same"] == [
        "11:00 Rust in Production",
        "11:15 Hands-on types Cancelled",
    ]
    assert shown["autumn-rust"]["next"] == ["11:15 Hands-on types Cancelled"]


def test_incremental_equals_clean(history):
    found = history["pages"][2]
    assert history["clean"][0] == ""
    inc, clean = found["incremental"], found["clean"]
    assert sorted(inc) == sorted(clean)
    assert [page for page in clean if inc[page] != clean[page]] == []
    inc_data, clean_data = found["data"]
    assert inc_data == clean_data
