"""Benchmark of the schedule importer: import time and build time of the imported site.

    python benchmarks/bench_import.py                 # 800 sessions, import and build
    python benchmarks/bench_import.py --sessions 200 --no-build

``main()`` prints one JSON object; ``run()`` returns it as a dict, for other benchmark
drivers (``nox -s bench``).  The schedule is synthetic but shaped like a real pretalx
export (HTML and Markdown abstracts, biographies, avatars, links and attachments, people
speaking more than once), made the same way every time from a seed.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

WORDS = [
    "open", "source", "community", "conference", "kubernetes", "python", "rust", "security",
    "supply", "chain", "data", "platform", "engineering", "observability", "release", "governance",
    "licence", "funding", "maintainers", "documentation", "accessibility", "testing", "performance",
    "compilers", "hardware", "firmware", "privacy",
]  # fmt: skip
TRACKS = [
    "Security",
    "Community",
    "Platform Engineering",
    "Data",
    "Hardware",
    "Policy",
    "Languages",
]
FIRST = ["Ada", "Grace", "Linus", "Guido", "Barbara", "Ken", "Margaret", "Dennis"]
LAST = ["Lovelace", "Hopper", "Torvalds", "Rossum", "Liskov", "Thompson", "Hamilton", "Ritchie"]
TYPES = ["Talk", "Workshop", "Lightning Talk", "Keynote", "Panel", "Talk (long)", "Performance"]
CONF = (
    'extensions = ["sphinx_conference"]\n'
    'myst_enable_extensions = ["colon_fence"]\n'
    'exclude_patterns = ["_build"]\n'
)


def _sentence(rng: random.Random, n: int = 12) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def _abstract(rng: random.Random, i: int) -> str:
    s = [_sentence(rng, n) for n in (12, 4, 5, 6, 20)]
    kind = i % 4
    if kind == 0:  # HTML, as pretalx stores it for some events
        return f"<p>{s[0]} <strong>{s[1]}</strong></p><ul><li>{s[2]}</li><li>{s[3]}</li></ul>"
    if kind == 1:  # Markdown
        link = f"[a link](https://example.org/{i})"
        return f"{s[0]}\n\n- **{s[1]}** {s[3]}\n- {link}\n\n`code` and {s[2]}"
    if kind == 2:  # plain prose
        return f"{s[4]} {s[0]}"
    link = f"<a href='https://example.org/x?{i}'>a link</a>"
    return f"<p>{s[0]}</p>\r\n<p>Line with {link} and <script>alert({i})</script>.</p>"


def make_schedule(sessions: int = 800, seed: int = 1) -> dict[str, Any]:
    """A pretalx-shaped ``schedule.json`` with ``sessions`` sessions over four days."""
    rng = random.Random(seed)
    people = [
        {
            "code": f"P{n:05d}",
            "name": f"{rng.choice(FIRST)} {rng.choice(LAST)} {n}",
            "biography": f"{_sentence(rng)} {_sentence(rng)}",
            "avatar": f"https://example.org/avatars/{n}.png" if n % 3 == 0 else None,
        }
        for n in range(max(1, sessions * 5 // 8))
    ]
    rooms = [f"Room {chr(65 + r)}" for r in range(max(1, min(12, sessions // 60 or 1)))]
    days = []
    per_day = -(-sessions // 4)
    i = 0
    for d in range(4):
        date = f"2030-03-{d + 4:02d}"
        day_rooms: dict[str, list[dict[str, Any]]] = {r: [] for r in rooms}
        for k in range(per_day):
            if i >= sessions:
                break
            room = rooms[k % len(rooms)]
            slot = k // len(rooms)
            hour, minute = 9 + slot // 2, 30 * (slot % 2)
            speakers = rng.sample(people, k=1 + (i % 3 == 0))
            day_rooms[room].append(
                {
                    "code": f"S{i:05d}",
                    "id": i + 1,
                    "guid": f"00000000-0000-4000-8000-{i:012d}",
                    "date": f"{date}T{hour % 24:02d}:{minute:02d}:00+01:00",
                    "start": f"{hour % 24:02d}:{minute:02d}",
                    "duration": "00:30" if i % 5 else "01:00",
                    "room": room,
                    "title": f"{_sentence(rng, 5)[:-1]} {i}",
                    "subtitle": "",
                    "track": rng.choice(TRACKS),
                    "type": rng.choice(TYPES),
                    "language": "en",
                    "abstract": _abstract(rng, i),
                    "description": _abstract(rng, i + 1) if i % 2 else "",
                    "persons": speakers,
                    "links": [
                        {"title": "Project", "url": f"https://example.org/p/{i}", "type": "related"}
                    ],
                    "attachments": [
                        {"title": "Slides", "url": f"/media/slides/{i}.pdf", "type": "slides"}
                    ]
                    if i % 4 == 0
                    else [],
                    "answers": [],
                }
            )
            i += 1
        days.append(
            {
                "index": d + 1,
                "date": date,
                "day_start": f"{date}T04:00:00+01:00",
                "day_end": f"{date}T03:59:00+01:00",
                "rooms": day_rooms,
            }
        )
    return {
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": {"name": "pretalx", "version": "bench"},
        "schedule": {
            "url": "https://example.org/bench/schedule/",
            "version": "1.0",
            "base_url": "https://example.org",
            "conference": {
                "acronym": "bench-2030",
                "title": "Benchmark Conference 2030",
                "start": "2030-03-04",
                "end": "2030-03-07",
                "daysCount": 4,
                "timeslot_duration": "00:05",
                "time_zone_name": "Europe/Amsterdam",
                "rooms": [{"name": r} for r in rooms],
                "tracks": [{"name": t} for t in TRACKS],
                "days": days,
            },
        },
    }


def run(
    sessions: int = 800, build: bool = True, workdir: Path | None = None, jobs: str = "1"
) -> dict[str, Any]:
    """Import a synthetic schedule of ``sessions`` sessions (twice), then build the site."""
    from sphinx_conference.cli.importers import import_schedule

    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        root = Path(workdir) if workdir else Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        (root / "conf.py").write_text(CONF, "utf-8")
        (root / "index.md").write_text("# Benchmark site\n\nImported sessions.\n", "utf-8")
        schedule = root / "schedule.json"
        schedule.write_text(json.dumps(make_schedule(sessions)), "utf-8")
        t0, c0 = time.perf_counter(), time.process_time()
        result = import_schedule(schedule, root / "events")
        import_seconds, import_cpu = time.perf_counter() - t0, time.process_time() - c0
        t0 = time.perf_counter()
        again = import_schedule(schedule, root / "events")
        reimport_seconds = time.perf_counter() - t0
        out: dict[str, Any] = {
            "benchmark": "import",
            "sessions": result.sessions,
            "people": result.people,
            "pages": len(result.written),
            "import_seconds": round(import_seconds, 3),
            "import_cpu_seconds": round(import_cpu, 3),
            "reimport_seconds": round(reimport_seconds, 3),
            "reimport_unchanged": len(again.unchanged),
            "import_warnings": len(result.warnings),
        }
        if build:
            cmd = [
                sys.executable,
                "-m",
                "sphinx",
                "-b",
                "html",
                "-q",
                "-j",
                jobs,
                "-d",
                str(root / "_build" / "doctrees"),
                str(root),
                str(root / "_build" / "html"),
            ]
            t0 = time.perf_counter()
            proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
            out["build_seconds"] = round(time.perf_counter() - t0, 3)
            out["build_returncode"] = proc.returncode
            out["build_warnings"] = proc.stderr.count("WARNING")
        return out


def main(argv: list[str] | None = None) -> int:
    """Print the benchmark's result as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=800)
    parser.add_argument("--no-build", action="store_true", help="time the import only")
    parser.add_argument("--jobs", default="1", help="sphinx-build -j (default 1)")
    parser.add_argument("--keep", type=Path, default=None, help="build in this folder and keep it")
    args = parser.parse_args(argv)
    result = run(args.sessions, build=not args.no_build, workdir=args.keep, jobs=args.jobs)
    print(json.dumps(result, indent=2))
    return 0 if result.get("build_returncode", 0) == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
