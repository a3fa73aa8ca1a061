"""The installed package carries every file the extension reads at build time.

Read the Docs installs the site with ``pip install .``: a file left out of the
wheel's package data breaks that build (a missing stylesheet is a warning, and
warnings fail it) while an editable install still works.
"""

from __future__ import annotations

import tomllib

from conftest import REPO

PACKAGE = REPO / "src" / "sphinx_conference"


def test_package_data_covers_every_non_python_file():
    config = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["sphinx_conference"]
    shipped = {path for pattern in patterns for path in PACKAGE.glob(pattern) if path.is_file()}
    files = {
        path
        for path in PACKAGE.rglob("*")
        if path.is_file() and path.suffix not in {".py", ".pyc"} and "__pycache__" not in path.parts
    }
    assert files, "no data files found: wrong package folder?"
    missing = sorted(str(path.relative_to(PACKAGE)) for path in files - shipped)
    assert not missing, f"not in [tool.setuptools.package-data]: {missing}"
