"""The time-zone switch and the theme's light / dark / auto switch in a real browser (issue 19).

The schedule root (an event in Europe/Prague) is built once and served over HTTP;
Debian's chromium runs in browser contexts whose zone differs from the event's.
"""

from __future__ import annotations

import shutil

import pytest

from browser import axe_source, build_html, run_axe, serve
from conftest import ROOTS

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")

EVENT = "events/devconf/index.html"
HOME = "index.html"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory) -> str:
    base = tmp_path_factory.mktemp("tz-theme")
    src = base / "src"
    shutil.copytree(ROOTS / "test-schedule", src)
    with serve(build_html(src, base / "out")) as url:
        yield url


@pytest.fixture
def context(browser):
    ctx = browser.new_context(
        timezone_id="America/New_York", viewport={"width": 1280, "height": 900}
    )
    yield ctx
    ctx.close()


def texts(page, selector: str) -> list[str]:
    return page.locator(selector).all_inner_texts()


def luminance(rgb: str) -> float:
    r, g, b = (int(x) for x in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


# -- time zones -------------------------------------------------------------------------


def test_time_zone_switch_shows_my_time_and_says_which_zone(context, base_url):
    page = context.new_page()
    page.goto(base_url + EVENT)
    switch = page.get_by_label("Time zone")
    status = page.locator(".conference-tz-switch").get_by_role("status")
    # default: event time, as built, and says so
    assert switch.input_value() == "event"
    assert status.inner_text() == "Times in Europe/Prague (event time)"
    assert texts(page, ".conference-grid-time")[:3] == ["09:00", "10:00", "11:00"]
    fact = page.locator("#session-devconf-2024-supply-chain .conference-fact").nth(2)
    assert fact.inner_text().endswith("Wed 15 May 2024, 10:00–10:30 (Europe/Prague)")

    switch.select_option(label="My time")
    assert status.inner_text() == "Times in your zone, America/New_York"
    # 09:00 in Prague (+02:00) is 03:00 in New York (-04:00)
    assert texts(page, ".conference-grid-time")[:3] == ["03:00", "04:00", "05:00"]
    assert fact.inner_text().endswith("Wed 15 May 2024, 04:00–04:30 (America/New_York)")
    assert (
        texts(page, ".conference-timezone-note")[0] == "Times are in your zone, America/New_York."
    )
    agenda = texts(page, ".conference-agenda-time")
    assert agenda and agenda[0].startswith("03:00–03:45")
    # dates without a time stay as they are
    assert page.locator("#day-2024-05-15").inner_text().startswith("Wednesday 15 May 2024")

    # remembered after a reload
    page.reload()
    switch = page.get_by_label("Time zone")
    assert switch.input_value() == "local"
    assert page.locator(".conference-tz-switch").get_by_role("status").inner_text() == (
        "Times in your zone, America/New_York"
    )
    assert texts(page, ".conference-grid-time")[0] == "03:00"

    switch.select_option(label="Event time")
    assert texts(page, ".conference-grid-time")[:3] == ["09:00", "10:00", "11:00"]
    assert fact.inner_text().endswith("(Europe/Prague)")
    assert texts(page, ".conference-timezone-note")[0] == "Times are in Europe/Prague."


def test_a_time_on_another_day_names_the_day(browser, base_url):
    ctx = browser.new_context(timezone_id="Pacific/Auckland")
    try:
        page = ctx.new_page()
        page.goto(base_url + EVENT)
        page.get_by_label("Time zone").select_option(label="My time")
        # 14:00 on 16 May in Prague is midnight on the 17th in Auckland (+12:00)
        assert "00:00 (Fri 17 May)" in texts(page, ".conference-grid-time")
        assert page.locator(".conference-tz-switch").get_by_role("status").inner_text() == (
            "Times in your zone, Pacific/Auckland"
        )
    finally:
        ctx.close()


def test_without_javascript_times_read_in_event_time(browser, base_url):
    ctx = browser.new_context(java_script_enabled=False, timezone_id="America/New_York")
    try:
        page = ctx.new_page()
        page.goto(base_url + EVENT)
        assert page.get_by_label("Time zone").count() == 0
        assert texts(page, ".conference-grid-time")[0] == "09:00"
        # the theme switch needs JavaScript too: hidden
        assert page.locator(".theme-switch").is_hidden()
    finally:
        ctx.close()


def test_no_time_zone_switch_where_no_time_shows(context, base_url):
    page = context.new_page()
    page.goto(base_url + "archive/events.html")
    assert page.locator("time").count() > 0
    assert page.get_by_label("Time zone").count() == 0


# -- the theme --------------------------------------------------------------------------


def background(page) -> str:
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


def test_dark_switch_is_remembered_and_auto_follows_the_system(context, base_url):
    page = context.new_page()
    page.emulate_media(color_scheme="light")
    page.goto(base_url + HOME)
    switch = page.get_by_label("Theme")
    assert switch.input_value() == "auto"
    assert page.evaluate("document.documentElement.dataset.theme") == "auto"
    assert background(page) == "rgb(255, 255, 255)"

    # keyboard: focus the switch and choose "Dark"
    switch.focus()
    switch.select_option(label="Dark")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert luminance(background(page)) < 0.2

    page.reload()
    assert page.get_by_label("Theme").input_value() == "dark"
    assert luminance(background(page)) < 0.2
    assert page.evaluate("localStorage.getItem('conference-theme')") == "dark"

    page.get_by_label("Theme").select_option(label="Light")
    page.emulate_media(color_scheme="dark")
    assert background(page) == "rgb(255, 255, 255)"

    page.get_by_label("Theme").select_option(label="Auto")
    assert luminance(background(page)) < 0.2
    page.emulate_media(color_scheme="light")
    assert background(page) == "rgb(255, 255, 255)"


def test_theme_is_applied_before_the_body_is_parsed(context, base_url):
    page = context.new_page()
    page.add_init_script("localStorage.setItem('conference-theme', 'dark')")
    # what the first script of the body sees: the choice is already applied
    seen = []
    page.on("console", lambda m: seen.append(m.text))
    probe = (
        "<body><script>console.log(document.documentElement.dataset.theme + ' '"
        " + getComputedStyle(document.documentElement).getPropertyValue('--c-bg'))</script>"
    )

    def add_probe(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace("<body>", probe, 1))

    page.route("**/index.html", add_probe)
    page.goto(base_url + HOME)
    assert seen and seen[0].split()[0] == "dark" and seen[0].split()[1] != "#ffffff"


def test_favicon_is_linked_and_served(context, base_url):
    page = context.new_page()
    page.goto(base_url + EVENT)
    href = page.locator("link[rel=icon]").get_attribute("href")
    assert href.endswith("_static/conference-favicon.svg")
    response = page.request.get(page.evaluate("document.querySelector('link[rel=icon]').href"))
    assert response.ok and b"<svg" in response.body()


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("path", [EVENT, HOME])
def test_axe_finds_no_violation_with_the_switches(context, base_url, path, theme):
    page = context.new_page()
    page.goto(base_url + path)
    page.get_by_label("Theme").select_option(theme)
    if path == EVENT:
        page.get_by_label("Time zone").select_option(label="My time")
        assert page.locator(".conference-tz-switch").is_visible()
    violations = run_axe(page, axe_source())
    assert not violations, "\n".join(f"{v['id']}: {v['help']} {v['nodes']}" for v in violations)
