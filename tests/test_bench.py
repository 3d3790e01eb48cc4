"""A smoke run of the benchmark at 1k nodes: it still runs and prints its figures (no thresholds:
machines are noisy; the goals and the measured figures live in the README)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_benchmark_smoke_run_prints_its_ratios(tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "explorer.bench",
            "--sizes",
            "1000",
            "--repeat",
            "1",
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "load ÷ parse floor, 1,000 nodes" in done.stdout
    assert "CPU per cursor key ÷ bare Tree, to the next frame" in done.stdout
    figures = json.loads(out.read_text())
    assert figures["explorer_measured"] == "installed"
    assert figures["sizes"]["1000"]["load_over_floor"] > 0
    assert figures["memory"]["ratio"] > 0
    assert figures["first_paint"]["bundled"]["first_screen_ratio"] > 0
    warm = figures["first_paint"]["1000 warm"]
    assert warm["corpus_ready_s"] >= warm["corpus_shown_s"] > 0
    assert figures["keys"]["to_frame"]["median_ms"] > 0
    assert figures["keys"]["total"]["median_ms"] >= figures["keys"]["to_frame"]["median_ms"]
    reload = figures["reload"]
    assert reload["edit_to_screen_s"] > reload["reload_read_s"] > 0
    expected = reload["edit_to_screen_s"] / reload["bare_first_frame_s"]
    assert abs(reload["ratio"] - expected) < 0.05  # of rounded figures
    assert "save to screen ÷ bare Textual first frame, 1,000 nodes" in done.stdout
    screens = figures["screens"]
    for label in ("bundled", "1000"):
        assert set(screens[label]) == {
            "walk",
            "matrix",
            "hindsight",
            "scorecard",
            "people",
            "help",
            "source",
            "library",
        }
        for times in screens[label].values():
            assert times["p99_ms"] >= times["p50_ms"] > 0
    assert "open library, until shown, 1000, p50 / p99 of 2" in done.stdout
    brief = figures["export_html"]
    assert brief["html_s"] > 0
    # the ratio is of the times before they were rounded, as the reload ratio above
    assert abs(brief["ratio"] - brief["html_s"] / brief["json_s"]) < 0.05
    assert "HTML brief ÷ JSON export" in done.stdout
    assert brief.get("open_branch_ms", 0) > 0 or "not installed" in brief["open_branch_skipped"]


def test_the_measured_processes_run_a_compiled_copy_of_the_explorer(tmp_path: Path) -> None:
    from explorer.bench.screen import installed_copy, last_line

    probe = "import os, explorer.tui.app as m; print(m.__file__, os.path.exists(m.__cached__))"
    with installed_copy(tmp_path) as copy:
        where, compiled = last_line(probe, [], tmp_path / "cache").split()
    assert Path(where).is_relative_to(copy)
    assert compiled == "True"  # its bytecode is on disk, as pip leaves an installed package
    where, _ = last_line(probe, [], tmp_path / "cache").split()
    assert not Path(where).is_relative_to(copy)  # the copy is used only inside the block
