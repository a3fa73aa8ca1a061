"""The search index: Sphinx's own English language, stemmed by PyStemmer when installed."""

from __future__ import annotations

import json
from pathlib import Path

import sphinx.search
from sphinx.search.en import SearchEnglish

from conftest import build_root


def test_site_index_holds_the_stems_of_the_posts_words(tmp_path: Path):
    before = dict(sphinx.search.languages)
    app = build_root("basic", tmp_path)
    assert sphinx.search.languages == before  # no language of the process replaced
    assert type(app.builder.indexer.lang) is SearchEnglish
    text = (Path(app.outdir) / "searchindex.js").read_text("utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    lang = SearchEnglish({})
    # The words of the posts' text and titles, as Sphinx stems them.
    words = {"first", "post", "liked", "second"}
    stems = {lang.stem(w) for w in words}
    assert stems == {"first", "post", "like", "second"}
    assert stems <= set(index["terms"]) | set(index["titleterms"])
    assert lang.stem("conferences") == "confer"


def test_pystemmer_is_the_stemmer():
    import snowballstemmer
    import Stemmer

    assert isinstance(snowballstemmer.stemmer("english"), Stemmer.Stemmer)
