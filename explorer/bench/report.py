"""Runs every figure and prints the table and the JSON."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Any

from explorer.bench import __doc__ as PACKAGE_DOC
from explorer.bench.brief import export_html, table_rows
from explorer.bench.corpus import generate
from explorer.bench.importing import import_figure, import_rows
from explorer.bench.loading import memory_ratio, our_load, parse_floor, timed
from explorer.bench.screen import KEYS, edit_to_screen, first_paint, installed_copy, interaction
from explorer.bench.screens import OPENINGS, screen_openings


def run(sizes: list[int], repeat: int, *, from_source: bool = False) -> dict[str, Any]:
    from explorer.reading.bundled import bundled_scenarios

    figures: dict[str, Any] = {
        "sizes": {},
        "python": sys.version.split()[0],
        "explorer_measured": "source" if from_source else "installed",
    }
    with tempfile.TemporaryDirectory() as name, contextlib.ExitStack() as stack:
        folder = Path(name)
        if not from_source:
            stack.enter_context(installed_copy(folder))
        corpora = {}
        for size in sizes:
            started = time.perf_counter()
            corpora[size] = generate(folder, size)
            yaml_bytes = sum(p.stat().st_size for p in corpora[size].glob("*.yaml"))
            print(
                f"generated {size:,} nodes ({yaml_bytes / 1e6:.1f} MB of YAML) "
                f"in {time.perf_counter() - started:.1f} s",
                file=sys.stderr,
            )
        for size, corpus_folder in corpora.items():
            runs = repeat if size < 100_000 else 1
            floor = timed(partial(parse_floor, corpus_folder), runs)
            ours = timed(partial(our_load, corpus_folder), runs)
            figures["sizes"][size] = {
                "parse_floor_s": round(floor, 4),
                "load_s": round(ours, 4),
                "load_over_floor": round(ours / floor, 2),
            }
            print(f"{size:>7,} nodes: load {ours:.3f} s, floor {floor:.3f} s", file=sys.stderr)
        if 10_000 in figures["sizes"] and 100_000 in figures["sizes"]:
            figures["scaling_100k_over_10k"] = round(
                figures["sizes"][100_000]["load_s"] / figures["sizes"][10_000]["load_s"], 2
            )
        largest = max(corpora)
        figures["export_html"] = export_html(
            corpora[min(corpora, key=lambda n: abs(n - 10_000))], repeat
        )
        ratio, ours_mb, floor_mb = memory_ratio(corpora[largest])
        figures["memory"] = {
            "size": largest,
            "our_peak_mb": round(ours_mb, 1),
            "yaml_load_peak_mb": round(floor_mb, 1),
            "ratio": round(ratio, 2),
        }
        cache = folder / "cache"  # the warm-start cache, private to this run
        bare, _, _ = first_paint("bare", repeat, cache)
        figures["first_paint"] = {"bare_textual_s": round(bare, 3)}
        # The smoke run (one repeat) times 40 keys, enough to prove the figures are made.
        keys = KEYS if repeat > 1 else 40
        ours_keys = interaction(str(corpora[largest]), largest, cache, keys)
        bare_keys = interaction("bare", largest, cache, keys)
        figures["keys"] = {"size": largest}
        for measure in ("to_frame", "total"):
            ours_key, bare_key = ours_keys["cursor"][measure], bare_keys["cursor"][measure]
            figures["keys"][measure] = {
                "median_ms": round(ours_key["median_ms"], 2),
                "p99_ms": round(ours_key["p99_ms"], 2),
                "bare_tree_median_ms": round(bare_key["median_ms"], 2),
                "ratio": round(ours_key["median_ms"] / max(bare_key["median_ms"], 1e-6), 2),
            }
        figures["keys"].update(
            expand_ms=round(ours_keys["expand_ms"], 1),
            expanded_children=ours_keys["expanded_children"],
            search_index_s=round(ours_keys["search_index_s"], 2),
            search_ms_max=round(ours_keys["search_ms_max"], 1),
            search_ms_median=round(ours_keys["search_ms_median"], 1),
        )
        edit = edit_to_screen(str(corpora[largest]), cache)
        figures["reload"] = {
            "size": largest,
            "edit_to_screen_s": round(edit["edit_to_screen_s"], 3),
            "reload_read_s": round(edit["reload_read_s"], 3),
            "bare_first_frame_s": round(bare, 3),
            "ratio": round(edit["edit_to_screen_s"] / bare, 2),
        }
        # Cold: nothing cached (the interaction run above cached the largest corpus: clear it).
        shutil.rmtree(cache, ignore_errors=True)
        for label, target, runs in (
            ("bundled", str(bundled_scenarios()), repeat),
            (f"{largest} cold", str(corpora[largest]), 1),
            (f"{largest} warm", str(corpora[largest]), 1),
        ):
            first, shown, ready = first_paint(target, runs, cache)
            figures["first_paint"][label] = {
                "first_screen_s": round(first, 3),
                "corpus_shown_s": round(shown, 3),
                "corpus_ready_s": round(ready, 3),
                "first_screen_ratio": round(first / bare, 2),
                "corpus_shown_ratio": round(shown / bare, 2),
                "corpus_ready_ratio": round(ready / bare, 2),
            }
        # Each screen opened OPENINGS times; the smoke run (one repeat) opens each twice.
        openings = OPENINGS if repeat > 1 else 2
        figures["screens"] = {"openings": openings}
        for label, measured in (("bundled", bundled_scenarios()), (str(largest), corpora[largest])):
            opened = screen_openings(folder, measured, cache, openings)
            figures["screens"][label] = {
                name: {key: round(value, 1) for key, value in times.items()}
                for name, times in opened.items()
            }
    figures["import"] = import_figure(repeat)
    return figures


def table(figures: dict[str, Any]) -> str:
    rows = [("figure", "value")]
    for size, data in figures["sizes"].items():
        rows.append((f"load ÷ parse floor, {int(size):,} nodes", f"{data['load_over_floor']:.2f}x"))
    if "scaling_100k_over_10k" in figures:
        rows.append(
            ("load time 100k ÷ 10k (linear = 10)", f"{figures['scaling_100k_over_10k']:.2f}")
        )
    memory = figures["memory"]
    rows.append(
        (f"peak memory ÷ plain yaml.load, {memory['size']:,} nodes", f"{memory['ratio']:.2f}x")
    )
    for label, data in figures["first_paint"].items():
        if isinstance(data, dict):
            rows.append(
                (
                    f"first screen / corpus shown / all read ÷ bare Textual, {label}",
                    f"{data['first_screen_ratio']:.2f}x / {data['corpus_shown_ratio']:.2f}x"
                    f" / {data['corpus_ready_ratio']:.2f}x",
                )
            )
    if "reload" in figures:
        edit = figures["reload"]
        rows.append(
            (
                f"save to screen ÷ bare Textual first frame, {edit['size']:,} nodes",
                f"{edit['ratio']:.2f}x ({edit['edit_to_screen_s']:.2f} s, "
                f"of which reading {edit['reload_read_s']:.2f} s)",
            )
        )
    if "keys" in figures:
        keys = figures["keys"]
        size = f"{keys['size']:,} nodes"
        for measure, what in (("to_frame", "to the next frame"), ("total", "all it causes")):
            key = keys[measure]
            rows += [
                (f"CPU per cursor key ÷ bare Tree, {what}, {size}", f"{key['ratio']:.2f}x"),
                (
                    f"CPU per cursor key, {what}, median / p99",
                    f"{key['median_ms']:.1f} / {key['p99_ms']:.1f} ms",
                ),
            ]
        search = f"{keys['search_ms_max']:.1f} / {keys['search_ms_median']:.1f} ms"
        rows += [
            (
                f"expand a branch of {keys['expanded_children']:,}, {size}",
                f"{keys['expand_ms']:.0f} ms",
            ),
            (f"search per keystroke, max / median, {size}", search),
            (
                f"search index, built in a thread after the load, {size}",
                f"{keys['search_index_s']:.2f} s",
            ),
        ]
    if "screens" in figures:
        screens = figures["screens"]
        for label, opened in screens.items():
            if isinstance(opened, dict):
                rows += [
                    (
                        f"open {name}, until shown, {label}, p50 / p99 of {screens['openings']}",
                        f"{times['p50_ms']:.0f} / {times['p99_ms']:.0f} ms",
                    )
                    for name, times in opened.items()
                ]
    rows += table_rows(figures)
    rows += import_rows(figures)
    width = max(len(r[0]) for r in rows)
    return "\n".join(f"{a:<{width}}  {b}" for a, b in rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m explorer.bench", description=PACKAGE_DOC.split("\n")[0]
    )
    parser.add_argument("--sizes", default="1000,10000,100000", help="node counts, comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (best is kept)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument(
        "--from-source",
        action="store_true",
        help="time the app's processes on this checkout's modules as they are, not on a compiled "
        "copy (without bytecode on disk, each start also compiles them)",
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    os.environ.setdefault("TEXTUAL_FPS", "1000")
    figures = run(sizes, args.repeat, from_source=args.from_source)
    print(table(figures))
    print(json.dumps(figures, indent=2))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0
