"""Schedule changes in a browser: the event page's section and badges, read and checked by axe.

The small schedule of ``changes_schedule.py`` is imported, changed and imported again into a
site under the conference theme; its event page and a person page are checked in light and
dark (axe-core, WCAG 2.2 A and AA), and the badges are read as a reader's browser shows them.
"""

from __future__ import annotations

import json

import pytest

from browser import axe_source, build_html, run_axe, serve
from changes_schedule import version1, version2
from sphinx_conference.cli.importers import import_schedule

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")

CONF = """project = "Changes test"
extensions = ["sphinx_conference"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
html_theme = "conference"
conference_today = "2031-05-02"
"""
EVENT = "events/2031/chgcon-2031/index.html"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory) -> str:
    base = tmp_path_factory.mktemp("changes-browser")
    src = base / "src"
    src.mkdir()
    (src / "conf.py").write_text(CONF, "utf-8")
    (src / "index.md").write_text("# Changes\n\nA changed schedule.\n", "utf-8")
    schedule = base / "chgcon.json"
    for data, day in ((version1(), "2031-04-01"), (version2(), "2031-05-01")):
        schedule.write_text(json.dumps(data), "utf-8")
        import_schedule(schedule, src / "events", date=day)
    with serve(build_html(src, base / "out")) as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def test_the_section_and_the_badges_read_as_text(page, base_url):
    page.goto(f"{base_url}{EVENT}")
    section = page.get_by_role("heading", name="Schedule changes")
    assert section.is_visible()
    items = page.locator(".conference-schedule-changes li").all_inner_texts()
    assert len(items) == 5
    # A block's own badges (the sessions around it carry theirs in its "around" list).
    block = page.locator("#session-chgcon-2031-machines-that-think")
    own = ".conference-changes .conference-change"
    assert block.locator(own).inner_text() == "Moved from 11:00, Room B"
    cancelled = page.locator(f"#session-chgcon-2031-orbits-by-hand {own}")
    assert cancelled.inner_text() == "Cancelled" and cancelled.is_visible()
    around = page.locator(".conference-around").get_by_text("Cancelled", exact=True)
    assert around.count() >= 1 and around.first.is_visible()
    link = page.get_by_role("link", name="Follow the changes (Atom feed)")
    assert link.get_attribute("href").endswith("_feeds/events/chgcon-2031.changes.atom.xml")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", [EVENT, "people/katherine-johnson.html"])
def test_axe_finds_no_violation(page, base_url, scheme, path):
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{base_url}{path}")
    violations = run_axe(page, axe_source())
    assert not violations, violations


def test_a_cancelled_pick_is_marked_in_my_agenda_and_overlaps_nothing(page, base_url):
    """A reader who picked a session that was then cancelled sees it marked on agenda.html,
    and it is not counted as overlapping another pick."""
    data = page.request.get(f"{base_url}_agenda/chgcon-2031.json").json()
    status = {s["id"]: s["status"] for s in data["sessions"]}
    cancelled = "chgcon-2031/orbits-by-hand"
    assert status[cancelled] == "cancelled"
    others = [sid for sid, st in status.items() if not st]
    assert others
    page.goto(f"{base_url}agenda.html#picks={cancelled},{','.join(others)}")
    view = page.locator(".conference-agenda-view")
    view.get_by_role("link", name="Orbits by hand").first.wait_for()
    pick = view.locator(".conference-agenda-pick", has_text="Orbits by hand")
    assert pick.locator(".conference-change-cancelled").inner_text() == "Cancelled"
    assert pick.locator(".conference-agenda-overlap").count() == 0
    assert view.locator(".conference-change-cancelled").count() == 1
    violations = run_axe(page, axe_source())
    assert not violations, violations
