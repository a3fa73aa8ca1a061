"""A statistics page in a browser: its charts show at phone and desktop widths, inside the page,
and axe finds no violation, light and dark."""

from __future__ import annotations

import shutil

import pytest

from browser import axe_source, build_html, run_axe, serve
from conftest import ROOTS

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def base_url(tmp_path_factory) -> str:
    base = tmp_path_factory.mktemp("statistics-browser")
    src = base / "src"
    shutil.copytree(ROOTS / "test-statistics", src)
    with serve(build_html(src, base / "out")) as url:
        yield url


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 900)])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_statistics_page(browser, base_url, scheme, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.emulate_media(color_scheme=scheme)
        page.goto(f"{base_url}statistics/conf-2022.html")
        charts = page.get_by_role("img", name="Sessions by track")
        assert charts.count() == 1 and charts.is_visible()
        box = charts.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width  # never wider than the screen
        # the page does not scroll sideways
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        # the bars take the theme's accent colour, not black (the CSS variables reach the SVG)
        fill = page.locator(".conference-chart-bar").first.evaluate("e => getComputedStyle(e).fill")
        assert fill not in {"rgb(0, 0, 0)", "none", ""}
        violations = run_axe(page, axe_source())
        assert not violations, violations
    finally:
        context.close()
