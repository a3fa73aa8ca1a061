"""The current Nu Html Checker (vnu-jar from npm) over built HTML.

``vnu.jar`` is installed from npm on first use into the git-ignored ``.cache/vnu`` folder
(like axe-core in tests/browser.py; ``--ignore-scripts``: its install script would fetch a
Java runtime, and the system's is used). It runs on Java (Debian's ``default-jre-headless``,
installed by ``.ci/run``). A JVM takes seconds to start: check a whole built folder in one
call, not page by page.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import pytest

from conftest import REPO
from npm_cache import npm_install

VNU_DIR = REPO / ".cache" / "vnu"
#: the checker's release line; npm installs its newest release on first use
VNU_PACKAGE = "vnu-jar@26"


def java() -> str:
    """The ``java`` executable; the test is skipped without one (and fails on CI)."""
    found = shutil.which("java")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("java is missing: .ci/run installs Debian's default-jre-headless")
        pytest.skip("java is not installed (.ci/run installs default-jre-headless)")
    return found


def jar() -> Path:
    """The path of ``vnu.jar``, installed from npm on first use."""
    path = VNU_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if not npm_install(VNU_DIR, VNU_PACKAGE, path, "--ignore-scripts"):
        if os.environ.get("CI"):
            pytest.fail("npm is missing: .ci/run installs it")
        pytest.skip("npm is needed to install vnu-jar (the Nu Html Checker)")
    return path


def validate(
    paths: Path | str | Iterable[Path | str],
    *,
    errors_only: bool = True,
    ignore: Sequence[str] = (),
) -> list[dict]:
    """vnu's messages for the HTML files in ``paths`` (folders are checked recursively).

    Each message is vnu's JSON: ``type`` ("error", "info" with ``subType`` "warning"),
    ``url`` (``file:`` URL of the page), ``lastLine``, ``message``, ``extract``.
    With ``errors_only`` (the default) warnings are left out. ``ignore``: regular
    expressions; a message whose text matches one is left out (for markup a test does not
    own, such as a third-party theme's; say why where you use it).
    """
    items = [paths] if isinstance(paths, (str, Path)) else list(paths)
    cmd = [java(), "-jar", str(jar()), "--format", "json", "--stdout", "--skip-non-html"]
    if errors_only:
        cmd.append("--errors-only")
    cmd += [str(p) for p in items]
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    try:
        report: dict[str, Any] = json.loads(result.stdout)
    except json.JSONDecodeError:
        raise RuntimeError(f"vnu gave no JSON report:\n{result.stdout}\n{result.stderr}") from None
    messages: list[dict] = report.get("messages", [])
    return [m for m in messages if not any(re.search(p, m.get("message", "")) for p in ignore)]


def page_of(message: dict, root: Path | None = None) -> str:
    """The page a message is about, relative to ``root`` when given."""
    path = Path(unquote(urlparse(message.get("url", "")).path))
    if root is not None:
        try:
            return str(path.relative_to(Path(root).resolve()))
        except ValueError:
            pass
    return str(path)


def describe(messages: Sequence[dict], root: Path | None = None) -> str:
    """Messages as ``page:line: type: text`` lines, for an assertion's explanation."""
    return "\n".join(
        f"{page_of(m, root)}:{m.get('lastLine', '?')}: {m.get('subType', m.get('type'))}: "
        f"{m.get('message')}"
        for m in messages
    )


def is_under(message: dict, folder: Path) -> bool:
    """Whether a message is about a page in ``folder``."""
    path = Path(unquote(urlparse(message.get("url", "")).path))
    return path.is_relative_to(Path(folder).resolve())
