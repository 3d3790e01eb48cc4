"""The CSS classes that colour what the analysis marks: the marks of a people focus, the
outcome marks of hindsight, and a colour slot per voice. The analysis says what a node means;
the views say how it looks: the TUI's component classes (see its .tcss files) carry these names,
and a printed page that styles marks can use the same. No Textual here."""

from __future__ import annotations

from explorer.analysis.focus import Mark
from explorer.analysis.hindsight import OutcomeMark
from explorer.analysis.queries import CorpusIndex

_MARK_CLASSES: dict[Mark | OutcomeMark, str] = {
    Mark.FOR: "mark--for",
    Mark.AGAINST: "mark--against",
    Mark.ONLY_A: "mark--only-a",
    Mark.ONLY_B: "mark--only-b",
    Mark.BOTH: "mark--both",
    Mark.OPPOSED: "mark--opposed",
    # Comparing two, on a node that one or both argue against: the colour of the side.
    Mark.AGAINST_A: "mark--only-a",
    Mark.AGAINST_B: "mark--only-b",
    Mark.BOTH_AGAINST: "mark--both",
    OutcomeMark.HAPPENED: "outcome--happened",
    OutcomeMark.DID_NOT_HAPPEN: "outcome--did-not-happen",
    OutcomeMark.PARTLY: "outcome--partly",
    OutcomeMark.OPEN: "outcome--open",
}


def mark_class(mark: Mark | OutcomeMark) -> str:
    """The component class that colours a mark."""
    return _MARK_CLASSES[mark]


MARK_CLASSES = frozenset(_MARK_CLASSES[mark] for mark in Mark)
OUTCOME_CLASSES = frozenset(_MARK_CLASSES[mark] for mark in OutcomeMark)

PALETTE_SIZE = 8


class Palette:
    """A stable colour slot per voice: its place among the corpus's voices (people, then outlets).

    The colours themselves are the `person--0` … `person--7` component classes in the .tcss files.
    """

    def __init__(self, index: CorpusIndex, size: int = PALETTE_SIZE) -> None:
        self._slots = {key: i % size for i, key in enumerate(index.voices)}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Palette) and other._slots == self._slots

    __hash__ = None  # type: ignore[assignment]  # compared by value, and not frozen

    def css_class(self, key: str) -> str:
        return f"person--{self._slots.get(key, 0)}"
