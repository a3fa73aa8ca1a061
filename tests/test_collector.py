"""The cycle collector during a build (speed-up ``gc_freeze``): frozen from reading to the end."""

from __future__ import annotations

import gc
import shutil
import subprocess
import sys

import pytest

from conftest import ROOTS, WITH_SPEEDUPS, build_root


class Cycle:
    """Unreachable garbage in a reference cycle, with a finaliser that notes its end."""

    finalised: list[str] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        Cycle.finalised.append("cycle")


def probe_build(dest, **overrides):
    """Build test-basic, recording the collector's frozen object count at each stage."""
    seen: dict[str, int] = {}

    def record(stage):
        def handler(*args):
            seen.setdefault(stage, gc.get_freeze_count())
            seen.setdefault(f"finalised when {stage}", len(Cycle.finalised))

        return handler

    from sphinx.testing.util import SphinxTestApp

    real_init = SphinxTestApp.__init__

    def init(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        self.connect("source-read", record("reading"))
        self.connect("doctree-resolved", record("writing"))
        self.connect("build-finished", record("finishing"), priority=100)

    SphinxTestApp.__init__ = init  # type: ignore[method-assign]
    try:
        app = build_root("basic", dest, confoverrides={**WITH_SPEEDUPS, **overrides})
    finally:
        SphinxTestApp.__init__ = real_init  # type: ignore[method-assign]
    app.cleanup()
    return seen


@pytest.fixture(autouse=True)
def _no_frozen_objects_left():
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_objects_alive_are_frozen_while_reading_and_writing_and_given_back(tmp_path):
    Cycle.finalised.clear()
    gc.disable()  # no collection but the extension's before the build reads
    try:
        Cycle()
        seen = probe_build(tmp_path / "on")
    finally:
        gc.enable()
    # Garbage from before the build is collected, not frozen until the build ends.
    assert seen["finalised when reading"] == 1
    assert seen["reading"] > 0  # start-up's objects
    assert seen["writing"] > seen["reading"]  # and the environment and doctrees read
    assert seen["finishing"] > seen["reading"]  # until the build has finished
    assert gc.get_freeze_count() == 0


def test_collector_is_left_alone_when_switched_off(tmp_path):
    seen = probe_build(tmp_path / "off", conference_speedups={"gc_freeze": False})
    assert {k: v for k, v in seen.items() if not k.startswith("finalised")} == {
        "reading": 0,
        "writing": 0,
        "finishing": 0,
    }
    assert gc.get_freeze_count() == 0


@pytest.mark.parametrize(("switch", "frozen"), [("1", True), ("0", False)])
def test_what_is_left_at_exit_is_frozen_not_walked(tmp_path, switch, frozen):
    """``sphinx-build`` exits without the collector's last walk over what the build left."""
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-basic", src)
    conf = src / "conf.py"
    conf.write_text(conf.read_text() + "extensions.append('sphinx_conference.speedups')\n")
    # Registered before the build's own hook, so it runs after it (atexit is last in, first out).
    script = (
        "import atexit, gc, sys\n"
        "print('frozen at start:', gc.get_freeze_count())\n"
        "atexit.register(lambda: print('frozen at exit:', gc.get_freeze_count()))\n"
        "from sphinx.cmd.build import build_main\n"
        f"code = build_main(['-q', '-b', 'html', '-D', 'conference_speedups.gc_freeze={switch}',"
        f" {str(src)!r}, {str(tmp_path / 'out')!r}])\n"
        "print('frozen after the build:', gc.get_freeze_count())\n"
        "sys.exit(code)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(": ") for line in result.stdout.splitlines() if ": " in line)
    # Python 3.12 starts with objects of its own frozen (375 here; 0 on 3.11 and 3.13).
    start = int(lines["frozen at start"])
    # Given back while the process goes on (gc.unfreeze gives back the interpreter's too).
    assert int(lines["frozen after the build"]) <= start
    assert (int(lines["frozen at exit"]) > start) is frozen
