"""The optional speed-ups: nothing process-wide unless a site lists ``sphinx_conference.speedups``."""

from __future__ import annotations

import atexit
import gc
import logging
from io import StringIO

import pytest
import sphinx
import sphinx.search

from conftest import WITH_SPEEDUPS, build_root


def watched_build(dest, monkeypatch, **kwargs):
    """Build test-basic; what the process's collector, logger and atexit saw during it."""
    registered: list[object] = []
    monkeypatch.setattr(atexit, "register", lambda func, *a, **k: registered.append(func))
    seen: dict[str, object] = {}
    from sphinx.testing.util import SphinxTestApp

    real_init = SphinxTestApp.__init__

    def init(self, *args, **kw):
        real_init(self, *args, **kw)
        for event in ("source-read", "doctree-resolved", "html-page-context"):

            def note(*args, event=event):
                seen.setdefault(event, (gc.get_freeze_count(), logging.getLogger("sphinx").level))

            self.connect(event, note)

    monkeypatch.setattr(SphinxTestApp, "__init__", init)
    app = build_root("basic", dest, **kwargs)
    app.cleanup()
    return seen, registered


@pytest.fixture(autouse=True)
def _no_frozen_objects_left():
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_core_alone_leaves_the_process_as_it_was(tmp_path, monkeypatch):
    frozen = gc.get_freeze_count()
    languages = dict(sphinx.search.languages)
    seen, registered = watched_build(tmp_path, monkeypatch)
    assert set(seen) == {"source-read", "doctree-resolved", "html-page-context"}
    # During the build: nothing frozen, and the level Sphinx sets its logger to.
    assert set(seen.values()) == {(frozen, logging.DEBUG)}
    assert gc.get_freeze_count() == frozen  # and after it
    assert logging.getLogger("sphinx").level == logging.DEBUG
    assert sphinx.search.languages == languages
    assert [
        f for f in registered if "sphinx_conference" in str(getattr(f, "__module__", ""))
    ] == [], registered


def test_listed_speedups_freeze_the_collector_during_the_build(tmp_path, monkeypatch):
    seen, registered = watched_build(tmp_path, monkeypatch, confoverrides=WITH_SPEEDUPS)
    assert all(count > 0 for count, _ in seen.values())
    # Sphinx's logger keeps the level Sphinx gives it (quiet_logger was dropped).
    assert {lvl for _, lvl in seen.values()} == {logging.DEBUG}
    assert gc.get_freeze_count() == 0 and logging.getLogger("sphinx").level == logging.DEBUG
    assert len(registered) <= 1  # the exit hook, once per process


def test_speedups_are_off_outside_the_checked_sphinx_versions(tmp_path, monkeypatch):
    monkeypatch.setattr(sphinx, "version_info", (10, 0, 0, "final", 0))
    status = StringIO()
    seen, _ = watched_build(
        tmp_path, monkeypatch, confoverrides=WITH_SPEEDUPS, status=status, verbosity=1
    )
    assert {count for count, _ in seen.values()} == {0}
    said = sorted(line for line in status.getvalue().splitlines() if "speedups:" in line)
    assert len(said) == 1, said  # once (serial: trim_forked_env is never asked)
    assert "gc_freeze is off: checked with Sphinx >= 7.4, < 10.0, not 10.0.0" in said[0]


def test_speedups_are_off_quietly_without_verbosity(tmp_path, monkeypatch):
    monkeypatch.setattr(sphinx, "version_info", (10, 0, 0, "final", 0))
    status = StringIO()
    watched_build(tmp_path, monkeypatch, confoverrides=WITH_SPEEDUPS, status=status)
    assert "speedups:" not in status.getvalue()


def test_unknown_switch_is_a_warning(tmp_path):
    app = build_root(
        "basic", tmp_path, confoverrides={**WITH_SPEEDUPS, "conference_speedups": {"gc": False}}
    )
    app.cleanup()
    assert "unknown speed-up gc (known: gc_freeze, trim_forked_env) [" in app.warning.getvalue()


@pytest.mark.parametrize("name", ["quiet_logger", "parallel_exports", "warm_lists"])
def test_a_dropped_speedup_is_an_unknown_switch(tmp_path, name):
    """A site that still switches a speed-up dropped for not paying gets a warning, and a build."""
    app = build_root(
        "basic", tmp_path, confoverrides={**WITH_SPEEDUPS, "conference_speedups": {name: False}}
    )
    app.cleanup()
    assert app.statuscode == 0
    warnings = app.warning.getvalue().splitlines()
    assert len(warnings) == 1, warnings
    assert (
        f"unknown speed-up {name} (known: gc_freeze, trim_forked_env); {name}: dropped"
        in (warnings[0])
    )
    assert "[conference.field]" in warnings[0]


def test_a_dropped_speedup_switched_on_the_command_line_is_a_warning(tmp_path):
    """``-D conference_speedups.warm_lists=0`` (as the benchmark's ablation passed it)."""
    app = build_root(
        "basic",
        tmp_path,
        confoverrides={**WITH_SPEEDUPS, "conference_speedups.warm_lists": "0"},
    )
    app.cleanup()
    assert app.statuscode == 0
    assert "unknown speed-up warm_lists" in app.warning.getvalue()
