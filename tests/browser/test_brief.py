"""The HTML brief in a real browser: it renders cleanly, folds, prints every quote, and shows a
hostile corpus as text.

A screenshot of the bundled corpus's brief is kept in tests/browser/artifacts/ on every run;
`UPDATE_GOLDEN=1` also writes it to tests/browser/brief.png, the picture in the README.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page
from pypdf import PdfReader

from explorer.model import Corpus, Node
from explorer.outputs import html
from explorer.reading.load import load_corpus
from tests.browser.conftest import ARTIFACTS, Watched

ROOT = Path(__file__).resolve().parent.parent.parent
BUNDLED = ROOT / "scenarios" / "soleimani"
MINI = ROOT / "tests" / "fixtures" / "mini"
README_PICTURE = Path(__file__).parent / "brief.png"


def load(path: Path) -> Corpus:
    result = load_corpus(path)
    assert result.corpus is not None and not result.errors, result.diagnostics
    return result.corpus


def open_brief(page: Page, corpus: Corpus, folder: Path, fragment: str = "") -> Path:
    target = folder / "brief.html"
    target.write_text(html.render(corpus), encoding="utf-8")
    page.goto(target.as_uri() + fragment)
    return target


def no_space(text: str) -> str:
    """Text without any white space: a PDF breaks lines wherever the page is full (after a
    hyphen too), and extraction puts a line break there."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def bundled() -> Corpus:
    return load(BUNDLED)


def test_bundled_brief_renders_without_a_console_error_and_every_node_is_an_element(
    watched: Watched, bundled: Corpus, tmp_path: Path
) -> None:
    open_brief(watched.page, bundled, tmp_path)
    ids = [node.id for node in bundled.nodes()]
    assert len(ids) > 50
    missing = watched.page.evaluate(
        "ids => ids.filter(id => document.getElementById(id)?.tagName !== 'DETAILS')", ids
    )
    assert missing == []
    assert watched.page.title() == bundled.title
    # The one stylesheet was applied (the CSP allowed it by its hash): the tree is indented.
    indent = watched.page.eval_on_selector(".children", "el => getComputedStyle(el).marginLeft")
    assert indent not in ("", "0px")
    assert watched.errors == [], watched.errors

    # Kept for a person to look at: a node's quotes unfolded, in light and dark.
    watched.page.locator("#tensions-sharpen > .node-body > details.quotes > summary").click()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "brief-light.png"
    watched.page.screenshot(path=shot)
    assert shot.stat().st_size > 10_000
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.copyfile(shot, README_PICTURE)
    watched.page.emulate_media(color_scheme="dark")
    watched.page.screenshot(path=ARTIFACTS / "brief-dark.png")
    background = watched.page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
    assert background == "rgb(23, 25, 28)"  # the dark theme's, from prefers-color-scheme
    assert watched.errors == [], watched.errors


def test_the_readme_picture_is_a_screenshot_of_the_brief() -> None:
    data = README_PICTURE.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1100, 900)  # the viewport of the test's page


def test_clicking_a_summary_folds_and_unfolds_its_branch(
    watched: Watched, bundled: Corpus, tmp_path: Path
) -> None:
    open_brief(watched.page, bundled, tmp_path)
    page = watched.page
    # A question below a tree root: folded at first, its alternatives hidden.
    question = next(n for root in bundled.trigger.children for n in root.children if n.children)
    child = question.children[0]
    branch = page.locator(f"[id='{question.id}']")
    child_summary = page.locator(f"[id='{child.id}'] > summary")
    assert branch.evaluate("el => el.open") is False
    assert not child_summary.is_visible()
    page.locator(f"[id='{question.id}'] > summary").click()
    assert branch.evaluate("el => el.open") is True
    assert child_summary.is_visible()
    page.locator(f"[id='{question.id}'] > summary").click()
    assert branch.evaluate("el => el.open") is False
    assert not child_summary.is_visible()
    assert watched.errors == []


def deepest(node: Node, depth: int = 0) -> tuple[int, Node]:
    return max([(depth, node), *(deepest(c, depth + 1) for c in node.children)], key=lambda t: t[0])


def test_a_link_to_a_folded_node_opens_the_branches_above_it(
    watched: Watched, bundled: Corpus, tmp_path: Path
) -> None:
    depth, node = deepest(bundled.trigger)
    assert depth >= 3
    open_brief(watched.page, bundled, tmp_path, fragment=f"#{node.id}")
    assert watched.page.locator(f"[id='{node.id}'] > summary").is_visible()


@pytest.mark.slow  # pypdf reads Chromium's PDF glyph run by glyph run
def test_the_printed_brief_holds_every_quote_unfolded(
    watched: Watched, bundled: Corpus, tmp_path: Path
) -> None:
    open_brief(watched.page, bundled, tmp_path)
    pdf = watched.page.pdf(format="A4")
    (ARTIFACTS / "brief.pdf").parent.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "brief.pdf").write_bytes(pdf)
    printed = no_space("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))
    quotes = [c.quote for node in bundled.nodes() for c in node.citations]
    assert len(quotes) > 100
    missing = [quote for quote in quotes if no_space(quote) not in printed]
    assert missing == []
    # On screen, most of them are folded away: printing is what unfolded them.
    hidden = watched.page.evaluate(
        "[...document.querySelectorAll('blockquote')].filter(b => !b.checkVisibility()).length"
    )
    assert hidden > len(quotes) // 2


# -- a corpus someone else wrote -------------------------------------------------------------

HOSTILE = {
    "title: Do the fishing crews leave?\n": 'title: "<script>alert(1)</script>"\n',
    "title: Crews move north\n": 'title: "<img src=x onerror=alert(2)>"\n',
}


def hostile_copy(folder: Path) -> Path:
    target = folder / "hostile"
    shutil.copytree(MINI, target)
    crews = target / "crews.yaml"
    text = crews.read_text(encoding="utf-8")
    for plain, hostile in HOSTILE.items():
        assert plain in text
        text = text.replace(plain, hostile)
    crews.write_text(text, encoding="utf-8")
    corpus_file = target / "corpus.yaml"
    text = corpus_file.read_text(encoding="utf-8")
    text = text.replace(
        "    seed: harbour.txt\n", "    seed: harbour.txt\n    url: javascript:alert(3)\n"
    )
    text = text.replace("name: Ada Gale", f"name: {json.dumps('Ada <b onmouseover=alert(4)>')}")
    corpus_file.write_text(text, encoding="utf-8")
    return target


def test_a_hostile_corpus_shows_as_text_and_runs_nothing(watched: Watched, tmp_path: Path) -> None:
    corpus = load(hostile_copy(tmp_path))
    assert any(s.url == "javascript:alert(3)" for s in corpus.sources)
    page = watched.page
    open_brief(page, corpus, tmp_path)
    # Open every fold and hover and click every name and address, as a curious reader would.
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    for locator in page.locator("abbr").all():
        locator.hover()
    addresses = page.locator(".address").all()
    assert addresses
    for locator in addresses:
        locator.click()
    assert watched.dialogs == []
    assert page.evaluate("document.querySelectorAll('script, img, b, [onerror]').length") == 0
    assert page.get_by_text("<script>alert(1)</script>").first.is_visible()
    assert page.get_by_text("<img src=x onerror=alert(2)>").first.is_visible()
    assert page.get_by_text("javascript:alert(3)").first.is_visible()
    schemes = page.evaluate("[...document.querySelectorAll('[href]')].map(a => a.protocol)")
    assert schemes and set(schemes) <= {"file:", "http:", "https:"}
    assert page.url.startswith("file:")  # no click went anywhere
    assert watched.errors == [], watched.errors
    # The watch does see a dialog when one opens (CSP forbids the page's scripts, not ours).
    page.evaluate("alert('probe')")
    assert watched.dialogs == ["alert: probe"]
