"""A byline split into people's names, without "By", dates, job titles or organisations.

The rules, for any page: a byline is split at commas, semicolons, "&", parentheses and the word
"and" (or "et", "und", "y", "e", "avec", "with"); "By" and its kin, dates, times and numbers go;
a job title ("Games Editor", "Staff Writer") goes with the word before it; a name keeps two to
five words and no word of an organisation ("Staff", "News", "Press" …). The same name twice
(in other capitals or punctuation) is kept once, in mixed case where the page has it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_SPLIT = re.compile(
    r"\s*(?:[,;&()|/]|\band\b|\bet\b|\bund\b|\by\b|\be\b|\bavec\b|\bwith\b)\s*", re.I
)
_BY = re.compile(
    r"^(?:by|par|von|por|door|di|da|written\ by|words\ by|story\ by)\b[:\s]*", re.I | re.X
)
_MONTHS = (
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july "
    "august september october november december updated published posted"
)
_DATE_WORDS = frozenset(_MONTHS.split())
_JOBS = (
    "editor editors reporter reporters correspondent correspondents writer writers columnist "
    "contributor contributors producer analyst director chief founder photographer critic "
    "journalist"
)
_JOB_WORDS = frozenset(_JOBS.split())
_ORGANISATIONS = (
    "staff news press agency agencies team desk editorial bureau media magazine times post "
    "online service services wire wires newsroom associated reuters afp ap"
)
_ORGANISATION_WORDS = frozenset(_ORGANISATIONS.split())
_WORD = re.compile(r"[^\W\d_][\w.'’-]*")


def _clean(part: str) -> str:
    part = _BY.sub("", part.strip())
    words = part.split()
    # Cut at the first date word, number or job title: what follows is not the name.
    for index, word in enumerate(words):
        bare = word.strip(".:,").lower()
        if bare in _DATE_WORDS or any(c.isdigit() for c in word):
            words = words[:index]
            break
        if bare in _JOB_WORDS:
            # The word before a job title is usually its qualifier ("Games Editor"), when a
            # name of two words stays.
            words = words[: index - 1] if index - 1 >= 2 else words[:index]
            break
    if not 2 <= len(words) <= 5 or not all(_WORD.fullmatch(w) for w in words):
        return ""
    if any(w.strip(".").lower() in _ORGANISATION_WORDS for w in words):
        return ""
    return " ".join(words)


def _key(name: str) -> str:
    return re.sub(r"\W+", " ", name.casefold()).strip()


def author_names(bylines: Iterable[str]) -> tuple[str, ...]:
    """The names in some bylines, in order, each once."""
    found: dict[str, str] = {}
    for byline in bylines:
        for part in _SPLIT.split(byline or ""):
            name = _clean(part)
            if not name:
                continue
            key = _key(name)
            earlier = found.get(key)
            if earlier is None or (earlier.isupper() and not name.isupper()):
                found[key] = name
    return tuple(found.values())
