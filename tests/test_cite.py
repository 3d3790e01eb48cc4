"""Citing a seed passage: the citation goes into the YAML text in place, loads back with the seed's
own words, passes the quote check, and leaves every other line of the file as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import attrs
import pytest
from hypothesis import assume, event, example, given
from hypothesis import strategies as st

from explorer.analysis.passages import (
    extend_by_sentence,
    move_end_by_word,
    move_start_by_word,
    sentence_spans,
    shrink_by_sentence,
)
from explorer.analysis.queries import CorpusIndex
from explorer.analysis.quotes import quote_parts
from explorer.editing.cite import (
    STANCES,
    Cite,
    CiteError,
    NewChild,
    Plan,
    hedge_words_in,
    plan_cite,
    stored_quote,
    write_plan,
)
from explorer.model import Citation
from explorer.reading.load import LoadResult, load_corpus

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"


def _bundled_copy(folder: Path) -> Path:
    """The bundled corpus and its seeds, copied so that the corpus finds its seeds beside it."""
    shutil.copytree(ROOT / "scenarios", folder / "scenarios")
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    return folder / "scenarios" / "soleimani"


def _load(folder: Path) -> LoadResult:
    result = load_corpus(folder)
    assert result.corpus is not None
    return result


def _inserted_only(plan: Plan, before: bytes, after: bytes) -> None:
    """The new file is the old one with the plan's lines added at its line, nothing else."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    added = plan.text.encode("utf-8").splitlines(keepends=True)
    at = plan.line - 1
    assert new[:at] == old[:at]
    assert new[at : at + len(added)] == added
    assert new[at + len(added) :] == old[at:]


def _cited(result: LoadResult, node_id: str) -> Citation:
    assert result.index is not None
    return result.index.nodes[node_id].citations[-1]


# -- the round trip on real seeds ------------------------------------------------------------

BUNDLED = _load(ROOT / "scenarios" / "soleimani")
SEEDS = sorted(BUNDLED.seeds)
NODES = sorted(CorpusIndex(BUNDLED.corpus).nodes) if BUNDLED.corpus else []
# Characters a passage must survive: curly quotes and apostrophes, no-break spaces, line breaks.
TRICKY = "“”‘’\u00a0\n"


@st.composite
def passages(draw: st.DrawFn) -> tuple[str, int, int]:
    """(seed name, start, end): anywhere in a real seed, or around one of its tricky characters."""
    name = draw(st.sampled_from(SEEDS))
    text = BUNDLED.seeds[name].text
    anchors = [i for i, char in enumerate(text) if char in TRICKY]
    around_one: bool = draw(st.booleans())
    if anchors and around_one:
        anchor = draw(st.sampled_from(anchors))
        start = max(0, anchor - draw(st.integers(0, 120)))
        end = min(len(text), anchor + 1 + draw(st.integers(0, 120)))
    else:
        start = draw(st.integers(0, len(text) - 1))
        end = min(len(text), start + draw(st.integers(1, 400)))
    return name, start, end


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _bundled_copy(tmp_path_factory.mktemp("cite"))


# A lone curly apostrophe: the seed has a straight one earlier, which the quote check matches
# first; the stored quote must still be the character selected.
@example(
    passage=("002_34de04a453ad2eea.txt", 2181, 2182),
    node_id="anti-war-movement",
    stance="predicts",
    new_child=False,
    hedge=False,
)
@given(
    passage=passages(),
    node_id=st.sampled_from(NODES),
    stance=st.sampled_from(STANCES),
    new_child=st.booleans(),
    hedge=st.booleans(),
)
def test_a_cited_passage_loads_back_verified_and_changes_no_other_line(
    bundled: Path, passage: tuple[str, int, int], node_id: str, stance: str, new_child: bool,
    hedge: bool,
) -> None:  # fmt: skip
    name, start, end = passage
    result = _load(bundled)
    assert result.corpus is not None
    selected = result.seeds[name].text[start:end]
    assume(quote_parts(selected))
    for char in TRICKY:
        if char in selected:
            event(f"the passage holds {char!r}")
    source = next(s.id for s in result.corpus.sources if s.seed == name)
    words = hedge_words_in(stored_quote(selected))
    likelihood = words[0] if hedge and words else None
    child = NewChild("A cited branch", "What the passage says.") if new_child else None
    if new_child and node_id == result.corpus.trigger.id:
        child = None
    cite = Cite(node_id, source, selected, stance, likelihood, child=child)
    plan = plan_cite(result.corpus, result.seeds, cite)
    before = plan.path.read_bytes()
    try:
        write_plan(plan)
        after = plan.path.read_bytes()
        reloaded = _load(bundled)
    finally:
        plan.path.write_bytes(before)
    _inserted_only(plan, before, after)
    assert plan.quote == stored_quote(selected)
    citation = _cited(reloaded, plan.node_id)
    assert (citation.source, citation.quote, citation.stance.value) == (source, plan.quote, stance)
    assert citation.likelihood == likelihood
    assert reloaded.seeds[name].contains(citation.quote)
    assert reloaded.errors == ()
    if child is not None:
        assert reloaded.index is not None
        assert reloaded.index.parent[plan.node_id] == node_id


# -- where the lines go ----------------------------------------------------------------------


def _mini(tmp_path: Path) -> Path:
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    return folder


def _cite_and_write(folder: Path, cite: Cite) -> tuple[Plan, bytes, bytes]:
    result = _load(folder)
    assert result.corpus is not None
    plan = plan_cite(result.corpus, result.seeds, cite)
    before = plan.path.read_bytes()
    write_plan(plan)
    return plan, before, plan.path.read_bytes()


def test_a_node_without_citations_gets_them_before_its_children_and_comments_stay(
    tmp_path: Path,
) -> None:
    folder = _mini(tmp_path)
    crews = folder / "crews.yaml"
    text = crews.read_text(encoding="utf-8")
    bare = text.replace(
        "citations:\n  - source: gazette\n    quote: Fishing crews will almost certainly move "
        "north within a year\n    stance: explains\n",
        "\n# the two ways it can go\n",
    )
    assert bare != text
    crews.write_text(bare, encoding="utf-8")
    plan, before, after = _cite_and_write(
        folder, Cite("crews", "ledger", "The crews are  unlikely to leave", "doubts", "unlikely")
    )
    _inserted_only(plan, before, after)
    assert plan.text == (
        'citations:\n  - source: ledger\n    quote: "The crews are unlikely to leave"\n'
        "    stance: doubts\n    likelihood: unlikely\n"
    )
    assert after.decode().index("citations:") < after.decode().index("# the two ways")
    reloaded = _load(folder)
    assert _cited(reloaded, "crews").quote == "The crews are unlikely to leave"


def test_a_citation_is_appended_after_the_last_one_and_before_a_comment_of_the_next_key(
    tmp_path: Path,
) -> None:
    folder = _mini(tmp_path)
    crews = folder / "crews.yaml"
    crews.write_text(
        crews.read_text(encoding="utf-8").replace(
            "        likelihood: unlikely\n    children:",
            "        likelihood: unlikely\n\n    # what follows\n    children:",
        ),
        encoding="utf-8",
    )
    plan, before, after = _cite_and_write(
        folder, Cite("crews-move", "gazette", "the boatyards could follow", "predicts", "could")
    )
    _inserted_only(plan, before, after)
    lines = after.decode().splitlines()
    at = plan.line - 1
    assert lines[at - 1] == "        likelihood: unlikely"
    assert lines[at] == "      - source: gazette"
    assert lines[at + 4 : at + 6] == ["", "    # what follows"]


def test_windows_line_endings_are_kept(tmp_path: Path) -> None:
    folder = _mini(tmp_path)
    crews = folder / "crews.yaml"
    crews.write_bytes(crews.read_bytes().replace(b"\n", b"\r\n"))
    plan, before, after = _cite_and_write(
        folder, Cite("crews-stay", "ledger", "The crews are unlikely to leave", "doubts")
    )
    _inserted_only(plan, before, after)
    assert after.count(b"\n") == after.count(b"\r\n")


def test_a_speaker_only_for_words_inside_quotation_marks(tmp_path: Path) -> None:
    folder = _mini(tmp_path)
    result = _load(folder)
    assert result.corpus is not None
    inside = Cite("crews-stay", "ledger", "stay and fight", "predicts", speaker="mara-quay")
    assert "speaker: mara-quay" in plan_cite(result.corpus, result.seeds, inside).text
    outside = attrs.evolve(inside, quote="The crews are unlikely to leave")
    with pytest.raises(CiteError, match=r"inside quotation marks.*'reports: mara-quay'"):
        plan_cite(result.corpus, result.seeds, outside)
    reported = attrs.evolve(outside, speaker=None, reports="mara-quay")
    assert "reports: mara-quay" in plan_cite(result.corpus, result.seeds, reported).text


@pytest.mark.parametrize(
    ("cite", "message"),
    [
        (Cite("crews-mov", "gazette", "x", "predicts"), "no node 'crews-mov'.*'crews-move'"),
        (Cite("crews", "gazete", "x", "predicts"), "no source 'gazete'.*'gazette'"),
        (Cite("crews", "gazette", "x", "predict"), "'predict' is not a stance.*'predicts'"),
        (Cite("crews", "ledger", "x", "doubts", speaker="mara"), "no person 'mara'.*'mara-quay'"),
        (
            Cite("crews", "ledger", "The crews are unlikly to leave", "doubts"),
            "not in the seed 'ledger.txt'; the closest passage .* reads: \"The crews are unlikely",
        ),
        (
            Cite("crews", "ledger", "The crews are unlikely to leave", "doubts", "likely"),
            "'likely' does not occur in the quote \\(the hedge words in it: unlikely\\)",
        ),
        (Cite("crews", "ledger", "unlikely", "doubts", "unlikly"), "not a known hedge word"),
        (
            Cite("harbour-closed", "ledger", "unlikely", "doubts", child=NewChild("t", "c")),
            "the trigger's children are the tree files",
        ),
    ],
)
def test_wrong_names_and_quotes_are_sentences(tmp_path: Path, cite: Cite, message: str) -> None:
    result = _load(MINI)
    assert result.corpus is not None
    with pytest.raises(CiteError, match=message):
        plan_cite(result.corpus, result.seeds, cite)


def test_the_write_is_refused_when_the_file_changed_since_it_was_read(tmp_path: Path) -> None:
    folder = _mini(tmp_path)
    result = _load(folder)
    assert result.corpus is not None
    plan = plan_cite(
        result.corpus, result.seeds, Cite("crews", "ledger", "unlikely to leave", "doubts")
    )
    changed = plan.path.read_text(encoding="utf-8") + "# a note added meanwhile\n"
    plan.path.write_text(changed, encoding="utf-8")
    with pytest.raises(CiteError, match="changed since it was read"):
        write_plan(plan)
    assert plan.path.read_text(encoding="utf-8") == changed


def test_the_write_keeps_the_mode_and_a_symlinks_target(tmp_path: Path) -> None:
    folder = _mini(tmp_path)
    real = folder / "crews.real"  # a link must stay inside the corpus folder
    shutil.move(folder / "crews.yaml", real)
    (folder / "crews.yaml").symlink_to(real)
    real.chmod(0o640)
    _, before, after = _cite_and_write(
        folder, Cite("crews", "ledger", "unlikely to leave", "doubts")
    )
    assert (folder / "crews.yaml").is_symlink()
    assert real.read_bytes() == after != before
    assert real.stat().st_mode & 0o777 == 0o640


def test_a_list_written_on_one_line_is_not_rewritten(tmp_path: Path) -> None:
    folder = _mini(tmp_path)
    crews = folder / "crews.yaml"
    crews.write_text(
        crews.read_text(encoding="utf-8").replace(
            "    see_also: [crews-move]\n    citations:\n      - source: ledger\n"
            "        quote: We will stay and fight the decision\n        stance: predicts\n"
            "        speaker: mara-quay\n        likelihood: will\n",
            "    citations: [{source: ledger, quote: We will stay and fight the decision, "
            "stance: predicts}]\n",
        ),
        encoding="utf-8",
    )
    result = _load(folder)
    assert result.corpus is not None
    with pytest.raises(CiteError, match=r"crews.yaml:\d+:\d+: 'citations' is not a list of one"):
        plan_cite(result.corpus, result.seeds, Cite("crews-stay", "ledger", "unlikely", "doubts"))


def test_sentences_end_at_stops_and_line_breaks_but_not_after_initials() -> None:
    text = "The U.S. strike came. “Will it end?” he asked.\nA new line\n\n  Last one"
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "The U.S. strike came.",
        "“Will it end?”",
        "he asked.",
        "A new line",
        "Last one",
    ]


def test_hedge_words_are_offered_in_the_order_they_appear() -> None:
    quote = "It will almost certainly fail, though it could hold"
    assert hedge_words_in(quote) == ["will", "almost certainly", "certainly", "could"]


def test_a_passage_grows_and_shrinks_by_sentence_and_by_word_at_either_end() -> None:
    text = "One two three. Four five.\nSix seven."
    sentences = sentence_spans(text)
    first = sentences[0]
    assert text[slice(*first)] == "One two three."
    two = extend_by_sentence(sentences, first)
    assert text[slice(*two)] == "One two three. Four five."
    assert text[slice(*extend_by_sentence(sentences, two))] == text
    assert shrink_by_sentence(sentences, two) == first
    assert shrink_by_sentence(sentences, first) == first
    assert text[slice(*move_end_by_word(text, two, 1))] == "One two three. Four five.\nSix"
    assert text[slice(*move_end_by_word(text, two, -1))] == "One two three. Four"
    later = move_start_by_word(text, two, 1)
    assert text[slice(*later)] == "two three. Four five."
    assert move_start_by_word(text, later, -1) == two
    assert move_start_by_word(text, first, -1) == first


def test_a_second_new_child_from_a_corpus_read_before_the_first_gets_its_own_id(
    tmp_path: Path,
) -> None:
    """The source view cites from the corpus as last loaded, which may not know the child it
    added a moment ago: the id is made unique against the file as it is now too."""
    folder = _mini(tmp_path)
    stale = _load(folder)
    assert stale.corpus is not None
    cite = Cite("crews-move", "ledger", "unlikely to leave", "doubts", child=NewChild("Stay", "c"))
    first = plan_cite(stale.corpus, stale.seeds, cite)
    write_plan(first)
    second = plan_cite(stale.corpus, stale.seeds, cite)
    write_plan(second)
    assert (first.node_id, second.node_id) == ("stay", "stay-2")
    reloaded = _load(folder)
    assert reloaded.errors == ()
    assert reloaded.index is not None
    assert [c.id for c in reloaded.index.nodes["crews-move"].children][-2:] == ["stay", "stay-2"]


def test_a_passage_with_a_terminal_escape_is_refused_and_markup_is_kept_as_text() -> None:
    hostile = ROOT / "tests" / "fixtures" / "hostile-all"
    result = _load(hostile)
    assert result.corpus is not None
    source = next(s.id for s in result.corpus.sources if s.seed == "ansi.txt")
    node = result.corpus.trigger.children[0].id
    escaped = Cite(node, source, "Entry 12: \x1b[31mred alert", "explains")
    with pytest.raises(CiteError, match=r"holds ESC \(U\+001B\), which a scenario file may not"):
        plan_cite(result.corpus, result.seeds, escaped)
    markup = plan_cite(result.corpus, result.seeds, attrs.evolve(escaped, quote="[bold]empty"))
    assert 'quote: "[bold]empty"\n' in markup.text
