"""Sessions: build, docs, tests, serve, lint, bench.

nox -s build   # the site into _build/html, warnings as errors
nox -s docs    # the extension's documentation (docs/) into _build/docs, warnings as errors
nox -s tests   # the test suite (browser tests included; -- -m "not browser" skips them)
nox -s serve   # live preview with sphinx-autobuild
nox -s lint    # ruff, mypy and the layer contracts (import-linter)
nox -s bench   # build benchmarks (see docs/performance.md)
"""

from __future__ import annotations

import os
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
    session.run("pytest", *session.posargs, env={"PYTHONHASHSEED": "0", **_ci_env()})


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
    """Build benchmarks: site vs plain Sphinx + MyST vs ABlog (``-- --sizes 500 2000``)."""
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


def _ci_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k in {"CI"}}
