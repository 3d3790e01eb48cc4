"""Finding what a reader types in an article, as `/` does in less: without regard to case or
accents, curly or straight quotes, or how the lines are broken.

Each character of the text is folded on its own (lower case, accents off, typographic quotes and
dashes to ASCII, a run of white space to one space), and the folded text keeps, for each of its
characters, the index of the character it came from: a match in the folded text is a span of the
original. A match covers whole characters: typing `s` does not find half of a `ß`; and it takes
in what folds to nothing after it (an accent written apart, the rest of a run of white space).
"""

from __future__ import annotations

import unicodedata
from functools import cache

import attrs

from explorer.analysis.passages import Span
from explorer.analysis.quotes import ONE_FOR_ONE


def _bare(text: str) -> str:
    """Compatibility forms decomposed, combining marks (accents) dropped."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@cache
def fold_character(character: str) -> str:
    """A character's search form: often one character, sometimes none (a lone accent) or more
    (`ß` → `ss`, `ﬁ` → `fi`). White space is a space."""
    if character.isspace():
        return " "
    # Twice: casefolding may bring back an accent (İ → i̇), decomposing an upper case (ℌ → H).
    return _bare(_bare(character.translate(ONE_FOR_ONE)).casefold()).casefold()


@attrs.frozen(slots=True)
class FoldedText:
    """The search form of a text, with the original index of each of its characters."""

    text: str
    origin: tuple[int, ...]
    length: int  # of the original text

    def find_all(self, query: str) -> list[Span]:
        """The spans of the original text that match the query, left to right, without
        overlapping (the leftmost first, as a reader goes through them); none for a query that
        folds to nothing."""
        wanted = fold(query)
        found: list[Span] = []
        if not wanted:
            return found
        text, origin = self.text, self.origin
        last = len(text) - 1
        at = text.find(wanted)
        while at >= 0:
            end = at + len(wanted) - 1  # the last folded character of the match
            whole = (at == 0 or origin[at - 1] != origin[at]) and (
                end == last or origin[end + 1] != origin[end]
            )
            if whole:
                found.append((origin[at], origin[end + 1] if end < last else self.length))
                at = text.find(wanted, end + 1)
            else:
                at = text.find(wanted, at + 1)
        return found


def folded(text: str) -> FoldedText:
    pieces: list[str] = []
    origin: list[int] = []
    after_space = False
    for index, character in enumerate(text):
        piece = fold_character(character)
        if piece == " ":
            if after_space and character.isspace():
                continue  # a run of white space is one space
            after_space = character.isspace()
        elif piece:
            after_space = False
        pieces.append(piece)
        origin.extend([index] * len(piece))
    return FoldedText("".join(pieces), tuple(origin), len(text))


def fold(text: str) -> str:
    """The search form of a text (what `folded` compares)."""
    return folded(text).text
