"""What the hindsight overlay marks on each node: the outcome's status (no Textual here)."""

from __future__ import annotations

import enum

from explorer.model import Node, OutcomeStatus


class OutcomeMark(enum.Enum):
    """A node's outcome as a glyph; `css_class` colours it (see explorer.tcss)."""

    HAPPENED = ("✓", "happened", "outcome--happened")
    DID_NOT_HAPPEN = ("✗", "did not happen", "outcome--did-not-happen")
    PARTLY = ("◐", "partly", "outcome--partly")
    OPEN = ("○", "open", "outcome--open")

    def __init__(self, glyph: str, meaning: str, css_class: str) -> None:
        self.glyph = glyph
        self.meaning = meaning
        self.css_class = css_class

    @classmethod
    def of_status(cls, status: OutcomeStatus) -> OutcomeMark:
        return _BY_STATUS[status]


_BY_STATUS = {
    OutcomeStatus.HAPPENED: OutcomeMark.HAPPENED,
    OutcomeStatus.DID_NOT_HAPPEN: OutcomeMark.DID_NOT_HAPPEN,
    OutcomeStatus.PARTLY: OutcomeMark.PARTLY,
    OutcomeStatus.OPEN: OutcomeMark.OPEN,
}

OUTCOME_CLASSES = frozenset(mark.css_class for mark in OutcomeMark)


def outcome_mark(node: Node) -> OutcomeMark | None:
    """The node's outcome mark, or None when the corpus records no outcome for it."""
    return OutcomeMark.of_status(node.outcome.status) if node.outcome is not None else None
