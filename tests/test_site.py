"""The real site: builds cleanly with -W, serially and with -j 2, and shows the seed content."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, copy_site, sphinx_build

SPEAKERS = {
    "david-charboneau": ("David Charboneau", "CTO · Mimoto"),
    "nicki-watt": ("Nicki Watt", "Chief Technical Officer, CEO & Company Director · OpenCredo"),
    "matt-turner": ("Matt Turner", "Software Engineer · Tetrate"),
    "matt-yonkovit": ("Matt Yonkovit", "Head of Open Source Strategy · Scarf"),
    "jimmy-wales": ("Jimmy Wales", "Founder · Wikipedia"),
    "thomas-meadows": ("Thomas Meadows", "Solutions Engineer · Jetstack"),
}
TRACKS = [
    "Platform Engineering",
    "Entrepreneurship",
    "Security",
    "Government, Law and Policy",
    "Open Data",
    "Open Hardware",
]


@pytest.fixture(scope="module")
def site(module_tmp):
    src = copy_site(module_tmp / "src") if (module_tmp / "src").mkdir() is None else None
    out = module_tmp / "html"
    result = sphinx_build(src, out)
    return src, out, result


def page(out: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((out / f"{name}.html").read_text("utf-8"), "lxml")


def test_site_builds_with_w_and_no_warnings(site):
    _, _, result = site
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr


def test_event_shows_facts_tracks_sessions_and_speakers(site):
    _, out, _ = site
    event = page(out, "events/2023/soocon-2023")
    block = event.find(id="event-soocon-2023")
    text = block.get_text(" ", strip=True)
    # the dates are <time> elements: their text reads as one
    assert "7–8 February 2023" in block.get_text() and "QEII Centre, London, GB" in text
    assert [t.get_text() for t in block.select(".conference-track")] == TRACKS
    sessions = event.select(".conference-session")
    assert len(sessions) == 6
    cards = event.select(".conference-speaker-card")
    assert sorted(c.find(class_="conference-name").get_text(strip=True) for c in cards) == sorted(
        name for name, _ in SPEAKERS.values()
    )
    bonus = event.find(id="session-soocon-2023-why-am-i-here")
    assert "Lightning" in bonus.find(class_="conference-facts").get_text()


def test_every_person_has_a_page_with_a_card(site):
    _, out, _ = site
    for pid, (name, role) in {
        **SPEAKERS,
        "albane-tonnellier": ("Albane Tonnellier", "Product Marketing Manager · Qovery"),
    }.items():
        card = page(out, f"people/{pid}").find(id=f"speaker-{pid}")
        assert card.find(class_="conference-name").get_text(strip=True) == name
        assert card.find(class_="conference-role").get_text(strip=True) == role


def test_post_links_every_session_and_speaker(site):
    _, out, _ = site
    post = page(out, "posts/2023/soocon-2023-six-sessions")
    hrefs = {a["href"] for a in post.select("main a.reference.internal")}
    for pid in SPEAKERS:
        assert f"../../people/{pid}.html#speaker-{pid}" in hrefs
    sessions = {h for h in hrefs if "#session-soocon-2023-" in h}
    assert len(sessions) == 6
    assert (
        post.find(class_="conference-byline").find(class_="conference-name").get_text(strip=True)
        == "Albane Tonnellier"
    )


def test_build_writes_nothing_into_the_source_tree(site):
    src, _, _ = site
    assert not (src / "_tags").exists()
    assert not (src / "_build").exists()


def test_build_of_the_repository_leaves_git_status_unchanged(module_tmp):
    def status():
        return subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=all"],
            cwd=REPO,
            capture_output=True,
            text=True,
        )

    before = status()
    if before.returncode != 0:
        pytest.skip("not a git checkout")
    out = module_tmp / "repo-html"
    result = sphinx_build(REPO, out, "-d", str(module_tmp / "repo-doctrees"))
    assert result.returncode == 0, result.stderr
    assert status().stdout == before.stdout


def test_parallel_build_matches_serial(site, module_tmp):
    src, out, _ = site
    par = module_tmp / "html-j2"
    result = sphinx_build(src, par, "-j", "2")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert "serial" not in (result.stdout + result.stderr).lower()
    for name in (
        "events/2023/soocon-2023",
        "posts/2023/soocon-2023-six-sessions",
        "people/index",
        "index",
    ):
        assert page(par, name).find("main") == page(out, name).find("main"), name
    # The outputs made with the pages (social images, calendars and schedules, written as the
    # main process resolves each page while a writer process writes the pages before) are the
    # same files with the same bytes.
    for folder in ("_social", "_calendars", "_schedule"):
        serial = {
            p.relative_to(out): p.read_bytes() for p in (out / folder).rglob("*") if p.is_file()
        }
        parallel = {
            p.relative_to(par): p.read_bytes() for p in (par / folder).rglob("*") if p.is_file()
        }
        assert serial, folder
        assert parallel.keys() == serial.keys(), folder
        assert parallel == serial, folder


def test_rebuild_without_changes_succeeds(site, module_tmp):
    # A second build with nothing to re-write still generates tag pages and archives.
    src, _, _ = site
    again = module_tmp / "html-again"
    for _ in range(2):
        result = sphinx_build(src, again)
        assert result.returncode == 0, result.stderr
    assert "no targets are out of date" in result.stdout
    assert (again / "_tags" / "platform-engineering.html").exists()
    assert page(again, "archive/index").find("h1") is not None
