"""Hedge words and the ICD 203 expression-of-likelihood bands they map to.

Authors rarely give numbers; they write "likely", "will", "could". To compare authors we map each
word of probability to one band of the ICD 203 scale. The mapping is ours and deliberately coarse:
a band, never a point estimate, and no band at all when the author gave no hedge. Words of
possibility ("could", "may") state no probability: they are shown as such and never scored.
"""

from __future__ import annotations

import attrs


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
