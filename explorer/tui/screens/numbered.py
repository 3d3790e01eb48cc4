"""A picker whose entries are numbered: kept apart from `pick.py` (which imports the model) so
the corpus picker, shown before any corpus is read, draws at once."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import OptionList

ResultT = TypeVar("ResultT")
CHOICE_KEYS = 9


class NumberedPicker(ModalScreen[ResultT]):
    """A list whose items are numbered: `1`–`9` choose one, `Enter` the highlighted one, `Esc`
    cancels; its own footer says so (not the keys of the screen beneath)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("enter", "choose_highlighted", "Choose"),
        Binding("1", "choose(1)", "Choose by number", key_display="1–9"),
        *(
            Binding(str(n), f"choose({n})", "Choose by number", show=False)
            for n in range(2, CHOICE_KEYS + 1)
        ),
    ]

    def _choices(self) -> OptionList:
        return self.query_one(OptionList)

    def action_choose(self, number: int) -> None:
        choices = self._choices()
        if 1 <= number <= choices.option_count:
            choices.highlighted = number - 1
            choices.action_select()
        else:
            self.app.bell()

    def action_choose_highlighted(self) -> None:
        self._choices().action_select()

    def action_cancel(self) -> None:
        self.dismiss(None)
