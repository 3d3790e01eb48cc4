"""Fetching a page by its address: http(s) only, with a time-out, a size limit, a bounded number
of redirects that stay on http(s), and a check that the answer is HTML or text."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Callable
from email.message import Message
from http.client import HTTPMessage
from typing import IO
from urllib.parse import urljoin, urlsplit

import attrs

from explorer.importing.decode import gunzip
from explorer.importing.errors import ImportRefused

TIMEOUT_SECONDS = 20.0
MAX_BYTES = 10_000_000  # a long article with its page around it stays far below
MAX_REDIRECTS = 5
CHUNK = 65536
ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
USER_AGENT = "scenario-explorer (article import; +https://github.com)"

Progress = Callable[[int, int | None], None]  # bytes received, bytes announced (or None)


@attrs.frozen
class Fetched:
    data: bytes  # the body, gzip undone
    url: str  # where it was found, after redirects
    media_type: str  # 'text/html' …, or '' when the server did not say
    charset: str | None  # from the Content-Type, when given


def is_address(page: str) -> bool:
    """True when PAGE is written as an address (`scheme:…`), not as a file path."""
    scheme = urlsplit(page).scheme
    return len(scheme) > 1 and page[len(scheme) : len(scheme) + 1] == ":"


def check_address(address: str) -> None:
    parts = urlsplit(address)
    if parts.scheme.lower() not in ("http", "https"):
        raise ImportRefused(
            f"'{address[:80]}': only http:// and https:// addresses are fetched (not "
            f"'{parts.scheme}:' ones); for a saved page, give its file path"
        )
    if not parts.hostname:
        raise ImportRefused(f"'{address[:80]}' names no host")


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS
    max_repeats = 2

    def http_error_302(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: HTTPMessage
    ) -> IO[bytes] | None:
        # urllib refuses other schemes itself, but in words that say nothing to the user.
        target = urljoin(req.full_url, headers.get("Location") or headers.get("URI") or "")
        if urlsplit(target).scheme.lower() not in ("http", "https"):
            raise ImportRefused(
                f"{req.full_url}: it redirects to '{target[:80]}', which is not an http(s) address"
            )
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise ImportRefused(
                f"{req.full_url}: it redirects to '{newurl[:80]}', which is not an http(s) address"
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(
    address: str,
    *,
    timeout: float = TIMEOUT_SECONDS,
    max_bytes: int = MAX_BYTES,
    progress: Progress | None = None,
) -> Fetched:
    """The page at `address`; ImportRefused, worded for the user, for any failure."""
    check_address(address)
    host = urlsplit(address).hostname
    request = urllib.request.Request(
        address,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9",
            "Accept-Encoding": "gzip",
        },
    )
    opener = urllib.request.build_opener(_Redirects())
    try:
        with opener.open(request, timeout=timeout) as response:
            headers = response.headers
            media_type = headers.get_content_type() if headers.get("Content-Type") else ""
            if media_type and media_type not in ACCEPTED_TYPES:
                raise ImportRefused(
                    f"{address}: the server sends {media_type}, not a web page or a text"
                )
            encoding = (headers.get("Content-Encoding") or "identity").strip().lower()
            if encoding not in ("identity", "gzip", "x-gzip"):
                raise ImportRefused(
                    f"{address}: the server sends it {encoding}-encoded, which is not read here"
                )
            data = _read(response, headers, address, max_bytes, progress)
            final = response.geturl()
    except ImportRefused:
        raise
    except urllib.error.HTTPError as error:
        if 300 <= error.code < 400:
            answer = f"it redirects more than {MAX_REDIRECTS} times"
        else:
            answer = f"the server answered {error.code} {error.reason}"
        raise ImportRefused(f"{address}: {answer}") from None
    except TimeoutError:
        raise ImportRefused(
            f"{address}: no answer from {host} within {timeout:g} seconds"
        ) from None
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, TimeoutError):
            raise ImportRefused(
                f"{address}: no answer from {host} within {timeout:g} seconds"
            ) from None
        text = str(getattr(reason, "strerror", None) or reason)
        raise ImportRefused(f"{address}: could not connect to {host} ({text})") from None
    except (OSError, ValueError) as error:
        raise ImportRefused(f"{address}: the download failed ({error})") from None
    if encoding != "identity":
        data = gunzip(data, max_bytes, address)
    charset = headers.get_content_charset()
    return Fetched(data, final, media_type, charset)


def _read(
    response: IO[bytes], headers: Message, address: str, max_bytes: int, progress: Progress | None
) -> bytes:
    too_large = f"{address}: the page is larger than {max_bytes:,} bytes, too large for an article"
    length_text = headers.get("Content-Length")
    announced = int(length_text) if length_text and length_text.isdigit() else None
    if announced is not None and announced > max_bytes:
        raise ImportRefused(too_large)
    chunks: list[bytes] = []
    received = 0
    while chunk := response.read(CHUNK):
        received += len(chunk)
        if received > max_bytes:
            raise ImportRefused(too_large)
        chunks.append(chunk)
        if progress is not None:
            progress(received, announced)
    return b"".join(chunks)
