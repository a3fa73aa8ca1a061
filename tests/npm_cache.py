"""Packages the tests take from npm, installed on first use into the git-ignored ``.cache``.

The tests may run in several processes at once (``pytest -n``, as ``nox -s tests`` does): the
first one to need a package installs it while the others wait on a lock, then find it there.
"""

from __future__ import annotations

import fcntl
import shutil
import subprocess
from pathlib import Path


def npm_install(prefix: Path, package: str, wanted: Path, *extra: str) -> bool:
    """Install ``package`` into ``prefix`` unless ``wanted`` exists; False when npm is missing."""
    if wanted.exists():
        return True
    npm = shutil.which("npm")
    if npm is None:
        return False
    prefix.mkdir(parents=True, exist_ok=True)
    with (prefix / ".install-lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not wanted.exists():  # another process may have installed it while this one waited
            subprocess.run(
                [
                    npm,
                    "install",
                    "--no-save",
                    "--no-audit",
                    "--no-fund",
                    "--silent",
                    *extra,
                    "--prefix",
                    str(prefix),
                    package,
                ],
                check=True,
            )
    return True
