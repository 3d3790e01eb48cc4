"""The benchmark's import figure: a page of about 1 MB, brought in and timed beside trafilatura
(no threshold here: the goal and the measured figure live in the README)."""

from __future__ import annotations

from pathlib import Path

from explorer.bench.importing import import_figure, import_rows, page_html
from explorer.importing.page import read_page


def test_the_page_is_about_1_mb_and_imports_as_its_article(tmp_path: Path) -> None:
    html = page_html()
    assert 0.95e6 <= len(html.encode()) <= 1.1e6
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    article = read_page(str(path))
    assert article.metadata.outlet == "The Daily" and article.metadata.authors == ("Jane Doe",)
    assert article.metadata.published == "2024-03-05"
    assert "Section 1" not in article.text and "Copyright" not in article.text
    # The headline and every paragraph of the article, and none of the teasers beside it.
    assert article.text.split("\n\n")[0] == "A long report"
    assert article.text.count("\n\n") == html.count("<p>")
    assert 'class="teaser"' in html and "teaser" not in article.text


def test_the_figure_is_a_ratio_of_the_two_times() -> None:
    figure = import_figure(1)
    assert figure["import_s"] > 0 and figure["trafilatura_extract_s"] > 0
    expected = figure["import_s"] / figure["trafilatura_extract_s"]
    assert abs(figure["ratio"] - expected) < 0.05  # of rounded figures
    assert import_rows({"import": figure})[0][0] == "import a 1.0 MB page ÷ trafilatura's extract()"
    assert import_rows({}) == []
