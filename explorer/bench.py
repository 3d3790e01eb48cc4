"""Benchmark: how loading and the explorer scale, as ratios to baselines measured in the same run.

    python -m explorer.bench                 # 1k, 10k and 100k nodes (several minutes)
    python -m explorer.bench --sizes 1000    # the smoke run CI does
    python -m explorer.bench --json out.json # the figures as JSON too

Each figure is a ratio to a baseline taken on the same machine in the same run, so the numbers mean
the same on a fast or a slow machine:

- load: `load_corpus` (read + build + validate + every quote checked) ÷ the parse floor,
  `yaml.load(CSafeLoader)` of the same files with the garbage collector frozen;
- scaling: the 100k load time ÷ the 10k one (linear is 10);
- memory: peak RSS of our load at the largest size ÷ that of a plain `yaml.load`, each in a fresh
  process;
- first paint: `explorer`'s first composed frame (the loading screen), and its first frame of the
  main screen (the corpus shown), ÷ a bare Textual app's first frame, each in a fresh headless
  process: the bundled corpus, and the largest cold (empty warm-start cache) then warm;
- cursor key: CPU time per cursor-down on the tree with the detail pane following ÷ the same key on
  a bare Textual `Tree` of the same size (median and p99), with TEXTUAL_FPS raised so the frame
  rate does not hide the compute: until the next frame (the cursor moved), and all the key causes
  until the app is idle (the details drawn too);
- expanding the largest branch, and search: every prefix of three queries, and the time to build
  the search index (done in a thread once the corpus is shown).

No figure has a pass/fail threshold here: machines are noisy. The goals live in the README.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import yaml

try:
    from yaml import CSafeLoader as FloorLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as FloorLoader  # type: ignore[assignment]

# A sentence of words reads and extends more easily than a list literal.
WORDS = (  # noqa: SIM905
    "iran iraq tehran baghdad militia sanctions talks troops vote deal war peace risk strike "
    "council parliament envoy treaty border summit pressure leverage diplomacy escalation "
    "restraint proxy government coalition mission withdrawal election protest economy oil missile "
    "drone base retaliation deterrence negotiation agreement ceasefire region alliance influence "
    "sovereignty"
).split()
HEDGES = ["could", "will", "likely", "may", "would", "unlikely"]
NODES_PER_TREE = 1000
SEED_COUNT = 40


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


def generate(folder: Path, nodes: int, seed: int = 7) -> Path:
    """A synthetic corpus of about `nodes` nodes: realistic text, quotes cut from real seeds."""
    rng = random.Random(seed)
    corpus_folder = folder / f"synthetic-{nodes}"
    seeds_folder = corpus_folder / "seeds"
    seeds_folder.mkdir(parents=True)
    seeds: list[list[str]] = []
    for i in range(SEED_COUNT):
        words = [rng.choice(WORDS) for _ in range(1600)]
        for position in range(0, len(words), 9):  # give the quotes hedge words to find
            words[position] = rng.choice(HEDGES)
        seeds.append(words)
        # Paragraphs of plain words: white space between them folds, so quotes may cross them.
        text = "\n\n".join(
            " ".join(words[start : start + 80]) for start in range(0, len(words), 80)
        )
        (seeds_folder / f"seed-{i:03d}.txt").write_text(text.replace("'", "’"), encoding="utf-8")

    def quote(source: int) -> tuple[str, str | None]:
        words = seeds[source]
        start = rng.randrange(0, len(words) - 12)
        chosen = words[start : start + rng.randint(6, 12)]
        hedges = [w for w in chosen if w in HEDGES]
        return " ".join(chosen), (hedges[0] if hedges else None)

    counter = iter(range(10**9))

    def node(kind: str, depth: int, budget: list[int]) -> dict[str, Any]:
        budget[0] -= 1
        number = next(counter)
        source = rng.randrange(SEED_COUNT)
        text, hedge = quote(source)
        citation: dict[str, Any] = {"source": f"s{source}", "quote": text, "stance": "predicts"}
        if hedge:
            citation["likelihood"] = hedge
        result: dict[str, Any] = {
            "id": f"n{number}",
            "kind": kind,
            "title": _sentence(rng, rng.randint(3, 7)),
            "claim": _sentence(rng, rng.randint(12, 24)) + ".",
            "tags": [rng.choice(WORDS), rng.choice(WORDS)],
            "citations": [citation],
        }
        if kind == "question":
            second = rng.randrange(SEED_COUNT)
            while second == source:
                second = rng.randrange(SEED_COUNT)
            children = [node("event", depth + 1, budget), node("event", depth + 1, budget)]
            # The second alternative is argued by another source, so the question shows a contest.
            text, hedge = quote(second)
            other: dict[str, Any] = {"source": f"s{second}", "quote": text, "stance": "predicts"}
            if hedge:
                other["likelihood"] = hedge
            children[1]["citations"] = [other]
            result["children"] = children
        elif depth < 12 and budget[0] > 0:
            count = rng.randint(1, 3)
            kids = []
            for _ in range(count):
                if budget[0] <= 0:
                    break
                kids.append(node(rng.choice(["event", "question"]), depth + 1, budget))
            if kids:
                result["children"] = kids
        return result

    trees = []
    total = max(1, nodes // NODES_PER_TREE) if nodes >= NODES_PER_TREE else 1
    per_tree = nodes // total
    for t in range(total):
        budget = [per_tree - 1]
        root = node("event", 9, [0])  # a root with no subtree of its own
        # Wide roots of small subtrees: each tree's root is a large branch to expand.
        while budget[0] > 0:
            share = [min(budget[0], rng.randint(1, 8))]
            before = share[0]
            root.setdefault("children", []).append(node("event", 9, share))
            budget[0] -= before - share[0]
        name = f"tree-{t:03d}.yaml"
        with (corpus_folder / name).open("w", encoding="utf-8") as handle:
            yaml.dump(root, handle, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=120)
        trees.append(name)
    people = [{"id": f"p{i}", "name": f"Analyst {i}", "role": "analyst"} for i in range(SEED_COUNT)]
    sources = [
        {
            "id": f"s{i}",
            "title": f"Article {i}",
            "outlet": "Synthetic Review",
            "published": "2020-01-05",
            "authors": [f"p{i}"],
            "seed": f"seed-{i:03d}.txt",
            "kind": "analysis",
        }
        for i in range(SEED_COUNT)
    ]
    trigger = {
        "id": "trigger",
        "kind": "event",
        "title": "The trigger",
        "claim": "Something happened.",
        "citations": [
            {"source": f"s{i}", "quote": " ".join(seeds[i][1:7]), "stance": "explains"}
            for i in range(SEED_COUNT)
        ],
    }
    corpus = {
        "id": f"synthetic-{nodes}",
        "title": f"Synthetic corpus of {nodes} nodes",
        "seeds": "seeds",
        "trees": trees,
        "trigger": trigger,
        "people": people,
        "sources": sources,
    }
    (corpus_folder / "corpus.yaml").write_text(
        yaml.dump(corpus, Dumper=_Dumper, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    return corpus_folder


try:
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]


def _timed(function: Callable[[], object], repeat: int) -> float:
    """Best wall time of `repeat` runs (the least disturbed by other work on the machine)."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best


def parse_floor(corpus_folder: Path) -> None:
    gc.freeze()
    gc.disable()
    try:
        for path in sorted(corpus_folder.glob("*.yaml")):
            with path.open("rb") as handle:
                yaml.load(handle, Loader=FloorLoader)
    finally:
        gc.enable()
        gc.unfreeze()


def our_load(corpus_folder: Path) -> None:
    from explorer.load import load_corpus

    result = load_corpus(corpus_folder)
    assert result.corpus is not None and not result.errors, result.errors[:3]


def _peak_rss_mb(code: str) -> float:
    """Peak resident memory of a fresh interpreter running `code`, in MB.

    Read from VmHWM, which starts afresh at exec: ru_maxrss would carry over the parent's size
    from the fork, and this process holds the generated corpora."""
    probe = (
        code
        + "\nstatus = open('/proc/self/status').read().splitlines()"
        + "\nprint(next(l.split()[1] for l in status if l.startswith('VmHWM')))\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    return int(output.strip().splitlines()[-1]) / 1024


def memory_ratio(corpus_folder: Path) -> tuple[float, float, float]:
    baseline = _peak_rss_mb("import yaml, explorer.load, explorer.tui")  # interpreter + imports
    floor = _peak_rss_mb(
        "import yaml, explorer.load, explorer.tui\nfrom pathlib import Path\n"
        f"docs = [yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader) "
        f"for p in sorted(Path({str(corpus_folder)!r}).glob('*.yaml'))]"
    )
    ours = _peak_rss_mb(
        "import yaml, explorer.load, explorer.tui\nfrom pathlib import Path\n"
        f"r = explorer.load.load_corpus(Path({str(corpus_folder)!r}))"
    )
    return (ours - baseline) / max(floor - baseline, 1e-9), ours, floor


# The times of the first frame composed on any screen, and of the first on the main screen (the
# corpus shown), taken where Textual composes frames: a Pilot pause waits for the app to be idle,
# which includes the load and the search index built after it.
_FIRST_PAINT = textwrap.dedent(
    """
    import sys, time
    started = time.perf_counter()
    from pathlib import Path
    from textual.screen import Screen
    frames = {}
    compose_frame = Screen._compositor_refresh
    def timed(self):
        result = compose_frame(self)
        now = time.perf_counter() - started
        frames.setdefault("first", now)
        if type(self).__name__ == "MainScreen":
            frames.setdefault("main", now)
        return result
    Screen._compositor_refresh = timed
    if sys.argv[1] == "bare":
        from textual.app import App
        from textual.widgets import Static
        class Bare(App[None]):
            def compose(self):
                yield Static("hello")
        app = Bare()
    else:
        from explorer.tui.app import ExplorerApp
        app = ExplorerApp(Path(sys.argv[1]), live=False)
    async def first_paint(pilot):
        while "first" not in frames or (sys.argv[1] != "bare" and "main" not in frames):
            await pilot.pause(0.01)
        print(frames["first"], frames.get("main", frames["first"]))
        pilot.app.exit()
    app.run(headless=True, size=(120, 40), auto_pilot=first_paint)
    """
)


# Keys are measured in CPU time of the app's process (time.process_time), so Pilot's idle waits
# between keys do not count; TEXTUAL_FPS is raised so no key waits for a frame slot. Two figures
# per key: the CPU until the first frame after the key is composed (the cursor has moved), and
# all the CPU the key causes until the app is idle again (the details drawn too).
_INTERACTION = textwrap.dedent(
    """
    import asyncio, json, statistics, sys, time
    from pathlib import Path
    from textual.app import App
    from textual.screen import Screen
    from textual.widgets import Tree

    KEYS = 200
    frames = []  # CPU time at the end of each composed frame
    compose_frame = Screen._compositor_refresh
    def counted(self):
        result = compose_frame(self)
        frames.append(time.process_time())
        return result
    Screen._compositor_refresh = counted

    def percentile(values, share):
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]

    def summary(costs):
        return {
            "median_ms": statistics.median(costs) * 1e3,
            "p99_ms": percentile(costs, 0.99) * 1e3,
        }

    async def cursor_keys(pilot):
        to_frame, total = [], []
        for _ in range(KEYS):
            frames.clear()
            started = time.process_time()
            await pilot.press("down")
            await pilot.pause()
            total.append(time.process_time() - started)
            to_frame.append(frames[0] - started if frames else total[-1])
        return {"to_frame": summary(to_frame), "total": summary(total)}

    async def bare(nodes):
        class Bare(App[None]):
            def compose(self):
                tree = Tree("root")
                tree.root.expand()
                per = 1000
                for t in range(max(1, nodes // per)):
                    branch = tree.root.add(f"tree {t}", expand=t == 0)
                    for i in range(per - 1):
                        branch.add_leaf(f"node {t}-{i} with a title of some length")
                yield tree
        app = Bare()
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            return {"cursor": await cursor_keys(pilot)}

    async def ours(path):
        from explorer.tui.app import ExplorerApp
        from explorer.tui.widgets.scenario_tree import ScenarioTree
        app = ExplorerApp(Path(path), live=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await asyncio.wait_for(app.live_corpus.loaded.wait(), 600)
            # Measured once the app is idle: the search index is built in a thread after a load.
            await app.workers.wait_for_complete([w for w in app.workers if w.group == "search"])
            await pilot.pause()
            tree = app.screen.query_one(ScenarioTree)
            trigger = tree.index.corpus.trigger
            largest = max(trigger.children, key=lambda node: len(node.children))
            tree.go_to(largest.id)
            await pilot.pause()
            if tree.is_expanded(largest.id):
                await pilot.press("space")  # collapse, to time the expansion itself
                await pilot.pause()
            started = time.process_time()
            await pilot.press("space")
            await pilot.pause()
            expand_ms = (time.process_time() - started) * 1e3
            result = {"cursor": await cursor_keys(pilot), "expand_ms": expand_ms,
                      "expanded_children": len(largest.children)}
            index = tree.index
            started = time.perf_counter()
            type(index)(index.corpus).prepare_search()  # what the thread did after the load
            result["search_index_s"] = time.perf_counter() - started
            costs = []
            for query in ("iran deal", "sanctions talks", "zzz"):
                for end in range(1, len(query) + 1):
                    started = time.perf_counter()
                    index.search(query[:end])
                    costs.append(time.perf_counter() - started)
            result["search_ms_max"] = max(costs) * 1e3
            result["search_ms_median"] = statistics.median(costs) * 1e3
            return result

    target = sys.argv[1]
    data = asyncio.run(bare(int(sys.argv[2])) if target == "bare" else ours(target))
    print(json.dumps(data))
    """
)


def interaction(target: str, nodes: int, cache: Path) -> dict[str, Any]:
    output = subprocess.run(
        [sys.executable, "-c", _INTERACTION, target, str(nodes)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "TEXTUAL_FPS": "1000", "XDG_CACHE_HOME": str(cache)},
    ).stdout
    result: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    return result


def first_paint(target: str, repeat: int, cache: Path) -> tuple[float, float]:
    """Best of `repeat` fresh processes: seconds to the first screen, and to the corpus shown."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    best = (float("inf"), float("inf"))
    for _ in range(repeat):
        output = subprocess.run(
            [sys.executable, "-c", _FIRST_PAINT, target],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        ).stdout
        first, shown = (float(f) for f in output.strip().splitlines()[-1].split())
        best = (min(best[0], first), min(best[1], shown))
    return best


def run(sizes: list[int], repeat: int) -> dict[str, Any]:
    from explorer.bundled import bundled_scenarios

    figures: dict[str, Any] = {"sizes": {}, "python": sys.version.split()[0]}
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
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
            floor = _timed(partial(parse_floor, corpus_folder), runs)
            ours = _timed(partial(our_load, corpus_folder), runs)
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
        ratio, ours_mb, floor_mb = memory_ratio(corpora[largest])
        figures["memory"] = {
            "size": largest,
            "our_peak_mb": round(ours_mb, 1),
            "yaml_load_peak_mb": round(floor_mb, 1),
            "ratio": round(ratio, 2),
        }
        cache = folder / "cache"  # the warm-start cache, private to this run
        bare, _ = first_paint("bare", repeat, cache)
        figures["first_paint"] = {"bare_textual_s": round(bare, 3)}
        ours_keys = interaction(str(corpora[largest]), largest, cache)
        bare_keys = interaction("bare", largest, cache)
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
        # Cold: nothing cached (the interaction run above cached the largest corpus: clear it).
        shutil.rmtree(cache, ignore_errors=True)
        for label, target, runs in (
            ("bundled", str(bundled_scenarios()), repeat),
            (f"{largest} cold", str(corpora[largest]), 1),
            (f"{largest} warm", str(corpora[largest]), 1),
        ):
            first, shown = first_paint(target, runs, cache)
            figures["first_paint"][label] = {
                "first_screen_s": round(first, 3),
                "corpus_shown_s": round(shown, 3),
                "first_screen_ratio": round(first / bare, 2),
                "corpus_shown_ratio": round(shown / bare, 2),
            }
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
                    f"first screen / corpus shown ÷ bare Textual, {label}",
                    f"{data['first_screen_ratio']:.2f}x / {data['corpus_shown_ratio']:.2f}x",
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
    width = max(len(r[0]) for r in rows)
    return "\n".join(f"{a:<{width}}  {b}" for a, b in rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m explorer.bench", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--sizes", default="1000,10000,100000", help="node counts, comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (best is kept)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    os.environ.setdefault("TEXTUAL_FPS", "1000")
    figures = run(sizes, args.repeat)
    print(table(figures))
    print(json.dumps(figures, indent=2))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
