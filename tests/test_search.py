"""The search index stems each distinct word once per build (``search.py``), with the same result."""

from __future__ import annotations

from pathlib import Path

import pytest
import sphinx.search
from sphinx.search.en import SearchEnglish

from conftest import build_root
from sphinx_conference.speedups import search


def test_memoised_language_stems_like_sphinx_and_once_per_word(monkeypatch):
    calls: list[str] = []
    original = SearchEnglish.stem

    def counting(self, word):
        calls.append(word)
        return original(self, word)

    monkeypatch.setattr(SearchEnglish, "stem", counting)
    cls = search.memoised(SearchEnglish, "en")
    assert issubclass(cls, SearchEnglish) and cls.lang == "en"
    assert search.memoised(cls, "en") is cls  # never wrapped twice

    words = ["running", "conferences", "speakers", "running", "talks", "speakers"] * 50
    lang = cls({})
    plain = SearchEnglish({})
    assert [lang.stem(w) for w in words] == [original(plain, w) for w in words]
    assert sorted(calls) == sorted(set(words))  # the stemmer ran once per distinct word


def test_unknown_language_keeps_sphinx_fallback():
    assert search._language_class("xx") is None
    assert search._language_class("de_AT")[0] == "de"


def test_site_index_is_the_same_with_and_without_the_cache(tmp_path: Path, monkeypatch):
    # Start from Sphinx's own class (earlier builds in this process registered the
    # memoising one); whatever the builds register is put back afterwards.
    monkeypatch.setitem(sphinx.search.languages, "en", SearchEnglish)

    app = build_root("basic", tmp_path / "memoised")
    assert getattr(app.builder.indexer.lang, "conference_memoised", False)
    memoised_index = (Path(app.outdir) / "searchindex.js").read_text("utf-8")

    monkeypatch.setitem(sphinx.search.languages, "en", SearchEnglish)
    monkeypatch.setattr(search, "memoised", lambda base, key: base)
    plain = build_root("basic", tmp_path / "plain")
    assert not getattr(plain.builder.indexer.lang, "conference_memoised", False)
    plain_index = (Path(plain.outdir) / "searchindex.js").read_text("utf-8")

    assert '"terms":{' in memoised_index and len(memoised_index) > 2000
    assert memoised_index == plain_index


@pytest.mark.parametrize("language", ["en", "de"])
def test_configured_language_is_the_one_memoised(tmp_path: Path, monkeypatch, language):
    monkeypatch.setitem(sphinx.search.languages, language, sphinx.search.languages[language])
    app = build_root("basic", tmp_path, confoverrides={"language": language})
    lang = app.builder.indexer.lang
    assert lang.lang == language and getattr(lang, "conference_memoised", False)
