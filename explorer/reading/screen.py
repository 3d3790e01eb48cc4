"""The fast road's gate: a byte-level screen that admits clean tree files to libyaml's C
composer, and the composing itself (see `explorer.reading.fastread` for the walk after it)."""

from __future__ import annotations

from typing import Final

import yaml

from explorer.reading.yaml_quirks import parser_text, token_problem

try:
    from yaml import CSafeLoader as _Composer
except ImportError:  # pragma: no cover - without libyaml the composer recurses in Python
    _Composer = None  # type: ignore[assignment,misc]

# What the composer gets as the tag of every node written without one (or with the bare `!`, which
# the strict reader accepts too). An explicit tag is a URI or a `!handle`, never with a space, so a
# node whose tag is anything else carried a tag: the strict reader refuses it (E014).
UNTAGGED: Final = " untagged "

# -- the screen: what the composer may safely be given ------------------------------------------
#
# The screen reads the file's bytes through one `bytes.translate` into classes of characters, then
# only counts and finds, which C does over megabytes in far less time than regular expressions.
# It may refuse a clean file (that file is read the strict way); it must never admit one of these:
#
# - An anchor or an alias. One can only start a token, and a token never starts right after a
#   letter or digit: "R&D", "AT&T" and "5*3" pass, "&a", "*a", "- &a" and "[*a" do not. (The
#   composer would share or loop nodes, and an anchor with no alias leaves no trace in the graph.)
# - Deep nesting. The C composer recurses once per level, on the C stack, so depth is bounded:
#   - flow: from each `[` or `{` to the next `]` or `}`, no other opener, no quote, comment or tag
#     (the only places a closer can hide in flow text: a plain flow scalar cannot hold one), so
#     that closer is the real one and no flow collection holds another;
#   - block: a block collection starts at a column past its parent's, and only where the line's
#     leading run of spaces, tabs, `-`, `?`, `:` and `.` ends, so a run of at most `MAX_PREFIX`
#     bounds block nesting by 2 x (MAX_PREFIX + 2). Lines end at CR or LF; a file with the other
#     breaks libyaml knows (NEL, LS, PS), or a BOM after its start, is not admitted.
#   About 250 levels at most, a few hundred bytes of C stack each.

MAX_PREFIX: Final = 120


def _classes() -> bytes:
    table = bytearray(b"o" * 256)  # other
    for chars, name in (
        (b"[{", b"["),  # flow openers
        (b"]}", b"]"),  # flow closers
        (b"\"'#!", b"!"),  # where a closer could hide
        (b"&*", b"&"),  # anchor, alias
        (b" \t-?:.", b"P"),  # what may lead a line before a block collection starts
        (b"\n\r", b"N"),  # line breaks
        (bytes(range(48, 58)) + bytes(range(65, 91)) + bytes(range(97, 123)), b"a"),
    ):
        for char in chars:
            table[char] = name[0]
    return bytes(table)


_CLASSES: Final = _classes()
_DEEP_START: Final = b"P" * (MAX_PREFIX + 1)
_DEEP_LINE: Final = b"N" + _DEEP_START
_NOT_FLOW: Final = b"oaPN&"
_OTHER_BREAKS: Final = (b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9", b"\xef\xbb\xbf")


def admitted(data: bytes) -> bool:
    """True when a file's bytes (UTF-8, its BOM removed) may go to the C composer: no anchor or
    alias, and nesting bounded well within the C stack."""
    if not data.isascii() and any(other in data for other in _OTHER_BREAKS):
        return False
    classes = data.translate(_CLASSES)
    if classes.startswith((b"&", _DEEP_START)) or _DEEP_LINE in classes:
        return False
    if classes.count(b"&") != classes.count(b"a&"):
        return False
    flow = classes.translate(None, _NOT_FLOW)  # only openers, closers and hiding places, in order
    return b"[[" not in flow and b"[!" not in flow


def compose(data: bytes, text: str) -> yaml.Node | None:
    """libyaml's node graph of a file (its bytes, UTF-8 without a BOM, and the same decoded), or
    None: not admitted, not valid YAML, or held back by one of the strict reader's checks on
    what libyaml takes and YAML does not."""
    if _Composer is None or not admitted(data):
        return None
    text = parser_text(text)  # as the strict reader is given it, for the same marks and texts
    if token_problem(text, "") is not None:
        return None
    loader = _Composer(text)
    # The resolver's regexes and path hooks would only guess types we never use: every scalar
    # stays text. `str.format` is a C callable that takes any arguments and ignores them.
    loader.resolve = UNTAGGED.format  # type: ignore[method-assign]
    loader.descend_resolver = UNTAGGED.format  # type: ignore[method-assign,assignment]
    loader.ascend_resolver = UNTAGGED.format  # type: ignore[method-assign,assignment]
    try:
        return loader.get_single_node()
    except Exception:  # any problem at all is the strict reader's to find and word
        return None
    finally:
        loader.dispose()
