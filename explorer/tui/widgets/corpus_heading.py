"""The corpus's title over the tree, saying when the corpus is the bundled read-only copy (the
loading screen says so too, but only for the moment a load takes)."""

from __future__ import annotations

from rich.text import Text

from explorer.model import Corpus
from explorer.reading.bundled import is_read_only
from explorer.tui.widgets.labels import one_line

READ_ONLY_NOTE = "read-only: the bundled copy (explorer init DIR makes one to edit)"


def corpus_heading(corpus: Corpus) -> Text:
    heading = Text(one_line(corpus.title))
    if is_read_only(corpus.folder):
        heading.append(f" · {READ_ONLY_NOTE}", "italic")
    return heading
