"""The build's helpers: image work done beside the build, on every core.

Drawing the screens' slides and the pages' share previews and making the photos'
smaller copies are CPU work on files, independent of the rest of the build. A
cold build of 1,000 articles makes some 1,300 images: done one after the other in
the build's own process, they are most of its time, and the machine's other cores
wait. One `Workers` per build (`for_build(settings)`) takes that work:

- `submit(function, *args)` -> Future: the job runs while the build goes on
  (Markdown is read, pages are written); whoever needs the result waits for it.
  The first few jobs run in one background thread of this process (Pillow lets go
  of the interpreter while it decodes, resizes and encodes); once the build has
  given `PARALLEL_FROM` jobs, worker processes (one per core, up to 4) start and
  take the rest: starting them costs more than a few jobs.
- `map(function, items)`: the results in order, for a caller that waits at once
  (the slides, which the feed lists with their bytes); few items run right here.
- `close()`: waits for every job given (a build's files all exist before it is
  published), then stops the threads and processes. `cancel()`: drops the jobs
  not started (a build that stops on an error). A new build's `for_build`
  cancels what an earlier build in this process left (the live preview). A worker
  process ends by itself when the build's process is gone (killed, terminal closed).

Jobs are module-level functions with plain arguments (they cross to processes
by pickling); processes are spawned, not forked: the live preview runs threads.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor

SETTING = "VITRINE_WORKERS"  # the build's Workers, in Pelican's settings
PARALLEL_FROM = 8  # below this many jobs, starting processes costs more than it saves
MOST_PROCESSES = 4

_current: Workers | None = None  # the last build's, in this process
_current_lock = threading.Lock()


class Workers:
    def __init__(self, processes: int | None = None):
        self.processes = processes or min(MOST_PROCESSES, os.cpu_count() or 1)
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._thread: ThreadPoolExecutor | None = None
        self._given = 0
        self._futures: list[Future] = []

    def submit(self, function: Callable, *args) -> Future:
        with self._lock:
            self._given += 1
            if self._pool is None and (self._given < PARALLEL_FROM or self.processes < 2):
                if self._thread is None:
                    self._thread = ThreadPoolExecutor(1, thread_name_prefix="vitrine-images")
                executor = self._thread
            else:
                executor = self._processes()
            future = executor.submit(function, *args)
            self._futures.append(future)
        return future

    def map(self, function: Callable, items: Iterable) -> list:
        items = list(items)
        with self._lock:
            here = self._pool is None and (len(items) < PARALLEL_FROM or self.processes < 2)
            pool = None if here else self._processes()
        if here:
            return [function(item) for item in items]
        return list(pool.map(function, items))

    def close(self) -> None:
        """Wait for every job given, then stop the helpers. A job's exception is raised here."""
        with self._lock:
            futures, self._futures = self._futures, []
        try:
            for future in futures:
                future.result()
        finally:
            self._stop(cancel=False)

    def cancel(self) -> None:
        """Drop the jobs not started and stop the helpers without waiting."""
        self._stop(cancel=True)

    def _processes(self) -> ProcessPoolExecutor:
        if self._pool is None:
            import multiprocessing

            self._pool = ProcessPoolExecutor(self.processes, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_end_with, initargs=(os.getpid(),))
        return self._pool

    def _stop(self, cancel: bool) -> None:
        with self._lock:
            executors = [e for e in (self._thread, self._pool) if e is not None]
            self._thread = self._pool = None
            futures, self._futures = (self._futures, []) if cancel else ([], self._futures)
        for future in futures:  # each job not started is dropped here (the executors' own cancelling
            future.cancel()     # is lost when nothing holds them any more)
        for executor in executors:
            executor.shutdown(wait=not cancel, cancel_futures=cancel)


def _end_with(parent: int) -> None:
    """A worker process's start: it ends as soon as the build's process is gone (killed by SIGTERM,
    a closed terminal...), rather than waiting for work forever."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, name="vitrine-parent-watch", daemon=True).start()


def for_build(settings: dict) -> Workers:
    """The build's Workers (one per settings object, i.e. per build); an earlier build's are cancelled."""
    global _current
    workers = settings.get(SETTING)
    if workers is None:
        workers = settings[SETTING] = Workers()
        with _current_lock:
            earlier, _current = _current, workers
        if earlier is not None:
            earlier.cancel()
    return workers
