"""Worker processes that build tree files side by side, when there are cores to run them on.

Tree files are independent of one another, so a load hands the ones it has to build to a pool
of processes and takes their results back in the order the files are listed. The pool is started
once per process and kept for later loads (a reload, the next corpus).

How the workers are started: by `fork` while this process runs a single thread (the command line,
the benchmark), which costs next to nothing; by `forkserver` once other threads exist (the
explorer's app loads in a thread), since a fork copies locks that other threads may hold. The
result of a job comes back pickled: the workers are this process's own children running this
code, unlike the warm-start cache, whose entries anyone who can write the folder could forge.

Nothing is lost when a worker fails: a job whose worker raised, was killed or could not be
reached is run again in this process (`OrderedJobs`), which then gives the very result, or
raises the very error, that a load without the pool would.
"""

from __future__ import annotations

import collections
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Generic, TypeVar

R = TypeVar("R")

# Below this much to build, the pool costs more than it saves (its start, sending the results
# back, decoding them here): see README.md, *Performance*.
MIN_FILES = 2
MIN_BYTES = 1_000_000
# Started from a thread, the pool waits for a fork server to start and import the reader first.
MIN_BYTES_TO_START_A_SERVER = 16_000_000
# Jobs sent ahead of the one awaited: enough to keep every worker busy while this process
# decodes results, few enough that quitting mid-load leaves little to finish.
AHEAD_PER_WORKER = 2

_lock = threading.Lock()
_shared: ProcessPoolExecutor | None = None


def cores() -> int:
    """The cores this process may run on (a `taskset` or a container may allow fewer than the
    machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def worth_a_pool(files: int, size: int) -> bool:
    """Whether building `files` tree files of `size` bytes in all pays for a pool."""
    if cores() < 2 or files < MIN_FILES:
        return False
    if _shared is None and start_method() == "forkserver":
        return size >= MIN_BYTES_TO_START_A_SERVER
    return size >= MIN_BYTES


def start_method() -> str:
    return "fork" if threading.active_count() == 1 else "forkserver"


def new_executor(workers: int | None = None) -> ProcessPoolExecutor:
    """A pool of `workers` processes (one per core by default), started at once."""
    workers = workers or cores()
    context = multiprocessing.get_context(start_method())
    if context.get_start_method() == "forkserver":
        # The server imports the reader once; each worker is then a fork of it.
        context.set_forkserver_preload(["explorer.reading.trees"])
        _start_resource_tracker()
    executor = ProcessPoolExecutor(workers, mp_context=context)
    # Start the workers now, while the caller does other work, not when the first job waits.
    try:
        for _ in range(workers):
            executor.submit(int)
    except BaseException:
        executor.shutdown(wait=False, cancel_futures=True)
        raise
    return executor


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker, which a fork server's workers report to, with
    this process's real stderr. The tracker is handed `sys.stderr`'s file descriptor, and in the
    explorer's app sys.stderr is Textual's capture of prints, whose descriptor is -1: the start
    failed with "bad value(s) in fds_to_keep"."""
    from multiprocessing import resource_tracker

    captured = sys.stderr
    sys.stderr = sys.__stderr__
    try:
        resource_tracker.ensure_running()
    finally:
        sys.stderr = captured


def shared_executor() -> ProcessPoolExecutor | None:
    """The pool this process's loads share, started on first use; None when no pool can be
    started here (the load then builds every file in this process, as on one core)."""
    global _shared
    with _lock:
        if _shared is None:
            try:
                _shared = new_executor()
            except (OSError, ValueError, RuntimeError):
                return None  # tried again at the next load: a failed start costs little
        return _shared


def running() -> ProcessPoolExecutor | None:
    """The pool this process's loads share, if one was started."""
    with _lock:
        return _shared


def discard(executor: ProcessPoolExecutor) -> None:
    """Stop using `executor` (a worker of it died): the next load starts a new pool."""
    global _shared
    with _lock:
        if _shared is executor:
            _shared = None
    executor.shutdown(wait=False, cancel_futures=True)


class OrderedJobs(Generic[R]):
    """Calls of one function run in the pool, their results taken in the order they were added.

    A few jobs run ahead of the one taken; the rest wait here, so `cancel` (a load abandoned,
    the app quitting) leaves the workers little to finish. A job that fails in the pool for any
    reason is run again here by `fallback`, with the same arguments."""

    def __init__(
        self,
        executor: ProcessPoolExecutor,
        function: Callable[..., R],
        fallback: Callable[..., R],
    ) -> None:
        self._executor: ProcessPoolExecutor | None = executor
        self._function = function
        self._fallback = fallback
        self._ahead = AHEAD_PER_WORKER * cores()
        self._waiting: collections.deque[int] = collections.deque()
        self._arguments: list[tuple[Any, ...]] = []
        self._futures: dict[int, Future[R]] = {}
        self._taken = 0

    def add(self, *arguments: Any) -> int:
        """Queue a call; the number to `take` its result by."""
        self._arguments.append(arguments)
        self._waiting.append(len(self._arguments) - 1)
        self._send()
        return len(self._arguments) - 1

    def take(self, job: int) -> R:
        """The result of `job`; jobs are taken in the order they were added."""
        if job != self._taken:
            raise ValueError(f"job {job} taken out of turn (next is {self._taken})")
        self._taken += 1
        future = self._futures.pop(job, None)
        if future is None:  # never sent: the pool broke before its turn
            self._waiting.remove(job)
        self._send()
        arguments = self._arguments[job]
        self._arguments[job] = ()
        if future is not None:
            try:
                return future.result()
            except BrokenProcessPool:  # a worker died: every job not yet taken is lost
                self._give_up()
            except Exception:  # run here: it succeeds, or raises as it would without a pool
                pass
        return self._fallback(*arguments)

    def cancel(self) -> None:
        """Drop the jobs not yet taken."""
        for future in self._futures.values():
            future.cancel()
        self._futures.clear()
        self._waiting.clear()

    def _send(self) -> None:
        while self._executor is not None and self._waiting and len(self._futures) < self._ahead:
            job = self._waiting.popleft()
            try:
                self._futures[job] = self._executor.submit(self._function, *self._arguments[job])
            except RuntimeError:  # the pool is broken or shut down: the rest run here
                self._waiting.appendleft(job)
                self._give_up()

    def _give_up(self) -> None:
        if self._executor is not None:
            discard(self._executor)
            self._executor = None
