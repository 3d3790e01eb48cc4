"""The HTML brief without a browser: parsed back with `html.parser`, it holds the corpus's texts
exactly, an element per node, no outside resource and no link but to the web or the page itself.
(The browser's view of it: tests/browser/test_brief.py.)"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.cli import main
from explorer.model import Corpus, Node
from explorer.outputs import html
from explorer.reading.load import load_corpus

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "scenarios" / "soleimani"
MINI = ROOT / "tests" / "fixtures" / "mini"
# Attributes through which a page loads or runs something.
LOADING = {"src", "srcset", "data", "poster", "background", "action", "formaction", "style"}
LOADING_TAGS = {"script", "img", "link", "iframe", "object", "embed", "base", "audio", "video"}


@attrs.define
class Element:
    tag: str
    attrs: dict[str, str | None]
    text: str = ""  # the text inside it, children's included


class Page(HTMLParser):
    """Every element with its attributes and text; the <style> and the CSP meta apart."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self._open: list[Element] = []
        self.feed(source)
        self.close()
        assert self._open == [], [e.tag for e in self._open]  # every element was closed

    VOID = frozenset({"meta", "br", "hr", "input", "link", "img", "wbr", "source"})

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attributes))
        self.elements.append(element)
        if tag not in self.VOID:
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        assert self._open and self._open[-1].tag == tag, (tag, [e.tag for e in self._open])
        self._open.pop()

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.text += data

    def by_id(self) -> dict[str, Element]:
        ids: dict[str, Element] = {}
        for element in self.elements:
            if (key := element.attrs.get("id")) is not None:
                assert key not in ids, f"id {key!r} used twice"
                ids[key] = element
        return ids

    def of(self, tag: str) -> list[Element]:
        return [e for e in self.elements if e.tag == tag]


def load(path: Path) -> Corpus:
    result = load_corpus(path)
    assert result.corpus is not None and not result.errors, result.diagnostics
    return result.corpus


@pytest.fixture(scope="module")
def bundled() -> Corpus:
    return load(BUNDLED)


@pytest.fixture(scope="module")
def bundled_page(bundled: Corpus) -> Page:
    return Page(html.render(bundled))


def test_nothing_outside_the_page_is_loaded(bundled_page: Page) -> None:
    for element in bundled_page.elements:
        assert element.tag not in LOADING_TAGS, element
        assert not LOADING & set(element.attrs), element
        assert not any(name.startswith("on") for name in element.attrs), element
        href = element.attrs.get("href")
        if href is not None:
            assert href.startswith("#") or urlsplit(href).scheme in ("http", "https"), href
    links = [e.attrs["href"] for e in bundled_page.of("a")]
    assert any(h and h.startswith("https://") for h in links)  # the sources' own addresses


def test_the_csp_forbids_everything_but_the_inline_stylesheet(bundled_page: Page) -> None:
    (meta,) = [
        e for e in bundled_page.of("meta") if e.attrs.get("http-equiv") == "Content-Security-Policy"
    ]
    policy = {
        name: rest.split()
        for name, _, rest in (
            d.strip().partition(" ") for d in (meta.attrs["content"] or "").split(";")
        )
    }
    assert policy["default-src"] == ["'none'"]
    for directive in ("script-src", "img-src", "font-src", "connect-src", "base-uri"):
        assert policy[directive] == ["'none'"], directive
    (style,) = bundled_page.of("style")
    digest = base64.b64encode(hashlib.sha256(style.text.encode()).digest()).decode()
    assert policy["style-src"] == [f"'sha256-{digest}'"]
    assert style.text == html.stylesheet()
    # The CSP meta comes before anything it governs.
    assert bundled_page.elements.index(meta) < bundled_page.elements.index(style)


def test_every_node_is_a_details_with_its_id_and_a_link_to_itself(
    bundled: Corpus, bundled_page: Page
) -> None:
    ids = bundled_page.by_id()
    nodes = list(bundled.nodes())
    for node in nodes:
        element = ids[node.id]
        assert element.tag == "details" and node.title in element.text
    anchors = {
        e.attrs["href"] for e in bundled_page.of("a") if "anchor" in (e.attrs.get("class") or "")
    }
    assert anchors == {f"#{node.id}" for node in nodes}
    # Every in-page link leads to an element of the page.
    for element in bundled_page.of("a"):
        href = element.attrs["href"] or ""
        if href.startswith("#"):
            assert href[1:] in ids, href
    # Only the trigger and the tree roots start open.
    opened = {key for key, e in ids.items() if e.tag == "details" and "open" in e.attrs}
    assert opened == {bundled.trigger.id, *(root.id for root in bundled.trigger.children)}


def test_the_brief_holds_every_quote_person_source_and_section(
    bundled: Corpus, bundled_page: Page
) -> None:
    text = " ".join(" ".join(e.text.split()) for e in bundled_page.of("blockquote"))
    for node in bundled.nodes():
        for citation in node.citations:
            assert " ".join(citation.quote.split()) in text
    body = bundled_page.of("body")[0].text
    for person in bundled.people:
        assert person.name in body
    for source in bundled.sources:
        assert source.title in body
    ids = bundled_page.by_id()
    for section in (
        "brief_tree",
        "brief_people",
        "brief_matrix",
        "brief_scorecard",
        "brief_sources",
    ):
        assert ids[section].tag == "section"
    assert "How the scorecard is made" in ids["brief_scorecard"].text
    assert "Brier" in ids["brief_scorecard"].text
    assert "✓" in ids["brief_tree"].text  # the hindsight marks


def test_badges_name_who_argues_for_and_against_in_their_colour(bundled_page: Page) -> None:
    voices = [e for e in bundled_page.of("abbr") if e.attrs.get("title")]  # not the legend's
    assert voices
    for element in voices:
        classes = (element.attrs.get("class") or "").split()
        title = element.attrs.get("title") or ""
        assert any(re.fullmatch(r"person--\d", c) for c in classes), classes
        if "against" in classes:
            assert element.text.startswith("¬") and " argues against this" in title
        else:
            assert " argues for this" in title
        assert element.text.endswith("ʳ") == title.endswith("(as another author reports it)")
    assert any("against" in (e.attrs.get("class") or "") for e in voices)
    assert any(e.text.endswith("ʳ") for e in voices)
    assert any((e.attrs.get("title") or "").startswith("Stephen Hadley ") for e in voices)


def test_cli_writes_the_brief(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "brief.html"
    assert main(["export", str(MINI), "--format", "html", "-o", str(target)]) == 0
    assert capsys.readouterr().out == ""
    assert target.read_text(encoding="utf-8") == html.render(load(MINI))


# -- escaping --------------------------------------------------------------------------------

texts = st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=60).filter(
    lambda t: t.strip() != ""
)


def retitled(corpus: Corpus, title: str, claim: str, name: str, source_title: str) -> Corpus:
    trigger = corpus.trigger
    first = trigger.children[0]
    children = (attrs.evolve(first, claim=claim), *trigger.children[1:])
    people = (attrs.evolve(corpus.people[0], name=name), *corpus.people[1:])
    sources = (attrs.evolve(corpus.sources[0], title=source_title), *corpus.sources[1:])
    new_trigger: Node = attrs.evolve(trigger, title=title, children=children)
    return attrs.evolve(corpus, trigger=new_trigger, people=people, sources=sources)


@pytest.fixture(scope="module")
def mini() -> Corpus:
    return load(MINI)


# Each example renders a whole page: 300 cover the escaping without costing the suite half a minute.
@settings(max_examples=300)
@given(title=texts, claim=texts, name=texts, source_title=texts)
def test_any_text_shows_exactly_as_written(
    mini: Corpus, title: str, claim: str, name: str, source_title: str
) -> None:
    corpus = retitled(mini, title, claim, name, source_title)
    page = Page(html.render(corpus))  # it parses, every element closed
    ids = page.by_id()
    titles = [e.text for e in page.of("span") if e.attrs.get("class") == "title"]
    assert titles[0] == title
    claims = [e.text for e in page.of("p") if e.attrs.get("class") == "claim"]
    assert claim in claims
    assert any((e.attrs.get("title") or "").startswith(name) for e in page.of("abbr"))
    source = ids[html.SOURCE_ANCHOR + corpus.sources[0].id]
    assert [e.text for e in page.of("cite")].count(
        source_title
    ) >= 1 and source_title in source.text
    assert page.of("title")[0].text == corpus.title
    assert not any(e.tag in LOADING_TAGS for e in page.elements)


HOSTILE_ADDRESSES = [
    "javascript:alert(3)",
    "JavaScript:alert(3)",
    " javascript:alert(3)",
    "java\tscript:alert(3)",
    "javascript\n:alert(3)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/x",
    "https:evil.example",
    "https://",
    "http://[::1",
    "file:///etc/passwd",
    "/relative/path",
    "https://example.org/a b",
]


@pytest.mark.parametrize("address", HOSTILE_ADDRESSES)
def test_only_web_addresses_become_links(mini: Corpus, address: str) -> None:
    assert html.web_address(address) is None
    source = attrs.evolve(mini.sources[0], url=address)
    page = Page(html.render(attrs.evolve(mini, sources=(source, *mini.sources[1:]))))
    hrefs = [e.attrs["href"] or "" for e in page.of("a")]
    assert all(h.startswith("#") or urlsplit(h).scheme in ("http", "https") for h in hrefs)
    shown = [e.text for e in page.elements if "not-linked" in (e.attrs.get("class") or "")]
    assert address in shown  # shown as text, not dropped


@given(st.text(max_size=40))
def test_a_link_is_always_http_or_https_with_a_host(address: str) -> None:
    kept = html.web_address(address)
    if kept is not None:
        parts = urlsplit(kept)
        assert parts.scheme in ("http", "https") and parts.hostname
        assert not any(c.isspace() for c in kept)


def test_web_addresses_stay_links(mini: Corpus) -> None:
    for address in ("https://example.org/a?b=c&d=<e>#f", "http://例え.jp/パス"):
        assert html.web_address(address) == address
    source = attrs.evolve(mini.sources[0], url='https://example.org/"onmouseover=x')
    page = Page(html.render(attrs.evolve(mini, sources=(source, *mini.sources[1:]))))
    hrefs = [e.attrs["href"] for e in page.of("a") if (e.attrs.get("href") or "").startswith("h")]
    # One attribute each, quote and all: at each citation of the source and in the list.
    assert hrefs and set(hrefs) == {'https://example.org/"onmouseover=x'}
    assert all(set(e.attrs) <= {"href", "class", "rel", "title"} for e in page.of("a"))


def test_the_page_templates_ship_inside_the_package() -> None:
    from importlib import resources

    folder = resources.files("explorer.outputs") / "templates"
    assert (folder / "brief.html.j2").is_file() and (folder / "brief.css").is_file()


def test_the_scorecard_counts_moot_forecasts_apart_as_the_other_views_do(
    bundled: Corpus, bundled_page: Page
) -> None:
    from explorer.analysis.outcomes import MOOT, scorecards
    from explorer.analysis.queries import CorpusIndex

    table = next(e for e in bundled_page.of("table") if "scorecard" in (e.attrs.get("class") or ""))
    header = [e.text for e in bundled_page.of("th") if e.attrs.get("scope") == "col"]
    assert MOOT in header
    cards = {card.voice.name: card for card in scorecards(CorpusIndex(bundled))}
    moot_cards = [card for card in cards.values() if card.moot]
    assert moot_cards, "the bundled corpus has moot forecasts (the expulsion's consequences)"
    rows = [e for e in bundled_page.of("tr") if e.text.strip() and e.text in table.text]
    for card in moot_cards:
        row = next(r for r in rows if card.voice.name in r.text)
        cells = [e.text for e in bundled_page.elements if e.tag == "td" and e.text in row.text]
        assert str(card.moot) in cells
    # each moot forecast reads "moot", never "open", in the card's list
    listed = " ".join(e.text for e in bundled_page.of("li"))
    assert f"→ {MOOT}:" in listed
