"""Synthetic corpora of any size: realistic text, quotes cut from generated seeds."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import yaml

# A sentence of words reads and extends more easily than a list literal.
WORDS = (  # noqa: SIM905
    "iran iraq tehran baghdad militia sanctions talks troops vote deal war peace risk strike "
    "council parliament envoy treaty border summit pressure leverage diplomacy escalation "
    "restraint proxy government coalition mission withdrawal election protest economy oil missile "
    "drone base retaliation deterrence negotiation agreement ceasefire region alliance influence "
    "sovereignty"
).split()
HEDGES = ["could", "will", "likely", "may", "would", "unlikely"]
NODES_PER_TREE = 1000
SEED_COUNT = 40


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


def generate(folder: Path, nodes: int, seed: int = 7) -> Path:
    """A synthetic corpus of about `nodes` nodes: realistic text, quotes cut from real seeds."""
    rng = random.Random(seed)
    corpus_folder = folder / f"synthetic-{nodes}"
    seeds_folder = corpus_folder / "seeds"
    seeds_folder.mkdir(parents=True)
    seeds: list[list[str]] = []
    for i in range(SEED_COUNT):
        words = [rng.choice(WORDS) for _ in range(1600)]
        for position in range(0, len(words), 9):  # give the quotes hedge words to find
            words[position] = rng.choice(HEDGES)
        seeds.append(words)
        # Paragraphs of plain words: white space between them folds, so quotes may cross them.
        text = "\n\n".join(
            " ".join(words[start : start + 80]) for start in range(0, len(words), 80)
        )
        (seeds_folder / f"seed-{i:03d}.txt").write_text(text.replace("'", "’"), encoding="utf-8")

    def quote(source: int) -> tuple[str, str | None]:
        words = seeds[source]
        start = rng.randrange(0, len(words) - 12)
        chosen = words[start : start + rng.randint(6, 12)]
        hedges = [w for w in chosen if w in HEDGES]
        return " ".join(chosen), (hedges[0] if hedges else None)

    counter = iter(range(10**9))

    def node(kind: str, depth: int, budget: list[int]) -> dict[str, Any]:
        budget[0] -= 1
        number = next(counter)
        source = rng.randrange(SEED_COUNT)
        text, hedge = quote(source)
        citation: dict[str, Any] = {"source": f"s{source}", "quote": text, "stance": "predicts"}
        if hedge:
            citation["likelihood"] = hedge
        result: dict[str, Any] = {
            "id": f"n{number}",
            "kind": kind,
            "title": _sentence(rng, rng.randint(3, 7)),
            "claim": _sentence(rng, rng.randint(12, 24)) + ".",
            "tags": [rng.choice(WORDS), rng.choice(WORDS)],
            "citations": [citation],
        }
        if kind == "question":
            second = rng.randrange(SEED_COUNT)
            while second == source:
                second = rng.randrange(SEED_COUNT)
            children = [node("event", depth + 1, budget), node("event", depth + 1, budget)]
            # The second alternative is argued by another source, so the question shows a contest.
            text, hedge = quote(second)
            other: dict[str, Any] = {"source": f"s{second}", "quote": text, "stance": "predicts"}
            if hedge:
                other["likelihood"] = hedge
            children[1]["citations"] = [other]
            result["children"] = children
        elif depth < 12 and budget[0] > 0:
            count = rng.randint(1, 3)
            kids = []
            for _ in range(count):
                if budget[0] <= 0:
                    break
                kids.append(node(rng.choice(["event", "question"]), depth + 1, budget))
            if kids:
                result["children"] = kids
        return result

    trees = []
    total = max(1, nodes // NODES_PER_TREE) if nodes >= NODES_PER_TREE else 1
    per_tree = nodes // total
    for t in range(total):
        budget = [per_tree - 1]
        root = node("event", 9, [0])  # a root with no subtree of its own
        # Wide roots of small subtrees: each tree's root is a large branch to expand.
        while budget[0] > 0:
            share = [min(budget[0], rng.randint(1, 8))]
            before = share[0]
            root.setdefault("children", []).append(node("event", 9, share))
            budget[0] -= before - share[0]
        name = f"tree-{t:03d}.yaml"
        with (corpus_folder / name).open("w", encoding="utf-8") as handle:
            yaml.dump(root, handle, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=120)
        trees.append(name)
    people = [{"id": f"p{i}", "name": f"Analyst {i}", "role": "analyst"} for i in range(SEED_COUNT)]
    sources = [
        {
            "id": f"s{i}",
            "title": f"Article {i}",
            "outlet": "Synthetic Review",
            "published": "2020-01-05",
            "authors": [f"p{i}"],
            "seed": f"seed-{i:03d}.txt",
            "kind": "analysis",
        }
        for i in range(SEED_COUNT)
    ]
    trigger = {
        "id": "trigger",
        "kind": "event",
        "title": "The trigger",
        "claim": "Something happened.",
        "citations": [
            {"source": f"s{i}", "quote": " ".join(seeds[i][1:7]), "stance": "explains"}
            for i in range(SEED_COUNT)
        ],
    }
    corpus = {
        "id": f"synthetic-{nodes}",
        "title": f"Synthetic corpus of {nodes} nodes",
        "seeds": "seeds",
        "trees": trees,
        "trigger": trigger,
        "people": people,
        "sources": sources,
    }
    (corpus_folder / "corpus.yaml").write_text(
        yaml.dump(corpus, Dumper=_Dumper, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    return corpus_folder


try:
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]
