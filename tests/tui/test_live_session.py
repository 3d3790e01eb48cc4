"""The live session's fingerprints: a file saved while a load reads the corpus is read again."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.reading import load
from explorer.reading.load import LoadResult
from explorer.tui.session import Session

SAVED = "A line saved while the corpus was being read."


def test_a_seed_saved_during_the_first_load_is_read_by_the_next(
    mini_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first load learns which seeds the corpus names only by reading it; the fingerprint
    it leaves must be of the seeds as read, not as they are once it is done."""
    corpus = mini_copy
    seed = corpus / "seeds" / "harbour.txt"
    real_load = load.load_corpus

    def load_then_save(*args: object, **kwargs: object) -> LoadResult:
        result = real_load(*args, **kwargs)  # type: ignore[arg-type]
        if SAVED not in seed.read_text(encoding="utf-8"):  # saved once, after the first read
            seed.write_text(seed.read_text(encoding="utf-8") + SAVED + "\n", encoding="utf-8")
        return result

    monkeypatch.setattr(load, "load_corpus", load_then_save)
    session = Session(corpus)
    first = session.read(settle=False)
    assert first is not None
    assert SAVED not in first.result.seeds["harbour.txt"].text
    session.accept(first)

    again = session.read(settle=False)
    assert again is not None, "the seed saved during the first load was taken as seen"
    assert SAVED in again.result.seeds["harbour.txt"].text
    session.accept(again)
    assert session.read(settle=False) is None  # nothing changed since


def test_a_seed_saved_after_a_load_is_read_by_the_next(mini_copy: Path) -> None:
    corpus = mini_copy
    session = Session(corpus)
    first = session.read(settle=False)
    assert first is not None
    session.accept(first)
    assert session.read(settle=False) is None
    seed = corpus / "seeds" / "ledger.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + SAVED + "\n", encoding="utf-8")
    again = session.read(settle=False)
    assert again is not None and SAVED in again.result.seeds["ledger.txt"].text
