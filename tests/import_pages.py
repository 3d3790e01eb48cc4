"""The vendored article pages (tests/article_pages/) and a loopback web server, for the import
tests."""

from __future__ import annotations

import gzip
import json
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

PAGES = Path(__file__).resolve().parent / "article_pages"
READABILITY = PAGES / "readability"
BENCHMARK = PAGES / "benchmark"
READABILITY_PAGES = sorted(p.name for p in READABILITY.iterdir() if p.is_dir())


def readability_page(name: str) -> Path:
    return READABILITY / name / "source.html.gz"


def readability_html(name: str) -> bytes:
    return gzip.decompress(readability_page(name).read_bytes())


def readability_expected(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((READABILITY / name / "expected-metadata.json").read_text())
    return data


def sentences(text: str) -> list[str]:
    """Whole sentences of a seed, one paragraph at a time: they end in . ! or ? before a space
    or the paragraph's end."""
    found: list[str] = []
    for paragraph in text.split("\n\n"):
        for sentence in re.findall(r"[^\s].*?[.!?](?=\s|$)", paragraph.strip()):
            if len(sentence.split()) >= 4:
                found.append(sentence)
    return found


Route = Callable[[BaseHTTPRequestHandler], None]


@contextmanager
def serve(routes: dict[str, Route]) -> Iterator[str]:
    """An http.server on 127.0.0.1, on a free port, in a thread: each path answered by its
    route. Yields the base address."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            route = routes.get(self.path.split("?", 1)[0])
            if route is None:
                self.send_error(404, "Not Found")
                return
            route(self)

        def log_message(self, format: str, *args: object) -> None:
            pass  # the tests' output stays clean

    class Server(ThreadingHTTPServer):
        def handle_error(self, request: object, client_address: object) -> None:
            pass  # a client that gave up (a time-out, a size limit) is what some tests do

    server = Server(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def answer(
    body: bytes, content_type: str = "text/html; charset=utf-8", status: int = 200, **headers: str
) -> Route:
    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            handler.send_header(name.replace("_", "-"), value)
        handler.end_headers()
        handler.wfile.write(body)

    return route
