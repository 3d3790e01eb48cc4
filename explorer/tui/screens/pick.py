"""Choose one of a node's citations, to open its source."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from explorer.analysis.queries import CorpusIndex
from explorer.model import Node
from explorer.tui.screens.numbered import NumberedPicker
from explorer.tui.widgets.footer import FittingFooter
from explorer.tui.widgets.labels import one_line, source_text


class CitationPicker(NumberedPicker[int | None]):
    """Dismissed with the citation's number (from 1), or None."""

    AUTO_FOCUS = "#citations"

    def __init__(self, node: Node, index: CorpusIndex) -> None:
        super().__init__()
        self.node = node
        self.index = index

    def compose(self) -> ComposeResult:
        options = []
        for number, citation in enumerate(self.node.citations, 1):
            prompt = Text(f"{number} ")
            prompt.append(source_text(citation, self.index))
            prompt.append(f"\n  “{one_line(citation.quote)}”")
            options.append(Option(prompt, id=str(number)))
        picker = OptionList(*options, id="citations")
        picker.border_title = "Open which source?"
        yield picker
        yield FittingFooter()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(int(event.option.id or "1"))


class NodePicker(NumberedPicker[str | None]):
    """Choose one of several nodes; dismissed with its id, or None."""

    AUTO_FOCUS = "#nodes"

    def __init__(self, nodes: Sequence[Node], title: str) -> None:
        super().__init__()
        self.nodes = tuple(nodes)
        self.title_text = title

    def compose(self) -> ComposeResult:
        options = [
            Option(Text(f"{number} {one_line(node.title)}"), id=node.id)
            for number, node in enumerate(self.nodes, 1)
        ]
        picker = OptionList(*options, id="nodes")
        picker.border_title = Text(self.title_text)
        yield picker
        yield FittingFooter()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)
