"""What goes to PyPI: the sdist, the wheel, their metadata and the package's README.

The distributions are built once per module with ``python -m build`` (the sdist, then the
wheel from it) from a copy of the working tree, with exactly the setuptools version that
``[build-system] requires`` names as its floor, and then checked as PyPI would take them.

Read the Docs installs the site with ``pip install .``: a file left out of the wheel's
package data breaks that build (a missing stylesheet is a warning, and warnings fail it)
while an editable install still works.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tarfile
import zipfile
from email.parser import HeaderParser
from pathlib import Path

from conftest import PYPROJECT, REPO, setuptools_floor, sphinx_build

PACKAGE = REPO / "src" / "sphinx_conference"
PACKAGE_README = REPO / PYPROJECT["project"]["readme"]
VERSION_FILE = PACKAGE / "core" / "version.py"
#: What the sdist leaves out: the tests (their roots are whole sites), the benchmarks, the docs
#: and the site the repository holds besides the package.
NOT_IN_SDIST_DIRS = {
    "tests",
    "benchmarks",
    "docs",
    "posts",
    "events",
    "people",
    "_static",
    "_templates",
}
NOT_IN_SDIST_FILES = {"conf.py", "index.md", "README.md", "CONTRIBUTING.md", "noxfile.py"}


def source_version() -> str:
    """``__version__`` as written in core/version.py (read, not imported)."""
    for node in ast.parse(VERSION_FILE.read_text("utf-8")).body:
        if isinstance(node, ast.Assign) and [
            t.id for t in node.targets if isinstance(t, ast.Name)
        ] == ["__version__"]:
            return ast.literal_eval(node.value)
    raise AssertionError(f"no __version__ in {VERSION_FILE}")


def wheel_text(wheel: Path, name: str) -> str:
    with zipfile.ZipFile(wheel) as archive:
        (member,) = [n for n in archive.namelist() if n.endswith(f".dist-info/{name}")]
        return archive.read(member).decode("utf-8")


def wheel_metadata(wheel: Path):
    return HeaderParser().parsestr(wheel_text(wheel, "METADATA"))


def sdist_names(sdist: Path) -> list[str]:
    """Member paths relative to the sdist's top folder."""
    with tarfile.open(sdist) as archive:
        return [name.partition("/")[2] for name in archive.getnames() if "/" in name]


# -- no build -----------------------------------------------------------------------------


def test_package_data_covers_every_non_python_file():
    patterns = PYPROJECT["tool"]["setuptools"]["package-data"]["sphinx_conference"]
    shipped = {path for pattern in patterns for path in PACKAGE.glob(pattern) if path.is_file()}
    files = {
        path
        for path in PACKAGE.rglob("*")
        if path.is_file() and path.suffix not in {".py", ".pyc"} and "__pycache__" not in path.parts
    }
    assert files, "no data files found: wrong package folder?"
    missing = sorted(str(path.relative_to(PACKAGE)) for path in files - shipped)
    assert not missing, f"not in [tool.setuptools.package-data]: {missing}"


def test_version_has_one_source():
    """core/version.py holds the version; setuptools reads it; nothing else writes it."""
    assert "version" not in PYPROJECT["project"], "[project] version: the version is dynamic"
    assert "version" in PYPROJECT["project"]["dynamic"]
    attr = PYPROJECT["tool"]["setuptools"]["dynamic"]["version"]["attr"]
    assert attr == "sphinx_conference.core.version.__version__"
    version = source_version()
    literal = re.compile(rf"""["']{re.escape(version)}["']|__version__\s*=""")
    others = [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}"
        for path in [*PACKAGE.rglob("*.py"), REPO / "pyproject.toml", REPO / "conf.py"]
        if path != VERSION_FILE
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if literal.search(line)
    ]
    assert not others, f"the version is written outside core/version.py: {others}"


def test_package_readme_has_only_absolute_links():
    """PyPI shows the README away from the repository: a relative link breaks there."""
    text = PACKAGE_README.read_text("utf-8")
    assert PACKAGE_README.name != "README.md", "the package README is the site's README"
    targets = re.findall(r"\]\(([^)\s]+)", text) + re.findall(
        r"""(?:href|src)=["']([^"']+)""", text
    )
    targets += re.findall(r"^\[[^\]]+\]:\s*(\S+)", text, re.M)
    relative = [t for t in targets if not re.match(r"https?://", t)]
    assert not relative, f"relative links in {PACKAGE_README.name}: {relative}"
    assert "nox " not in text, (
        "the package README tells adopters to run nox (this repository's tool)"
    )


def test_package_readme_quick_start_builds(tmp_path):
    """The files of the README's quick start make a site that builds with -W."""
    text = PACKAGE_README.read_text("utf-8")
    files = re.findall(r"^`([\w./-]+)`[^\n]*:\n\n```\w*\n(.*?)^```$", text, re.M | re.S)
    names = [name for name, _ in files]
    assert "conf.py" in names and "index.md" in names, names
    assert {name.split("/")[0] for name in names} >= {"events", "people", "posts"}, names
    for name, content in files:
        path = tmp_path / "site" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, "utf-8")
    result = sphinx_build(tmp_path / "site", tmp_path / "html")
    assert result.returncode == 0, result.stderr
    event = (tmp_path / "html" / "events" / "pycon-2027.html").read_text("utf-8")
    assert "The Opening Keynote" in event


# -- built distributions --------------------------------------------------------------------


def test_built_with_the_setuptools_floor(dists):
    """The floor of [build-system] requires builds the package (setuptools 69 could not)."""
    generator = HeaderParser().parsestr(wheel_text(dists["wheel"], "WHEEL"))["Generator"]
    assert generator == f"setuptools ({setuptools_floor()})"


def test_twine_check_strict(dists):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "twine",
            "check",
            "--strict",
            str(dists["sdist"]),
            str(dists["wheel"]),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_wheel_contents(dists, tree):
    """check-wheel-contents, and the wheel holds exactly the package's files (no more, no less)."""
    checker = Path(sys.executable).with_name("check-wheel-contents")
    result = subprocess.run(
        [str(checker), "--package", str(tree / "src" / "sphinx_conference"), str(dists["wheel"])],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_sdist_leaves_out_tests_and_site(dists):
    names = sdist_names(dists["sdist"])
    for needed in ["pyproject.toml", PACKAGE_README.name, "LICENSE", "CHANGELOG.md", "PKG-INFO"]:
        assert needed in names, f"{needed} missing from the sdist"
    assert "src/sphinx_conference/__init__.py" in names
    assert "src/sphinx_conference/static/conference-filter.js" in names
    top = {name.split("/")[0] for name in names if name}
    assert not top & NOT_IN_SDIST_DIRS, f"in the sdist: {sorted(top & NOT_IN_SDIST_DIRS)}"
    assert not set(names) & NOT_IN_SDIST_FILES, (
        f"in the sdist: {sorted(set(names) & NOT_IN_SDIST_FILES)}"
    )


def test_wheel_metadata(dists):
    """Version from core/version.py, the package README as description, no placeholder URL."""
    metadata = wheel_metadata(dists["wheel"])
    assert metadata["Version"] == source_version()
    assert metadata["Description-Content-Type"] == "text/markdown"
    description = metadata.get_payload()
    assert description.strip() == PACKAGE_README.read_text("utf-8").strip()
    site_title = (REPO / "README.md").read_text("utf-8").splitlines()[0]
    assert site_title not in description, "the description is the site's README"
    headers = "\n".join(f"{key}: {value}" for key, value in metadata.items())
    assert not re.search(r"example\.(org|com|net)", headers, re.I), headers
    for url in metadata.get_all("Project-URL") or []:
        assert re.match(r"[^,]+, https://", url), f"not an absolute https URL: {url}"
