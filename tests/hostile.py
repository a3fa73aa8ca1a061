"""Checks that a built page carries nothing injected: shared by the hostile-input tests.

Pages are parsed with an HTML parser (lxml through BeautifulSoup) and searched
for injected elements and attributes, not for substrings only: every payload
in the corpus calls ``pwned``, so any script, handler or URL holding that
marker is an injection that got through.
"""

from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup

MARKER = "pwned"
#: elements a payload may try to plant; none is produced by the theme or the extension
FORBIDDEN_TAGS = ("iframe", "object", "embed", "applet", "base", "frame", "frameset", "style")
URL_ATTRS = ("href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset")
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")


def injections(markup: str) -> list[str]:
    """Every injected element or attribute in an HTML document or fragment."""
    soup = BeautifulSoup(markup, "lxml")
    found: list[str] = []
    for el in soup.find_all(True):
        name = el.name.lower()
        if name in FORBIDDEN_TAGS and el.parent is not None and el.parent.name != "head":
            found.append(f"<{name}> element")
        if name == "script":
            if (el.get("type") or "").lower() == "application/ld+json":
                try:
                    json.loads(el.string or "")
                except ValueError:
                    found.append("JSON-LD that does not parse (broken out of its script?)")
            elif MARKER in (el.string or "") or MARKER in (el.get("src") or ""):
                found.append("<script> with the payload")
        for attr, value in el.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if attr.lower().startswith("on"):
                found.append(f"{attr}= on <{name}>")
            if attr.lower() in URL_ATTRS:
                squeezed = "".join(text.split()).lower()
                if squeezed.startswith(BAD_SCHEMES):
                    found.append(f"{attr}={text[:40]!r} on <{name}>")
            if attr.lower() == "style" and MARKER in text:
                found.append(f"style= with the payload on <{name}>")
    return found


def page_injections(path: Path) -> list[str]:
    """Injections in one built HTML page."""
    return injections(path.read_text("utf-8"))
