"""Hypothesis strategies: whole corpora as plain data, and a writer that puts them on disk.

A generated corpus is valid by construction: every node is cited with a quote cut from its seed,
every source and person is cited, every question has two or more alternatives argued by different
voices. Tests mutate it to inject one known fault at a known line.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from explorer.analysis.likelihood import HEDGE_WORDS, hedged_risk

try:
    from yaml import CSafeDumper as _SafeDumper
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeDumper as _SafeDumper  # type: ignore[assignment]

# A sentence of words reads and extends more easily than a list literal.
WORDS = (  # noqa: SIM905
    "iran iraq tehran baghdad militia sanctions talks troops vote deal war peace risk strike "
    "council harbour crews market leader protest army envoy treaty border summit pressure could "
    "will likely may no yes null true off on 1.10 2020-01-05 22:22 ~ NaN"
).split()

# Characters that the quote matcher must fold: the seed uses the curly or spaced form, the quote
# the plain one.
SEED_VARIANTS = {
    "'": ["'", "’", "‘"],
    '"': ['"', "“", "”"],
    "-": ["-", "–", "—"],
    " ": [" ", "\u00a0", "  "],
}

# Slugs from a small alphabet of parts: cheap to draw, and collisions are likely enough to matter.
_SLUG_PARTS = ["a", "b", "iran", "iraq", "war", "x1", "2020", "q"]
slugs = st.builds("-".join, st.lists(st.sampled_from(_SLUG_PARTS), min_size=1, max_size=3))
# Titles and claims may be anything printable, including markup and YAML-looking words.
texts = st.one_of(
    st.sampled_from(WORDS),
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp"),
            blacklist_characters="\ufeff\u0085",
        ),
        min_size=1,
        max_size=30,
    )
    # Stripped, as the builder strips: mapping first keeps rejections (and draws) rare.
    .map(str.strip)
    .filter(bool),
    st.just("[bold]x[/italic]"),
)


@st.composite
def seed_texts(draw: st.DrawFn) -> tuple[str, str]:
    """(plain text, the same text as a seed would hold it: curly quotes, dashes, odd spaces)."""
    # One random stream picks the words and each character's variant: a draw per word or per
    # character would make generating corpora most of the suite's time.
    # (A plain Random seeded by one draw: hypothesis's own randoms() draws on every call.)
    rnd = random.Random(draw(st.integers(0, 2**32 - 1)))
    vocabulary = [*WORDS, "it's", '"so"', "a-b"]
    words = [rnd.choice(vocabulary) for _ in range(draw(st.integers(12, 60)))]
    plain = " ".join(words)
    seed = "".join(rnd.choice(SEED_VARIANTS[c]) if c in SEED_VARIANTS else c for c in plain)
    return plain, seed


def unique_slugs(draw: st.DrawFn, count: int) -> list[str]:
    """`count` distinct slugs: drawn ones where they are new, numbered where they collide (a
    unique-list strategy would redraw on every collision, and collisions are common here)."""
    found: list[str] = []
    for number in range(count):
        slug = draw(slugs)
        while slug in found:
            slug = f"{slug}-{number}"
        found.append(slug)
    return found


@st.composite
def corpora(draw: st.DrawFn, max_nodes: int = 12) -> dict[str, Any]:
    """A valid corpus as plain data: {'corpus': …, 'trees': {name: root}, 'seeds': {name: text}}."""
    source_count = draw(st.integers(2, 4))
    person_count = draw(st.integers(1, source_count))
    person_ids = unique_slugs(draw, person_count)
    people = [{"id": pid, "name": draw(texts), "role": draw(texts)} for pid in person_ids]
    seeds: dict[str, str] = {}
    plains: list[str] = []
    sources = []
    source_ids = unique_slugs(draw, source_count)
    for i, sid in enumerate(source_ids):
        plain, seed = draw(seed_texts())
        seeds[f"seed-{i}.txt"] = seed
        plains.append(plain)
        sources.append(
            {
                "id": sid,
                "title": draw(texts),
                "outlet": draw(texts),
                "published": draw(st.sampled_from(["2020", "2020-01", "2020-01-05", "2022-08-23"])),
                "authors": [person_ids[i]] if i < person_count else [],
                "seed": f"seed-{i}.txt",
                "kind": draw(st.sampled_from(["opinion", "analysis", "news"])),
            }
        )

    node_ids = iter(unique_slugs(draw, max_nodes + 8))
    budget = [draw(st.integers(3, max_nodes))]

    def citation(source_index: int) -> dict[str, Any]:
        words = plains[source_index].split()
        start = draw(st.integers(0, len(words) - 4))
        length = draw(st.integers(3, min(10, len(words) - start)))
        quote_words = words[start : start + length]
        entry: dict[str, Any] = {
            "source": source_ids[source_index],
            "quote": " ".join(quote_words),
            "stance": draw(st.sampled_from(["predicts", "warns", "recommends", "explains"])),
        }
        hedges = [w for w in quote_words if w.lower() in HEDGE_WORDS]
        give_hedge: bool = draw(st.booleans())
        if hedges and give_hedge:
            entry["likelihood"] = hedges[0]
            if hedged_risk(hedges[0], entry["quote"]) is not None:
                entry["hedge_checked"] = "true"  # a clean corpus: the person read it (W108)
        return entry

    def node(kind: str, source_index: int, depth: int) -> dict[str, Any]:
        budget[0] -= 1
        result: dict[str, Any] = {
            "id": next(node_ids),
            "kind": kind,
            "title": draw(texts),
            "claim": draw(texts),
        }
        if draw(st.booleans()):
            result["tags"] = draw(st.lists(slugs, max_size=2, unique=True))
        result["citations"] = [citation(source_index)]
        children = []
        if kind == "question":
            # Alternatives argued by different sources, hence different voices.
            for i in range(2):
                children.append(node("event", (source_index + i) % source_count, depth + 1))
        elif depth < 3 and budget[0] > 2 and draw(st.booleans()):
            child_kind = draw(st.sampled_from(["event", "question"]))
            children.append(node(child_kind, draw(st.integers(0, source_count - 1)), depth + 1))
        if children:
            result["children"] = children
        return result

    tree_count = draw(st.integers(1, 2))
    trees = {
        f"tree-{i}.yaml": node(draw(st.sampled_from(["event", "question"])), i % source_count, 0)
        for i in range(tree_count)
    }
    trigger = {
        "id": next(node_ids),
        "kind": "event",
        "title": draw(texts),
        "claim": draw(texts),
        "citations": [citation(i) for i in range(source_count)],  # every source is cited
    }
    corpus = {
        "id": draw(slugs),
        "title": draw(texts),
        "summary": draw(texts),
        "seeds": "seeds",
        "trees": list(trees),
        "trigger": trigger,
        "people": people,
        "sources": sources,
    }
    return {"corpus": corpus, "trees": trees, "seeds": seeds}


def dump(data: Any) -> str:
    # The safe representer quotes every string YAML would read as another type ('no', '1.10');
    # the C emitter writes it several times faster than the Python one.
    return yaml.dump(data, Dumper=_SafeDumper, sort_keys=False, allow_unicode=True, width=10_000)


def write_corpus(folder: Path, generated: dict[str, Any]) -> Path:
    """Write a generated corpus under `folder`; returns the corpus folder."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "seeds").mkdir(exist_ok=True)
    for name, text in generated["seeds"].items():
        (folder / "seeds" / name).write_text(text, encoding="utf-8")
    (folder / "corpus.yaml").write_text(dump(generated["corpus"]), encoding="utf-8")
    for name, root in generated["trees"].items():
        (folder / name).write_text(dump(root), encoding="utf-8")
    return folder


def line_of(text: str, needle: str) -> int:
    """1-based number of the first line holding `needle`."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not found")


# Any JSON value: what another program might write in place of a part of an entry.
JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-2, 14)
    | st.integers()
    | st.floats(allow_nan=False)
    | st.sampled_from(["", "event", "question", "predicts", "happened", "quote", "W106"])
    | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=6),
    max_leaves=12,
)


def json_places(value: object, path: tuple[int, ...] = ()) -> list[tuple[int, ...]]:
    """Every place in a JSON value (itself, and each item of every list, at any depth)."""
    found = [path]
    if isinstance(value, list):
        for index, item in enumerate(value):
            found += json_places(item, (*path, index))
    return found


def replaced(value: object, path: tuple[int, ...], new: object) -> object:
    if not path:
        return new
    assert isinstance(value, list)
    copy = list(value)
    copy[path[0]] = replaced(value[path[0]], path[1:], new)
    return copy


def mutated(draw: st.DataObject, entry: object) -> str:
    """The entry with one part, chosen anywhere in it, replaced by any JSON value."""
    path = draw.draw(st.sampled_from(json_places(entry)), label="path")
    return json.dumps(replaced(entry, path, draw.draw(JSON, label="new value")))
