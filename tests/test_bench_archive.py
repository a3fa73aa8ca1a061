"""The archive benchmark's generator (``benchmarks/archive.py``, issue 20).

Not timed: the numbers come from ``nox -s bench -- --archive``.  These tests check that
the synthetic archive is what the benchmark says it is (editions, sessions, speakers, the
returning share, exactly the intended 20 changes), that it is the same every time, that the
importer maps returning speakers to the pages they already have, and that the floor keeps
every page with the extension's directives as plain text.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

import archive  # noqa: E402

SMALL = archive.ArchiveSizes(editions=4, sessions=120, seed=7)


def names(session: dict) -> list[str]:
    return [p["public_name"] for p in session["persons"]]


def test_editions_sessions_and_speakers():
    speakers = archive.edition_speakers(SMALL)
    assert len(speakers) == 4 and SMALL.speakers == 90
    for e, people in enumerate(speakers):
        schedule = archive.make_edition(SMALL, e, people)
        sessions = archive.sessions_of(schedule)
        assert len(sessions) == 120
        assert len({s["id"] for s in sessions}) == 120
        assert len({s["title"] for s in sessions}) == 120
        # Every speaker of the edition speaks, and nobody else.
        spoken = {n for s in sessions for n in names(s)}
        assert spoken == {archive.person_name(p) for p in people}
        assert len(spoken) == 90
        conf = schedule["schedule"]["conference"]
        assert conf["acronym"] == archive.edition_id(e)
        assert conf["start"].startswith(str(archive.edition_year(e)))
        # No two sessions share a room at the same time.
        slots = Counter((s["date"], s["room"]) for s in sessions)
        assert max(slots.values()) == 1


def test_the_default_size_is_the_issue_s():
    sizes = archive.ArchiveSizes()
    assert (sizes.editions, sizes.sessions, sizes.speakers) == (10, 800, 600)


def test_sixty_percent_of_speakers_return_under_the_same_name():
    speakers = archive.edition_speakers(archive.ArchiveSizes(editions=6, sessions=400))
    earlier: set[int] = set(speakers[0])
    for people in speakers[1:]:
        back = len(set(people) & earlier)
        assert abs(back / len(people) - archive.RETURNING) <= 0.02
        earlier |= set(people)
    # A name is a person: distinct numbers never share a name.
    everyone = sorted(earlier)
    assert len({archive.person_name(p).casefold() for p in everyone}) == len(everyone)


def test_names_stay_distinct_beyond_the_lists():
    many = [archive.person_name(i) for i in range(len(archive.FIRST) * len(archive.LAST) * 3)]
    assert len({n.casefold() for n in many}) == len(many)


def test_deterministic_with_the_seed(tmp_path):
    archive.write_schedules(tmp_path / "a", SMALL)
    archive.write_schedules(tmp_path / "b", SMALL)
    files = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert len(files) == SMALL.editions + 2  # the editions, the changed copy, changes.json
    for name in files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    other = archive.ArchiveSizes(SMALL.editions, SMALL.sessions, seed=SMALL.seed + 1)
    archive.write_schedules(tmp_path / "c", other)
    first = archive.edition_id(0) + ".json"
    assert (tmp_path / "a" / first).read_bytes() != (tmp_path / "c" / first).read_bytes()


def test_the_changed_edition_differs_in_exactly_the_twenty_changes():
    e = SMALL.editions - 1
    speakers = archive.edition_speakers(SMALL)[e]
    original = archive.make_edition(SMALL, e, speakers)
    changed, changes = archive.change_edition(original, SMALL, e)
    assert len(changes) == archive.CHANGES == 20
    kinds = Counter(c["kind"] for c in changes)
    assert kinds == dict.fromkeys(archive.CHANGE_KINDS, 4)
    # The original is left as it was.
    assert original == archive.make_edition(SMALL, e, speakers)

    before = {s["id"]: s for s in archive.sessions_of(original)}
    after = {s["id"]: s for s in archive.sessions_of(changed)}
    by_kind = {k: {c["id"] for c in changes if c["kind"] == k} for k in archive.CHANGE_KINDS}
    assert set(before) - set(after) == by_kind["cancelled"]
    assert set(after) - set(before) == by_kind["added"]
    for sid in set(before) & set(after):
        diff = {k for k in before[sid] if before[sid][k] != after[sid][k]}
        if sid in by_kind["moved"]:
            assert diff <= {"date", "start", "room"} and {"date", "start"} <= diff
        elif sid in by_kind["retitled"]:
            assert diff == {"title"}
        elif sid in by_kind["speakers"]:
            assert diff == {"persons"}
            assert names(before[sid])[1:] == names(after[sid])[1:]
            assert names(after[sid])[0] not in names(before[sid])
        else:
            assert not diff, (sid, diff)
    # Moved and added sessions land in free slots; each session is in the room it says.
    slots = Counter((s["date"], s["room"]) for s in after.values())
    assert max(slots.values()) == 1
    for day in changed["schedule"]["conference"]["days"]:
        for room, events in day["rooms"].items():
            assert all(s["room"] == room and s["date"].startswith(day["date"]) for s in events)
    # The new speakers already speak at this edition (they have a page).
    present = {n for s in before.values() for n in names(s)}
    assert all(names(after[sid])[0] in present for sid in by_kind["speakers"])


def test_the_importer_maps_returning_speakers_to_their_pages(tmp_path):
    from sphinx_conference.cli.importers import import_schedule

    sizes = archive.ArchiveSizes(editions=3, sessions=60, seed=3)
    paths, changed, changes = archive.write_schedules(tmp_path / "schedules", sizes)
    events = tmp_path / "site" / "events"
    results = [import_schedule(path, events) for path in paths]
    assert [r.event_id for r in results] == [archive.edition_id(e) for e in range(3)]
    assert all(r.sessions == 60 and not r.warnings for r in results)
    assert [r.people for r in results] == [sizes.speakers] * 3
    returning = round(sizes.speakers * archive.RETURNING)
    assert [r.people_existing for r in results] == [0, returning, returning]
    people = list((tmp_path / "site" / "people").glob("*.md"))
    assert len(people) == sizes.speakers + 2 * (sizes.speakers - returning)

    again = import_schedule(changed, events)
    assert again.event_id == archive.edition_id(2) and not again.warnings
    # 4 cancelled, 4 added (cancelled sessions may stay on the site, marked, since issue 20)
    assert again.sessions in (60, 64)
    assert again.written and again.people_new == 0  # every speaker already has a page
    assert json.loads((tmp_path / "schedules" / "changes.json").read_text("utf-8")) == changes


@pytest.mark.parametrize(
    ("page", "expected", "absent"),
    [
        (
            "% marker\n\n# T\n\n:::{session} e/t\n:title: T\n:speakers: a, b\n\nText {speaker}`a`.\n:::\n",
            ["orphan: true", "e/t; title: T; speakers: a, b.", "Text a."],
            [":::", "{session}", "{speaker}"],
        ),
        (
            "---\ndate: 2020-01-01\ntags: x\n---\n# P\n\nAt {event}`conf` with {session}`Talk <e/t>`.\n",
            ["orphan: true\ndate: 2020-01-01", "At conf with e/t."],
            ["{event}", "{session}"],
        ),
    ],
)
def test_the_floor_keeps_the_text_without_the_extension(page, expected, absent):
    text = archive.floor_text(page)
    assert all(e in text for e in expected), text
    assert not any(a in text for a in absent), text


def test_the_floor_home_page_keeps_its_toctree():
    home = (
        "# Home\n\n:::{post-list}\n:limit: 5\n:::\n\n```{toctree}\n:hidden:\n\nposts/index\n```\n"
    )
    text = archive.floor_text(home, orphan=False)
    assert "orphan" not in text and "```{toctree}\n:hidden:\n\nposts/index\n```" in text
    assert "limit: 5." in text and "{post-list}" not in text


@pytest.mark.slow
def test_the_harness_builds_a_tiny_archive_and_reports_it(tmp_path, capsys):
    """``run.py --archive`` end to end at a tiny size: every build succeeds without a
    warning, the re-import rebuild is incremental, and ``results.json`` gets an
    ``archive`` section beside what it held."""
    import run

    out = tmp_path / "results"
    out.mkdir()
    (out / "results.json").write_text(json.dumps({"sizes": [500]}), "utf-8")
    argv = ["--archive", "--archive-editions", "2", "--archive-sessions", "20"]
    argv += ["--archive-posts", "3", "--repeat", "1", "--out", str(out)]
    run.main(argv)  # 0 or 1: the 0.1 target is not for a site this small
    printed = capsys.readouterr().out
    assert "archive_incremental_over_full" in printed and "site / floor" in printed
    payload = json.loads((out / "results.json").read_text("utf-8"))
    assert payload["sizes"] == [500]  # the other benchmarks' numbers are kept
    res = payload["archive"]["results"]
    assert (res["editions"], res["sessions_per_edition"], res["posts"]) == (2, 20, 3)
    assert res["pages"] == res["floor_pages"] > 40
    for key in ("site", "site_j2", "floor", "incremental"):
        assert res[key]["returncode"] == 0 and res[key]["warnings"] == 0, key
        assert res[key]["maxrss_mb"] > 0
    assert res["site"]["written_count"] == res["pages"]
    inc = res["incremental"]
    assert 0 < inc["read"] < res["pages"] and 0 < inc["written_count"] < res["pages"]
    assert len(res["import_seconds"]) == 2 and len(res["changes"]) == archive.CHANGES
    (row,) = payload["archive"]["targets"]
    assert row["target"] == "archive_incremental_over_full" and row["limit"] == 0.1
