"""Schedule changes (issue 20): a changed schedule imported again, and what readers see.

A small pretalx schedule written for the tests (``changes_schedule.py``) is imported, built,
changed (one session added, one cancelled, one moved, one retitled, one with other speakers),
imported again and built again incrementally; the record file, the event page's section, the
badges, the changes feed, the calendars and the agenda data are checked, as is a real schedule
(``../shared/fixtures/schedules``) imported twice with changes.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar

import vnu
from changes_schedule import version1, version2
from conftest import SHARED, sphinx_build
from sphinx_conference.cli.check import check
from sphinx_conference.cli.importers import ScheduleError, import_schedule

REAL = SHARED / "fixtures" / "schedules"
CONF = """extensions = ["sphinx_conference"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
conference_default_timezone = "UTC"
html_baseurl = "https://example.org/"
html_theme = "conference"
"""
EVENT = "events/2031/chgcon-2031"


def new_site(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "conf.py").write_text(CONF, "utf-8")
    (root / "index.md").write_text("# Changes\n\nSchedules imported twice.\n", "utf-8")
    return root


def cli(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "sphinx_conference", "import", *args]
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(cmd, cwd=root, capture_output=True, text=True, check=False, env=full_env)


def tree(root: Path) -> dict[str, bytes]:
    """Every source file of the site (not the build)."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "_build" not in p.relative_to(root).parts
    }


def html(out: Path, docname: str) -> BeautifulSoup:
    return BeautifulSoup((out / f"{docname}.html").read_text("utf-8"), "lxml")


def badges(soup: BeautifulSoup, anchor: str) -> list[str]:
    """The badges of the session block ``anchor`` itself (not those of the sessions around it)."""
    block = soup.find(id=anchor)
    assert block is not None, anchor
    return [
        b.get_text()
        for b in block.select(".conference-change")
        if b.find_parent(class_="conference-around") is None
    ]


@pytest.fixture(scope="module")
def site(module_tmp):
    """The site after v1 (built), v2 imported, built incrementally, v2 imported again."""
    root = new_site(module_tmp / "site")
    schedule = module_tmp / "chgcon.json"
    schedule.write_text(json.dumps(version1()), "utf-8")
    first = cli(root, str(schedule), "--date", "2031-04-01")
    assert first.returncode == 0, first.stderr
    out = root / "_build"
    built = sphinx_build(root, out, "-q")
    assert built.returncode == 0, built.stderr
    before = tree(root)
    schedule.write_text(json.dumps(version2()), "utf-8")
    second = cli(root, str(schedule), "--date", "2031-05-01")
    assert second.returncode == 0, second.stderr
    after = tree(root)
    rebuilt = sphinx_build(root, out, "-q")  # incremental: the same output folder
    assert rebuilt.returncode == 0, rebuilt.stderr
    # The same schedule again, on another day: nothing changed, nothing written.
    third = cli(root, str(schedule), env={"SOURCE_DATE_EPOCH": "1999999999"})
    return {
        "root": root,
        "out": out,
        "before": before,
        "after": after,
        "second": second,
        "third": third,
    }


def test_the_record_is_reviewable_text_beside_the_event_page(site):
    record = (site["root"] / EVENT / "changes.md").read_text("utf-8")
    blocks = dict(re.findall(r":::\{schedule-change\} chgcon-2031/(\S+)\n(.*?):::\n", record, re.S))
    assert set(blocks) == {
        "late-addition",
        "orbits-by-hand",
        "machines-that-think",
        "compilers-for-everyone",
        "closing",
    }
    assert all(":date: 2031-05-01\n" in b for b in blocks.values())
    assert ":change: added\n" in blocks["late-addition"]
    assert ":change: cancelled\n" in blocks["orbits-by-hand"]
    moved = blocks["machines-that-think"]
    assert ":change: moved\n" in moved and ":was-start: 2031-05-10 11:00\n" in moved
    assert ":was-room: Room B\n" in moved
    # a retitled session keeps its id (the export's id is the identity, not the title)
    assert ":was-title: Compilers for everyone\n" in blocks["compilers-for-everyone"]
    assert ":was-speakers: ada-lovelace, grace-hopper\n" in blocks["closing"]
    assert "5 schedule changes recorded in" in site["second"].stdout
    changed = {k for k in site["after"] if site["after"][k] != site["before"].get(k)}
    assert changed == {f"{EVENT}/index.md", f"{EVENT}/changes.md"}


def test_an_unchanged_schedule_changes_no_file(site):
    third = site["third"]
    assert third.returncode == 0, third.stderr
    assert tree(site["root"]) == site["after"]
    assert "schedule changes recorded" not in third.stdout
    assert "0 written" in third.stdout


def test_cancelled_sessions_stay_marked(site):
    page = (site["root"] / EVENT / "index.md").read_text("utf-8")
    block = re.search(r":::\{session\} chgcon-2031/orbits-by-hand\n(.*?):::\n", page, re.S)
    assert block and ":status: cancelled\n" in block.group(1)
    soup = html(site["out"], f"{EVENT}/index")
    div = soup.find(id="session-chgcon-2031-orbits-by-hand")
    assert "conference-session-cancelled" in div["class"]
    assert badges(soup, "session-chgcon-2031-orbits-by-hand") == ["Cancelled"]
    # structured data says so too
    data = [json.loads(tag.string) for tag in soup.select('script[type="application/ld+json"]')]
    statuses = {
        sub["name"]: sub["eventStatus"]
        for d in data
        for sub in d.get("subEvent", [])
        if isinstance(sub, dict)
    }
    assert statuses["Orbits by hand"] == "https://schema.org/EventCancelled"
    assert statuses["Machines that think"] == "https://schema.org/EventRescheduled"
    assert statuses["Opening"] == "https://schema.org/EventScheduled"


def test_event_page_lists_the_changes_newest_first(site):
    soup = html(site["out"], f"{EVENT}/index")
    section = soup.select_one(".conference-schedule-changes")
    assert section.find(id="schedule-changes").get_text(strip=True) == "Schedule changes"
    items = [" ".join(li.get_text().split()) for li in section.select("li")]
    assert len(items) == 5 and all(i.startswith("1 May 2031:") for i in items)
    assert any("Machines that think: Moved from 11:00, Room B." in i for i in items)
    assert any(
        "Compilers for everybody: Retitled (was 'Compilers for everyone')." in i for i in items
    )
    assert any("Closing: Speakers changed (were Ada Lovelace, Grace Hopper)." in i for i in items)
    assert any("Orbits by hand: Cancelled." in i for i in items)
    links = {a["href"] for a in section.select("li a")}
    assert "#session-chgcon-2031-machines-that-think" in links
    feed = section.select_one(".conference-changes-feed a")["href"]
    assert feed == "../../../_feeds/events/chgcon-2031.changes.atom.xml"
    head = soup.select('link[rel="alternate"][type="application/atom+xml"]')
    assert feed in {link["href"] for link in head}


def test_badges_on_every_rendering_of_a_changed_session(site):
    soup = html(site["out"], f"{EVENT}/index")
    assert badges(soup, "session-chgcon-2031-machines-that-think") == ["Moved from 11:00, Room B"]
    assert badges(soup, "session-chgcon-2031-compilers-for-everyone") == ["Retitled"]
    assert badges(soup, "session-chgcon-2031-closing") == ["Speakers changed"]
    assert badges(soup, "session-chgcon-2031-late-addition") == ["Added"]
    assert badges(soup, "session-chgcon-2031-opening") == []
    # the agenda on the event page
    agenda = [
        (li.select_one("a").get_text(), [b.get_text() for b in li.select(".conference-change")])
        for li in soup.select(".conference-agenda-item")
    ]
    assert ("Orbits by hand", ["Cancelled"]) in agenda
    assert ("Machines that think", ["Moved from 11:00, Room B"]) in agenda
    # the cards of a person's page (written before the change, re-written by the fingerprint)
    person = html(site["out"], "people/katherine-johnson")
    cards = {
        card.select_one(".conference-session-title").get_text(strip=True): [
            b.get_text() for b in card.select(".conference-change")
        ]
        for card in person.select(".conference-session-item")
    }
    assert cards == {"Orbits by hand": ["Cancelled"], "Late addition": ["Added"]}
    # the "around" lists of the other sessions, drawn from the event's data file (the
    # browser side: test_changes_browser.py)
    data = json.loads((site["out"] / "_agenda/chgcon-2031.json").read_text("utf-8"))
    sessions = {s["id"]: s for s in data["sessions"]}
    assert sessions["chgcon-2031/orbits-by-hand"]["badges"] == [["cancelled", "Cancelled"]]
    named = {
        other
        for s in data["sessions"]
        for part in s.get("around", {}).values()
        for other in ([part] if isinstance(part, str) else part)
    }
    assert "chgcon-2031/orbits-by-hand" in named


def test_the_incremental_and_parallel_builds_equal_a_full_build(site, tmp_path):
    full = tmp_path / "full"
    result = sphinx_build(site["root"], full, "-q")
    assert result.returncode == 0, result.stderr

    def shown(out: Path) -> dict[str, list[str]]:
        found = {}
        for page in sorted(out.rglob("*.html")):
            soup = BeautifulSoup(page.read_text("utf-8"), "lxml")
            found[page.relative_to(out).as_posix()] = [
                " ".join(el.get_text().split())
                for el in soup.select(".conference-change, .conference-schedule-changes li")
            ]
        return found

    assert shown(site["out"]) == shown(full)
    # and so does a parallel build (each reader's changes merged)
    parallel = tmp_path / "parallel"
    result = sphinx_build(site["root"], parallel, "-q", "-j", "2")
    assert result.returncode == 0, result.stderr
    assert shown(parallel) == shown(full)


def test_pages_with_changes_are_valid_html(site):
    vnu.jar()  # skips (or fails on CI) without Java or npm
    out = site["out"]
    pages = [
        out / f"{EVENT}/index.html",
        out / f"{EVENT}/changes.html",
        out / "people/katherine-johnson.html",
    ]
    errors = vnu.validate(pages)
    assert errors == [], vnu.describe(errors, out)


def test_the_changes_feed(site):
    path = site["out"] / "_feeds/events/chgcon-2031.changes.atom.xml"
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "ChangeCon 2031: schedule changes"
    titles = {e.title for e in feed.entries}
    assert "Machines that think: Moved from 11:00, Room B" in titles
    assert "Orbits by hand: Cancelled" in titles
    assert len(feed.entries) == 5
    entry = next(e for e in feed.entries if e.title.startswith("Machines"))
    assert entry.link == (
        "https://example.org/events/2031/chgcon-2031/index.html#session-chgcon-2031-machines-that-think"
    )
    assert entry.updated.startswith("2031-05-01")


def test_calendars_cancel_and_raise_the_sequence(site):
    cal = Calendar.from_ical((site["out"] / "_calendars/events/chgcon-2031.ics").read_bytes())
    by_title = {str(ev["summary"]).split(" (")[0]: ev for ev in cal.walk("VEVENT")}
    assert str(by_title["Orbits by hand"]["status"]) == "CANCELLED"
    assert int(by_title["Orbits by hand"]["sequence"]) == 1
    for title in ("Machines that think", "Compilers for everybody", "Closing", "Late addition"):
        assert int(by_title[title]["sequence"]) == 1, title
        assert "status" not in by_title[title]
    assert "sequence" not in by_title["Opening"]
    one = Calendar.from_ical(
        (site["out"] / "_calendars/sessions/chgcon-2031/orbits-by-hand.ics").read_bytes()
    )
    assert [str(ev["status"]) for ev in one.walk("VEVENT")] == ["CANCELLED"]
    # the agenda's .ics reuses the calendar's VEVENTs: the same STATUS and SEQUENCE
    data = json.loads((site["out"] / "_agenda/chgcon-2031.json").read_text("utf-8"))
    ics = {s["id"]: s["ics"] for s in data["sessions"]}
    assert "STATUS:CANCELLED" in ics["chgcon-2031/orbits-by-hand"]
    assert "SEQUENCE:1" in ics["chgcon-2031/machines-that-think"]
    assert "SEQUENCE" not in ics["chgcon-2031/opening"]


def test_check_agrees_and_reports_a_bad_record(site, tmp_path):
    root = shutil.copytree(site["root"], tmp_path / "copy", ignore=shutil.ignore_patterns("_build"))
    problems, _ = check(root)
    assert problems == []
    record = root / EVENT / "changes.md"
    record.write_text(
        record.read_text("utf-8")
        + "\n:::{schedule-change} chgcon-2031/closing\n:date: 2031-02-30\n:change: moved\n:::\n",
        "utf-8",
    )
    line = record.read_text("utf-8").splitlines().index(":date: 2031-02-30") + 1
    problems, _ = check(root)
    assert [(p.path, p.line, p.subtype) for p in problems] == [
        (f"{EVENT}/changes.md", line, "date")
    ]
    assert "date" in problems[0].message and "2031-02-30" in problems[0].message
    result = sphinx_build(root, root / "_build", "-q")
    assert f"changes.md:{line}: WARNING:" in result.stderr
    assert "[conference.date]" in result.stderr


def test_importing_another_event_into_the_id_is_refused(site, tmp_path):
    root = shutil.copytree(site["root"], tmp_path / "copy", ignore=shutil.ignore_patterns("_build"))
    before = tree(root)
    other = version1()
    conf = other["schedule"]["conference"]
    conf.update(title="Other Conf", acronym="other", start="2031-06-01", end="2031-06-01")
    path = tmp_path / "other.json"
    path.write_text(json.dumps(other).replace("2031-05-10", "2031-06-01"), "utf-8")
    run = cli(root, str(path), "--event-id", "chgcon-2031")
    assert run.returncode == 1
    assert "'ChangeCon 2031'" in run.stderr and "'Other Conf'" in run.stderr
    assert "nothing was written" in run.stderr
    assert tree(root) == before


def test_a_bad_date_option_is_an_error(tmp_path):
    root = new_site(tmp_path / "site")
    path = tmp_path / "s.json"
    path.write_text(json.dumps(version1()), "utf-8")
    run = cli(root, str(path), "--date", "tomorrow")
    assert run.returncode == 1 and "--date: expected YYYY-MM-DD" in run.stderr
    assert not (root / "events").exists()


def test_a_session_back_in_the_schedule_is_added_again(tmp_path):
    root = new_site(tmp_path / "site")
    path = tmp_path / "s.json"
    for data, day in ((version1(), "2031-04-01"), (version2(), "2031-05-01")):
        path.write_text(json.dumps(data), "utf-8")
        import_schedule(path, root / "events", date=day)
    path.write_text(json.dumps(version1()), "utf-8")
    result = import_schedule(path, root / "events", date="2031-05-02")
    assert "chgcon-2031/orbits-by-hand: added" in result.changes
    assert "chgcon-2031/late-addition: cancelled" in result.changes
    page = (root / EVENT / "index.md").read_text("utf-8")
    block = re.search(r":::\{session\} chgcon-2031/orbits-by-hand\n(.*?):::\n", page, re.S)
    assert block and ":status:" not in block.group(1)
    record = (root / EVENT / "changes.md").read_text("utf-8")
    assert record.count(":date: 2031-05-01") == 5 and record.count(":date: 2031-05-02") == 5


# -- a real schedule, imported twice with changes --------------------------------------------

needs_real = pytest.mark.skipif(
    not (REAL / "frab-camp2019.json").exists(),
    reason=f"the real schedules are not here ({REAL} is absent): "
    "they live in the shared folder beside the repository",
)


@needs_real
def test_a_real_schedule_imported_twice_with_changes(tmp_path):
    root = new_site(tmp_path / "site")
    data = json.loads((REAL / "frab-camp2019.json").read_text("utf-8"))
    path = tmp_path / "camp2019.json"
    path.write_text(json.dumps(data), "utf-8")
    assert cli(root, str(path), "--date", "2019-08-01").returncode == 0
    folder = root / "events/2019/camp2019"
    days = data["schedule"]["conference"]["days"]
    rooms = [(d, r) for d in days for r in d["rooms"] if d["rooms"][r]]
    day, room = rooms[0]
    gone = day["rooms"][room].pop(0)
    day2, room2 = rooms[1]
    moved = day2["rooms"][room2][0]
    old_start = moved["start"]
    moved["start"] = "23:45"
    moved["date"] = moved["date"][:11] + "23:45" + moved["date"][16:]
    day3, room3 = rooms[2]
    retitled = day3["rooms"][room3][0]
    retitled["title"] = "A title that changed"
    path.write_text(json.dumps(data), "utf-8")
    run = cli(root, str(path), "--date", "2019-08-15")
    assert run.returncode == 0, run.stderr
    assert "3 schedule changes recorded" in run.stdout, run.stdout
    record = (folder / "changes.md").read_text("utf-8")
    assert record.count(":::{schedule-change}") == 3
    assert ":change: cancelled\n" in record and ":change: retitled\n" in record
    assert f":was-start: {moved['date'][:10]} {old_start}" in record
    # the cancelled session keeps its own page (camp2019 has a page per session), marked
    cancelled = [p for p in folder.glob("*.md") if ":status: cancelled" in p.read_text("utf-8")]
    assert len(cancelled) == 1 and gone["title"].split()[0] in cancelled[0].read_text("utf-8")
    before = tree(root)
    assert cli(root, str(path), "--date", "2019-08-16").returncode == 0
    assert tree(root) == before
    result = sphinx_build(root, root / "_build", "-q")
    assert result.returncode == 0, result.stderr
    soup = html(root / "_build", "events/2019/camp2019/index")
    items = soup.select(".conference-schedule-changes li")
    assert len(items) == 3
    texts = " ".join(li.get_text() for li in items)
    assert "A title that changed: Retitled" in " ".join(texts.split())
    assert len(soup.select(".conference-change-cancelled")) == 1
    feed = feedparser.parse((root / "_build/_feeds/events/camp2019.changes.atom.xml").read_bytes())
    assert len(feed.entries) == 3
    cal = Calendar.from_ical((root / "_build/_calendars/events/camp2019.ics").read_bytes())
    assert sum(str(ev.get("status", "")) == "CANCELLED" for ev in cal.walk("VEVENT")) == 1
    assert sum(int(ev.get("sequence", 0)) for ev in cal.walk("VEVENT")) == 3


def test_a_session_marked_cancelled_in_the_export_stays_marked(tmp_path):
    root = new_site(tmp_path / "site")
    path = tmp_path / "s.json"
    path.write_text(json.dumps(version1()), "utf-8")
    import_schedule(path, root / "events", date="2031-04-01")
    data = version1()
    data["schedule"]["conference"]["days"][0]["rooms"]["Room A"][0]["state"] = "canceled"
    path.write_text(json.dumps(data), "utf-8")
    result = import_schedule(path, root / "events", date="2031-05-01")
    assert result.changes == ["chgcon-2031/opening: cancelled"]
    page = (root / EVENT / "index.md").read_text("utf-8")
    block = re.search(r":::\{session\} chgcon-2031/opening\n(.*?):::\n", page, re.S)
    assert block and ":status: cancelled\n" in block.group(1)


@pytest.mark.parametrize(
    ("acronym", "title", "refused"),
    [
        ("otherconf", "Other Conf", True),  # another event on the same days
        ("chgcon-2031", "ChangeCon 2031, renamed", False),  # the same event, renamed
        ("otherconf", "ChangeCon 2031", False),  # the same name and days: a new acronym
    ],
)
def test_the_same_event_is_told_by_acronym_name_and_days(tmp_path, acronym, title, refused):
    root = new_site(tmp_path / "site")
    path = tmp_path / "s.json"
    path.write_text(json.dumps(version1()), "utf-8")
    import_schedule(path, root / "events", date="2031-04-01")
    before = tree(root)
    data = version1()
    data["schedule"]["conference"].update(acronym=acronym, title=title)
    path.write_text(json.dumps(data), "utf-8")
    if refused:
        with pytest.raises(ScheduleError, match="another event"):
            import_schedule(path, root / "events", event_id="chgcon-2031", date="2031-05-01")
        assert tree(root) == before
    else:
        result = import_schedule(path, root / "events", event_id="chgcon-2031", date="2031-05-01")
        assert result.changes == []


def test_hand_written_and_hand_edited_pages_keep_the_existing_rule(tmp_path):
    root = new_site(tmp_path / "site")
    path = tmp_path / "s.json"
    path.write_text(json.dumps(version1()), "utf-8")
    import_schedule(path, root / "events", date="2031-04-01", session_pages="always")
    folder = root / EVENT
    # a page written by hand in the event's folder, with a session the export never had
    (folder / "social.md").write_text(
        "# Social\n\n:::{session} chgcon-2031/social\n:title: Social evening\n:::\n", "utf-8"
    )
    edited = folder / "orbits-by-hand.md"
    edited.write_text(edited.read_text("utf-8") + "\nA note by hand.\n", "utf-8")
    path.write_text(json.dumps(version2()), "utf-8")
    result = import_schedule(path, root / "events", date="2031-05-01", session_pages="always")
    assert "A note by hand." in edited.read_text("utf-8") and edited in result.kept
    assert ":status:" not in edited.read_text("utf-8")
    assert "chgcon-2031/orbits-by-hand: cancelled" in result.changes  # still recorded
    assert not any("social" in line for line in result.changes)
    assert (folder / "social.md").read_text("utf-8").startswith("# Social")
    assert build_ok(root)


def build_ok(root: Path) -> bool:
    result = sphinx_build(root, root / "_build", "-q")
    assert result.returncode == 0, result.stderr
    return True
