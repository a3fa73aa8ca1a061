"""Where a build's time goes, by phase and by the extension's outputs, at full speed.

    python benchmarks/phases.py SRCDIR OUTDIR [sphinx-build options ...]

Builds ``SRCDIR`` into ``OUTDIR`` (``-b html``, serial) in this process and prints the wall
seconds spent in each phase of the build and in each kind of output the extension writes:
the builder's write phase and its steps (resolving a page, ``doctree-resolved``, translating,
the template), each handler of ``doctree-resolved``, and the making and writing of each
folder of outputs (``_social``, ``_calendars``, ...).  Unlike cProfile, which slows
Python code several times more than C code (and so inflates the extension against
Pillow, zlib or lxml), it times only these few calls: its figures add up to the build's.

A development tool for this repository (it wraps Sphinx's and the extension's functions
in this one process), not part of the package.
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

SECONDS: dict[str, float] = defaultdict(float)
CALLS: dict[str, int] = defaultdict(int)


def timed(label: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """``func``, adding its wall time to ``SECONDS[label]``."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            SECONDS[label] += time.perf_counter() - start
            CALLS[label] += 1

    return wrapper


def instrument() -> None:
    """Wrap the builder's steps, every event's handlers and the extension's output jobs."""
    from sphinx.builders import Builder
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.environment import BuildEnvironment
    from sphinx.events import EventManager

    from sphinx_conference.outputs import cache, exports

    Builder.read = timed("read phase", Builder.read)
    Builder.write = timed("write phase", Builder.write)
    BuildEnvironment.get_and_resolve_doctree = timed(
        "  resolve a page (with doctree-resolved)", BuildEnvironment.get_and_resolve_doctree
    )
    StandaloneHTMLBuilder.write_doc = timed(
        "  translate a page (with the template)", StandaloneHTMLBuilder.write_doc
    )
    StandaloneHTMLBuilder.handle_page = timed(
        "  template and write a page", StandaloneHTMLBuilder.handle_page
    )
    StandaloneHTMLBuilder.write_doc_serialized = timed(
        "  search index of a page", StandaloneHTMLBuilder.write_doc_serialized
    )
    StandaloneHTMLBuilder.finish = timed(
        "  finish (generated pages, indexes)", StandaloneHTMLBuilder.finish
    )

    connect = EventManager.connect

    def connect_timed(self: Any, name: str, callback: Callable[..., Any], *args: Any, **kw: Any):
        where = f"{getattr(callback, '__module__', '?')}.{getattr(callback, '__qualname__', '?')}"
        return connect(self, name, timed(f"event {name}: {where}", callback), *args, **kw)

    EventManager.connect = connect_timed

    def kind(path: str) -> str:
        return path.split("/")[0] + (" (XML)" if path.endswith(".xml") else "")

    # The extension's own loop, with each job's making and writing timed by its folder.
    write_jobs, write_text = exports.write_jobs, exports.write_text

    def write_jobs_timed(outdir: str, jobs: list[cache.Job]) -> None:
        write_jobs(
            outdir, [(path, timed(f"output {kind(path)}: make", make)) for path, make in jobs]
        )

    def write_text_timed(outdir: str, path: str, text: str | bytes) -> Path:
        return timed(f"output {kind(path)}: write", write_text)(outdir, path, text)

    exports.write_jobs = write_jobs_timed
    exports.write_text = write_text_timed


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
        return 2
    src, out, *options = argv
    instrument()
    from sphinx.cmd.build import build_main

    start = time.perf_counter()
    code = build_main(["-q", "-b", "html", "-d", str(Path(out, ".doctrees")), *options, src, out])
    total = time.perf_counter() - start
    print(f"{'seconds':>8} {'calls':>6}  what (build: {total:.2f} s)")
    for label, seconds in sorted(SECONDS.items(), key=lambda item: -item[1]):
        if seconds >= 0.01:
            print(f"{seconds:8.2f} {CALLS[label]:6d}  {label}")
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
