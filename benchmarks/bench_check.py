"""Time ``python -m sphinx_conference check`` against a full ``sphinx-build`` on a synthetic site.

    python benchmarks/bench_check.py [N]     # default N=500

Generates, in a temporary folder and in the authoring syntax of DESIGN.md, N posts,
N people and N // 10 events with 10 sessions each (N sessions), then runs both
commands once each in a fresh process and prints JSON with the times and their ratio.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CONF = """
extensions = ["myst_parser", "sphinx_design", "sphinx_tags", "sphinx_conference"]
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist", "attrs_inline"]
exclude_patterns = ["_build"]
tags_create_tags = False
html_theme = "conference"
"""


def generate(root: Path, n: int) -> None:
    """A site with ``n`` posts, ``n`` people and ``n`` sessions over ``n // 10`` events."""
    (root / "conf.py").write_text(CONF)
    (root / "index.md").write_text("# Bench\n\n:::{post-list}\n:limit: 10\n:::\n")
    for folder in ("people", "events/2024", "posts/2024"):
        (root / folder).mkdir(parents=True)
    for i in range(n):
        (root / "people" / f"person-{i}.md").write_text(
            f"# Person {i}\n\n:::{{speaker}} person-{i}\n:name: Person {i}\n:org: Org {i % 7}\n"
            f":links: https://example.org/p{i}\n:tags: Tag {i % 20}\n\nA short bio of person {i}.\n:::\n"
        )
    for e in range(max(1, n // 10)):
        sessions = "".join(
            f"\n:::{{session}} event-{e}/talk-{s}\n:title: Talk {s} of event {e}\n"
            f":speakers: person-{(e * 10 + s) % n}\n:track: Track {s % 3}\n:type: talk\n"
            f":start: 2024-06-0{1 + s % 2} {9 + s:02d}:00\n:duration: 30\n:tags: Tag {s}\n\n"
            f"The abstract of talk {s}, with a nod to {{speaker}}`person-{s % n}`.\n:::\n"
            for s in range(10)
        )
        (root / "events" / "2024" / f"event-{e}.md").write_text(
            f"# Event {e}\n\n:::{{event}} event-{e}\n:name: Event {e}\n:start: 2024-06-01\n:end: 2024-06-02\n"
            f":country: GB\n:tracks: Track 0; Track 1; Track 2\n:tags: Conference\n:::\n{sessions}\n"
            f":::{{session-list}}\n:event: event-{e}\n:::\n"
        )
    for i in range(n):
        (root / "posts" / "2024" / f"post-{i}.md").write_text(
            f"---\ndate: 2024-0{1 + i % 9}-1{i % 9}\nauthors: person-{i}\ntags: Tag {i % 20}, Community\n"
            f"summary: Post number {i}.\n---\n# Post {i}\n\nSome text about {{event}}`event-{i % max(1, n // 10)}` "
            f"and {{session}}`event-{i % max(1, n // 10)}/talk-{i % 10}`.\n\n## More\n\nMore words here.\n"
        )


def timed(cmd: list[str], cwd: Path) -> tuple[float, int]:
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        sys.stderr.write(result.stderr)
    return elapsed, result.returncode


def main(n: int | None = None) -> dict[str, float | int]:
    """Generate the site, time both commands, print and return the numbers."""
    n = n if n is not None else (int(sys.argv[1]) if len(sys.argv) > 1 else 500)
    root = Path(tempfile.mkdtemp(prefix="bench-check-"))
    try:
        generate(root, n)
        check_s, check_rc = timed([sys.executable, "-m", "sphinx_conference", "check"], root)
        build_s, build_rc = timed(
            [sys.executable, "-m", "sphinx", "-q", "-b", "html", ".", "_build/html"], root
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)
    out = {
        "n": n,
        "pages": 2 * n + max(1, n // 10) + 1,
        "check_seconds": round(check_s, 2),
        "check_exit": check_rc,
        "build_seconds": round(build_s, 2),
        "build_exit": build_rc,
        "ratio": round(build_s / check_s, 1),
    }
    print(json.dumps(out))
    return out


if __name__ == "__main__":
    main()
