"""The conference theme's default favicon: the site's initials, drawn as an SVG.

A site that sets Sphinx's ``html_favicon`` gets that icon (Sphinx copies it and the
theme links it).  Otherwise the ``conference`` theme links
``_static/conference-favicon.svg``, written here into the output (never the source
tree) at ``html-collect-pages``: the first letters of the first two words of
``project`` on the theme's ``accent`` colour (a ``#rrggbb`` value; the theme's blue
when unset), in white or near-black, whichever reads better on it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx_conference.outputs.cache import is_html

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: The favicon's path in the output, as the theme's ``layout.html`` links it.
FAVICON = "_static/conference-favicon.svg"
#: The theme's accent (``--c-accent``), used when the ``accent`` option gives no colour.
DEFAULT_BACKGROUND = "#1f5fbf"
LIGHT_TEXT, DARK_TEXT = "#ffffff", "#0d1117"
THEME_DIR = Path(__file__).resolve().parent.parent / "theme" / "conference"
_HEX = re.compile(r"#[0-9a-fA-F]{6}")


def site_initials(project: str) -> str:
    """Up to two letters: the first of each of the first two words (``OS`` for "Open Source ...")."""
    words = [w for w in re.split(r"[^\w]+", project) if w]
    letters = "".join(w[0] for w in words[:2]).upper()
    return letters or "?"


def _luminance(colour: str) -> float:
    """WCAG relative luminance of ``#rrggbb``."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def favicon_svg(project: str, background: str = "") -> str:
    """The SVG icon: ``project``'s initials on ``background``, in the text colour that reads best."""
    bg = background if _HEX.fullmatch(background or "") else DEFAULT_BACKGROUND
    fg = max((LIGHT_TEXT, DARK_TEXT), key=lambda c: contrast(bg, c))
    letters = site_initials(project)
    size = 36 if len(letters) == 1 else 30
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
        f'<rect width="64" height="64" rx="12" fill="{bg}"/>'
        f'<text x="32" y="33" text-anchor="middle" dominant-baseline="central" fill="{fg}" '
        f'font-family="system-ui,-apple-system,Segoe UI,Roboto,Arial,sans-serif" '
        f'font-size="{size}" font-weight="700">{letters}</text></svg>\n'
    )


def uses_default_favicon(app: Sphinx) -> bool:
    """Whether this build's pages link the default favicon (conference theme, no ``html_favicon``)."""
    if not is_html(app) or app.config.html_favicon:
        return False
    theme = getattr(app.builder, "theme", None)
    if theme is None:
        return False
    return any(Path(d).resolve() == THEME_DIR for d in theme.get_theme_dirs())


def write_favicon(app: Sphinx) -> None:
    """``html-collect-pages``: write the default favicon where the theme links it (if changed)."""
    if not uses_default_favicon(app):
        return
    text = favicon_svg(app.config.project or "")
    target = Path(app.outdir, *FAVICON.split("/"))
    if target.is_file() and target.read_text("utf-8") == text:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, "utf-8")
