"""First paint and key timings, each in a fresh headless explorer process."""

from __future__ import annotations

import compileall
import contextlib
import json
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

_FIRST_PAINT = textwrap.dedent(
    """
    import asyncio, sys, time
    started = time.perf_counter()
    from pathlib import Path
    from textual.screen import Screen
    frames = {}
    shown = asyncio.Event()  # awaited, not polled: polling would take the loader's time
    compose_frame = Screen._compositor_refresh
    def timed(self):
        result = compose_frame(self)
        now = time.perf_counter() - started
        frames.setdefault("first", now)
        if type(self).__name__ == "MainScreen":
            frames.setdefault("main", now)  # the corpus shown: its outline, or all of it
            if not self.index.is_outline:
                frames.setdefault("ready", now)  # every node read, checked and shown
        if "ready" in frames or (sys.argv[1] == "bare" and "first" in frames):
            shown.set()
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
        await shown.wait()
        first = frames["first"]
        print(first, frames.get("main", first), frames.get("ready", first))
        if sys.argv[1] != "bare":  # as a session does: the cache is written once shown
            await asyncio.sleep(0.5)
            await asyncio.to_thread(pilot.app.live_corpus.wait_for_cache)
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

    KEYS = int(sys.argv[3])
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
            # Measured once the app is at rest: after a load, the search index is built and the
            # warm-start cache written in threads (a second or two at 100k nodes).
            await asyncio.sleep(0.5)  # the cache is written from a timer after the first frame
            await asyncio.to_thread(app.live_corpus.wait_for_cache)
            await app.workers.wait_for_complete()
            await pilot.pause()
            tree = app.screen.query_one(ScenarioTree)
            trigger = tree.index.corpus.trigger
            largest = max(trigger.children, key=lambda node: len(node.children))
            tree.go_to(largest.id)
            await pilot.pause()
            # Enter opens and closes a branch in the tree (space pages down there, as in less).
            if tree.is_expanded(largest.id):
                await pilot.press("enter")  # collapse, to time the expansion itself
                await pilot.pause()
            assert not tree.is_expanded(largest.id), "the branch did not close"
            started = time.process_time()
            await pilot.press("enter")
            await pilot.pause()
            expand_ms = (time.process_time() - started) * 1e3
            assert tree.is_expanded(largest.id), "the key timed did not open the branch"
            result = {"cursor": await cursor_keys(pilot), "expand_ms": expand_ms,
                      "expanded_children": len(largest.children)}
            index = tree.index
            started = time.perf_counter()
            type(index)(index.corpus).prepare_search()  # what the thread did after the load
            result["search_index_s"] = time.perf_counter() - started
            costs = []
            for query in ("iran deal", "sanctions talks", "zzz", "sanctons taks"):  # typos too
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


# Edit to screen: the explorer watching a corpus; one tree file is saved with a node's title
# changed (written beside and renamed over, as editors save), and the clock runs until the first
# frame composed once the main screen holds the new title — the watcher's wait for the file to
# settle, the reload and the redraw included. The load's own share is timed too.
_RELOAD = textwrap.dedent(
    """
    import asyncio, json, os, sys, time
    from pathlib import Path
    from textual.screen import Screen
    from explorer.tui.app import ExplorerApp
    from explorer.tui import live

    shown = {}
    watch = {"title": None}
    compose_frame = Screen._compositor_refresh
    def timed(self):
        result = compose_frame(self)
        title = watch["title"]
        index = getattr(self, "index", None)
        if title is not None and "frame" not in shown and index is not None:
            if index.nodes[watch["id"]].title == title:
                shown["frame"] = time.perf_counter()
        return result
    Screen._compositor_refresh = timed
    loads = []
    read = live.Session.read
    def timed_read(self, settle=True):
        started = time.perf_counter()
        loaded = read(self, settle)
        if loaded is not None:
            loads.append(time.perf_counter() - started)
        return loaded
    live.Session.read = timed_read

    async def main(path):
        app = ExplorerApp(Path(path), live=True)
        async with app.run_test(size=(120, 40)) as pilot:
            await asyncio.wait_for(app.live_corpus.loaded.wait(), 600)
            await asyncio.sleep(0.5)
            await asyncio.to_thread(app.live_corpus.wait_for_cache)
            await asyncio.sleep(1.5)  # the search index, the watch's start
            corpus = app.live_corpus.session.corpus
            root, file = corpus.trigger.children[0], Path(corpus.tree_files[0])
            text = file.read_text("utf-8")
            lines = text.splitlines()[root.location.line - 1 :]
            old = next(line for line in lines if line.strip().startswith("title:"))
            new_title = root.title + " (edited)"
            new = old.split("title:")[0] + "title: " + json.dumps(new_title)
            edited = text.replace(old, new, 1)
            watch.update(id=root.id)
            loads.clear()
            temp = file.with_suffix(".tmp~")
            temp.write_text(edited, "utf-8")
            started = time.perf_counter()
            watch["title"] = new_title
            os.replace(temp, file)
            while "frame" not in shown and time.perf_counter() - started < 120:
                await asyncio.sleep(0.005)
            file.write_text(text, "utf-8")  # as it was, for whatever runs next
            app.exit()
        return {"edit_to_screen_s": shown["frame"] - started, "reload_read_s": loads[0]}

    print(json.dumps(asyncio.run(main(sys.argv[1]))))
    """
)


_PACKAGE = Path(__file__).resolve().parent.parent  # explorer/, from explorer/bench/
# Where the measured processes import the explorer from: see `installed_copy`.
_installed: list[Path] = []


@contextlib.contextmanager
def installed_copy(folder: Path) -> Iterator[Path]:
    """Copy the explorer into `folder` with its modules compiled, as `pip install .` leaves it,
    and run every measured process on that copy.

    The bare app's baseline runs Textual as pip installed it, compiled. A source checkout run
    with PYTHONDONTWRITEBYTECODE set (this machine sets it) would also compile every explorer
    module at each start, a cost no installed explorer pays; `--from-source` measures that."""
    copy = folder / "installed"
    shutil.copytree(_PACKAGE, copy / "explorer", ignore=shutil.ignore_patterns("__pycache__"))
    if not compileall.compile_dir(copy / "explorer", quiet=1):
        raise RuntimeError(f"the explorer's copy in {copy} did not compile")
    _installed[:] = [copy]
    try:
        yield copy
    finally:
        _installed.clear()


def last_line(script: str, args: list[str], cache: Path, **env: str) -> str:
    """Run a script in a fresh interpreter with its own warm-start cache; its last output line.
    The script imports the explorer from the compiled copy when there is one (`-c` puts the
    working folder first on the import path)."""
    output = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=_installed[0] if _installed else None,
        env={**os.environ, "XDG_CACHE_HOME": str(cache), **env},
    ).stdout
    return output.strip().splitlines()[-1]


def edit_to_screen(target: str, cache: Path) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(last_line(_RELOAD, [target], cache))
    return result


KEYS = 200  # cursor keys timed per run; the smoke run asks for fewer


def interaction(target: str, nodes: int, cache: Path, keys: int = KEYS) -> dict[str, Any]:
    line = last_line(_INTERACTION, [target, str(nodes), str(keys)], cache, TEXTUAL_FPS="1000")
    result: dict[str, Any] = json.loads(line)
    return result


def first_paint(target: str, repeat: int, cache: Path) -> tuple[float, float, float]:
    """Best of `repeat` fresh processes: seconds to the first screen, to the corpus shown (a
    large corpus's outline, when the cache holds it), and to the whole corpus shown."""
    best = [float("inf")] * 3
    for _ in range(repeat):
        times = [float(f) for f in last_line(_FIRST_PAINT, [target], cache).split()]
        best = [min(old, new) for old, new in zip(best, times, strict=True)]
    return best[0], best[1], best[2]
