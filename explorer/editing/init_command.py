"""`explorer init`: its arguments and what it prints; the work is `explorer.editing.init`'s."""

from __future__ import annotations

import argparse
import shlex
from pathlib import Path
from typing import Any

from explorer.paths import shown_path


def add_init_parser(commands: argparse._SubParsersAction[Any]) -> None:
    init = commands.add_parser("init", help="a corpus of your own to edit, in a new folder")
    init.add_argument(
        "dir", metavar="DIR", type=Path, help="a new folder, or one holding only dotfiles (.git)"
    )
    init.add_argument(
        "--skeleton", action="store_true", help="a minimal corpus with one seed, not a copy"
    )


def run_init(args: argparse.Namespace) -> int:
    from explorer.editing.init import init_corpus

    folder = shown_path(str(init_corpus(args.dir, skeleton=args.skeleton)))
    where = shlex.quote(str(args.dir))
    print(
        f"made {folder}: 'explorer check {where}' checks it; 'explorer {where}', or 'explorer' "
        f"run in {where} or below, explores and edits it"
    )
    return 0
