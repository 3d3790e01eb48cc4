"""Tree files built in worker processes give the load the very result it gets in-process."""

from __future__ import annotations

import io
import os
import pickle
import shutil
import sys
import tempfile
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.bench.corpus import generate
from explorer.reading import pool, trees
from explorer.reading.cache import TreeStore
from explorer.reading.load import LoadResult, load_corpus
from explorer.reading.located import DEFAULT_LIMITS
from explorer.reading.reuse import Reuse, digest
from tests.strategies import corpora, dump, write_corpus


def load(folder: Path, in_pool: bool, reuse: Reuse | None = None) -> LoadResult:
    return load_counting(folder, in_pool, reuse)[0]


def load_counting(
    folder: Path, in_pool: bool, reuse: Reuse | None = None
) -> tuple[LoadResult, int]:
    """The load, and how many tree files a worker built."""
    take = pool.OrderedJobs.take
    from_workers = []

    def taking(jobs: pool.OrderedJobs[Any], job: int) -> Any:
        result = take(jobs, job)
        from_workers.append(result is not None)
        return result

    with (
        mock.patch.object(pool, "worth_a_pool", return_value=in_pool),
        mock.patch.object(pool.OrderedJobs, "take", taking),
    ):
        return load_corpus(folder, reuse=reuse), sum(from_workers)


def same(pooled: LoadResult, here: LoadResult) -> None:
    assert pooled.corpus == here.corpus
    assert pooled.diagnostics == here.diagnostics  # in the same order
    assert {name: seed.text for name, seed in pooled.seeds.items()} == {
        name: seed.text for name, seed in here.seeds.items()
    }


# What can go wrong with a tree file, each to be reported as in-process.
DAMAGE = st.sampled_from(["none", "cut", "unknown key", "tab", "missing", "not utf-8"])


def damaged(text: str, damage: str, cut: float) -> bytes | None:
    if damage == "cut":
        return text[: int(len(text) * cut)].encode()
    if damage == "unknown key":
        return (text + "colour: blue\n").encode()
    if damage == "tab":
        return text.replace("\n  ", "\n\t", 1).encode()
    if damage == "missing":
        return None
    if damage == "not utf-8":
        return text.encode() + b"\xff\n"
    return text.encode()


@given(
    corpora(max_nodes=8),
    st.lists(st.tuples(DAMAGE, st.floats(0.1, 0.9)), min_size=2, max_size=5),
)
@settings(max_examples=15, deadline=None)
def test_a_corpus_built_in_the_pool_is_the_one_built_here(
    generated: dict[str, Any], copies: list[tuple[str, float]]
) -> None:
    """Several tree files, some copies of others (so ids repeat), some damaged: nodes and
    diagnostics, in their order, are those of a load without the pool."""
    with tempfile.TemporaryDirectory() as name:  # a fresh folder for each example
        folder = Path(name)
        write_corpus(folder, generated)
        first = next(iter(generated["trees"].values()))
        names = list(generated["trees"])
        for number, (damage, cut) in enumerate(copies):
            name = f"copy-{number}.yaml"
            names.append(name)
            data = damaged(dump(first), damage, cut)
            if data is not None:
                (folder / name).write_bytes(data)
        corpus = dict(generated["corpus"], trees=names)
        (folder / "corpus.yaml").write_text(dump(corpus), encoding="utf-8")
        pooled, from_workers = load_counting(folder, in_pool=True)
        same(pooled, load(folder, in_pool=False))
        assert from_workers >= len(generated["trees"])  # not all read again here


@pytest.fixture(scope="module")
def bench_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The benchmark's corpus, in three tree files."""
    return generate(tmp_path_factory.mktemp("bench"), 3000)


def test_the_bench_corpus_is_the_same_and_kept_the_same_way(
    bench_corpus: Path, tmp_path: Path
) -> None:
    """Trees read in a worker are kept for the next load and written to the warm-start cache
    as those built here are."""
    reuses = {}
    for in_pool in (True, False):
        store = TreeStore(tmp_path / f"cache-{in_pool}")
        reuse = Reuse(store=store)
        result, from_workers = load_counting(bench_corpus, in_pool, reuse)
        assert from_workers == (3 if in_pool else 0)
        reuses[in_pool] = (reuse, store, result)
    (pooled_reuse, pooled_store, pooled), (here_reuse, here_store, here) = reuses.values()
    same(pooled, here)
    assert pooled_reuse.trees_built == here_reuse.trees_built == 3
    assert pooled_reuse.trees == here_reuse.trees
    pooled_store.flush()
    here_store.flush()
    for store in (pooled_store, here_store):
        assert store.path.exists()
    # A reload builds nothing, pool or not; a warm start from either cache gives the same.
    again = load(bench_corpus, True, pooled_reuse)
    assert pooled_reuse.trees_built == 3
    same(again, here)
    warm = Reuse(store=TreeStore(tmp_path / "cache-True"))
    same(load(bench_corpus, True, warm), here)
    assert warm.trees_built == 0


def test_a_bad_file_among_good_ones(bench_corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    shutil.copytree(bench_corpus, folder)
    (folder / "tree-001.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    pooled, here = load(folder, in_pool=True), load(folder, in_pool=False)
    same(pooled, here)
    assert any(d.file.endswith("tree-001.yaml") and d.is_error for d in pooled.diagnostics)
    assert pooled.corpus is not None and len(pooled.corpus.tree_files) == 2


def test_a_file_changed_after_its_first_look_is_read_again_here(tmp_path: Path) -> None:
    path = tmp_path / "tree.yaml"
    path.write_text("id: a\nkind: event\ntitle: A\nclaim: A\n", encoding="utf-8")
    arguments = (str(path), str(path), digest(b"what it held before"), DEFAULT_LIMITS)
    assert trees.build_file(*arguments) is None
    assert trees.build_file(str(path), str(path), digest(path.read_bytes()), DEFAULT_LIMITS)


def test_a_small_corpus_stays_in_process(tmp_path: Path) -> None:
    folder = generate(tmp_path, 1000)  # one tree file
    with mock.patch.object(pool, "shared_executor", side_effect=AssertionError("pool started")):
        result = load_corpus(folder)
    assert result.corpus is not None and not result.errors
    assert not pool.worth_a_pool(1, 50_000_000)
    assert not pool.worth_a_pool(40, pool.MIN_BYTES - 1)


def test_a_fork_server_is_started_only_for_a_large_corpus() -> None:
    """From a thread (the explorer's app), a pool takes a fork server's start to begin."""
    stop_the_shared_pool()
    with (
        mock.patch.object(pool, "start_method", return_value="forkserver"),
        mock.patch.object(pool, "cores", return_value=2),
    ):
        assert not pool.worth_a_pool(10, pool.MIN_BYTES_TO_START_A_SERVER - 1)
        assert pool.worth_a_pool(10, pool.MIN_BYTES_TO_START_A_SERVER)


def test_workers_are_forked_only_while_one_thread_runs() -> None:
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert pool.start_method() == "forkserver"
    finally:
        release.set()
        other.join()
    if threading.active_count() == 1:  # pytest-xdist's workers run threads of their own
        assert pool.start_method() == "fork"


def stop_the_shared_pool() -> None:
    """The next load starts a pool of its own."""
    running = pool.running()
    if running is not None:
        pool.discard(running)
    assert pool.running() is None


def test_one_core_stays_in_process() -> None:
    with mock.patch.object(os, "sched_getaffinity", return_value={0}):
        assert pool.cores() == 1
        assert not pool.worth_a_pool(100, 50_000_000)


@pytest.fixture(scope="module")
def executor() -> Iterator[ProcessPoolExecutor]:
    """A pool of its own: these tests break it."""
    executor = pool.new_executor(2)
    yield executor
    executor.shutdown(cancel_futures=True)


def here(*arguments: object) -> str:
    return f"here {arguments}"


def test_a_job_that_raises_in_a_worker_runs_again_here(executor: ProcessPoolExecutor) -> None:
    jobs = pool.OrderedJobs(executor, int, here)
    numbers = [jobs.add("12"), jobs.add("twelve"), jobs.add("7")]
    assert [jobs.take(number) for number in numbers] == [12, "here ('twelve',)", 7]


def test_a_job_whose_worker_dies_runs_here_and_nothing_hangs() -> None:
    """The worker exits mid-job: that job and every one after it are run here."""
    executor = pool.new_executor(2)
    try:
        jobs = pool.OrderedJobs(executor, os._exit, here)
        numbers = [jobs.add(3) for _ in range(6)]
        assert [jobs.take(number) for number in numbers] == ["here (3,)"] * 6
    finally:
        executor.shutdown(wait=False, cancel_futures=True)


def test_results_are_taken_in_turn(executor: ProcessPoolExecutor) -> None:
    jobs = pool.OrderedJobs(executor, int, here)
    first, second = jobs.add("1"), jobs.add("2")
    with pytest.raises(ValueError, match="out of turn"):
        jobs.take(second)
    assert jobs.take(first) == 1
    jobs.cancel()


def test_an_abandoned_load_cancels_what_was_not_sent(bench_corpus: Path, tmp_path: Path) -> None:
    """A progress report that stops the load: the jobs not yet taken are dropped."""
    cancelled = []
    cancel = pool.OrderedJobs.cancel

    def counting(jobs: pool.OrderedJobs[Any]) -> None:
        cancelled.append(True)
        cancel(jobs)

    def stop(done: int, total: int, nodes: int) -> None:
        raise KeyboardInterrupt

    with (
        mock.patch.object(pool, "worth_a_pool", return_value=True),
        mock.patch.object(pool.OrderedJobs, "cancel", counting),
        pytest.raises(KeyboardInterrupt),
    ):
        load_corpus(bench_corpus, progress=stop)
    assert cancelled == [True]


def test_the_pickled_records_rebuild_equal(bench_corpus: Path) -> None:
    """A worker pickles records as calls of their constructors: each comes back equal."""
    path = bench_corpus / "tree-000.yaml"
    built = trees.build_file(str(path), str(path), digest(path.read_bytes()), DEFAULT_LIMITS)
    assert built is not None and built[0] is not None
    assert pickle.loads(pickle.dumps(built)) == built
    assert pickle.dumps(built[0]).count(b"_located") == 1  # the reducers are in use


def test_a_load_in_a_thread_uses_a_fork_server(bench_corpus: Path) -> None:
    """The explorer's app loads in a thread: its pool's workers come from a fork server, and the
    load is the same."""
    results: list[tuple[LoadResult, int]] = []
    stop_the_shared_pool()
    loading = threading.Thread(target=lambda: results.append(load_counting(bench_corpus, True)))
    loading.start()
    loading.join(timeout=120)
    started = pool.running()
    assert started is not None
    try:
        # A worker's parent is the fork server, not this process.
        assert started.submit(os.getppid).result(timeout=60) != os.getpid()
        (pooled, from_workers), here = results[0], load(bench_corpus, in_pool=False)
        assert from_workers == 3
        same(pooled, here)
    finally:
        pool.discard(started)


def test_a_pool_that_cannot_start_leaves_the_load_in_process(bench_corpus: Path) -> None:
    """In the app, starting a fork server once failed ("bad value(s) in fds_to_keep": Textual's
    capture of stderr has no descriptor) and the load failed with it: a pool that cannot start
    must leave the load to this process, with the same result."""
    stop_the_shared_pool()
    refused = ValueError("bad value(s) in fds_to_keep")
    with mock.patch.object(pool, "new_executor", side_effect=refused):
        pooled, from_workers = load_counting(bench_corpus, True)
        assert pool.running() is None
    assert from_workers == 0
    same(pooled, load(bench_corpus, in_pool=False))


def test_a_load_in_a_thread_under_textuals_stderr_capture_uses_a_fork_server(
    bench_corpus: Path,
) -> None:
    """Textual replaces sys.stderr with a capture whose fileno() is -1; the fork server's
    resource tracker is started with the real one."""

    class Capture(io.StringIO):
        def fileno(self) -> int:
            return -1

    stop_the_shared_pool()
    results: list[tuple[LoadResult, int]] = []
    with mock.patch.object(sys, "stderr", Capture()):
        loading = threading.Thread(target=lambda: results.append(load_counting(bench_corpus, True)))
        loading.start()
        loading.join(timeout=120)
    started = pool.running()
    try:
        assert started is not None and results[0][1] == 3
        same(results[0][0], load(bench_corpus, in_pool=False))
    finally:
        if started is not None:
            pool.discard(started)


def test_a_reload_that_builds_one_file_uses_no_pool(bench_corpus: Path, tmp_path: Path) -> None:
    """A save changes one file: it is built here, not sent to a worker; a warm start that
    builds nothing starts no pool either."""
    folder = tmp_path / "corpus"
    shutil.copytree(bench_corpus, folder)
    reuse = Reuse(store=TreeStore(tmp_path / "cache"))
    load(folder, in_pool=True, reuse=reuse)
    assert reuse.store is not None
    reuse.store.flush()
    changed = folder / "tree-002.yaml"
    changed.write_text(changed.read_text("utf-8") + "\n", encoding="utf-8")
    asked = []
    worth = pool.worth_a_pool

    def worth_a_pool(files: int, size: int) -> bool:
        asked.append(files)
        return worth(files, size)

    no_pool = mock.patch.object(pool, "shared_executor", side_effect=AssertionError("a pool"))
    with no_pool, mock.patch.object(pool, "worth_a_pool", worth_a_pool):
        reloaded = load_corpus(folder, reuse=reuse)
        warm = Reuse(store=TreeStore(tmp_path / "cache"))
        changed.write_text(changed.read_text("utf-8")[:-1], encoding="utf-8")
        warm_start = load_corpus(folder, reuse=warm)
    assert reuse.trees_built == 4 and warm.trees_built == 0
    assert asked == [1, 0] or pool.cores() < 2
    assert reloaded.corpus is not None and warm_start.corpus is not None
    same(warm_start, load(folder, in_pool=False))
