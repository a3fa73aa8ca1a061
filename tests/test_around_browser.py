"""Around this session, in a browser: the lists show, their links land on the session they name.

The around root (two events that share speakers, a repeated talk) is built once and served
over HTTP; the page is read by what a reader sees and reaches (roles and accessible names).
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


def test_the_four_lists_show_under_a_session(page, base_url):
    page.goto(f"{base_url}events/spring.html")
    around = around_of(page, "spring-2024/rust")
    assert around.is_visible()
    assert around.locator("dt").all_inner_texts() == LABELS
    same_time = around.locator("dt:text-is('At the same time') + dd")
    assert "Typing Python" in same_time.inner_text()


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
