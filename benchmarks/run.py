"""Build benchmarks: the site against plain Sphinx + MyST and against ABlog, in one run.

    python benchmarks/run.py [--sizes 500 2000] [--skip-ablog] [--docs-plot]

For each size N it generates (``benchmarks/generate.py``) the same content three
ways and builds each in a fresh process, measuring wall time, CPU time and peak
memory (``ru_maxrss`` of that child, from ``os.wait4``):

- ``site``: the real site's configuration and every feature of the extension;
- ``site without speedups``: the same without ``sphinx_conference.speedups``;
- ``floor``: plain Sphinx + MyST, alabaster, no sidebar, directives as plain text;
- ``ablog``: ABlog on the same posts, with its documented setup;
- ``site -j 2``, and incremental builds of ``site`` after editing one post's text,
  one post's tags, and adding one session (which pages were re-read and re-written);
- ``site`` at 4N for the smallest N (unless 4N is one of the sizes), for linear
  scaling and the size of a post page.

It prints every ratio with PASS/FAIL against the targets of issues #6 and #17 (the
ratio to ABlog is information only), writes
``bench-results/results.json`` and draws ``bench-results/build-time.png``
(copied to ``docs/_images/bench-build-time.png`` with ``--docs-plot``).

    python benchmarks/run.py --archive [--archive-editions 10] [--archive-sessions 800]

runs the archive benchmark of issue 20 instead (``benchmarks/archive.py``): 10 editions of
a conference of 800 sessions, imported from their schedules, plus the posts of the N = 500
site; its full build, ``-j 2`` build, the floor of the same pages, and the rebuild after
re-importing one edition with 20 changes (target <= 0.1 of the full build).  Its numbers go
into the ``archive`` section of ``results.json`` (the other sections are kept).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import archive  # noqa: E402
import generate  # noqa: E402

#: Each speed-up of ``sphinx_conference.speedups`` and the build it is meant to speed up:
#: ``--ablate`` builds the site with that one switched off (``-D conference_speedups.<name>=0``)
#: beside the same build with all of them on. A speed-up stays when it pays about 3 %
#: (quiet_logger, parallel_exports and warm_lists did not, at N = 2000, and were dropped).
SPEEDUPS = {
    "gc_freeze": 1,
    "trim_forked_env": 2,
    "reuse_docutils_settings": 1,
    "myst_spare_document": 1,
}
SPEEDUP_PAYS = 1.03

#: The extension's optional outputs and page parts, each a switch of conf.py (``--features``):
#: name -> the ``-D`` settings that turn it off.  None of them has a counterpart in the floor.
FEATURES = {
    "social_images": ("conference_social_images=0",),
    "calendars": ("conference_calendars=0",),
    "schedules": ("conference_schedules=0", "conference_schedules_xml=0"),
    "feeds": ("conference_feeds=0",),
    "open_data": ("conference_open_data=0",),
    "statistics": ("conference_statistics=0",),
    "jsonld": ("conference_jsonld=0",),
    "agenda": ("conference_agenda=0",),
    "around": ("conference_around=0",),
}

#: name -> (limit, description); a ratio passes when it is <= its limit.
TARGETS = {
    "site_over_floor": (1.5, "full build / plain Sphinx + MyST floor"),
    "no_speedups_over_floor": (1.6, "full build without the speed-ups / floor"),
    "j2_over_j1": (0.75, "full build -j 2 / -j 1 (and no serial read)"),
    "incremental_text_over_full": (0.1, "rebuild after one post's text edit / full build"),
    "linear_scaling": (1.15, "t(4N) / (4 x t(N))"),
    "post_html_growth": (1.05, "post page size at 4N / at N"),
}

#: The archive benchmark's targets (issue 20), as :data:`TARGETS`.
ARCHIVE_TARGETS = {
    "archive_incremental_over_full": (
        0.1,
        "rebuild after re-importing one edition with 20 changes / full build",
    ),
}

_WRITING = re.compile(r"^writing output\.\.\. \[\s*\d+%\]\s+(\S+)", re.MULTILINE)
_READING = re.compile(r"^reading sources\.\.\. \[\s*\d+%\]\s+(\S+)", re.MULTILINE)


@dataclass
class Build:
    """One ``sphinx-build`` run in its own process."""

    label: str
    n: int
    wall_s: float
    cpu_s: float
    maxrss_mb: float
    returncode: int
    read: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    serial_read: bool = False
    warnings: int = 0
    #: Wall times of every repetition (``--repeat``); ``wall_s`` is the smallest.
    samples: list[float] = field(default_factory=list)

    def summary(self) -> str:
        """One line for the console."""
        return (
            f"{self.label:<28} N={self.n:<5} wall {self.wall_s:7.1f} s  cpu {self.cpu_s:7.1f} s  "
            f"peak {self.maxrss_mb:6.0f} MB  read {len(self.read):>5}  written {len(self.written):>5}"
            + ("  (serial read!)" if self.serial_read else "")
            + (f"  exit {self.returncode}" if self.returncode else "")
        )


def sphinx_build(
    label: str, n: int, src: Path, out: Path, jobs: int = 1, overrides: tuple[str, ...] = ()
) -> Build:
    """Run ``python -m sphinx`` on ``src`` (``-D`` ``overrides``); measure it with ``os.wait4``."""
    log = out.parent / f"{out.name}-{label.replace(' ', '_')}.log"
    out.parent.mkdir(parents=True, exist_ok=True)
    cmd = [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "html",
        "-j",
        str(jobs),
        "-d",
        str(out / ".doctrees"),
        *(arg for setting in overrides for arg in ("-D", setting)),
        str(src),
        str(out),
    ]
    env = {**os.environ, "PYTHONHASHSEED": "0", "NO_COLOR": "1", "SOURCE_DATE_EPOCH": "1767225600"}
    with log.open("w") as fh:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    text = log.read_text("utf-8", errors="replace")
    build = Build(
        label=label,
        n=n,
        wall_s=round(wall, 2),
        cpu_s=round(usage.ru_utime + usage.ru_stime, 2),
        maxrss_mb=round(usage.ru_maxrss / 1024, 1),  # kilobytes on Linux
        returncode=proc.returncode,
        read=_READING.findall(text),
        written=_WRITING.findall(text),
        serial_read="doing serial read" in text,
        warnings=text.count("WARNING:"),
    )
    if proc.returncode:
        sys.stderr.write(text[-3000:])
    print(build.summary(), flush=True)
    return build


def post_html_bytes(out: Path, count: int = 20) -> int:
    """Mean size of the first ``count`` post pages (they exist, identical in text, at every N)."""
    sizes = []
    for i in range(count):
        rel = generate.post_path(i).removesuffix(".md") + ".html"
        sizes.append((out / rel).stat().st_size)
    return round(sum(sizes) / len(sizes))


# -- incremental edits ------------------------------------------------------------------


def edit_post_text(src: Path) -> str:
    """Change one sentence of post 0's text."""
    path = src / generate.post_path(0)
    path.write_text(
        path.read_text("utf-8") + "\nOne more sentence, added by the benchmark.\n", "utf-8"
    )
    return generate.post_path(0)


def edit_post_tags(src: Path) -> str:
    """Give post 1 other tags (and its own back, the next time)."""
    path = src / generate.post_path(1)
    text = path.read_text("utf-8")
    old = generate.post_tags(1)
    new = [t for t in generate.TAGS if t not in old][:3]
    before, after = f"tags: {', '.join(old)}", f"tags: {', '.join(new)}"
    if before not in text:
        before, after = after, before
    path.write_text(text.replace(before, after, 1), "utf-8")
    return generate.post_path(1)


def add_session(src: Path, n: int) -> str:
    """Add one more session to event 0 (a new id each time)."""
    sizes = generate.Sizes(n)
    rel = generate.event_path(0)
    path = src / rel
    text = path.read_text("utf-8")
    added = text.count("/added-talk-")
    block = generate.session_block("site", sizes, 0, 0, dt.date(generate.event_year(0), 1, 1))
    block = block.replace(
        generate.session_id(0, 0), f"{generate.event_id(0)}/added-talk-{added}", 1
    )
    path.write_text(text.replace("## Programme", block + "\n## Programme", 1), "utf-8")
    return rel


# -- the run ----------------------------------------------------------------------------


def best_of(builds: list[Build]) -> Build:
    """The fastest of repeated builds, with every wall time kept in ``samples``."""
    best = min(builds, key=lambda b: b.wall_s)
    best.samples = [b.wall_s for b in builds]
    return best


def measure_size(
    n: int,
    work: Path,
    skip_ablog: bool,
    full_only: bool = False,
    repeat: int = 1,
    ablate: bool = False,
    features: bool = False,
) -> dict[str, Any]:
    """Every build at size ``n``.

    The full builds that ratios compare (site, site -j 2, site without speedups, floor,
    ABlog) run in turns,
    ``repeat`` rounds of each, and the fastest of each is kept: a machine that slows
    down for a while then slows every kind of build alike instead of one of them.
    """
    res: dict[str, Any] = {"n": n}
    site = generate.generate(work / f"site-{n}", n, "site")
    out = work / f"out-site-{n}"
    variants: list[tuple[str, str, Path, Path, int, tuple[str, ...]]] = [
        ("site", "site", site, out, 1, ())
    ]
    if not full_only:
        variants.append(("site_j2", "site -j 2", site, work / f"out-site-j2-{n}", 2, ()))
        plain = generate.generate(work / f"plain-{n}", n, "site-no-speedups")
        variants.append(
            ("site_plain", "site without speedups", plain, work / f"out-plain-{n}", 1, ())
        )
        floor = generate.generate(work / f"floor-{n}", n, "floor")
        variants.append(("floor", "floor (Sphinx + MyST)", floor, work / f"out-floor-{n}", 1, ()))
        if not skip_ablog:
            ablog = generate.generate(work / f"ablog-{n}", n, "ablog")
            variants.append(("ablog", "ablog", ablog, work / f"out-ablog-{n}", 1, ()))
        if ablate:
            for name, jobs in SPEEDUPS.items():
                variants.append(
                    (
                        f"off_{name}",
                        f"site{' -j 2' if jobs > 1 else ''} without {name}",
                        site,
                        work / f"out-off-{name}-{n}",
                        jobs,
                        (f"conference_speedups.{name}=0",),
                    )
                )
    runs: dict[str, list[Build]] = {key: [] for key, *_ in variants}
    for _ in range(max(1, repeat)):
        for key, label, src, dest, jobs, overrides in variants:
            shutil.rmtree(dest, ignore_errors=True)  # every round is a full build
            runs[key].append(sphinx_build(label, n, src, dest, jobs=jobs, overrides=overrides))
    for key in runs:
        res[key] = best_of(runs[key])
    if features and not full_only:
        res["features"] = measure_features(n, site, work, repeat)
    # The last round's site output is a complete build of the sources: edit from there.
    res["post_html_bytes"] = post_html_bytes(out)
    if full_only:
        return res
    # Each edit is repeatable (another sentence, the tags swapped back, another session), so
    # incremental builds are repeated too and the fastest kept, as for full builds.
    res["incremental"] = {}
    incremental: dict[str, list[Build]] = {}
    for _ in range(max(1, repeat)):
        incremental.setdefault("noop", []).append(sphinx_build("site, no change", n, site, out))
        for name, edit in (
            ("text", lambda: edit_post_text(site)),
            ("tags", lambda: edit_post_tags(site)),
            ("add_session", lambda: add_session(site, n)),
        ):
            time.sleep(1.1)  # a new mtime, whatever the file system's resolution
            res["incremental"][f"{name}_file"] = edit()
            incremental.setdefault(name, []).append(
                sphinx_build(f"site, edit {name}", n, site, out)
            )
    for name, builds in incremental.items():
        res["incremental"][name] = best_of(builds)
    for kind in ("site", "plain", "floor", "ablog"):
        shutil.rmtree(work / f"out-{kind}-{n}", ignore_errors=True)
    shutil.rmtree(work / f"out-site-j2-{n}", ignore_errors=True)
    for name in SPEEDUPS:
        shutil.rmtree(work / f"out-off-{name}-{n}", ignore_errors=True)
    return res


def measure_features(n: int, site: Path, work: Path, repeat: int) -> dict[str, Any]:
    """Each optional feature switched off, every such build between two full builds.

    The order is site, without the first feature, site, without the second, ..., site:
    each feature's cost is the mean of the two full builds around it over the build
    without it, so a machine that drifts (this one does, by 10-20 % over minutes) moves
    both sides of a ratio alike.  ``repeat`` rounds; the median ratio is kept.
    """
    switched = dict(FEATURES)
    switched["none"] = tuple(setting for settings in FEATURES.values() for setting in settings)
    out = work / f"out-features-{n}"
    ratios: dict[str, list[float]] = {name: [] for name in switched}
    offs: dict[str, list[Build]] = {name: [] for name in switched}
    sites: list[Build] = []

    def full() -> Build:
        shutil.rmtree(out, ignore_errors=True)
        sites.append(sphinx_build("site (between)", n, site, out))
        return sites[-1]

    for _ in range(max(1, repeat)):
        before = full()
        for name, settings in switched.items():
            shutil.rmtree(out, ignore_errors=True)
            label = "site without " + ("any of them" if name == "none" else name)
            off = sphinx_build(label, n, site, out, overrides=settings)
            offs[name].append(off)
            after = full()
            ratios[name].append(ratio((before.wall_s + after.wall_s) / 2, off.wall_s))
            before = after
    shutil.rmtree(out, ignore_errors=True)
    return {
        "sites": [b.wall_s for b in sites],
        "switched": {
            name: {
                "settings": list(switched[name]),
                "cost": statistics.median(ratios[name]),
                "ratios": ratios[name],
                "off": best_of(offs[name]),
            }
            for name in switched
        },
    }


def ratio(a: float, b: float) -> float:
    """``a / b`` to three decimals."""
    return round(a / b, 3) if b else float("inf")


def evaluate(results: dict[int, dict[str, Any]], sizes: list[int]) -> list[dict[str, Any]]:
    """Every ratio, with its target and whether it holds."""
    rows: list[dict[str, Any]] = []

    def add(name: str, n: int, value: float, note: str = "", ok: bool | None = None) -> None:
        limit, what = TARGETS[name]
        passed = value <= limit if ok is None else ok and value <= limit
        rows.append(
            {
                "target": name,
                "n": n,
                "value": value,
                "limit": limit,
                "what": what,
                "pass": passed,
                "note": note,
            }
        )

    for n in sizes:
        r = results[n]
        site = r["site"].wall_s
        add("site_over_floor", n, ratio(site, r["floor"].wall_s))
        add("no_speedups_over_floor", n, ratio(r["site_plain"].wall_s, r["floor"].wall_s))
        j2 = r["site_j2"]
        add(
            "j2_over_j1",
            n,
            ratio(j2.wall_s, site),
            "serial read!" if j2.serial_read else "parallel read",
            ok=not j2.serial_read,
        )
        text = r["incremental"]["text"]
        add(
            "incremental_text_over_full",
            n,
            ratio(text.wall_s, site),
            f"re-wrote {len(text.written)} page(s)",
        )
    small = min(sizes)
    big = 4 * small
    if big in results:
        add(
            "linear_scaling",
            small,
            ratio(results[big]["site"].wall_s, 4 * results[small]["site"].wall_s),
            f"N={small} vs {big}",
        )
        add(
            "post_html_growth",
            small,
            ratio(results[big]["post_html_bytes"], results[small]["post_html_bytes"]),
            f"{results[small]['post_html_bytes']} B vs {results[big]['post_html_bytes']} B",
        )
    return rows


def other_benchmarks(n: int) -> dict[str, Any]:
    """Benchmarks other issues provide (``bench_import``, ``bench_check``), when present."""
    out: dict[str, Any] = {}
    # bench_import.run() returns its numbers; bench_check.main(n) does too. Neither may parse
    # this script's own command line, and a failing one must not end the whole run.
    for name, entry, args in (("bench_import", "run", ()), ("bench_check", "main", (n,))):
        if not (HERE / f"{name}.py").exists():
            out[name] = f"not present (hook: benchmarks/{name}.py)"
            continue
        try:
            module = __import__(name)
            out[name] = getattr(module, entry)(*args)
        except (Exception, SystemExit) as err:  # report, never hide, a failing helper
            out[name] = f"failed: {type(err).__name__}: {err}"
    return out


def plot(results: dict[int, dict[str, Any]], path: Path) -> None:
    """Build time against N for the site, the floor and ABlog."""
    # Under `nox -s bench` matplotlib is in a folder of its own, outside the builds' path.
    plotlib = os.environ.get("CONFERENCE_BENCH_PLOTLIB")
    if plotlib and plotlib not in sys.path:
        sys.path.append(plotlib)
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4.2), dpi=120)
    for key, label, style in (
        ("site", "this site (sphinx-conference)", "o-"),
        ("floor", "floor: Sphinx + MyST, no sidebar", "s--"),
        ("ablog", "ABlog, documented setup", "^-."),
    ):
        points = sorted((n, r[key].wall_s) for n, r in results.items() if key in r)
        if points:
            ax.plot([p[0] for p in points], [p[1] for p in points], style, label=label)
    ax.set_xlabel("posts (N); plus N/10 events, N sessions, N/5 people")
    ax.set_ylabel("full build, wall time (s)")
    ax.set_title(f"Full HTML build on {os.cpu_count()} cores")
    ax.set_xlim(left=0)
    ax.set_ylim(bottom=0)
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)


def to_json(value: Any) -> Any:
    """Builds as dictionaries."""
    if isinstance(value, Build):
        return asdict(value) | {
            "read": len(value.read),
            "written_count": len(value.written),
            "written": value.written if len(value.written) <= 50 else value.written[:50],
        }
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_json(v) for v in value]
    return value


def report(
    rows: list[dict[str, Any]], results: dict[int, dict[str, Any]], others: dict[str, Any]
) -> None:
    """Print every ratio with PASS/FAIL, then the other numbers."""
    print("\nRatios (targets of issues #6 and #17; lower is better)")
    for row in rows:
        mark = "PASS" if row["pass"] else "FAIL"
        print(
            f"  {mark}  {row['target']:<28} N={row['n']:<5} {row['value']:>7.3f}  "
            f"(<= {row['limit']})  {row['what']}; {row['note']}"
        )
    print("\nOther numbers")
    for n in sorted(results):
        r = results[n]
        print(
            f"  N={n}: post page {r['post_html_bytes']} B, site peak memory {r['site'].maxrss_mb} MB"
        )
        if "ablog" in r:
            # Information only (the target was withdrawn: the floor itself takes most of it).
            ablog = r["ablog"].wall_s
            print(
                f"    site / ABlog {ratio(r['site'].wall_s, ablog):.3f}, "
                f"site without speedups / ABlog {ratio(r['site_plain'].wall_s, ablog):.3f}, "
                f"floor / ABlog {ratio(r['floor'].wall_s, ablog):.3f}"
            )
        for key in ("site", "site_j2", "site_plain", "floor", "ablog"):
            if key in r and len(r[key].samples) > 1:
                print(f"    {key:<8} wall times {r[key].samples} s (fastest kept)")
        for name in ("noop", "tags", "add_session"):
            if name in r.get("incremental", {}):
                b = r["incremental"][name]
                print(
                    f"    incremental {name:<12} {ratio(b.wall_s, r['site'].wall_s):.3f} of full; "
                    f"re-read {len(b.read)}, re-wrote {len(b.written)}"
                )
    for name, value in others.items():
        print(f"  {name}: {value}")


def speedup_gains(results: dict[int, dict[str, Any]]) -> list[dict[str, Any]]:
    """Each speed-up: its build with the speed-up off over the same build with all on."""
    rows = []
    for n, r in sorted(results.items()):
        for name, jobs in SPEEDUPS.items():
            if f"off_{name}" not in r:
                continue
            base = r["site_j2" if jobs > 1 else "site"]
            value = ratio(r[f"off_{name}"].wall_s, base.wall_s)
            rows.append(
                {
                    "speedup": name,
                    "n": n,
                    "build": "-j 2" if jobs > 1 else "serial",
                    "off_over_on": value,
                    "pays": value >= SPEEDUP_PAYS,
                    "off_samples": r[f"off_{name}"].samples,
                    "on_samples": base.samples,
                }
            )
    if rows:
        print(f"\nSpeed-ups (build with it off / with all on; pays at >= {SPEEDUP_PAYS})")
        for row in rows:
            print(
                f"  {'PAYS' if row['pays'] else 'no  '}  {row['speedup']:<18} N={row['n']:<5} "
                f"{row['build']:<6} {row['off_over_on']:.3f}  (off {row['off_samples']} s, "
                f"on {row['on_samples']} s)"
            )
    return rows


def feature_costs(results: dict[int, dict[str, Any]]) -> list[dict[str, Any]]:
    """Each optional feature: the full build over the same build with that feature off.

    And the site with every one of them off over the floor: what the extension's
    directives, roles, lists and generated pages cost without any of its extra outputs.
    Information for the targets, not a target.
    """
    rows = []
    for n, r in sorted(results.items()):
        if "features" not in r:
            continue
        for name, item in r["features"]["switched"].items():
            rows.append(
                {
                    "feature": name,
                    "n": n,
                    "on_over_off": item["cost"],
                    "pair_ratios": item["ratios"],
                    "off_over_floor": ratio(item["off"].wall_s, r["floor"].wall_s),
                    "off_samples": item["off"].samples,
                }
            )
    if rows:
        print(
            "\nFeatures (full build / build with it off, each between two full builds: the"
            " median; the build with it off / floor)"
        )
        for row in rows:
            label = "every one" if row["feature"] == "none" else row["feature"]
            print(
                f"  {label:<14} N={row['n']:<5} costs {row['on_over_off']:.3f} "
                f"{row['pair_ratios']}  off / floor {row['off_over_floor']:.3f}  "
                f"(off {row['off_samples']} s)"
            )
    return rows


# -- the archive (issue 20) -------------------------------------------------------------


def run_import(schedule: Path, site: Path, series: bool) -> tuple[float, str]:
    """Import one schedule into ``site`` in its own process: wall seconds and its summary."""
    cmd = archive.import_command(schedule, site, series)
    cmd.remove("--quiet")  # the summary says what was written, kept and removed
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if proc.returncode:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{proc.stdout}{proc.stderr}")
    return round(seconds, 2), " ".join(proc.stdout.split())


def measure_archive(
    sizes: archive.ArchiveSizes, work: Path, repeat: int = 1, posts: int = 500
) -> dict[str, Any]:
    """The archive benchmark: import, full builds (``-j 1``, ``-j 2``, floor), the rebuild
    after re-importing the newest edition with :data:`archive.CHANGES` changes."""
    res: dict[str, Any] = {
        "editions": sizes.editions,
        "sessions_per_edition": sizes.sessions,
        "speakers_per_edition": sizes.speakers,
        "seed": sizes.seed,
        "posts": posts,
    }
    site, floor = work / "archive-site", work / "archive-floor"
    schedules, changed, changes = archive.write_schedules(work / "archive-schedules", sizes)
    series = archive.importer_has_series()
    res["series"] = archive.SERIES if series else ""
    archive.write_site_frame(site, series)
    imports = [run_import(path, site, series) for path in schedules]
    res["import_seconds"] = [seconds for seconds, _ in imports]
    res["import_summaries"] = [summary for _, summary in imports]
    archive.write_posts(site, posts)
    res["people"] = len([p for p in (site / "people").glob("*.md") if p.name != "index.md"])
    res["pages"] = len([p for p in site.rglob("*.md") if not p.name.startswith("_")])
    res["floor_pages"] = archive.write_floor(site, floor)
    print(
        f"Archive: {sizes.editions} editions x {sizes.sessions} sessions, {res['people']} "
        f"people, {posts} posts: {res['pages']} pages (floor {res['floor_pages']}); "
        f"imported in {sum(res['import_seconds']):.1f} s"
        + (f", series {archive.SERIES!r}" if series else ", no --series in the importer"),
        flush=True,
    )
    n = res["pages"]
    out = work / "out-archive"
    variants = [
        ("site", "archive", out, 1, site),
        ("site_j2", "archive -j 2", work / "out-archive-j2", 2, site),
        ("floor", "archive floor", work / "out-archive-floor", 1, floor),
    ]
    runs: dict[str, list[Build]] = {key: [] for key, *_ in variants}
    for _ in range(max(1, repeat)):
        for key, label, dest, jobs, src in variants:
            shutil.rmtree(dest, ignore_errors=True)
            runs[key].append(sphinx_build(label, n, src, dest, jobs=jobs))
    for key, builds in runs.items():
        res[key] = best_of(builds)
    # From the last full build: re-import the newest edition with its changes (and, in the
    # next round, the original again: 20 changes back), then rebuild incrementally.
    res["changes"] = changes
    res["changed_schedule"] = changed.name
    rebuilds: list[Build] = []
    reimports: list[tuple[float, str]] = []
    original = schedules[-1]
    for k in range(max(1, repeat)):
        time.sleep(1.1)  # a new mtime, whatever the file system's resolution
        reimports.append(run_import(changed if k % 2 == 0 else original, site, series))
        rebuilds.append(sphinx_build(f"archive, re-import {k + 1}", n, site, out))
    res["reimport_seconds"] = [seconds for seconds, _ in reimports]
    res["reimport_summaries"] = [summary for _, summary in reimports]
    res["incremental"] = best_of(rebuilds)
    for dest in (out, work / "out-archive-j2", work / "out-archive-floor"):
        shutil.rmtree(dest, ignore_errors=True)
    return res


def evaluate_archive(res: dict[str, Any]) -> list[dict[str, Any]]:
    """The archive's targets, as :func:`evaluate`'s rows."""
    limit, what = ARCHIVE_TARGETS["archive_incremental_over_full"]
    inc = res["incremental"]
    value = ratio(inc.wall_s, res["site"].wall_s)
    return [
        {
            "target": "archive_incremental_over_full",
            "n": res["pages"],
            "value": value,
            "limit": limit,
            "what": what,
            "pass": value <= limit and not inc.returncode,
            "note": f"re-read {len(inc.read)}, re-wrote {len(inc.written)} page(s); "
            f"CPU time {ratio(inc.cpu_s, res['site'].cpu_s):.3f} of the full build's",
        }
    ]


def report_archive(res: dict[str, Any], rows: list[dict[str, Any]]) -> None:
    """Print the archive's numbers: targets with PASS/FAIL, the rest as information."""
    site, j2, floor = res["site"], res["site_j2"], res["floor"]
    print(
        f"\nArchive (issue 20): {res['editions']} editions x {res['sessions_per_edition']} "
        f"sessions (~{res['speakers_per_edition']} speakers each, "
        f"{archive.RETURNING:.0%} returning), {res['people']} people, {res['posts']} posts; "
        f"{res['pages']} pages"
    )
    for row in rows:
        mark = "PASS" if row["pass"] else "FAIL"
        print(
            f"  {mark}  {row['target']:<32} {row['value']:>7.3f}  (<= {row['limit']})  "
            f"{row['what']}; {row['note']}"
        )
    print(
        f"  full build {site.wall_s} s (cpu {site.cpu_s} s), peak memory {site.maxrss_mb} MB\n"
        f"  -j 2 {j2.wall_s} s: -j 2 / -j 1 {ratio(j2.wall_s, site.wall_s):.3f}"
        + (" (serial read!)" if j2.serial_read else "")
        + f", peak memory {j2.maxrss_mb} MB (largest process)\n"
        f"  floor (same pages, plain Sphinx + MyST) {floor.wall_s} s (cpu {floor.cpu_s} s): "
        f"site / floor {ratio(site.wall_s, floor.wall_s):.3f} "
        f"(cpu {ratio(site.cpu_s, floor.cpu_s):.3f}), peak memory {floor.maxrss_mb} MB\n"
        f"  import of the {res['editions']} editions {sum(res['import_seconds']):.1f} s; "
        f"re-import {res['reimport_seconds']} s: {res['reimport_summaries'][0]}"
    )
    for key in ("site", "site_j2", "floor", "incremental"):
        if len(res[key].samples) > 1:
            print(f"    {key:<11} wall times {res[key].samples} s (fastest kept)")
    warned = [b.label for b in (site, j2, floor, res["incremental"]) if b.warnings]
    if warned:
        print(f"  warnings in: {', '.join(warned)} (see the logs with --keep)")


def run_archive(args: argparse.Namespace) -> int:
    """``--archive``: the archive benchmark alone; its section of ``results.json``."""
    sizes = archive.ArchiveSizes(args.archive_editions, args.archive_sessions, args.archive_seed)
    work = Path(tempfile.mkdtemp(prefix="conference-bench-archive-"))
    print(f"Archive in {work}; {os.cpu_count()} cores", flush=True)
    started = time.perf_counter()
    try:
        res = measure_archive(sizes, work, repeat=args.repeat, posts=args.archive_posts)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    rows = evaluate_archive(res)
    report_archive(res, rows)
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "results.json"
    try:
        payload = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        payload = {}
    payload["archive"] = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "repeat": args.repeat,
        "seconds": round(time.perf_counter() - started),
        "results": to_json(res),
        "targets": rows,
    }
    path.write_text(json.dumps(payload, indent=2), "utf-8")
    print(f"\nWrote the 'archive' section of {path}")
    return 0 if all(row["pass"] for row in rows) else 1


def main(argv: list[str] | None = None) -> int:
    """Run every benchmark; exit 1 when a target fails."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000])
    parser.add_argument("--skip-ablog", action="store_true", help="leave ABlog out (faster)")
    parser.add_argument(
        "--skip-others", action="store_true", help="leave bench_import/bench_check out"
    )
    parser.add_argument("--out", type=Path, default=REPO / "bench-results")
    parser.add_argument(
        "--docs-plot",
        action="store_true",
        help="copy the plot to docs/_images/bench-build-time.png",
    )
    parser.add_argument("--keep", action="store_true", help="keep the generated sites")
    parser.add_argument(
        "--repeat",
        type=int,
        default=2,
        help="rounds of each full build, taken in turns; the fastest of each is kept (default 2)",
    )
    parser.add_argument(
        "--ablate",
        action="store_true",
        help="at the largest size, also build with each speed-up switched off in turn",
    )
    parser.add_argument(
        "--features",
        action="store_true",
        help="at the largest size, also build with each optional output switched off in turn, "
        "and with all of them off",
    )
    parser.add_argument(
        "--archive",
        action="store_true",
        help="run the archive benchmark (issue 20) instead: editions imported from schedules",
    )
    parser.add_argument(
        "--archive-editions", type=int, default=10, help="editions in the archive (default 10)"
    )
    parser.add_argument(
        "--archive-sessions", type=int, default=800, help="sessions per edition (default 800)"
    )
    parser.add_argument(
        "--archive-posts", type=int, default=500, help="posts beside the archive (default 500)"
    )
    parser.add_argument("--archive-seed", type=int, default=20, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.archive:
        return run_archive(args)
    sizes = sorted(set(args.sizes))
    work = Path(tempfile.mkdtemp(prefix="conference-bench-"))
    print(f"Generated sites in {work}; sizes {sizes}; {os.cpu_count()} cores", flush=True)
    results: dict[int, dict[str, Any]] = {}
    started = time.perf_counter()
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        for n in sizes:
            results[n] = measure_size(
                n,
                work,
                args.skip_ablog,
                repeat=args.repeat,
                ablate=args.ablate and n == sizes[-1],
                features=args.features and n == sizes[-1],
            )
            (args.out / "partial.json").write_text(json.dumps(to_json(results), indent=2), "utf-8")
        big = 4 * sizes[0]
        if big not in results:
            results[big] = measure_size(big, work, True, full_only=True, repeat=args.repeat)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    rows = evaluate(results, sizes)
    report(rows, results, {})
    gains = speedup_gains(results)
    costs = feature_costs(results)
    others = {} if args.skip_others else other_benchmarks(sizes[0])
    for name, value in others.items():
        print(f"  {name}: {value}")

    args.out.mkdir(parents=True, exist_ok=True)
    payload = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "sizes": sizes,
        "repeat": args.repeat,
        "seconds": round(time.perf_counter() - started),
        "results": to_json(results),
        "targets": rows,
        "speedups": gains,
        "features": costs,
        "others": others,
    }
    try:  # the archive benchmark's section (``--archive``) stays until it is run again
        previous = json.loads((args.out / "results.json").read_text("utf-8"))
    except (OSError, ValueError):
        previous = {}
    if isinstance(previous, dict) and "archive" in previous:
        payload["archive"] = previous["archive"]
    (args.out / "results.json").write_text(json.dumps(payload, indent=2), "utf-8")
    png = args.out / "build-time.png"
    try:
        plot(results, png)
    except ImportError as err:  # numbers without a plot are still worth having
        print(f"\nNo plot: {err} (`nox -s bench` installs matplotlib for it)")
        return 0 if all(row["pass"] for row in rows) else 1
    if args.docs_plot:
        dest = REPO / "docs" / "_images" / "bench-build-time.png"
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(png, dest)
    print(f"\nWrote {args.out / 'results.json'} and {png}")
    return 0 if all(row["pass"] for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
