"""The scorecard: per person, which of their forecasts held up, by dated outcomes."""

from __future__ import annotations

import weakref
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Static

from explorer.analysis.outcomes import Scorecard, scorecards
from explorer.analysis.queries import CorpusIndex
from explorer.model import Corpus
from explorer.reading.result import LoadResult
from explorer.tui.widgets.scorecard import ScorecardList

INTRO = (
    "A citation counts as a forecast when its source was published before the outcome's "
    "date; each person has one forecast per node. Only a word of probability (not 'could' or "
    "'may') on an outcome that happened or did not is scored, by the middle of its band: "
    "never a number the author gave."
)


# The scorecards of each index, made once, not each time the screen opens; kept with the corpus
# they were made from, so that an index given another corpus makes them again.
_kept: weakref.WeakKeyDictionary[CorpusIndex, tuple[Corpus, list[Scorecard]]]
_kept = weakref.WeakKeyDictionary()


def kept_scorecards(index: CorpusIndex) -> list[Scorecard]:
    corpus, cards = _kept.get(index, (None, []))
    if corpus is not index.corpus:
        cards = scorecards(index)
        _kept[index] = (index.corpus, cards)
    return cards


class ScorecardScreen(Screen[None]):
    AUTO_FOCUS = "#scorecards"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back"),
    ]

    def __init__(self, index: CorpusIndex) -> None:
        super().__init__()
        self.index = index
        self.cards = kept_scorecards(index)

    def compose(self) -> ComposeResult:
        yield Static(Text(INTRO), id="scorecard-intro")
        yield ScorecardList(self.index, self.cards, id="scorecards")
        yield Footer()

    def action_close(self) -> None:
        self.dismiss()

    async def show_index(self, index: CorpusIndex, result: LoadResult) -> None:
        """Another corpus (a live reload): the scorecards made anew."""
        self.index = index
        self.cards = scorecards(index)
        await self.recompose()
        self.query_one(ScorecardList).focus()
