"""The time-zone switch in a real browser (issue 19).

The schedule root (an event in Europe/Prague) is built once and served over HTTP;
Debian's chromium runs in browser contexts whose zone differs from the event's.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from browser import CHROMIUM, CHROMIUM_ARGS, serve
from conftest import ROOTS

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")

EVENT = "events/devconf/index.html"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory) -> str:
    base = tmp_path_factory.mktemp("tz-theme")
    src = base / "src"
    shutil.copytree(ROOTS / "test-schedule", src)
    out = base / "out"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(src), str(out)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    with serve(out) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser):
    ctx = browser.new_context(
        timezone_id="America/New_York", viewport={"width": 1280, "height": 900}
    )
    yield ctx
    ctx.close()


def texts(page, selector: str) -> list[str]:
    return page.locator(selector).all_inner_texts()


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
    finally:
        ctx.close()


def test_no_time_zone_switch_where_no_time_shows(context, base_url):
    page = context.new_page()
    page.goto(base_url + "archive/events.html")
    assert page.locator("time").count() > 0
    assert page.get_by_label("Time zone").count() == 0
