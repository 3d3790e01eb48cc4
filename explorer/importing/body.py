"""The article's text, and only it: trafilatura's extraction, checked against the page's own
schema.org `articleBody`, with boilerplate lines dropped, as blank-line separated paragraphs.

The rule, measured on the article-extraction benchmark (see the README and
tests/test_import_body.py), not tuned to single pages:

1. trafilatura with `favor_precision`, without comments and without its fallback extractors
   (`fast`): text that is not the article's becomes citable, so precision comes first. When that
   keeps fewer than 150 words, it may have thrown the article away: the default extraction (with
   the fallbacks) is run too, and used when the precise one holds less than a fifth of its words.
   (The result barely moves with the 150: 75 and 300 give the same scores on the benchmark.)
2. The page's `articleBody` replaces the extraction when the extraction is empty, or when it is
   more than twice as long and holds nearly all of the extraction (the same article, of which
   the extraction missed most). Otherwise the extraction wins: on the benchmark an
   `articleBody` of about the same length is less precise (captions, unmarked paragraph
   breaks), and a short one is a summary.
3. Lines that are the page's furniture, not the article's, are dropped: "Read more: …" and
   other teaser labels, bare addresses, copyright lines, "follow us on …", newsletter and
   subscription calls, "[VIDEO]"-tagged teasers.
"""

from __future__ import annotations

import re
from collections import Counter

import trafilatura
from lxml import html as lxml_html  # type: ignore[import-untyped]

from explorer.importing.errors import ImportRefused
from explorer.importing.structured import is_article, json_ld_objects

PRECISE_ENOUGH = 150  # words of the precise pass that need no second opinion
PRECISE_SHARE_NEEDED = 0.2  # below this share of the default's words, the precise pass failed
STRUCTURED_LONGER = 2  # how much longer articleBody must be to replace the extraction
ARTICLE_BODY_OVERLAP = 0.9  # share of the extraction's shingles the articleBody must hold
MIN_WORDS = 5  # fewer words than this is no article
MAX_NESTING = 1000  # elements inside each other; real pages stay far below

_BOILERPLATE = re.compile(
    r"""^(?:
      (?:read\ more|related|see\ more|more|also\ read|read\ also|watch|listen|download
        |itunes|don'?t\ miss|recommended|advertisement|sponsored)\b\s*[:|]
     |(?:advertisement|sponsored\ content|skip\ advertisement|don'?t\ miss|thank\ you
        |print\ article|order\ reprints|share\ this(?:\ article)?|comments?)$
     |https?://\S+$
     |.*\b(?:copyright|©).*\ball\ rights\ reserved\b
     |(?:follow|email|write\ to|contact)\b.{0,80}(?:@|twitter|facebook|instagram)
     |(?:sign\ up|subscribe)\b.{0,120}(?:newsletter|inbox|email)
     |have\ a\ tip\?
     |.*\[(?:video|insight|reaction|pictures|photos|gallery|poll)\]\W*$
     |click\ here\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# What a seed may not hold (as the corpus reader refuses it): C0 and C1 controls but tab and
# line feed, DEL, U+FFFE/U+FFFF, lone surrogates.
_UNWANTED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff]")
_TAG = re.compile(rb"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>")
# Elements that have no end tag, or whose end tag may be left out: they do not nest.
_NOT_NESTING = frozenset(
    b"area base br col embed hr img input link meta source track wbr p li dt dd tr td th "
    b"option optgroup thead tbody tfoot colgroup rb rt rp html head body".split()
)


def check_nesting(data: bytes, shown: str) -> None:
    """Refuse a page whose elements nest deeper than MAX_NESTING: the HTML parser stops at a
    depth far below, and what lies deeper would be lost without a word."""
    depth = 0
    for match in _TAG.finditer(data):
        closing, name, self_closing = match.groups()
        if self_closing or name.lower() in _NOT_NESTING:
            continue
        depth = max(depth - 1, 0) if closing else depth + 1
        if depth > MAX_NESTING:
            raise ImportRefused(
                f"{shown}: its elements are nested more than {MAX_NESTING:,} deep, so its text "
                "cannot be read reliably; save the article's own page or its text instead"
            )


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """The 4-word shingles of a text (`\\w+` tokens), as the benchmark's metric counts them."""
    words = re.findall(r"\w+", text)
    return Counter(tuple(words[i : i + 4]) for i in range(len(words) - 3))


def article_body(tree: lxml_html.HtmlElement) -> str:
    """The longest schema.org `articleBody` of the page's article objects, or ''."""
    bodies = [
        obj["articleBody"]
        for obj in json_ld_objects(tree)
        if is_article(obj) and isinstance(obj.get("articleBody"), str)
    ]
    return max(bodies, key=len, default="")


def _trafilatura(html: str) -> str:
    precise = (
        trafilatura.extract(html, favor_precision=True, include_comments=False, fast=True) or ""
    )
    if len(precise.split()) >= PRECISE_ENOUGH:
        return precise
    default = trafilatura.extract(html, include_comments=False) or ""
    if len(precise.split()) < PRECISE_SHARE_NEEDED * len(default.split()):
        return default
    return precise


def _better(extracted: str, structured: str) -> str:
    if not structured.strip():
        return extracted
    if len(extracted.split()) < MIN_WORDS:
        return structured
    if len(structured.split()) <= STRUCTURED_LONGER * len(extracted.split()):
        return extracted
    ours = shingles(extracted)
    held = sum((ours & shingles(structured)).values())
    return structured if held >= ARTICLE_BODY_OVERLAP * sum(ours.values()) else extracted


def paragraphs(text: str) -> str:
    """One paragraph per non-empty line, without page furniture, blank-line separated, ending
    in a newline (the seeds' layout); '' when nothing is left."""
    kept: list[str] = []
    for line in _UNWANTED.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).split("\n"):
        stripped = line.strip()
        bare = stripped.lstrip("-•* ").strip()
        if bare and not _BOILERPLATE.match(bare):
            kept.append(stripped)
    return "\n\n".join(kept) + "\n" if kept else ""


def extract_body(html: str, tree: lxml_html.HtmlElement, shown: str) -> str:
    """The article's text as a seed stores it; ImportRefused when the page holds none."""
    text = paragraphs(_better(_trafilatura(html), article_body(tree)))
    if len(text.split()) < MIN_WORDS:
        raise ImportRefused(
            f"{shown}: no article text was found in the page (only navigation, or too little "
            "text); save the article's own page, or its text as a .txt file"
        )
    return text
