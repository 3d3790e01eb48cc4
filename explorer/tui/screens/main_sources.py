"""The main screen's ways to an article: `s` and `1`–`9` on a node, Enter on a citation in the
details, a source chosen in search; and `y`, the citations copied to paste. A base of the main
screen, kept apart so that each stays short."""

from __future__ import annotations

from textual.screen import Screen

from explorer.analysis.queries import CorpusIndex
from explorer.reading.result import LoadResult
from explorer.tui.messages import SourceOpened, SourceRequested
from explorer.tui.widgets.scenario_tree import ScenarioTree


class SourceActions(Screen[None]):
    index: CorpusIndex
    result: LoadResult

    @property
    def here(self) -> str:
        """The node the reader is on (the main screen's tree cursor)."""
        raise NotImplementedError

    @property
    def scenario_tree(self) -> ScenarioTree:
        return self.query_one(ScenarioTree)

    # The screens pushed from here are imported when first opened: importing them all at start
    # delayed the first screen (Textual builds each widget class's styles and bindings on import).

    def action_source(self) -> None:
        from explorer.tui.screens.pick import CitationPicker

        node = self.index.nodes[self.here]
        if not node.citations:
            self.notify("This node has no citation.", markup=False)
        elif len(node.citations) == 1:
            self.open_citation(node.id, 1)
        else:

            def picked(number: int | None) -> None:
                if number is not None:
                    self.open_citation(node.id, number)

            self.app.push_screen(CitationPicker(node, self.index), picked)

    def action_copy_citations(self) -> None:
        """The focused citation, else every citation of the node, to the clipboard (OSC 52)."""
        from explorer.outputs.citations import citations_text
        from explorer.tui.widgets.detail import DetailPane
        from explorer.tui.widgets.detail_parts import PartKind

        citations = self.index.nodes[self.here].citations
        chosen = self.query_one(DetailPane).chosen_part
        if chosen is not None and chosen.kind is PartKind.CITATION:
            citations = citations[chosen.number - 1 : chosen.number]
        self.app.copy_to_clipboard(citations_text(citations, self.index))
        self.notify(f"Copied {len(citations)} citation(s), ready to paste.", markup=False)

    def action_open_citation(self, number: int) -> None:
        self.open_citation(self.here, number)

    def on_source_requested(self, message: SourceRequested) -> None:
        self.open_citation(message.node_id, message.number)

    def open_citation(self, node_id: str, number: int) -> None:
        node = self.index.nodes[node_id]
        if not 1 <= number <= len(node.citations):
            self.notify(f"This node has {len(node.citations)} citation(s).", markup=False)
            return
        citation = node.citations[number - 1]
        source = self.index.sources.get(citation.source)
        if source is None:
            self.notify("This citation names an unknown source.", markup=False)
            return
        from explorer.tui.screens.source import SourceScreen

        seed = self.result.seeds.get(source.seed)
        label = f"Citation {number}: " if len(node.citations) > 1 else ""
        screen = SourceScreen(
            source, seed, [citation.quote], label, node_id=node.id, corpus=lambda: self.result
        )
        # Back from the source, the keys move the tree again, even when a citation in the
        # details had the focus (Enter on it opened the source).
        self.app.push_screen(screen, self._focus_tree)

    def _focus_tree(self, _result: object = None) -> None:
        self.scenario_tree.focus()

    def on_source_opened(self, message: SourceOpened) -> None:
        source = self.index.sources.get(message.source_id)
        if source is None:
            return
        quotes = [
            c.quote
            for node in self.index.ordered_nodes()
            for c in node.citations
            if c.source == source.id
        ]
        from explorer.tui.screens.source import SourceScreen

        seed = self.result.seeds.get(source.seed)
        self.app.push_screen(SourceScreen(source, seed, list(dict.fromkeys(quotes))))
