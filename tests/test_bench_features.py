"""``benchmarks/run.py --features`` and ``benchmarks/phases.py``, end to end at a tiny size.

Not timed (the numbers come from ``nox -s bench -- --features``): these tests check that
each switched-off build really leaves its feature out, builds without a warning, and is
reported.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

import run  # noqa: E402


@pytest.mark.slow
def test_each_feature_is_built_off_and_reported(tmp_path, capsys, monkeypatch):
    out = tmp_path / "results"
    kept: dict[str, list[str]] = {}
    real = run.sphinx_build

    def build(label, n, src, dest, jobs=1, overrides=()):
        result = real(label, n, src, dest, jobs=jobs, overrides=overrides)
        if n == 20 and jobs == 1:  # what each build of the small site wrote at its root
            kept[label] = sorted(p.name for p in Path(dest).iterdir())
        return result

    monkeypatch.setattr(run, "sphinx_build", build)
    argv = ["--sizes", "20", "--repeat", "1", "--skip-ablog", "--skip-others", "--features"]
    run.main([*argv, "--out", str(out)])  # 0 or 1: the targets are not for a site this small
    printed = capsys.readouterr().out
    assert "Features (full build / build with it off, each between two full builds" in printed
    payload = json.loads((out / "results.json").read_text("utf-8"))
    rows = {row["feature"]: row for row in payload["features"]}
    assert set(rows) == {*run.FEATURES, "none"}
    features = payload["results"]["20"]["features"]
    # site, without the first, site, ..., site: one more full build than switched-off ones
    assert len(features["sites"]) == len(run.FEATURES) + 2
    for name in [*run.FEATURES, "none"]:
        build_result = features["switched"][name]["off"]
        assert build_result["returncode"] == 0 and build_result["warnings"] == 0, name
        assert len(rows[name]["pair_ratios"]) == 1 and rows[name]["on_over_off"] > 0
        assert rows[name]["off_over_floor"] > 0
    site = kept["site"]
    assert {"_social", "_calendars", "_schedule", "_feeds", "_data", "_agenda"} <= set(site)
    assert "_social" not in kept["site without social_images"]
    assert "_calendars" not in kept["site without calendars"]
    assert "_schedule" not in kept["site without schedules"]
    assert "_data" not in kept["site without open_data"]
    assert "_feeds" not in kept["site without feeds"]
    assert not {"_social", "_calendars", "_schedule", "_data", "_agenda"} & set(
        kept["site without any of them"]
    )
    assert "statistics" in site and "statistics" not in kept["site without statistics"]
    assert "agenda.html" in site and "agenda.html" not in kept["site without agenda"]


def test_phases_times_the_build_by_phase_and_output(tmp_path):
    """``benchmarks/phases.py`` (in its own process: it wraps Sphinx's classes) builds a small
    site and prints the phases and the outputs it timed, whose parts fit in the build."""
    import re
    import subprocess

    import generate

    site = generate.generate(tmp_path / "site", 10, "site")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "NO_COLOR": "1"}
    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "phases.py"), str(site), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    rows = {
        m.group(3): float(m.group(1))
        for m in re.finditer(r"^\s*([\d.]+)\s+(\d+)\s+(.+)$", result.stdout, re.M)
    }
    total = float(re.search(r"build: ([\d.]+) s", result.stdout).group(1))
    assert {
        "read phase",
        "write phase",
        "output _social: make",
        "output _calendars: make",
        "output _feeds (XML): make",
    } <= set(rows)
    assert "event doctree-resolved: sphinx_conference.phases.doctree_resolved" in rows
    assert rows["read phase"] + rows["write phase"] <= total
    assert (tmp_path / "out" / "index.html").exists()
