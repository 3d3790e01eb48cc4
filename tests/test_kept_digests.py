"""The digests of a corpus's files, kept in the warm-start cache by the files' status: the next
start reads only the files changed since (`watch.kept_digests` / `trust_digests`), and a file
changed by any program, its status put back as it was but for the change time, is read again."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from explorer.analysis import outline as outlines
from explorer.reading import cache, plain, watch
from explorer.tui.session import Session
from tests.shared import MINI, pending_at_flush, shown_once
from tests.strategies import JSON, mutated

STATUS = st.tuples(*[st.integers(min_value=0, max_value=2**63 - 1)] * watch.STATUS_FIELDS)
DIGESTS = st.dictionaries(
    st.text(max_size=30), st.tuples(STATUS, st.binary(min_size=32, max_size=32))
)
A_FILE = str(Path("/corpus/crews.yaml"))
KEPT_JSON = plain.encode_digests({A_FILE: ((120, 1, 2, 3, 4), hashlib.sha256(b"x").digest())})


@given(DIGESTS)
def test_digests_decode_to_what_was_kept(digests: dict[str, watch.Digest]) -> None:
    assert plain.decode_digests(plain.encode_digests(digests)) == digests


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_what_decodes_as_digests_is_exactly_what_the_explorer_writes(draw: st.DataObject) -> None:
    text = mutated(draw, KEPT_JSON)
    try:
        digests = plain.decode_digests(text)
    except plain.NotPlain:
        event("refused")
        return
    event("decoded")
    canonical = json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":"))
    assert plain.encode_digests(digests) == canonical


@settings(max_examples=60)
@given(JSON)
def test_decoding_any_json_as_digests_reads_or_refuses(value: object) -> None:
    try:
        digests = plain.decode_digests(json.dumps(value))
    except plain.NotPlain:
        return
    assert all(len(sha) == 32 for _, sha in digests.values())


def test_a_digest_in_capitals_or_with_spaces_is_refused() -> None:
    sha = hashlib.sha256(b"x").hexdigest()
    for written in (sha.upper(), sha[:32] + " " + sha[33:], sha[:-2]):
        with pytest.raises(plain.NotPlain):
            plain.decode_digests(json.dumps({A_FILE: [1, 2, 3, 4, 5, written]}))


# -- through the session: what a start reads ---------------------------------------------------


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(outlines, "OUTLINE_FROM", 1)  # the mini corpus counts as large
    # The files were just copied: taken as settled (RACY_SECONDS has its own tests).
    monkeypatch.setattr(watch, "RACY_SECONDS", -1.0)
    monkeypatch.setattr(watch, "known_digests", {})
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    return folder


class _CountingHash:
    """`hashlib` for watch.py, counting the files whose bytes are hashed."""

    def __init__(self) -> None:
        self.files = 0

    def sha256(self, *data: Any) -> Any:
        self.files += bool(data)
        return hashlib.sha256(*data)


def _next_start(monkeypatch: pytest.MonkeyPatch) -> _CountingHash:
    """A new process: nothing known in memory, and the files it hashes counted."""
    monkeypatch.setattr(watch, "known_digests", {})
    counting = _CountingHash()
    monkeypatch.setattr(watch, "hashlib", counting)
    return counting


def test_a_start_after_a_run_reads_no_file_to_show_the_outline(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = shown_once(corpus)
    counting = _next_start(monkeypatch)
    assert Session(corpus).outline() is not None
    assert counting.files == 0
    assert len(cache.TreeStore().digests(str(first.corpus_file))) == len(first.files(first.corpus))


def test_a_file_rewritten_with_its_size_and_times_put_back_is_read_again(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown_once(corpus)
    crews = corpus / "crews.yaml"
    before = crews.stat()
    text = crews.read_text()
    changed = text.replace("Crews move north", "Crews move south")
    assert len(changed) == len(text)
    crews.write_text(changed)
    os.utime(crews, ns=(before.st_atime_ns, before.st_mtime_ns))  # only the change time differs
    counting = _next_start(monkeypatch)
    assert Session(corpus).outline() is None  # not the outline of the files as they were
    assert counting.files == 1
    session = Session(corpus)
    loaded = session.read(settle=False)
    assert loaded is not None and loaded.result.corpus is not None
    titles = [node.title for node in loaded.result.corpus.trigger.walk()]
    assert "Crews move south" in " ".join(titles)


def test_a_file_changed_within_the_racy_window_is_not_kept(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(watch, "RACY_SECONDS", 3600.0)  # every file was written just now
    first = shown_once(corpus)
    assert cache.TreeStore().digests(str(first.corpus_file)) == {}
    counting = _next_start(monkeypatch)
    assert Session(corpus).outline() is not None  # found all the same, by the files' bytes
    assert counting.files == len(first.files(first.corpus))


def test_digests_unchanged_are_not_written_again(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown_once(corpus)
    monkeypatch.setattr(watch, "known_digests", {})
    session = shown_once(corpus)
    store = session.reuse.store
    assert store is not None
    kept = store.digests(str(session.corpus_file))
    assert kept
    pending = pending_at_flush(session)
    session.save_cache()  # the same files: nothing to write
    assert pending == [False]
    assert store.digests(str(session.corpus_file)) == kept
