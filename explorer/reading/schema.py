"""The fields of each record in the scenario files, in one table.

The builder reads records by this table (unknown and missing fields are reported from it), and the
README's format section and any editor schema describe the same fields, so they cannot drift apart.
"""

from __future__ import annotations

import enum
import re
from typing import Final

import attrs

from explorer.analysis.likelihood import HEDGE_WORDS
from explorer.model import Horizon, NodeKind, OutcomeStatus, SourceKind, Stance

# An id or a tag: lower-case letters and digits, single hyphens between.
SLUG: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")


class FieldType(enum.Enum):
    TEXT = "text"
    SLUG = "slug"
    DATE = "date"
    ENUM = "enum"
    SLUGS = "list of slugs"
    FILES = "list of file names"
    FILE = "file name"
    NODE = "node"
    NODES = "list of nodes"
    CITATIONS = "list of citations"
    PEOPLE = "list of people"
    SOURCES = "list of sources"
    OUTCOME = "outcome"
    EVIDENCE = "list of evidence"
    REFERENCES = "list of references"
    FLAG = "true or false"


@attrs.frozen(slots=True)
class Field:
    name: str
    type: FieldType
    required: bool
    description: str
    choices: tuple[str, ...] = ()


@attrs.frozen(slots=True)
class Record:
    name: str
    fields: tuple[Field, ...]
    # Looked up for every key of every record read: computed once, not per lookup.
    names: frozenset[str] = attrs.field(init=False)
    by_name: dict[str, Field] = attrs.field(init=False, eq=False)

    @names.default
    def _names(self) -> frozenset[str]:
        return frozenset(field.name for field in self.fields)

    @by_name.default
    def _by_name(self) -> dict[str, Field]:
        return {field.name: field for field in self.fields}

    def field(self, name: str) -> Field:
        return self.by_name[name]


def _choices(values: type[enum.Enum]) -> tuple[str, ...]:
    return tuple(str(member.value) for member in values)


T = FieldType

PERSON: Final = Record(
    "person",
    (
        Field("id", T.SLUG, True, "unique id of the person"),
        Field("name", T.TEXT, True, "full name"),
        Field("role", T.TEXT, True, "one line: who they are"),
    ),
)

SOURCE: Final = Record(
    "source",
    (
        Field("id", T.SLUG, True, "unique id of the source"),
        Field("title", T.TEXT, True, "the document's title"),
        Field("outlet", T.TEXT, True, "where it was published"),
        Field("published", T.DATE, True, "YYYY, YYYY-MM or YYYY-MM-DD"),
        Field("published_note", T.TEXT, False, "how the date was established, when partial"),
        Field("url", T.TEXT, False, "canonical address, when established"),
        Field("authors", T.SLUGS, False, "person ids; empty when no author is established"),
        Field("seed", T.FILE, True, "file name of the text inside the seeds folder"),
        Field("kind", T.ENUM, True, "what sort of document", _choices(SourceKind)),
    ),
)

CITATION: Final = Record(
    "citation",
    (
        Field("source", T.SLUG, True, "id of the cited source"),
        Field("quote", T.TEXT, True, "verbatim words from the seed; '...' elides"),
        Field("stance", T.ENUM, True, "how the quote bears on the node", _choices(Stance)),
        Field(
            "speaker",
            T.SLUG,
            False,
            "person id, when the quote is that person's own words, inside quotation marks",
        ),
        Field(
            "reports",
            T.SLUG,
            False,
            "person id, when the author's words report that person's position",
        ),
        Field(
            "likelihood",
            T.ENUM,
            False,
            "the author's hedge word, as it stands in the quote, qualifying the node's event",
            tuple(HEDGE_WORDS),
        ),
        Field(
            "hedge_checked",
            T.FLAG,
            False,
            "true when a person has read the sentence: the hedge word qualifies the node's event",
        ),
    ),
)

REFERENCE: Final = Record(
    "reference",
    (
        Field("id", T.SLUG, True, "unique id of the reference"),
        Field("title", T.TEXT, True, "the document's title or headline"),
        Field("publisher", T.TEXT, True, "who published it"),
        Field("date", T.DATE, True, "when it was published: YYYY, YYYY-MM or YYYY-MM-DD"),
        Field("url", T.TEXT, True, "public address"),
    ),
)

EVIDENCE: Final = Record(
    "evidence",
    (
        Field("source", T.SLUG, False, "a seed source that reports the event, with 'quote'"),
        Field("quote", T.TEXT, False, "verbatim words from that seed"),
        Field("reference", T.SLUG, False, "a reference id, with 'summary'"),
        Field("summary", T.TEXT, False, "one line in our words; not verified against a text"),
    ),
)

OUTCOME: Final = Record(
    "outcome",
    (
        Field("status", T.ENUM, True, "what became of the node", _choices(OutcomeStatus)),
        Field("date", T.DATE, False, "when it happened or was settled"),
        Field("as_of", T.DATE, True, "when the facts were checked"),
        Field("note", T.TEXT, True, "a short note in our words"),
        Field("evidence", T.EVIDENCE, False, "seed quotes or reference summaries"),
    ),
)

NODE: Final = Record(
    "node",
    (
        Field("id", T.SLUG, True, "unique id of the node"),
        Field(
            "kind", T.ENUM, True, "question: alternatives; event: consequences", _choices(NodeKind)
        ),
        Field("title", T.TEXT, True, "short title"),
        Field("claim", T.TEXT, True, "one or two sentences in the corpus editor's words"),
        Field("tags", T.SLUGS, False, "topic tags"),
        Field("horizon", T.ENUM, False, "when it would happen", _choices(Horizon)),
        Field("citations", T.CITATIONS, False, "why the node is in the tree"),
        Field("children", T.NODES, False, "alternatives (question) or consequences (event)"),
        Field("see_also", T.SLUGS, False, "ids of related nodes"),
        Field("outcome", T.OUTCOME, False, "what became of it, with dated evidence"),
    ),
)

CORPUS: Final = Record(
    "corpus",
    (
        Field("id", T.SLUG, True, "unique id of the corpus"),
        Field("title", T.TEXT, True, "title of the corpus"),
        Field("summary", T.TEXT, False, "a few sentences on what the corpus covers"),
        Field("seeds", T.TEXT, True, "folder of the seed texts, relative to corpus.yaml"),
        Field("trees", T.FILES, True, "tree files beside corpus.yaml, in display order"),
        Field("trigger", T.NODE, True, "the event every tree starts from (no children)"),
        Field("people", T.PEOPLE, False, "everyone who argues"),
        Field("sources", T.SOURCES, True, "the cited documents"),
        Field("references", T.REFERENCES, False, "public documents cited for outcomes"),
    ),
)

RECORDS: Final = (CORPUS, PERSON, SOURCE, REFERENCE, NODE, CITATION, OUTCOME, EVIDENCE)
