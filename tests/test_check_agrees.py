"""``check`` and the build report the same problems on the hostile corpus (issue 17).

The corpus is ``tests/roots/test-hostile`` with every case of ``test_hostile.CASES``
written into its own page, and a strict tag vocabulary on top.  The build's warnings
and ``check``'s problems are compared as sets of (file, line, subtype, message): a
problem that one reports and the other does not fails the test, and so does a
different line or different words.  What only ``check`` reports by design (the
subtypes in ``validation.CHECK_ONLY``: ``[TODO: ...]`` placeholders and probable duplicate
people, which are advice) is left out of the comparison.
"""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pytest

from conftest import ROOTS
from sphinx_conference.cli.check import check
from sphinx_conference.core.validation import CHECK_ONLY
from test_hostile import CASES, case_page

WARNING_RE = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+): WARNING: (?P<message>.*) \[(?P<kind>[\w.-]+)\]$"
)
VOCABULARY = "\nconference_tags = {'Safe': {}, 'Security': {}}\nconference_tags_strict = True\n"

#: MyST's own warnings about an option block: check reports them with MyST's parser, in
#: MyST's words but not the same sentence (``'speaker': ...`` instead of the directive's
#: full text); they are compared by file, line and subtype.
MYST = "myst."


@pytest.fixture(scope="module")
def reports(module_tmp):
    import shutil

    from sphinx.testing.util import SphinxTestApp
    from sphinx.util.console import strip_escape_sequences

    src = module_tmp / "src"
    shutil.copytree(ROOTS / "test-hostile", src)
    (src / "conf.py").write_text((src / "conf.py").read_text() + VOCABULARY)
    for n, (where, field, value, _) in enumerate(CASES):
        path, text = case_page(n, where, field, value)
        (src / path).parent.mkdir(parents=True, exist_ok=True)
        (src / path).write_text(text, "utf-8")
    app = SphinxTestApp("html", srcdir=src, status=StringIO(), warning=StringIO())
    app.build()
    log = strip_escape_sequences(app.warning.getvalue())
    app.cleanup()
    built = set()
    for line in log.splitlines():
        m = WARNING_RE.match(line)
        if not m or not m["path"].startswith(str(src)):
            continue
        rel = Path(m["path"]).relative_to(src).as_posix()
        built.add((rel, int(m["line"]), m["kind"], m["message"]))
    problems, _ = check(src)
    checked = {
        (
            p.path,
            p.line,
            p.subtype if "." in p.subtype else f"conference.{p.subtype}",
            p.message,
        )
        for p in problems
        if p.subtype not in CHECK_ONLY
    }
    return built, checked


def _conference(found):
    return {f for f in found if not f[2].startswith(MYST)}


def _myst(found):
    # MyST 4 (Sphinx 7.4) names the page of its own warnings "page.md.rst".
    return {(f[0].removesuffix(".rst"), *f[1:3]) for f in found if f[2].startswith(MYST)}


def test_corpus_has_the_new_cases():
    kinds = {(c[0], c[3]) for c in CASES}
    assert {
        ("front-matter", "field"),
        ("post-body", "html"),
        ("page", "duplicate"),
        ("page", "reference"),
        ("page", "track"),
    } <= kinds
    assert any(c[0] == "event" and c[1] == "tracks" for c in CASES)
    assert ("event", "series") in {(c[0], c[3]) for c in CASES}
    assert any("event-list" in c[2] for c in CASES)


def test_check_reports_what_the_build_reports(reports):
    built, checked = reports
    assert len(_conference(built)) > len(CASES)
    missed = sorted(_conference(built) - _conference(checked))
    assert missed == [], "reported by the build only:\n" + "\n".join(map(str, missed))


def test_build_reports_what_check_reports(reports):
    built, checked = reports
    extra = sorted(_conference(checked) - _conference(built))
    assert extra == [], "reported by check only:\n" + "\n".join(map(str, extra))


def test_myst_option_warnings_at_the_same_lines(reports):
    built, checked = reports
    assert _myst(built) == _myst(checked)


def test_malformed_front_matter_is_its_only_problem(reports):
    built, checked = reports
    n = next(i for i, c in enumerate(CASES) if c[0] == "front-matter")
    path = case_page(n, *CASES[n][:3])[0]
    mine = {f for f in built if f[0] == path}
    assert mine == {
        (
            path,
            3,
            "conference.field",
            "front matter: YAML error at line 3: mapping values are not allowed here; "
            "expected `key: value` lines between the --- fences",
        )
    }
    assert {f for f in checked if f[0] == path} == mine
