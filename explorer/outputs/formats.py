"""Exports of a loaded corpus: JSON (the contract in the README), Markdown, Mermaid and DOT, and
the citations as W3C Web Annotations.

Each format is a function from a corpus to text; a format's module is imported only when used.
"""

from __future__ import annotations

from explorer.model import Corpus

FORMATS: tuple[str, ...] = ("json", "markdown", "mermaid", "dot", "html", "annotations")


def render(format_name: str, corpus: Corpus) -> str:
    """The corpus in one of FORMATS; a ValueError for any other name."""
    if format_name == "json":
        from explorer.outputs.export import to_json

        return to_json(corpus)
    if format_name == "markdown":
        from explorer.outputs import markdown

        return markdown.render(corpus)
    if format_name == "mermaid":
        from explorer.outputs import mermaid

        return mermaid.render(corpus)
    if format_name == "dot":
        from explorer.outputs import dot

        return dot.render(corpus)
    if format_name == "html":
        from explorer.outputs import html

        return html.render(corpus)
    if format_name == "annotations":
        from explorer.outputs import annotations

        return annotations.render(corpus)
    raise ValueError(f"unknown export format '{format_name}'")
