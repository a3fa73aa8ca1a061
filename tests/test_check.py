"""``python -m sphinx_conference check``: every kind of problem at its file and line, as the build says it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, copy_site, myst_unknown_option
from sphinx_conference.cli import main

EVENT = "events/2023/soocon-2023.md"
POST = "posts/2023/soocon-2023-six-sessions.md"


def run_check(root: Path, *args: str, monkeypatch, capsys) -> tuple[int, list[str]]:
    monkeypatch.chdir(root)
    code = main(["check", *args])
    out = capsys.readouterr().out
    return code, [line for line in out.splitlines() if line]


def edit(path: Path, old: str, new: str) -> int:
    """Replace ``old`` by ``new`` once; return the 1-based line where ``new`` starts."""
    text = path.read_text("utf-8")
    assert old in text, old
    index = text.index(old)
    path.write_text(text.replace(old, new, 1), "utf-8")
    return text[:index].count("\n") + 1


@pytest.fixture
def site(tmp_path):
    copy_site(tmp_path)
    (tmp_path / "_static").mkdir(exist_ok=True)
    return tmp_path


def test_real_site_is_clean(monkeypatch, capsys):
    code, lines = run_check(REPO, monkeypatch=monkeypatch, capsys=capsys)
    assert (code, lines) == (0, [])


def test_each_problem_at_its_line_with_the_validation_message(site, monkeypatch, capsys):
    event = site / EVENT
    start_line = (
        edit(event, ":speakers: matt-turner\n", ":speakers: matt-turner\n:start: 7 Feb 11am\n") + 1
    )
    type_line = edit(
        event,
        ":type: talk\n:tags: Security, Zero Trust",
        ":type: tlak\n:tags: Security, Zero Trust",
    )
    speaker_line = edit(event, ":speakers: nicki-watt", ":speakers: nicki-wat")
    post = site / POST
    author_line = edit(post, "authors: albane-tonnellier", "authors: albane")
    role_line = edit(post, "{speaker}`nicki-watt`", "{speaker}`nicky`")
    code, lines = run_check(site, monkeypatch=monkeypatch, capsys=capsys)
    assert code == 1
    expected = {
        f"{EVENT}:{type_line}: {{session}} field 'type': expected one of bof, break, keynote, lightning, other, "
        "panel, plenary, talk, tutorial, unconference, workshop for the session type, got 'tlak' [conference.type]",
        f"{EVENT}:{start_line}: {{session}} field 'start': expected an ISO 8601 date and time YYYY-MM-DD HH:MM, "
        "e.g. '2023-02-07 11:00', got '7 Feb 11am' [conference.datetime]",
        f"{EVENT}:{speaker_line}: unknown speaker id 'nicki-wat': no {{speaker}} directive defines it (role "
        "{speaker}; expected the id of a defined speaker, e.g. {speaker}`ada-lovelace`) [conference.reference]",
        f"{POST}:{author_line}: front matter 'authors': unknown person id 'albane'; expected the id of a "
        "{speaker} directive in people/, e.g. 'grace-hopper' [conference.reference]",
        f"{POST}:{role_line}: unknown speaker id 'nicky': no {{speaker}} directive defines it (role {{speaker}}; "
        "expected the id of a defined speaker, e.g. {speaker}`ada-lovelace`) [conference.reference]",
    }
    assert set(lines) == expected


def test_messages_match_the_build(site, monkeypatch, capsys):
    """Checker and build agree: the same messages at the same lines."""
    post = site / POST
    edit(post, "authors: albane-tonnellier", "authors: albane-tonnellier\nfoo: 1")
    edit(site / EVENT, ":type: talk\n:tags: Security", ":type: talk\n:track: Nope\n:tags: Security")
    (site / "people" / "copy.md").write_text(
        "# Copy\n\n:::{speaker} nicki-watt\n:name: Another\n:::\n"
    )
    code, lines = run_check(site, monkeypatch=monkeypatch, capsys=capsys)
    assert code == 1 and len(lines) == 3
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(site), str(site / "_build")],
        capture_output=True,
        text=True,
        check=False,
    )
    built = {
        w.replace(f"{site}/", "").replace(": WARNING: ", ": ")
        for w in re.sub(r"\x1b\[[0-9;]*m", "", result.stderr).splitlines()
        if "WARNING" in w
    }
    assert set(lines) == built


def test_duplicates_tags_photo_placeholders_and_options(site, monkeypatch, capsys):
    conf = site / "conf.py"
    conf.write_text(
        conf.read_text()
        + "\nconference_tags = {'Security': {}, 'Community': {'aliases': ['Communities']}}\n"
        "conference_tags_strict = True\n"
    )
    (site / "people" / "zed.md").write_text(
        "# Zed\n\n:::{speaker} nicki-watt\n:name: Zed <b>\n:photo: ../_static/nope.jpg\n"
        ":bogus: 1\n:tags: Communities, Gardening\n\n[TODO: a bio]\n:::\n"
    )
    code, lines = run_check(site, "people", monkeypatch=monkeypatch, capsys=capsys)
    assert code == 1
    text = "\n".join(lines)
    assert (
        "people/zed.md:3: duplicate speaker id 'nicki-watt': already defined at people/nicki-watt.md:3"
        in text
    )
    assert (
        "people/zed.md:4: {speaker} field 'name': plain text expected, got markup 'Zed <b>'" in text
    )
    assert "people/zed.md:5: {speaker} field 'photo': no such file '../_static/nope.jpg'" in text
    assert re.search(myst_unknown_option("people/zed.md", 6, "speaker", "bogus"), text)
    assert "people/zed.md:7: tag 'Gardening' is not in the conference_tags vocabulary" in text
    assert "'Communities'" not in text  # an alias is in the vocabulary
    assert "people/zed.md:9: placeholder '[TODO: a bio]' left from 'new'" in text
    # Only the given paths are reported (people/), though ids resolve site-wide.
    assert all(line.startswith("people/") for line in lines)


def test_paths_limit_the_report(site, monkeypatch, capsys):
    edit(site / POST, "authors: albane-tonnellier", "authors: albane")
    code, lines = run_check(site, "people", monkeypatch=monkeypatch, capsys=capsys)
    assert (code, lines) == (0, [])
    code, lines = run_check(site, POST, monkeypatch=monkeypatch, capsys=capsys)
    assert code == 1 and lines[0].startswith(f"{POST}:3:")


def test_post_front_matter(site, monkeypatch, capsys):
    (site / "posts" / "2023" / "bad.md").write_text(
        "---\ndate: 14/02/2023\ndraft: maybe\nsummary: see <b>this</b>\n---\nNo title here.\n"
    )
    code, lines = run_check(site, monkeypatch=monkeypatch, capsys=capsys)
    assert code == 1
    bad = "posts/2023/bad.md"
    assert lines == [
        f"{bad}:1: front matter 'title': a post needs a title: start it with a '# Heading' [conference.required]",
        f"{bad}:2: front matter 'date': expected an ISO 8601 date YYYY-MM-DD, e.g. '2023-02-07', "
        "got '14/02/2023' [conference.date]",
        f"{bad}:3: front matter 'draft': expected true or false, got 'maybe' [conference.field]",
        f"{bad}:4: front matter 'summary': plain text expected, got markup 'see <b>this</b>'; "
        "it is shown as text, not rendered [conference.markup]",
    ]


def test_no_conf_py(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 2
    assert "no conf.py found" in capsys.readouterr().err
