"""Around this session, in a browser: the lists show, their links land on the session they name.

The around root (two events that share speakers, a repeated talk) is built once and served
over HTTP; the page is read by what a reader sees and reaches (roles and accessible names).
The lists are drawn by conference-agenda.js from the events' data files
(tests/test_around_pages.py checks those): their texts, times and links are checked here.
"""

from __future__ import annotations

import shutil

import pytest

from browser import axe_source, build_html, run_axe, serve
from conftest import ROOTS

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")

LABELS = ["At the same time", "Next in this room", "More by these speakers", "Also given at"]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory) -> str:
    base = tmp_path_factory.mktemp("around-browser")
    src = base / "src"
    shutil.copytree(ROOTS / "test-around", src)
    with serve(build_html(src, base / "out")) as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def around_of(page, sid: str):
    """The around list under the session block ``sid``."""
    return page.locator(f"#session-{sid.replace('/', '-')} .conference-around")


def items(around, label: str) -> list[str]:
    """The texts of the items under ``label`` (one paragraph each), once the script drew them."""
    around.locator("dt").first.wait_for()
    texts = around.locator(f"dt:text-is('{label}') + dd p").all_inner_texts()
    return [" ".join(t.split()) for t in texts]


def hrefs(around, label: str) -> list[str]:
    return [a.get_attribute("href") for a in around.locator(f"dt:text-is('{label}') + dd a").all()]


def test_the_four_lists_show_under_a_session(page, base_url):
    page.goto(f"{base_url}events/spring.html")
    around = around_of(page, "spring-2024/rust")
    around.wait_for()
    assert around.is_visible()
    assert around.locator("dt").all_inner_texts() == LABELS
    # the same event, overlapping: its time (event time, with its offset) and room
    assert items(around, "At the same time") == ["10:30–11:00 Typing Python (hall b)"]
    times = around.locator("dt:text-is('At the same time') + dd time")
    assert [times.nth(i).get_attribute("datetime") for i in range(times.count())] == [
        "2024-05-10T10:30+02:00",
        "2024-05-10T11:00+02:00",
    ]
    assert hrefs(around, "At the same time") == ["#session-spring-2024-typing"]
    # the next in "Hall A" is on the next day: the day is said
    assert items(around, "Next in this room") == ["Sat 11 May 2024, 09:00–09:30 Closing words"]
    # across events, newest first, each with its event
    assert items(around, "More by these speakers") == [
        "Rust in Production, Autumn Conf 2025",
        "A talk to be announced, Spring Conf 2024",
    ]
    assert hrefs(around, "More by these speakers") == [
        "autumn.html#session-autumn-2025-panel",  # relative, as the pages write links
        "#session-spring-2024-tba",
    ]
    assert items(around, "Also given at") == ["Autumn Conf 2025"]
    # no heading, no landmark, not searched
    assert around.locator("h1, h2, h3, h4, h5, h6, nav, aside, section").count() == 0
    assert "no-search" in around.get_attribute("class")


def test_a_session_on_its_own_page_and_one_without_a_time(page, base_url):
    page.goto(f"{base_url}events/autumn-workshop.html")
    around = around_of(page, "autumn-2025/workshop")
    around.wait_for()
    assert around.locator("dt").all_inner_texts() == ["More by these speakers"]
    assert items(around, "More by these speakers") == ["Typing Python, Spring Conf 2024"]
    page.goto(f"{base_url}events/spring.html")
    tba = around_of(page, "spring-2024/tba")
    tba.wait_for()
    assert tba.locator("dt").all_inner_texts() == ["More by these speakers"]


def test_the_lists_follow_the_time_zone_switch(browser, base_url):
    context = browser.new_context(timezone_id="America/New_York")
    try:
        page = context.new_page()
        page.goto(f"{base_url}events/spring.html")
        around = around_of(page, "spring-2024/rust")
        assert items(around, "At the same time") == ["10:30–11:00 Typing Python (hall b)"]
        page.get_by_label("Time zone").select_option(label="My time")
        assert items(around, "At the same time") == ["04:30–05:00 Typing Python (hall b)"]
        # the day, where the reader's is not the event's: 09:00 in Berlin is 03:00 there
        assert items(around, "Next in this room") == ["Sat 11 May 2024, 03:00–03:30 Closing words"]
        # remembered: on the next page the lists come in the reader's zone from the start
        page.goto(f"{base_url}events/autumn.html")
        assert items(around_of(page, "autumn-2025/rust"), "At the same time") == [
            "06:00–07:00 Rust in Production (Hall C)"
        ]
        page.get_by_label("Time zone").select_option(label="Event time")
        assert items(around_of(page, "autumn-2025/rust"), "At the same time") == [
            "11:00–12:00 Rust in Production (Hall C)"
        ]
    finally:
        context.close()


def test_without_javascript_the_page_reads_in_full(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{base_url}events/spring.html")
        block = page.locator("#session-spring-2024-rust")
        assert "Rust in Production" in block.inner_text()
        assert page.locator(".conference-around").count() == 0
    finally:
        context.close()


@pytest.mark.parametrize(
    ("label", "title", "path"),
    [
        ("Also given at", "Rust in production!", "events/autumn.html"),  # same talk, retitled
        ("Next in this room", "Closing words", "events/spring.html"),
    ],
)
def test_a_link_lands_on_the_session_it_names(page, base_url, label, title, path):
    page.goto(f"{base_url}events/spring.html")
    item = around_of(page, "spring-2024/rust").locator(f"dt:text-is('{label}') + dd")
    item.get_by_role("link").first.click()
    page.wait_for_load_state("load")
    assert page.url.split("#")[0] == f"{base_url}{path}"
    target = page.locator(f"[id='{page.url.split('#')[1]}']")
    assert target.is_visible()
    assert title in target.locator(".conference-heading, h2, h3").first.inner_text()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_on_the_event_page(page, base_url, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{base_url}events/spring.html")
    violations = run_axe(page, axe_source())
    assert not violations, violations


def test_without_the_agenda_the_lists_still_show(browser, tmp_path):
    """``conference_agenda`` off: the script draws the lists, and no agenda button."""
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-around", src)
    with serve(build_html(src, tmp_path / "out", "-D", "conference_agenda=0")) as url:
        context = browser.new_context()
        try:
            page = context.new_page()
            page.goto(f"{url}events/spring.html")
            around = around_of(page, "spring-2024/rust")
            assert items(around, "Also given at") == ["Autumn Conf 2025"]
            assert around.locator("dt").all_inner_texts() == LABELS
            assert page.get_by_role("button", name="Add to my agenda").count() == 0
        finally:
            context.close()
