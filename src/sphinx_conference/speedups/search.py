"""A search index that stems each distinct word once per build, not once per page.

Sphinx's ``IndexBuilder.feed`` memoises the stemmer for one page at a time, so a site
of N posts stems its common words N times; with the pure-Python Snowball stemmer that
was a tenth of a full build of 500 posts.  At ``config-inited`` this registers, through
``app.add_search_language``, a subclass of the language class Sphinx would pick for
``html_search_language`` (or ``language``) whose ``stem`` remembers its answers for the
whole build.  ``stem`` is a pure function, so the index is the same word for word.
"""

from __future__ import annotations

import functools
from importlib import import_module
from typing import TYPE_CHECKING, Any

from sphinx.search import SearchLanguage, languages

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: Distinct words remembered per build; a site's vocabulary is far smaller.
STEM_CACHE_SIZE = 1 << 17


def _language_class(lang: str) -> tuple[str, type[SearchLanguage]] | None:
    """The key and class ``IndexBuilder`` would use for ``lang`` (None: its fallback)."""
    key = lang if lang in languages else lang.partition("_")[0]
    found = languages.get(key)
    if found is None:
        return None
    if isinstance(found, str):
        module, _, name = found.rpartition(".")
        found = getattr(import_module(module), name)
    assert isinstance(found, type)
    return key, found


def memoised(base: type[SearchLanguage], key: str) -> type[SearchLanguage]:
    """``base`` with a per-build cache in front of ``stem``."""
    if getattr(base, "conference_memoised", False):
        return base

    def __init__(self: Any, options: dict[str, str]) -> None:
        base.__init__(self, options)
        self.stem = functools.lru_cache(maxsize=STEM_CACHE_SIZE)(functools.partial(base.stem, self))

    return type(
        base.__name__,
        (base,),
        {
            "__init__": __init__,
            "__module__": base.__module__,
            "__doc__": base.__doc__,
            "lang": key,
            "conference_memoised": True,
        },
    )


def use_memoised_stemmer(app: Sphinx, config: Config) -> None:
    """``config-inited``: register the memoising class for the site's search language."""
    found = _language_class(config.html_search_language or config.language or "en")
    if found is not None:
        key, base = found
        app.add_search_language(memoised(base, key))


def setup_search(app: Sphinx) -> None:
    """Register the hook."""
    app.connect("config-inited", use_memoised_stemmer)
