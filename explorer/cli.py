"""The `explorer` command: a thin layer over the core and the TUI."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from explorer import __version__
from explorer.checks.diagnostics import did_you_mean, printable, summary
from explorer.editing.cite_command import add_cite_parser, run_cite
from explorer.editing.init_command import add_init_parser, run_init
from explorer.importing.command import add_source_arguments, run_new_source
from explorer.outputs.formats import FORMATS
from explorer.outputs.options import depth, format_option
from explorer.paths import shown_path
from explorer.reading.bundled import default_corpus
from explorer.reading.load import LoadResult, load_corpus, load_corpus_file
from explorer.reading.locate import Refused, find_corpora
from explorer.tui.serve_command import add_serve_parser, can_draw, in_browser, run_serve

if TYPE_CHECKING:
    from explorer.analysis.queries import CorpusIndex
    from explorer.model import Corpus

EXIT_OK, EXIT_DIAGNOSTICS, EXIT_USAGE = 0, 1, 2


def _path_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path",
        nargs="?",
        type=Path,
        help="a corpus folder, its corpus.yaml, or a folder of corpora (default: the corpus of "
        "this folder or one above it, else the bundled one)",
    )


def command_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="explorer",
        description="Walk competing, cited scenario trees. Without a command, opens the explorer.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser("check", help="validate a corpus; exit 1 on errors")
    _path_argument(check)
    check.add_argument("--format", **format_option("text", "json"))
    check.add_argument("--strict", action="store_true", help="warnings fail too")

    export = commands.add_parser(
        "export", help="the corpus as JSON, a Markdown or web-page brief, Mermaid or DOT"
    )
    _path_argument(export)
    export.add_argument("--format", **format_option(*FORMATS))
    export.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        type=Path,
        help="write to FILE (replaced atomically) instead of standard output",
    )

    show = commands.add_parser("show", help="print the tree, with who argues each node")
    _path_argument(show)
    show.add_argument(
        "--person",
        metavar="ID",
        help="only the paths to the nodes this person argues (a person id, a name, initials, "
        "or the source id of an article whose author is not named)",
    )
    show.add_argument("--tag", metavar="T", help="only the nodes with this tag, and those above")
    show.add_argument("--node", metavar="ID", help="only the subtree under this node")
    show.add_argument(
        "--depth", metavar="N", type=depth, help="at most N levels below the top node"
    )
    show.add_argument(
        "--cite", action="store_true", help="print the --node's citations, ready to paste"
    )

    walk = commands.add_parser("walk", help="a path through the trees as a story")
    _path_argument(walk)
    walk.add_argument(
        "--through",
        metavar="ID[,ID…]",
        required=True,
        help="node ids on one path from the trigger, in order; the walk ends at the last",
    )
    walk.add_argument("--format", **format_option("markdown", "json"))

    compare = commands.add_parser("compare", help="questions × people: who argued which future")
    _path_argument(compare)
    compare.add_argument("--format", **format_option("markdown", "csv", "json"))
    compare.add_argument("--tag", metavar="T", help="only questions with this tag")

    scorecard = commands.add_parser("scorecard", help="whose forecasts came to pass")
    _path_argument(scorecard)
    scorecard.add_argument("--format", **format_option("text", "markdown", "json"))

    schema = commands.add_parser("schema", help="JSON Schema of corpus or tree files, for editors")
    schema.add_argument("kind", nargs="?", choices=["corpus", "tree"], default="corpus")
    schema.add_argument(
        "--write", metavar="DIR", type=Path, help="write both schema files into DIR"
    )

    new = commands.add_parser("new", help="a skeleton for a new source or node")
    new_kinds = new.add_subparsers(dest="new_kind", metavar="WHAT", required=True)
    new_source = new_kinds.add_parser("source", help="a seed and its source entry, from a page")
    add_source_arguments(new_source)
    new_node = new_kinds.add_parser("node", help="a node under a parent node")
    new_node.add_argument("--parent", metavar="ID", required=True, help="the parent node's id")
    for sub_parser in (new_source, new_node):
        _path_argument(sub_parser)
        sub_parser.add_argument(
            "--write",
            action="store_true",
            help="insert it into the file (atomically) instead of printing it",
        )
    add_init_parser(commands)
    add_cite_parser(commands)
    add_serve_parser(commands)
    return parser


def _open_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="explorer",
        usage="explorer [PATH] | explorer COMMAND [PATH] [options]",
        description=(
            "Walk competing, cited scenario trees. Commands: check (validate), show (print the "
            "tree), export (JSON, Markdown, Mermaid, DOT, HTML), walk (a path as a story), compare "
            "(questions × people), scorecard (whose forecasts came to pass), schema (for "
            "editors), new (skeletons), init (a corpus to edit), cite (quote a seed), serve (in a "
            "browser). 'explorer COMMAND --help' tells more."
        ),
    )
    _path_argument(parser)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        if args_list and args_list[0] in _HANDLERS:
            args = command_parser().parse_args(args_list)
            handler: Callable[[argparse.Namespace], int] = _HANDLERS[args.command]
        else:
            _refuse_misspelt_command(args_list)
            args = _open_parser().parse_args(args_list)
            handler = _open
        return handler(args)
    except Refused as error:  # no corpus there, a read-only corpus, a folder init refuses
        return _usage_error(error)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`explorer show | head`): not an error worth a traceback.
        sys.stderr.close()
        return EXIT_OK


def _refuse_misspelt_command(args_list: list[str]) -> None:
    """`explorer chek`: a first word close to a command's name, naming no file, is a typo."""
    hint = did_you_mean(args_list[0], _HANDLERS) if args_list else ""
    if hint and not Path(args_list[0]).exists():
        raise Refused(f"{args_list[0]}: no such command, file or folder{hint}")


def _usage_error(error: object) -> int:
    print(f"explorer: {error}", file=sys.stderr)
    return EXIT_USAGE


def _target(args: argparse.Namespace) -> Path:
    return args.path if args.path is not None else default_corpus()


def _check(args: argparse.Namespace) -> int:
    results = [load_corpus_file(corpus_file) for corpus_file in find_corpora(_target(args))]
    diagnostics = [d for result in results for d in result.diagnostics]
    failing = [d for d in diagnostics if d.is_error or args.strict]
    if args.format == "json":
        print(
            json.dumps(
                {
                    "diagnostics": [d.to_json() for d in diagnostics],
                    "errors": sum(d.is_error for d in diagnostics),
                    "warnings": sum(not d.is_error for d in diagnostics),
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for diagnostic in diagnostics:
            print(diagnostic.format())
        corpora = [r.corpus for r in results if r.corpus]
        named = ", ".join(f"{c.id} in {printable(shown_path(str(c.folder)))}" for c in corpora)
        print(f"checked {named or 'no corpus'}: {summary(diagnostics)}")
    return EXIT_DIAGNOSTICS if failing else EXIT_OK


@attrs.frozen
class Loaded:
    """A corpus that loaded (perhaps with diagnostics), with its index: what most commands need."""

    corpus: Corpus
    index: CorpusIndex
    result: LoadResult

    @property
    def errors(self) -> bool:
        return bool(self.result.errors)


def _with_corpus(
    handler: Callable[[argparse.Namespace, Loaded], int],
) -> Callable[[argparse.Namespace], int]:
    """A command that runs on a loaded corpus; when none loads, the diagnostics are printed and
    it exits 1 without running. The rule for a corpus with errors, the same for every command:
    it does its work all the same, says on stderr how many errors, and exits 1 (2 for a usage
    error, which wins)."""

    def run(args: argparse.Namespace) -> int:
        result = load_corpus(_target(args))
        if result.corpus is None or result.index is None:
            for diagnostic in result.diagnostics:
                print(diagnostic.format(), file=sys.stderr)
            return EXIT_DIAGNOSTICS
        code = handler(args, Loaded(result.corpus, result.index, result))
        if code != EXIT_OK or not result.errors:
            return code
        print(f"{summary(result.diagnostics)}: run 'explorer check' for details", file=sys.stderr)
        return EXIT_DIAGNOSTICS

    return run


@_with_corpus
def _export(args: argparse.Namespace, loaded: Loaded) -> int:
    from explorer.outputs.formats import render

    text = render(args.format, loaded.corpus)
    if args.output is None or str(args.output) == "-":
        sys.stdout.write(text)
    else:
        from explorer.editing.atomic import write_atomic

        try:
            write_atomic(args.output, text)
        except OSError as error:
            return _usage_error(f"cannot write {args.output}: {error.strerror or error}")
    return EXIT_OK


@_with_corpus
def _show(args: argparse.Namespace, loaded: Loaded) -> int:
    from explorer.outputs.show import ShowOptions, UnknownChoice, print_tree

    # `explorer` without a terminal comes here too, with no filter options.
    options = ShowOptions(
        person=getattr(args, "person", None),
        tag=getattr(args, "tag", None),
        node=getattr(args, "node", None),
        depth=getattr(args, "depth", None),
    )
    try:
        if getattr(args, "cite", False):
            from explorer.outputs.citations import cite_command

            sys.stdout.write(cite_command(loaded.index, options.node))
        else:
            print_tree(loaded.corpus, options, sys.stdout)
    except UnknownChoice as error:
        return _usage_error(error)
    return EXIT_OK


def _open(args: argparse.Namespace) -> int:
    target = _target(args)
    find_corpora(target)  # an unreadable path is a one-line error before any screen is drawn
    if not can_draw():
        # No terminal or browser to draw on (a pipe, CI): print the tree instead of garbling.
        return _show(args)
    from explorer.tui.app import ExplorerApp

    app = ExplorerApp(target, served=in_browser())
    app.run()
    return app.return_code or EXIT_OK


@_with_corpus
def _walk(args: argparse.Namespace, loaded: Loaded) -> int:
    from explorer.analysis.walks import WalkError, walk_through
    from explorer.outputs import walk_view
    from explorer.outputs.show import UnknownChoice, node_named

    index = loaded.index
    ids = [part.strip() for part in args.through.split(",") if part.strip()]
    try:  # an unknown node is named as `show` names it
        walk = walk_through(index, [node_named(index, node_id).id for node_id in ids])
    except (WalkError, UnknownChoice) as error:
        return _usage_error(error)
    text = walk_view.to_json(walk) if args.format == "json" else walk_view.to_markdown(walk, index)
    sys.stdout.write(text)
    return EXIT_OK


@_with_corpus
def _compare(args: argparse.Namespace, loaded: Loaded) -> int:
    from explorer.outputs import compare_view
    from explorer.outputs.show import UnknownChoice

    try:
        sys.stdout.write(compare_view.render(loaded.index, args.format, args.tag))
    except UnknownChoice as error:
        return _usage_error(error)
    return EXIT_OK


@_with_corpus
def _scorecard(args: argparse.Namespace, loaded: Loaded) -> int:
    from explorer.analysis.outcomes import scorecards
    from explorer.outputs import scorecard_view

    cards = scorecards(loaded.index)
    render = {"markdown": scorecard_view.to_markdown, "json": scorecard_view.to_json}.get(
        args.format, scorecard_view.to_text
    )
    sys.stdout.write(render(cards))
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from explorer.editing.editor_schema import SCHEMA_FILES, render

    if args.write is None:
        sys.stdout.write(render(args.kind))
        return EXIT_OK
    from explorer.editing.atomic import write_atomic

    try:
        args.write.mkdir(parents=True, exist_ok=True)
        for kind, name in SCHEMA_FILES.items():
            write_atomic(args.write / name, render(kind))
    except OSError as error:
        return _usage_error(f"cannot write into {args.write}: {error.strerror}")
    return EXIT_OK


@_with_corpus
def _new(args: argparse.Namespace, loaded: Loaded) -> int:
    from explorer.editing.atomic import FileChanged
    from explorer.editing.scaffold import ScaffoldError, insert_node

    if args.new_kind == "source":  # a page, an address, a text or a seed already in place
        return run_new_source(args, loaded.corpus, find_corpora(_target(args))[0])
    try:
        insertion = insert_node(loaded.corpus, args.parent)
        if not args.write:
            sys.stdout.write(insertion.text)
            return EXIT_OK
        insertion.write()  # refused in the installed bundled corpus, or if the file changed
    except (ScaffoldError, FileChanged) as error:
        return _usage_error(error)
    except OSError as error:
        return _usage_error(f"cannot write: {error}")
    print(f"added to {insertion.path} at line {insertion.line}")
    return EXIT_OK


_HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "check": _check,
    "export": _export,
    "show": _show,
    "walk": _walk,
    "compare": _compare,
    "scorecard": _scorecard,
    "schema": _schema,
    "new": _new,
    "init": run_init,
    "serve": run_serve,
    "cite": _with_corpus(lambda args, loaded: run_cite(args, loaded.corpus, loaded.result.seeds)),
}
