"""JSON Schemas (draft-07) of corpus and tree files, for editors with a YAML language server.

Generated from the same field table the builder reads (`explorer.reading.schema`), so the schema an
editor checks against and the rules `explorer check` applies cannot drift apart. The files kept in
`scenarios/schema/` are regenerated with `explorer schema --write scenarios/schema`, and a test
compares them with what this module produces.
"""

from __future__ import annotations

import json
from typing import Any, Final

from explorer.analysis.likelihood import HEDGE_WORDS
from explorer.reading import schema
from explorer.reading.schema import SLUG, FieldType, Record

DRAFT_07: Final = "http://json-schema.org/draft-07/schema#"
SLUG_PATTERN: Final = "^" + SLUG.pattern.removesuffix(r"\Z") + "$"
DATE_PATTERN: Final = r"^\d{4}(-\d{2}(-\d{2})?)?$"
SCHEMA_FILES: Final = {"corpus": "corpus.schema.json", "tree": "tree.schema.json"}

# Every scalar is read as text; an editor following YAML 1.2 may still see `2020` as a number or
# `true` as a boolean, so text fields accept those too rather than flag what the loader accepts.
_TEXT: Final[dict[str, Any]] = {"type": ["string", "number", "boolean"]}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/definitions/{name}"}


def _field_schema(field: schema.Field) -> dict[str, Any]:
    kind = field.type
    if kind is FieldType.TEXT:
        result: dict[str, Any] = dict(_TEXT)
    elif kind is FieldType.SLUG:
        result = {"type": "string", "pattern": SLUG_PATTERN}
    elif kind is FieldType.DATE:
        result = {"type": "string", "pattern": DATE_PATTERN}
    elif kind is FieldType.ENUM:
        choices = list(field.choices)
        if field.name == "likelihood":
            choices = list(HEDGE_WORDS)
        result = {"type": "string", "enum": choices}
    elif kind is FieldType.FILE:
        result = {"type": "string", "pattern": r"^[^/\\]+$"}
    elif kind is FieldType.SLUGS:
        result = {"type": "array", "items": {"type": "string", "pattern": SLUG_PATTERN}}
    elif kind is FieldType.FILES:
        result = {"type": "array", "items": {"type": "string", "pattern": r"^[^/\\]+$"}}
    elif kind is FieldType.FLAG:
        # YAML's `true` is a boolean to a language server; the explorer reads it as the text
        # "true", so a quoted 'true' is accepted too.
        result = {"enum": [True, False, "true", "false"]}
    elif kind is FieldType.NODE:
        result = _ref("node")
    else:
        item = {
            FieldType.NODES: "node",
            FieldType.CITATIONS: "citation",
            FieldType.PEOPLE: "person",
            FieldType.SOURCES: "source",
            FieldType.EVIDENCE: "evidence",
            FieldType.REFERENCES: "reference",
            FieldType.OUTCOME: "outcome",
        }[kind]
        result = _ref(item) if kind is FieldType.OUTCOME else {"type": "array", "items": _ref(item)}
    if not field.required and kind not in (FieldType.NODE, FieldType.OUTCOME):
        # An optional field may be left empty (`~`, `null` or nothing): "not given".
        result = {"anyOf": [result, {"type": "null"}]}
    result["description"] = field.description
    return result


def _record_schema(record: Record) -> dict[str, Any]:
    return {
        "type": "object",
        "description": f"a {record.name}",
        "properties": {field.name: _field_schema(field) for field in record.fields},
        "required": [field.name for field in record.fields if field.required],
        "additionalProperties": False,
    }


def _definitions() -> dict[str, Any]:
    return {
        record.name: _record_schema(record)
        for record in (
            schema.NODE,
            schema.CITATION,
            schema.PERSON,
            schema.SOURCE,
            schema.REFERENCE,
            schema.OUTCOME,
            schema.EVIDENCE,
        )
    }


def corpus_schema() -> dict[str, Any]:
    return {
        "$schema": DRAFT_07,
        "title": "Scenario Explorer corpus file (corpus.yaml)",
        **_record_schema(schema.CORPUS),
        "definitions": _definitions(),
    }


def tree_schema() -> dict[str, Any]:
    return {
        "$schema": DRAFT_07,
        "title": "Scenario Explorer tree file: one node, the tree's root",
        **_ref("node"),
        "definitions": _definitions(),
    }


def render(kind: str) -> str:
    data = corpus_schema() if kind == "corpus" else tree_schema()
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
