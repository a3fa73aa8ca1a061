"""Where MyST gives up on an option block or on colon fences, the build names the cause."""

from __future__ import annotations

import re
import shutil
from io import StringIO

import pytest
from sphinx.testing.util import SphinxTestApp

from conftest import ROOTS, build_root, html, warnings
from sphinx_conference.core import optionlines

# -- one option line read on its own, as MyST reads it (no build) --------------------------

LINES = [
    ':role: "Head" of things',
    ":role: '\"Head\" of things'",
    ':role: "\\"Head\\" of things"',
    ":role: 'it''s'",
    ":role: it's",
    ':role: x "y"',
    ":role: a # comment",
    ":role: a#b",
    ':role: "a" # comment',
    ':role: "unclosed',
    ":role: 'unclosed",
    ':role: "a\\tb\\x41\\u00e9"',
    ':role: "bad \\q escape"',
    ":role: 'a' b",
    ":role:",
    ":role:   ",
    ":role: a: b",
    ":links: https://a.org/x, https://b.org/",
    ":role:x",
]


@pytest.mark.parametrize("line", LINES)
def test_one_line_is_read_as_myst_reads_it(line):
    """What the extension reads from a line alone is what MyST reads from it, or an error."""
    options = pytest.importorskip("myst_parser.parsers.options")
    try:
        expected = dict(options.options_to_items(line[1:])[0])
    except options.TokenizeError:
        expected = None
    key, value, problem = optionlines.read_option_line(line)
    if expected is None:
        assert value is None and problem, line
    else:
        assert {key: value} == expected and not problem


@pytest.mark.parametrize(
    ("line", "fix"),
    [
        (':role: "Head" of things', ":role: '\"Head\" of things'"),
        (":role: 'Rear admiral' (retired)", ":role: \"'Rear admiral' (retired)\""),
        (':author: "><script>', ":author: '\"><script>'"),
    ],
)
def test_the_suggested_line_is_read_back_as_written(line, fix):
    key, value, problem = optionlines.read_option_line(line)
    assert value is None and problem.endswith(f"quote the whole value: {fix}")
    assert optionlines.read_option_line(fix) == (key, line.split(": ", 1)[1], "")


def test_option_block_of_both_fences_and_yaml_style():
    for fence in (":::", "```"):
        text = f"{fence}{{speaker}} ada\n:name: Ada\n  :org: X\n\nBody\n:not: an option\n{fence}\n"
        assert optionlines.option_block(text) == [(1, ":name: Ada"), (2, ":org: X")]
    yaml = '```{speaker} ada\n---\nname: Ada\nrole: "Head" of things\n---\nBody\n```\n'
    assert optionlines.option_block(yaml) == [(2, ":name: Ada"), (3, ':role: "Head" of things')]
    assert optionlines.option_block("body only\n:name: x\n") == []
    nested = "::::{speaker} ada\n:name: Ada\n:::{note}\n:::\n::::\n"
    assert optionlines.option_block(nested) == [(1, ":name: Ada")]


# -- a build whose option blocks MyST rejects ------------------------------------------


@pytest.fixture(scope="module")
def lenient(module_tmp):
    app = build_root("lenient", module_tmp / "src")
    yield app, warnings(app)
    app.cleanup()


def _at(log: str, path: str) -> list[str]:
    return [w for w in log.splitlines() if re.search(rf"[/\\]{re.escape(path)}:\d+: WARNING", w)]


def test_speaker_keeps_every_other_option(lenient):
    app, _ = lenient
    card = html(app, "people/ada").find(id="speaker-ada")
    text = " ".join(card.get_text().split())
    assert "Ada Lovelace" in text and "Analytical Engines" in text
    assert "Head" not in text  # the line MyST could not read is left out, with a warning
    hrefs = {a["href"] for a in card.select(".conference-links a")}
    assert hrefs == {"https://example.org/ada", "https://github.com/ada"}
    assert "First programmer." in text


def test_speaker_warns_once_at_the_line_naming_key_and_fix(lenient):
    _, log = lenient
    mine = [w for w in _at(log, "people/ada.md") if "[conference." in w]
    assert len(mine) == 1, mine
    assert "people/ada.md:5: WARNING: {speaker} field 'role':" in mine[0]
    assert mine[0].endswith(
        """quote the whole value: :role: '"Head" of things' [conference.field]"""
    )
    assert "required" not in log  # the name was recovered


def test_myst_own_warning_is_at_the_same_line(lenient):
    """MyST still reports the block (documented in docs/warnings.md); at most once."""
    _, log = lenient
    theirs = [w for w in _at(log, "people/ada.md") if "[myst." in w]
    assert len(theirs) <= 1
    if theirs:
        assert re.search(r"people/ada\.md:(3|5): WARNING: 'speaker': Invalid options", theirs[0])


def test_backtick_fence_and_quoted_first_word(lenient):
    app, log = lenient
    card = html(app, "people/grace").find(id="speaker-grace")
    text = " ".join(card.get_text().split())
    assert "Grace Hopper" in text and "Navy" in text
    mine = [w for w in _at(log, "people/grace.md") if "[conference." in w]
    assert len(mine) == 1 and "grace.md:6: WARNING: {speaker} field 'role':" in mine[0], mine


def test_sessions_keep_their_options(lenient):
    app, log = lenient
    page = html(app, "index")
    opening = page.find(id="session-conf-opening")
    text = " ".join(opening.get_text().split())
    assert "Opening" in text and "Ada Lovelace" in text and "Grace Hopper" in text
    assert "30" in text  # the duration after the unreadable :room: line
    closing = " ".join(page.find(id="session-conf-closing").get_text().split())
    assert "Closing" in closing and "Grace Hopper" in closing
    mine = [w for w in _at(log, "index.md") if "[conference." in w]
    assert len(mine) == 2, mine
    assert "index.md:16: WARNING: {session} field 'room':" in mine[0]
    assert "index.md:23: WARNING: {session} field 'type':" in mine[1]
    assert "does not end with it; quote the whole value: :type: '\"talk'" in mine[1]


def test_readable_blocks_are_left_to_myst(lenient):
    app, _ = lenient
    fine = " ".join(html(app, "index").find(id="session-conf-fine").get_text().split())
    assert (
        "Quoted, " in fine
        and "fully" in fine
        and "'" not in fine
        and "Side room" in fine
        and "comment" not in fine
    )


def test_rest_quotes_need_no_recovery(module_tmp):
    """reST has its own option parser: a value starting with a quote is just text there."""
    src = module_tmp / "rest"
    shutil.copytree(ROOTS / "test-rest", src)
    index = src / "index.rst"
    text = index.read_text("utf-8").replace("   :role: Co-founder", '   :role: "Head" of docs')
    assert '"Head" of docs' in text
    index.write_text(text, "utf-8")
    app = SphinxTestApp("html", srcdir=src, status=StringIO(), warning=StringIO())
    app.build()
    try:
        assert [w for w in warnings(app).splitlines() if "index.rst" in w] == []
        assert "Head\u201d of docs" in html(app, "index").find(id="speaker-eric").get_text()
    finally:
        app.cleanup()


# -- colon fences without colon_fence -------------------------------------------------------


def test_first_colon_fence_skips_code_blocks():
    text = "````md\n:::{speaker} x\n:::\n````\n\n~~~\n:::{event} y\n~~~\n:::{note}\n:::\n:::{session} e/s\n"
    assert optionlines.first_colon_fence(text) == (11, "session")
    assert optionlines.first_colon_fence("```{speaker} x\n```\n") is None


@pytest.fixture(scope="module")
def no_colon(module_tmp):
    app = build_root("no-colon-fence", module_tmp / "no-colon")
    yield app, warnings(app)
    app.cleanup()


def test_missing_colon_fence_is_named_once(no_colon):
    _, log = no_colon
    hits = [w for w in log.splitlines() if "colon_fence" in w]
    assert len(hits) == 1, hits
    assert re.search(r"index\.md:14: WARNING: ':::\{speaker\}' is a colon fence", hits[0])
    assert 'add "colon_fence" to myst_enable_extensions in conf.py' in hits[0]
    assert "backtick fences" in hits[0] and hits[0].endswith("[conference.field]")
    # the cause comes before its consequences
    first_unknown = next(i for i, w in enumerate(log.splitlines()) if "[conference.ref" in w)
    assert log.splitlines().index(hits[0]) < first_unknown


def test_colon_fence_enabled_gives_no_such_warning(lenient):
    _, log = lenient
    assert "colon_fence" not in log
