"""Word search over many short texts, fast enough for every keystroke at 300,000 texts.

An entry matches a query when every word of the folded query is a substring of the entry's folded
text. Its score is `weight + (share of the query words that start a word) + shortness`, where
shortness is `10 / (10 + length of the folded text)`; the best `limit` entries win, ties going to
the earlier entry. That is a linear scan's answer, exactly; a linear scan in Python is too slow
for a keystroke at that size (the benchmark measures search), so this index gets it another way:

- One byte string, the haystack, holds every folded text, each behind "\\n ". No query word holds
  white space, so no match can cross from one entry into the next, and " word" finds exactly the
  matches at the start of a word, the text's first word included. `bytes.find` searches it at C
  speed and `bisect` maps an offset back to its entry.
- Entries are laid out best possible score first, in classes of equal weight and length (entries of
  one class score the same for the same number of word starts). A search stops reading the
  haystack where no class further on can beat its current last hit.
- The haystack is cut into chunks of whole entries, and each word of the texts (a run of non-space
  characters) knows the chunks it is in. A query word is in an entry only inside one of its words,
  so a search reads only the chunks where every query word can be: a word found nowhere costs no
  scan at all, and a rare one a few chunks.
- Where the words occur in many entries but seldom at the start of a word (one letter, or the inside
  of common words), the best possible score says little. After a budget of finds, the search first
  finds the entries where the words do start words (they score highest), after which every other
  entry can score its weight plus shortness at most, and the search stops much sooner.

Asked to forgive typos, a query word found in no word of the texts is replaced by the fragments
of words it most likely means (`explorer.analysis.typos`); the hits of each such query are merged.
"""

from __future__ import annotations

import heapq
import math
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import accumulate, combinations, pairwise, product

from explorer.analysis.quotes import fold
from explorer.analysis.typos import corrections

# Finds the first pass makes before the search looks for word starts first (the first pass alone
# is exact, and the fastest when matches are few).
BUDGET = 2000
# Bytes of haystack per chunk: 400 chunks at 300,000 entries. Smaller chunks skip more of the
# haystack but cost more to build and to hold.
CHUNK_BYTES = 1 << 16
# A query word inside more vocabulary words than this (one letter, say) is treated as everywhere:
# collecting their chunks would cost more than the scan it could save.
_MAX_VOCABULARY_HITS = 2000
# At most this many readings of a query with typos are searched.
MAX_READINGS = 9
# Up to this many distinct query words, the second pass tries every set of them as word starts.
_MAX_EXACT_WORDS = 6


def search_form(text: str) -> str:
    """The form both entries and queries are compared in: folded, then case-folded."""
    return fold(text).casefold()


class SearchIndex:
    """Texts with weights, searchable by words; `search` gives (score, entry position) pairs."""

    def __init__(
        self, texts: Sequence[str], weights: Sequence[float], chunk_bytes: int = CHUNK_BYTES
    ) -> None:
        # Few objects per entry, and none the garbage collector tracks: at 300,000 entries, a
        # tuple each would cost more in collections than all the rest of the build.
        folded = list(map(search_form, texts))
        lengths = list(map(len, folded))
        # Classes of equal weight and length, best possible score first.
        classes = sorted(
            set(zip(weights, lengths, strict=True)),
            key=lambda key: (-((key[0] + 1.0) + 10 / (10 + key[1])), -key[0], key[1]),
        )  # (weight + 1.0) + shortness: as a hit where every word starts a word scores
        rank = {key: number for number, key in enumerate(classes)}
        ranks = list(map(rank.__getitem__, zip(weights, lengths, strict=True)))
        layout = sorted(range(len(texts)), key=ranks.__getitem__)  # stable: positions in order
        self._positions = array("q", layout)  # layout index -> original position
        self._class_of = array("I", sorted(ranks))  # layout index -> class
        # The layout index where each class starts, and the end.
        self._class_starts = [bisect_left(self._class_of, number) for number in range(len(rank))]
        self._class_starts.append(len(layout))
        self._weights = [weight for weight, _ in classes]
        self._shortness = [10 / (10 + length) for _, length in classes]
        # UTF-8: a str would take four bytes a character for every text as soon as one of them
        # held an emoji.
        in_order = [folded[p] for p in layout]
        haystack = "\n " + "\n ".join(in_order) + "\n" if in_order else "\n"
        sizes = map(len, in_order) if haystack.isascii() else map(len, map(_utf8, in_order))
        # Where each entry's "\n" is, and the final one. A list, not an array: bisect and
        # indexing read it without making an int each time, which long searches feel.
        self._offsets = list(accumulate((size + 2 for size in sizes), initial=0))
        self._haystack = _utf8(haystack)
        del folded, in_order, haystack
        self._bounds_cache: dict[float, list[float]] = {}
        self._build_chunks(chunk_bytes)

    def _build_chunks(self, chunk_bytes: int) -> None:
        offsets = self._offsets
        cuts = {bisect_right(offsets, at) - 1 for at in range(0, offsets[-1], chunk_bytes)}
        # The first entry of each chunk, and the end.
        self._chunk_starts = sorted(cuts | {0, len(self._positions)})
        chunk_sets: dict[bytes, int] = {}  # vocabulary word -> bit set of its chunks
        for chunk, (first, end) in enumerate(pairwise(self._chunk_starts)):
            bit = 1 << chunk
            for word in set(self._haystack[offsets[first] : offsets[end]].split()):
                chunk_sets[word] = chunk_sets.get(word, 0) | bit
        self._every_chunk = (1 << (len(self._chunk_starts) - 1)) - 1
        # The vocabulary as one string, searched like the haystack: "\n" before each word.
        self._vocabulary = b"\n" + b"\n".join(chunk_sets) + b"\n"
        self._vocabulary_starts = array(
            "q", accumulate((len(word) + 1 for word in chunk_sets), initial=1)
        )
        self._vocabulary_chunks = list(chunk_sets.values())
        # Every word of the texts, sorted: where typos look for the words they may mean.
        words = self._vocabulary.decode(errors="surrogatepass").split("\n")
        self._sorted_vocabulary = sorted(filter(None, words))

    def search(
        self, query: str, limit: int, budget: int = BUDGET, *, typos: bool = False
    ) -> list[tuple[float, int]]:
        """The best `limit` entries holding every word of the query: (score, position), best first.

        `budget` changes only how the answer is found (tests make it small to exercise every
        pass on a few entries), never what it is. With `typos`, a word found nowhere is read as
        the fragments it may be a typo of (the best hits of any reading win).
        """
        words = search_form(query).split()
        if not words or limit <= 0 or not self._positions:
            return []
        readings = [[word] for word in words]
        if typos:
            readings = [self._readings(word) for word in words]
            if math.prod(map(len, readings)) > MAX_READINGS:
                readings = [choices[:1] for choices in readings]  # the closest of each
        if all(len(choices) == 1 for choices in readings):
            return _Search(self, [choices[0] for choices in readings], limit).run(budget)
        best: dict[int, float] = {}
        for reading in product(*readings):
            for score, position in _Search(self, list(reading), limit).run(budget):
                best[position] = max(score, best.get(position, score))
        ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))[:limit]
        return [(score, position) for position, score in ranked]

    def _readings(self, word: str) -> list[str]:
        """The word itself when some word of the texts holds it, else its corrections (or
        itself, when it has none: it then finds nothing)."""
        if self._vocabulary.find(_utf8(word)) >= 0:
            return [word]
        return corrections(word, self._sorted_vocabulary) or [word]

    def chunks_of(self, word: bytes) -> tuple[int, int]:
        """Bit sets of the chunks where `word` can be inside a word, and at the start of one."""
        vocabulary = self._vocabulary
        if vocabulary.count(word) > _MAX_VOCABULARY_HITS:
            return self._every_chunk, self._every_chunk
        starts = self._vocabulary_starts
        inside = at_start = 0
        found = vocabulary.find(word)
        while found >= 0:
            number = bisect_right(starts, found) - 1
            inside |= self._vocabulary_chunks[number]
            if found == starts[number]:
                at_start |= self._vocabulary_chunks[number]
            found = vocabulary.find(word, found + 1)
        return inside, at_start

    def runs(self, chunks: int) -> Iterator[tuple[int, int]]:
        """(first entry, end entry) of each run of consecutive chunks in a bit set."""
        starts = self._chunk_starts
        chunk = 0
        while chunks:
            skip = (chunks & -chunks).bit_length() - 1  # the lowest chunk in the set
            chunks >>= skip
            chunk += skip
            length = (~chunks & (chunks + 1)).bit_length() - 1  # consecutive chunks from there
            yield starts[chunk], starts[chunk + length]
            chunks >>= length
            chunk += length

    def bounds(self, share: float) -> list[float]:
        """Per class, minus the best score any entry of this class or a later one can reach when
        `share` of the query words start a word: non-decreasing, for bisect."""
        cached = self._bounds_cache.get(share)
        if cached is not None:
            return cached
        bounds: list[float] = []
        best = float("-inf")
        for weight, shortness in zip(
            reversed(self._weights), reversed(self._shortness), strict=True
        ):
            best = max(best, (weight + share) + shortness)  # as a hit scores, to the last bit
            bounds.append(-best)
        bounds.reverse()
        bounds.append(float("inf"))  # past the last class: nothing can score
        if len(self._bounds_cache) < 64:  # shares are t/n for short queries: few of them
            self._bounds_cache[share] = bounds
        return bounds


class _Search:
    """One query's state: its words, where they can be, and a heap of the best hits so far."""

    def __init__(self, index: SearchIndex, words: list[str], limit: int) -> None:
        self.index = index
        self.count = len(words)  # with repeats: the score divides by it
        repeats = Counter(_utf8(word) for word in words)
        self.words = list(repeats)
        self.repeats = list(repeats.values())
        self.starts = [b" " + word for word in self.words]
        self.chunks = [index.chunks_of(word) for word in self.words]
        self.limit = limit
        # (score, -position, layout index): the smallest on top, and a later entry is smaller.
        self.heap: list[tuple[float, int, int]] = []
        self.seen: set[int] = set()
        self.finds = 0  # for the budget

    def run(self, budget: int) -> list[tuple[float, int]]:
        plain = self.patterns(())
        # First pass: every entry holding the words, in layout order, until none further on can
        # beat the last hit, or the budget runs out.
        frontier = self.visit(plain, 0, 1.0, budget)
        if frontier is not None:
            # Everything before the frontier is settled. Entries where the words start words
            # score highest: find them first, and the others can then score less.
            passes, share = self.word_start_passes()
            for pass_share, starting in passes:
                self.visit(self.patterns(starting), frontier, pass_share)
            self.visit(plain, frontier, share)
        best = sorted(self.heap, reverse=True)
        return [(score, -negated) for score, negated, _ in best]

    def word_start_passes(self) -> tuple[list[tuple[float, tuple[int, ...]]], float]:
        """The passes that find entries where some words start a word, most starts first:
        (share, words that must start a word); and the share of word starts at most of an entry
        that none of the passes finds."""
        every = range(len(self.words))
        if len(self.words) > _MAX_EXACT_WORDS:
            # 2**words passes would cost more than they save: entries where every word starts
            # a word, then all the others.
            return [(1.0, tuple(every))], (self.count - 1) / self.count
        # Every set of words, most starts first: an entry where a larger set of the words starts
        # words was met by an earlier pass, so each pass's share is exact. A pass for a word that
        # starts no word anywhere costs nothing.
        passes = [
            (sum(self.repeats[w] for w in chosen) / self.count, chosen)
            for size in every
            for chosen in combinations(every, size + 1)
        ]
        passes.sort(key=lambda item: -item[0])
        return passes, 0.0

    def patterns(self, starting: tuple[int, ...]) -> tuple[list[bytes], int]:
        """What to look for when the chosen words must start a word, and the chunks to look in;
        the longest patterns first, as they occur least often and make the leapfrog jump far."""
        patterns: list[bytes] = []
        chunks = self.index._every_chunk
        for number, word in enumerate(self.words):
            inside, at_start = self.chunks[number]
            if number in starting:
                patterns.append(self.starts[number])
                chunks &= at_start
            else:
                patterns.append(word)
                chunks &= inside
        patterns.sort(key=len, reverse=True)
        return patterns, chunks

    def stop_offset(self, bounds: list[float]) -> int:
        """Where in the haystack entries stop being able to enter the hits."""
        index = self.index
        if len(self.heap) < self.limit:
            return index._offsets[-1]
        # The first class whose best is below the last hit's score (equal could still win a tie).
        first_out = bisect_right(bounds, -self.heap[0][0])
        return index._offsets[index._class_starts[first_out]]

    def visit(
        self,
        search: tuple[list[bytes], int],
        entry: int,
        share: float,
        until: int | None = None,
    ) -> int | None:
        """Score every entry from `entry` on that holds all the patterns, in the chunks given,
        while one could still enter the hits scoring at most `share` of word starts. Returns None
        when done; or, once the search's finds reach `until` and the hits are `limit`, the next
        entry (those before it are settled)."""
        patterns, chunks = search
        index = self.index
        find = index._haystack.find
        offsets = index._offsets
        bounds = index.bounds(share)
        stop = self.stop_offset(bounds)
        seen = self.seen
        # The first pass, from the first entry, meets each entry once; the others may meet again.
        track = entry > 0
        count = len(patterns)
        finds = self.finds
        for first, end in index.runs(chunks):
            if end <= entry:
                continue
            entry = max(entry, first)
            limit = min(stop, offsets[end])
            # Leapfrog: each pattern in turn finds its next occurrence from the current entry,
            # until all of them agree on one entry.
            agreed = turn = 0
            while True:
                found = find(patterns[turn], offsets[entry], limit)
                if found < 0:
                    break
                turn = turn + 1 if turn + 1 < count else 0
                if found > offsets[entry + 1]:
                    entry = bisect_right(offsets, found, entry + 1) - 1
                    agreed = 1
                else:
                    agreed += 1
                if agreed == count:
                    if not track or entry not in seen:
                        if track:
                            seen.add(entry)
                        if self.score(entry):
                            stop = self.stop_offset(bounds)
                            limit = min(stop, offsets[end])
                    entry += 1
                    agreed = 0
                finds += 1
                if until is not None and finds >= until and len(self.heap) == self.limit:
                    self.finds = finds
                    return entry
            if stop <= offsets[end]:
                break  # the rest cannot enter the hits
        self.finds = finds
        return None

    def score(self, entry: int) -> bool:
        """Score one entry that holds every word; True when the hits changed."""
        index = self.index
        find = index._haystack.find
        start = index._offsets[entry] + 1
        end = index._offsets[entry + 1]
        starting = 0
        for pattern, times in zip(self.starts, self.repeats, strict=True):
            if find(pattern, start, end) >= 0:
                starting += times
        kind = index._class_of[entry]
        # The linear scan's formula, in its order of operations: equal scores must be equal floats.
        score = index._weights[kind] + starting / self.count + index._shortness[kind]
        item = (score, -index._positions[entry], entry)
        heap = self.heap
        if len(heap) < self.limit:
            heapq.heappush(heap, item)
            return True
        if item > heap[0]:
            heapq.heapreplace(heap, item)
            return True
        return False


def _utf8(text: str) -> bytes:
    return text.encode(errors="surrogatepass")  # a lone surrogate must not raise
