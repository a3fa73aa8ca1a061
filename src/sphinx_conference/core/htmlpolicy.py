"""The one policy for raw HTML in pages: what nh3 keeps, and how a removal is described.

The same tables are passed to ``nh3.clean`` and read by :func:`unsafe_parts`, so
what a warning says was removed is what the cleaned fragment lacks.  The policy
is written out here rather than taken from nh3's defaults, which allow more
than the warning promises (``tel:``, ``ftp:`` and 20 other URL schemes) and
would strip the generic ``class`` and ``id`` attributes.

* tags: the HTML tags nh3 allows by default (text-level and structural markup;
  no scripts, styles, frames, forms or embedded objects);
* attributes: nh3's per-tag defaults, plus ``class``, ``id``, ``lang`` and
  ``title`` on every allowed tag; no event handlers, no ``style``;
* URLs: ``http``, ``https``, ``mailto`` and relative ones (a path, ``#anchor``
  or ``//host/path``); any other scheme makes nh3 drop the attribute;
* comments are kept (they are inert), and no ``rel`` is added to links.

Pure: no Sphinx, no docutils.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nh3

#: allowed tags (nh3 0.3's default list); anything else is removed, its text kept
TAGS: frozenset[str] = frozenset(
    {
        "a", "abbr", "acronym", "area", "article", "aside", "b", "bdi", "bdo", "blockquote",
        "br", "caption", "center", "cite", "code", "col", "colgroup", "data", "dd", "del",
        "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "footer", "h1",
        "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "i", "img", "ins", "kbd",
        "li", "map", "mark", "nav", "ol", "p", "pre", "q", "rp", "rt", "rtc", "ruby", "s",
        "samp", "small", "span", "strike", "strong", "sub", "summary", "sup", "table",
        "tbody", "td", "th", "thead", "time", "tr", "tt", "u", "ul", "var", "wbr",
    }
)  # fmt: skip
#: tags removed together with their content
CONTENT_TAGS: frozenset[str] = frozenset({"script", "style"})
#: attributes allowed on every allowed tag
GENERIC_ATTRIBUTES: frozenset[str] = frozenset({"class", "id", "lang", "title"})
_ALIGN = frozenset({"align", "char", "charoff"})
#: attributes allowed per tag (nh3 0.3's defaults), besides the generic ones
TAG_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "hreflang"}),
    "bdo": frozenset({"dir"}),
    "blockquote": frozenset({"cite"}),
    "col": _ALIGN | {"span"},
    "colgroup": _ALIGN | {"span"},
    "del": frozenset({"cite", "datetime"}),
    "hr": frozenset({"align", "size", "width"}),
    "img": frozenset({"align", "alt", "height", "src", "width"}),
    "ins": frozenset({"cite", "datetime"}),
    "ol": frozenset({"start"}),
    "q": frozenset({"cite"}),
    "table": _ALIGN | {"summary"},
    "tbody": _ALIGN,
    "td": _ALIGN | {"colspan", "headers", "rowspan"},
    "tfoot": _ALIGN,
    "th": _ALIGN | {"colspan", "headers", "rowspan", "scope"},
    "thead": _ALIGN,
    "tr": _ALIGN,
}
#: URL schemes kept in a URL attribute; a relative URL (no scheme) is kept too
URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto"})
#: the allowed attributes whose URL nh3 checks (``cite`` is kept as written: browsers do
#: not follow it)
URL_ATTRIBUTES: frozenset[str] = frozenset({"href", "src"})

# A URL's scheme as a browser (and nh3's URL parser) reads it: leading and trailing
# spaces and control characters are ignored and tabs and newlines anywhere are removed,
# so "java\tscript:" is "javascript:".
_SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_TAB_NEWLINE = str.maketrans("", "", "\t\n\r")


def url_scheme(url: str) -> str:
    """The scheme of ``url`` in lower case, ``""`` for a relative URL."""
    text = url.strip("".join(map(chr, range(0x21)))).translate(_TAB_NEWLINE)
    m = _SCHEME_RE.match(text)
    return m.group(1).lower() if m else ""


def allowed_attributes(tag: str) -> frozenset[str]:
    """The attributes kept on ``tag``."""
    return TAG_ATTRIBUTES.get(tag, frozenset()) | GENERIC_ATTRIBUTES


class _Finder(HTMLParser):
    """Collect what in a fragment falls outside the policy."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TAGS:
            self.problems.append(f"<{tag}>")
            return
        allowed = allowed_attributes(tag)
        for name, value in attrs:
            if name not in allowed:
                self.problems.append(f"{name}= on <{tag}>")
            elif name in URL_ATTRIBUTES and value is not None:
                scheme = url_scheme(value)
                if scheme and scheme not in URL_SCHEMES:
                    self.problems.append(f"{scheme}: URL in {name}= on <{tag}>")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if tag not in TAGS:
            self.problems.append(f"</{tag}>")


def unsafe_parts(fragment: str) -> list[str]:
    """What :func:`clean` removes from ``fragment``: tags, attributes and URL schemes."""
    finder = _Finder()
    finder.feed(fragment)
    finder.close()
    return finder.problems


def clean(fragment: str) -> str:
    """``fragment`` with everything outside the policy removed (by nh3)."""
    return nh3.clean(
        fragment,
        tags=set(TAGS),
        clean_content_tags=set(CONTENT_TAGS),
        attributes={"*": set(GENERIC_ATTRIBUTES)}
        | {tag: set(names) for tag, names in TAG_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        strip_comments=False,
        link_rel=None,
    )


def removal_message(fragment: str, problems: list[str]) -> str:
    """The warning for a fragment from which :func:`clean` removed ``problems``."""
    return (
        f"raw HTML: removed {', '.join(dict.fromkeys(problems))} from {fragment.strip()[:80]!r}; "
        "expected Markdown or HTML without scripts, event handlers or "
        "non-http(s)/mailto links"
    )
