"""The reader's experience in a real browser: accessibility, responsiveness, filters, schedule.

Each site is built once per session and served over HTTP; one chromium serves
every test.  Screenshots of each page type at 375 and 1280 px go to
``_build/screenshots/`` (or ``$CONFERENCE_SCREENSHOTS``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from browser import SCREENSHOTS, run_axe, serve
from conftest import ROOTS, copy_site

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")

#: page type -> (site, path); a page type not built yet on this branch is skipped.
PAGES = {
    "home": ("site", "index.html"),
    "post": ("site", "posts/2023/soocon-2023-six-sessions.html"),
    "event": ("site", "events/2023/soocon-2023.html"),
    "person": ("site", "people/nicki-watt.html"),
    "people": ("site", "people/index.html"),
    "tag": ("site", "_tags/platform-engineering.html"),
    "tag-index": ("site", "_tags/tagsindex.html"),
    "posts": ("site", "posts/index.html"),
    "archive": ("site", "archive/index.html"),
    "archive-year": ("site", "archive/2025.html"),
    "archive-author": ("site", "archive/authors/albane-tonnellier.html"),
    "archive-events": ("site", "archive/events.html"),
    "series": ("site", "series/soocon.html"),
    "series-index": ("site", "series/index.html"),
    "search": ("site", "search.html"),
    "schedule": ("schedule", "events/devconf/index.html"),
    "session": ("schedule", "events/devconf/keynote.html"),
    "speaker": ("schedule", "people/grace-hopper.html"),
}
WIDTHS = (375, 1280)
SCHEDULE = "schedule/events/devconf/index.html"


@pytest.fixture(scope="session")
def sites(tmp_path_factory) -> Path:
    """The real site and the schedule root, built in parallel into one served folder."""
    base = tmp_path_factory.mktemp("browser")
    site_src = base / "site-src"
    site_src.mkdir()
    copy_site(site_src)
    schedule_src = base / "schedule-src"
    shutil.copytree(ROOTS / "test-schedule", schedule_src)
    out = base / "out"
    builds = [
        subprocess.Popen(
            [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(src), str(out / name)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name, src in (("site", site_src), ("schedule", schedule_src))
    ]
    for proc in builds:
        _, err = proc.communicate()
        assert proc.returncode == 0, err
    return out


@pytest.fixture(scope="session")
def base_url(sites) -> str:
    with serve(sites) as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    yield pg
    context.close()


def open_page(page, base_url: str, sites: Path, kind: str):
    site, path = PAGES[kind]
    if not (sites / site / path).exists():
        pytest.skip(f"no {kind} page ({site}/{path}) is built on this branch")
    page.goto(f"{base_url}{site}/{path}")
    page.wait_for_load_state("load")
    return page


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        lines.extend(f"    {n['target']}: {n['summary']}" for n in v["nodes"])
    return "\n".join(lines)


# -- accessibility ----------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", list(PAGES))
def test_axe_finds_no_wcag_violation(page, base_url, sites, axe, kind, scheme):
    page.emulate_media(color_scheme=scheme)
    open_page(page, base_url, sites, kind)
    assert page.evaluate(f"matchMedia('(prefers-color-scheme: {scheme})').matches")
    violations = run_axe(page, axe)
    assert not violations, f"{kind} ({scheme}):\n{describe(violations)}"


def test_dark_mode_changes_the_colours(page, base_url, sites):
    colours = {}
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        open_page(page, base_url, sites, "post")
        colours[scheme] = page.evaluate(
            "[getComputedStyle(document.body).backgroundColor,"
            " getComputedStyle(document.querySelector('.sd-card')).backgroundColor]"
        )
    assert colours["light"][0] == "rgb(255, 255, 255)"
    assert colours["dark"][0] != colours["light"][0]
    assert colours["dark"][1] != colours["light"][1]


def test_keyboard_reaches_every_control_with_visible_focus(page, base_url, sites):
    open_page(page, base_url, sites, "schedule")
    controls = page.evaluate(
        "Array.from(document.querySelectorAll('a[href], input, select, button'))"
        ".filter(e => e.offsetParent !== null || getComputedStyle(e).position === 'fixed').length"
    )
    reached = set()
    unstyled = []
    for _ in range(controls + 5):
        page.keyboard.press("Tab")
        info = page.evaluate(
            """() => {
                const e = document.activeElement;
                if (!e || e === document.body) return null;
                const s = getComputedStyle(e);
                const path = [];
                for (let n = e; n && n !== document.body; n = n.parentElement) {
                    path.unshift(n.tagName + ':' + Array.from(n.parentElement.children).indexOf(n));
                }
                return {path: path.join('/'), outline: s.outlineStyle, width: parseFloat(s.outlineWidth),
                        matches: e.matches(':focus-visible')};
            }"""
        )
        if info is None:
            continue
        reached.add(info["path"])
        if not (info["matches"] and info["outline"] != "none" and info["width"] >= 2):
            unstyled.append(info["path"])
    # the skip link is reachable too, though hidden until focused
    assert len(reached) >= controls, f"reached {len(reached)} of {controls} controls by Tab"
    assert not unstyled, f"focus not visible on: {unstyled[:5]}"


def test_images_have_alt_text_and_links_have_names(page, base_url, sites):
    for kind in ("person", "post", "speaker", "schedule"):
        open_page(page, base_url, sites, kind)
        missing_alt = page.evaluate(
            "Array.from(document.images).filter(i => !i.getAttribute('alt')).map(i => i.src)"
        )
        assert not missing_alt, f"{kind}: images without alt: {missing_alt}"
        nameless = page.evaluate(
            """Array.from(document.querySelectorAll('a.conference-speaker, a.conference-link'))
                 .filter(a => !(a.textContent.trim()
                     || (a.querySelector('[aria-label]') || {getAttribute: () => ''}).getAttribute('aria-label')))
                 .map(a => a.outerHTML.slice(0, 80))"""
        )
        assert not nameless, f"{kind}: links without a name: {nameless}"
    # icon-only links are named by their icon's label
    open_page(page, base_url, sites, "speaker")
    assert page.get_by_role("link", name="Mastodon of Grace Hopper").count() == 1


# -- responsive -------------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", list(PAGES))
def test_no_sideways_scroll_and_screenshot(browser, base_url, sites, kind, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        pg = context.new_page()
        open_page(pg, base_url, sites, kind)
        scroll, inner = pg.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        pg.screenshot(path=str(SCREENSHOTS / f"{kind}-{width}.png"), full_page=True)
        assert scroll <= inner, f"{kind} at {width}px scrolls sideways: {scroll} > {inner}"
    finally:
        context.close()


def test_speaker_cards_reflow(browser, base_url, sites):
    lefts = {}
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 800})
        pg = context.new_page()
        open_page(pg, base_url, sites, "people")
        lefts[width] = pg.evaluate(
            "Array.from(document.querySelectorAll('.conference-speaker-card')).map(c => Math.round(c.getBoundingClientRect().left))"
        )
        context.close()
    assert len(set(lefts[375])) == 1, "one column of cards on a phone"
    assert len(set(lefts[1280])) >= 2, "cards side by side on a wide screen"


def test_schedule_is_a_grid_when_wide_and_a_list_when_narrow(browser, base_url, sites):
    seen = {}
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 800})
        pg = context.new_page()
        pg.goto(base_url + SCHEDULE)
        seen[width] = pg.evaluate(
            """() => {
                const t = document.querySelector('table.conference-grid');
                const cells = Array.from(t.querySelectorAll('tbody tr:nth-child(2) > td'));
                return {display: getComputedStyle(t).display,
                        tops: cells.map(c => Math.round(c.getBoundingClientRect().top)),
                        where: getComputedStyle(t.querySelector('.conference-grid-where')).display,
                        head: t.querySelector('thead').getBoundingClientRect().height};
            }"""
        )
        context.close()
    wide, narrow = seen[1280], seen[375]
    assert wide["display"] == "table" and len(set(wide["tops"])) == 1 and wide["where"] == "none"
    assert (
        narrow["display"] == "block"
        and len(set(narrow["tops"])) == 2
        and narrow["where"] == "block"
    )
    assert narrow["head"] <= 1


# -- filtering --------------------------------------------------------------------------


def visible_titles(pg, list_index: int = 0) -> list[str]:
    return pg.evaluate(
        """(i) => {
            const list = document.querySelectorAll('.conference-session-list')[i];
            return Array.from(list.querySelectorAll('.conference-filter-item'))
                .filter(e => e.offsetParent !== null)
                .map(e => e.querySelector('a').textContent.trim());
        }""",
        list_index,
    )


def test_filter_by_track_tag_type_and_text_kept_in_url(page, base_url):
    page.goto(base_url + SCHEDULE)
    grid = page.locator(".conference-session-list").first
    status = grid.get_by_role("status")
    assert status.inner_text() == "Showing 7 of 7 sessions"
    assert len(visible_titles(page)) == 7

    grid.get_by_label("Track").select_option("security")
    assert sorted(visible_titles(page)) == ["Fuzzing for Everyone", "Securing the Supply Chain"]
    assert status.inner_text() == "Showing 2 of 7 sessions"
    assert parse_qs(urlsplit(page.url).query) == {"track": ["security"]}
    # the second day has no security session: its grid is hidden
    assert not page.locator("#day-2024-05-16").is_visible()

    grid.get_by_label("Tag").select_option("testing")
    assert visible_titles(page) == ["Fuzzing for Everyone"]
    grid.get_by_label("Track").select_option("")
    grid.get_by_label("Tag").select_option("")
    grid.get_by_label("Type").select_option("workshop")
    assert visible_titles(page) == ["Data Pipelines That Do Not Break"]
    grid.get_by_label("Type").select_option("")

    grid.get_by_label("Search sessions").fill("sql")
    assert visible_titles(page) == ["SQL Is Not Dead"]
    assert parse_qs(urlsplit(page.url).query) == {"q": ["sql"]}
    grid.get_by_role("button", name="Show all").click()
    assert len(visible_titles(page)) == 7 and urlsplit(page.url).query == ""


def test_filter_state_is_read_from_a_shared_url(page, base_url):
    page.goto(base_url + SCHEDULE + "?type=talk&q=supply")
    grid = page.locator(".conference-session-list").first
    assert visible_titles(page) == ["Securing the Supply Chain"]
    assert grid.get_by_label("Type").input_value() == "talk"
    assert grid.get_by_label("Search sessions").input_value() == "supply"
    # other lists of the page use their own, prefixed parameters
    assert len(visible_titles(page, 1)) == 7
    page.goto(base_url + SCHEDULE + "?2-track=data")
    assert len(visible_titles(page, 0)) == 7
    assert sorted(visible_titles(page, 1)) == [
        "Data Pipelines That Do Not Break",
        "SQL Is Not Dead",
    ]


def test_without_javascript_every_session_shows(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        pg = context.new_page()
        pg.goto(base_url + SCHEDULE + "?track=security")
        assert pg.locator(".conference-filter-form").count() == 0
        assert len(visible_titles(pg)) == 7
        assert pg.locator(".conference-filter").first.is_hidden()
    finally:
        context.close()
