"""The conference theme's light / dark / auto switch and favicon, in the built pages (issue 19).

The switch's behaviour is tested in a browser (``test_browser_tz_theme.py``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOTS, build_root
from sphinx_conference.outputs.favicon import contrast, favicon_svg, site_initials


def pages(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*.html") if "_static" not in p.parts)


@pytest.fixture(scope="module")
def schedule(tmp_path_factory) -> Path:
    app = build_root("schedule", tmp_path_factory.mktemp("schedule"))
    return Path(app.outdir)


def test_theme_switch_and_early_script_in_every_page(schedule):
    for page in pages(schedule):
        soup = BeautifulSoup(page.read_text("utf-8"), "lxml")
        select = soup.select_one("header .theme-switch select#theme-switch-select")
        assert select is not None, page.name
        label = soup.select_one("label[for=theme-switch-select]")
        assert label is not None and label.text == "Theme"
        assert [o["value"] for o in select.find_all("option")] == ["auto", "light", "dark"]
        head_scripts = soup.head.find_all("script", src=False)
        assert any("data-theme" in s.text and "localStorage" in s.text for s in head_scripts)
        assert soup.head.find("script", src=re.compile("conference-theme.js"))


def test_default_favicon_from_the_initials_in_the_output(schedule):
    soup = BeautifulSoup((schedule / "events/devconf/index.html").read_text("utf-8"), "lxml")
    icons = soup.head.find_all("link", rel="icon")
    assert len(icons) == 1 and icons[0]["href"] == "../../_static/conference-favicon.svg"
    svg = (schedule / "_static/conference-favicon.svg").read_text("utf-8")
    assert ">ST</text>" in svg  # "Schedule test"
    # written into the output, never into the sources
    src = schedule.parent.parent
    assert [p for p in src.rglob("conference-favicon.svg") if "_build" not in p.parts] == []
    assert not list(ROOTS.rglob("conference-favicon.svg"))


def test_html_favicon_wins(tmp_path):
    (tmp_path / "src").mkdir()
    app = build_root(
        "schedule",
        tmp_path / "src",
        confoverrides={"html_favicon": "https://example.org/icon.png"},
    )
    out = Path(app.outdir)
    soup = BeautifulSoup((out / "index.html").read_text("utf-8"), "lxml")
    assert [i["href"] for i in soup.head.find_all("link", rel="icon")] == [
        "https://example.org/icon.png"
    ]
    assert not (out / "_static/conference-favicon.svg").exists()


def test_other_themes_get_no_default_favicon(tmp_path):
    app = build_root("schedule", tmp_path, confoverrides={"html_theme": "basic"})
    assert not (Path(app.outdir) / "_static/conference-favicon.svg").exists()


def test_favicon_initials_and_contrast():
    assert site_initials("Open Source Conference Notes") == "OS"
    assert site_initials("EuroPython") == "E"
    assert site_initials("  ") == "?"
    assert site_initials("<PyCon> & Friends") == "PF"
    for accent in ("", "#1f5fbf", "#ffd700", "#000000", "#7fb0ff", "not a colour"):
        svg = favicon_svg("PyCon Italia", accent)
        bg, fg = re.findall(r'fill="(#[0-9a-fA-F]{6})"', svg)
        assert contrast(bg, fg) >= 4.5, (accent, bg, fg)
        assert ">PI</text>" in svg
    assert 'fill="#ffd700"' in favicon_svg("x", "#ffd700")
