"""What the loader and the validator found: one line per diagnostic, where, code and message.

Each diagnostic is an option: Enter (or a click) opens the user's editor at its file and line.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.theme import Theme
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from explorer.checks.diagnostics import Diagnostic, summary
from explorer.tui.messages import EditRequested
from explorer.tui.widgets.labels import text_style
from explorer.tui.widgets.themed import Themed

MAX_SHOWN = 300  # a corpus may have thousands of warnings; `explorer check` lists them all
KEPT_NOTE = "the tree stays as it was until the errors are fixed"


def shown_diagnostics(diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
    """Errors before warnings, each in file order, at most MAX_SHOWN."""
    errors: list[Diagnostic] = []
    warnings: list[Diagnostic] = []
    for diagnostic in diagnostics:  # one pass: a large corpus may hold thousands of warnings
        (errors if diagnostic.is_error else warnings).append(diagnostic)
    return (errors + warnings)[:MAX_SHOWN]


def diagnostic_line(diagnostic: Diagnostic, style_of: dict[str, Style]) -> Text:
    """`file:line:column: severity CODE: message`, literal text."""
    severity = diagnostic.severity.value
    text = Text(no_wrap=False)
    text.append(diagnostic.where, style_of.get("where", Style()))
    text.append(": ")
    text.append(f"{severity} {diagnostic.code}", style_of.get(severity, Style()))
    text.append(": ")
    text.append(diagnostic.message)
    return text


def more_line(diagnostics: Sequence[Diagnostic]) -> Text | None:
    more = len(diagnostics) - MAX_SHOWN  # shown_diagnostics lists MAX_SHOWN at most
    if more <= 0:
        return None
    return Text(f"… and {more} more: run 'explorer check' to see them all.")


def diagnostics_text(diagnostics: Sequence[Diagnostic], style_of: dict[str, Style]) -> Text:
    lines = [diagnostic_line(d, style_of) for d in shown_diagnostics(diagnostics)]
    more = more_line(diagnostics)
    if more is not None:
        lines.append(more)
    return Text("\n").join(lines)


class DiagnosticsPanel(Themed, OptionList):
    """The diagnostics (file:line:column: severity code: message), errors first."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Next diagnostic", show=False),
        Binding("up,k", "cursor_up", "Previous diagnostic", show=False),
        Binding("enter", "select", "Open the file at this line in your editor", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = OptionList.COMPONENT_CLASSES | {
        "diagnostics--where",
        "diagnostics--error",
        "diagnostics--warning",
    }

    def __init__(self, diagnostics: Sequence[Diagnostic], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.diagnostics = tuple(diagnostics)
        self.kept = False  # the diagnostics of a reload that left the tree as it was
        self._set_title()

    @property
    def plain(self) -> str:
        return diagnostics_text(self.diagnostics, {}).plain

    @property
    def shown(self) -> list[Diagnostic]:
        return shown_diagnostics(self.diagnostics)

    def show(self, diagnostics: Sequence[Diagnostic], *, kept: bool = False) -> None:
        """List these diagnostics instead; `kept`: they come from a load that was not shown."""
        listed = tuple(diagnostics)
        if (kept, listed) == (self.kept, self.diagnostics):
            return  # a save that changed no finding (thousands, at 100k nodes): nothing to redo
        self.diagnostics = listed
        self.kept = kept
        self._set_title()
        self._fill()

    def _set_title(self) -> None:
        title = f"Diagnostics: {summary(self.diagnostics)}"
        self.border_title = f"{title} — {KEPT_NOTE}" if self.kept else title

    def on_mount(self) -> None:
        self._fill()

    def _theme_changed(self, _theme: Theme) -> None:
        self._fill()

    def _fill(self) -> None:
        styles = {
            name: text_style(self, f"diagnostics--{name}") for name in ("where", "error", "warning")
        }
        highlighted = self.highlighted
        shown = self.shown
        options = [Option(diagnostic_line(d, styles), id=str(i)) for i, d in enumerate(shown)]
        more = more_line(self.diagnostics)
        if more is not None:
            options.append(Option(more, disabled=True))
        self.clear_options()
        self.add_options(options)
        if shown:  # a line is always chosen, so Enter has one to open
            self.highlighted = min(highlighted or 0, len(shown) - 1)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            diagnostic = self.shown[int(event.option.id)]
            self.post_message(EditRequested(diagnostic.file, diagnostic.line))
