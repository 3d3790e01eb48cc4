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
    check, explore = f"explorer check --strict {where}", f"explorer {where}"
    width = len(check) + 2
    print(f"made {folder}")
    print(f"  {check:{width}}checks it")
    print(f"  {explore:{width}}explores and edits it, as 'explorer' run in it or below does")
    return 0
