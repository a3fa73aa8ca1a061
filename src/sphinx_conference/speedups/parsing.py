"""Reading a document: the parser's settings made once a build, not once a document.

Two costs of reading each Markdown document that neither Sphinx's nor MyST's output
needs, measured on the benchmark's site of 500 posts (654 documents, Sphinx 9.0.4,
MyST-Parser 5.0):

``reuse_docutils_settings`` (Sphinx 9.0 to 9.2)
    ``_parse_str_to_doctree`` builds a docutils ``OptionParser`` for every document
    (``_get_settings(..., read_config_files=True)``): every option of the reader and the
    parser made anew, and the docutils configuration files read again, only to take
    their default values, which are the same for every document of the build.  About
    2 ms a document.  Sphinx 8.2 and earlier made them once per file type (a cached
    publisher).  Here the values are made once per build for each reader, parser class
    and defaults, and each document gets a copy (as ``sphinx.util.docutils.new_document``
    copies its cached settings) with a dependency list of its own, which Sphinx's
    dependency collector reads back.
``myst_spare_document`` (MyST-Parser 4.0 to 5.x, any Sphinx)
    ``DocutilsRenderer.setup_render`` evaluates ``options.get("document",
    make_document())``: Python makes the default before looking up the key, so a spare
    docutils document, with its own ``OptionParser``, is made and thrown away for every
    document MyST renders, though Sphinx's parser always passes the document.  About
    1.4 ms a document.  Here, when the options hold a document, ``setup_render`` runs
    with ``make_document`` standing aside for the call; without one, it is untouched.

Both are fixes the upstream projects could make in a line or two (cache the settings per
parser class in ``_parse_str_to_doctree``; ``options["document"] if "document" in options
else make_document()``): see the Performance page.  Both replace a function of another
package for the duration of a build (from ``builder-inited`` to ``build-finished``) and
put it back after, so an application that runs other builds in the same process
afterwards gets the originals: they are in place while documents are read, from
``env-before-read-docs`` to ``env-updated`` (forked readers of a ``-j N`` build inherit
them), and put back at ``env-updated`` or, should reading fail, at ``build-finished``.
Nothing they made outlives the reading (the settings hold the build environment).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from copy import copy
from functools import wraps
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from typing import TYPE_CHECKING, Any

import sphinx.util.docutils as sphinx_docutils
from docutils.utils import DependencyList
from myst_parser.mdit_to_docutils import base
from sphinx.util import logging

from sphinx_conference.speedups.switches import enabled, state

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

#: MyST-Parser versions whose ``setup_render`` was checked: (first, first not checked)
MYST_CHECKED = ((4, 0), (6, 0))


def _component_key(component: Any) -> Any:
    """What identifies a component's settings: its class, when the settings are the class's."""
    if isinstance(component, type):
        return component
    cls = type(component)
    own = ("settings_spec", "settings_defaults", "settings_default_overrides")
    if any(name in vars(component) for name in own if hasattr(component, "__dict__")):
        return None  # settings of its own: not shared
    return cls


class SettingsMemo:
    """``_get_settings`` made once per (components, defaults, config files) and copied."""

    def __init__(self, original: Callable[..., Any]) -> None:
        self.original = original
        #: key -> (the defaults, kept alive so their ids stay theirs; the values)
        self.made: dict[tuple[Any, ...], tuple[Mapping[str, Any], Any]] = {}

    def __call__(
        self, *components: Any, defaults: Mapping[str, Any], read_config_files: bool = False
    ) -> Any:
        """The settings of one document: a copy of those made for the same inputs."""
        keys = tuple(_component_key(c) for c in components)
        if None in keys:
            return self.original(
                *components, defaults=defaults, read_config_files=read_config_files
            )
        key = (keys, read_config_files, tuple((k, id(v)) for k, v in defaults.items()))
        found = self.made.get(key)
        if found is None:
            values = self.original(
                *components, defaults=defaults, read_config_files=read_config_files
            )
            found = self.made[key] = (dict(defaults), values)
        settings = copy(found[1])
        settings.record_dependencies = DependencyList()
        return settings


def _myst_version() -> tuple[int, int] | None:
    try:
        found = package_version("myst-parser")
    except PackageNotFoundError:
        return None
    parts = [int(p) for p in found.split(".")[:2] if p.isdigit()]
    return (parts[0], parts[1]) if len(parts) == 2 else None


def _skip_spare_document(setup_render: Callable[..., None]) -> Callable[..., None]:
    @wraps(setup_render)
    def setup(self: Any, options: dict[str, Any], env: Any) -> None:
        if "document" not in options:
            setup_render(self, options, env)
            return
        make = base.make_document
        base.make_document = lambda *args, **kwargs: None
        try:
            setup_render(self, options, env)
        finally:
            base.make_document = make

    setup.__conference_speedup__ = True  # type: ignore[attr-defined]
    return setup


def install(app: Sphinx, env: Any, docnames: list[str]) -> None:
    """``env-before-read-docs``: put the two in place while this build reads."""
    known = state(app)
    if enabled(app, "reuse_docutils_settings") and not known.restore:
        original = sphinx_docutils._get_settings
        sphinx_docutils._get_settings = SettingsMemo(original)
        known.restore.append((sphinx_docutils, "_get_settings", original))
    if enabled(app, "myst_spare_document"):
        myst = _myst_version()
        first, after = MYST_CHECKED
        if myst is None or not first <= myst < after:
            if "myst_spare_document:myst" not in known.announced:
                known.announced.add("myst_spare_document:myst")
                if app.verbosity > 0:
                    logger.info(
                        "sphinx_conference.speedups: myst_spare_document is off: checked "
                        "with MyST-Parser >= %s, < %s, not %s",
                        ".".join(map(str, first)),
                        ".".join(map(str, after)),
                        ".".join(map(str, myst)) if myst else "none",
                    )
            return
        renderer = base.DocutilsRenderer
        current = renderer.setup_render
        if not getattr(current, "__conference_speedup__", False):
            renderer.setup_render = _skip_spare_document(current)  # type: ignore[method-assign]
            known.restore.append((renderer, "setup_render", current))


def restore(app: Sphinx, *args: Any) -> None:
    """``env-updated`` (reading is over) or ``build-finished``: the originals back."""
    known = state(app)
    while known.restore:
        owner, name, original = known.restore.pop()
        setattr(owner, name, original)


def setup_parsing(app: Sphinx) -> None:
    """Register the hooks."""
    app.connect("env-before-read-docs", install)
    app.connect("env-updated", restore)
    app.connect("build-finished", restore)
