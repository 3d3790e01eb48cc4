"""Citing a seed passage: a citation, or a new child node with one, inserted into the YAML text.

The quote is the seed's own text (each run of white space made one space, as the quote check
folds it), so it verifies by construction. Like the skeletons of `scaffold`, the citation is
inserted as lines of text: every other line of the file keeps its bytes, comments and blank
lines. Before anything is written, the new text is read back and must hold exactly the values of
the old one plus the citation; the write is atomic and refused if the file changed since it was
read (`write_plan`, the one function every cite goes through to reach the disk).
"""

from __future__ import annotations

import re
from collections.abc import Mapping as MappingABC
from pathlib import Path

import attrs

from explorer.analysis.likelihood import HEDGE_WORDS, band_for, hedge_in_quote
from explorer.analysis.queries import CorpusIndex
from explorer.analysis.quotes import ELISION, SeedText, fold, quote_parts
from explorer.checks.diagnostics import did_you_mean
from explorer.editing.atomic import FileChanged
from explorer.editing.scaffold import slugify, unique_id
from explorer.editing.yaml_lines import (
    Insertion,
    PlacementError,
    find_node,
    ids_in,
    item_text,
    plan_insertion,
)
from explorer.model import Corpus, Node, Stance
from explorer.paths import shown_path
from explorer.reading.bundled import ReadOnlyCorpus
from explorer.reading.located import DEFAULT_LIMITS
from explorer.reading.yaml_text import describe_char, forbidden_char
from explorer.reading.yamlread import read_bytes

STANCES: tuple[str, ...] = tuple(stance.value for stance in Stance)


class CiteError(Exception):
    """The citation cannot be made; the message says why, as a sentence."""


@attrs.frozen(slots=True)
class NewChild:
    """A node to add under the cited node, which gets the citation instead."""

    title: str
    claim: str
    kind: str = "event"


@attrs.frozen(slots=True)
class Cite:
    """What to cite, where, and how (names as the user gave them; `plan_cite` checks them)."""

    node_id: str
    source_id: str
    quote: str
    stance: str
    likelihood: str | None = None
    speaker: str | None = None
    reports: str | None = None
    child: NewChild | None = None


@attrs.frozen(slots=True)
class Plan:
    """A checked change to one file: `text` (the lines to add) goes in at `insertion.line`."""

    path: Path
    original: bytes  # the file as read: the write is refused unless it still holds these
    insertion: Insertion
    quote: str  # the quote as stored
    node_id: str  # the node that holds the new citation (the new child, when one is made)

    @property
    def text(self) -> str:
        return self.insertion.text

    @property
    def line(self) -> int:
        return self.insertion.line

    @property
    def shown(self) -> str:
        """The file as shown to the user (relative to the working folder when below it)."""
        return shown_path(str(self.path))

    def new_text(self) -> str:
        return self.insertion.new_text()


# -- passages --------------------------------------------------------------------------------


def stored_quote(passage: str) -> str:
    """A passage as its quote is stored: each run of white space (line breaks, no-break spaces,
    tabs) one space, the ends trimmed; every other character is the seed's own."""
    return " ".join(passage.split())


def hedge_words_in(quote: str) -> list[str]:
    """The hedge words that occur in a quote, in the order they appear (at one place, the
    longer phrase first: "almost certainly" before "certainly")."""
    folded = fold(quote).lower()
    found = [word for word in HEDGE_WORDS if hedge_in_quote(word, quote)]
    return sorted(found, key=lambda word: (_position(folded, word), -len(word)))


def _position(folded: str, word: str) -> int:
    match = re.search(r"\b" + r"\s+".join(map(re.escape, word.split())) + r"\b", folded)
    return match.start() if match else len(folded)


def speaker_allowed(seed: SeedText, quote: str) -> bool:
    """A `speaker` fits only words inside quotation marks in the seed (the check behind W107)."""
    match = seed.find(quote)
    return match is not None and seed.inside_quotation_marks(match)


def quote_from_seed(seed: SeedText, wanted: str) -> str:
    """The quote to store for a passage or a typed quote: the seed's own characters where the
    quote is found (a quote that elides words with ... is kept as typed); CiteError otherwise."""
    typed = stored_quote(wanted)
    if not quote_parts(typed):
        raise CiteError("the quote is empty: give the words to cite")
    match = seed.find(typed)
    if match is None:
        message = f"the quote is not in the seed '{seed.name}'"
        closest = seed.closest(typed)
        if closest is not None and closest.similarity >= 0.4:  # as the quote check (E011)
            message += (
                f"; the closest passage ({closest.similarity:.0%} alike, seed line "
                f'{closest.line}) reads: "{closest.text}"'
            )
        raise CiteError(message)
    # Typed on a plain keyboard, the quote takes the seed's own characters (where it is first
    # found); a passage cut from the seed, or elided, is kept as it is.
    own = ELISION.search(typed) or typed in stored_quote(seed.text)
    quote = typed if own else stored_quote(seed.text[match.start : match.end])
    bad = forbidden_char(quote)
    if bad is not None:
        raise CiteError(
            f"the passage holds {describe_char(bad.group())}, which a scenario file may not "
            "hold: choose words around it"
        )
    if len(quote) > DEFAULT_LIMITS.scalar_chars:
        raise CiteError(f"the quote is longer than {DEFAULT_LIMITS.scalar_chars:,} characters")
    return quote


# -- checking the request --------------------------------------------------------------------


def _known(kind: str, name: str, choices: MappingABC[str, object]) -> None:
    if name not in choices:
        raise CiteError(f"no {kind} '{name}' in the corpus{did_you_mean(name, choices)}")


def plan_cite(corpus: Corpus, seeds: MappingABC[str, SeedText], cite: Cite) -> Plan:
    """Check every name of `cite` against the corpus and the quote against its seed, and work
    out the lines to insert; nothing is written (see `write_plan`). Raises CiteError."""
    index = CorpusIndex(corpus)
    _known("node", cite.node_id, index.nodes)
    _known("source", cite.source_id, index.sources)
    if cite.stance not in STANCES:
        raise CiteError(
            f"'{cite.stance}' is not a stance ({', '.join(STANCES)})"
            f"{did_you_mean(cite.stance, STANCES)}"
        )
    if cite.speaker is not None and cite.reports is not None:
        raise CiteError("name the speaker or the person reported, not both")
    for person in (cite.speaker, cite.reports):
        if person is not None:
            _known("person", person, index.people)
    source = index.sources[cite.source_id]
    seed = seeds.get(source.seed)
    if seed is None:
        raise CiteError(f"the seed '{source.seed}' of source '{source.id}' could not be read")
    quote = quote_from_seed(seed, cite.quote)
    likelihood = _likelihood(cite.likelihood, quote)
    if cite.speaker is not None and not speaker_allowed(seed, quote):
        raise CiteError(
            f"the quote does not lie inside quotation marks in the seed '{seed.name}': these "
            f"are the author's words, so the citation takes 'reports: {cite.speaker}' rather "
            "than 'speaker' (W107)"
        )
    item: dict[str, str] = {"source": source.id, "quote": quote, "stance": cite.stance}
    for key, value in (("likelihood", likelihood), ("speaker", cite.speaker)):
        if value is not None:
            item[key] = value
    if cite.reports is not None:
        item["reports"] = cite.reports
    node = index.nodes[cite.node_id]
    if cite.child is None:
        return _plan(node, "citations", item, quote)
    if node is corpus.trigger:
        raise CiteError(
            "the trigger's children are the tree files: cite the new node in a new tree file"
        )
    child = _child(cite.child, slugify(cite.child.title), item)
    return _plan(node, "children", child, quote, taken=set(index.nodes))


def _likelihood(word: str | None, quote: str) -> str | None:
    if word is None or not word.strip():
        return None
    word = " ".join(word.split())
    if band_for(word) is None:
        raise CiteError(f"'{word}' is not a known hedge word{did_you_mean(word, HEDGE_WORDS)}")
    if not hedge_in_quote(word, quote):
        found = ", ".join(hedge_words_in(quote)) or "none"
        raise CiteError(
            f"the hedge word '{word}' does not occur in the quote (the hedge words in it: {found})"
        )
    return word


def _child(child: NewChild, node_id: str, citation: dict[str, str]) -> dict[str, object]:
    title, claim = " ".join(child.title.split()), " ".join(child.claim.split())
    if not title or not claim:
        raise CiteError("a new node needs a title and a claim")
    if child.kind not in ("event", "question"):
        raise CiteError(f"'{child.kind}' is not a kind of node (event or question)")
    return {
        "id": node_id,
        "kind": child.kind,
        "title": title,
        "claim": claim,
        "citations": [citation],
    }


# -- the text --------------------------------------------------------------------------------


def _plan(
    node: Node,
    key: str,
    item: MappingABC[str, object],
    quote: str,
    taken: set[str] | None = None,
) -> Plan:
    """`taken`: for a new node, the ids its own must differ from (besides those in the file as
    read now, which may hold nodes the corpus given to `plan_cite` does not know yet)."""
    path = Path(node.location.file)
    shown = shown_path(str(path))
    try:
        original = path.read_bytes()
        original.decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CiteError(f"{shown}: cannot be read ({error})") from None
    read = read_bytes(original, shown)
    if read.value is None:
        first = read.diagnostics[0] if read.diagnostics else None
        where = first.where if first is not None else shown
        raise CiteError(f"{where}: the file has errors; fix them first ('explorer check')")
    found = find_node(read.value, node.id)
    if found is None:
        raise CiteError(f"{shown}: node '{node.id}' is no longer in the file; reload and retry")
    holder = node.id
    if taken is not None:
        holder = unique_id(str(item["id"]), taken | ids_in(read.value))
        item = {**item, "id": holder}
    try:
        insertion = plan_insertion(path, original, read.value, found, key, item_text(item))
    except PlacementError as error:
        raise CiteError(str(error)) from None
    return Plan(path, original, insertion, quote, holder)


# -- the write -------------------------------------------------------------------------------


def write_plan(plan: Plan) -> Path:
    """Write the planned change: atomically, keeping the file's mode and a symlink's target, and
    only if the file still holds what was read; never into the read-only bundled corpus of an
    installation. Every cite reaches the disk through here."""
    try:
        return plan.insertion.write()
    except ReadOnlyCorpus as error:
        raise CiteError(str(error)) from None
    except FileChanged as error:
        raise CiteError(f"{error}: read it again and cite once more") from None
    except OSError as error:
        raise CiteError(f"{plan.shown}: cannot write ({error.strerror or error})") from None
