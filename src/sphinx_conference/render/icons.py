"""Decorative icons drawn by the stylesheet instead of repeated inline SVG.

A session's facts (track, type, time, room), a post's byline and an event's dates
each show a small icon.  Written as inline SVG, those icons were a third of every
byte of a large site's HTML (22,700 copies of nine shapes at 500 posts).  Each
decorative icon is now an empty ``<span>`` whose class gives it its shape, drawn
once in ``conference.css`` as a mask in the text's colour; the shapes come from
sphinx-design's octicons.  Icons with a label (a speaker's profile links) stay
inline SVG, where the label lives.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING
from urllib.parse import quote

from sphinx_design.icons import get_octicon_data

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: The octicons shown as decorative icons (see :func:`.render.icon`).
CSS_ICONS = (
    "calendar",
    "clock",
    "comment-discussion",
    "file",
    "globe",
    "location",
    "person",
    "stack",
    "video",
)

#: The ``html_context`` value that ``conference.css.jinja`` writes its icon rules with.
TEMPLATE_GLOBAL = "conference_icon_rules"


@cache
def icon_rules() -> str:
    """One CSS rule per icon of :data:`CSS_ICONS`: its shape as an SVG data URI."""
    data = get_octicon_data()
    rules = []
    for name in CSS_ICONS:
        shape = data[name]["heights"]["16"]
        svg = (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {shape["width"]} 16">'
            f"{shape['path']}</svg>"
        )
        uri = "data:image/svg+xml," + quote(svg, safe=" /:=,.-")
        rules.append(f'.conference-icon-{name} {{ --conference-icon: url("{uri}"); }}')
    return "\n".join(rules) + "\n"


def add_icon_rules(app: Sphinx, config: Config) -> None:
    """``config-inited``: give the stylesheet's template the icon rules through ``html_context``.

    Static templates are rendered with the builder's global context, which
    ``html_context`` is part of.  Set when the configuration is read, so that the
    configuration a build compares with the previous one's already has them; the
    value is a new dict, as the default of ``html_context`` may be shared by every
    application of the process.
    """
    config.html_context = {**config.html_context, TEMPLATE_GLOBAL: icon_rules()}
