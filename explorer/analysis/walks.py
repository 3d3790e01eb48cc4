"""Walking a scenario as a story, and the matrix of who argued which alternative.

A walk is a root-to-node path: at each step, who argues it (with their hedge word and its band),
who argues against it, and — at a question — the alternatives not taken. The compare matrix puts
the questions against the voices: the alternative each voice argued, or nothing.
"""

from __future__ import annotations

import difflib
import enum
from collections.abc import Sequence

import attrs

from explorer.analysis.likelihood import band_for
from explorer.analysis.queries import CorpusIndex, Voice
from explorer.model import Citation, Node, NodeKind, Stance

NOT_STATED = "not stated"


class WalkError(ValueError):
    """The ids given do not lie on one path from the trigger."""


@attrs.frozen(slots=True)
class Argument:
    """One voice's citation on one step."""

    voice: Voice
    citation: Citation
    reported_by: tuple[Voice, ...] = ()  # whose words report the voice's position, if not its own

    @property
    def band_text(self) -> str:
        if not self.citation.likelihood:
            return NOT_STATED
        band = band_for(self.citation.likelihood)
        return band.describe() if band else NOT_STATED


@attrs.frozen(slots=True)
class Position:
    """How one voice stood on one step: for or against it, the stance of its citation, and the
    band of its own hedge word ('not stated' where it gave none)."""

    against: bool
    stance: Stance
    band: str

    @property
    def stated(self) -> bool:
        return self.band != NOT_STATED


@attrs.frozen(slots=True)
class Alternative:
    node: Node
    supporters: tuple[Voice, ...]
    opponents: tuple[Voice, ...]


@attrs.frozen(slots=True)
class Step:
    node: Node
    arguments_for: tuple[Argument, ...]
    arguments_against: tuple[Argument, ...]  # stance `doubts`
    # At a question on the path: every alternative, the chosen one included.
    alternatives: tuple[Alternative, ...]
    chosen: str | None  # the alternative the walk took, when the node is a question on the path


@attrs.frozen(slots=True)
class Walk:
    steps: tuple[Step, ...]

    @property
    def node_ids(self) -> tuple[str, ...]:
        return tuple(step.node.id for step in self.steps)

    def voices(self) -> tuple[Voice, ...]:
        seen: dict[str, Voice] = {}
        for step in self.steps:
            for argument in (*step.arguments_for, *step.arguments_against):
                seen.setdefault(argument.voice.key, argument.voice)
        return tuple(seen.values())

    def positions(self) -> dict[str, list[Position | None]]:
        """Per voice key, per step: whether the voice argued for or against the step and the band
        of its own hedge word ('not stated' where it gave none), or None where it did not argue
        the step at all. Arguing for wins over arguing against, a stated band over none."""
        table: dict[str, list[Position | None]] = {
            v.key: [None] * len(self.steps) for v in self.voices()
        }
        for i, step in enumerate(self.steps):
            for arguments, against in ((step.arguments_for, False), (step.arguments_against, True)):
                for argument in arguments:
                    current = table[argument.voice.key][i]
                    if (
                        current is None
                        or (current.against and not against)
                        or (current.against == against and not current.stated)
                    ):
                        table[argument.voice.key][i] = Position(
                            against, argument.citation.stance, argument.band_text
                        )
        return table


def _arguments(index: CorpusIndex, node: Node, *, supporting: bool) -> tuple[Argument, ...]:
    found: list[Argument] = []
    for citation in node.citations:
        if citation.stance.supports != supporting:
            continue
        reporters = index.reporters_of(citation)
        found.extend(Argument(voice, citation, reporters) for voice in index.voices_of(citation))
    return tuple(found)


def step(index: CorpusIndex, node: Node, chosen: str | None = None) -> Step:
    alternatives: tuple[Alternative, ...] = ()
    if node.kind is NodeKind.QUESTION:
        alternatives = tuple(
            Alternative(child, index.supporters(child), index.opponents(child))
            for child in node.children
        )
    return Step(
        node=node,
        arguments_for=_arguments(index, node, supporting=True),
        arguments_against=_arguments(index, node, supporting=False),
        alternatives=alternatives,
        chosen=chosen,
    )


def walk_to(index: CorpusIndex, node_id: str) -> Walk:
    """The walk from the trigger down to a node."""
    path = index.path_to(node_id)
    return Walk(
        tuple(
            step(index, node, path[i + 1].id if i + 1 < len(path) else None)
            for i, node in enumerate(path)
        )
    )


def walk_through(index: CorpusIndex, node_ids: Sequence[str]) -> Walk:
    """The walk from the trigger through every given node, in order, to the last one."""
    if not node_ids:
        raise WalkError("name at least one node to walk through")
    for node_id in node_ids:
        if node_id not in index.nodes:
            close = difflib.get_close_matches(node_id, list(index.nodes), n=1, cutoff=0.6)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise WalkError(f"no node '{node_id}' in the corpus{hint}")
    walk = walk_to(index, node_ids[-1])
    path = list(walk.node_ids)
    position = -1
    for node_id in node_ids:
        if node_id not in path[position + 1 :]:
            raise WalkError(
                f"'{node_id}' is not on the path to '{node_ids[-1]}' after the nodes before it"
            )
        position = path.index(node_id, position + 1)
    return walk


@attrs.frozen(slots=True)
class Cell:
    """What one voice argued at one question."""

    alternatives: tuple[Node, ...]  # the alternatives the voice argued for
    against: tuple[Node, ...]  # the alternatives the voice argued against
    stances: tuple[Stance, ...]
    # Ids of the alternatives where the voice's position is known only from another author's
    # report of it.
    reported: frozenset[str] = frozenset()


class VoiceOrder(enum.Enum):
    """How the compare matrix orders its people's columns; the value says it in words."""

    CORPUS = "as listed in the corpus"
    CITATIONS = "most citations first"
    NAME = "by name"

    def next(self) -> VoiceOrder:
        members = list(VoiceOrder)
        return members[(members.index(self) + 1) % len(members)]


@attrs.frozen(slots=True)
class Matrix:
    questions: tuple[Node, ...]
    voices: tuple[Voice, ...]
    cells: dict[tuple[str, str], Cell]  # (question id, voice key) → cell; absent when silent

    def cell(self, question_id: str, voice_key: str) -> Cell | None:
        return self.cells.get((question_id, voice_key))

    def citations_by(self, voice_key: str) -> int:
        """How many citations the voice has on the alternatives of the matrix's questions."""
        return sum(
            len(self.cells[(q.id, voice_key)].stances)
            for q in self.questions
            if (q.id, voice_key) in self.cells
        )

    def ordered_voices(
        self, order: VoiceOrder, hidden: frozenset[str] = frozenset()
    ) -> tuple[Voice, ...]:
        """The voices as columns: in the order asked for, without the hidden ones."""
        shown = [v for v in self.voices if v.key not in hidden]
        if order is VoiceOrder.CITATIONS:
            shown.sort(key=lambda v: -self.citations_by(v.key))  # stable: ties keep corpus order
        elif order is VoiceOrder.NAME:
            shown.sort(key=lambda v: v.name.casefold())
        return tuple(shown)


def compare_matrix(index: CorpusIndex, tag: str | None = None) -> Matrix:
    """Questions × voices. With a tag, only questions that carry it or whose alternatives do."""
    questions = []
    for node in index.ordered_nodes():
        if node.kind is not NodeKind.QUESTION:
            continue
        if (
            tag is not None
            and tag not in node.tags
            and not any(tag in child.tags for child in node.children)
        ):
            continue
        questions.append(node)
    cells: dict[tuple[str, str], Cell] = {}
    used: set[str] = set()
    for question in questions:
        by_voice: dict[str, tuple[list[Node], list[Node], list[Stance]]] = {}
        for child in question.children:
            for citation in child.citations:
                for voice in index.voices_of(citation):
                    pro, con, stances = by_voice.setdefault(voice.key, ([], [], []))
                    target = pro if citation.stance.supports else con
                    if child not in target:
                        target.append(child)
                    stances.append(citation.stance)
        for key, (pro, con, stances) in by_voice.items():
            reported = frozenset(c.id for c in (*pro, *con) if key in index.reported_only(c))
            cells[(question.id, key)] = Cell(tuple(pro), tuple(con), tuple(stances), reported)
            used.add(key)
    voices = tuple(v for v in index.voices.values() if v.key in used)
    return Matrix(tuple(questions), voices, cells)
