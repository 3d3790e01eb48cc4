"""Passages of a seed as spans of its text: sentences, and the moves that select a passage from
the keyboard (by sentence, and a word at either end). A span is (start, end), end exclusive,
never starting or ending on white space."""

from __future__ import annotations

import re

Span = tuple[int, int]

# A sentence ends at . ! ? or … (and a closing mark) before white space, but not after an
# initial such as the S of "U.S."; and at every line break.
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])[.!?…]+[\"'”’»)\]]*(?=\s)|\n")
# Nor after a title before a name ("Maj. Gen. Qasem Soleimani", "Dr. Marvin Weinbaum"), or a
# month or "No." before a number ("Dec. 31, 2019"): news copy abbreviates them so.
_TITLE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Cmdr|Sgt|Cpl|Adm|Gov|Sen|Rep|Rev)\.$"
)
_BEFORE_A_NUMBER = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|Nos|Vol|pp?)\.$"
)
_NUMBER_NEXT = re.compile(r"\s+\d")
_WORD = re.compile(r"\S+")
_SPACE = re.compile(r"\s+")


def sentence_spans(text: str) -> list[Span]:
    """The sentences of a text, in order."""
    spans: list[Span] = []
    start = 0
    for end in [m.end() for m in _SENTENCE_END.finditer(text) if _ends(text, m)] + [len(text)]:
        span = trimmed(text, start, end)
        if span is not None:
            spans.append(span)
        start = end
    return spans


def _ends(text: str, stop: re.Match[str]) -> bool:
    """Whether a stop the pattern found ends a sentence, rather than an abbreviation."""
    if stop.group() != ".":
        return True
    before = text[max(0, stop.start() - 6) : stop.end()]
    if _TITLE.search(before):
        return False
    return not (_BEFORE_A_NUMBER.search(before) and _NUMBER_NEXT.match(text, stop.end()))


def trimmed(text: str, start: int, end: int) -> Span | None:
    """The span without the white space at its ends; None when nothing else is left."""
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return None
    left = start + len(piece) - len(piece.lstrip())
    return left, left + len(stripped)


def next_sentence(sentences: list[Span], after: int) -> Span | None:
    """The first sentence that ends after `after`."""
    return next((s for s in sentences if s[1] > after), None)


def previous_sentence(sentences: list[Span], before: int) -> Span | None:
    """The last sentence that starts before `before`."""
    return next((s for s in reversed(sentences) if s[0] < before), None)


def extend_by_sentence(sentences: list[Span], span: Span) -> Span:
    """The span running on to the end of the next sentence."""
    following = next((s for s in sentences if s[1] > span[1]), None)
    return span if following is None else (span[0], following[1])


def shrink_by_sentence(sentences: list[Span], span: Span) -> Span:
    """The span without its last sentence (it keeps at least its first)."""
    ends = [s[1] for s in sentences if span[0] < s[1] < span[1]]
    return (span[0], ends[-1]) if ends else span


def move_end_by_word(text: str, span: Span, step: int) -> Span:
    """The span with one word more (`step` 1) or one fewer (-1) at its end."""
    start, end = span
    if step > 0:
        word = _WORD.search(text, end)
        return span if word is None else (start, word.end())
    gaps = list(_SPACE.finditer(text, start, end))
    return span if not gaps else (start, gaps[-1].start())


def move_start_by_word(text: str, span: Span, step: int) -> Span:
    """The span with one word more (`step` -1, the start moves back) or one fewer (1) at its
    start."""
    start, end = span
    if step > 0:
        gap = _SPACE.search(text, start, end)
        return span if gap is None else (gap.end(), end)
    words = list(_WORD.finditer(text, 0, start))
    return span if not words else (words[-1].start(), end)
