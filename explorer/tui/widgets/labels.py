"""Text for nodes, people and citations, built from literal strings with `rich.text.Text`.

Nothing from the YAML is ever parsed as markup: a title like `[bold]x[/italic]` or
`[@click=app.quit]` is shown as written. Styles come from component classes (see the .tcss
files), looked up through a `StyleOf` callable that the owning widget provides.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, cast

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from explorer.analysis.focus import View
from explorer.analysis.hindsight import outcome_mark
from explorer.analysis.likelihood import hedge_phrase
from explorer.analysis.queries import CorpusIndex, Voice
from explorer.analysis.walks import Argument
from explorer.model import Citation, Node, NodeKind, Source, Stance, date_text
from explorer.outputs.classes import (
    MARK_CLASSES,
    OUTCOME_CLASSES,
    PALETTE_SIZE,
    Palette,
    mark_class,
)

if TYPE_CHECKING:
    from textual.css.styles import RulesMap

StyleOf = Callable[[str], Style]

QUESTION_GLYPH = "?"
EVENT_GLYPH = "•"
# "Argues against" is not "did not happen" (the hindsight ✗): a sign of its own.
AGAINST_GLYPH = "¬"
# After initials: the person's position as another author reports it, not their own words.
REPORTED_GLYPH = "ʳ"
PATH_SEPARATOR = " › "
TITLE_LEAST = 12  # cells of a title shortened to fit the tree's pane (see `fit_title`)

PERSON_CLASSES = frozenset(f"person--{i}" for i in range(PALETTE_SIZE))
STANCE_CLASSES = frozenset(f"stance--{stance.value}" for stance in Stance)
LABEL_CLASSES = frozenset(
    {
        "node--question",
        "node--event",
        "node--title",
        "node--count",
        "node--dim",
        "voice--against",
        "label--muted",
        *PERSON_CLASSES,
        *MARK_CLASSES,
        *OUTCOME_CLASSES,
        *STANCE_CLASSES,
    }
)


def text_style(widget: Widget, name: str) -> Style:
    """A component class's style for a span of text inside `widget`.

    Its text style and only the colours it sets, blended over the widget's background the way
    Textual draws them, so translucent colours such as `$text-muted` or `$warning 35%` work.
    """
    partial = widget.get_component_rich_style(name, partial=True)
    full = widget.get_component_rich_style(name)
    return partial + Style(
        color=full.color if partial.color is not None else None,
        bgcolor=full.bgcolor if partial.bgcolor is not None else None,
    )


def update_text(widget: Static, text: Text) -> None:
    """Replace a Static's text; ask for a layout pass only when its height changes.

    A layout pass arranges and redraws the whole screen, the largest cost of a cursor move; most
    moves change texts but not their number of lines.
    """
    width = widget.content_region.width
    old = widget.visual
    if width <= 0 or not isinstance(old, Content):
        widget.update(text)
        return
    new = Content.from_rich_text(text, console=widget.app.console)
    rules = cast("RulesMap", widget.styles)  # read through `get`, as Textual's Widget does
    same_height = old.get_height(rules, width) == new.get_height(rules, width)
    widget.update(new, layout=not same_height)


def styled(text: str, style: Style) -> Text:
    """A Text whose one span has `style` (not its base style, which later appends would share)."""
    result = Text()
    result.append(text, style)
    return result


def one_line(text: str) -> str:
    """A text on one line: runs of white space (newlines too) become one space."""
    return " ".join(text.split())


def shorten(text: str, width: int) -> str:
    """`text` on one line, cut to `width` characters with an ellipsis."""
    text = one_line(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def stance_style(stance: Stance, style_of: StyleOf) -> Style:
    return style_of(f"stance--{stance.value}")


def glyph(node: Node, style_of: StyleOf) -> Text:
    if node.kind is NodeKind.QUESTION:
        return styled(QUESTION_GLYPH, style_of("node--question"))
    return styled(EVENT_GLYPH, style_of("node--event"))


def voice_badge(
    voice: Voice,
    palette: Palette,
    style_of: StyleOf,
    against: bool = False,
    reported: bool = False,
) -> Text:
    """Initials in the voice's colour; struck through, after a ¬, when the voice argues against;
    followed by ʳ when only another author's report of their position is cited."""
    badge = Text()
    colour = style_of(palette.css_class(voice.key))
    if against:
        badge.append(AGAINST_GLYPH, colour)
        badge.append(voice.short, colour + style_of("voice--against"))
    else:
        badge.append(voice.short, colour)
    if reported:
        badge.append(REPORTED_GLYPH, colour)
    return badge


def badges(node: Node, index: CorpusIndex, palette: Palette, style_of: StyleOf) -> Text:
    reported = index.reported_only(node) if any(c.reports for c in node.citations) else frozenset()
    parts = [
        voice_badge(v, palette, style_of, reported=v.key in reported)
        for v in index.supporters(node)
    ]
    parts += [
        voice_badge(v, palette, style_of, against=True, reported=v.key in reported)
        for v in index.opponents(node)
    ]
    return Text(" ").join(parts)


def outcome_glyph(node: Node, style_of: StyleOf) -> Text:
    """The hindsight mark (✓ ✗ ◐ ○) of a node's outcome; a blank when it has none."""
    mark = outcome_mark(node)
    if mark is None:
        return Text(" ")
    return styled(mark.glyph, style_of(mark_class(mark)))


def node_label(
    node: Node,
    index: CorpusIndex,
    view: View,
    palette: Palette,
    style_of: StyleOf,
    hindsight: bool = False,
) -> Text:
    """`[mark] [outcome] ? Title  AG ✗LW  (2)`: kind, title, who argues it (and against),
    citations; the person mark when people are chosen, the outcome mark in hindsight."""
    label = Text(no_wrap=True, end="")
    if view.active:
        mark = view.mark(node.id)
        width = view.mark_width
        if mark is None:
            label.append(" " * (width + 1))
        else:
            label.append(mark.glyph, style_of(mark_class(mark)))
            label.append(" " * (width + 1 - len(mark.glyph)))
    if hindsight:
        label.append_text(outcome_glyph(node, style_of))
        label.append(" ")
    label.append_text(glyph(node, style_of))
    label.append(" ")
    label.append(one_line(node.title), style_of("node--title"))
    who = badges(node, index, palette, style_of)
    if who:
        label.append("  ")
        label.append_text(who)
    label.append(f"  ({len(node.citations)})", style_of("node--count"))
    if view.dimmed(node.id):
        label.stylize(style_of("node--dim"))
    return label


def title_start(view: View, hindsight: bool) -> int:
    """Where `node_label`'s title begins: after the person mark, the outcome mark and the glyph,
    each with the space after it."""
    start = view.mark_width + 1 if view.active else 0
    return start + (2 if hindsight else 0) + 2


def fit_title(label: Text, start: int, end: int, width: int) -> Text:
    """The label in `width` cells: its title (`start`:`end`) shortened with an ellipsis, so that
    who argues it and the count after it stay in view. The title keeps at least `TITLE_LEAST`
    cells (or all of a shorter one): a pane narrower than that cuts the label's end."""
    excess = label.cell_len - width
    title = label[start:end]
    keep = max(title.cell_len - excess, min(TITLE_LEAST, title.cell_len))
    if excess <= 0 or keep >= title.cell_len:
        return label
    title.truncate(keep, overflow="ellipsis")
    fitted = Text(no_wrap=True, end="")
    for part in (label[:start], title, label[end:]):
        fitted.append_text(part)
    return fitted


def fitted_width(label: Text, start: int, end: int, width: int) -> int:
    """The cells of `fit_title(label, start, end, width)`, counted without making it: the tree
    measures every line it shows."""
    excess = label.cell_len - width
    title = cell_len(label.plain[start:end])
    keep = max(title - excess, min(TITLE_LEAST, title))
    if excess <= 0 or keep >= title:
        return label.cell_len
    return label.cell_len - title + keep  # the title truncated to `keep` cells, its … included


def path_text(path: Iterable[Node], style_of: StyleOf) -> Text:
    """The breadcrumb: each node's glyph and title, from the trigger down."""
    text = Text()
    for i, node in enumerate(path):
        if i:
            text.append(PATH_SEPARATOR, style_of("label--muted"))
        text.append_text(glyph(node, style_of))
        text.append(" ")
        text.append(one_line(node.title))
    return text


def voices_text(citation: Citation, index: CorpusIndex) -> str:
    """Who a citation credits, with roles; outlets without an author say so."""
    return index.credit(citation, roles=True)


def source_text(citation: Citation, index: CorpusIndex) -> str:
    source = index.sources.get(citation.source)
    if source is None:
        return f"unknown source '{citation.source}'"
    return source_line(source)


def source_line(source: Source) -> str:
    """`Title · Outlet · 2020-01-05 · opinion`."""
    return (
        f"{one_line(source.title)} · {source.outlet} · {date_text(source.published)} · "
        f"{source.kind_text}"
    )


def voice_line(voice: Voice, palette: Palette, style_of: StyleOf) -> Text:
    """A badge and a name: `AG Ada Gale`."""
    text = voice_badge(voice, palette, style_of)
    text.append(" ")
    text.append(voice.name)
    return text


def argument_text(
    argument: Argument, palette: Palette, style_of: StyleOf, against: bool = False
) -> Text:
    """`AG Ada Gale  predicts · “almost certainly”: almost certain (95–99 %)`; a reported
    position says whose words report it."""
    voice, citation, reported_by = argument.voice, argument.citation, argument.reported_by
    text = voice_badge(voice, palette, style_of, against=against, reported=bool(reported_by))
    text.append(f" {voice.name}")
    if reported_by:
        names = ", ".join(v.name for v in reported_by)
        text.append(f" (as reported by {names})", style_of("label--muted"))
    text.append("  ")
    text.append(citation.stance.value, stance_style(citation.stance, style_of))
    text.append(" · ", style_of("label--muted"))
    text.append(hedge_phrase(citation.likelihood))
    return text
