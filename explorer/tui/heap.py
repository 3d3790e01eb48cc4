"""The cyclic collector, kept out of the reader's way.

After a load the corpus is frozen out of the collector's sight (`settle_heap`). Full collections
then walk what Textual keeps — its caches of drawn lines, tens of thousands of objects on a large
corpus — and Python starts one whenever enough middle collections have passed, in the middle of
a key. Here they never start by themselves: `IdleCollector` runs them when the reader
has paused, or, so that cyclic garbage cannot pile up under a key held down for minutes, once
far more are due than usual.
"""

from __future__ import annotations

import gc
import time
from typing import Any

from textual.app import App

FULL_COLLECTION_EVERY = 100  # middle collections between two full ones (Python's default: 10)
OVERDUE = 10  # ... times this many, and a full collection runs even while keys come
IDLE_SECONDS = 0.6  # no input for this long: the reader has paused
LOOK_EVERY = 0.5  # seconds between two looks at whether a collection is due
_NEVER = 1 << 30  # a threshold the count of middle collections never reaches


def freeze_loaded() -> None:
    """Right after a load, in the loading thread: out of the collector's sight at once. The load
    ran with the collector paused, so the whole corpus (millions of objects on a large corpus)
    sits in the youngest generation, and the first collections after it — while the main screen
    is built — walked it all. Freezing moves it without a walk."""
    gc.freeze()


def settle_heap(first: bool) -> None:
    """Take what is alive now — the corpus just read and shown above all — out of the cyclic
    collector's sight. Its objects hold no cycles (reference counts free them), but each full
    collection would walk them all, the cursor frozen meanwhile. After a reload, what was frozen
    before is collected once first: nothing leaks."""
    if not first:
        gc.unfreeze()
        gc.collect()
    gc.freeze()
    young, middle, _old = gc.get_threshold()
    gc.set_threshold(young, middle, _NEVER)  # full collections: `IdleCollector`'s


class IdleCollector:
    """Runs the full collections, when the app has had no input for IDLE_SECONDS."""

    def __init__(self, app: App[Any]) -> None:
        self.last_input = time.monotonic()
        self.collections = 0  # full collections run (tests look)
        app.set_interval(LOOK_EVERY, self.look, name="idle collector")

    def input_seen(self) -> None:
        self.last_input = time.monotonic()

    def due(self, now: float) -> bool:
        if gc.get_threshold()[2] != _NEVER:
            return False  # no load settled yet: Python's own schedule holds
        pending = gc.get_count()[2]  # middle collections since the last full one
        # The deadline added, not the gap subtracted: (t + 0.6) - t may come out below 0.6.
        idle = now >= self.last_input + IDLE_SECONDS
        return pending >= FULL_COLLECTION_EVERY * (1 if idle else OVERDUE)

    def look(self) -> None:
        if self.due(time.monotonic()):
            gc.collect()
            self.collections += 1
