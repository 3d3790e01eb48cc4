"""Typos in a search word: the fragments of the corpus's words a mistyped word most likely means.

A query word found in no word of the corpus is compared with the words that begin with its first
two letters (a typo there is not corrected: the candidates would be far too many). The distance is
the number of edits — a letter left out, added, replaced, or two neighbours swapped — that turn
the query word into the start of the candidate (the rest of the candidate is free, as the word
being typed is the start of a word). Words of four to seven letters may be one edit away, longer
ones two; shorter words and words with other characters than letters are never corrected.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

MIN_LETTERS = 4
LONG_WORD = 8  # letters from which two edits are allowed
PREFIX = 2  # the letters a candidate must begin with
MAX_FRAGMENTS = 3  # corrections tried for one word, closest first


def allowed_edits(word: str) -> int:
    if len(word) < MIN_LETTERS or not word.isalpha():
        return 0
    return 1 if len(word) < LONG_WORD else 2


def prefix_distance(word: str, candidate: str, limit: int) -> tuple[int, int]:
    """The fewest edits turning `word` into a start of `candidate`, and that start's length
    (the one nearest `word`'s length among the closest); (limit + 1, 0) when more than `limit`."""
    candidate = candidate[: len(word) + limit]
    width = len(candidate) + 1
    before: list[int] | None = None
    row = list(range(width))  # the empty start of `word` against each start of `candidate`
    for i in range(1, len(word) + 1):
        letter = word[i - 1]
        current = [i] + [0] * (width - 1)
        for j in range(1, width):
            cost = 0 if candidate[j - 1] == letter else 1
            best = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
            if (
                before is not None
                and j > 1
                and letter == candidate[j - 2]
                and word[i - 2] == candidate[j - 1]
            ):
                best = min(best, before[j - 2] + 1)  # two neighbours swapped
            current[j] = best
        if min(current) > limit:
            return limit + 1, 0
        before, row = row, current
    distance = min(row)
    ends = [j for j in range(width) if row[j] == distance]
    return distance, min(ends, key=lambda end: (abs(end - len(word)), end))


def corrections(word: str, vocabulary: Sequence[str]) -> list[str]:
    """The starts of vocabulary words `word` may be a typo of, closest first (at most
    MAX_FRAGMENTS), or [] when it may not be corrected. `vocabulary` is sorted."""
    limit = allowed_edits(word)
    if not limit:
        return []
    prefix = word[:PREFIX]
    found: dict[str, int] = {}
    for at in range(bisect_left(vocabulary, prefix), len(vocabulary)):
        candidate = vocabulary[at]
        if not candidate.startswith(prefix):
            break
        if len(candidate) < len(word) - limit:
            continue
        distance, end = prefix_distance(word, candidate, limit)
        if distance <= limit and end >= MIN_LETTERS:
            fragment = candidate[:end]
            found[fragment] = min(distance, found.get(fragment, distance))
    # A fragment inside another finds all it finds: the other adds nothing.
    kept = [f for f in found if not any(other != f and other in f for other in found)]
    return sorted(kept, key=lambda fragment: (found[fragment], len(fragment)))[:MAX_FRAGMENTS]
