"""`explorer cite`: its arguments and what it prints; the work is `explorer.editing.cite`'s."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from explorer.analysis.quotes import SeedText
    from explorer.model import Corpus

EXIT_OK, EXIT_USAGE = 0, 2


def add_cite_parser(commands: argparse._SubParsersAction[Any]) -> None:
    cite = commands.add_parser(
        "cite",
        help="add a passage of a seed to a node as a citation",
        description="Print the citation that would be added (the YAML, as it would be "
        "inserted); with --write, insert it into the node's file in place.",
    )
    cite.add_argument("node", metavar="NODE", help="the id of the node the passage argues")
    cite.add_argument(
        "path",
        nargs="?",
        type=Path,
        help="a corpus folder, its corpus.yaml, or a folder of corpora (default: the corpus of "
        "this folder or one above it, else the bundled one); right after NODE",
    )
    cite.add_argument("--source", metavar="ID", required=True, help="the source quoted")
    cite.add_argument(
        "--quote",
        metavar="TEXT",
        required=True,
        help="words of the source's seed (stored in the seed's own characters)",
    )
    cite.add_argument(
        "--stance",
        metavar="S",
        required=True,
        help="predicts, warns, recommends, doubts or explains",
    )
    cite.add_argument("--likelihood", metavar="W", help="the author's hedge word, in the quote")
    who = cite.add_mutually_exclusive_group()
    who.add_argument(
        "--speaker", metavar="P", help="a person whose own words these are (in quotation marks)"
    )
    who.add_argument(
        "--reports", metavar="P", help="a person whose position the author's words report"
    )
    cite.add_argument("--write", action="store_true", help="insert it into the file (atomically)")


def run_cite(args: argparse.Namespace, corpus: Corpus, seeds: Mapping[str, SeedText]) -> int:
    from explorer.editing.cite import Cite, CiteError, plan_cite, write_plan

    cite = Cite(
        args.node, args.source, args.quote, args.stance, args.likelihood, args.speaker, args.reports
    )
    try:
        plan = plan_cite(corpus, seeds, cite)
        if not args.write:
            sys.stdout.write(plan.text)
            return EXIT_OK
        write_plan(plan)
    except CiteError as error:
        print(f"explorer: {error}", file=sys.stderr)
        return EXIT_USAGE
    print(f"added a citation to '{plan.node_id}' in {plan.shown} at line {plan.line}")
    return EXIT_OK
