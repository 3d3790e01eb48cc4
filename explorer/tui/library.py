"""The corpora a path names, and the one the app follows: with a library of several, a picker
at start (the corpus opened last offered first) and on `L`, and the switch from one to another."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App

from explorer.reading.locate import find_corpora
from explorer.tui.live import WORKER_GROUPS, LiveCorpus, back_to_the_loading_screen
from explorer.tui.screens.loading import CorpusPicker, LoadingScreen


def folder_of(corpus_file: Path) -> str:
    """How the settings name a corpus: its folder, absolute."""
    return os.path.abspath(corpus_file.parent)  # noqa: PTH100 - resolve() would follow links


class Library:
    """`current` keeps the screens showing one corpus; `remember` is told the folder of each
    corpus opened, to offer it first next time."""

    def __init__(
        self,
        app: App[Any],
        path: Path,
        *,
        live: bool,
        last: str | None,
        remember: Callable[[str], None],
    ) -> None:
        self.app = app
        self.corpora = find_corpora(path)  # CorpusNotFound propagates: the CLI reports it
        self.live = live
        self.remember = remember
        first = next((c for c in self.corpora if folder_of(c) == last), self.corpora[0])
        self.current = LiveCorpus(app, first, watch=live)

    @property
    def several(self) -> bool:
        return len(self.corpora) > 1

    def start(self) -> None:
        """Open the corpus, or, in a library of several, ask which one first."""
        if self.several:
            self.choose()
        else:
            self.current.open()

    def choose(self) -> None:
        picker = CorpusPicker(self.corpora, self.current.session.corpus_file)
        self.app.push_screen(picker, self._chosen)

    @property
    def _started(self) -> bool:
        # Opened, not only loaded: a corpus being read (behind the loading screen or its
        # outline) is stopped too when another is chosen, or its load would still be shown.
        return self.current.opened

    def _chosen(self, chosen: Path | None) -> None:
        if chosen is None or chosen == self.current.session.corpus_file:
            if not self._started:  # at start, Escape opens the corpus offered first
                self.current.open()
            self.remember(folder_of(self.current.session.corpus_file))
            return
        self.app.run_worker(self._open(chosen), name="switch", group="switch")

    async def _open(self, corpus_file: Path) -> None:
        """Stop following the corpus on screen; read and show the chosen one instead."""
        app = self.app
        if self._started:
            for group in WORKER_GROUPS:
                app.workers.cancel_group(app, group)
            self.current.close()
            await back_to_the_loading_screen(app)
        self.current = LiveCorpus(app, corpus_file, watch=self.live)
        self.remember(folder_of(corpus_file))
        loading = app.screen_stack[0]
        if isinstance(loading, LoadingScreen):
            loading.show_where(self.current.session.where)
        self.current.open()
