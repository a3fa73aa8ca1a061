"""The raw-HTML policy: what in an HTML fragment is unsafe, how it is cleaned, how that is said.

MyST passes raw HTML through; the build (``directives/sanitize.py``) and
``check`` both ask this module what in a fragment falls outside nh3's
allow-lists (tags, attributes and URL schemes), so they report the same
removals in the same words.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3

#: attributes every allowed tag may carry (nh3 allows these generic ones too)
GENERIC_ATTRIBUTES = frozenset({"lang", "title", "class", "id"})
#: attributes holding a URL, whose scheme is checked
URL_ATTRIBUTES = frozenset({"href", "src", "cite", "action", "formaction", "poster", "srcset"})
SAFE_SCHEMES = frozenset({"", "http", "https", "mailto"})


class _Finder(HTMLParser):
    """Collect what in a fragment falls outside nh3's allow-lists."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in nh3.ALLOWED_TAGS:
            self.problems.append(f"<{tag}>")
            return
        allowed = nh3.ALLOWED_ATTRIBUTES.get(tag, set()) | GENERIC_ATTRIBUTES
        for name, value in attrs:
            if name not in allowed:
                self.problems.append(f"{name}= on <{tag}>")
            elif name in URL_ATTRIBUTES and value is not None:
                scheme = urlsplit("".join(value.split())).scheme.lower()
                if scheme not in SAFE_SCHEMES:
                    self.problems.append(f"{scheme}: URL in {name}= on <{tag}>")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if tag not in nh3.ALLOWED_TAGS:
            self.problems.append(f"</{tag}>")


def unsafe_parts(fragment: str) -> list[str]:
    """List what nh3 would remove from ``fragment`` (tags, attributes, URL schemes)."""
    finder = _Finder()
    finder.feed(fragment)
    finder.close()
    return finder.problems


def clean(fragment: str) -> str:
    """``fragment`` with what :func:`unsafe_parts` lists removed."""
    return nh3.clean(fragment)


def removal_message(fragment: str, problems: list[str]) -> str:
    """The warning for a fragment from which ``problems`` were removed."""
    return (
        f"raw HTML: removed {', '.join(dict.fromkeys(problems))} from {fragment.strip()[:80]!r}; "
        "expected Markdown or HTML without scripts, event handlers or "
        "non-http(s)/mailto links"
    )
