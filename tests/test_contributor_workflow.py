"""A newcomer's pull request, end to end, on a fresh copy of the site.

``new person`` (with a photo) and ``new post``, fill them in, make one mistake,
``check`` names it at its file and line, fix it, ``check`` passes and the
site builds with ``-W``.  Everything runs as a contributor would type it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PIL import Image

from conftest import copy_site, sphinx_build


def cli(site: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sphinx_conference", *args],
        cwd=site,
        capture_output=True,
        text=True,
        check=False,
    )


def fill(path: Path, replacements: dict[str, str]) -> None:
    text = path.read_text("utf-8")
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, "utf-8")


def test_scaffold_check_fix_build(tmp_path):
    (tmp_path / "site").mkdir()
    site = copy_site(tmp_path / "site")
    photo = tmp_path / "portrait.png"
    Image.new("RGB", (1000, 1000), "teal").save(photo)

    person = cli(
        site,
        "new",
        "person",
        "Ada Example",
        "--role",
        "Organiser",
        "--org",
        "PyData Example",
        "--photo",
        str(photo),
    )
    assert person.returncode == 0, person.stderr
    post = cli(
        site,
        "new",
        "post",
        "Notes from my first sprint",
        "--date",
        "2024-05-03",
        "--authors",
        "ada-example",
        "--tags",
        "Community, Sprints",
    )
    assert post.returncode == 0, post.stderr
    person_md = site / "people" / "ada-example.md"
    post_md = site / "posts" / "2024" / "notes-from-my-first-sprint.md"
    assert (site / "_static" / "people" / "ada-example.jpg").is_file()

    # Fresh from `new`, the check lists the placeholders still to write.
    first = cli(site, "check")
    assert first.returncode == 1
    assert "people/ada-example.md:14: placeholder" in first.stdout
    assert "posts/2024/notes-from-my-first-sprint.md:5: placeholder" in first.stdout

    # Fill them in, with one mistake: a date in the wrong form.
    fill(
        person_md,
        {
            "[TODO: a short bio in Markdown, two or three sentences in the third person.]": "Ada runs the sprints of a local Python user group."
        },
    )
    fill(
        post_md,
        {
            "date: 2024-05-03": "date: 3 May 2024",
            "'[TODO: one sentence for lists, feeds and previews]'": "What a first sprint taught me.",
            "[TODO: the text of the post, in Markdown. Use ## headings for its sections.]": "I joined {event}`soocon-2023` remotely and then ran a sprint with {speaker}`nicki-watt`.",
        },
    )
    second = cli(site, "check")
    assert second.returncode == 1
    assert second.stdout.splitlines() == [
        "posts/2024/notes-from-my-first-sprint.md:2: front matter 'date': expected an ISO 8601 date "
        "YYYY-MM-DD, e.g. '2023-02-07', got '3 May 2024' [conference.date]"
    ]

    # Fix it as the message says: the check passes and so does the build, warnings as errors.
    fill(post_md, {"date: 3 May 2024": "date: 2024-05-03"})
    third = cli(site, "check")
    assert (third.returncode, third.stdout) == (0, ""), third.stdout
    build = sphinx_build(site, tmp_path / "html")
    assert build.returncode == 0, build.stderr
    page = (tmp_path / "html" / "posts" / "2024" / "notes-from-my-first-sprint.html").read_text(
        "utf-8"
    )
    assert "Notes from my first sprint" in page and "Ada Example" in page
    assert "ada-example.jpg" in (tmp_path / "html" / "people" / "ada-example.html").read_text(
        "utf-8"
    )
