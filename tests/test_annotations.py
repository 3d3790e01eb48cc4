"""`explorer export --format annotations`: the citations as W3C Web Annotations.

Checked against the W3C's own MUST assertions for annotations (github w3c/web-annotation-tests,
vendored under tests/w3c with their licence), and for every citation the selectors name the
seed's own characters: `seed[start:end] == exact`, with the seed's text around it.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from explorer.analysis.quotes import fold, quote_parts
from explorer.cli import main
from explorer.model import Corpus
from explorer.outputs.annotations import (
    CONTEXT,
    CONTEXT_WIDTH,
    read_seeds,
    source_address,
    to_collection,
)
from explorer.outputs.formats import FORMATS, render
from explorer.reading.bundled import bundled_scenarios
from explorer.reading.load import load_corpus
from tests.strategies import corpora, write_corpus

W3C = Path(__file__).parent / "w3c"
MINI = Path(__file__).parent / "fixtures" / "mini"
# RFC 3986/3987: a scheme, a colon, and no character an address cannot hold (jsonschema checks
# "uri" only with a package this project does not install, so the check is spelled out here).
ABSOLUTE_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`\x00-\x1f\x7f]*\Z")
Json = dict[str, Any]


def _loaded(path: Path) -> Corpus:
    result = load_corpus(path)
    assert result.corpus is not None
    return result.corpus


def items(collection: Json) -> list[Json]:
    page = collection.get("first")
    return [] if page is None else list(page["items"])


def targets(annotation: Json) -> list[Json]:
    target = annotation["target"]
    return target if isinstance(target, list) else [target]


def selectors(target: Json) -> tuple[Json, Json]:
    quote, position = target["selector"]
    assert (quote["type"], position["type"]) == ("TextQuoteSelector", "TextPositionSelector")
    return quote, position


# -- the W3C's MUST assertions ------------------------------------------------------------------


@cache
def must_validators() -> tuple[tuple[str, Draft4Validator], ...]:
    """One validator per assertion that annotationMusts.test lists, its $refs resolved to the
    definitions files by their names (as the assertions name them)."""
    registry: Registry[Any] = Registry()
    for path in sorted((W3C / "definitions").glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        registry = registry.with_resource(path.name, Resource.from_contents(schema, DRAFT4))
    checker = FormatChecker()
    checker.checks("uri")(
        lambda value: not isinstance(value, str) or bool(ABSOLUTE_URI.match(value))
    )
    listed = json.loads((W3C / "annotations" / "annotationMusts.test").read_text(encoding="utf-8"))
    validators = []
    for name in listed["assertions"]:
        schema = json.loads((W3C / name).read_text(encoding="utf-8"))
        assert schema["assertionType"] == "must" and schema["expectedResult"] == "valid"
        validators.append(
            (name, Draft4Validator(schema, registry=registry, format_checker=checker))
        )
    return tuple(validators)


def must_failures(annotation: Json) -> Iterator[str]:
    for name, validator in must_validators():
        for error in validator.iter_errors(annotation):
            yield f"{name}: {error.message}"


def test_every_vendored_must_assertion_is_used_and_the_licence_is_kept() -> None:
    used = {name for name, _validator in must_validators()}
    vendored = {str(path.relative_to(W3C)) for path in (W3C / "annotations").rglob("*.json")}
    assert used == vendored and len(used) == 54
    assert "testsuite-copyright" in (W3C / "license.md").read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_bundled_corpus_s_annotations_pass_every_w3c_must_assertion() -> None:
    collection = to_collection(_loaded(bundled_scenarios()))
    annotations = items(collection)
    assert len(annotations) == collection["total"] > 0
    failures = [f"{a['id']}: {f}" for a in annotations for f in must_failures(a)]
    assert failures == []


@pytest.mark.parametrize(
    ("spoil", "assertion"),
    [
        (lambda a: a.pop("@context"), "3.1-annotationContextValidated"),
        (lambda a: a.update(type="Note"), "3.1-annotationTypeValidated"),
        (lambda a: a.update(id="not an address"), "3.1-annotationIdValidated"),
        (lambda a: a.pop("target"), "3.1-targetKeyFound"),
        (lambda a: a.update(bodyValue="both"), "3.2.5-notBodyBodyValue"),
        (
            lambda a: selectors(targets(a)[0])[0].update(exact=["two", "values"]),
            "4.2-selectorValidIfPresent",
        ),
        (
            lambda a: selectors(targets(a)[0])[1].update(start="nine"),
            "4.2-selectorValidIfPresent",
        ),
    ],
)
def test_the_assertions_catch_a_spoiled_annotation(spoil: Any, assertion: str) -> None:
    """The check can fail: each assertion, its references resolved, rejects what it forbids."""
    (annotation, *_rest) = items(to_collection(_loaded(MINI)))
    assert list(must_failures(annotation)) == []
    spoil(annotation)
    failures = list(must_failures(annotation))
    assert any(assertion in failure for failure in failures), failures


# -- selectors over the seed's own characters --------------------------------------------------


def check_selectors(corpus: Corpus, collection: Json) -> None:
    """Every citation is annotated, and each target names its quote's part in the seed: exact is
    `seed[start:end]`, prefix and suffix the seed's characters around it."""
    seeds = read_seeds(corpus)
    citations = [(n, c) for n in corpus.nodes() for c in n.citations]
    annotations = items(collection)
    assert len(annotations) == len(citations) == collection["total"]
    sources = {s.id: s for s in corpus.sources}
    for annotation, (node, citation) in zip(annotations, citations, strict=True):
        assert annotation["@context"] == CONTEXT and annotation["type"] == "Annotation"
        tags = [b["value"] for b in annotation["body"] if b["purpose"] == "tagging"]
        assert tags[:2] == [f"node:{node.id}", f"stance:{citation.stance.value}"]
        text = seeds[sources[citation.source].seed].text
        parts = quote_parts(citation.quote)
        assert len(targets(annotation)) == len(parts)
        for target, part in zip(targets(annotation), parts, strict=True):
            quote, position = selectors(target)
            start, end = position["start"], position["end"]
            assert text[start:end] == quote["exact"]
            assert fold(quote["exact"]) == part  # the words quoted, in the seed's characters
            assert quote.get("prefix", "") == text[max(0, start - CONTEXT_WIDTH) : start]
            assert quote.get("suffix", "") == text[end : end + CONTEXT_WIDTH]


def test_every_bundled_citation_s_selectors_name_the_seed_s_own_characters() -> None:
    corpus = _loaded(bundled_scenarios())
    collection = to_collection(corpus)
    check_selectors(corpus, collection)
    # The bundled quotes are typed with straight quotes and single spaces; the seeds are not.
    exact = [selectors(t)[0]["exact"] for a in items(collection) for t in targets(a)]
    assert any("’" in text or "“" in text for text in exact)
    # A quote with elided words has one target per quoted part.
    assert any(isinstance(a["target"], list) for a in items(collection))


@pytest.mark.slow
# Each example loads and exports a generated corpus: 200 keep the suite within its time.
@settings(max_examples=200)
@given(corpora())
def test_generated_corpora_s_selectors_name_the_seed_s_own_characters(
    generated: dict[str, Any],
) -> None:
    # Generated seeds hold curly quotes, long dashes, no-break and doubled spaces where the
    # quotes have plain ones.
    with tempfile.TemporaryDirectory() as name:
        corpus = _loaded(write_corpus(Path(name) / "c", generated))
        check_selectors(corpus, to_collection(corpus))


# -- bodies, addresses, the collection ----------------------------------------------------------


def test_the_body_names_the_node_stance_band_and_who_is_credited() -> None:
    annotations = items(to_collection(_loaded(MINI)))
    described = {
        (b["value"].split("\n")[0]): [t["value"] for t in a["body"] if t["purpose"] == "tagging"]
        for a in annotations
        for b in a["body"]
        if b["purpose"] == "describing"
    }
    sentence = (
        "Crews move north (crews-move): predicts, “almost certainly”: almost certain (95–99 %). "
        "Credited to Ada Gale."
    )
    assert described[sentence] == [
        "node:crews-move",
        "stance:predicts",
        "band:almost certain",
        "person:ada-gale",
    ]


def test_the_target_is_the_source_s_web_address_else_a_name_for_its_seed(tmp_path: Path) -> None:
    # A url that is not http or https (someone else's corpus may hold `javascript:`) is never
    # an annotation's target: a name for the seed is, as for a source without a url.
    corpus_folder = tmp_path / "mini"
    shutil.copytree(MINI, corpus_folder)
    corpus_file = corpus_folder / "corpus.yaml"
    text = corpus_file.read_text(encoding="utf-8")
    text = text.replace(
        "    seed: harbour.txt\n", "    seed: harbour.txt\n    url: javascript:alert(3)\n"
    )
    text = text.replace(
        "    seed: ledger.txt\n", "    seed: ledger.txt\n    url: https://example.org/l\n"
    )
    corpus_file.write_text(text, encoding="utf-8")
    corpus = _loaded(corpus_folder)
    assert {s.id: s.url for s in corpus.sources} == {
        "gazette": "javascript:alert(3)",
        "ledger": "https://example.org/l",
    }
    collection = to_collection(corpus)
    addresses = {t["source"] for a in items(collection) for t in targets(a)}
    gazette_seed = source_address(corpus.sources[0], corpus.id)
    assert gazette_seed.startswith("urn:uuid:")
    assert addresses == {gazette_seed, "https://example.org/l"}
    assert "javascript" not in json.dumps(collection)


def test_ids_are_urns_that_stay_the_same_from_one_export_to_the_next() -> None:
    corpus = _loaded(MINI)
    first, again = to_collection(corpus), to_collection(corpus)
    ids = [a["id"] for a in items(first)]
    assert ids == [a["id"] for a in items(again)]
    assert len(set(ids)) == len(ids)
    assert all(i.startswith("urn:uuid:") for i in [first["id"], first["first"]["id"], *ids])
    assert first["type"] == "AnnotationCollection" and first["first"]["startIndex"] == 0


def test_export_format_annotations_prints_the_collection(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert "annotations" in FORMATS
    assert main(["export", str(MINI), "--format", "annotations"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads(render("annotations", _loaded(MINI)))
    assert printed["@context"] == CONTEXT and printed["total"] == len(items(printed)) > 0
