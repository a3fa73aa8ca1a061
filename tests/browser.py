"""Helpers of the browser tests: built sites served over HTTP, Debian's chromium, axe-core.

Nothing here downloads a browser: Playwright drives the system's ``chromium``.
axe-core comes from npm into the git-ignored ``.cache/axe`` folder.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from conftest import REPO
from npm_cache import npm_install

CHROMIUM = os.environ.get("CONFERENCE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_DIR = REPO / ".cache" / "axe"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCREENSHOTS = Path(os.environ.get("CONFERENCE_SCREENSHOTS", REPO / "_build" / "screenshots"))


def axe_source() -> str:
    """The text of ``axe.min.js``, installed from npm on first use."""
    script = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
    if not npm_install(AXE_DIR, "axe-core@4", script):
        raise RuntimeError("npm is needed to install axe-core for the accessibility tests")
    return script.read_text("utf-8")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 in a thread; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def run_axe(page, source: str) -> list[dict]:
    """Violations of WCAG 2.2 A and AA that axe-core finds in ``page``."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=source)
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => ({target: n.target.join(' '), summary: n.failureSummary})),
            }));
        }""",
        AXE_TAGS,
    )


def build_html(src: Path, out: Path, *options: str) -> Path:
    """Build ``src`` into ``out`` with the html builder, ``-W`` and ``options``; ``out``."""
    proc = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-W", "-b", "html", *options, str(src), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return out
