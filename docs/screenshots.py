"""Screenshots of the themes page: the test site's event page under each theme, light and dark.

    python docs/screenshots.py            # writes docs/_images/themes/<theme>-<scheme>-event.png

Needs the themes (``pip install furo pydata-sphinx-theme sphinx-book-theme sphinx-rtd-theme``),
Playwright (``pip install playwright``; never ``playwright install``) and Debian's chromium
(``/usr/bin/chromium``, or ``CONFERENCE_CHROMIUM``).  Each theme builds a copy of
``tests/roots/test-basic`` in a temporary folder; nothing is written into the source tree
but the images.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
ROOT = REPO / "tests" / "roots" / "test-basic"
OUT = REPO / "docs" / "_images" / "themes"
CHROMIUM = os.environ.get("CONFERENCE_CHROMIUM", "/usr/bin/chromium")
#: file name -> html_theme
THEMES = {
    "conference": "conference",
    "furo": "furo",
    "pydata": "pydata_sphinx_theme",
    "book": "sphinx_book_theme",
    "rtd": "sphinx_rtd_theme",
    "alabaster": "alabaster",
}
PAGE = "events/pycon.html"
VIEWPORT = {"width": 1200, "height": 900}
WIDTH = 900  # pixels of the saved image


def build(theme: str, dest: Path) -> Path:
    """Build the test root under ``theme`` into ``dest``; the HTML folder."""
    src = dest / "src"
    shutil.copytree(ROOT, src)
    out = dest / "html"
    options = [f"html_theme={theme}", "project=A sample site", "html_title=A sample site"]
    defines = [arg for option in options for arg in ("-D", option)]
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", *defines, str(src), str(out)],
        check=True,
    )
    return out


def save(png: bytes, path: Path) -> None:
    """Scale to WIDTH and store with a palette (screenshots of flat colours stay sharp)."""
    tmp = path.with_suffix(".tmp.png")
    tmp.write_bytes(png)
    with Image.open(tmp) as image:
        height = round(image.height * WIDTH / image.width)
        small = image.convert("RGB").resize((WIDTH, height), Image.Resampling.LANCZOS)
        small.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)
    tmp.unlink()


def main() -> None:
    """Build each theme and take its screenshots."""
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM)
        for name, theme in THEMES.items():
            html = build(theme, Path(tmp) / name)
            for scheme in ("light", "dark"):
                page = browser.new_page(viewport=VIEWPORT, color_scheme=scheme)
                page.goto((html / PAGE).as_uri())
                page.wait_for_load_state("load")
                save(page.screenshot(), OUT / f"{name}-{scheme}-event.png")
                page.close()
                print(f"{name}-{scheme}-event.png")
        browser.close()


if __name__ == "__main__":
    main()
