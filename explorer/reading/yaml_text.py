"""From a file's bytes to the text the parser may read: UTF-8 only, no forbidden characters, and
the parser itself (libyaml when present)."""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Final

import yaml

from explorer.checks.diagnostics import Diagnostic
from explorer.reading.located import DEFAULT_LIMITS, Limits, ReadResult

# The C parser is much faster; the pure-Python one reads the same, only slower (where the two
# differ, tests/test_yaml_suite.py lists how). Tests swap one for the other here; the readers look
# it up each time they read (`yaml_text.LOADER`), so the swap reaches them.
LOADER: type[yaml.CSafeLoader] | type[yaml.SafeLoader]
try:
    from yaml import CSafeLoader as LOADER
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    LOADER = yaml.SafeLoader


# C0 controls except tab, newline and carriage return; DEL; C1 controls except NEL; non-characters.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
SURROGATE = re.compile("[\ud800-\udfff]")
_CHAR_NAMES: Final = {"\x00": "NUL", "\x07": "BEL", "\x1b": "ESC", "\x7f": "DEL"}


def describe_char(char: str) -> str:
    name = _CHAR_NAMES.get(char)
    code = f"U+{ord(char):04X}"
    return f"{name} ({code})" if name else code


def line_col(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column of `text[index]`."""
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


# Bytes that are never part of a forbidden character: tab, line feed, carriage return and the
# printable ASCII. Deleting them leaves little to look at, in a thousandth of the time the regular
# expression takes over the whole text.
_PLAIN_BYTES: Final = b"\t\n\r" + bytes(range(0x20, 0x7F))
_HIGH_BYTES: Final = bytes(range(0x80, 0x100))


def _may_hold_forbidden(data: bytes) -> bool:
    """False when the UTF-8 bytes surely hold no `FORBIDDEN` character: no ASCII control, and no
    lead bytes of C1 controls (U+0080..U+009F: C2 80..9F) or of U+FFFE and U+FFFF (EF BF BE/BF)."""
    rest = data.translate(None, _PLAIN_BYTES)
    if not rest:
        return False
    return bool(rest.translate(None, _HIGH_BYTES)) or b"\xc2" in rest or b"\xef\xbf" in rest


def forbidden_char(value: str) -> re.Match[str] | None:
    """The first character a text may not hold (a control character, U+FFFE/U+FFFF or a lone
    surrogate), if any. isprintable() is a fast first look; only text it doubts is searched."""
    if value.isprintable():
        return None
    return FORBIDDEN.search(value) or SURROGATE.search(value)


def decode(data: bytes, display: str) -> tuple[str | None, Diagnostic | None]:
    """Bytes to text: UTF-8 only (a UTF-8 BOM is dropped), no control characters."""
    for bom, name in (
        (codecs.BOM_UTF32_LE, "UTF-32"),
        (codecs.BOM_UTF32_BE, "UTF-32"),
        (codecs.BOM_UTF16_LE, "UTF-16"),
        (codecs.BOM_UTF16_BE, "UTF-16"),
    ):
        if data.startswith(bom):
            return None, Diagnostic(
                "E002", f"the file is {name} text; save it as UTF-8", display, 1, 1
            )
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        good = data[: error.start].decode("utf-8", errors="replace")
        line, column = line_col(good, len(good))
        return None, Diagnostic(
            "E002",
            f"the file is not valid UTF-8 (byte 0x{data[error.start]:02X} at offset "
            f"{error.start}); save it as UTF-8",
            display,
            line,
            column,
        )
    bad = FORBIDDEN.search(text) if _may_hold_forbidden(data) else None
    if bad:
        line, column = line_col(text, bad.start())
        return None, Diagnostic(
            "E002",
            f"the file holds the control character {describe_char(bad.group())}, "
            "which is not allowed in a scenario file",
            display,
            line,
            column,
        )
    return text, None


def file_bytes(path: Path, display: str, limits: Limits = DEFAULT_LIMITS) -> bytes | ReadResult:
    """A file's bytes, or the result that says why they cannot be read."""
    try:
        size = path.stat().st_size
        if size > limits.file_bytes:
            return _fail(
                Diagnostic(
                    "E019",
                    f"the file is {size:,} bytes, over the limit of {limits.file_bytes:,}",
                    display,
                )
            )
        return path.read_bytes()
    except OSError as error:
        return _fail(Diagnostic("E012", f"cannot read the file: {error.strerror}", display))


def bytes_text(data: bytes, display: str, limits: Limits = DEFAULT_LIMITS) -> str | ReadResult:
    """The text of a file's bytes, decoded and screened, or the result that says why not."""
    if len(data) > limits.file_bytes:
        return _fail(
            Diagnostic(
                "E019",
                f"the file is {len(data):,} bytes, over the limit of {limits.file_bytes:,}",
                display,
            )
        )
    text, problem = decode(data, display)
    if problem is not None or text is None:
        return _fail(problem) if problem else ReadResult(None, ())
    return text


def _fail(diagnostic: Diagnostic) -> ReadResult:
    return ReadResult(None, (diagnostic,))


# libyaml's words for an escape that names no character ("\ud800", "\U00110000").
C_BAD_ESCAPE: Final = "found invalid Unicode character escape code"
# An 8-digit escape, which may name a number past the last character.
LONG_ESCAPE = re.compile(r"\\U([0-9a-fA-F]{8})")


def bad_escape(display: str, line: int, column: int) -> Diagnostic:
    """The refusal of an escape that names no character, from either parser."""
    # The same code as a surrogate that the pure-Python parser lets through to `_scalar`.
    return Diagnostic(
        "E002",
        "an escape names no character (a surrogate such as \\ud800, or a number past "
        "\\U0010FFFF), which is not allowed in a scenario file",
        display,
        line,
        column,
    )
