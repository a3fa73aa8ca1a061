"""Ids made from names and titles (``new`` and the importers).

Tag slugs are another rule, kept stable for sphinx-tags' URLs:
:func:`sphinx_conference.core.model.tag_slug`.
"""

from __future__ import annotations

import re
import unicodedata

_TRANSLIT = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "þ": "th",
        "Þ": "TH",
        "œ": "oe",
        "Œ": "OE",
        "ð": "d",
        "ı": "i",
        "&": " and ",
        "@": " at ",
    }
)
_NON_SLUG_RE = re.compile(r"[^a-z0-9]+")


def slugify(value: str, max_length: int = 60) -> str:
    """An id from a name or title: ASCII, lower case, words joined by ``-``.

    At most ``max_length`` characters, cut at a word (``"Café & Code"`` -> ``cafe-and-code``).
    """
    t = unicodedata.normalize("NFKD", " ".join(str(value).split()).translate(_TRANSLIT))
    t = t.encode("ascii", "ignore").decode("ascii").lower()
    slug = _NON_SLUG_RE.sub("-", t).strip("-")
    if len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut[:max_length] else slug[:max_length]
        slug = slug.strip("-")
    return slug
