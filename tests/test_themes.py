"""The extension under the popular Sphinx themes, light and dark, in a real browser.

One small site (``tests/roots/test-themes``: an event with a schedule grid, a filter
panel, sessions and speakers, a person with every brand link, a post with tags and a
plain sphinx-design card) is built once under each theme.  Each page type is opened in
each theme's light and dark mode (the theme's own switch where it has one, set before
the page loads, and ``prefers-color-scheme`` emulated as well) and must have:

- no WCAG 2 A/AA violation that axe-core finds (colour contrast included);
- its screen-reader labels hidden (no more than a pixel, or clipped away);
- link icons that show a shape (not one colour over the icon's whole box).

Screenshots go to ``_build/screenshots/<theme>-<scheme>-<page>.png``.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from PIL import Image

import vnu
from browser import SCREENSHOTS, run_axe, serve
from conftest import ROOTS

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")

#: short name -> the ``html_theme`` it builds with
THEMES = {
    "conference": "conference",
    "furo": "furo",
    "pydata": "pydata_sphinx_theme",
    "book": "sphinx_book_theme",
    "rtd": "sphinx_rtd_theme",
    "alabaster": "alabaster",
}
#: page type -> its path in the built site
PAGES = {
    "event": "events/summit-2025.html",
    "person": "people/ada-lovelace.html",
    "post": "posts/2025/summit-recap.html",
    "tag": "_tags/security.html",
}
SCHEMES = ("light", "dark")
#: the brand icons of ``people/ada-lovelace.md``'s links
BRANDS = ("github", "gitlab", "mastodon", "linkedin", "x", "bluesky")

#: Elements of a theme's own chrome that fail axe whatever the extension does (theme
#: versions of the test extra); the extension's own markup is never excluded.
THEME_EXCLUDE: dict[str, list[str]] = {
    # pydata-sphinx-theme's search button: its visible text ("Search", Ctrl+K) is not
    # all in its accessible name (label-content-name-mismatch).
    "pydata": [".search-button-field"],
    "book": [
        ".search-button-field",  # the same button, from pydata-sphinx-theme
        # the expand buttons of the sidebar's table of contents: a <summary> with no name
        ".bd-sidebar-primary details > summary",
    ],
    "rtd": [
        # the project name on the sidebar's blue (4.2:1), its table of contents' expand
        # buttons (11 x 18 px targets), breadcrumbs and footer in #2980b9 and #808080 on #fcfcfc
        ".wy-side-nav-search",
        ".wy-menu-vertical",
        ".wy-breadcrumbs",
        "footer",
    ],
    # alabaster's footer: #888 on white (3.5:1)
    "alabaster": [".footer"],
}


def theme_storage(theme: str, scheme: str) -> str:
    """A script run before each page loads: the theme's own dark switch, as a reader sets it."""
    if theme == "furo":  # furo.js: localStorage "theme" -> body[data-theme]
        return f"localStorage.setItem('theme', '{scheme}');"
    if theme in ("pydata", "book"):  # pydata: localStorage "mode"/"theme" -> html[data-theme]
        return (
            f"localStorage.setItem('mode', '{scheme}'); localStorage.setItem('theme', '{scheme}');"
        )
    return ""


@pytest.fixture(scope="session")
def theme_sites(tmp_path_factory) -> Path:
    """The test site built once under each theme (two builds at a time), in one served folder."""
    base = tmp_path_factory.mktemp("themes")
    src = base / "src"
    shutil.copytree(ROOTS / "test-themes", src)
    out = base / "out"
    pending = list(THEMES.items())
    running: list[tuple[str, subprocess.Popen]] = []
    while pending or running:
        while pending and len(running) < 2:
            name, theme = pending.pop(0)
            cmd = [sys.executable, "-m", "sphinx", "-q", "-W", "-b", "html"]
            cmd += ["-D", f"html_theme={theme}", "-d", str(base / f"doctrees-{name}")]
            cmd += [str(src), str(out / name)]
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            running.append((name, proc))
        name, proc = running.pop(0)
        _, err = proc.communicate()
        assert proc.returncode == 0, f"{name}: {err}"
    return out


@pytest.fixture(scope="session")
def themes_url(theme_sites) -> str:
    with serve(theme_sites) as url:
        yield url


def open_themed(browser, url: str, theme: str, scheme: str, path: str):
    """A new page in ``theme``'s ``scheme`` (its switch and the media query), at ``path``."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, color_scheme=scheme, reduced_motion="reduce"
    )
    context.add_init_script(theme_storage(theme, scheme))
    page = context.new_page()
    page.goto(f"{url}{theme}/{path}")
    page.wait_for_load_state("load")
    return context, page


def axe_violations(page, source: str, exclude: list[str]) -> list[dict]:
    """axe's WCAG A/AA violations, leaving out the theme elements in ``exclude``."""
    if not exclude:
        return run_axe(page, source)
    page.add_script_tag(content=source)
    return page.evaluate(
        """async ([tags, exclude]) => {
            const result = await axe.run({include: [document], exclude: exclude.map(s => [s])},
                                         {runOnly: {type: 'tag', values: tags}});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => ({target: n.target.join(' '), summary: n.failureSummary})),
            }));
        }""",
        [["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"], exclude],
    )


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        lines.extend(f"    {n['target']}: {n['summary']}" for n in v["nodes"])
    return "\n".join(lines)


def visible_labels(page) -> list[str]:
    """Screen-reader labels that take more than a pixel on the screen and are not clipped."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('.conference-visually-hidden')).filter(e => {
            const r = e.getBoundingClientRect();
            if (r.width <= 1 && r.height <= 1) return false;
            const s = getComputedStyle(e);
            if (s.clip === 'rect(0px, 0px, 0px, 0px)' || s.clipPath === 'inset(50%)') return false;
            return s.display !== 'none';
        }).map(e => e.textContent)"""
    )


def dominant_share(png: bytes) -> float:
    """The share of an image's pixels taken by its most common colour (coarsely binned)."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    data = image.tobytes()
    counts = Counter(
        (data[i] >> 4, data[i + 1] >> 4, data[i + 2] >> 4) for i in range(0, len(data), 3)
    )
    return counts.most_common(1)[0][1] / (image.width * image.height)


def icon_shares(page) -> dict[str, float]:
    """For each link icon of the page: the share of its box that its commonest colour takes."""
    shares = {}
    icons = page.locator("a.conference-link svg")
    for i in range(icons.count()):
        icon = icons.nth(i)
        icon.scroll_into_view_if_needed()
        name = icon.evaluate("e => e.closest('a').className.match(/conference-link-(\\S+)/)[1]")
        shares[f"{name}#{i}"] = dominant_share(icon.screenshot(animations="disabled"))
    return shares


@pytest.mark.parametrize("kind", list(PAGES))
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("theme", list(THEMES))
def test_theme_page(browser, themes_url, axe, theme, scheme, kind):
    context, page = open_themed(browser, themes_url, theme, scheme, PAGES[kind])
    try:
        if theme in ("furo", "pydata", "book"):
            root = "body" if theme == "furo" else "html"
            assert page.evaluate(f"document.querySelector('{root}').dataset.theme") == scheme
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{theme}-{scheme}-{kind}.png"), full_page=True)

        assert not visible_labels(page), f"{theme} {scheme} {kind}: labels show"

        shares = icon_shares(page)
        if kind == "person":
            assert {n.split("#")[0] for n in shares} >= set(BRANDS)
        solid = {name: round(s, 2) for name, s in shares.items() if s > 0.9}
        assert not solid, f"{theme} {scheme} {kind}: icons of one colour: {solid}"

        violations = axe_violations(page, axe, THEME_EXCLUDE.get(theme, []))
        assert not violations, f"{theme} {scheme} {kind}:\n{describe(violations)}"
    finally:
        context.close()


def luminance(css_colour: str) -> float | None:
    """The relative luminance of an ``rgb()``/``rgba()`` colour; None where it is transparent."""
    parts = [float(x) for x in css_colour[css_colour.index("(") + 1 : -1].split(",")]
    if len(parts) == 4 and parts[3] == 0:
        return None
    r, g, b = (
        (c / 255 / 12.92 if c <= 10 else ((c / 255 + 0.055) / 1.055) ** 2.4) for c in parts[:3]
    )
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.mark.parametrize("theme", ["furo", "pydata"])
def test_auto_mode_follows_the_system(browser, themes_url, axe, theme):
    """A theme left on "auto" follows ``prefers-color-scheme``, and the extension follows the theme."""
    for scheme in SCHEMES:
        context = browser.new_context(color_scheme=scheme)
        context.add_init_script(theme_storage(theme, "auto"))
        page = context.new_page()
        try:
            page.goto(f"{themes_url}{theme}/{PAGES['event']}")
            found = page.evaluate(
                """() => Array.from(document.querySelectorAll(
                        'body, .sd-card, .conference-filter-form, .conference-grid thead th'))
                    .map(e => [e.className || e.tagName, getComputedStyle(e).backgroundColor,
                               getComputedStyle(e).color])"""
            )
            assert len(found) > 5
            for name, background, colour in found:
                back, text = luminance(background), luminance(colour)
                where = f"{theme} auto {scheme}: {name}: {background} / {colour}"
                if scheme == "dark":  # a dark (or no) background, light text
                    assert (back is None or back < 0.1) and text is not None and text > 0.4, where
                else:
                    assert (back is None or back > 0.7) and text is not None and text < 0.2, where
            if scheme == "dark":
                violations = axe_violations(page, axe, THEME_EXCLUDE.get(theme, []))
                assert not violations, f"{theme} auto dark:\n{describe(violations)}"
        finally:
            context.close()


#: vnu errors in a theme's own markup, which the extension cannot change (theme versions of
#: the test extra). Each is (theme, regular expression over the message, over its extract).
THEME_MARKUP = [
    # alabaster's sidebar: <h1 class="logo"> then <h3>Navigation</h3>, skipping h2
    ("alabaster", r"“h3”.*follows the heading “h1”", r"<h3>Naviga"),
    # Sphinx's basic search page, which alabaster uses: <form action="">
    ("alabaster", r"attribute “action” on element “form”", r"<form action=\"\""),
]


def test_every_page_under_every_theme_passes_the_nu_checker(theme_sites):
    """The current Nu Html Checker finds no error on any page of the test site, in any theme.

    Files under ``_static/`` are the themes' own assets (pydata-sphinx-theme copies its
    Jinja macro files there as ``.html``), not pages.
    """
    messages = [
        m
        for m in vnu.validate([theme_sites / name for name in THEMES])
        if "/_static/" not in m.get("url", "")
    ]
    errors = []
    for m in messages:
        theme = next((t for t in THEMES if vnu.is_under(m, theme_sites / t)), "")
        owned_by_theme = any(
            theme == t
            and re.search(text, m.get("message", ""))
            and re.search(extract, m.get("extract", ""))
            for t, text, extract in THEME_MARKUP
        )
        if not owned_by_theme:
            errors.append(m)
    assert not errors, vnu.describe(errors, theme_sites)


#: The reader's controls the extension's scripts add to an event page.
CONTROLS = (".conference-filter-form", ".conference-tz-switch", ".conference-agenda-actions")


@pytest.mark.parametrize("theme", list(THEMES))
def test_print_leaves_out_the_controls_and_starts_each_day_on_a_page(browser, themes_url, theme):
    """In print, under every theme (in its dark mode): no controls, days on pages, black text."""
    context, page = open_themed(browser, themes_url, theme, "dark", PAGES["event"])
    try:
        shown = "sel => [...document.querySelectorAll(sel)].some(e => e.checkVisibility())"
        for selector in CONTROLS:
            # shown on screen first (sphinx-book-theme's first <h1> is a print-only title:
            # the time-zone switch goes under the first <h1> that is shown)
            page.wait_for_selector(selector, state="visible")
        page.emulate_media(media="print", color_scheme="dark")
        still = [selector for selector in CONTROLS if page.evaluate(shown, selector)]
        assert not still, f"{theme}: shown in print: {still}"
        breaks = page.evaluate(
            """() => [...document.querySelectorAll('.conference-layout-grid > .conference-day')]
                .map(e => getComputedStyle(e).breakBefore)"""
        )
        assert breaks == ["auto", "page"], f"{theme}: {breaks}"
        colours = page.evaluate(
            """() => [...document.querySelectorAll('.conference-grid thead th, .conference-grid-details')]
                .map(e => getComputedStyle(e).color)"""
        )
        # black, or #222 for muted text
        dark = [c for c in colours if (lum := luminance(c)) is not None and lum < 0.02]
        assert colours and dark == colours, f"{theme}: {set(colours)}"
    finally:
        context.close()
