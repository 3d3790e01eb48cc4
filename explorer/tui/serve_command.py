"""`explorer serve`: the explorer in a browser, through textual-serve.

Each browser tab that opens the page gets an explorer of its own, a child process run under
Textual's web driver; closing the tab ends it. A served explorer only reads: whoever reaches the
page is a reader, and an editor opened on the server would be of no use to them.

This module is imported by the CLI at every start: textual-serve is imported only to serve.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import shlex
import sys
from pathlib import Path
from typing import Any

from explorer.paths import shown_path
from explorer.reading.bundled import default_corpus
from explorer.reading.locate import find_corpora

EXIT_OK, EXIT_USAGE = 0, 2
DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8000
# What textual-serve (and `textual serve`) put in the environment of the app they run.
WEB_DRIVER = "textual.drivers.web_driver"
SERVED_READ_ONLY = (
    "This explorer is served to a browser, and a served explorer only reads the corpus: edit "
    "and cite where the corpus is kept, with 'explorer' in a terminal there."
)


def in_browser() -> bool:
    """True when this process draws through Textual's web driver, into a browser's page."""
    driver = os.environ.get("TEXTUAL_DRIVER", "")
    return driver.partition(":")[0] == WEB_DRIVER


def can_draw() -> bool:
    """True when the full-screen explorer has somewhere to draw: a terminal on standard input
    and output, or a browser (under the web driver both are pipes to the server). Elsewhere (a
    pipe, CI) `explorer` prints the tree instead of hanging or garbling."""
    return in_browser() or (sys.stdin.isatty() and sys.stdout.isatty())


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port number (1 to 65535)")
    return port


def add_serve_parser(commands: argparse._SubParsersAction[Any]) -> None:
    serve = commands.add_parser(
        "serve",
        help="the explorer in a browser (read-only), one explorer per tab",
        description="Serve the explorer to web browsers: each tab that opens the page runs an "
        "explorer of its own, which ends when the tab closes. A served explorer only reads "
        "the corpus. It listens on 127.0.0.1 (this machine only) unless --host says otherwise.",
    )
    serve.add_argument(
        "path",
        nargs="?",
        type=Path,
        help="a corpus folder, its corpus.yaml, or a folder of corpora (default: the corpus of "
        "this folder or one above it, else the bundled one)",
    )
    serve.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help="the address to listen on (default 127.0.0.1; any other lets others read the corpus)",
    )
    serve.add_argument(
        "--port",
        type=_port,
        default=DEFAULT_PORT,
        help=f"the port to listen on (default {DEFAULT_PORT})",
    )
    serve.add_argument(
        "--public-url",
        metavar="URL",
        help="the address browsers reach the server by, when not http://HOST:PORT (behind a "
        "proxy, or listening on 0.0.0.0)",
    )


def is_local(host: str) -> bool:
    """True for an address only this machine can reach: localhost or a loopback address."""
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:  # a host name: it may resolve to anything
        return False


def exposure_warning(host: str) -> str | None:
    """What `serve` says, before it starts, when others may reach it; None for a local address."""
    if is_local(host):
        return None
    return (
        f"explorer: warning: listening on {host}: anyone who can reach this address can read "
        "the corpus, its seeds and the analysis through the explorer (there is no password); "
        "leave out --host to serve this machine only"
    )


def public_url(host: str, port: int) -> str:
    """The address the page's script connects back to (an IPv6 address in brackets)."""
    shown = f"[{host.strip('[]')}]" if ":" in host else host
    return f"http://{shown}:{port}"


def app_command(corpus_path: Path) -> str:
    """The shell command textual-serve runs for each tab: this Python, this explorer, on the
    corpus the server was started for (an absolute path: the server's folder decides it once)."""
    return shlex.join([sys.executable, "-m", "explorer", str(corpus_path.resolve())])


def run_serve(args: argparse.Namespace) -> int:
    target = args.path if args.path is not None else default_corpus()
    find_corpora(target)  # an unreadable path is a one-line error before the server starts
    warning = exposure_warning(args.host)
    if warning is not None:
        print(warning, file=sys.stderr)
    from textual_serve.server import Server

    url = args.public_url or public_url(args.host, args.port)
    server = Server(
        app_command(target),
        host=args.host,
        port=args.port,
        title=f"Scenario Explorer: {shown_path(str(target))}",
        public_url=url,
    )
    print(f"explorer: serving {shown_path(str(target))} at {url} (read-only); Ctrl+C stops")
    try:
        server.serve()
    except OSError as error:  # the port is taken, the address is not this machine's
        reason = os.strerror(error.errno) if error.errno else str(error)
        print(f"explorer: cannot listen on {args.host} port {args.port}: {reason}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK
