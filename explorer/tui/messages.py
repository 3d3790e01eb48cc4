"""Typed messages between the explorer's widgets and screens.

Widgets post these upwards; the main screen owns the state and tells its children what to show.
"""

from __future__ import annotations

from textual.message import Message


class NodeSelected(Message):
    """The tree's cursor is on a node."""

    def __init__(self, node_id: str) -> None:
        super().__init__()
        self.node_id = node_id


class JumpToNode(Message):
    """Show this node: expand its ancestors and put the cursor on it (from search)."""

    def __init__(self, node_id: str) -> None:
        super().__init__()
        self.node_id = node_id


class PersonChosen(Message):
    """A person was chosen. `only`: filter on them alone instead of adding them to compare."""

    def __init__(self, key: str, only: bool = False) -> None:
        super().__init__()
        self.key = key
        self.only = only


class SourceRequested(Message):
    """Open the seed of a node's citation (`number` counts from 1, as shown)."""

    def __init__(self, node_id: str, number: int) -> None:
        super().__init__()
        self.node_id = node_id
        self.number = number


class SourceOpened(Message):
    """Open a source's seed with every quote the corpus takes from it (from search)."""

    def __init__(self, source_id: str) -> None:
        super().__init__()
        self.source_id = source_id


class StepChosen(Message):
    """In a walk: continue to this alternative or consequence of the current step."""

    def __init__(self, node_id: str) -> None:
        super().__init__()
        self.node_id = node_id


class NodesChosen(Message):
    """Show one of these nodes in the tree (the reader picks when there are several)."""

    def __init__(self, node_ids: tuple[str, ...], empty_note: str = "") -> None:
        super().__init__()
        self.node_ids = node_ids
        self.empty_note = empty_note  # what to say when there is none


class EditRequested(Message):
    """Open this file at this line in the user's editor (`file` as the loader names it)."""

    def __init__(self, file: str, line: int) -> None:
        super().__init__()
        self.file = file
        self.line = line


class SplitMoved(Message):
    """The split between the tree and the details moved (`split`: the tree's share, in percent)."""

    def __init__(self, split: int) -> None:
        super().__init__()
        self.split = split


class LoadProgress(Message):
    """How far the first load is: tree files read of all, nodes built so far. Posted from the
    loading thread (posting a message is thread-safe, and does not wait)."""

    def __init__(self, read: int, files: int, nodes: int) -> None:
        super().__init__()
        self.read = read
        self.files = files
        self.nodes = nodes
