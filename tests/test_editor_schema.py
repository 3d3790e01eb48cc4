"""The editor schemas: generated from the field table, kept in the repo, and true to the files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from explorer.editing.editor_schema import SCHEMA_FILES, corpus_schema, render, tree_schema
from explorer.reading.bundled import bundled_scenarios
from explorer.reading.located import Mapping, Scalar, Value
from explorer.reading.yamlread import read_file

SCHEMA_FOLDER = bundled_scenarios() / "schema"
FIXTURES = Path(__file__).parent / "fixtures"
YAML_FILES = sorted(bundled_scenarios().glob("*/*.yaml")) + sorted(
    (FIXTURES / "mini").glob("*.yaml")
)


def plain(value: Value) -> Any:
    """What an editor's YAML server sees, near enough: text stays text, `~` is null."""
    if isinstance(value, Scalar):
        return None if value.is_null else value.value
    if isinstance(value, Mapping):
        return {key.value: plain(item) for key, item in value.items}
    return [plain(item) for item in value.items]


@pytest.mark.parametrize("kind", sorted(SCHEMA_FILES))
def test_schema_in_the_repo_is_the_generated_one(kind: str) -> None:
    kept = (SCHEMA_FOLDER / SCHEMA_FILES[kind]).read_text(encoding="utf-8")
    assert kept == render(kind), "run: explorer schema --write scenarios/schema"


@pytest.mark.parametrize("kind", sorted(SCHEMA_FILES))
def test_schema_is_valid_draft_07(kind: str) -> None:
    jsonschema.Draft7Validator.check_schema(json.loads(render(kind)))


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_yaml_file_validates_against_its_schema(path: Path) -> None:
    read = read_file(path, str(path))
    assert read.value is not None
    schema = corpus_schema() if path.name == "corpus.yaml" else tree_schema()
    errors = [e.message for e in jsonschema.Draft7Validator(schema).iter_errors(plain(read.value))]
    assert errors == []


@pytest.mark.parametrize("path", sorted(bundled_scenarios().glob("*/*.yaml")), ids=lambda p: p.name)
def test_bundled_files_point_at_their_schema(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    kind = "corpus" if path.name == "corpus.yaml" else "tree"
    assert first == f"# yaml-language-server: $schema=../schema/{SCHEMA_FILES[kind]}"


def test_the_schema_rejects_what_the_validator_rejects() -> None:
    validator = jsonschema.Draft7Validator(tree_schema())
    node = {"id": "x", "kind": "question", "title": "t", "claim": "c"}
    assert not list(validator.iter_errors(node))
    assert list(validator.iter_errors({**node, "kind": "maybe"}))
    assert list(validator.iter_errors({**node, "titel": "t"}))
    assert list(validator.iter_errors({**node, "id": "Not A Slug"}))
    citation = {"source": "s", "quote": "q", "stance": "predicts", "likelihood": "perchance"}
    assert list(validator.iter_errors({**node, "citations": [citation]}))
