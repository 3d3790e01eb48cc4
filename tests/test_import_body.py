"""The article's text, and only it: measured with the article-extraction benchmark's own metric
on its pages and human-made ground truth (tests/article_pages/benchmark), and the line rules
as properties."""

from __future__ import annotations

import gzip
import json
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import html as lxml_html  # type: ignore[import-untyped]

from explorer.importing.body import article_body, extract_body, paragraphs, shingles
from explorer.importing.errors import ImportRefused
from tests.import_pages import BENCHMARK


def _scores(predicted: str, truth: str) -> tuple[float, float]:
    """Precision and recall of one page: the overlaps of the two multisets of 4-word shingles,
    normalised by their sums; with nothing predicted, precision is 0 where the truth has some."""
    ours, theirs = shingles(predicted), shingles(truth)
    true_positive = sum((ours & theirs).values())
    false_positive = sum((ours - theirs).values())
    false_negative = sum((theirs - ours).values())
    if not ours:
        precision = 0.0 if theirs else 1.0
    else:
        precision = true_positive / (true_positive + false_positive)
    recall = true_positive / (true_positive + false_negative) if theirs else 1.0
    return precision, recall


def _extract(html: str) -> str:
    try:
        return extract_body(html, lxml_html.document_fromstring(html), "page")
    except ImportRefused:
        return ""


@pytest.mark.slow
def test_on_the_benchmark_f1_is_at_least_096_with_precision_at_least_095() -> None:
    truth = json.loads((BENCHMARK / "ground-truth.json").read_text(encoding="utf-8"))
    precisions: list[float] = []
    recalls: list[float] = []
    for page_id, expected in sorted(truth.items()):
        html = gzip.decompress((BENCHMARK / "html" / f"{page_id}.html.gz").read_bytes())
        precision, recall = _scores(_extract(html.decode("utf-8")), expected["articleBody"])
        precisions.append(precision)
        recalls.append(recall)
    assert len(precisions) == 102
    precision = sum(precisions) / len(precisions)
    recall = sum(recalls) / len(recalls)
    f1 = 2 * precision * recall / (precision + recall)
    assert precision >= 0.95, (precision, recall, f1)
    assert f1 >= 0.96, (precision, recall, f1)


def test_the_metric_counts_shingles_as_multisets() -> None:
    assert shingles("a b c d e") == Counter({("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1})
    assert _scores("one two three four", "one two three four five") == (1.0, 0.5)
    assert _scores("", "one two three four") == (0.0, 0.0)


def test_page_furniture_lines_go_and_the_article_stays() -> None:
    text = (
        "The minister said the talks would resume.\n"
        "Read more: Ten things about talks\n"
        "https://example.org/share\n"
        "Follow us on Twitter @example\n"
        "Sign up for our newsletter to get it in your inbox\n"
        "Copyright © 2020 Example Media. All rights reserved.\n"
        "Talks fail again [VIDEO]\n"
        "  Observers doubt it.  \n"
    )
    assert paragraphs(text) == (
        "The minister said the talks would resume.\n\nObservers doubt it.\n"
    )


def test_article_body_comes_from_the_pages_article_object_only() -> None:
    page = (
        '<html><head><script type="application/ld+json"><![CDATA[[{"@type": "WebPage", '
        '"articleBody": "not this"}, {"@type": "NewsArticle", "articleBody": "this one"}]]]>'
        "</script></head><body></body></html>"
    )
    assert article_body(lxml_html.document_fromstring(page)) == "this one"


def test_a_page_without_article_text_is_refused() -> None:
    html = "<html><body><nav><a href='/'>Home</a></nav></body></html>"
    with pytest.raises(ImportRefused, match="no article text"):
        extract_body(html, lxml_html.document_fromstring(html), "nav.html")


_LINES = st.lists(
    st.one_of(
        st.text(st.characters(codec="utf-8", exclude_characters="\n\r"), max_size=40),
        st.sampled_from(["Read more: x", "Advertisement", "  ", "- item", "\x00\x1b"]),
    ),
    max_size=12,
)


@given(_LINES)
def test_paragraphs_are_blank_line_separated_stripped_lines_of_the_input(lines: list[str]) -> None:
    text = paragraphs("\n".join(lines))
    if not text:
        return
    assert text.endswith("\n") and not text.endswith("\n\n")
    kept = text[:-1].split("\n\n")
    assert all(part and part == part.strip() and "\n" not in part for part in kept)
    assert paragraphs(text) == text  # a seed read again is unchanged
    assert not any(c in text for c in "\x00\x1b\r")
