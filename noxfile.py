"""Sessions: build, docs, tests, serve, lint, bench.

nox -s build   # the site into _build/html, warnings as errors
nox -s docs    # the extension's documentation (docs/) into _build/docs, warnings as errors
nox -s tests   # the test suite (browser tests included; -- -m "not browser" skips them)
nox -s serve   # live preview with sphinx-autobuild
nox -s lint    # ruff, mypy and the layer contracts (import-linter)
nox -s bench   # build benchmarks (see docs/performance.md; -- --archive for the archive)
nox -s compat  # every supported Python / Sphinx combination (nox -s "compat(lowest)" for one)
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nox

nox.options.default_venv_backend = "venv"
nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = ["build", "tests"]

PYTHON = "3.11"
BUILD_DIR = "_build"
#: What `nox -s serve` does not watch: build output, editor files, bytecode (tests/test_serve.py).
SERVE_IGNORE = [
    f"{BUILD_DIR}/*",
    "*.swp",
    "*.swx",
    "*~",
    "*/.#*",
    "*/4913",
    "_tags/*",
    ".nox/*",
    "*/__pycache__/*",
]
SPHINX_ARGS = [
    "-W",
    "--keep-going",
    "-b",
    "html",
    "-d",
    f"{BUILD_DIR}/doctrees",
    ".",
    f"{BUILD_DIR}/html",
]

#: One test process per core (pytest-xdist), each test module whole in one of them (its
#: module-scoped builds are made once).  ``nox -s tests -- -n 0`` runs in one process.
PARALLEL = ["-n", "auto", "--dist", "loadfile"]


def install_site(session: nox.Session, *extras: str, editable: bool = True) -> None:
    """The extension (editable unless told) and the site's requirements."""
    spec = f".[{','.join(extras)}]" if extras else "."
    session.install(*(["-e"] if editable else []), spec)


@nox.session(python=PYTHON)
def build(session: nox.Session) -> None:
    """Build the site into _build/html with warnings as errors."""
    install_site(session)
    session.run("sphinx-build", *SPHINX_ARGS, *session.posargs)


@nox.session(python=PYTHON)
def docs(session: nox.Session) -> None:
    """Build the extension's documentation (docs/, its own site) into _build/docs, -W."""
    install_site(session, "docs")
    session.run(
        "sphinx-build",
        "-W",
        "--keep-going",
        "-b",
        "html",
        "-d",
        f"{BUILD_DIR}/docs-doctrees",
        "docs",
        f"{BUILD_DIR}/docs",
        *session.posargs,
    )


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """Run the test suite."""
    install_site(session, "test")
    session.run("pytest", *PARALLEL, *session.posargs, env={"PYTHONHASHSEED": "0", **_ci_env()})


@nox.session(python=PYTHON)
def serve(session: nox.Session) -> None:
    """Live preview: rebuild on save and reload the browser."""
    install_site(session, "dev")
    session.run(
        "sphinx-autobuild",
        *SPHINX_ARGS[2:-1],  # no -W while editing: show problems without stopping
        f"{BUILD_DIR}/html",
        *[arg for pattern in SERVE_IGNORE for arg in ("--ignore", pattern)],
        "--watch",
        "src/sphinx_conference",
        *session.posargs,
    )


@nox.session(python=PYTHON)
def check(session: nox.Session) -> None:
    """Check all content in seconds, without a build (the pre-commit hook)."""
    install_site(session)
    session.run("python", "-m", "sphinx_conference", "check", *session.posargs)


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """Build benchmarks: site vs plain Sphinx + MyST vs ABlog (``-- --sizes 500 2000``).

    ``-- --archive`` runs the archive benchmark of issue 20 instead (docs/performance.md).
    """
    # Installed as Read the Docs and a site's users install it (a wheel, byte-compiled at
    # install), not editable: an editable package's modules may be compiled on every build.
    install_site(session, "bench", editable=False)
    # The builds measured must run in the site's build environment.  sphinxext-opengraph
    # imports matplotlib whenever it is installed (for social cards, which the site leaves
    # off): half a second per build that `nox -s build` and Read the Docs never pay.  So
    # matplotlib goes into a folder of its own that only the plotting code puts on its path.
    plotlib = Path(session.create_tmp()) / "plotlib"
    session.install("--target", str(plotlib), "--upgrade", "matplotlib>=3.8")
    session.run(
        "python",
        "benchmarks/run.py",
        *session.posargs,
        env={"CONFERENCE_BENCH_PLOTLIB": str(plotlib)},
    )


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """Ruff (lint and format check), mypy and import-linter's layer contracts on the extension."""
    install_site(session, "dev")
    session.run("ruff", "check", "src", "tests", "benchmarks", "docs", "noxfile.py", "conf.py")
    session.run(
        "ruff", "format", "--check", "src", "tests", "benchmarks", "docs", "noxfile.py", "conf.py"
    )
    session.run("mypy", "src")
    # The package's layers (contracts in pyproject.toml): outer layers import inner ones,
    # the core imports no Sphinx, no sibling modules import each other in a cycle, and
    # nothing imports the opt-in speed-ups.
    session.run("lint-imports")


#: (id, Python, constraint): the combinations ``nox -s compat`` tests.  ``lowest`` installs the
#: lower bounds declared in pyproject.toml (uv's ``--resolution lowest-direct``: every direct
#: requirement at its floor, what they pull in at its newest); the others install the newest
#: release that the constraint allows, with the docutils, myst-parser and sphinx-design versions
#: that the resolver picks to go with it.
COMPAT = [
    ("lowest", "3.11", None),
    ("sphinx7.4", "3.11", "sphinx==7.4.*"),
    ("sphinx8.2", "3.11", "sphinx==8.2.*"),
    ("newest-py3.12", "3.12", None),
    ("newest-py3.13", "3.13", None),
]
#: The packages whose versions each combination reports.
COMPAT_REPORT = [
    "sphinx",
    "docutils",
    "myst-parser",
    "sphinx-design",
    "sphinx-tags",
    "markdown-it-py",
    "mdit-py-plugins",
    "sphinxext-opengraph",
    "sphinx-sitemap",
    "nh3",
    "feedgen",
    "icalendar",
    "lxml",
    "Pillow",
    "PyYAML",
    "PyStemmer",
    "markdownify",
    "defusedxml",
    "pytest",
]
#: Left out of the compatibility runs, each for a reason that is not about the versions tested:
#: tests/test_packaging.py builds the sdist and wheel with the build backend's floor and checks
#: them with twine (one packaging check, the same on every Sphinx: `nox -s tests` runs it);
#: tests/test_serve.py starts sphinx-autobuild and a watcher (a development tool, not a
#: dependency of a site).  Browser tests need Chromium, and the tests marked ``slow`` (the
#: benchmark harnesses end to end, a new site from the wheel in a fresh virtualenv, which
#: installs the newest releases whatever the combination): `nox -s tests` runs them.
COMPAT_DESELECT = ["--ignore=tests/test_packaging.py", "--ignore=tests/test_serve.py"]


@nox.session(name="compat")
@nox.parametrize(
    ("python", "combo", "constraint"),
    [(py, combo, pin) for combo, py, pin in COMPAT],
    ids=[combo for combo, _, _ in COMPAT],
)
def compat(session: nox.Session, combo: str, constraint: str | None) -> None:
    """Build a test site with -W and run the non-browser tests on one supported combination."""
    # uv resolves (and, for ``lowest``, picks each direct requirement's floor); the lock it
    # writes is synced exactly, so a reused virtualenv holds this combination and nothing else.
    session.install("uv")
    # Not session.create_tmp(): it points TMPDIR into .nox/, and the tests' temporary sites
    # would then sit below this repository's conf.py (test_check's "no conf.py" case).
    tmp = Path(session.virtualenv.location) / "compat-tmp"
    tmp.mkdir(exist_ok=True)
    python = str(Path(session.virtualenv.location) / "bin" / "python")
    lock = tmp / f"compat-{combo}.txt"
    # uv prefers the versions of an existing output file: resolve afresh each time.
    lock.unlink(missing_ok=True)
    compile_args = ["--python", python, "--extra", "test", "-o", str(lock), "--quiet"]
    if constraint is None and combo == "lowest":
        compile_args += ["--resolution", "lowest-direct"]
    if constraint is not None:
        pins = tmp / f"compat-{combo}-constraints.txt"
        pins.write_text(constraint + "\n", encoding="utf-8")
        compile_args += ["--constraint", str(pins)]
    session.run("uv", "pip", "compile", "pyproject.toml", *compile_args, silent=True)
    session.run("uv", "pip", "sync", "--python", python, str(lock), "--quiet")
    session.run("uv", "pip", "install", "--python", python, "--no-deps", "-e", ".", "--quiet")
    session.run(
        "python",
        "-c",
        "import sys, importlib.metadata as m; print(f'{sys.argv[1]}: Python', "
        "sys.version.split()[0] + ', ' + ', '.join(f'{n} {m.version(n)}' for n in sys.argv[2:]))",
        combo,
        *COMPAT_REPORT,
    )
    # A small site with every kind of page, built with warnings as errors in a copy (a build
    # writes nothing into the source tree).
    site = tmp / "site"
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree("tests/roots/test-web", site)
    session.run(
        "sphinx-build", "-W", "--keep-going", "-q", "-b", "html", str(site), str(site / "_build")
    )
    session.run(
        "pytest",
        *PARALLEL,
        "-m",
        "not browser and not slow",
        "-q",
        "-p",
        "no:cacheprovider",
        *COMPAT_DESELECT,
        *session.posargs,
        env={"PYTHONHASHSEED": "0", **_ci_env()},
    )


def _ci_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k in {"CI"}}
