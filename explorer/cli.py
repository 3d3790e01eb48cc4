"""The `explorer` command: a thin layer over the core and the TUI."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from explorer.bundled import bundled_scenarios
from explorer.diagnostics import summary
from explorer.formats import FORMATS
from explorer.load import CorpusNotFound, LoadResult, find_corpora, load_corpus, load_corpus_file

EXIT_OK, EXIT_DIAGNOSTICS, EXIT_USAGE = 0, 1, 2


def _path_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path",
        nargs="?",
        type=Path,
        help="a corpus folder, its corpus.yaml, or a folder of corpora (default: the bundled one)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="explorer",
        description="Walk competing, cited scenario trees. Without a command, opens the explorer.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser("check", help="validate a corpus; exit 1 on errors")
    _path_argument(check)
    check.add_argument("--format", choices=["text", "json"], default="text")
    check.add_argument("--strict", action="store_true", help="warnings fail too")

    export = commands.add_parser(
        "export", help="the corpus as JSON, a Markdown brief, a Mermaid or a DOT diagram"
    )
    _path_argument(export)
    export.add_argument("--format", choices=FORMATS, default="json")
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
        "--depth", metavar="N", type=_depth, help="at most N levels below the top node"
    )
    return parser


def _depth(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of 0 or more")
    return value


def _open_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="explorer",
        usage="explorer [PATH] | explorer {check,export,show} [PATH] [options]",
        description=(
            "Walk competing, cited scenario trees. Commands: check (validate), export (JSON), "
            "show (print the tree). 'explorer COMMAND --help' tells more."
        ),
    )
    _path_argument(parser)
    return parser


COMMANDS = ("check", "export", "show")


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        if args_list and args_list[0] in COMMANDS:
            args = _parser().parse_args(args_list)
            handler: Callable[[argparse.Namespace], int] = _HANDLERS[args.command]
        else:
            args = _open_parser().parse_args(args_list)
            handler = _open
        return handler(args)
    except CorpusNotFound as error:
        print(f"explorer: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`explorer show | head`): not an error worth a traceback.
        sys.stderr.close()
        return EXIT_OK


def _target(args: argparse.Namespace) -> Path:
    return args.path if args.path is not None else bundled_scenarios()


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
        checked = ", ".join(r.corpus.id for r in results if r.corpus) or "no corpus"
        print(f"checked {checked}: {summary(diagnostics)}")
    return EXIT_DIAGNOSTICS if failing else EXIT_OK


def _loaded(args: argparse.Namespace) -> LoadResult | int:
    """The loaded corpus, or an exit code after printing why there is none."""
    result = load_corpus(_target(args))
    if result.corpus is None:
        for diagnostic in result.diagnostics:
            print(diagnostic.format(), file=sys.stderr)
        return EXIT_DIAGNOSTICS
    return result


def _export(args: argparse.Namespace) -> int:
    from explorer.formats import render

    result = _loaded(args)
    if isinstance(result, int):
        return result
    assert result.corpus is not None
    text = render(args.format, result.corpus)
    if args.output is None or str(args.output) == "-":
        sys.stdout.write(text)
    else:
        from explorer.atomic import write_atomic

        try:
            write_atomic(args.output, text)
        except OSError as error:
            reason = error.strerror or str(error)
            print(f"explorer: cannot write {args.output}: {reason}", file=sys.stderr)
            return EXIT_USAGE
    if result.errors:
        print(f"{summary(result.diagnostics)}: run 'explorer check' for details", file=sys.stderr)
        return EXIT_DIAGNOSTICS
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    from explorer.show import ShowOptions, UnknownChoice, print_tree

    result = _loaded(args)
    if isinstance(result, int):
        return result
    assert result.corpus is not None
    # `explorer` without a terminal comes here too, with no filter options.
    options = ShowOptions(
        person=getattr(args, "person", None),
        tag=getattr(args, "tag", None),
        node=getattr(args, "node", None),
        depth=getattr(args, "depth", None),
    )
    try:
        print_tree(result.corpus, options, sys.stdout)
    except UnknownChoice as error:
        print(f"explorer: {error}", file=sys.stderr)
        return EXIT_USAGE
    if result.errors:
        print(f"{summary(result.diagnostics)}: run 'explorer check' for details", file=sys.stderr)
    return EXIT_OK


def _open(args: argparse.Namespace) -> int:
    target = _target(args)
    find_corpora(target)  # an unreadable path is a one-line error before any screen is drawn
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        # No terminal to draw on (a pipe, CI): print the tree instead of hanging or garbling.
        return _show(args)
    from explorer.tui.app import ExplorerApp

    app = ExplorerApp(target)
    app.run()
    return app.return_code or EXIT_OK


_HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "check": _check,
    "export": _export,
    "show": _show,
}
