"""The import figure: bringing in a page of about 1 MB (read, charset, extraction, articleBody
comparison, metadata) ÷ trafilatura's own `extract()` of the same page."""

from __future__ import annotations

import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

_TEXT = (
    "the minister said talks would resume after the vote while analysts warned that the "
    "ceasefire could fail if neither side gave ground on prisoners borders or trade"
)
WORDS = _TEXT.split()


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(8, 24))
    return " ".join(words).capitalize() + "."


def page_html(target_bytes: int = 1_000_000, seed: int = 7) -> str:
    """A news page of about `target_bytes`: navigation, teasers and comments around one long
    article, with the metadata a news site gives."""
    rng = random.Random(seed)
    nav = "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(150))
    head = (
        "<!doctype html><html><head><meta charset='utf-8'><title>A long report - The Daily</title>"
        "<meta property='og:site_name' content='The Daily'>"
        "<meta property='article:published_time' content='2024-03-05T08:00:00Z'>"
        "<meta name='author' content='Jane Doe'><link rel='canonical' "
        "href='https://daily.example/report'></head><body>"
        f"<header><nav><ul>{nav}</ul></nav></header><main><article><h1>A long report</h1>"
    )
    parts = [head]
    size = len(head)
    while size < target_bytes * 0.85:
        paragraph = "<p>" + " ".join(_sentence(rng) for _ in range(5)) + "</p>"
        parts.append(paragraph)
        size += len(paragraph)
    parts.append("</article><aside>")
    while size < target_bytes:
        teaser = f'<div class="teaser"><a href="/t/{size}">{_sentence(rng)}</a></div>'
        parts.append(teaser)
        size += len(teaser)
    parts.append("</aside></main><footer>Copyright The Daily</footer></body></html>")
    return "".join(parts)


def _best(run: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def import_figure(repeat: int) -> dict[str, float]:
    import trafilatura

    from explorer.importing.page import read_page

    html = page_html()
    with tempfile.TemporaryDirectory() as name:
        path = Path(name) / "page.html"
        path.write_text(html, encoding="utf-8")
        ours = _best(lambda: read_page(str(path)), repeat)
    theirs = _best(lambda: trafilatura.extract(html), repeat)
    return {
        "page_mb": round(len(html.encode()) / 1e6, 2),
        "import_s": round(ours, 3),
        "trafilatura_extract_s": round(theirs, 3),
        "ratio": round(ours / theirs, 2),
    }


def import_rows(figures: dict[str, Any]) -> list[tuple[str, str]]:
    """The benchmark table's row for the import figure, when it was measured."""
    page = figures.get("import")
    if page is None:
        return []
    return [
        (
            f"import a {page['page_mb']:.1f} MB page ÷ trafilatura's extract()",
            f"{page['ratio']:.2f}x ({page['import_s']:.2f} s)",
        )
    ]
