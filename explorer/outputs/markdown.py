"""The corpus as a readable Markdown brief: the trees with every claim and quote, then by person.

All YAML text passes through `inline`, which backslash-escapes what CommonMark (and GitHub's
additions: tables, strikethrough, math) would otherwise read as syntax, so a title like
`*not* [a link](x)` shows as written.
"""

from __future__ import annotations

import re

from explorer.analysis.hindsight import OutcomeMark
from explorer.analysis.likelihood import hedge_phrase
from explorer.analysis.outcomes import moot_condition
from explorer.analysis.queries import CorpusIndex, Voice
from explorer.model import (
    Citation,
    Corpus,
    Node,
    Outcome,
    QuoteEvidence,
    Reference,
    Source,
    date_text,
)
from explorer.outputs.common import (
    Placed,
    corpus_counts,
    credited,
    kind_word,
    one_line,
    placed_nodes,
    relation,
    stances_by_voice,
)
from explorer.paths import shown_path

# Characters that start or end inline syntax anywhere in a line: emphasis, code, links, raw HTML
# and autolinks, headings' closing #, GFM tables, strikethrough and math.
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~$])")
# `&` only matters where it would begin an entity reference such as `&amp;` or `&#35;`.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# At the start of a line: list markers, setext underlines, ordered-list numbers.
_LINE_START = re.compile(r"^(?:([-+=])|(\d+)([.)]))")

# Backslash escapes do not work inside an autolink, so only addresses that need none are linked;
# other schemes (javascript:, data:) are never made clickable.
_WEB_URL = re.compile(r"https?://[^\s<>\x00-\x1f\x7f]+")

MAX_HEADING = 6
# A reference's summary is ours, never checked against a text: the brief says so, as the TUI does.
SUMMARY_LABEL = "Summary, not verified against a stored text"


def inline(text: str) -> str:
    """YAML text as one line of Markdown that renders as exactly that text (white space folded)."""
    escaped = _ENTITY.sub(r"\\&", _SPECIAL.sub(r"\\\1", one_line(text)))
    return _LINE_START.sub(
        lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), escaped
    )


def code(text: str) -> str:
    """A code span that holds any text: the fence is longer than any run of backticks inside."""
    text = one_line(text)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _heading(level: int, text: str) -> str:
    return f"{'#' * min(level, MAX_HEADING)} {text}"


def _voice(voice: Voice) -> str:
    """`Ada Gale (AG)`; an outlet standing in for its author: `Ledger (LW, author not named)`."""
    if isinstance(voice.subject, Source):
        return f"{inline(voice.subject.outlet)} ({inline(voice.short)}, author not named)"
    return f"{inline(voice.name)} ({inline(voice.short)})"


def _names(voices: tuple[Voice, ...]) -> str:
    return ", ".join(_voice(v) for v in voices)


def _numbered(number: str, title: str) -> str:
    """Tree roots read "1. Title", nodes below "1.2 Title"; the trigger has no number."""
    if not number:
        return f"Trigger: {title}"
    return f"{number}{'' if '.' in number else '.'} {title}"


def _reference(number: str) -> str:
    """Where a node is in the brief, in words that cannot start a list ("1." would)."""
    if not number:
        return "trigger"
    return number if "." in number else f"tree {number}"


def _citation(citation: Citation, index: CorpusIndex) -> list[str]:
    source = index.sources.get(citation.source)
    if source is None:
        where = f"unknown source {code(citation.source)}"
    else:
        published = inline(date_text(source.published))
        where = f"*{inline(source.title)}* ({inline(source.outlet)}, {published})"
    attribution = " · ".join(
        [
            f"— {inline(credited(citation, index))}, {where}",
            citation.stance.value,
            inline(hedge_phrase(citation.likelihood, "likelihood not stated")),
        ]
    )
    return [f"> {inline(citation.quote)}", ">", f"> {attribution}", ""]


def _outcome(
    outcome: Outcome,
    index: CorpusIndex,
    references: dict[str, Reference],
    moot_because: Node | None = None,
) -> list[str]:
    """`**Outcome:** did not happen, 2022-02 (as of 2024-06-01). The note.` and its evidence: a
    seed quote as a quote with its source, a reference with its summary labelled as ours. An open
    outcome whose condition did not happen says it is moot."""
    when = f", {inline(date_text(outcome.date))}" if outcome.date is not None else ""
    head = f"**Outcome:** {OutcomeMark.of_status(outcome.status).meaning}{when}"
    if moot_because is not None:
        head += f" — moot: its condition, *{inline(moot_because.title)}*, did not happen"
    head += f" (as of {inline(date_text(outcome.as_of))})."
    if outcome.note:
        head += f" {inline(outcome.note)}"
    lines = [head, ""]
    for evidence in outcome.evidence:
        if isinstance(evidence, QuoteEvidence):
            source = index.sources.get(evidence.source)
            where = (
                f"*{inline(source.title)}* ({inline(source.outlet)}, "
                f"{inline(date_text(source.published))})"
                if source is not None
                else f"unknown source {code(evidence.source)}"
            )
            lines.append(f"- Evidence: “{inline(evidence.quote)}” — {where}")
            continue
        reference = references.get(evidence.reference)
        if reference is None:
            where = f"unknown reference {code(evidence.reference)}"
        else:
            where = (
                f"*{inline(reference.title)}* ({inline(reference.publisher)}, "
                f"{inline(date_text(reference.date))}) {markdown_url(reference.url)}"
            )
        lines.append(f"- Evidence: {where} — {SUMMARY_LABEL}: {inline(evidence.summary)}")
    return [*lines, ""] if outcome.evidence else lines


def _node(placed: Placed, index: CorpusIndex, references: dict[str, Reference]) -> list[str]:
    node = placed.node
    # The trigger and the tree roots are level 2; each level below goes one deeper.
    level = 2 + max(placed.depth - 1, 0)
    title = _numbered(placed.number, inline(node.title))
    where = relation(placed.parent, placed.depth)
    facts = [f"*{kind_word(node).capitalize()}, {where}*", code(node.id)]
    if node.tags:
        facts.append("tags: " + ", ".join(inline(t) for t in node.tags))
    if node.horizon is not None:
        facts.append(f"horizon: {node.horizon.value}")
    if node.see_also:
        facts.append("see also: " + ", ".join(code(s) for s in node.see_also))
    lines = [_heading(level, title), "", " · ".join(facts), ""]
    if node.claim:
        lines += [inline(node.claim), ""]
    pro, con = index.supporters(node), index.opponents(node)
    who = [f"**For:** {_names(pro) or 'no one'}"]
    if con:
        who.append(f"**Against:** {_names(con)}")
    lines += [" · ".join(who), ""]
    for citation in node.citations:
        lines += _citation(citation, index)
    if node.outcome is not None:
        lines += _outcome(node.outcome, index, references, moot_condition(index, node))
    return lines


def _by_person(index: CorpusIndex, numbers: dict[str, str]) -> list[str]:
    lines = ["## By person", ""]
    for voice in index.cited_voices():
        lines += [_heading(3, _voice(voice)), ""]
        lines += [inline(voice.role), ""]
        for node in index.nodes_argued_by(voice.key):
            stances = stances_by_voice(node, index)[voice.key][1]
            sides = {s.supports for s in stances}
            side = "for and against" if len(sides) == 2 else ("for" if True in sides else "against")
            where = _reference(numbers.get(node.id, ""))
            reported = " (as reported)" if voice.key in index.reported_only(node) else ""
            lines.append(
                f"- **{inline(node.title)}** ({where}) — {side}{reported}: "
                + ", ".join(s.value for s in stances)
            )
        lines.append("")
    return lines


def markdown_url(url: str) -> str:
    """An autolink for a plain web address; any other text (or scheme) is shown, not linked."""
    if _WEB_URL.fullmatch(url):
        return f"<{url}>"
    return inline(url)


def _sources(corpus: Corpus, index: CorpusIndex) -> list[str]:
    lines = ["## Sources", ""]
    for source in corpus.sources:
        authors = ", ".join(index.people[a].name for a in source.authors if a in index.people)
        by = f", by {inline(authors)}" if authors else ", author not named"
        date = inline(date_text(source.published))
        if source.published_note:
            date += f" ({inline(source.published_note)})"
        line = (
            f"- *{inline(source.title)}* — {inline(source.outlet)}, {date}, {source.kind_text}{by}"
        )
        if source.url:
            line += f". {markdown_url(source.url)}"
        lines.append(line)
    return [*lines, ""]


def render(corpus: Corpus) -> str:
    index = CorpusIndex(corpus)
    trees, nodes, citations = corpus_counts(index)
    lines = [_heading(1, inline(corpus.title)), ""]
    if corpus.summary:
        lines += [inline(corpus.summary), ""]
    lines += [
        f"Corpus {code(corpus.id)} (read from {code(shown_path(str(corpus.folder)))}): "
        f"{trees} trees, {nodes} nodes, {citations} cited quotes from {len(corpus.sources)} "
        "sources.",
        "",
    ]
    numbers: dict[str, str] = {}
    references = {reference.id: reference for reference in corpus.references}
    for placed in placed_nodes(index):
        numbers[placed.node.id] = placed.number
        lines += _node(placed, index, references)
    lines += _by_person(index, numbers)
    lines += _sources(corpus, index)
    return "\n".join(lines).rstrip("\n") + "\n"
