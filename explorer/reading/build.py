"""From located YAML trees to the model, field by field, reporting every problem with its place.

Building is best-effort: a record with a bad field still yields a record (with the field empty), so
one mistake gives one diagnostic, not a cascade, and the explorer can still show the rest.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Callable
from typing import TypeVar

from explorer.checks.diagnostics import Diagnostic, did_you_mean
from explorer.model import (
    Citation,
    Evidence,
    Horizon,
    Location,
    Node,
    NodeKind,
    Outcome,
    OutcomeStatus,
    PartialDate,
    Person,
    QuoteEvidence,
    Reference,
    ReferenceEvidence,
    Source,
    SourceKind,
    Stance,
)
from explorer.reading import schema
from explorer.reading.located import Interned, Mapping, Scalar, Sequence, Value, kind_name
from explorer.reading.schema import SLUG

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\Z")
_FILE_NAME = re.compile(r"[^/\\]+\Z")

E = TypeVar("E")


class FileBuilder:
    """Builds records from one file's located tree, collecting diagnostics."""

    def __init__(self, display: str, interned: Interned | None = None) -> None:
        self.display = display
        self.diagnostics: list[Diagnostic] = []
        self.interned = interned if interned is not None else Interned()

    # -- reporting ---------------------------------------------------------------------------

    def report(self, code: str, message: str, at: Value | Location) -> None:
        self.diagnostics.append(Diagnostic(code, message, self.display, at.line, at.column))

    def location(self, value: Value) -> Location:
        return Location(self.display, value.line, value.column)

    # -- records -----------------------------------------------------------------------------

    def fields(self, value: Value, record: schema.Record) -> dict[str, Scalar | Value] | None:
        """The record's fields by name, after reporting unknown and missing ones."""
        if not isinstance(value, Mapping):
            self.report("E003", f"a {record.name} must be a mapping, not {kind_name(value)}", value)
            return None
        found: dict[str, Value] = {}
        misspelt: set[str] = set()
        for key, item in value.items:
            if key.value not in record.names:
                hint = did_you_mean(key.value, list(record.by_name))
                self.report("E005", f"unknown field '{key.value}' in a {record.name}{hint}", key)
                misspelt.update(difflib.get_close_matches(key.value, list(record.by_name), 1, 0.6))
                continue
            found[key.value] = item
        for field in record.fields:
            # A misspelt field is reported once, as unknown, not again as missing.
            if field.required and field.name not in found and field.name not in misspelt:
                self.report(
                    "E004", f"the {record.name} has no '{field.name}' ({field.description})", value
                )
        return found

    # -- scalars -----------------------------------------------------------------------------

    def text(self, fields: dict[str, Value], name: str, required: bool = True) -> str | None:
        value = fields.get(name)
        if value is None:
            return None
        if not isinstance(value, Scalar):
            self.report("E003", f"'{name}' must be text, not {kind_name(value)}", value)
            return None
        if not required and value.is_null:
            return None
        text = value.value.strip()
        if not text:
            if required:
                self.report("E004", f"'{name}' is empty", value)
            return None
        return text

    def slug(
        self, fields: dict[str, Value], name: str, required: bool = True, *, keep: bool = False
    ) -> str | None:
        """A slug field; `keep` returns a malformed one anyway (a record's own id), so that the
        record stays in place and one bad id gives one diagnostic."""
        text = self.text(fields, name, required)
        if text is not None and not SLUG.match(text):
            self.report(
                "E021",
                f"'{name}' must be a slug (lower-case letters, digits and single hyphens), "
                f"not '{text}'",
                fields[name],
            )
            return text if keep else None
        return text

    def choice(
        self,
        fields: dict[str, Value],
        name: str,
        convert: Callable[[str], E],
        choices: tuple[str, ...],
        required: bool = True,
    ) -> E | None:
        text = self.text(fields, name, required)
        if text is None:
            return None
        if text not in choices:
            hint = did_you_mean(text, choices)
            self.report(
                "E017",
                f"'{name}' must be one of {', '.join(choices)}; not '{text}'{hint}",
                fields[name],
            )
            return None
        return convert(text)

    def flag(self, fields: dict[str, Value], name: str) -> bool:
        """`true` or `false`, as written (YAML 1.1's yes/no/on/off are not read as flags)."""
        text = self.text(fields, name, required=False)
        if text is None or text == "false":
            return False
        if text != "true":
            self.report("E017", f"'{name}' must be true or false, not '{text}'", fields[name])
            return False
        return True

    def date(self, fields: dict[str, Value], name: str) -> PartialDate | None:
        text = self.text(fields, name)
        if text is None:
            return None
        match = _DATE.match(text)
        problem = "write it as YYYY, YYYY-MM or YYYY-MM-DD"
        if match:
            year, month, day = (int(part) if part else None for part in match.groups())
            assert year is not None
            try:
                datetime.date(year, month or 1, day or 1)
            except ValueError as error:
                problem = str(error)
            else:
                return PartialDate(year, month, day)
        self.report("E016", f"'{name}' is not a valid date ('{text}'): {problem}", fields[name])
        return None

    # -- lists -------------------------------------------------------------------------------

    def items(self, fields: dict[str, Value], name: str) -> tuple[Value, ...]:
        value = fields.get(name)
        if value is None or (isinstance(value, Scalar) and value.is_null):
            return ()
        if not isinstance(value, Sequence):
            self.report("E003", f"'{name}' must be a list, not {kind_name(value)}", value)
            return ()
        return value.items

    def slugs(self, fields: dict[str, Value], name: str) -> tuple[str, ...]:
        result = []
        for item in self.items(fields, name):
            if not isinstance(item, Scalar):
                self.report("E003", f"each entry of '{name}' must be text", item)
            elif not SLUG.match(item.value):
                self.report(
                    "E021",
                    f"'{item.value}' in '{name}' is not a slug (lower-case, digits, -)",
                    item,
                )
            else:
                result.append(self.interned.text(item.value))
        return self.interned.slugs(tuple(result))

    def file_names(self, fields: dict[str, Value], name: str) -> list[tuple[str, Scalar]]:
        result = []
        for item in self.items(fields, name):
            if not isinstance(item, Scalar) or not item.value.strip():
                self.report("E003", f"each entry of '{name}' must be a file name", item)
            elif not _FILE_NAME.match(item.value) or item.value in (".", ".."):
                self.report(
                    "E013",
                    f"'{item.value}' must be a file name beside corpus.yaml, without folders",
                    item,
                )
            else:
                result.append((item.value, item))
        return result

    # -- records of the model ----------------------------------------------------------------

    def person(self, value: Value) -> Person | None:
        fields = self.fields(value, schema.PERSON)
        if fields is None:
            return None
        person_id = self.slug(fields, "id", keep=True)
        if person_id is None:
            return None
        return Person(
            person_id,
            self.text(fields, "name") or person_id,
            self.text(fields, "role") or "",
            self.location(value),
        )

    def source(self, value: Value) -> Source | None:
        fields = self.fields(value, schema.SOURCE)
        if fields is None:
            return None
        source_id = self.slug(fields, "id", keep=True)
        if source_id is None:
            return None
        seed = self.text(fields, "seed") or ""
        if seed and (not _FILE_NAME.match(seed) or seed in (".", "..")):
            self.report(
                "E013",
                f"'seed' must be a file name inside the seeds folder, without folders: '{seed}'",
                fields["seed"],
            )
            seed = ""
        kind = self.choice(fields, "kind", SourceKind, schema.SOURCE.field("kind").choices)
        return Source(
            id=source_id,
            title=self.text(fields, "title") or "",
            outlet=self.text(fields, "outlet") or "",
            published=self.date(fields, "published"),
            published_note=self.text(fields, "published_note", required=False),
            url=self.text(fields, "url", required=False),
            authors=self.slugs(fields, "authors"),
            seed=seed,
            kind=kind,
            location=self.location(value),
        )

    def citation(self, value: Value) -> Citation | None:
        fields = self.fields(value, schema.CITATION)
        if fields is None:
            return None
        source = self.slug(fields, "source")
        quote = self.text(fields, "quote")
        stance = self.choice(fields, "stance", Stance, schema.CITATION.field("stance").choices)
        likelihood = self.text(fields, "likelihood", required=False)
        if likelihood is not None:
            words = schema.CITATION.field("likelihood").choices
            if " ".join(likelihood.lower().split()) not in words:
                hint = did_you_mean(likelihood.lower(), words)
                self.report(
                    "E018",
                    f"'{likelihood}' is not a known hedge word{hint} "
                    "(the README lists them with their likelihood bands)",
                    fields["likelihood"],
                )
                likelihood = None
        if source is None or quote is None or stance is None:
            return None
        speaker = self.slug(fields, "speaker", required=False)
        reports = self.slug(fields, "reports", required=False)
        if speaker is not None and reports is not None:
            self.report(
                "E025",
                f"a citation names both a speaker ('{speaker}': their own words, quoted) and "
                f"reports ('{reports}': the author's words reporting a position); keep the one "
                "that fits the quote",
                fields["reports"],
            )
            reports = None
        interned = self.interned
        return Citation(
            source=interned.text(source),
            quote=quote,
            stance=stance,
            speaker=None if speaker is None else interned.text(speaker),
            likelihood=None if likelihood is None else interned.text(likelihood),
            location=self.location(value),
            quote_location=self.location(fields["quote"]),
            reports=None if reports is None else interned.text(reports),
            hedge_checked=self.flag(fields, "hedge_checked"),
        )

    def reference(self, value: Value) -> Reference | None:
        fields = self.fields(value, schema.REFERENCE)
        if fields is None:
            return None
        reference_id = self.slug(fields, "id", keep=True)
        if reference_id is None:
            return None
        return Reference(
            id=reference_id,
            title=self.text(fields, "title") or "",
            publisher=self.text(fields, "publisher") or "",
            date=self.date(fields, "date"),
            url=self.text(fields, "url") or "",
            location=self.location(value),
        )

    def evidence(self, value: Value) -> Evidence | None:
        fields = self.fields(value, schema.EVIDENCE)
        if fields is None:
            return None
        source = self.slug(fields, "source", required=False)
        quote = self.text(fields, "quote", required=False)
        reference = self.slug(fields, "reference", required=False)
        summary = self.text(fields, "summary", required=False)
        seed_side = source is not None and quote is not None
        reference_side = reference is not None and summary is not None
        if seed_side == reference_side or ((source or quote) and (reference or summary)):
            self.report(
                "E023",
                "evidence takes either 'source' with 'quote' (a seed that reports the event) or "
                "'reference' with 'summary' (a public document), not both and not neither",
                value,
            )
            return None
        if source is not None and quote is not None:
            return QuoteEvidence(source, quote, self.location(value))
        assert reference is not None and summary is not None  # the other side, checked above
        return ReferenceEvidence(reference, summary, self.location(value))

    def outcome(self, value: Value) -> Outcome | None:
        fields = self.fields(value, schema.OUTCOME)
        if fields is None:
            return None
        status = self.choice(
            fields, "status", OutcomeStatus, schema.OUTCOME.field("status").choices
        )
        as_of = self.date(fields, "as_of")
        date = self.date(fields, "date") if "date" in fields else None
        if status is None or as_of is None:
            return None
        return Outcome(
            status=status,
            date=date,
            as_of=as_of,
            note=self.text(fields, "note") or "",
            evidence=tuple(
                item
                for item in (self.evidence(v) for v in self.items(fields, "evidence"))
                if item is not None
            ),
            location=self.location(value),
        )

    def node(self, value: Value, *, allow_children: bool = True) -> Node | None:
        fields = self.fields(value, schema.NODE)
        if fields is None:
            return None
        node_id = self.slug(fields, "id", keep=True)
        kind = self.choice(fields, "kind", NodeKind, schema.NODE.field("kind").choices)
        if node_id is None:
            return None
        children_values = self.items(fields, "children")
        if children_values and not allow_children:
            self.report(
                "E005",
                "the trigger has no 'children' of its own: its children are the files in 'trees'",
                fields["children"],
            )
            children_values = ()
        children = tuple(
            child for child in (self.node(item) for item in children_values) if child is not None
        )
        citations = tuple(
            citation
            for citation in (self.citation(item) for item in self.items(fields, "citations"))
            if citation is not None
        )
        return Node(
            id=node_id,
            kind=kind,
            title=self.text(fields, "title") or node_id,
            claim=self.text(fields, "claim") or "",
            tags=self.slugs(fields, "tags"),
            horizon=self.choice(
                fields, "horizon", Horizon, schema.NODE.field("horizon").choices, required=False
            ),
            citations=citations,
            children=children,
            see_also=self.slugs(fields, "see_also"),
            location=self.location(value),
            outcome=self.outcome(fields["outcome"]) if "outcome" in fields else None,
        )
