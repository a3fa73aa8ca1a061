"""People across events, end to end: importing, building and checking a site whose people recur.

A second schedule spells people differently (accents, case, spacing) or by an alias given
on their page; the importer maps them to the existing person page instead of making another,
the built person page lists both events and shows "Also known as".  Camp 2019's "mo" and
"Mo" stay two people.  ``check`` lists probable duplicates naming both files (advice, exit 0),
and an alias two people claim is a warning of the build and of ``check``, the same one.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from test_import_site import REAL, build, cli, new_site


def frab(acronym: str, day: str, talks: list[tuple[int, str, list[tuple[int, str]]]]) -> str:
    """A small frab/c3voc schedule JSON: ``talks`` are (id, title, [(person id, name)])."""
    events = [
        {
            "id": tid,
            "guid": f"00000000-0000-4000-8000-{tid:012d}",
            "date": f"{day}T{10 + n:02d}:00:00+02:00",
            "start": f"{10 + n:02d}:00",
            "duration": "00:45",
            "room": "Hall",
            "title": title,
            "type": "lecture",
            "language": "en",
            "persons": [{"id": pid, "public_name": name} for pid, name in persons],
        }
        for n, (tid, title, persons) in enumerate(talks)
    ]
    schedule = {
        "schedule": {
            "version": "1",
            "conference": {
                "acronym": acronym,
                "title": acronym.replace("-", " ").title(),
                "start": day,
                "end": day,
                "daysCount": 1,
                "time_zone_name": "Europe/Berlin",
                "days": [{"index": 1, "date": day, "rooms": {"Hall": events}}],
            },
        }
    }
    return json.dumps(schedule, ensure_ascii=False, indent=1)


FIRST = frab(
    "peoplecamp-2023",
    "2023-06-01",
    [
        (1, "Accents in names", [(11, "José Díaz")]),
        (2, "Engines", [(12, "Ada Lovelace"), (13, "Grace Hopper")]),
    ],
)
SECOND = frab(
    "peoplecamp-2024",
    "2024-06-01",
    [
        (21, "Accents again", [(31, "JOSE  DIAZ")]),  # case, accents and spacing
        (22, "Compilers", [(32, "Amazing Grace")]),  # an alias given on Grace's page
        (23, "Engines, ten years on", [(33, "ada lovelace"), (34, "Linus Example")]),
    ],
)


def people_pages(root: Path) -> list[str]:
    return sorted(p.stem for p in (root / "people").glob("*.md"))


@pytest.fixture(scope="module")
def site(module_tmp):
    root = new_site(module_tmp / "site")
    (root / "first.json").write_text(FIRST, "utf-8")
    (root / "second.json").write_text(SECOND, "utf-8")
    first = cli(root, "first.json")
    assert first.returncode == 0, first.stderr
    before = people_pages(root)
    grace = root / "people/grace-hopper.md"
    text = grace.read_text("utf-8")
    # a maintainer gives Grace another spelling (the page is then kept by later imports)
    grace.write_text(
        text.replace(":name: Grace Hopper\n", ":name: Grace Hopper\n:aliases: Amazing Grace\n")
    )
    second = cli(root, "second.json")
    return root, before, first, second, build(root)


def test_first_import_makes_one_page_per_person(site):
    _, before, first, _, _ = site
    assert before == ["ada-lovelace", "grace-hopper", "jose-diaz"]
    assert "3 new" in first.stdout


def test_other_spellings_and_aliases_map_to_the_existing_pages(site):
    root, _, _, second, _ = site
    assert second.returncode == 0, second.stderr
    # only Linus is new: no "jose-diaz-2", "amazing-grace" or "ada-lovelace-2"
    assert people_pages(root) == ["ada-lovelace", "grace-hopper", "jose-diaz", "linus-example"]
    assert "4 people (1 new, 3 with a page already)" in second.stdout
    assert "warning" not in second.stderr, second.stderr
    assert "3 people matched to a person of the site" in second.stdout
    assert "'JOSE DIAZ' -> jose-diaz (people/jose-diaz.md, name 'José Díaz')" in second.stdout
    assert "'Amazing Grace' -> grace-hopper (" in second.stdout
    event = next((root / "events").rglob("peoplecamp-2024/index.md")).read_text("utf-8")
    assert ":speakers: jose-diaz\n" in event
    assert ":speakers: grace-hopper\n" in event
    assert ":speakers: ada-lovelace, linus-example\n" in event
    # the existing pages are not rewritten by the second event's import
    assert ":name: José Díaz\n" in (root / "people/jose-diaz.md").read_text("utf-8")


def test_person_page_lists_both_events_and_the_aliases(site):
    root, _, _, _, result = site
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    jose = BeautifulSoup((root / "_build/people/jose-diaz.html").read_text("utf-8"), "lxml")
    sessions = jose.select_one(".conference-person-sessions").get_text(" ", strip=True)
    assert "Accents in names" in sessions and "Accents again" in sessions
    assert jose.select_one(".conference-aliases") is None  # no aliases, no line
    grace = BeautifulSoup((root / "_build/people/grace-hopper.html").read_text("utf-8"), "lxml")
    also = grace.select_one("#speaker-grace-hopper .conference-aliases")
    assert also is not None and also.name == "p"
    assert " ".join(also.get_text(" ", strip=True).split()) == "Also known as: Amazing Grace"
    sessions = grace.select_one(".conference-person-sessions").get_text(" ", strip=True)
    assert "Engines" in sessions and "Compilers" in sessions
    # and in its JSON-LD, as schema.org's alternateName
    data = [json.loads(tag.string) for tag in grace.select('script[type="application/ld+json"]')]
    person = next(d for d in data if d.get("@type") == "Person")
    assert person["alternateName"] == ["Amazing Grace"]
    # the aliases are on the page, so the site's search finds it by them ("amazing" stems to "amaz")
    assert '"amaz"' in (root / "_build/searchindex.js").read_text("utf-8")


def test_reimport_of_the_second_schedule_changes_nothing(site):
    root, *_ = site
    before = {p: p.read_bytes() for p in root.rglob("*.md") if "_build" not in p.parts}
    again = cli(root, "second.json")
    assert again.returncode == 0 and "0 written" in again.stdout, again.stdout
    after = {p: p.read_bytes() for p in root.rglob("*.md") if "_build" not in p.parts}
    assert after == before


# -- Camp 2019: "mo" and "Mo" are two people -----------------------------------------------

needs_camp = pytest.mark.skipif(
    not (REAL / "frab-camp2019.json").exists(),
    reason=f"the real schedules are not here ({REAL} is absent): "
    "they live in the shared folder beside the repository",
)


@needs_camp
def test_camp_2019_keeps_mo_and_mo_apart_and_check_only_advises(tmp_path):
    root = new_site(tmp_path / "camp")
    run = cli(root, str(REAL / "frab-camp2019.json"))
    assert run.returncode == 0, run.stderr
    mo = {p.stem: p.read_text("utf-8") for p in (root / "people").glob("mo*.md")}
    names = sorted(re.search(r"^:name: (.*)$", t, re.M).group(1) for t in mo.values())
    assert names == ["Mo", "mo"] and len(mo) == 2
    # the same import again: still two, on the same pages
    again = cli(root, str(REAL / "frab-camp2019.json"))
    assert again.returncode == 0 and "0 new" in again.stdout
    assert {p.stem for p in (root / "people").glob("mo*.md")} == set(mo)
    checked = cli(root, command="check")
    assert checked.returncode == 0, checked.stdout + checked.stderr  # advice only
    lines = [ln for ln in checked.stdout.splitlines() if "probable-duplicate" in ln]
    assert len(lines) == 1
    assert "people/mo.md:" in lines[0] and "people/mo-2.md:" in lines[0]


# -- check's probable duplicates, and alias conflicts in the build and check ---------------

PERSON = "# {name}\n\n:::{{speaker}} {pid}\n:name: {name}\n{extra}:::\n"


def write_person(root: Path, pid: str, name: str, extra: str = "") -> None:
    (root / "people").mkdir(exist_ok=True)
    (root / "people" / f"{pid}.md").write_text(
        PERSON.format(pid=pid, name=name, extra=extra), "utf-8"
    )


def test_check_lists_probable_duplicates_naming_both_files(tmp_path):
    root = new_site(tmp_path / "dupes")
    write_person(root, "jose-diaz", "José Díaz")
    write_person(root, "jose-diaz-2", "JOSE DIAZ")
    write_person(root, "jon-smith", "Jon Smith")
    write_person(root, "john-smith", "John Smith")
    write_person(root, "eve", "Eve Example")
    (root / "events").mkdir()
    (root / "events/ev.md").write_text(
        "# Ev\n\n:::{event} ev\n:name: Ev\n:start: 2024-01-01\n:::\n\n"
        ":::{session} ev/a\n:title: A\n:speakers: jon-smith, eve\n:::\n\n"
        ":::{session} ev/b\n:title: B\n:speakers: john-smith, eve\n:::\n",
        "utf-8",
    )
    run = cli(root, command="check")
    assert run.returncode == 0, run.stdout + run.stderr
    lines = sorted(ln for ln in run.stdout.splitlines() if "[conference.probable-duplicate]" in ln)
    assert len(lines) == 2, run.stdout
    same, similar = sorted(lines, key=lambda ln: "similar" in ln)
    # on the later file of the pair, naming the earlier one
    assert same.startswith("people/jose-diaz-2.md:3: probable duplicate")
    assert "(people/jose-diaz.md:3)" in same
    assert similar.startswith("people/jon-smith.md:3: ") and "people/john-smith.md:3" in similar
    assert "'eve'" in similar
    assert "2 probable duplicates of people (advice" in run.stderr
    # the build says nothing of them: advice is check's alone
    result = build(root)
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr


def test_alias_conflicts_are_the_same_warning_in_build_and_check(tmp_path):
    root = new_site(tmp_path / "aliases")
    write_person(root, "ada", "Ada Lovelace", ":aliases: The Countess\n")
    write_person(root, "byron", "Ada Byron", ":aliases: the countess, ADA LOVELACE\n")
    result = build(root)
    assert result.returncode != 0  # -W: the warnings fail the build
    built = sorted(
        ln.split("WARNING: ", 1)[1]
        for ln in result.stderr.splitlines()
        if "[conference.alias]" in ln and "people/byron.md:5: WARNING: " in ln
    )
    run = cli(root, command="check")
    assert run.returncode == 1
    checked = sorted(
        ln.split(": ", 1)[1]
        for ln in run.stdout.splitlines()
        if ln.startswith("people/byron.md:5: ") and "[conference.alias]" in ln
    )
    assert len(built) == 2 and built == checked
    assert any("'the countess' is also an alias of 'ada' (people/ada.md:3)" in w for w in built)
    assert any("'ADA LOVELACE' is the name of another person, 'ada'" in w for w in built)


def test_an_incremental_build_follows_an_alias_edit(tmp_path):
    root = new_site(tmp_path / "edit")
    write_person(root, "ada", "Ada Lovelace")
    write_person(root, "byron", "Ada Byron", ":aliases: Ada Lovelace\n")
    first = build(root)
    assert "people/byron.md:5: WARNING: " in first.stderr and "[conference.alias]" in first.stderr
    write_person(root, "byron", "Ada Byron", ":aliases: Lady Byron\n")
    second = build(root)  # the same output folder: an incremental build
    assert second.returncode == 0 and "WARNING" not in second.stderr, second.stderr
    page = BeautifulSoup((root / "_build/people/byron.html").read_text("utf-8"), "lxml")
    assert page.select_one(".conference-aliases").get_text(" ", strip=True).endswith("Lady Byron")
