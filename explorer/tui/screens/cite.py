"""The cite dialog: where a selected passage goes (the node, or a new child of it), with which
stance, hedge word and voice. Its `write` makes the citation; dismissed with what it wrote, or
None. When the write fails, the dialog stays open with its reason and what was typed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

import attrs
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from explorer.analysis.likelihood import hedge_phrase, hedged_risk
from explorer.editing.cite import STANCES, CiteError, NewChild, Plan
from explorer.model import Node, Person
from explorer.tui.widgets.footer import FittingFooter
from explorer.tui.widgets.labels import one_line

TO_NODE, TO_CHILD = "node", "child"


@attrs.frozen(slots=True)
class CiteChoice:
    stance: str
    likelihood: str | None = None
    speaker: str | None = None
    reports: str | None = None
    child: NewChild | None = None


class CiteDialog(ModalScreen[Plan | None]):
    """Offers the hedge words found in the passage, and a speaker only for words inside
    quotation marks in the seed (else the people the author's words may report)."""

    AUTO_FOCUS = "#cite-to"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        # As the import page saves: the Cite button without Tabbing to it, however many rows
        # the dialog shows (a small terminal scrolls it, which adds a Tab stop).
        Binding("ctrl+s", "save", "Cite"),
    ]

    def __init__(
        self,
        node: Node,
        quote: str,
        hedge_words: Sequence[str],
        people: Sequence[Person],
        may_speak: bool,
        *,
        write: Callable[[CiteChoice], Plan],
    ) -> None:
        super().__init__()
        self.write = write
        self.node = node
        self.quote = quote
        self.hedge_words = tuple(hedge_words)
        self.people = tuple(people)
        self.may_speak = may_speak

    def compose(self) -> ComposeResult:
        with Vertical(id="cite-dialog") as dialog:
            dialog.border_title = "Cite this passage"
            yield Static(Text(self.quote), id="cite-quote")
            to: list[tuple[Text, str]] = [
                (Text(one_line(self.node.title)), TO_NODE),
                (Text("a new child of it"), TO_CHILD),
            ]
            yield from self._row("To", Select(to, allow_blank=False, id="cite-to", compact=True))
            title = Input(placeholder="a short title", id="cite-title", compact=True)
            yield from self._row("Title", title, "-child")
            words = "one or two sentences, in your words"
            claim = Input(placeholder=words, id="cite-claim", compact=True)
            yield from self._row("Claim", claim, "-child")
            stances = [(s, s) for s in STANCES]
            stance = Select(stances, allow_blank=False, id="cite-stance", compact=True)
            yield from self._row("Stance", stance)
            hedge = Select(self._hedges(), allow_blank=False, id="cite-hedge", compact=True)
            yield from self._row("Hedge", hedge)
            yield from self._row("Voice", self._voices())
            yield Label("", id="cite-error")
            with Horizontal(id="cite-buttons"):
                yield Button("Cite", id="cite-ok", variant="primary")
                yield Button("Cancel", id="cite-cancel")
        yield FittingFooter()  # its own keys, not those of the source view beneath

    def _row(self, label: str, widget: Select[str] | Input, classes: str = "") -> ComposeResult:
        with Horizontal(classes=f"cite-row {classes}"):
            yield Label(label, classes="cite-label")
            yield widget

    def _hedges(self) -> list[tuple[Text, str]]:
        """Each hedge word of the passage with its band; a word that seems to qualify a risk
        rather than the event says so (what W108 would warn)."""
        hedges = [(Text("none"), "")]
        for word in self.hedge_words:
            label = hedge_phrase(word)
            risk = hedged_risk(word, self.quote)
            if risk is not None:
                label += f" — seems to qualify a {risk}, not the event (W108)"
            hedges.append((Text(label), word))
        return hedges

    def _voices(self) -> Select[str]:
        # Names are shown as written (Text), never read as markup.
        voices: list[tuple[Text, str]] = [(Text("the source's authors"), "")]
        if self.may_speak:
            voices += [(Text(f"speaker: {p.name}"), f"speaker:{p.id}") for p in self.people]
        voices += [(Text(f"reports: {p.name}"), f"reports:{p.id}") for p in self.people]
        return Select(voices, allow_blank=False, id="cite-voice", compact=True)

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "cite-to":
            self.set_class(event.value == TO_CHILD, "-to-child")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "cite-cancel":
            self.dismiss(None)
        else:
            self.action_save()

    def action_save(self) -> None:
        """Write the citation as chosen; the dialog stays open with the reason if it cannot."""
        child = None
        if self.query_one("#cite-to", Select).value == TO_CHILD:
            title = self.query_one("#cite-title", Input).value.strip()
            claim = self.query_one("#cite-claim", Input).value.strip()
            if not title or not claim:
                error = Text("A new node needs a title and a claim.")
                self.query_one("#cite-error", Label).update(error)
                return
            child = NewChild(title, claim)
        voice = str(self.query_one("#cite-voice", Select).value)
        role, _, person = voice.partition(":")
        choice = CiteChoice(
            stance=str(self.query_one("#cite-stance", Select).value),
            likelihood=str(self.query_one("#cite-hedge", Select).value) or None,
            speaker=person if role == "speaker" else None,
            reports=person if role == "reports" else None,
            child=child,
        )
        try:
            plan = self.write(choice)
        except CiteError as error:
            reason = str(error)
            ending = "" if reason.endswith((".", "?")) else "."
            self.query_one("#cite-error", Label).update(Text(f"Not cited: {reason}{ending}"))
            return
        self.dismiss(plan)

    def action_cancel(self) -> None:
        self.dismiss(None)
