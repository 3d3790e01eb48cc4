"""The people who argue in the corpus: choose one to filter, a second to compare."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.reactive import var
from textual.theme import Theme
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from explorer.analysis.focus import Focus
from explorer.analysis.queries import CorpusIndex, Voice
from explorer.outputs.classes import Palette
from explorer.tui.messages import PersonChosen
from explorer.tui.widgets.labels import LABEL_CLASSES, voice_line
from explorer.tui.widgets.themed import Themed

CHOSEN_MARKS = ("A", "B")


class PeopleList(Themed, OptionList):
    """One option per voice that argues at least one node: badge, name, role, node count.
    `person_focus` is bound to the main screen's (`data_bind`): the people chosen are marked."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Next person", show=False),
        Binding("up,k", "cursor_up", "Previous person", show=False),
        Binding("enter", "select", "Choose: a second person compares", show=False),
        Binding("escape", "screen.close_people", "Back to the tree"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = OptionList.COMPONENT_CLASSES | LABEL_CLASSES

    person_focus: var[Focus] = var(Focus, init=False)

    def __init__(self, index: CorpusIndex, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.index = index
        self.palette = Palette(index)
        self.voices: tuple[Voice, ...] = index.cited_voices()
        self.border_title = "People — Enter: choose; a second compares"

    def on_mount(self) -> None:
        self.add_options(Option(self._prompt(v), id=v.key) for v in self.voices)
        if self.voices:
            self.highlighted = 0

    def _theme_changed(self, _theme: Theme) -> None:
        self._refresh_prompts()

    def show_index(self, index: CorpusIndex, focus: Focus) -> None:
        """Another corpus (a reload): its voices, the highlight kept on the same one if listed."""
        key = self.highlighted_key
        shown = [(option.id, option.prompt) for option in self.options]
        self.index = index
        self.palette = Palette(index)
        self.voices = index.cited_voices()
        self.set_reactive(PeopleList.person_focus, focus)
        options = [Option(self._prompt(v), id=v.key) for v in self.voices]
        if [(option.id, option.prompt) for option in options] == shown:
            return  # most saves change no one's line: nothing to lay out again
        self.clear_options()
        self.add_options(options)
        if self.voices:
            self.highlighted = 0
        self.highlight_key(key)

    def watch_person_focus(self) -> None:
        # Bound before on_mount adds the options: they are then made with the focus as it is.
        if self.option_count == len(self.voices):
            self._refresh_prompts()

    def _refresh_prompts(self) -> None:
        for i, voice in enumerate(self.voices):
            self.replace_option_prompt_at_index(i, self._prompt(voice))

    def _prompt(self, voice: Voice) -> Text:
        style = self._style
        people = self.person_focus.people
        text = Text(no_wrap=False)
        if voice.key in people:
            mark = CHOSEN_MARKS[people.index(voice.key)] if len(people) == 2 else "●"
            text.append(mark, style("mark--only-b" if mark == "B" else "mark--only-a"))
            text.append(" ")
        else:
            text.append("  ")
        text.append_text(voice_line(voice, self.palette, style))
        count = self.index.node_count(voice.key)
        text.append(f"\n  {count} node{'s' if count != 1 else ''} · {voice.role}")
        text.stylize(style("label--muted"), text.plain.index("\n"))
        return text

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(PersonChosen(event.option.id))

    def highlight_key(self, key: str | None) -> None:
        """Put the highlight on this voice, if it is listed."""
        keys = [voice.key for voice in self.voices]
        if key in keys:
            self.highlighted = keys.index(key)

    @property
    def highlighted_key(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None else None
