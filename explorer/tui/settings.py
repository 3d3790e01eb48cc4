"""What the explorer remembers between runs: the theme, the split between the tree and the
details, the corpus last opened from a library. A small JSON file of plain data in
$XDG_CONFIG_HOME/scenario-explorer (~/.config/scenario-explorer), written atomically; a file that
cannot be read, or holds anything unexpected, gives the defaults, never an error."""

from __future__ import annotations

import json
import os
from pathlib import Path

import attrs

from explorer.editing.atomic import write_atomic

DARK, LIGHT = "textual-dark", "textual-light"
THEMES = (DARK, LIGHT)
SPLIT_MIN, SPLIT_MAX, SPLIT_DEFAULT = 20, 80, 50  # the tree pane's share, in percent
MAX_BYTES = 64 * 1024  # a settings file is a few lines: anything larger is not ours


@attrs.frozen(slots=True)
class Settings:
    theme: str = DARK
    split: int = SPLIT_DEFAULT
    corpus: str | None = None  # the folder of the corpus last opened from a library

    def to_json(self) -> str:
        data = {"theme": self.theme, "split": self.split, "corpus": self.corpus}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def settings_file() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "scenario-explorer" / "settings.json"


def parse_settings(text: str) -> Settings:
    """The settings a file's text holds; each value that is missing or not valid is the
    default."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    theme = data.get("theme")
    split = data.get("split")
    corpus = data.get("corpus")
    return Settings(
        theme=theme if theme in THEMES else DARK,
        split=split
        if isinstance(split, int)
        and not isinstance(split, bool)
        and SPLIT_MIN <= split <= SPLIT_MAX
        else SPLIT_DEFAULT,
        corpus=corpus if isinstance(corpus, str) and corpus and "\0" not in corpus else None,
    )


def read_settings(path: Path | None = None) -> Settings:
    path = path or settings_file()
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except (OSError, ValueError):
        return Settings()
    if len(data) > MAX_BYTES:
        return Settings()
    return parse_settings(data.decode("utf-8", errors="replace"))


def write_settings(settings: Settings, path: Path | None = None) -> bool:
    """Write the settings (atomically: a reader sees the old file or the new); False when the
    folder cannot be written, which only means they are not kept."""
    path = path or settings_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, settings.to_json())
    except OSError:
        return False
    return True
