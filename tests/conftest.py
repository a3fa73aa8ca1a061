"""Shared fixtures: test roots live in tests/roots/test-<name>/ and are built in temporary copies."""

from __future__ import annotations

import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).parent.parent
SHARED = REPO.parent / "shared"
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))


def _major(version: str) -> int:
    return int(version.split(".")[0])


#: MyST >= 5 (Sphinx >= 8) reports its own option warnings at the option's line, "Unknown option
#: key: 'x'"; MyST 4 (the newest for Sphinx 7.4) at the directive's line, in "page.md.rst",
#: "Unknown option keys: ['x']".  Tests of MyST's messages accept both, exact on MyST >= 5.
MYST_5 = _major(__import__("myst_parser").__version__) >= 5
#: Sphinx >= 8 keeps nodes with the "no-search" class out of the search index; 7.4 has no such class.
SPHINX_8 = _major(__import__("sphinx").__version__) >= 8


def myst_unknown_option(page: str, line: int, directive: str, key: str) -> str:
    """A regex of MyST's warning for an unknown option ``key`` at ``line`` of ``page``."""
    import re

    if MYST_5:
        return rf"{re.escape(page)}:{line}: (WARNING: )?'{directive}': Unknown option key: '{key}'"
    return rf"{re.escape(page)}(\.rst)?:\d+: (WARNING: )?'{directive}': Unknown option keys: \[[^]]*'{key}'"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where sphinx.testing finds ``test-<name>`` roots."""
    return ROOTS


def html(app, docname: str) -> BeautifulSoup:
    """The parsed HTML of one built page."""
    return BeautifulSoup((Path(app.outdir) / f"{docname}.html").read_text("utf-8"), "lxml")


def warnings(app) -> str:
    """Everything the build warned about, colour codes stripped."""
    from sphinx.util.console import strip_escape_sequences

    return strip_escape_sequences(app.warning.getvalue())


#: confoverrides that add the optional speed-ups to a root that lists only "sphinx_conference".
WITH_SPEEDUPS = {"extensions": ["sphinx_conference", "sphinx_conference.speedups"]}


def copy_site(dest: Path) -> Path:
    """A copy of the real site's sources (no build output) in ``dest``."""
    for name in ("conf.py", "index.md"):
        shutil.copy(REPO / name, dest / name)
    for folder in ("posts", "events", "people", "_static", "_templates"):
        if (REPO / folder).exists():
            shutil.copytree(REPO / folder, dest / folder)
    return dest


def build_root(name: str, dest: Path, buildername: str = "html", **kwargs):
    """Copy ``tests/roots/test-<name>`` to ``dest``, build it and return the app."""
    from io import StringIO

    from sphinx.testing.util import SphinxTestApp

    shutil.copytree(ROOTS / f"test-{name}", dest, dirs_exist_ok=True)
    kwargs.setdefault("status", StringIO())
    kwargs.setdefault("warning", StringIO())
    app = SphinxTestApp(buildername, srcdir=dest, **kwargs)
    app.build()
    return app


@pytest.fixture(scope="module", autouse=True)
def _clean_global_state():
    """Clear Docutils' and Sphinx's global registries after each test module, and collect.

    An app a test leaves without ``cleanup()`` keeps its roles, directives and
    nodes registered, and the next app's setup warns that they already are.
    """
    yield
    import gc

    from sphinx.testing.util import _clean_up_global_state

    _clean_up_global_state()
    # Finalise the module's applications now: sphinx-sitemap's multiprocessing manager
    # is a forked process that holds every file the test process had open (the browser
    # driver's pipe among them) until its manager is collected.
    gc.collect()


@pytest.fixture(scope="module")
def module_tmp(tmp_path_factory, request) -> Path:
    """A temporary folder for one test module."""
    return tmp_path_factory.mktemp(request.module.__name__.rsplit(".", 1)[-1])


def sphinx_build(src: Path, out: Path, *extra: str, env: dict[str, str] | None = None):
    """Run ``sphinx-build -W --keep-going -b html`` in a subprocess, as the site's build does."""
    import os
    import subprocess
    import sys

    cmd = [
        sys.executable,
        "-m",
        "sphinx",
        "-W",
        "--keep-going",
        "-b",
        "html",
        # Plain text whatever the terminal (CI may set FORCE_COLOR): tests read the messages.
        "--no-color",
        # Warnings name their type ("[conference.alias]"): the default from Sphinx 8, not 7.4.
        "-D",
        "show_warning_types=1",
        *extra,
        str(src),
        str(out),
    ]
    full_env = {**os.environ, **env} if env else None
    return subprocess.run(cmd, capture_output=True, text=True, check=False, env=full_env)


# -- the built distributions (tests/test_packaging.py, tests/test_new_site.py) ------------------

#: Copied for the build: everything but caches, build output and version control.
IGNORED = shutil.ignore_patterns(
    ".git", ".nox", ".venv", "venv", "_build", "_tags", "build", "dist", "*.egg-info",
    "__pycache__", "*.py[cod]", ".*_cache", "bench-results",
)  # fmt: skip


def setuptools_floor() -> str:
    """The version in ``setuptools>=X`` of ``[build-system] requires``."""
    for requirement in PYPROJECT["build-system"]["requires"]:
        found = re.fullmatch(r"setuptools\s*>=\s*([\w.]+)", requirement.strip())
        if found:
            return found.group(1)
    raise AssertionError("no setuptools>=X in [build-system] requires")


@pytest.fixture(scope="session")
def tree(tmp_path_factory) -> Path:
    """A copy of the working tree (so the build writes nothing into the repository)."""
    dest = tmp_path_factory.mktemp("tree") / "sphinx-conference"
    shutil.copytree(REPO, dest, ignore=IGNORED)
    return dest


@pytest.fixture(scope="session")
def dists(tree, tmp_path_factory) -> dict[str, Path]:
    """The sdist and the wheel, built once per test run with the setuptools floor."""
    out = tmp_path_factory.mktemp("dist")
    constraints = out / "constraints.txt"
    constraints.write_text(f"setuptools=={setuptools_floor()}\n", "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(tree)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PIP_CONSTRAINT": str(constraints)},
    )
    assert result.returncode == 0, f"python -m build failed:\n{result.stdout}\n{result.stderr}"
    (sdist,) = out.glob("*.tar.gz")
    (wheel,) = out.glob("*.whl")
    return {"sdist": sdist, "wheel": wheel}


@pytest.fixture(scope="session")
def browser():
    """One Debian chromium for every browser test of the run (Playwright's sync API allows one)."""
    from browser import CHROMIUM, CHROMIUM_ARGS

    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
        # Processes forked during the run (sphinx-sitemap starts a multiprocessing manager
        # for each application) hold copies of the pipe to Playwright's driver, which would
        # then never see it close: Playwright's exit would wait for ever.
        for child in multiprocessing.active_children():
            child.terminate()
            child.join(5)


@pytest.fixture(scope="session")
def axe() -> str:
    """The text of axe-core's script (installed from npm on first use)."""
    from browser import axe_source

    return axe_source()
