"""Reading a PAGE (an http(s) address, a saved HTML file, maybe gzipped, or a text file) into an
article: its text as the seed will store it, its metadata, and warnings for what is missing."""

from __future__ import annotations

import datetime
from pathlib import Path

import attrs
from lxml import etree  # type: ignore[import-untyped]
from lxml import html as lxml_html

from explorer.importing.body import check_nesting, extract_body
from explorer.importing.decode import (
    GZIP_MAGIC,
    decode_page,
    decode_text_file,
    gunzip,
    refuse_binary,
)
from explorer.importing.errors import ImportRefused
from explorer.importing.fetch import MAX_BYTES, TIMEOUT_SECONDS, Progress, fetch, is_address
from explorer.importing.metadata import Metadata, read_metadata

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
TEXT_SUFFIXES = (".txt", ".text", ".md")


@attrs.frozen
class Article:
    text: str  # the seed's content, UTF-8 paragraphs separated by blank lines
    metadata: Metadata
    origin: str  # the address fetched, or the file read
    retrieved: str  # the day it was read, YYYY-MM-DD
    from_html: bool  # False for a plain text file, copied as it is
    warnings: tuple[str, ...]

    @property
    def stem(self) -> str:
        """A file name stem for the seed, from where it came."""
        name = self.origin.rstrip("/").rsplit("/", 1)[-1]
        for suffix in (".gz", *HTML_SUFFIXES, *TEXT_SUFFIXES):
            name = name.removesuffix(suffix)
        return name


def _missing(metadata: Metadata, from_html: bool) -> tuple[str, ...]:
    if not from_html:
        return ("a text file carries no metadata: fill in title, outlet, published and authors",)
    said = {
        "title": metadata.title,
        "outlet (its site name)": metadata.outlet,
        "publication date": metadata.published,
        "address": metadata.url,
    }
    warnings = [
        f"the page does not give its {what}: left empty" for what, v in said.items() if not v
    ]
    if not metadata.authors:
        warnings.append("the page names no author: authors: []")
    return tuple(warnings)


def read_page(
    page: str,
    *,
    today: datetime.date | None = None,
    timeout: float = TIMEOUT_SECONDS,
    max_bytes: int = MAX_BYTES,
    progress: Progress | None = None,
) -> Article:
    """The article at PAGE; ImportRefused, one sentence, for anything that is not one."""
    retrieved = (today or datetime.date.today()).isoformat()
    if is_address(page):
        fetched = fetch(page, timeout=timeout, max_bytes=max_bytes, progress=progress)
        refuse_binary(fetched.data, page)
        if fetched.media_type == "text/plain":
            return _text_article(fetched.data, fetched.url, retrieved)
        return _html_article(fetched.data, fetched.charset, fetched.url, fetched.url, retrieved)
    path = Path(page).expanduser()
    shown = str(page)
    try:
        if path.is_dir():
            raise ImportRefused(
                f"{shown} is a folder: name an HTML file, a text file or an address"
            )
        if path.stat().st_size > max_bytes * 2:
            raise ImportRefused(
                f"{shown}: it is larger than {max_bytes * 2:,} bytes, too large for an article"
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportRefused(f"{shown}: there is no such file") from None
    except OSError as error:
        raise ImportRefused(f"{shown}: cannot be read ({error.strerror or error})") from None
    if data.startswith(GZIP_MAGIC):
        data = gunzip(data, max_bytes, shown)
    refuse_binary(data, shown)
    name = path.name.lower().removesuffix(".gz")
    if name.endswith(TEXT_SUFFIXES) or (not name.endswith(HTML_SUFFIXES) and not _looks_html(data)):
        return _text_article(data, path.name, retrieved)
    return _html_article(data, None, path.name, "", retrieved)


def _looks_html(data: bytes) -> bool:
    head = data[:4096].lstrip().lower()
    return (
        head.startswith((b"<!doctype html", b"<html", b"<?xml"))
        or b"<body" in head
        or b"<p>" in head
    )


def _text_article(data: bytes, origin: str, retrieved: str) -> Article:
    text = decode_text_file(data, origin)
    if len(text.split()) < 5:
        raise ImportRefused(f"{origin}: it holds too little text to be an article")
    metadata = Metadata("", (), "", "", "", "")
    return Article(text, metadata, origin, retrieved, False, _missing(metadata, False))


def _html_article(
    data: bytes, charset: str | None, origin: str, address: str, retrieved: str
) -> Article:
    html, _ = decode_page(data, charset, origin)
    check_nesting(data, origin)
    try:
        tree = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError) as error:
        raise ImportRefused(f"{origin}: it cannot be read as HTML ({error})") from None
    text = extract_body(html, tree, origin)
    metadata = read_metadata(html, tree, address)
    return Article(text, metadata, origin, retrieved, True, _missing(metadata, True))
