"""Printing an event's programme (issue 19, item 5), in Debian's chromium.

The ``schedule`` root's DevConf 2024 (two days, a grid, an agenda and cards grouped by
track), with two additions in the test's copy: a paragraph with an outside link, and six
more rooms on the second day whose session titles hold a word too long for a column, so
the grid's second day is eight rooms wide.  The page is printed to an A4 landscape PDF
(read with pypdf): one day per page, every title in the text, the outside link's address
printed, none of the site's chrome or the reader's controls; laid out at the printable
width with print media emulated, nothing passes the right edge.
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest

from browser import build_html, serve
from conftest import ROOTS

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")
pypdf = pytest.importorskip("pypdf")

EVENT = "events/devconf/index.html"
#: A4 landscape less the conference theme's 12 mm margins (``@page``), in CSS px (96 a inch).
PRINTABLE_WIDTH = round((297 - 2 * 12) / 25.4 * 96)  # 1032
DAYS = ("Wednesday 15 May 2024", "Thursday 16 May 2024")
WIDE_ROOMS = [f"Room {c}" for c in "CDEFGH"]
LONG_WORD = "Supercalifragilisticexpialidociousobservability"
TRAVEL = "https://venue.example.org/travel"
SLIDES = "https://slides.example.org/wide-"
TITLES = [
    "Opening Keynote: The Next Ten Years of Open Source",
    "Securing the Supply Chain",
    "Data Pipelines That Do Not Break",
    "Fuzzing for Everyone",
    "Growing New Maintainers",
    "SQL Is Not Dead",
    "Lightning Talks",
    *(f"{LONG_WORD} in {room}" for room in WIDE_ROOMS),
]
#: The site's chrome and the reader's controls, as the conference theme and the scripts make them.
CHROME = [
    ".skip-link",
    ".site-header",
    ".site-nav",
    ".site-search",
    ".theme-switch",
    ".breadcrumbs",
    ".site-footer",
    ".conference-filter-form",
    ".conference-tz-switch",
    ".conference-agenda-actions",
    ".conference-jump",
    ".conference-calendar",
]
#: While the first day runs (event time), so that "Jump to now" shows.
NOW = "?now=2024-05-15T10:15"


def wide_sessions() -> str:
    return "".join(
        f"\n:::{{session}} devconf-2024/wide-{i}\n:title: {LONG_WORD} in {room}\n"
        f":type: talk\n:start: 2024-05-16 15:00\n:duration: 30\n:room: {room}\n"
        f":slides: {SLIDES}{i}\n\n"
        "A session in a room of its own.\n:::\n"
        for i, room in enumerate(WIDE_ROOMS)
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("print-site")
    src = base / "src"
    shutil.copytree(ROOTS / "test-schedule", src)
    page = src / "events" / "devconf" / "index.md"
    text = page.read_text("utf-8")
    text = text.replace(
        "## Schedule",
        f"Getting there: [the venue's travel guide]({TRAVEL}).\n\n## Schedule",
        1,
    )
    page.write_text(text + wide_sessions(), "utf-8")
    return build_html(src, base / "html")


@pytest.fixture(scope="module")
def base_url(site) -> str:
    with serve(site) as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": PRINTABLE_WIDTH, "height": 800})
    pg = context.new_page()
    yield pg
    context.close()


def open_event(pg, base_url: str) -> None:
    pg.goto(f"{base_url}{EVENT}{NOW}")
    pg.wait_for_selector(".conference-agenda-toggle")
    pg.wait_for_selector(".conference-tz-switch")
    pg.wait_for_selector(".conference-jump")


@pytest.fixture(scope="module")
def printed(browser, base_url) -> list[str]:
    """The text of each page of the event page printed to an A4 landscape PDF."""
    context = browser.new_context(viewport={"width": PRINTABLE_WIDTH, "height": 800})
    try:
        pg = context.new_page()
        open_event(pg, base_url)
        pg.emulate_media(media="print")
        pdf = pg.pdf(format="A4", landscape=True, print_background=False)
    finally:
        context.close()
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [p.extract_text() for p in reader.pages]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_one_day_a_page_and_a_bounded_total(printed):
    # The grid's two days and the agenda's two, each on its own page; then each session's
    # card (by track) and entry, two or three a page: 13 pages for 13 sessions, and at most
    # a page a session (a card or an entry alone on a page each would be twice that).
    assert 2 * len(DAYS) <= len(printed) <= 2 + 2 * len(DAYS) + len(TITLES), len(printed)
    grid_pages = [
        [i for i, text in enumerate(printed) if re.search(rf"^{day}$", text, re.M)] for day in DAYS
    ]
    agenda_pages = [
        [i for i, text in enumerate(printed) if re.search(rf"^{day} \(\d+\)$", text, re.M)]
        for day in DAYS
    ]
    found = [pages for pages in grid_pages + agenda_pages]
    assert all(len(pages) == 1 for pages in found), found
    starts = [pages[0] for pages in found]
    assert len(set(starts)) == len(starts), f"day headings share a page: {starts}"


def test_every_session_title_and_the_outside_address_are_printed(printed):
    text = flat(" ".join(printed))
    missing = [title for title in TITLES if title not in text]
    assert not missing, missing
    # An outside link prints its address (it may wrap), the talks' slides too (a button on
    # the screen); links within the site do not.
    bare = re.sub(r"\s+", "", text)
    assert TRAVEL in bare
    assert f"{SLIDES}0" in bare
    assert ".html" not in text
    assert "_calendars" not in text


def test_no_chrome_or_controls_in_print(printed):
    text = flat(" ".join(printed))
    for words in ("Skip to content", "Add to my agenda", "Jump to now", "Time zone", "Theme"):
        assert words not in text, words
    assert "Add to calendar" not in text
    assert "Built with" not in text


def test_chrome_is_not_displayed_in_print_media(page, base_url):
    open_event(page, base_url)
    shown = "sel => [...document.querySelectorAll(sel)].some(e => e.checkVisibility())"
    for selector in CHROME:
        assert page.evaluate(shown, selector), f"{selector} is not on the screen"
    page.emulate_media(media="print")
    still = [selector for selector in CHROME if page.evaluate(shown, selector)]
    assert not still, f"shown in print: {still}"


def test_nothing_passes_the_right_edge_at_the_printable_width(page, base_url):
    open_event(page, base_url)
    page.emulate_media(media="print")
    found = page.evaluate(
        """() => {
            const root = document.documentElement;
            const grids = [...document.querySelectorAll('table.conference-grid')];
            const cells = grids.flatMap(g => [...g.querySelectorAll('th, td')]);
            return {
                scroll: root.scrollWidth, client: root.clientWidth,
                columns: grids.map(g => g.querySelectorAll('thead th').length),
                widths: grids.map(g => g.getBoundingClientRect().width),
                right: Math.max(...cells.map(c => c.getBoundingClientRect().right)),
                overflowing: cells.filter(c => c.scrollWidth > c.clientWidth + 1)
                                  .map(c => c.textContent.trim().slice(0, 40)),
            };
        }"""
    )
    assert found["client"] == PRINTABLE_WIDTH
    assert found["columns"] == [3, 1 + 2 + len(WIDE_ROOMS)], found["columns"]
    assert found["scroll"] <= found["client"], found
    assert found["right"] <= found["client"], found
    assert not found["overflowing"], found["overflowing"]
    # The grid takes the paper's width (the screen's reading measure is lifted).
    assert min(found["widths"]) >= 0.9 * found["client"], found["widths"]


def test_black_on_white_without_shadows_even_in_dark_mode(browser, base_url):
    context = browser.new_context(color_scheme="dark")
    context.add_init_script("localStorage.setItem('conference-theme', 'dark')")
    try:
        pg = context.new_page()
        open_event(pg, base_url)
        assert pg.evaluate("document.documentElement.dataset.theme") == "dark"
        pg.emulate_media(media="print", color_scheme="dark")
        styles = pg.evaluate(
            """() => ['body', '.conference-grid-title', '.conference-grid thead th',
                      '.conference-agenda-item', '.conference-speaker-card'].map(sel => {
                const s = getComputedStyle(document.querySelector(sel));
                return [sel, s.color, s.boxShadow];
            })"""
        )
        background = pg.evaluate("getComputedStyle(document.body).backgroundColor")
    finally:
        context.close()
    assert background == "rgb(255, 255, 255)"
    for selector, colour, shadow in styles:
        assert colour == "rgb(0, 0, 0)", (selector, colour)
        assert shadow == "none", (selector, shadow)


def test_a_page_with_a_grid_asks_for_a4_landscape(browser, base_url):
    """With the page's own size (a browser's print dialog's default): A4 landscape for the grid."""
    context = browser.new_context()
    try:
        pg = context.new_page()
        sizes = {}
        for path in (EVENT, "people/ada-lovelace.html"):
            pg.goto(f"{base_url}{path}")
            reader = pypdf.PdfReader(io.BytesIO(pg.pdf(prefer_css_page_size=True)))
            box = reader.pages[0].mediabox
            sizes[path] = (
                round(float(box.width) / 72 * 25.4),
                round(float(box.height) / 72 * 25.4),
            )
    finally:
        context.close()
    assert sizes[EVENT] == (297, 210), sizes
    assert sizes["people/ada-lovelace.html"] != (297, 210), sizes
