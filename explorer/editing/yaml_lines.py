"""Lines of YAML added to a file's text: where a new list item goes, and how values are
written. The rest of the text is never rewritten (see `editing.cite`, which reads the result
back before it writes it)."""

from __future__ import annotations

import re
from collections.abc import Mapping as MappingABC
from pathlib import Path

from explorer.editing.scaffold import Insertion
from explorer.reading.located import Mapping, Scalar, Sequence, Value


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
    return "".join(" " * spaces + line for line in block.splitlines(True))


def find_node(root: Value, node_id: str) -> tuple[Mapping, list[str | int]] | None:
    """The mapping of the node with this id, and the keys and indexes that lead to it."""
    stack: list[tuple[Value, list[str | int]]] = [(root, [])]
    while stack:
        value, route = stack.pop()
        if isinstance(value, Mapping):
            keys = {k.value: v for k, v in value.items}
            ident = keys.get("id")
            if isinstance(ident, Scalar) and ident.value == node_id and "claim" in keys:
                return value, route
            stack.extend((v, [*route, k.value]) for k, v in value.items)
        elif isinstance(value, Sequence):
            stack.extend((v, [*route, i]) for i, v in enumerate(value.items))
    return None


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


def list_insertion(
    path: Path, lines: list[str], mapping: Mapping, key: str, item: str, *, shown: str
) -> Insertion:
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
