"""``nox -s serve``: sphinx-autobuild ignores everything a build writes, so it never loops."""

from __future__ import annotations

import runpy
import subprocess
import sys
import types
from pathlib import Path

import pytest

from conftest import REPO, copy_site


class _Stop(Exception):
    pass


def serve_command(monkeypatch) -> list[str]:
    """The command line `nox -s serve` runs, from the real noxfile (nox itself stubbed)."""
    stub = types.ModuleType("nox")
    stub.options = types.SimpleNamespace()
    stub.Session = object
    stub.session = lambda **_: lambda f: f
    stub.parametrize = lambda *_, **__: lambda f: f
    monkeypatch.setitem(sys.modules, "nox", stub)
    namespace = runpy.run_path(str(REPO / "noxfile.py"))
    calls: list[tuple[str, ...]] = []
    session = types.SimpleNamespace(
        install=lambda *a: None, run=lambda *a, **k: calls.append(a), posargs=[]
    )
    namespace["serve"](session)
    (command,) = calls
    assert command[0] == "sphinx-autobuild"
    return list(command)


def autobuild_ignore(argv: list[str], monkeypatch):
    """The ignore filter sphinx-autobuild builds from ``argv`` (its own code, stopped before serving)."""
    import sphinx_autobuild.__main__ as autobuild

    captured = {}

    def create_app(watch_dirs, ignore_handler, *_):
        captured.update(watch=watch_dirs, ignore=ignore_handler)
        raise _Stop

    monkeypatch.setattr(autobuild, "_create_app", create_app)
    with pytest.raises(_Stop):
        autobuild.main(argv)
    return captured["watch"], captured["ignore"]


def snapshot(root: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()}


def test_build_output_is_never_watched(tmp_path, monkeypatch):
    site = copy_site(tmp_path)
    (site / "_static").mkdir(exist_ok=True)
    monkeypatch.chdir(site)
    command = serve_command(monkeypatch)
    watch, ignored = autobuild_ignore(command[1:], monkeypatch)
    assert Path(watch[0]).resolve() == site.resolve()

    # The build sphinx-autobuild runs (the same arguments, without its own options).
    build = ["-b", "html", "-d", "_build/doctrees", ".", "_build/html"]
    assert command[1:7] == build
    before = snapshot(site)
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", *build], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    after = snapshot(site)
    written = [p for p, mtime in after.items() if before.get(p) != mtime]
    assert len(written) > 20  # the build did write its output
    looping = [str(p.relative_to(site)) for p in written if not ignored(str(p))]
    assert looping == []

    # Sources and the extension's code are watched; editor and bytecode files are not.
    assert not ignored(str(site / "posts" / "2023" / "soocon-2023-six-sessions.md"))
    assert not ignored(str(site / "conf.py"))
    for junk in (
        "posts/2023/.soocon.md.swp",
        "posts/2023/x.md~",
        "posts/.#x.md",
        "people/4913",
        "src/sphinx_conference/__pycache__/cli.cpython-311.pyc",
    ):
        assert ignored(str(site / junk)), junk
