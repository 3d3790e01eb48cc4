"""Pages by address, from a web server on the loopback: each answer gives the article or one
sentence, and nothing else."""

from __future__ import annotations

import gzip
import socket
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler

import pytest

from explorer.importing.errors import ImportRefused
from explorer.importing.page import Article, read_page
from tests.import_pages import Route, answer, readability_html, serve

ARTICLE = readability_html("aclu")
TITLE = "Facebook Is Tracking Me Even Though I’m Not on Facebook"
LATIN1 = (
    "<html><head><title>Café crème</title></head><body><article><p>"
    + "Le café crème coûte deux euros à Genève, dit-elle, et personne ne s'en plaint. " * 4
    + "</p></article></body></html>"
)


def _stall(handler: BaseHTTPRequestHandler) -> None:
    time.sleep(3)  # longer than the tests' time-out; the server thread ends on its own


def _redirect(to: str) -> Route:
    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(302)
        handler.send_header("Location", to)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return route


ROUTES: dict[str, Route] = {
    "/article": answer(ARTICLE),
    "/moved": _redirect("/article"),
    "/loop": _redirect("/loop2"),
    "/loop2": _redirect("/loop"),
    "/to-file": _redirect("file:///etc/passwd"),
    "/broken": answer(b"oops", status=500),
    "/stalled": _stall,
    "/huge": answer(b"<html><body>" + b"<p>word</p>" * 200_000 + b"</body></html>"),
    "/image": answer(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, content_type="image/png"),
    "/gzipped": answer(gzip.compress(ARTICLE), Content_Encoding="gzip"),
    "/latin1": answer(LATIN1.encode("latin-1"), content_type="text/html; charset=iso-8859-1"),
    "/lying": answer(LATIN1.encode("latin-1"), content_type="text/html; charset=utf-8"),
    "/lying-other-way": answer(
        LATIN1.encode("utf-8"), content_type="text/html; charset=iso-8859-1"
    ),
    "/text": answer(
        b"A plain text article.\n\nIt has two paragraphs, and words enough.\n",
        content_type="text/plain; charset=utf-8",
    ),
}


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with serve(ROUTES) as address:
        yield address


def _read(address: str, timeout: float = 5) -> Article:
    return read_page(address, timeout=timeout, max_bytes=1_000_000)


def test_a_200_gives_the_article_and_its_metadata(base: str) -> None:
    article = _read(f"{base}/article")
    assert article.metadata.title == TITLE
    assert article.metadata.authors == ("Daniel Kahn Gillmor",)
    assert "I don't use Facebook." in article.text
    assert article.origin == f"{base}/article"


def test_a_redirect_is_followed_and_the_final_address_kept(base: str) -> None:
    article = _read(f"{base}/moved")
    assert article.metadata.title == TITLE
    assert article.origin == f"{base}/article"


@pytest.mark.parametrize(
    ("path", "sentence"),
    [
        ("/missing", "the server answered 404 Not Found"),
        ("/broken", "the server answered 500"),
        ("/loop", "redirects more than 5 times"),
        ("/to-file", "which is not an http(s) address"),
        ("/huge", "larger than 1,000,000 bytes"),
        ("/image", "the server sends image/png, not a web page or a text"),
        ("/lying", "it says its text is in utf-8, but byte"),
        ("/lying-other-way", "it says its text is in iso-8859-1, but its bytes are UTF-8"),
    ],
)
def test_a_bad_answer_is_one_sentence(base: str, path: str, sentence: str) -> None:
    with pytest.raises(ImportRefused) as refused:
        _read(f"{base}{path}")
    message = str(refused.value)
    assert sentence in message and "\n" not in message and "Traceback" not in message


def test_a_stalled_answer_times_out(base: str) -> None:
    started = time.monotonic()
    with pytest.raises(ImportRefused, match=r"no answer from 127\.0\.0\.1 within 0\.5 seconds"):
        _read(f"{base}/stalled", timeout=0.5)
    assert time.monotonic() - started < 2.5


def test_gzip_encoding_is_undone(base: str) -> None:
    assert _read(f"{base}/gzipped").text == _read(f"{base}/article").text


def test_the_charset_the_server_gives_is_used(base: str) -> None:
    assert "Le café crème coûte deux euros à Genève" in _read(f"{base}/latin1").text


def test_a_text_answer_is_kept_as_it_is(base: str) -> None:
    article = _read(f"{base}/text")
    assert article.text == "A plain text article.\n\nIt has two paragraphs, and words enough.\n"
    assert not article.from_html


def test_a_refused_connection_is_one_sentence() -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(ImportRefused, match=r"could not connect to 127\.0\.0\.1"):
        _read(f"http://127.0.0.1:{port}/")


@pytest.mark.parametrize(
    "address", ["javascript:alert(1)", "file:///etc/passwd", "ftp://example.org/a.html"]
)
def test_only_http_addresses_are_fetched(address: str) -> None:
    with pytest.raises(ImportRefused, match="only http:// and https:// addresses are fetched"):
        _read(address)


def test_progress_is_reported_while_downloading(base: str) -> None:
    seen: list[tuple[int, int | None]] = []
    read_page(f"{base}/article", progress=lambda got, total: seen.append((got, total)))
    assert seen and seen[-1] == (len(ARTICLE), len(ARTICLE))
