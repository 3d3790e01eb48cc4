"""Finding quotes in seed texts.

Seeds are web captures: curly quotes, en and em dashes, no-break spaces inside runs of spaces. A
quote typed on a plain keyboard must still be found, and shown in the seed's own characters. So
both sides are folded to one form (white space runs to one space, quotes and dashes to ASCII) and
the folded seed keeps, for each of its characters, the index it came from in the original.
"""

from __future__ import annotations

import bisect
import difflib
import re
from functools import cached_property

import attrs

ONE_FOR_ONE = str.maketrans(
    {
        **dict.fromkeys("‘’‚‛′`´", "'"),
        **dict.fromkeys("“”„‟″«»", '"'),
        **dict.fromkeys("‐‑‒–—―−", "-"),
    }
)
_OPENING_MARKS = "“„«"
_CLOSING_MARKS = "”»"
SPACE_RUN = re.compile(r"\s+")
_LONG_SPACE_RUN = re.compile(r"\s{2,}")
# An elision in a quote: "..." or "…", optionally in brackets, with any spaces around it.
CLOSEST_WIDTH = 240
ELISION = re.compile(r"\s*\[?(?:\.\.\.|…)\]?\s*")


def fold(text: str) -> str:
    """The comparison form of a text: same words, plain quotes and dashes, single spaces."""
    # Most texts are printable ASCII with single spaces, which folding leaves as they are: two
    # C-speed looks skip the translation and the regular expression.
    if text.isascii() and text.isprintable() and "  " not in text and "`" not in text:
        return text
    return _squeeze(text.translate(ONE_FOR_ONE))


def _squeeze(text: str) -> str:
    """`SPACE_RUN.sub(" ", text)`: each run of white space to one space, with split and join,
    faster than the substitution on a seed of some thousand words."""
    squeezed = " ".join(text.split())  # split() and \s agree on what white space is
    if not squeezed:
        return " " if text else ""
    if text[0].isspace():
        squeezed = " " + squeezed
    if text[-1].isspace():
        squeezed += " "
    return squeezed


def quote_parts(quote: str) -> list[str]:
    """The folded pieces of a quote that must appear in order (one unless words are elided)."""
    if "..." not in quote and "…" not in quote:  # no elision: the split would leave it whole
        part = fold(quote).strip()
        return [part] if part else []
    return [part for part in (fold(p).strip() for p in ELISION.split(quote)) if part]


@attrs.frozen(slots=True)
class Match:
    """Where a quote was found: spans of the original seed text, one per quote part."""

    spans: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


@attrs.frozen(slots=True)
class Passage:
    """The seed passage closest to a quote that was not found."""

    text: str  # in the seed's own characters
    similarity: float  # 0..1
    line: int


class SeedText:
    """One seed's text, with its folded form and the way back to the original."""

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.text = text
        self.folded = fold(text)

    @cached_property
    def _shifts(self) -> tuple[list[int], list[int]]:
        """Where folding shortened the text: for each run of two or more white-space characters,
        its position in the folded text and the characters removed up to and including it."""
        positions: list[int] = []
        removed: list[int] = []
        total = 0
        # Translated again rather than kept: only a found quote's span needs it.
        translated = self.text.translate(ONE_FOR_ONE)  # the same length as the text
        for run in _LONG_SPACE_RUN.finditer(translated):
            positions.append(run.start() - total)
            total += run.end() - run.start() - 1
            removed.append(total)
        return positions, removed

    def _original(self, folded_index: int) -> int:
        positions, removed = self._shifts
        before = bisect.bisect_left(positions, folded_index)  # runs that end before the index
        return folded_index + (removed[before - 1] if before else 0)

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0] + [m.end() for m in re.finditer("\n", self.text)]

    def line_of(self, index: int) -> int:
        """1-based line of an index into the original text."""
        return bisect.bisect_right(self._line_starts, index)

    def _original_span(self, start: int, end: int) -> tuple[int, int]:
        return self._original(start), self._original(end - 1) + 1

    def find(self, quote: str) -> Match | None:
        """Each part of the quote, in order, in the folded seed; None if any part is missing."""
        parts = quote_parts(quote)
        if not parts:
            return None
        spans = []
        position = 0
        for part in parts:
            found = self.folded.find(part, position)
            if found < 0:
                return None
            spans.append(self._original_span(found, found + len(part)))
            position = found + len(part)
        return Match(tuple(spans))

    def contains(self, quote: str) -> bool:
        """`find(quote) is not None`, without working out where (what validation asks)."""
        parts = quote_parts(quote)
        if not parts:
            return False
        position = 0
        folded = self.folded
        for part in parts:
            found = folded.find(part, position)
            if found < 0:
                return False
            position = found + len(part)
        return True

    def inside_quotation_marks(self, match: Match) -> bool:
        """True when every part of a found quote lies between an opening and a closing quotation
        mark of its paragraph: the words are someone's own, quoted by the author."""
        return all(self._quoted(start, end) for start, end in match.spans)

    def _quoted(self, start: int, end: int) -> bool:
        text = self.text
        paragraph_start = text.rfind("\n", 0, start) + 1
        inside = False  # straight marks toggle; curly ones say which way they face
        for char in text[paragraph_start:start]:
            if char in _OPENING_MARKS or (char == '"' and not inside):
                inside = True
            elif char in _CLOSING_MARKS or char == '"':
                inside = False
        span = text[start:end]
        if not inside:  # the quote may begin with its own opening mark
            if not span or span[0] not in _OPENING_MARKS + '"':
                return False
            span = span[1:]
        # No closing mark before the last character: the quote does not run past the speaker's
        # words into the author's.
        return not any(char in _CLOSING_MARKS + '"' for char in span[:-1].rstrip())

    def closest(self, quote: str) -> Passage | None:
        """The passage most like the quote (only run for quotes that were not found)."""
        # Compare at most the quote's first few hundred characters: enough to find the passage,
        # and it keeps the search linear in the seed instead of seed × quote.
        target = " ... ".join(quote_parts(quote))[:CLOSEST_WIDTH]
        if not target or not self.folded:
            return None
        width = len(target)
        starts = [0] + [m.end() for m in re.finditer(" ", self.folded)]
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(target)
        scored: list[tuple[float, int]] = []
        for start in starts:
            matcher.set_seq1(self.folded[start : start + width])
            scored.append((matcher.quick_ratio(), start))
        scored.sort(reverse=True)
        best_ratio, best_start = 0.0, 0
        for _, start in scored[:40]:
            matcher.set_seq1(self.folded[start : start + width])
            ratio = matcher.ratio()
            if ratio > best_ratio:
                best_ratio, best_start = ratio, start
        end = min(best_start + width, len(self.folded))
        if end < len(self.folded) and self.folded[end - 1] != " ":  # never end mid-word
            word_end = self.folded.find(" ", end)
            end = len(self.folded) if word_end < 0 else word_end
        original_start, original_end = self._original_span(best_start, max(end, best_start + 1))
        return Passage(
            " ".join(self.text[original_start:original_end].split()),
            best_ratio,
            self.line_of(original_start),
        )
