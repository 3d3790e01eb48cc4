"""Properties over generated corpora and arbitrary input (example counts: conftest.py profiles)."""

from __future__ import annotations

import copy
import json
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import attrs
from hypothesis import assume, given
from hypothesis import strategies as st

from explorer.analysis.quotes import SeedText, fold, quote_parts
from explorer.checks.diagnostics import RULES
from explorer.model import Corpus
from explorer.outputs.export import corpus_to_dict
from explorer.reading.load import load_corpus
from tests.strategies import corpora, dump, seed_texts, write_corpus

MINI = Path(__file__).parent / "fixtures" / "mini"
NOT_COMPARED = {"location", "quote_location", "folder", "seeds_folder", "tree_files"}


@contextmanager
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def comparable(corpus: Corpus) -> dict[str, Any]:
    """The model without where it was read from."""
    return attrs.asdict(corpus, filter=lambda attribute, _: attribute.name not in NOT_COMPARED)


def nth_line(text: str, key: str, value: str, n: int = 1) -> int:
    """1-based line of the n-th `key: value` line (after indentation and a list dash)."""
    needle = dump({key: value}).strip()  # as the writer quoted it: id: '2020'
    seen = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().removeprefix("- ") == needle:
            seen += 1
            if seen == n:
                return number
    raise AssertionError(f"{needle!r} found {seen} times, wanted {n}")


# -- generated corpora -----------------------------------------------------------------------


# What the export works out for readers rather than reads from the file.
_DERIVED_CITATION_KEYS = frozenset({"argued_by", "reported_by", "likelihood_band"})


def _yaml_from_export(exported: dict[str, Any], generated: dict[str, Any]) -> dict[str, Any]:
    """Rebuild corpus files from the JSON export alone (plus the seed texts)."""
    nodes = {n["id"]: dict(n) for n in exported["nodes"]}
    children: dict[str | None, list[dict[str, Any]]] = {}
    for node in exported["nodes"]:
        children.setdefault(node["parent"], []).append(nodes[node["id"]])

    def as_yaml(node: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": node["id"],
            "kind": node["kind"],
            "title": node["title"],
            "claim": node["claim"],
            "tags": node["tags"],
            "citations": [
                {
                    k: ("true" if v is True else v)
                    for k, v in c.items()
                    if k not in _DERIVED_CITATION_KEYS and v not in (None, False)
                }
                for c in node["citations"]
            ],
        }
        if node["horizon"]:
            out["horizon"] = node["horizon"]
        if node["see_also"]:
            out["see_also"] = node["see_also"]
        kids = [as_yaml(child) for child in children.get(node["id"], [])]
        if kids:
            out["children"] = kids
        return out

    (trigger,) = children[None]
    roots = [as_yaml(root) for root in children.get(trigger["id"], [])]
    trigger_yaml = as_yaml(trigger)
    trigger_yaml.pop("children", None)
    tree_names = [f"t{i}.yaml" for i in range(len(roots))]
    corpus = {
        "id": exported["corpus"]["id"],
        "title": exported["corpus"]["title"],
        "summary": exported["corpus"]["summary"],
        "seeds": "seeds",
        "trees": tree_names,
        "trigger": trigger_yaml,
        "people": exported["people"],
        "sources": [
            {
                **{k: v for k, v in s.items() if v is not None},
                "seed": s["seed"].rsplit("/", 1)[-1],
            }
            for s in exported["sources"]
        ],
    }
    return {
        "corpus": corpus,
        "trees": dict(zip(tree_names, roots, strict=True)),
        "seeds": generated["seeds"],
    }


# One generated corpus serves three properties: generating is most of the cost of an example.
@given(corpora())
def test_generated_corpus_is_clean_reads_back_and_survives_export(
    generated: dict[str, Any],
) -> None:
    with folder() as root:
        first = load_corpus(write_corpus(root / "a", generated))
        # Valid by construction, so validation finds nothing.
        assert [d.format() for d in first.diagnostics] == []
        assert first.corpus is not None
        # Text reads back as written: 'no', '1.10', '~' stay text.
        exported = json.loads(json.dumps(corpus_to_dict(first.corpus)))
        titles = {node["id"]: node["title"] for node in exported["nodes"]}
        trigger = generated["corpus"]["trigger"]
        assert titles[trigger["id"]] == trigger["title"]
        assert [p["name"] for p in exported["people"]] == [
            p["name"] for p in generated["corpus"]["people"]
        ]
        # Export, then rebuild the files from the export alone: the same model.
        second = load_corpus(write_corpus(root / "b", _yaml_from_export(exported, generated)))
    assert second.diagnostics == ()
    assert second.corpus is not None
    assert comparable(second.corpus) == comparable(first.corpus)


# -- injected faults: exactly that code, at the injected line ---------------------------------


def _trees_with(generated: dict[str, Any], predicate: Any) -> list[tuple[str, dict[str, Any]]]:
    found = []
    for name, root in generated["trees"].items():
        stack = [root]
        while stack:
            node = stack.pop()
            if predicate(node):
                found.append((name, node))
            stack.extend(node.get("children", []))
    return found


Expectation = tuple[str, str, str | None, Any]  # tree file, code, text override, line finder


def _duplicate_id(generated: dict[str, Any], data: st.DataObject) -> Expectation:
    candidates = _trees_with(generated, lambda n: bool(n.get("children")))
    assume(candidates)
    tree, parent = data.draw(st.sampled_from(candidates))
    parent["children"][-1]["id"] = parent["id"]
    return tree, "E007", None, lambda text: nth_line(text, "id", parent["id"], 2)


def _unknown_source(generated: dict[str, Any], data: st.DataObject) -> Expectation:
    tree = data.draw(st.sampled_from(sorted(generated["trees"])))
    generated["trees"][tree]["citations"][0]["source"] = "zz-unknown-source"
    return tree, "E008", None, lambda text: nth_line(text, "source", "zz-unknown-source")


def _unknown_person(generated: dict[str, Any], data: st.DataObject) -> Expectation:
    tree = data.draw(st.sampled_from(sorted(generated["trees"])))
    root = generated["trees"][tree]
    root["citations"][0] = {"speaker": "zz-nobody", **root["citations"][0]}
    return tree, "E009", None, lambda text: nth_line(text, "speaker", "zz-nobody")


def _quote_not_in_seed(generated: dict[str, Any], data: st.DataObject) -> Expectation:
    tree = data.draw(st.sampled_from(sorted(generated["trees"])))
    citation = generated["trees"][tree]["citations"][0]
    citation["quote"] = "zzqq words no seed holds"
    citation.pop("likelihood", None)
    return tree, "E011", None, lambda text: nth_line(text, "quote", "zzqq words no seed holds")


def _question_with_one_alternative(generated: dict[str, Any], data: st.DataObject) -> Expectation:
    candidates = _trees_with(generated, lambda n: n["kind"] == "question")
    assume(candidates)
    tree, question = data.draw(st.sampled_from(candidates))
    question["children"] = question["children"][:1]
    return tree, "E015", None, lambda text: nth_line(text, "id", question["id"])


def _duplicate_key(generated: dict[str, Any], data: st.DataObject) -> Expectation:
    tree = data.draw(st.sampled_from(sorted(generated["trees"])))
    lines = dump(generated["trees"][tree]).splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines, 1) if line.startswith("title: "))  # root's key
    lines.insert(at, "title: again\n")
    return tree, "E006", "".join(lines), lambda _: at + 1


FAULTS = [
    _duplicate_id,
    _unknown_source,
    _unknown_person,
    _quote_not_in_seed,
    _question_with_one_alternative,
    _duplicate_key,
]


@given(corpora(), st.sampled_from(FAULTS), st.data())
def test_an_injected_fault_gives_exactly_its_code_at_its_line(
    generated: dict[str, Any], fault: Any, data: st.DataObject
) -> None:
    tree, code, override, line_of = fault(generated, data)
    with folder() as root:
        corpus_folder = write_corpus(root / "c", generated)
        path = corpus_folder / tree
        if override is not None:
            path.write_text(override, encoding="utf-8")
        text = path.read_text(encoding="utf-8")
        result = load_corpus(corpus_folder)
    found = [(d.code, d.file.endswith(tree), d.line) for d in result.diagnostics]
    assert found == [(code, True, line_of(text))]


# -- arbitrary input never escapes as an exception --------------------------------------------

YAML_TOKENS = [
    "- ",
    ": ",
    "? ",
    "{",
    "}",
    "[",
    "]",
    ",",
    "&a ",
    "*a",
    "!!str ",
    "!x ",
    "<<: ",
    "|",
    ">",
    "'",
    '"',
    "#",
    "---\n",
    "...\n",
    "\n",
    "  ",
    "\t",
    "id",
    "kind: question",
    "title",
    "no",
    "citations:",
    "children:",
    "\\x00",
    "\ufeff",
    "\u00a0",
    "%YAML 1.1\n",
    "~",
    "1e9999",
    "0x",
]


@contextmanager
def mini_copy() -> Iterator[Path]:
    with folder() as root:
        target = root / "mini"
        shutil.copytree(MINI, target)
        yield target


def _only_our_diagnostics(tree_file_content: bytes) -> None:
    with mini_copy() as corpus_folder:
        (corpus_folder / "crews.yaml").write_bytes(tree_file_content)
        result = load_corpus(corpus_folder)
    assert result.corpus is not None
    for diagnostic in result.diagnostics:
        assert diagnostic.code in RULES
        assert diagnostic.message


@given(st.binary(max_size=400))
def test_arbitrary_bytes_give_only_our_diagnostics(content: bytes) -> None:
    _only_our_diagnostics(content)


@given(st.text(max_size=300))
def test_arbitrary_text_gives_only_our_diagnostics(content: str) -> None:
    _only_our_diagnostics(content.encode("utf-8", errors="surrogatepass"))


@given(st.lists(st.sampled_from(YAML_TOKENS), max_size=60))
def test_yaml_token_soup_gives_only_our_diagnostics(tokens: list[str]) -> None:
    _only_our_diagnostics("".join(tokens).encode("utf-8"))


@given(corpora(max_nodes=4), st.data())  # the corpus file is what gets mangled
def test_mangled_corpus_file_gives_only_our_diagnostics(
    generated: dict[str, Any], data: st.DataObject
) -> None:
    text = dump(generated["corpus"])
    cut = data.draw(st.integers(0, len(text)))
    insert = data.draw(st.sampled_from(YAML_TOKENS))
    mangled = copy.deepcopy(generated)
    with folder() as root:
        corpus_folder = write_corpus(root / "c", mangled)
        (corpus_folder / "corpus.yaml").write_text(text[:cut] + insert + text[cut:], "utf-8")
        result = load_corpus(corpus_folder)
    assert all(d.code in RULES for d in result.diagnostics)


# -- quotes ----------------------------------------------------------------------------------


@given(seed_texts(), st.data())
def test_any_slice_of_a_seed_is_found_where_it_is(
    seed: tuple[str, str], data: st.DataObject
) -> None:
    plain, original = seed
    words = plain.split()
    start = data.draw(st.integers(0, len(words) - 1))
    end = data.draw(st.integers(start + 1, len(words)))
    quote = " ".join(words[start:end])
    match = SeedText("s.txt", original).find(quote)
    assert match is not None
    # The span, read in the seed's own characters, folds back to the quote.
    assert fold(original[match.start : match.end]) == fold(quote)


@given(seed_texts(), st.text(min_size=1, max_size=20))
def test_a_found_quote_is_really_there(seed: tuple[str, str], quote: str) -> None:
    _, original = seed
    match = SeedText("s.txt", original).find(quote)
    if match is not None:
        for (start, end), part in zip(match.spans, quote_parts(quote), strict=True):
            assert fold(original[start:end]) == part


def test_elided_quote_needs_its_parts_in_order() -> None:
    seed = SeedText("s.txt", "One two three. Four five six.")
    assert seed.find("One two ... five six") is not None
    assert seed.find("five six ... One two") is None
