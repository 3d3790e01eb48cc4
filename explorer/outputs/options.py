"""Options of the commands that print: `--format` (its choices, its default, and help that names
each) and `--depth`."""

from __future__ import annotations

import argparse
from typing import Any

# What each format is, in a few words; a format missing here is named alone.
FORMAT_WORDS = {
    "text": "plain text",
    "json": "JSON, for programs",
    "markdown": "Markdown, to read or publish",
    "csv": "CSV, for a spreadsheet",
    "mermaid": "a Mermaid diagram",
    "dot": "a Graphviz DOT diagram",
    "html": "one self-contained web page, the brief",
    "annotations": "the citations as W3C Web Annotations",
}


def format_help(choices: tuple[str, ...]) -> str:
    """'text (plain text; the default) or json (JSON, for programs)': every choice in order, the
    first being the default."""
    named = [_named(name, default=i == 0) for i, name in enumerate(choices)]
    return f"{', '.join(named[:-1])} or {named[-1]}" if len(named) > 1 else named[0]


def _named(name: str, *, default: bool) -> str:
    words = [w for w in (FORMAT_WORDS.get(name), "the default" if default else None) if w]
    return f"{name} ({'; '.join(words)})" if words else name


def format_option(*choices: str) -> dict[str, Any]:
    """`add_argument("--format", **format_option("text", "json"))`: the first is the default."""
    return {"choices": choices, "default": choices[0], "help": format_help(choices)}


def depth(text: str) -> int:
    """A --depth value: a whole number of 0 or more (argparse reports the error)."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of 0 or more")
    return value
