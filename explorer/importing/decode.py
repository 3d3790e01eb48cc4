"""From a page's bytes to its text: gzip undone, images and binaries refused, the charset the page
declares checked against its bytes.

The charset comes from the server's Content-Type, else a byte-order mark, else the page's own
`<meta charset>`; with none, UTF-8 when the bytes are UTF-8, else windows-1252 (what browsers
assume). A page whose bytes are not in the charset it declares is refused rather than read into
wrong characters: the seed is what quotes are checked against, so it must hold the page's words.
"""

from __future__ import annotations

import codecs
import re
import zlib

from explorer.importing.errors import ImportRefused

GZIP_MAGIC = b"\x1f\x8b"
_SIGNATURES = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive",
    b"RIFF": "a RIFF file (an image, audio or video)",
    b"\x7fELF": "a program",
    b"BM": "a bitmap image",
}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_SINGLE_BYTE = re.compile(
    r"^(?:latin[-_]?1|iso[-_]?8859.*|cp125\d|windows[-_]125\d|us-ascii|ascii)$"
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def gunzip(data: bytes, max_bytes: int, shown: str) -> bytes:
    """The bytes of a gzip stream, at most `max_bytes` of them (a small file may unpack huge)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, max_bytes + 1)
    except zlib.error as error:
        raise ImportRefused(f"{shown}: it is not a readable gzip file ({error})") from None
    if len(out) > max_bytes:
        raise ImportRefused(
            f"{shown}: it unpacks to more than {max_bytes:,} bytes, too large for an article"
        )
    return out


def refuse_binary(data: bytes, shown: str) -> None:
    """Refuse an empty file, an image or another binary, each in its own words."""
    if not data.strip():
        raise ImportRefused(f"{shown}: it is empty; there is no article to bring in")
    for signature, what in _SIGNATURES.items():
        if data.startswith(signature):
            raise ImportRefused(f"{shown}: it is {what}, not a web page or a text")
    head = data[:8192]
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ImportRefused(f"{shown}: it is a binary file, not a web page or a text")


def declared_charset(data: bytes, header: str | None) -> str | None:
    """The charset the server or the page itself declares, lower case, or None."""
    if header:
        return header.strip().strip("\"'").lower()
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    match = _META_CHARSET.search(data[:16384])
    return match.group(1).decode("ascii").lower() if match else None


def decode_page(data: bytes, header_charset: str | None, shown: str) -> tuple[str, str]:
    """The page's text and the charset it was read in."""
    declared = declared_charset(data, header_charset)
    if declared is None:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            return data.decode("cp1252", errors="replace"), "windows-1252"
    try:
        codec = codecs.lookup(declared).name
    except LookupError:
        raise ImportRefused(
            f"{shown}: it declares the charset '{declared}', which is not known"
        ) from None
    try:
        text = data.decode(codec if codec != "utf-8" else "utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefused(
            f"{shown}: it says its text is in {declared}, but byte {error.start:,} is not: the "
            "page lies about its charset; save it again from the browser, or its text as a .txt "
            "file"
        ) from None
    if _SINGLE_BYTE.match(declared) and not data.isascii() and _is_utf8(data):
        raise ImportRefused(
            f"{shown}: it says its text is in {declared}, but its bytes are UTF-8: the page lies "
            "about its charset; save it again from the browser, or its text as a .txt file"
        )
    return text, codec


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode_text_file(data: bytes, shown: str) -> str:
    """A plain text file's content: UTF-8 only, as seeds are."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefused(
            f"{shown}: byte {error.start:,} is not UTF-8; seeds are UTF-8 text, so save it as "
            "UTF-8 first"
        ) from None
