"""Which editor to open, and how to tell it the line: `+LINE` or `--goto FILE:LINE`."""

from __future__ import annotations

import os
import shlex
import shutil
from collections.abc import Mapping
from pathlib import Path

# Editors that take `+LINE` before the file name.
PLUS_LINE = frozenset(
    {
        "vi",
        "vim",
        "nvim",
        "gvim",
        "view",
        "nano",
        "emacs",
        "emacsclient",
        "micro",
        "hx",
        "helix",
        "kak",
        "joe",
        "mg",
        "ne",
    }
)
# Editors that take `--goto FILE:LINE` (Visual Studio Code and its relatives).
GOTO = frozenset({"code", "code-insiders", "codium", "cursor"})
FALLBACKS = ("nano", "vi")


class NoEditor(Exception):
    """Neither $VISUAL nor $EDITOR is set and no fallback editor is installed."""


def editor_command(path: Path, line: int, env: Mapping[str, str] | None = None) -> list[str]:
    """The command that opens `path` at `line` in the user's editor."""
    env = os.environ if env is None else env
    chosen = env.get("VISUAL") or env.get("EDITOR")
    if chosen:
        words = shlex.split(chosen)
    else:
        found = next((name for name in FALLBACKS if shutil.which(name)), None)
        if found is None:
            raise NoEditor("no editor: set $VISUAL or $EDITOR (nano and vi were not found either)")
        words = [found]
    if not words:
        raise NoEditor("$VISUAL or $EDITOR is set but empty")
    name = Path(words[0]).name
    if name in GOTO:
        return [*words, "--goto", f"{path}:{max(line, 1)}"]
    if name in PLUS_LINE:
        return [*words, f"+{max(line, 1)}", str(path)]
    return [*words, str(path)]
