"""The HTML brief: its export time ÷ the JSON export's, and opening a folded branch in Chromium."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Any

from explorer.bench.loading import timed

CHROMIUM = Path("/usr/bin/chromium")  # Debian's; Playwright never downloads a browser here
# The machine's network is closed: nothing that would phone home, and no sandbox (CI runs as root).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The branch with the most children (a tree root, open at first: each run folds it first),
# kept for the runs that open it.
PICK_LARGEST = """() => {
    const folded = [...document.querySelectorAll('details.node')];
    const size = d => d.querySelector(':scope > .children').childElementCount;
    window.benchBranch = folded.reduce((a, b) => (size(b) > size(a) ? b : a));
    return size(window.benchBranch);
}"""
# Fold it and let a frame be drawn; then open it, lay the page out, and wait until the frame
# that shows it has been drawn.
OPEN_BRANCH = """() => new Promise(resolve => {
    const branch = window.benchBranch;
    branch.open = false;
    void document.documentElement.getBoundingClientRect().height;
    requestAnimationFrame(() => setTimeout(() => {
        const started = performance.now();
        branch.open = true;
        void document.documentElement.getBoundingClientRect().height;
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - started), 0));
    }, 0));
})"""
RUNS = 5


def export_html(corpus_folder: Path, repeat: int) -> dict[str, Any]:
    """Both exports timed in a fresh process (the benchmark's own heap would make the garbage
    collector's share differ from what `explorer export` meets), then the page in Chromium."""
    with tempfile.TemporaryDirectory() as name:
        page_file = Path(name) / "brief.html"
        done = subprocess.run(
            [sys.executable, "-m", "explorer.bench.brief", str(corpus_folder), str(repeat)],
            input=str(page_file),
            capture_output=True,
            text=True,
            check=True,
        )
        figures: dict[str, Any] = json.loads(done.stdout)
        figures.update(_open_branch(page_file.read_text(encoding="utf-8")))
    return figures


def _timed_exports(corpus_folder: Path, repeat: int, page_file: Path) -> dict[str, Any]:
    """Both exports of one loaded corpus, best of `repeat`; the page is kept for the browser."""
    from explorer.outputs.formats import render
    from explorer.reading.load import load_corpus

    corpus = load_corpus(corpus_folder).corpus
    assert corpus is not None
    json_s = timed(partial(render, "json", corpus), repeat)
    html_s = timed(partial(render, "html", corpus), repeat)
    page = render("html", corpus)
    page_file.write_text(page, encoding="utf-8")
    return {
        "nodes": sum(1 for _ in corpus.nodes()),
        "json_s": round(json_s, 4),
        "html_s": round(html_s, 4),
        "ratio": round(html_s / json_s, 2),
        "html_mb": round(len(page.encode("utf-8")) / 1e6, 1),
    }


def _open_branch(page: str) -> dict[str, Any]:
    if not CHROMIUM.is_file():
        return {"open_branch_skipped": f"{CHROMIUM} is not installed (apt-get install chromium)"}
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as name, sync_playwright() as playwright:
        target = Path(name) / "brief.html"
        target.write_text(page, encoding="utf-8")
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            tab = browser.new_page(viewport={"width": 1100, "height": 900})
            started = time.perf_counter()
            tab.goto(target.as_uri())
            loaded_s = time.perf_counter() - started
            children = tab.evaluate(PICK_LARGEST)
            runs = sorted(tab.evaluate(OPEN_BRANCH) for _ in range(RUNS))
        finally:
            browser.close()
    return {
        "open_branch_ms": round(runs[len(runs) // 2], 1),
        "open_branch_max_ms": round(runs[-1], 1),
        "open_branch_children": children,
        "page_load_s": round(loaded_s, 2),
    }


def table_rows(figures: dict[str, Any]) -> list[tuple[str, str]]:
    """The brief's lines of the benchmark table."""
    brief = figures.get("export_html")
    if brief is None:
        return []
    size = f"{brief['nodes']:,} nodes"
    if "open_branch_ms" in brief:
        opened = (
            f"{brief['open_branch_ms']:.1f} ms (max {brief['open_branch_max_ms']:.1f}; "
            f"page loaded in {brief['page_load_s']:.2f} s)"
        )
    else:
        opened = brief["open_branch_skipped"]
    return [
        (f"HTML brief ÷ JSON export, {size}", f"{brief['ratio']:.2f}x"),
        (
            f"open the brief's largest branch ({brief.get('open_branch_children', '?')} "
            f"children) in Chromium, {size}",
            opened,
        ),
    ]


if __name__ == "__main__":  # the fresh process of `export_html`: folder and repeat as arguments
    figures = _timed_exports(Path(sys.argv[1]), int(sys.argv[2]), Path(sys.stdin.read()))
    print(json.dumps(figures))
