"""The tree printed with Rich: `explorer show`, and `explorer` when its output is not a terminal.

Every text from the YAML goes into a `rich.text.Text` as a plain string, never through markup, so a
title such as `[bold]x[/italic]` prints as written. Colours appear only on a terminal that wants
them: piped output, `NO_COLOR` and `TERM=dumb` give plain text without a single escape code.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Mapping
from typing import TextIO

import attrs
from rich.console import Console, Group, RenderableType
from rich.text import Text
from rich.tree import Tree

from explorer.analysis.queries import OUTLET_PREFIX, CorpusIndex, Voice
from explorer.checks.diagnostics import did_you_mean
from explorer.model import Corpus, Node, NodeKind, Stance
from explorer.outputs.common import one_line, stances_by_voice

QUESTION_MARK = "?"
EVENT_MARK = "•"
# Piped output is never wrapped: a line per node, whatever its length, is what grep and diff want.
UNWRAPPED_WIDTH = 1_000_000

STANCE_STYLES: dict[Stance, str] = {
    Stance.PREDICTS: "bright_blue",
    Stance.WARNS: "yellow",
    Stance.RECOMMENDS: "green",
    Stance.EXPLAINS: "cyan",
    Stance.DOUBTS: "red",
}
KIND_STYLES: dict[NodeKind, str] = {NodeKind.QUESTION: "bold magenta", NodeKind.EVENT: "dim"}


class UnknownChoice(ValueError):
    """A --person, --tag or --node value that the corpus does not have: a usage error."""


@attrs.frozen(slots=True)
class ShowOptions:
    person: str | None = None  # a voice key, an outlet's source id, a full name or initials
    tag: str | None = None
    node: str | None = None  # show only the subtree under this node
    depth: int | None = None  # levels below the top node; 0 shows the top node alone


@attrs.frozen(slots=True)
class Selection:
    """What to print: the top node, the nodes kept under it, and the nodes that matched."""

    root: Node
    keep: frozenset[str] | None  # None: every node
    matched: frozenset[str] | None  # nodes that match every filter; the rest of `keep` is context
    depth: int | None
    notes: tuple[str, ...]  # one phrase per filter, for the header


def _choices_hint(word: str, choices: list[str], list_all: bool) -> str:
    """'; did you mean …?' by spelling, else by a choice that contains the word, else the list."""
    hint = did_you_mean(word, choices)
    if not hint and word:
        containing = [c for c in choices if word.casefold() in c.casefold()]
        if containing:
            hint = f"; did you mean '{containing[0]}'?"
    if not hint and list_all and choices:
        hint = f"; known: {', '.join(choices)}"
    return hint


def resolve_person(index: CorpusIndex, query: str) -> Voice:
    """A voice by key, by an outlet's source id, by its full name or by unambiguous initials."""
    if query in index.voices:
        return index.voices[query]
    if OUTLET_PREFIX + query in index.voices:
        return index.voices[OUTLET_PREFIX + query]
    folded = query.casefold()
    for voice in index.voices.values():
        if voice.name.casefold() == folded:
            return voice
    by_initials = [v for v in index.cited_voices() if v.short.casefold() == folded]
    if len(by_initials) == 1:
        return by_initials[0]
    keys = list(index.voices)
    raise UnknownChoice(
        f"no person '{query}' in the corpus{_choices_hint(query, keys, list_all=True)}"
    )


def node_named(index: CorpusIndex, node_id: str) -> Node:
    """The node with this id; raises UnknownChoice, with a 'did you mean', when there is none."""
    if node_id not in index.nodes:
        hint = _choices_hint(node_id, list(index.nodes), list_all=False)
        raise UnknownChoice(f"no node '{node_id}' in the corpus{hint}")
    return index.nodes[node_id]


def check_tag(index: CorpusIndex, tag: str) -> None:
    """Raises UnknownChoice, with a 'did you mean', for a tag no node of the corpus carries."""
    tags = sorted({t for n in index.ordered_nodes() for t in n.tags})
    if tag not in tags:
        raise UnknownChoice(
            f"no tag '{tag}' in the corpus{_choices_hint(tag, tags, list_all=True)}"
        )


def select(index: CorpusIndex, options: ShowOptions) -> Selection:
    """Apply the filters; raises UnknownChoice for a person, tag or node the corpus lacks."""
    notes: list[str] = []
    root = index.corpus.trigger
    if options.node is not None:
        root = node_named(index, options.node)
        notes.append(f"under {options.node}")

    matched: set[str] | None = None
    voice: Voice | None = None
    if options.person is not None:
        voice = resolve_person(index, options.person)
        matched = {n.id for n in index.nodes_argued_by(voice.key)}
        notes.append(f"paths argued by {voice.name}")
    if options.tag is not None:
        check_tag(index, options.tag)
        tagged = {n.id for n in index.ordered_nodes() if options.tag in n.tags}
        matched = tagged if matched is None else matched & tagged
        notes.append(f"tag {options.tag}")
    if options.depth is not None:
        notes.append(f"depth {options.depth}")

    keep: frozenset[str] | None = None
    if matched is not None:
        # A person alone: exactly the index's "collapse to their paths".
        if voice is not None and options.tag is None:
            keep = index.paths_of(voice.key)
        else:
            keep = _with_ancestors(index, matched)
    return Selection(
        root=root,
        keep=keep,
        matched=frozenset(matched) if matched is not None else None,
        depth=options.depth,
        notes=tuple(notes),
    )


def _with_ancestors(index: CorpusIndex, ids: set[str]) -> frozenset[str]:
    keep: set[str] = set()
    for node_id in ids:
        current: str | None = node_id
        while current is not None and current not in keep:
            keep.add(current)
            current = index.parent[current]
    return frozenset(keep)


# -- labels ----------------------------------------------------------------------------------


# After initials: the person's position as another author reports it, not their own words.
REPORTED_MARK = "ʳ"


def node_label(node: Node, index: CorpusIndex, *, context: bool = False) -> Text:
    """`? Title  [AG, TW]  [against: LW]`: kind, title, who argues it and who argues against.

    Each voice's initials take the colour of its stance on this node; `context` dims a node that
    is shown only because a node below it matched the filters.
    """
    question = node.kind is NodeKind.QUESTION
    label = Text()
    label.append(
        QUESTION_MARK if question else EVENT_MARK,
        KIND_STYLES[NodeKind.QUESTION if question else NodeKind.EVENT],
    )
    label.append(" ")
    label.append(one_line(node.title), "bold" if question else "")
    stances = stances_by_voice(node, index)
    reported = index.reported_only(node)
    for voices, lead in ((index.supporters(node), "["), (index.opponents(node), "[against: ")):
        if not voices:
            continue
        label.append("  ")
        label.append(lead, "dim")
        for i, voice in enumerate(voices):
            if i:
                label.append(", ", "dim")
            own = stances[voice.key][1]
            # The first stance on the side the voice is listed under decides its colour.
            against = lead != "["
            stance = next((s for s in own if s.supports != against), own[0])
            label.append(voice.short, STANCE_STYLES[stance])
            if voice.key in reported:
                label.append(REPORTED_MARK, "dim")
        label.append("]", "dim")
    if context:
        label.stylize("dim")
    return label


def _legend(voices: tuple[Voice, ...], reported: bool) -> list[Text]:
    lines = [
        Text(
            f"Who argues ({REPORTED_MARK}: as reported by another author):"
            if reported
            else "Who argues:"
        )
    ]
    for voice in voices:
        line = Text("  ")
        line.append(f"{voice.short:<3}", "bold")
        line.append(f" {voice.name} — {voice.role}")
        lines.append(line)
    return lines


def _stance_key() -> Text:
    key = Text("Stances: ", "dim")
    for i, (stance, style) in enumerate(STANCE_STYLES.items()):
        if i:
            key.append(" · ", "dim")
        key.append(stance.value, style)
    return key


# -- the whole picture -----------------------------------------------------------------------


def build(corpus: Corpus, options: ShowOptions = ShowOptions(), *, colour: bool = False) -> Group:
    """The header, the tree and the legend, as one renderable. Raises UnknownChoice."""
    index = CorpusIndex(corpus)
    selection = select(index, options)
    parts: list[RenderableType] = [Text(f"{one_line(corpus.title)} ({corpus.id})")]
    if selection.notes:
        parts.append(Text(f"showing: {'; '.join(selection.notes)}", "dim"))
    parts.append(Text(""))
    if selection.keep is not None and selection.root.id not in selection.keep:
        parts.append(Text("no node matches"))
        return Group(*parts)
    tree, shown = _tree(index, selection)
    parts.append(tree)
    voices = tuple(v for v in index.cited_voices() if any(index.argues(v.key, i) for i in shown))
    if voices:
        reported = any(index.reported_only(index.nodes[i]) for i in shown)
        parts += [Text(""), *_legend(voices, reported)]
    if colour:
        parts += [Text(""), _stance_key()]
    return Group(*parts)


def _tree(index: CorpusIndex, selection: Selection) -> tuple[Tree, list[str]]:
    keep, matched, depth = selection.keep, selection.matched, selection.depth

    def kept(node: Node) -> list[Node]:
        return [c for c in node.children if keep is None or c.id in keep]

    def label(node: Node) -> Text:
        return node_label(node, index, context=matched is not None and node.id not in matched)

    root = selection.root
    tree = Tree(label(root))
    shown = [root.id]
    # Iterative, so a deep tree cannot reach the recursion limit.
    stack: list[tuple[Node, Tree, int]] = [(root, tree, 0)]
    while stack:
        node, branch, level = stack.pop()
        children = kept(node)
        if depth is not None and level >= depth:
            hidden = _count_below(children, kept)
            if hidden:
                branch.add(Text(f"… {hidden} more below", "dim"))
            continue
        pending: list[tuple[Node, Tree, int]] = []
        for child in children:
            pending.append((child, branch.add(label(child)), level + 1))
            shown.append(child.id)
        stack.extend(reversed(pending))
    return tree, shown


def _count_below(nodes: list[Node], kept: Callable[[Node], list[Node]]) -> int:
    count = 0
    stack = list(nodes)
    while stack:
        count += 1
        stack.extend(kept(stack.pop()))
    return count


# -- consoles --------------------------------------------------------------------------------


def make_console(file: TextIO, environ: Mapping[str, str] | None = None) -> Console:
    """A console for `file` that never reads markup or emoji codes and never highlights.

    Rich drops styles by itself when `file` is not a terminal (or TERM=dumb); under NO_COLOR it
    only drops colours and keeps bold, so NO_COLOR turns styling off here altogether.
    """
    env = os.environ if environ is None else environ
    console = Console(
        file=file,
        markup=False,
        emoji=False,
        highlight=False,
        color_system=None if env.get("NO_COLOR") else "auto",
        _environ=env,
    )
    if not console.is_terminal:
        console.width = UNWRAPPED_WIDTH
    return console


def print_tree(corpus: Corpus, options: ShowOptions, file: TextIO) -> None:
    console = make_console(file)
    # Build before printing: an unknown filter value must fail before any output.
    renderable = build(corpus, options, colour=console.color_system is not None)
    console.print(renderable)


def render_text(corpus: Corpus, options: ShowOptions = ShowOptions()) -> str:
    """The tree as plain text, exactly as `explorer show | cat` prints it."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        markup=False,
        emoji=False,
        highlight=False,
        color_system=None,
        force_terminal=False,
        width=UNWRAPPED_WIDTH,
    )
    console.print(build(corpus, options))
    return buffer.getvalue()
