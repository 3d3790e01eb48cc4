"""The corpus as one self-contained HTML page, the brief (`explorer export --format html`).

Jinja2 renders `templates/brief.html.j2` with autoescaping on, so every text from the corpus is
escaped; only `http`/`https` addresses become links. The page fetches nothing: its one stylesheet
(`templates/brief.css`) is inline, allowed by its hash in a Content-Security-Policy that forbids
every other resource, and branches fold with `<details>`, which needs no script. What it shows
is worked out in `brief_page` from the analysis queries.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from collections.abc import Callable
from importlib import resources
from typing import Any

import jinja2
from markupsafe import Markup

from explorer.analysis.hindsight import OutcomeMark
from explorer.analysis.outcomes import MOOT
from explorer.model import Corpus
from explorer.outputs.brief_page import (
    AGAINST_GLYPH,
    EVENT_GLYPH,
    QUESTION_GLYPH,
    REPORTED_GLYPH,
    SOURCE_ANCHOR,
    BriefPage,
    web_address,
)
from explorer.outputs.classes import mark_class
from explorer.outputs.common import corpus_counts
from explorer.outputs.markdown import SUMMARY_LABEL
from explorer.outputs.scorecard_view import BRIER_LABEL, STATUSES, TOO_FEW
from explorer.paths import shown_path
from explorer.reading.load import collector_paused

__all__ = ["SOURCE_ANCHOR", "content_security_policy", "render", "stylesheet", "web_address"]


class _Rendered(dict[Any, Markup]):
    """A macro's output for each value the page asks for, rendered on first use."""

    def __init__(self, macro: Callable[[Any], Markup]) -> None:
        super().__init__()
        self.macro = macro

    def __missing__(self, key: Any) -> Markup:
        rendered = self[key] = self.macro(key)
        return rendered


def _resource(name: str) -> str:
    return (resources.files("explorer.outputs") / "templates" / name).read_text(encoding="utf-8")


@functools.cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FunctionLoader(_resource),
        autoescape=True,  # every value is escaped unless marked safe; only the CSS is
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals.update(
        against_glyph=AGAINST_GLYPH,
        reported_glyph=REPORTED_GLYPH,
        question_glyph=QUESTION_GLYPH,
        event_glyph=EVENT_GLYPH,
    )
    environment.filters["mark_class"] = mark_class
    return environment


def stylesheet() -> str:
    return _resource("brief.css")


def content_security_policy(css: str) -> str:
    """Nothing may load or run but the one inline stylesheet, named by its hash."""
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return (
        f"default-src 'none'; style-src 'sha256-{digest}'; img-src 'none'; font-src 'none'; "
        "script-src 'none'; connect-src 'none'; media-src 'none'; object-src 'none'; "
        "frame-src 'none'; base-uri 'none'; form-action 'none'"
    )


def render(corpus: Corpus) -> str:
    with collector_paused():
        return _render(corpus)


def _render(corpus: Corpus) -> str:
    page = BriefPage(corpus)
    nodes, still_open = page.nodes()
    trees, node_count, citations = corpus_counts(page.index)
    css = stylesheet()
    parts = _environment().get_template("parts.html.j2").module
    matrix = page.matrix()
    return (
        _environment()
        .get_template("brief.html.j2")
        .render(
            badge_html=_Rendered(parts.badge),  # type: ignore[attr-defined]
            badges_html=_Rendered(parts.badges),  # type: ignore[attr-defined]
            where_html=_Rendered(parts.where),  # type: ignore[attr-defined]
            footer_html=_Rendered(parts.footer),  # type: ignore[attr-defined]
            corpus=corpus,
            folder=shown_path(str(corpus.folder)),
            counts={"trees": trees, "nodes": node_count, "citations": citations},
            csp=content_security_policy(css),
            css=Markup(css),  # ours, from the package: the one text not escaped
            nodes=nodes,
            still_open=still_open,
            people=page.people(),
            matrix=matrix,
            # Each question with its cells, one per voice (None where the voice is silent).
            matrix_rows=[
                (q, [matrix.cell(q.id, v.key) for v in matrix.voices]) for q in matrix.questions
            ],
            palette=page.palette,
            numbers=page.numbers,
            cards=page.cards(),
            statuses=[*(s.value for s in STATUSES), MOOT],
            brier_label=BRIER_LABEL,
            too_few=TOO_FEW,
            summary_label=SUMMARY_LABEL,
            source_anchor=SOURCE_ANCHOR,
            sources=page.sources(),
            outcome_marks=list(OutcomeMark),
            has_outcomes=page.index.has_outcomes,
            has_reports=page.index.has_reports,
        )
    )
