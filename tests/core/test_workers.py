"""The build's helpers: a few jobs in a background thread, many on worker processes; every job
given is done before `close()` returns; a stopped build's jobs are dropped."""

from __future__ import annotations

import os
import threading
import time

from signage.core import workers
from signage.core.workers import PARALLEL_FROM, Workers


def where(_number: int) -> tuple[int, str]:
    """The process and thread a job ran in."""
    return os.getpid(), threading.current_thread().name


def nap(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def test_a_few_jobs_run_in_a_thread_of_the_build_and_many_on_worker_processes():
    helpers = Workers(2)
    try:
        places = [helpers.submit(where, number) for number in range(PARALLEL_FROM + 4)]
        found = [future.result(timeout=60) for future in places]
    finally:
        helpers.close()
    here = os.getpid()
    early, late = found[: PARALLEL_FROM - 1], found[PARALLEL_FROM:]
    assert all(pid == here and thread.startswith("vitrine-images") for pid, thread in early), early
    assert all(pid != here for pid, _thread in late), late


def test_map_keeps_the_order_and_runs_few_items_right_here():
    helpers = Workers(2)
    try:
        assert helpers.map(where, range(3)) == [(os.getpid(), threading.current_thread().name)] * 3
        many = helpers.map(where, range(PARALLEL_FROM))
        assert {pid for pid, _thread in many} - {os.getpid()}, many  # on the worker processes
        assert helpers.map(abs, range(-PARALLEL_FROM, 0)) == list(range(PARALLEL_FROM, 0, -1))
    finally:
        helpers.close()


def test_close_waits_for_every_job_given():
    helpers = Workers(1)
    jobs = [helpers.submit(nap, 0.2) for _ in range(3)]
    helpers.close()
    assert all(job.done() and job.result() == 0.2 for job in jobs)


def test_a_stopped_builds_jobs_not_started_are_dropped():
    helpers = Workers(1)
    first = helpers.submit(nap, 0.3)
    pending = [helpers.submit(nap, 5) for _ in range(3)]
    started = time.monotonic()
    helpers.cancel()
    first.result(timeout=10)  # the one running ends
    assert all(job.cancelled() for job in pending)
    assert time.monotonic() - started < 4


def test_a_new_build_drops_what_the_earlier_one_left():
    earlier_settings, later_settings = {}, {}
    earlier = workers.for_build(earlier_settings)
    running = earlier.submit(nap, 0.3)
    left = earlier.submit(nap, 5)
    later = workers.for_build(later_settings)
    try:
        assert later is not earlier and workers.for_build(later_settings) is later
        assert earlier_settings[workers.SETTING] is earlier
        running.result(timeout=10)
        assert left.cancelled()
    finally:
        later.close()
