"""The fast path for tree files: libyaml composes, and the model is built straight from its nodes.

The strict reader (`explorer.reading.yamlread`) walks the event stream in Python, one event object
per value, and `explorer.reading.build` then walks its located tree: that loop was most of a load.
Here the C composer builds the node graph and one walk builds the model from it, with no event
objects, no located tree and no PyYAML constructor.

The strict reader stays the only judge. This path answers only for a file it can prove clean:
the conservative screen `admitted` must let the text through, the composer must accept it, and the
walk must meet nothing the strict reader or the builder would remark on (a tag, a duplicate or
unknown key, a limit, a value of the wrong type...). At the first doubt it gives up (`None`) and the
caller reads the file the strict way, which finds the problem and words it, at its line. So every
refusal stays exactly what it was, and a clean file gives the same model either way
(`tests/test_fastread.py` checks both).
"""

from __future__ import annotations

import codecs
from typing import Final, NoReturn, cast

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from explorer.model import Citation, Horizon, Location, Node, NodeKind, Outcome, Stance
from explorer.reading import schema
from explorer.reading.build import FileBuilder
from explorer.reading.located import (
    DEFAULT_LIMITS,
    NULL_WORDS,
    Interned,
    Limits,
    Mapping,
    Scalar,
    Sequence,
    Value,
)
from explorer.reading.schema import SLUG
from explorer.reading.screen import UNTAGGED, compose
from explorer.reading.yaml_text import forbidden_char

# -- the walk ---------------------------------------------------------------------------------


class Doubt(Exception):
    """Something the strict path would remark on: give up and let it."""


def _doubt() -> NoReturn:
    raise Doubt


_NODE_FIELDS: Final = schema.NODE.names
_NODE_REQUIRED: Final = frozenset(f.name for f in schema.NODE.fields if f.required)
_CITATION_FIELDS: Final = schema.CITATION.names
_CITATION_REQUIRED: Final = frozenset(f.name for f in schema.CITATION.fields if f.required)
_KINDS: Final = {kind.value: kind for kind in NodeKind}
_STANCES: Final = {stance.value: stance for stance in Stance}
_HORIZONS: Final = {horizon.value: horizon for horizon in Horizon}
_HEDGES: Final = frozenset(schema.CITATION.field("likelihood").choices)
_SLUG_MATCH: Final = SLUG.match


class TreeWalk:
    """Builds the model from a composed tree file, or raises Doubt.

    Each method mirrors the `FileBuilder` method of the same name on input it would build without
    a word; the strict reader's checks on every value (tags, limits, characters) come first. This
    loop runs a few dozen times per node, so it is written for speed: identity tests for types and
    tags, and values counted per collection rather than per text."""

    def __init__(self, display: str, limits: Limits, interned: Interned) -> None:
        self.display = display
        self.depth = limits.depth
        self.max_chars = limits.scalar_chars
        self.interned = interned
        self.at = Location.maker(display)
        # As the strict reader counts: the root, then each key and each value, counted once by
        # the collection that holds it.
        self.values = 1

    def location(self, node: yaml.Node) -> Location:
        mark = node.start_mark
        return self.at(mark.line + 1, mark.column + 1)

    def scalar(self, node: yaml.Node) -> str:
        """A text as the strict reader would let it through, else doubt."""
        if type(node) is not ScalarNode or node.tag is not UNTAGGED:
            _doubt()
        value: str = node.value
        if len(value) > self.max_chars or forbidden_char(value):
            _doubt()
        if value == "-" and not node.style:  # a lone '-' in a flow collection (LONE_DASH)
            _doubt()
        return value

    def fields(
        self, node: yaml.Node, level: int, names: frozenset[str], required: frozenset[str]
    ) -> dict[str, yaml.Node]:
        """A record's fields: a mapping of known, distinct, text keys with every required one."""
        if type(node) is not MappingNode or node.tag is not UNTAGGED or level >= self.depth:
            _doubt()
        pairs = node.value
        self.values += 2 * len(pairs)
        found: dict[str, yaml.Node] = {}
        for key, value in pairs:
            if type(key) is not ScalarNode or key.tag is not UNTAGGED:
                _doubt()
            name = key.value
            # Unknown ('<<' too), a duplicate, or a key over a (tiny) limit on texts.
            if name not in names or name in found or len(name) > self.max_chars:
                _doubt()
            found[name] = value
        if not required <= found.keys():
            _doubt()
        return found

    def text(self, node: yaml.Node | None, required: bool = True) -> str | None:
        """`FileBuilder.text` of a field, when it would report nothing."""
        if node is None:
            return None
        value = self.scalar(node)  # a ScalarNode, or doubt
        if not required and not cast(ScalarNode, node).style and value in NULL_WORDS:
            return None
        text = value.strip()
        if not text:
            if required:
                _doubt()
            return None
        return text

    def slug(self, node: yaml.Node | None, required: bool = True) -> str | None:
        text = self.text(node, required)
        if text is not None and not _SLUG_MATCH(text):
            _doubt()
        return text

    def items(self, node: yaml.Node | None, level: int) -> list[yaml.Node]:
        """`FileBuilder.items`: a list's entries; nothing for a missing or null one."""
        if node is None:
            return []
        if type(node) is ScalarNode:
            value = self.scalar(node)
            if node.style or value not in NULL_WORDS:
                _doubt()  # text where a list belongs
            return []
        if type(node) is not SequenceNode or node.tag is not UNTAGGED or level >= self.depth:
            _doubt()
        items: list[yaml.Node] = node.value
        self.values += len(items)
        return items

    def slugs(self, node: yaml.Node | None, level: int) -> tuple[str, ...]:
        if node is None:
            return ()
        interned = self.interned.text
        result = []
        for item in self.items(node, level):
            value = self.scalar(item)
            if not _SLUG_MATCH(value):
                _doubt()
            result.append(interned(value))
        return self.interned.slugs(tuple(result))

    def node(self, value: yaml.Node, level: int) -> Node:
        fields = self.fields(value, level, _NODE_FIELDS, _NODE_REQUIRED)
        get = fields.get
        text = self.text
        node_id = self.slug(fields["id"])
        kind = _KINDS.get(text(fields["kind"]) or "")
        if node_id is None or kind is None:
            _doubt()
        title = text(fields["title"]) or node_id
        claim = text(fields["claim"]) or ""
        tags = self.slugs(get("tags"), level + 1)
        horizon = None
        horizon_value = get("horizon")
        if horizon_value is not None:
            horizon_text = text(horizon_value, required=False)
            if horizon_text is not None:
                horizon = _HORIZONS.get(horizon_text)
                if horizon is None:
                    _doubt()
        children = tuple(
            [self.node(item, level + 2) for item in self.items(get("children"), level + 1)]
        )
        citations = tuple(
            [self.citation(item, level + 2) for item in self.items(get("citations"), level + 1)]
        )
        see_also = self.slugs(get("see_also"), level + 1)
        outcome_value = get("outcome")
        mark = value.start_mark
        node = Node(
            node_id,
            kind,
            title,
            claim,
            tags,
            horizon,
            citations,
            children,
            see_also,
            self.at(mark.line + 1, mark.column + 1),
            None if outcome_value is None else self.outcome(outcome_value, level + 1),
        )
        # Let go of this node's part of the graph now rather than with the whole file.
        value.value.clear()
        return node

    def citation(self, value: yaml.Node, level: int) -> Citation:
        fields = self.fields(value, level, _CITATION_FIELDS, _CITATION_REQUIRED)
        get = fields.get
        text = self.text
        source = self.slug(fields["source"])
        quote_value = fields["quote"]
        quote = text(quote_value)
        stance = _STANCES.get(text(fields["stance"]) or "")
        likelihood = None
        likelihood_value = get("likelihood")
        if likelihood_value is not None:
            likelihood = text(likelihood_value, required=False)
            if likelihood is not None:
                if " ".join(likelihood.lower().split()) not in _HEDGES:
                    _doubt()
                likelihood = self.interned.text(likelihood)
        speaker = None
        speaker_value = get("speaker")
        if speaker_value is not None:
            speaker = self.slug(speaker_value, required=False)
            if speaker is not None:
                speaker = self.interned.text(speaker)
        reports = None
        reports_value = get("reports")
        if reports_value is not None:
            reports = self.slug(reports_value, required=False)
            if reports is not None:
                if speaker is not None:
                    _doubt()  # both: the strict road reports it
                reports = self.interned.text(reports)
        hedge_checked = False
        checked_value = get("hedge_checked")
        if checked_value is not None:
            flag = text(checked_value, required=False)
            if flag not in (None, "true", "false"):
                _doubt()
            hedge_checked = flag == "true"
        if source is None or quote is None or stance is None:
            _doubt()
        mark = value.start_mark
        quote_mark = quote_value.start_mark
        return Citation(
            self.interned.text(source),
            quote,
            stance,
            speaker,
            likelihood,
            self.at(mark.line + 1, mark.column + 1),
            self.at(quote_mark.line + 1, quote_mark.column + 1),
            reports,
            hedge_checked,
        )

    def outcome(self, value: yaml.Node, level: int) -> Outcome:
        """Outcomes are few: the located tree and `FileBuilder` read them, and must stay silent."""
        builder = FileBuilder(self.display, self.interned)
        outcome = builder.outcome(self.located(value, level))
        if outcome is None or builder.diagnostics:
            _doubt()
        return outcome

    def located(self, node: yaml.Node, level: int) -> Value:
        """The strict reader's located tree for a composed subtree, with its checks."""
        mark = node.start_mark
        if type(node) is ScalarNode:
            return Scalar(self.scalar(node), mark.line + 1, mark.column + 1, not node.style)
        if node.tag is not UNTAGGED or level >= self.depth:
            _doubt()
        if type(node) is SequenceNode:
            self.values += len(node.value)
            items = tuple(self.located(item, level + 1) for item in node.value)
            return Sequence(items, mark.line + 1, mark.column + 1)
        self.values += 2 * len(node.value)
        pairs = []
        seen = set()
        for key, item in node.value:
            located_key = self.located(key, level + 1)
            if (
                not isinstance(located_key, Scalar)
                or (located_key.plain and located_key.value == "<<")
                or located_key.value in seen
            ):
                _doubt()
            seen.add(located_key.value)
            pairs.append((located_key, self.located(item, level + 1)))
        return Mapping(tuple(pairs), mark.line + 1, mark.column + 1)


def read_tree(
    data: bytes,
    text: str,
    display: str,
    limits: Limits = DEFAULT_LIMITS,
    interned: Interned | None = None,
) -> Node | None:
    """A tree file's root node, when the file is provably clean; None means: read it strictly.

    `data` is the file's bytes and `text` the same decoded and screened (`yaml_text.bytes_text`)."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    root = compose(data, text)
    if root is None:
        return None
    walk = TreeWalk(display, limits, interned if interned is not None else Interned())
    try:
        node = walk.node(root, 0)
    except Doubt:
        return None
    except RecursionError:  # pragma: no cover - the screen bounds nesting well below the limit
        return None
    if walk.values > limits.values:
        return None
    return node
