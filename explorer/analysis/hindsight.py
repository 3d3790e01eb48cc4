"""What the hindsight overlay marks on each node: the outcome's status (no Textual here)."""

from __future__ import annotations

import enum

from explorer.model import Node, OutcomeStatus


class OutcomeMark(enum.Enum):
    """A node's outcome as a glyph and its meaning (its colour: `explorer.outputs.classes`)."""

    HAPPENED = ("✓", "happened")
    DID_NOT_HAPPEN = ("✗", "did not happen")
    PARTLY = ("◐", "partly")
    OPEN = ("○", "open")

    def __init__(self, glyph: str, meaning: str) -> None:
        self.glyph = glyph
        self.meaning = meaning

    @classmethod
    def of_status(cls, status: OutcomeStatus) -> OutcomeMark:
        return _BY_STATUS[status]


_BY_STATUS = {
    OutcomeStatus.HAPPENED: OutcomeMark.HAPPENED,
    OutcomeStatus.DID_NOT_HAPPEN: OutcomeMark.DID_NOT_HAPPEN,
    OutcomeStatus.PARTLY: OutcomeMark.PARTLY,
    OutcomeStatus.OPEN: OutcomeMark.OPEN,
}


def outcome_mark(node: Node) -> OutcomeMark | None:
    """The node's outcome mark, or None when the corpus records no outcome for it."""
    return OutcomeMark.of_status(node.outcome.status) if node.outcome is not None else None
