"""Lines of YAML added to a file's text: where a new list item goes, how values are written, and
the one way every insertion reaches the disk (`new source`, `new node`, `cite` and the explorer's
cite dialog all go through `plan_insertion` and `Insertion.write`).

An insertion works on the text, never by dumping the YAML again, so the user's comments, quoting
and layout keep their bytes. The file is read once: its bytes are kept in the `Insertion`, the
place is worked out from them, the new text is read back and must hold exactly the old values
plus the new item before anything is written, and the write is refused if the file no longer
holds those bytes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from collections.abc import Mapping as MappingABC
from pathlib import Path

import attrs

from explorer.editing.atomic import Fingerprint, write_atomic
from explorer.paths import shown_path
from explorer.reading.bundled import ensure_writable
from explorer.reading.located import Mapping, Scalar, Sequence, Value
from explorer.reading.yamlread import read_bytes


@attrs.frozen(slots=True)
class Insertion:
    """Lines to add to a file: `text` goes in before line `line` of the bytes `original`, which
    the file held when the place was worked out."""

    path: Path
    line: int  # 1-based line the text goes before (len(lines) + 1 to append)
    text: str  # the lines, indented for their place, each ending in the file's line break
    original: bytes | None = None  # the file as read; None only for an insertion never written

    def apply(self, original: str) -> str:
        lines = original.splitlines(keepends=True)
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\r\n" if "\r\n" in original else "\n"
        index = self.line - 1
        return "".join(lines[:index]) + self.text + "".join(lines[index:])

    def new_text(self) -> str:
        """The file's text with the lines added."""
        if self.original is None:
            raise ValueError(f"{self.path}: an insertion made without the file's bytes")
        return self.apply(self.original.decode("utf-8"))

    def write(self) -> Path:
        """Add the lines to the file, atomically, keeping its mode and a symlink's target.
        Raises ReadOnlyCorpus in the installed bundled corpus, FileChanged if the file no longer
        holds the bytes the insertion was worked out from, OSError if the write fails."""
        ensure_writable(self.path)
        assert self.original is not None  # every Insertion written is made by plan_insertion
        return write_atomic(self.path, self.new_text(), expected=Fingerprint.of(self.original))


class PlacementError(Exception):
    """The item cannot be added to the text in place; the message says why, as a sentence."""


# Keys a node's citations go before when the node has none yet: the end of its own fields.
_LATER_KEYS = ("outcome", "children", "see_also")
_PLAIN_WORD = re.compile(r"[a-z0-9](?:[a-z0-9 -]*[a-z0-9])?")
_NOT_PLAIN = frozenset({"null", "true", "false", "yes", "no", "on", "off"})


def yaml_scalar(value: str) -> str:
    """A text as YAML: plain for a slug or a hedge word, else double-quoted with escapes."""
    if _PLAIN_WORD.fullmatch(value) and value not in _NOT_PLAIN:
        return value
    out = []
    for char in value:
        if char in '"\\':
            out.append("\\" + char)
        elif char.isprintable():
            out.append(char)
        else:
            code = ord(char)
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


def item_text(item: MappingABC[str, object]) -> str:
    """`- key: value` lines for a mapping of texts and lists of such mappings, at indent 0."""
    lines: list[str] = []
    for key, value in item.items():
        if isinstance(value, list):
            lines.append(f"{key}:")
            lines.extend("  " + line for sub in value for line in item_text(sub).splitlines())
        else:
            lines.append(f"{key}: {yaml_scalar(str(value))}")
    return "".join(("- " if n == 0 else "  ") + line + "\n" for n, line in enumerate(lines))


def _indent(block: str, spaces: int) -> str:
    """Each line of `block` indented by `spaces`, but blank lines, which stay empty."""
    pad = " " * spaces
    return "".join(pad + line if line.strip() else line for line in block.splitlines(True))


Route = list[str | int]  # the keys and indexes that lead from a file's root to a value


def find_mapping(root: Value, wanted: Callable[[Mapping], bool]) -> tuple[Mapping, Route] | None:
    """The first mapping `wanted` accepts (outermost first), and the route to it."""
    stack: list[tuple[Value, Route]] = [(root, [])]
    while stack:
        value, route = stack.pop()
        if isinstance(value, Mapping):
            if wanted(value):
                return value, route
            stack.extend((v, [*route, k.value]) for k, v in reversed(value.items))
        elif isinstance(value, Sequence):
            stack.extend((v, [*route, i]) for i, v in reversed(list(enumerate(value.items))))
    return None


def find_node(root: Value, node_id: str) -> tuple[Mapping, Route] | None:
    """The mapping of the node with this id, and the keys and indexes that lead to it."""

    def is_the_node(mapping: Mapping) -> bool:
        keys = {k.value: v for k, v in mapping.items}
        ident = keys.get("id")
        return isinstance(ident, Scalar) and ident.value == node_id and "claim" in keys

    return find_mapping(root, is_the_node)


def ids_in(root: Value) -> set[str]:
    """Every `id` written in a file."""
    found: set[str] = set()
    stack: list[Value] = [root]
    while stack:
        value = stack.pop()
        if isinstance(value, Mapping):
            found.update(
                v.value for k, v in value.items if k.value == "id" and isinstance(v, Scalar)
            )
            stack.extend(v for _, v in value.items)
        elif isinstance(value, Sequence):
            stack.extend(value.items)
    return found


def _is_comment_or_blank(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def plan_insertion(
    path: Path, original: bytes, root: Value, found: tuple[Mapping, Route], key: str, item: str
) -> Insertion:
    """Append `item` (`- key: value` lines at indent 0) to the block list `key` of the mapping
    `found` (with the route to it from `root`, the reading of the file's bytes `original`); the
    list is made when the mapping has none. The result is read back: PlacementError unless it
    holds exactly the old values plus the item."""
    shown = shown_path(str(path))
    mapping, route = found
    text = original.decode("utf-8")
    insertion = list_insertion(path, text.splitlines(), mapping, key, item, shown=shown)
    if "\r\n" in text:
        insertion = attrs.evolve(insertion, text=insertion.text.replace("\n", "\r\n"))
    insertion = attrs.evolve(insertion, original=original)
    _verify(insertion, root, route, key, item, shown=shown)
    return insertion


def _verify(
    insertion: Insertion, old: Value, route: Route, key: str, item: str, *, shown: str
) -> None:
    """The new text must read as the old values plus the item, and nothing else."""
    added = read_bytes(item.encode("utf-8"), shown).value
    expected = plain(old)
    holder: object = expected
    for step in route:
        holder = holder[step]  # type: ignore[index]
    if not isinstance(holder, dict) or not isinstance(added, Sequence) or len(added.items) != 1:
        raise PlacementError(f"{shown}: the new lines do not read as one list item")
    holder.setdefault(key, []).append(plain(added.items[0]))
    new = read_bytes(insertion.new_text().encode("utf-8"), shown)
    if new.value is None or plain(new.value) != expected:
        raise PlacementError(
            f"{shown}:{insertion.line}: the new lines cannot be placed in this file's text "
            f"without changing its other values; add them by hand:\n{insertion.text}"
        )


def list_insertion(
    path: Path, lines: list[str], mapping: Mapping, key: str, item: str, *, shown: str
) -> Insertion:
    """Where `item` goes as the last of `mapping`'s block list `key` in the text `lines`, and
    indented for it; the list is made when the mapping has none. Only the place: what is
    written goes through `plan_insertion`, which keeps the bytes and reads the result back."""
    found = next(((k, v) for k, v in mapping.items if k.value == key), None)
    if found is None:
        later = [k.line for k, _ in mapping.items if k.value in _LATER_KEYS]
        keys_indent = mapping.column - 1
        at = min(later) if later else _block_end(lines, mapping.line, keys_indent - 1)
        while at > mapping.line + 1 and _is_comment_or_blank(lines[at - 2]):
            at -= 1
        return Insertion(path, at, _indent(f"{key}:\n" + _indent(item, 2), keys_indent))
    name, value = found
    if not isinstance(value, Sequence) or value.line == name.line or not value.items:
        raise PlacementError(
            f"{shown}:{name.line}:{name.column}: '{key}' is not a list of one item per line; "
            "write it as such ('- ...') to add to it"
        )
    dash = value.items[0].column - 3  # the item's dash, as an indent
    at = _block_end(lines, value.items[-1].line, dash + 1)
    # Comments and blank lines before the next key belong to that key, not to the list.
    while _is_comment_or_blank(lines[at - 2]) and _indent_of(lines[at - 2]) < dash:
        at -= 1
    return Insertion(path, at, _indent(item, dash))


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip()) if line.strip() else -1


def _block_end(lines: list[str], start: int, indent: int) -> int:
    """The 1-based line after the block that starts on line `start` and whose lines (but blank
    lines and comments) are indented by more than `indent`."""
    for number in range(start + 1, len(lines) + 1):
        text = lines[number - 1]
        if not _is_comment_or_blank(text) and _indent_of(text) <= indent:
            return number
    return len(lines) + 1


def plain(value: Value) -> object:
    if isinstance(value, Scalar):
        return None if value.is_null else value.value
    if isinstance(value, Mapping):
        return {k.value: plain(v) for k, v in value.items}
    return [plain(v) for v in value.items]
