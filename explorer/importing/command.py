"""`explorer new source PAGE`: its arguments, and what it prints and writes. The extraction
(trafilatura, lxml) is imported only when a page is read, so other commands start fast.

PAGE is an http(s) address, an HTML file (maybe gzipped), a text file, or a file already in the
seeds folder; the last gets the commented skeleton it always got (`scaffold.insert_source`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO
from urllib.parse import urlsplit

from explorer.paths import shown_path

if TYPE_CHECKING:
    from explorer.importing.entry import ImportPlan
    from explorer.model import Corpus

EXIT_OK, EXIT_USAGE = 0, 2
PREVIEW_LINES = 6


def add_source_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "page",
        metavar="PAGE",
        help="an http(s) address, an HTML file (.html, .htm, .xhtml, or a .gz of one), a text "
        "file, or a file already in the seeds folder",
    )
    parser.add_argument(
        "--id", metavar="ID", dest="source_id", help="the source's id (default: outlet and year)"
    )


class DownloadProgress:
    """A progress line on stderr while a page downloads: redrawn on a terminal, else written
    once when the download ends."""

    def __init__(self, address: str, stream: TextIO) -> None:
        self.host = urlsplit(address).hostname or address
        self.stream = stream
        self.live = stream.isatty()
        self.received = 0

    def __call__(self, received: int, announced: int | None) -> None:
        self.received = received
        if self.live:
            total = f" of {announced / 1000:,.0f} kB" if announced else ""
            self.stream.write(f"\rdownloading {self.host}: {received / 1000:,.0f} kB{total}")
            self.stream.flush()

    def done(self) -> None:
        if self.received:
            line = f"downloaded {self.received / 1000:,.0f} kB from {self.host}"
            # On a terminal the line overwrites the progress line and clears what is left of it.
            self.stream.write(f"\r{line}\033[K\n" if self.live else f"{line}\n")


def in_seeds_folder(corpus: Corpus, page: str) -> str | None:
    """The seed file name when PAGE names a text file already in the seeds folder."""
    from explorer.importing.fetch import is_address
    from explorer.importing.page import HTML_SUFFIXES

    if is_address(page) or page.lower().removesuffix(".gz").endswith(HTML_SUFFIXES):
        return None
    path = Path(page)
    candidate = path if path.parent != Path() else corpus.seeds_folder / page
    if candidate.is_file() and candidate.resolve().parent == corpus.seeds_folder.resolve():
        return candidate.name
    return None


def run_new_source(args: argparse.Namespace, corpus: Corpus, corpus_file: Path) -> int:
    from explorer.editing.atomic import FileChanged
    from explorer.editing.scaffold import ScaffoldError
    from explorer.importing.entry import plan_import, write_import
    from explorer.importing.fetch import is_address
    from explorer.importing.page import read_page
    from explorer.reading.locate import Refused

    try:
        seed_name = in_seeds_folder(corpus, args.page)
        if seed_name is not None and args.source_id is None:
            return _skeleton(corpus, corpus_file, seed_name, write=args.write)
        progress = DownloadProgress(args.page, sys.stderr) if is_address(args.page) else None
        try:
            article = read_page(args.page, progress=progress)
        finally:
            if progress is not None:
                progress.done()
        plan = plan_import(corpus, corpus_file, article, args.source_id)
        for warning in article.warnings:
            print(f"explorer: warning: {warning}", file=sys.stderr)
        if not args.write:
            sys.stdout.write(preview(plan))
            return EXIT_OK
        write_import(plan)
    except (Refused, ScaffoldError, FileChanged) as error:
        print(f"explorer: {error}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        print(f"explorer: cannot write: {error}", file=sys.stderr)
        return EXIT_USAGE
    seed = shown_path(str(plan.seed_path))
    print(
        f"wrote {seed} and added source '{plan.source_id}' to "
        f"{shown_path(str(plan.corpus_file))} at line {plan.line}"
    )
    return EXIT_OK


def _skeleton(corpus: Corpus, corpus_file: Path, seed_name: str, *, write: bool) -> int:
    """Today's `new source SEEDFILE`: the commented skeleton for a seed already in place."""
    from explorer.editing.scaffold import insert_source

    insertion = insert_source(corpus, corpus_file, seed_name)
    if not write:
        sys.stdout.write(insertion.text)
        return EXIT_OK
    insertion.write()  # refused in the installed bundled corpus, or if the file changed
    print(f"added to {insertion.path} at line {insertion.line}")
    return EXIT_OK


def preview(plan: ImportPlan) -> str:
    """What --write would write, and where."""
    words = len(plan.seed_text.split())
    lines = plan.seed_text.splitlines()
    shown_lines = lines[:PREVIEW_LINES]
    more = len(lines) - len(shown_lines)
    seed_state = "already there, unchanged" if plan.seed_is_there else "new"
    out = [f"# the seed, {shown_path(str(plan.seed_path))} ({seed_state}, {words:,} words):\n"]
    out += [f"#   {line}\n" if line else "#\n" for line in shown_lines]
    if more > 0:
        out.append(f"#   … {more:,} more lines\n")
    corpus = shown_path(str(plan.corpus_file))
    out.append(f"# the source entry, into {corpus} at line {plan.line}:\n{plan.entry}")
    if plan.people:
        out.append(f"# the people who wrote it, into the people of {corpus}:\n{plan.people}")
    out.append("# nothing written: add --write to write the seed and the entry\n")
    return "".join(out)
