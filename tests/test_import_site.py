"""Schedule importer, end to end: the command, the pages it writes, and the site they build.

Every small schedule in ``tests/fixtures/schedules/`` is imported into one fresh site, which
must build with ``-W``.  The real exports in ``../shared/fixtures/schedules/`` get the same
treatment where that folder exists (see the end of the module).
"""

from __future__ import annotations

import importlib.util
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, SHARED, sphinx_build
from sphinx_conference.cli.importers import import_schedule, read_schedule
from sphinx_conference.cli.importers.command import ProgressBar
from sphinx_conference.cli.importers.sanitize import option_value
from sphinx_conference.cli.importers.writer import MARKER_RE, split_marker

FIXTURES = Path(__file__).parent / "fixtures" / "schedules"
REAL = SHARED / "fixtures" / "schedules"
#: each small schedule and the event folder it is imported into
EVENT_DIRS = {
    "frab-small.json": "events/2021/tinycamp-2021",
    "frab-small.xml": "events/2015/tinycon",
    "pretalx.json": "events/2024/pyday-2024",
    "fosdem.xml": "events/2020/fosdem-2020",
    "debconf.xml": "events/2023/debconf23",
}
OWN = list(EVENT_DIRS)
CONF = """extensions = ["sphinx_conference"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
conference_default_timezone = "UTC"
"""


def new_site(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "conf.py").write_text(CONF, "utf-8")
    (root / "index.md").write_text("# Imported\n\nSchedules imported by the tests.\n", "utf-8")
    return root


def cli(root: Path, *args: str, command: str = "import") -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "sphinx_conference", command, *args]
    return subprocess.run(cmd, cwd=root, capture_output=True, text=True, check=False)


def build(root: Path) -> subprocess.CompletedProcess:
    return sphinx_build(root, root / "_build", "-q")


def page(root: Path, docname: str) -> BeautifulSoup:
    return BeautifulSoup((root / "_build" / f"{docname}.html").read_text("utf-8"), "lxml")


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for folder in ("events", "people")
        if (root / folder).exists()
        for p in sorted((root / folder).rglob("*.md"))
    }


def session_ids_in_html(root: Path, event_dir: str) -> set[str]:
    """Anchors of every {session} block on the event's pages."""
    found: set[str] = set()
    for html in (root / "_build" / event_dir).rglob("*.html"):
        soup = BeautifulSoup(html.read_text("utf-8"), "lxml")
        found.update(div["id"] for div in soup.select("div.conference-session[id]"))
    return found


@pytest.fixture(scope="module")
def site(module_tmp):
    root = new_site(module_tmp / "site")
    runs = {name: cli(root, str(FIXTURES / name)) for name in OWN}
    result = build(root)
    return root, runs, result


def test_each_format_imports_in_one_command(site):
    _, runs, _ = site
    for name, run in runs.items():
        assert run.returncode == 0, (name, run.stderr)
        assert run.stdout.startswith("Imported "), run.stdout
        assert re.search(
            r"\d+ sessions .*\d+ people .*\d+ tracks, \d+ rooms, \d+ warnings", run.stdout
        )


def test_imported_site_builds_without_warnings(site):
    _, _, result = site
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr


def test_imported_site_passes_the_content_check(site):
    root, _, _ = site
    run = cli(root, command="check")
    assert run.returncode == 0, run.stdout + run.stderr


def test_pages_are_where_the_docs_say(site):
    root, _, _ = site
    assert sorted(p.relative_to(root).as_posix() for p in (root / "events").rglob("*.md")) == [
        "events/2015/tinycon/index.md",
        "events/2020/fosdem-2020/index.md",
        "events/2021/tinycamp-2021/index.md",
        "events/2023/debconf23/index.md",
        "events/2024/pyday-2024/index.md",
    ]
    for p in [*root.glob("events/**/*.md"), *root.glob("people/*.md")]:
        content = p.read_text("utf-8")
        assert MARKER_RE.match(content) and split_marker(content)[2], p


@pytest.mark.parametrize("name", OWN)
def test_every_session_of_the_file_is_on_the_site(site, name):
    root, _, _ = site
    schedule = read_schedule(FIXTURES / name)
    assert len(session_ids_in_html(root, EVENT_DIRS[name])) == len(schedule.sessions)


def test_event_page_facts_tracks_and_agenda(site):
    root, _, _ = site
    soup = page(root, "events/2024/pyday-2024/index")
    event = soup.find(id="event-pyday-2024").get_text(" ", strip=True)
    assert "Core" in event and "Data, Science" in event
    agenda = soup.select_one(".conference-layout-agenda").get_text(" ", strip=True)
    assert "Engines of Thought" in agenda and "Data Wrangling Workshop" in agenda
    assert "America/New_York" in agenda
    session = soup.find(id="session-pyday-2024-engines-of-thought")
    text = session.get_text(" ", strip=True)
    for fact in ("Ada Lovelace", "Core", "Keynote", "09:00", "Hall A", "en", "About engines"):
        assert fact in text
    hrefs = {a["href"] for a in session.find_all("a", href=True)}
    assert (
        "https://pretalx.example.org/media/pyday-2024/submissions/ABC123/resources/slides.pdf"
        in hrefs
    )
    assert "https://video.example.org/engines" in hrefs


def test_local_times_keep_the_sources_zone(site):
    root, _, _ = site
    debconf = (root / "events/2023/debconf23/index.md").read_text("utf-8")
    assert ":timezone: Asia/Kolkata" in debconf
    assert ":start: 2023-09-10 13:00" in debconf  # given as 07:30 UTC
    tiny = (root / "events/2021/tinycamp-2021/index.md").read_text("utf-8")
    assert ":start: 2021-07-02 01:30" in tiny


def test_types_and_original_types_as_tags(site):
    root, _, _ = site
    tiny = (root / "events/2021/tinycamp-2021/index.md").read_text("utf-8")
    night = tiny.split(":::{session} tinycamp-2021/night-owls-raw-html", 1)[1].split("\n:::\n", 1)[
        0
    ]
    assert ":type: other\n" in night and ":tags: Performance\n" in night
    fosdem = (root / "events/2020/fosdem-2020/index.md").read_text("utf-8")
    assert ":type: lightning\n" in fosdem and ":tags: certification\n" in fosdem
    debconf = (root / "events/2023/debconf23/index.md").read_text("utf-8")
    lunch = debconf.split(":::{session} debconf23/lunch", 1)[1].split("\n:::\n", 1)[0]
    assert ":type: break\n" in lunch and ":track:" not in lunch


def test_duplicate_titles_get_unique_ids(site):
    root, _, _ = site
    tiny = (root / "events/2021/tinycamp-2021/index.md").read_text("utf-8")
    assert ":::{session} tinycamp-2021/lightning-talks\n" in tiny
    assert ":::{session} tinycamp-2021/lightning-talks-104\n" in tiny
    assert ":::{session} tinycamp-2021/session\n:title: Untitled session 105\n" in tiny


def test_a_person_at_several_events_has_one_page_listing_all(site):
    root, _, _ = site
    assert not (root / "people" / "ada-lovelace-2.md").exists()
    soup = page(root, "people/ada-lovelace")
    listed = soup.select_one(".conference-person-sessions").get_text(" ", strip=True)
    assert "Sessions (6)" in listed
    for title in (
        "Opening",
        "Lightning Talks",
        "Keynote: ‹Vec‹T›› for Everyone",
        "Engines of Thought",
        "Early Bird Lightning Talk",
        "Ada's BoF",
    ):
        assert title in listed
    # the pretalx avatar and profile reached the card
    people = {p.stem for p in (root / "people").glob("*.md")}
    assert {
        "ada-lovelace",
        "grace",
        "grace-hopper",
        "night-owl",
        "debbie-developer",
        "fosdem-staff",
    } <= people


def test_people_pages_biography_photo_and_links(site):
    root, _, _ = site
    grace = (root / "people/grace-hopper.md").read_text("utf-8")
    assert (
        ":photo: https://pretalx.example.org/media/avatars/grace.png" in grace
        and "Admiral." in grace
    )
    plain = (root / "people/plain-speaker.md").read_text("utf-8")
    assert ":photo:" not in plain  # http avatar refused
    debbie = (root / "people/debbie-developer.md").read_text("utf-8")
    assert ":links: https://twitter.com/example_dd" in debbie
    everything = "".join(p.read_text("utf-8") for p in root.rglob("*.md"))
    assert "dd@example.org" not in everything  # wafer's contact attribute
    assert "I need a projector" not in everything  # pretalx answers


def test_no_script_or_injected_directive_reaches_the_site(site):
    root, _, _ = site
    for html_file in [
        *(root / "_build/events").rglob("*.html"),
        *(root / "_build/people").rglob("*.html"),
    ]:
        soup = BeautifulSoup(html_file.read_text("utf-8"), "lxml")
        main = soup.select_one("div.body") or soup.body
        assert not main.find_all(["script", "style", "iframe", "object", "embed", "form"]), (
            html_file
        )
        for text in main.select(
            ".conference-abstract, .conference-speaker-card .sd-card-body > p:not([class])"
        ):
            assert not text.find_all(["svg", "img"]), (html_file, text)
        for tag in main.find_all(True):
            assert not any(a.lower().startswith("on") for a in tag.attrs), (html_file, tag)
            href = tag.get("href", "")
            assert not href.lower().strip().startswith(("javascript:", "data:")), (html_file, tag)
    night = page(root, "events/2021/tinycamp-2021/index").find(
        id="session-tinycamp-2021-night-owls-raw-html"
    )
    text = night.get_text(" ", strip=True)
    # the fence shows as code, the colon fence and role as text: nothing became raw HTML
    assert (
        night.select_one("pre") is not None
        and "<script>alert('fence')</script>" in night.select_one("pre").text
    )
    assert ":::{raw} html" in text and "{raw}`<i>role</i>`" not in str(night).replace("&lt;", "<")
    assert ":title: injected" in text


def test_import_warnings_name_event_and_field(site):
    _, runs, _ = site
    err = runs["frab-small.json"].stderr
    assert (
        "warning: frab-small.json: session 103 'Lightning Talks': field 'duration': missing" in err
    )
    assert (
        "session 101 'Opening': field 'links': 'javascript:alert(3)' is not an http, https" in err
    )
    assert (
        "session 101 'Opening': field 'links': 'tinycamp.example.org' is not a complete URL" in err
    )
    assert "person '3' (Night Owl)" not in err  # inline tags in a name are simply removed
    err = runs["frab-small.xml"].stderr
    assert "session 7001 'Keynote: <Vec<T>> for Everyone': field 'title': looks like markup" in err
    assert (
        "field 'attachments': '/attachments/keynote.odp' is not an http, https or mailto URL" in err
    )
    err = runs["pretalx.json"].stderr
    assert "field 'avatar': 'http://insecure.example.org/p.png' is not https" in err


def test_the_sites_own_schedule_export_imports_back(site, tmp_path):
    """The extension writes each event as c3voc JSON; importing that gives the same sessions."""
    root, _, _ = site
    again = new_site(tmp_path / "again")
    for name, folder in EVENT_DIRS.items():
        export = root / "_build" / "_schedule" / f"{folder.rsplit('/', 1)[1]}.json"
        first, second = read_schedule(FIXTURES / name), read_schedule(export)
        titles = sorted(
            (option_value(s.title)[0] or f"Untitled session {s.source_id}", s.start)
            for s in first.sessions
        )
        assert sorted((s.title, s.start) for s in second.sessions) == titles, name
        run = cli(again, str(export))
        assert run.returncode == 0, run.stderr
    result = build(again)
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr


def test_cli_quiet_and_errors(tmp_path):
    root = new_site(tmp_path / "q")
    run = cli(root, "--quiet", str(FIXTURES / "frab-small.json"))
    assert run.returncode == 0 and run.stdout == ""
    assert "warning:" in run.stderr and "\r" not in run.stderr  # no progress bar off a terminal
    run = cli(root, str(tmp_path / "missing.json"))
    assert run.returncode == 1 and "error:" in run.stderr and "cannot read" in run.stderr
    (tmp_path / "junk.txt").write_text("junk")
    run = cli(root, str(tmp_path / "junk.txt"))
    assert run.returncode == 1 and "neither JSON nor XML" in run.stderr
    run = cli(root, "--format", "wafer", str(FIXTURES / "pretalx.json"))
    assert run.returncode == 1 and "not wafer schedule XML" in run.stderr
    run = cli(root, "--event-id", "Bad Id!", str(FIXTURES / "pretalx.json"))
    assert run.returncode == 1 and "--event-id" in run.stderr
    run = cli(root, "--timezone", "Mars/Olympus", str(FIXTURES / "pretalx.json"))
    assert run.returncode == 1 and "--timezone" in run.stderr


def test_the_sites_own_session_types_are_used(tmp_path):
    root = new_site(tmp_path / "site")
    with (root / "conf.py").open("a") as conf:
        conf.write('conference_session_types = ["talk", "workshop", "keynote"]\n')
    run = cli(root, str(FIXTURES / "frab-small.json"))
    assert run.returncode == 0, run.stderr
    tiny = (root / "events/2021/tinycamp-2021/index.md").read_text("utf-8")
    assert ":type: lightning" not in tiny and ":type: other" not in tiny
    night = tiny.split("tinycamp-2021/night-owls-raw-html", 1)[1].split("\n:::\n", 1)[0]
    assert ":type:" not in night and ":tags: Performance\n" in night
    result = build(root)
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr


def test_cli_help_lists_the_options():
    run = subprocess.run(
        [sys.executable, "-m", "sphinx_conference", "import", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0
    for option in (
        "--into",
        "--event-id",
        "--people",
        "--format",
        "--timezone",
        "--session-pages",
        "--force",
        "--quiet",
    ):
        assert option in run.stdout


def test_progress_bar_draws_in_place():
    out = io.StringIO()
    bar = ProgressBar(out, width=10)
    for i in range(1, 201):
        bar(i, 200)
    bar.close()
    text = out.getvalue()
    assert text.startswith("\rimporting [") and text.endswith("[##########] 200/200\n")
    assert text.count("\r") <= 101  # redrawn at most every 1%


def test_importing_twice_gives_identical_files(tmp_path):
    one, two = new_site(tmp_path / "one"), new_site(tmp_path / "two")
    for name in OWN:
        import_schedule(FIXTURES / name, one / "events")
        import_schedule(FIXTURES / name, two / "events")
    first = snapshot(one)
    for name in OWN:
        result = import_schedule(FIXTURES / name, one / "events")
        assert result.written == [] and result.kept == [] and result.removed == []
    assert snapshot(one) == first == snapshot(two)


def test_hand_edits_are_kept_unless_forced(tmp_path):
    root = new_site(tmp_path / "site")
    import_schedule(FIXTURES / "pretalx.json", root / "events", session_pages="always")
    talk = root / "events/2024/pyday-2024/engines-of-thought.md"
    edited = talk.read_text("utf-8").replace(
        "About **engines**.", "About **engines**, edited by hand."
    )
    talk.write_text(edited, "utf-8")
    hand = root / "people/ada-lovelace.md"
    hand.write_text("# Ada\n\n:::{speaker} ada-lovelace\n:name: Ada Lovelace\n:::\n", "utf-8")
    out = io.StringIO()
    result = import_schedule(
        FIXTURES / "pretalx.json", root / "events", session_pages="always", warnings=out
    )
    assert talk.read_text("utf-8") == edited and talk in result.kept
    assert hand.read_text("utf-8").startswith("# Ada\n")
    assert (
        "engines-of-thought.md: kept: the page was edited by hand; --force overwrites it"
        in out.getvalue()
    )
    result = import_schedule(
        FIXTURES / "pretalx.json", root / "events", session_pages="always", force=True
    )
    assert "edited by hand" not in talk.read_text("utf-8") and talk in result.written


def test_updated_schedule_updates_pages_and_keeps_gone_sessions_cancelled(tmp_path):
    root = new_site(tmp_path / "site")
    data = json.loads((FIXTURES / "frab-small.json").read_text("utf-8"))
    schedule = tmp_path / "schedule.json"
    schedule.write_text(json.dumps(data), "utf-8")
    import_schedule(schedule, root / "events", session_pages="always")
    folder = root / "events/2021/tinycamp-2021"
    assert (folder / "lightning-talks-104.md").exists()
    rooms = data["schedule"]["conference"]["days"][1]["rooms"]
    rooms["Tent B"] = [e for e in rooms["Tent B"] if e["id"] != 104]
    data["schedule"]["conference"]["days"][0]["rooms"]["Tent A"][0]["abstract"] = (
        "Doors open at ten."
    )
    schedule.write_text(json.dumps(data), "utf-8")
    result = import_schedule(schedule, root / "events", session_pages="always")
    # A session gone from the schedule stays, marked cancelled, and the change is recorded.
    gone = (folder / "lightning-talks-104.md").read_text("utf-8")
    assert ":status: cancelled\n" in gone and split_marker(gone)[2]
    assert not result.removed
    assert "tinycamp-2021/lightning-talks-104: cancelled" in result.changes
    assert "Doors open at ten." in (folder / "opening.md").read_text("utf-8")
    assert folder / "opening.md" in result.written


def test_existing_people_are_reused_by_name_or_id(tmp_path):
    root = new_site(tmp_path / "site")
    people = root / "people"
    people.mkdir()
    ada = "# Ada\n\n:::{speaker} ada\n:name: Ada Lovelace\n:role: Countess\n:::\n"
    grace = '# Grace\n\n:::{speaker} grace\n:name: "Grace, the other one"\n:::\n'
    (people / "ada.md").write_text(ada, "utf-8")
    (people / "grace.md").write_text(grace, "utf-8")
    result = import_schedule(FIXTURES / "frab-small.json", root / "events")
    tiny = (root / "events/2021/tinycamp-2021/index.md").read_text("utf-8")
    assert ":speakers: ada, grace\n" in tiny  # same name -> ada; same id -> grace
    assert (people / "ada.md").read_text("utf-8") == ada and (people / "grace.md").read_text(
        "utf-8"
    ) == grace
    assert not (people / "ada-lovelace.md").exists()
    assert result.people_existing == 2 and result.people_new == 1
    assert build(root).returncode == 0


def test_the_large_event_rule(tmp_path):
    bench = load_bench()
    for sessions, split in ((40, False), (41, True)):
        root = new_site(tmp_path / f"s{sessions}")
        schedule = root / "schedule.json"
        schedule.write_text(json.dumps(bench.make_schedule(sessions)), "utf-8")
        result = import_schedule(schedule, root / "events")
        pages = list((root / "events/2030/bench-2030").glob("*.md"))
        assert result.session_pages is split
        assert len(pages) == (sessions + 1 if split else 1)
    result = import_schedule(schedule, tmp_path / "never" / "events", session_pages="never")
    assert len(list((tmp_path / "never/events/2030/bench-2030").glob("*.md"))) == 1


def test_an_event_id_used_elsewhere_stops_the_import(tmp_path):
    root = new_site(tmp_path / "site")
    (root / "events/2023").mkdir(parents=True)
    (root / "events/2023/debconf.md").write_text(
        ":::{event} debconf23\n:name: DebConf\n:start: 2023-09-10\n:::\n"
    )
    run = cli(root, str(FIXTURES / "debconf.xml"))
    assert (
        run.returncode == 1
        and "event 'debconf23' is already defined in events/2023/debconf.md" in run.stderr
    )
    run = cli(root, "--event-id", "debconf-23", str(FIXTURES / "debconf.xml"))
    assert run.returncode == 0 and (root / "events/2023/debconf-23/index.md").exists()


def load_bench():
    spec = importlib.util.spec_from_file_location(
        "bench_import", REPO / "benchmarks" / "bench_import.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_benchmark_reports_import_and_build_time(tmp_path):
    result = load_bench().run(sessions=45, build=True, workdir=tmp_path / "bench")
    assert result["sessions"] == 45 and result["reimport_unchanged"] == result["pages"]
    assert (
        result["import_seconds"] < 30
        and result["build_returncode"] == 0
        and result["build_warnings"] == 0
    )
    assert {"import_seconds", "reimport_seconds", "build_seconds", "people"} <= set(result)


# -- the real exports in ../shared/fixtures/schedules ---------------------------------------

needs_real = pytest.mark.skipif(
    not (REAL / "frab-camp2019.json").exists() or not (REAL / "31c3-schedule.xml").exists(),
    reason=f"the real schedules are not here ({REAL} is absent): "
    "they live in the shared folder beside the repository",
)


@pytest.fixture(scope="module")
def real_site(module_tmp):
    root = new_site(module_tmp / "real")
    runs = [cli(root, str(REAL / "31c3-schedule.xml")), cli(root, str(REAL / "frab-camp2019.json"))]
    return root, runs, build(root)


@needs_real
def test_real_schedules_import_and_build_with_w(real_site):
    _, runs, result = real_site
    for run in runs:
        assert run.returncode == 0, run.stderr
    assert "138 sessions" in runs[0].stdout and "79 sessions" in runs[1].stdout
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr


@needs_real
@pytest.mark.parametrize(
    ("name", "folder"),
    [("31c3-schedule.xml", "events/2014/31c3"), ("frab-camp2019.json", "events/2019/camp2019")],
)
def test_real_schedules_every_session_and_person_appears(real_site, name, folder):
    root, _, _ = real_site
    schedule = read_schedule(REAL / name)
    eid = folder.rsplit("/", 1)[1]
    assert len(session_ids_in_html(root, folder)) == len(schedule.sessions)
    # every person of the file has a page, whose card shows their name
    names = set()
    for html_file in (root / "_build/people").glob("*.html"):
        card = BeautifulSoup(html_file.read_text("utf-8"), "lxml").select_one(
            ".conference-speaker-card, [id^=speaker-]"
        )
        names.add(" ".join(card.get_text(" ", strip=True).split()) if card else "")
    people_text = unquote("\n".join(names))
    for person in schedule.persons.values():
        assert unquote(person.name) in people_text, person.name
    agenda = unquote(
        page(root, f"{folder}/index")
        .select_one(".conference-layout-agenda")
        .get_text(" ", strip=True)
    )
    for s in schedule.sessions:
        assert unquote(s.title.translate({60: 8249, 62: 8250}))[:30] in agenda, s.title
    assert (root / folder / "index.md").read_text("utf-8").count(
        f":::{{session}} {eid}/"
    ) == 0  # a page each
    assert len(list((root / folder).glob("*.md"))) == len(schedule.sessions) + 1


def unquote(text: str) -> str:
    """Text without Sphinx's smart quotes."""
    return " ".join(
        text.translate(
            {0x2018: "'", 0x2019: "'", 0x201C: '"', 0x201D: '"', 0x2013: "-", 0x2014: "-"}
        ).split()
    )


@needs_real
@pytest.mark.parametrize(("eid", "sessions"), [("31c3", 138), ("camp2019", 79)])
def test_real_schedules_come_back_out_as_valid_frab_xml_and_open_data(real_site, eid, sessions):
    """Imported, built, written back as frab XML (valid against the c3voc XSD) and open data."""
    from test_opendata import validate_data, validate_xml

    root, _, _ = real_site
    tree = validate_xml(root / "_build" / "_schedule" / f"{eid}.xml")
    assert len(list(tree.iter("event"))) == sessions
    doc = validate_data(root / "_build")
    (event,) = (e for e in doc["events"] if e["id"] == eid)
    assert len(event["sessions"]) == sessions


@needs_real
def test_real_people_at_both_events_have_one_page_listing_both(real_site):
    root, _, _ = real_site
    camp = read_schedule(REAL / "frab-camp2019.json")
    congress = read_schedule(REAL / "31c3-schedule.xml")
    both = {p.name for p in camp.persons.values()} & {p.name for p in congress.persons.values()}
    assert len(both) == 6
    for name in both:
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        pages = [
            p
            for p in (root / "people").glob(f"{slug}*.md")
            if f":name: {name}\n" in p.read_text("utf-8")
        ]
        assert len(pages) == 1, name
        listed = page(root, f"people/{pages[0].stem}").select_one(".conference-person-sessions")
        text = listed.get_text(" ", strip=True)
        assert "2014" in text and "2019" in text, name
