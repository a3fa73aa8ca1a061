"""Where MyST gives up on the extension's syntax, name the cause and keep what can be kept.

Two cases, both only in Markdown sources (reStructuredText has its own option parser):

* **An option block MyST cannot read.**  MyST reads a directive's ``:key: value``
  lines as one block; one line it cannot tokenise (a value that starts with a quote
  and goes on after it, ``:role: "Head" of things``, or a quote that is never closed)
  makes it drop *every* option of the directive, with one ``myst.directive_option``
  warning ("Invalid options format").  :func:`read_option_lines` reads the block line
  by line, with MyST's rules for one line (plain values, ``'...'`` and ``"..."``
  values, ``#`` comments), so the directive keeps each line it can read and reports
  each one it cannot, at its line, with the value quoted the way MyST accepts.
* **Colon fences without ``colon_fence``.**  Without that MyST extension a
  ``:::{speaker}`` block is a paragraph of text, and the only symptoms are unknown-id
  warnings far away.  :func:`check_colon_fences` looks for the extension's directives
  in colon fences before the sources are read and says, once per build, what to change.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx_conference.core.optionlines import first_colon_fence
from sphinx_conference.domain.report import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def markdown_suffixes(app_config: object) -> tuple[str, ...]:
    """The source suffixes the project parses as Markdown."""
    suffixes = getattr(app_config, "source_suffix", {}) or {}
    if isinstance(suffixes, dict):
        return tuple(s for s, kind in suffixes.items() if kind == "markdown")
    return ()


def check_colon_fences(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: one warning when colon fences are used without ``colon_fence``."""
    if "colon_fence" in (getattr(app.config, "myst_enable_extensions", None) or ()):
        return
    suffixes = markdown_suffixes(app.config)
    if not suffixes:
        return
    for docname in sorted(docnames):
        path = Path(env.doc2path(docname))
        if not path.name.endswith(suffixes):
            continue
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if hit := first_colon_fence(text):
            line, name = hit
            warn(
                f"':::{{{name}}}' is a colon fence, but MyST's 'colon_fence' extension is not "
                "enabled, so this block and every other ':::' block are read as plain text "
                '(and ids they define are unknown); add "colon_fence" to '
                "myst_enable_extensions in conf.py, or write the blocks with backtick fences "
                f"(```{{{name}}} ... ```)",
                location=(docname, line),
                subtype="field",
            )
            return
