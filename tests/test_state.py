"""One build state per application, and nothing of it outlives the application."""

from __future__ import annotations

import gc
import weakref

from conftest import build_root
from sphinx_conference.domain.state import get_state


def test_the_state_is_one_object_reached_from_the_app_and_its_builder(tmp_path):
    app = build_root("basic", tmp_path)
    try:
        state = get_state(app)
        assert get_state(app.builder) is state
        assert state.fragments is not None  # the shared list items of this build
    finally:
        app.cleanup()


def test_an_application_is_freed_once_the_next_one_is_made(tmp_path):
    """The state holds the builder and the application: a module-level table keyed on them
    (even with weak keys) kept every application of the process alive, and with it
    sphinx-sitemap's manager process per build (the test session then hung at its end).

    Sphinx's logging keeps the latest application until the next one replaces its
    handlers, so the first one must be gone once a second has been made.
    """
    first = build_root("basic", tmp_path / "first")
    first.cleanup()
    ref = weakref.ref(first)
    del first
    second = build_root("basic", tmp_path / "second")
    second.cleanup()
    gc.collect()
    assert ref() is None
