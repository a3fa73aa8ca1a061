"""``python -m sphinx_conference new site DIR``: a site that builds with ``-W`` at once.

The site is built as its README says (``sphinx-build -W``), in the test environment for each
theme that is installed there, and once from the built wheel in a fresh virtual environment,
as a new community would start.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from conftest import sphinx_build
from sphinx_conference.cli import main
from sphinx_conference.cli.check import check
from sphinx_conference.cli.newsite import THEMES, site_today
from sphinx_conference.core.version import __version__

TODAY = site_today()
EVENT_YEAR = (TODAY + dt.timedelta(weeks=8)).year
EVENT = f"sample-conference-{EVENT_YEAR}"
#: The sample pages, as built (html paths without the suffix).
SAMPLES = [
    f"events/{EVENT_YEAR}/{EVENT}",
    "people/sample-speaker",
    f"posts/{TODAY.year}/sample-post",
]
SOURCES = {
    "conf.py",
    "index.md",
    "posts/index.md",
    "events/index.md",
    "people/index.md",
    *(f"{page}.md" for page in SAMPLES),
    "_static/site.css",
    ".readthedocs.yaml",
    "requirements.txt",
    ".gitignore",
    "README.md",
}


def files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def new_site(*args: str) -> int:
    return main(["new", "site", *args])


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """A new site (default theme) and its HTML, built with -W."""
    root = tmp_path_factory.mktemp("new-site")
    site = root / "pycon-2027"
    assert new_site(str(site)) == 0
    out = root / "html"
    result = sphinx_build(site, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return site, out


def test_writes_every_file_of_a_site(built):
    site, _ = built
    assert files(site) == SOURCES


def test_builds_with_w_and_shows_the_samples(built):
    site, out = built
    assert files(site) == SOURCES, "the build wrote into the sources"
    for page in ["index", "posts/index", "events/index", "people/index", *SAMPLES]:
        assert (out / f"{page}.html").is_file(), page
    event = (out / f"events/{EVENT_YEAR}/{EVENT}.html").read_text("utf-8")
    assert "Sample keynote: why this site exists" in event
    assert "Sample workshop: your first event page" in event
    home = (out / "index.html").read_text("utf-8")
    assert "<title>Pycon 2027" in home, "--name defaults to the folder's name, title-cased"
    assert f"Sample Conference {EVENT_YEAR}" in home, "the sample event is upcoming"
    assert "Sample post: welcome" in home, "the sample post is published"
    assert 'href="_tags/tagsindex.html"' in home
    assert (out / "_tags" / "tagsindex.html").is_file()
    assert (out / "_tags" / "sample.html").is_file()


def test_samples_say_they_are_samples(built):
    site, _ = built
    for page in SAMPLES:
        text = (site / f"{page}.md").read_text("utf-8")
        assert "% SAMPLE: this page shows what" in text, page
        title = next(line for line in text.splitlines() if line.startswith("# "))
        assert "Sample" in title, page


def test_check_passes_on_the_new_site(built, monkeypatch, capsys):
    site, _ = built
    assert check(site) == ([], 7)  # README.md is excluded: not a page
    monkeypatch.chdir(site)
    assert main(["check"]) == 0
    assert "no problems" in capsys.readouterr().err


def test_build_files(built):
    site, _ = built
    rtd = yaml.safe_load((site / ".readthedocs.yaml").read_text("utf-8"))
    assert rtd["version"] == 2
    assert rtd["build"]["os"].startswith("ubuntu-")
    assert rtd["build"]["tools"]["python"] == "3.12"
    assert rtd["python"]["install"] == [{"requirements": "requirements.txt"}]
    assert rtd["sphinx"] == {"configuration": "conf.py", "builder": "html", "fail_on_warning": True}
    requirements = (site / "requirements.txt").read_text("utf-8")
    assert f"sphinx-conference>={__version__}" in requirements.splitlines()
    ignored = (site / ".gitignore").read_text("utf-8").splitlines()
    assert {"_build/", ".venv/", "_tags/"} <= set(ignored)
    readme = (site / "README.md").read_text("utf-8")
    for command in [
        "python -m pip install -r requirements.txt",
        "sphinx-build -W -b html . _build/html",
        "python -m http.server -d _build/html",
        "sphinx-autobuild . _build/html",
        "python -m sphinx_conference check",
    ]:
        assert command in readme, command
    assert 'html_theme = "conference"' in (site / "conf.py").read_text("utf-8")


@pytest.mark.parametrize("theme", [t for t in THEMES if t != "conference"])
def test_each_theme_builds(theme, tmp_path):
    if importlib.util.find_spec(theme) is None:
        pytest.skip(
            f"{theme} is not installed in the test environment (pip install {THEMES[theme]})"
        )
    site = tmp_path / "site"
    assert new_site(str(site), "--theme", theme, "--name", "Theme Test") == 0
    assert f'html_theme = "{theme}"' in (site / "conf.py").read_text("utf-8")
    requirements = (site / "requirements.txt").read_text("utf-8")
    if THEMES[theme]:
        assert THEMES[theme] in requirements, "a theme sphinx-conference does not install"
    else:
        assert len(requirements.strip().splitlines()) == 2, requirements
    result = sphinx_build(site, tmp_path / "html")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "html" / f"events/{EVENT_YEAR}/{EVENT}.html").is_file()


def test_empty_folder_is_fine_and_a_missing_one_is_created(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / ".git").mkdir()  # `git init` first is fine
    assert new_site(str(empty), "--name", "Our Meetup") == 0
    assert files(empty) - {".git"} >= SOURCES
    assert 'project = "Our Meetup"' in (empty / "conf.py").read_text("utf-8")
    missing = tmp_path / "a" / "b" / "python_meetup-berlin"
    assert new_site(str(missing)) == 0
    assert files(missing) == SOURCES
    assert 'project = "Python Meetup Berlin"' in (missing / "conf.py").read_text("utf-8")


def test_refuses_a_folder_that_is_not_empty(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("mine\n", "utf-8")
    assert new_site(str(tmp_path)) == 2
    err = capsys.readouterr().err
    assert f"new site: {tmp_path} is not empty (notes.txt); nothing was written" in err
    assert files(tmp_path) == {"notes.txt"}
    assert (tmp_path / "notes.txt").read_text("utf-8") == "mine\n"
    # A file in place of the folder is refused too.
    assert new_site(str(tmp_path / "notes.txt")) == 2
    assert "is a file" in capsys.readouterr().err


def test_unknown_theme_is_refused(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        new_site(str(tmp_path / "site"), "--theme", "nonesuch")
    assert exit_.value.code == 2
    assert "invalid choice: 'nonesuch'" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


@pytest.mark.slow
def test_from_the_wheel_in_a_fresh_venv(dists, tmp_path):
    """pip install the built wheel in a new venv; `new site`, `check` and `sphinx-build -W` there."""
    venv = tmp_path / "venv"
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    # The dependencies come from the package index; pip's cache is shared between runs.
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-compile", str(dists["wheel"])],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    installed = time.monotonic()

    def run(*cmd: str, cwd: Path = tmp_path) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=cwd, check=False)
        assert result.returncode == 0, f"{cmd}:\n{result.stdout}\n{result.stderr}"
        return result

    # The package comes from the venv, not from this checkout.
    where = run(str(python), "-c", "import sphinx_conference; print(sphinx_conference.__file__)")
    assert Path(where.stdout.strip()).is_relative_to(venv), where.stdout
    site = tmp_path / "my-site"
    run(str(python), "-m", "sphinx_conference", "new", "site", str(site))
    run(str(python), "-m", "sphinx_conference", "check", cwd=site)
    run(str(venv / "bin" / "sphinx-build"), "-W", "-b", "html", ".", "_build/html", cwd=site)
    for page in SAMPLES:
        assert (site / "_build" / "html" / f"{page}.html").is_file(), page
    print(
        f"venv and pip install: {installed - started:.1f} s; "
        f"new site, check and build: {time.monotonic() - installed:.1f} s"
    )
