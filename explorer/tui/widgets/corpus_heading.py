"""The corpus's title over the tree, saying when the corpus is the bundled read-only copy (the
loading screen says so too, but only for the moment a load takes), and while the tree shows a
large corpus's outline, that the rest is being read."""

from __future__ import annotations

from rich.text import Text

from explorer.model import Corpus
from explorer.reading.bundled import is_read_only
from explorer.tui.widgets.labels import one_line

READ_ONLY_NOTE = "read-only: the bundled copy (explorer init DIR makes one to edit)"


def corpus_heading(corpus: Corpus, reading: int | None = None) -> Text:
    """`reading`: the corpus's node count, while its outline is shown and the rest is read."""
    heading = Text(one_line(corpus.title))
    if is_read_only(corpus.folder):
        heading.append(f" · {READ_ONLY_NOTE}", "italic")
    if reading is not None:
        heading.append(f" · reading {reading:,} nodes…", "italic")
    return heading
