"""Hedge words and the ICD 203 expression-of-likelihood bands they map to.

Authors rarely give numbers; they write "likely", "will", "could". To compare authors we map each
word of probability to one band of the ICD 203 scale. The mapping is ours and deliberately coarse:
a band, never a point estimate, and no band at all when the author gave no hedge. Words of
possibility ("could", "may") state no probability: they are shown as such and never scored.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

import attrs

from explorer.analysis.quotes import fold


@attrs.frozen(slots=True)
class Band:
    """One band of the ICD 203 scale, in per cent; or, for words of possibility, no range at all."""

    name: str
    low: int | None
    high: int | None

    @property
    def has_probability(self) -> bool:
        return self.low is not None

    @property
    def midpoint(self) -> float | None:
        """The band's middle as a probability; None for a word that states no probability."""
        if self.low is None or self.high is None:
            return None
        return (self.low + self.high) / 200

    def describe(self) -> str:
        if self.low is None:
            return self.name
        return f"{self.name} ({self.low}–{self.high} %)"


ALMOST_NO_CHANCE = Band("almost no chance", 1, 5)
VERY_UNLIKELY = Band("very unlikely", 5, 20)
UNLIKELY = Band("unlikely", 20, 45)
ROUGHLY_EVEN = Band("roughly even chance", 45, 55)
LIKELY = Band("likely", 55, 80)
VERY_LIKELY = Band("very likely", 80, 95)
ALMOST_CERTAIN = Band("almost certain", 95, 99)
# "could", "may", "might" say a thing is open, not how probable it is: no band of the scale, and
# never scored.
POSSIBLE = Band("possible (no probability stated)", None, None)

BANDS: tuple[Band, ...] = (
    ALMOST_NO_CHANCE,
    VERY_UNLIKELY,
    UNLIKELY,
    ROUGHLY_EVEN,
    LIKELY,
    VERY_LIKELY,
    ALMOST_CERTAIN,
)

HEDGE_WORDS: dict[str, Band] = {
    "almost no chance": ALMOST_NO_CHANCE,
    "remote": ALMOST_NO_CHANCE,
    "impossible": ALMOST_NO_CHANCE,
    "very unlikely": VERY_UNLIKELY,
    "highly unlikely": VERY_UNLIKELY,
    "highly improbable": VERY_UNLIKELY,
    "unlikely": UNLIKELY,
    "improbable": UNLIKELY,
    "doubtful": UNLIKELY,
    "probably not": UNLIKELY,
    "even chance": ROUGHLY_EVEN,
    "fifty-fifty": ROUGHLY_EVEN,
    "likely": LIKELY,
    "probably": LIKELY,
    "probable": LIKELY,
    "expected": LIKELY,
    "expect": LIKELY,
    "expects": LIKELY,
    "seems likely": LIKELY,
    "appears likely": LIKELY,
    "very likely": VERY_LIKELY,
    "highly likely": VERY_LIKELY,
    "would": VERY_LIKELY,
    "almost inevitable": VERY_LIKELY,
    "almost certainly": ALMOST_CERTAIN,
    "certainly": ALMOST_CERTAIN,
    "will": ALMOST_CERTAIN,
    "ensured": ALMOST_CERTAIN,
    "inevitable": ALMOST_CERTAIN,
    "inevitably": ALMOST_CERTAIN,
    "unquestionably": ALMOST_CERTAIN,
    "surely": ALMOST_CERTAIN,
    "bound to": ALMOST_CERTAIN,
    "could": POSSIBLE,
    "can": POSSIBLE,
    "may": POSSIBLE,
    "might": POSSIBLE,
    "possible": POSSIBLE,
    "possibly": POSSIBLE,
    "potentially": POSSIBLE,
    "perhaps": POSSIBLE,
}


def band_for(word: str) -> Band | None:
    """The band of a hedge word, or None when the word is not in the table."""
    return HEDGE_WORDS.get(" ".join(word.lower().split()))


def hedge_phrase(word: str | None, not_stated: str = "not stated") -> str:
    """'“likely”: likely (55–80 %)', '“could”: possible (no probability stated)', or `not_stated`
    when the author gave no hedge."""
    if word is None:
        return not_stated
    band = band_for(word)
    if band is None:
        return f"“{word}” (not a known hedge word)"
    return f"“{word}”: {band.describe()}"


def hedge_in_quote(word: str, quote: str) -> bool:
    return _hedge_pattern(word.lower()).search(fold(quote).lower()) is not None


@functools.lru_cache(maxsize=256)
def _hedge_pattern(word: str) -> re.Pattern[str]:
    # A few dozen hedge words, checked against every quote of a corpus: compiled once each.
    return re.compile(r"\b" + r"\s+".join(re.escape(w) for w in word.split()) + r"\b")


# Words that name a chance rather than an event: "heightens the risk of war" says the risk rose.
CHANCE_WORDS = {
    "risk": "risk",
    "risks": "risk",
    "chance": "chance",
    "chances": "chance",
    "possibility": "possibility",
    "possibilities": "possibility",
    "danger": "danger",
    "dangers": "danger",
    "threat": "threat",
    "threats": "threat",
    "prospect": "prospect",
    "prospects": "prospect",
    "likelihood": "likelihood",
    "odds": "likelihood",
}
# A word, or a mark that ends a clause (the hedge is read within its own clause).
# A dash counts when it stands apart ("war - and the risk"), not inside "fifty-fifty".
_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|[,;:.!?()]|(?<!\S)-+(?!\S)")
# Words that join clauses: "the situation will deteriorate and the risks would increase" holds
# two clauses, the risk in the second. (They also join nouns, "Iraq and Lebanon": a clause cut
# there only narrows the window.)
CLAUSE_JOINERS = frozenset(
    {"and", "but", "or", "while", "whereas", "because", "although", "though", "if", "unless", "so"}
)
WINDOW = 8  # words looked at on each side of the hedge word, within its clause
# Any chance word, even inside another word: where there is none, no token can be one.
_ANY_CHANCE_WORD = re.compile("|".join(re.escape(chance) for chance in CHANCE_WORDS))


def hedged_risk(word: str, quote: str) -> str | None:
    """What the hedge word seems to qualify instead of the event ('risk', 'possibility'…): a
    chance word (`CHANCE_WORDS`) in the hedge's own clause, up to `WINDOW` words before or after
    it, in "the risks of a larger conflict would increase" as in "will surely raise the risk of
    a strike"; None when nothing suggests so. A clause ends at a punctuation mark or a joining
    word (`CLAUSE_JOINERS`). A heuristic: the citation's `hedge_checked` records a person's
    reading where it is wrong."""
    text = fold(quote).lower()
    if _ANY_CHANCE_WORD.search(text) is None:
        return None  # most quotes name no chance at all: no need to read their words
    tokens = _TOKEN.findall(text)
    hedge = word.lower().split()
    for at in range(len(tokens) - len(hedge) + 1):
        if tokens[at : at + len(hedge)] != hedge:
            continue
        before = _clause_words(reversed(tokens[:at]))
        after = _clause_words(tokens[at + len(hedge) :])
        for other in [*before, *after]:
            if other in CHANCE_WORDS:
                return CHANCE_WORDS[other]
    return None


def _clause_words(tokens: Iterable[str]) -> list[str]:
    """The words from the hedge outwards, up to the end of its clause or `WINDOW` words."""
    words: list[str] = []
    for token in tokens:
        if len(words) == WINDOW or not token[0].isalpha() or token in CLAUSE_JOINERS:
            break
        words.append(token)
    return words
