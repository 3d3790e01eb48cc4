"""Shown at once while the corpus is read in a thread; the app then puts the tree over it. When
the path names a library of several corpora, a picker over it asks which one to open.

No footer on the loading screen: composing one costs more than the load of a small corpus.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import LoadingIndicator, OptionList, Static
from textual.widgets.option_list import Option

from explorer.reading.locate import display_path
from explorer.tui.messages import LoadProgress
from explorer.tui.screens.numbered import NumberedPicker
from explorer.tui.widgets.footer import FittingFooter


class LoadingScreen(Screen[None]):
    """Where the corpus is read from, an animated indicator until the load tells how far it is,
    then the count of tree files read and nodes built (which moves on its own)."""

    def __init__(self, where: str) -> None:
        super().__init__()
        self.where = where
        self._counting = False  # the load has told how far it is: the indicator is gone

    def compose(self) -> ComposeResult:
        yield Static(self._message(), id="loading-message")
        yield LoadingIndicator(id="loading")
        yield Static("", id="loading-progress")

    def on_load_progress(self, message: LoadProgress) -> None:
        self.show_progress(message.read, message.files, message.nodes)

    def show_progress(self, read: int, files: int, nodes: int) -> None:
        """How far the load is (posted from the loading thread, between tree files)."""
        self.query_one("#loading-progress", Static).update(
            f"{read:,} of {files:,} tree files read, {nodes:,} nodes built"
        )
        if not self._counting:
            # The count shows the load moving; the indicator's frames, 16 a second, took the
            # interpreter from the load in turns.
            self._counting = True
            for indicator in self.query(LoadingIndicator):
                self.mount(Static(classes="loading-still"), before=indicator)
                indicator.remove()

    def _message(self) -> Text:
        return Text(f"Reading the corpus at {self.where} …  (q quits)")

    def show_where(self, where: str) -> None:
        """Another corpus is read (one chosen from a library)."""
        self.where = where
        self.query_one("#loading-message", Static).update(self._message())
        self.query_one("#loading-progress", Static).update("")
        self._counting = False  # the indicator is back when this screen is shown again
        self.query(".loading-still").remove()

    def on_screen_suspend(self) -> None:
        self.query(LoadingIndicator).remove()  # it would go on animating where no one sees it

    def on_screen_resume(self) -> None:
        if not self._counting and not self.query(LoadingIndicator):
            self.mount(LoadingIndicator(id="loading"), before="#loading-progress")


def corpus_title(corpus_file: Path) -> str | None:
    """The title a corpus.yaml gives, or None when it cannot be read (the load will say why)."""
    try:
        stat = corpus_file.stat()
    except OSError:
        return None
    return _title_of(corpus_file, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=64)  # the picker opens on each `L`: a file read again only if changed
def _title_of(corpus_file: Path, _mtime_ns: int, _size: int) -> str | None:
    import yaml  # only when a library is shown: the first screen of one corpus goes without

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, when built with it
    try:
        data = yaml.load(corpus_file.read_text(encoding="utf-8"), Loader=loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    title = data.get("title") if isinstance(data, dict) else None
    return " ".join(title.split()) if isinstance(title, str) and title.strip() else None


def corpus_entry(number: int, corpus_file: Path) -> Text:
    """A library's entry: its number, the corpus's title, and its folder (dimmed)."""
    folder = display_path(corpus_file.parent)
    title = corpus_title(corpus_file)
    entry = Text(f"{number} ")
    if title is None:
        entry.append(folder)
    else:
        entry.append(title)
        entry.append(f"  {folder}", "dim")
    return entry


class CorpusPicker(NumberedPicker[Path | None]):
    """Choose one corpus of a library (given by their corpus.yaml files) by its number or with
    Enter; dismissed with the chosen corpus's file, or None (Escape)."""

    AUTO_FOCUS = "#corpora"

    def __init__(self, corpora: Sequence[Path], current: Path) -> None:
        super().__init__()
        self.corpora = tuple(corpora)
        self.current = current

    def compose(self) -> ComposeResult:
        options = [
            Option(corpus_entry(number, corpus), id=str(number - 1))
            for number, corpus in enumerate(self.corpora, 1)
        ]
        picker = OptionList(*options, id="corpora")
        picker.border_title = Text("Open which corpus?")
        if self.current in self.corpora:
            picker.highlighted = self.corpora.index(self.current)
        yield picker
        yield FittingFooter()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.corpora[int(event.option.id or "0")])
