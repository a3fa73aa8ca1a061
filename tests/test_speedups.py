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
    # Each once (serial: trim_forked_env is never asked).
    assert len(said) == 3, said
    assert "gc_freeze is off: checked with Sphinx >= 7.4, < 10.0, not 10.0.0" in said[0]
    assert "myst_spare_document is off: checked with Sphinx >= 7.4, < 10.0" in said[1]
    assert "reuse_docutils_settings is off: checked with Sphinx >= 9.0, < 9.3" in said[2]


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
    assert (
        "unknown speed-up gc (known: gc_freeze, trim_forked_env, reuse_docutils_settings, "
        "myst_spare_document) ["
    ) in app.warning.getvalue()


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
        f"unknown speed-up {name} (known: gc_freeze, trim_forked_env, reuse_docutils_settings, "
        f"myst_spare_document); {name}: dropped" in warnings[0]
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


# -- reading: the parser's settings once a build (reuse_docutils_settings, myst_spare_document)


def _replaced_during(tmp_path, monkeypatch, **kwargs):
    """Whether Sphinx's ``_get_settings`` and MyST's ``setup_render`` were replaced while reading."""
    import myst_parser.mdit_to_docutils.base as myst_base
    import sphinx.util.docutils as sphinx_docutils

    from sphinx_conference.speedups.parsing import SettingsMemo

    # Sphinx 7.4 and 8.2 have no _get_settings (they cache a publisher per file type).
    before = (
        getattr(sphinx_docutils, "_get_settings", None),
        myst_base.DocutilsRenderer.setup_render,
    )
    seen: list[tuple[bool, bool]] = []
    from sphinx.testing.util import SphinxTestApp

    real_init = SphinxTestApp.__init__

    def init(self, *args, **kw):
        real_init(self, *args, **kw)

        def note(*args):
            seen.append(
                (
                    isinstance(getattr(sphinx_docutils, "_get_settings", None), SettingsMemo),
                    myst_base.DocutilsRenderer.setup_render is not before[1],
                )
            )

        self.connect("source-read", note)

    monkeypatch.setattr(SphinxTestApp, "__init__", init)
    app = build_root("basic", tmp_path, **kwargs)
    app.cleanup()
    after = (
        getattr(sphinx_docutils, "_get_settings", None),
        myst_base.DocutilsRenderer.setup_render,
    )
    return set(seen), before == after


def test_core_alone_leaves_the_parsers_as_they_are(tmp_path, monkeypatch):
    seen, restored = _replaced_during(tmp_path, monkeypatch)
    assert seen == {(False, False)} and restored


@pytest.mark.skipif(
    not (9, 0) <= sphinx.version_info[:2] < (9, 3), reason="checked against Sphinx 9.0 to 9.2"
)
def test_reading_speedups_are_in_place_during_the_build_only(tmp_path, monkeypatch):
    seen, restored = _replaced_during(tmp_path, monkeypatch, confoverrides=WITH_SPEEDUPS)
    assert seen == {(True, True)}
    assert restored  # the originals are back after the build


def test_reading_speedups_switch_off_one_by_one(tmp_path, monkeypatch):
    seen, restored = _replaced_during(
        tmp_path,
        monkeypatch,
        confoverrides={
            **WITH_SPEEDUPS,
            "conference_speedups": {"reuse_docutils_settings": False, "myst_spare_document": False},
        },
    )
    assert seen == {(False, False)} and restored


@pytest.mark.skipif(sphinx.version_info[:2] < (9, 0), reason="Sphinx 9 has _get_settings")
def test_settings_memo_copies_one_set_of_values_per_inputs():
    from docutils.readers import standalone
    from myst_parser.parsers.sphinx_ import MystParser

    from sphinx_conference.speedups.parsing import SettingsMemo

    made: list[object] = []

    def original(*components, defaults, read_config_files=False):
        from sphinx.util.docutils import _get_settings

        made.append(components)
        return _get_settings(*components, defaults=defaults, read_config_files=read_config_files)

    memo = SettingsMemo(original)
    defaults = {"traceback": True, "halt_level": 5}
    one = memo(standalone.Reader, MystParser(), defaults=defaults, read_config_files=True)
    two = memo(standalone.Reader, MystParser(), defaults=dict(defaults), read_config_files=True)
    assert len(made) == 1  # another parser instance of the same class: the same settings
    assert one is not two and vars(one).keys() == vars(two).keys()
    assert one.halt_level == two.halt_level == 5 and one.traceback is True
    # Each document records its own dependencies (Sphinx's collector reads them back).
    one.record_dependencies.add("a.txt")
    assert two.record_dependencies.list == []
    # Other defaults: made anew.
    memo(standalone.Reader, MystParser(), defaults={"halt_level": 4}, read_config_files=True)
    assert len(made) == 2


def test_settings_memo_leaves_a_component_with_settings_of_its_own_alone():
    from docutils.readers import standalone
    from myst_parser.parsers.sphinx_ import MystParser

    from sphinx_conference.speedups.parsing import SettingsMemo

    calls: list[int] = []

    def original(*components, defaults, read_config_files=False):
        calls.append(1)
        return object()

    parser = MystParser()
    parser.settings_spec = ("Own", None, ())  # an instance's own options
    memo = SettingsMemo(original)
    memo(standalone.Reader, parser, defaults={})
    memo(standalone.Reader, parser, defaults={})
    assert len(calls) == 2


def test_reading_speedups_change_no_page(tmp_path):
    """The same site with and without the two reading speed-ups: the same HTML, byte for byte."""
    pages = {}
    for name, switches in (
        ("on", {}),
        ("off", {"reuse_docutils_settings": False, "myst_spare_document": False}),
    ):
        app = build_root(
            "basic",
            tmp_path / name,
            confoverrides={**WITH_SPEEDUPS, "conference_speedups": switches},
        )
        app.cleanup()
        out = app.outdir
        pages[name] = {
            p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.html"))
        }
    assert pages["on"] and pages["on"] == pages["off"]
