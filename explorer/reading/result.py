"""What a load gives: the corpus, its diagnostics and the seeds it read.

Kept apart from the loader (`explorer.reading.load`) so that what only shows a load, such as the
main screen and a large corpus's outline at start, does not import the loader with it."""

from __future__ import annotations

import functools
from collections.abc import Mapping

import attrs

from explorer.analysis.queries import CorpusIndex
from explorer.analysis.quotes import SeedText
from explorer.checks.diagnostics import Diagnostic
from explorer.model import Corpus


@attrs.frozen(slots=True)
class LoadResult:
    corpus: Corpus | None  # None only when corpus.yaml itself could not be read
    diagnostics: tuple[Diagnostic, ...]
    seeds: Mapping[str, SeedText]  # seed file name → its text, for every seed that was read

    @functools.cached_property
    def index(self) -> CorpusIndex | None:
        """The lookups over `corpus`, built once on first use and shared by every caller (its
        node tables are themselves built only when asked for)."""
        return CorpusIndex(self.corpus) if self.corpus is not None else None

    @functools.cached_property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.is_error)

    @functools.cached_property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if not d.is_error)
