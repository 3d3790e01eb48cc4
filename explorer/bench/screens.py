"""Opening each screen, in a fresh headless explorer process: p50 and p99 over repeated openings.

Each opening is timed from the key until the first frame composed that shows the screen (a
pushed screen's own frame; for the outcomes and the people list, the main screen's frame once
they are on), on the wall clock (what a user waits) and in the process's CPU time (which a busy
machine inflates less); then the app is let settle, the screen is closed, and the app settles
again before the next opening. The library (`L`) needs a second corpus: the benchmark writes a
small one beside the corpus measured, in a library folder of links to both.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

from explorer.bench.corpus import generate
from explorer.bench.screen import last_line

OPENINGS = 20  # per screen and size; the smoke run asks for fewer

# key to open, key to close, what shows it: a screen class's name, or a state of the main screen
SCREENS = {
    "walk": ("w", "escape", "WalkScreen"),
    "matrix": ("m", "escape", "MatrixScreen"),
    "hindsight": ("o", "o", "hindsight"),
    "scorecard": ("a", "escape", "ScorecardScreen"),
    "people": ("p", "p", "people"),
    "help": ("question_mark", "escape", "HelpScreen"),
    "source": ("s", "escape", "SourceScreen"),
    "library": ("L", "escape", "CorpusPicker"),
}

_OPENINGS = textwrap.dedent(
    """
    import asyncio, json, sys, time
    from pathlib import Path
    from textual.screen import Screen

    SCREENS = json.loads(sys.argv[3])
    OPENINGS = int(sys.argv[4])
    wanted = {"test": None, "event": None, "at": None, "cpu": None}
    compose_frame = Screen._compositor_refresh

    def shows(screen, what):
        if what == "hindsight":
            return type(screen).__name__ == "MainScreen" and screen.hindsight
        if what == "people":
            return type(screen).__name__ == "MainScreen" and screen.has_class("-people")
        return type(screen).__name__ == what

    def timed(self):
        result = compose_frame(self)
        what = wanted["test"]
        if what is not None and wanted["at"] is None and shows(self, what):
            wanted["at"], wanted["cpu"] = time.perf_counter(), time.process_time()
            wanted["event"].set()
        return result
    Screen._compositor_refresh = timed

    def percentile(values, share):
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]

    async def open_once(pilot, key, what):
        wanted.update(test=what, event=asyncio.Event(), at=None)
        started, cpu = time.perf_counter(), time.process_time()
        press = asyncio.create_task(pilot.press(key))
        await asyncio.wait_for(wanted["event"].wait(), 120)
        wanted["test"] = None
        await press
        return wanted["at"] - started, wanted["cpu"] - cpu

    async def main(library, target):
        from explorer.tui.app import ExplorerApp
        from explorer.tui.widgets.scenario_tree import ScenarioTree
        app = ExplorerApp(Path(library), live=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            corpora = [str(c.parent.resolve()) for c in app.library.corpora]
            await pilot.press(str(corpora.index(str(Path(target).resolve())) + 1))
            await asyncio.wait_for(app.live_corpus.loaded.wait(), 600)
            await asyncio.sleep(0.5)  # the cache is written from a timer after the first frame
            await asyncio.to_thread(app.live_corpus.wait_for_cache)
            await app.workers.wait_for_complete()
            await pilot.pause()
            main_screen = app.screen
            tree = main_screen.query_one(ScenarioTree)
            index = tree.index
            # A node whose one citation has a seed: `s` opens its source without a picker.
            node = next(
                n for n in index.ordered_nodes()
                if len(n.citations) == 1
                and index.sources.get(n.citations[0].source) is not None
                and main_screen.result.seeds.get(index.sources[n.citations[0].source].seed)
            )
            tree.go_to(node.id)
            await pilot.pause()
            figures = {}
            for name, (key, close, what) in SCREENS.items():
                shown, cpu = [], []
                for _ in range(OPENINGS):
                    wall, used = await open_once(pilot, key, what)
                    shown.append(wall)
                    cpu.append(used)
                    await pilot.pause()  # what the screen does after its first frame
                    await pilot.press(close)
                    await pilot.pause()
                    assert app.screen is main_screen, (name, app.screen)
                    assert not main_screen.hindsight and not main_screen.has_class("-people")
                figures[name] = {
                    "p50_ms": percentile(shown, 0.5) * 1e3,
                    "p99_ms": percentile(shown, 0.99) * 1e3,
                    "cpu_p50_ms": percentile(cpu, 0.5) * 1e3,
                    "cpu_p99_ms": percentile(cpu, 0.99) * 1e3,
                }
            app.exit()
        return figures

    print(json.dumps(asyncio.run(main(sys.argv[1], sys.argv[2]))))
    """
)


def _library(folder: Path, target: Path) -> Path:
    """A library of two corpora: the one measured, and a small one (that `L` offers)."""
    from explorer.reading.locate import find_corpora

    target = find_corpora(target)[0].parent  # the bundled folder holds its corpus in a folder
    library = folder / f"library-{target.name}"
    library.mkdir()
    (library / "measured").symlink_to(target.resolve(), target_is_directory=True)
    generate(library, 100, seed=11)
    return library


def screen_openings(
    folder: Path, target: Path, cache: Path, openings: int = OPENINGS
) -> dict[str, Any]:
    """p50 / p99 in ms of opening each screen on `target` (a corpus, or the folder of one)."""
    library = _library(folder, target)
    screens = {name: list(keys) for name, keys in SCREENS.items()}
    args = [str(library), str(library / "measured"), json.dumps(screens), str(openings)]
    result: dict[str, Any] = json.loads(
        last_line(_OPENINGS, args, cache, XDG_CONFIG_HOME=str(cache / "settings"))
    )
    return result
