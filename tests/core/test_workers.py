"""The build's helpers: a few jobs in a background thread, many on worker processes; every job
given is done before `close()` returns; a stopped build's jobs are dropped."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

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


def test_cancelling_drops_the_jobs_queued_for_the_worker_processes():
    """Found by an outsider: the pool's own cancelling was lost once nothing held the pool, and a
    build stopped on a content error still drew every queued image before its process could end."""
    helpers = Workers(2)
    for number in range(PARALLEL_FROM):
        helpers.submit(where, number).result(timeout=60)  # the processes are started
    queued = [helpers.submit(nap, 0.3) for _ in range(40)]
    started = time.monotonic()
    helpers.cancel()
    assert sum(job.cancelled() for job in queued) >= 30
    for job in queued:
        if not job.cancelled():
            job.result(timeout=30)
    assert time.monotonic() - started < 5  # 40 × 0.3 s on 2 processes would be 6 s


def test_worker_processes_end_when_the_builds_process_is_killed(tmp_path):
    """Found by an outsider: after `kill` (SIGTERM) of a building `pelican`, its worker processes
    waited for work forever. They now end by themselves within about a second."""
    import signal
    import subprocess
    import sys

    script = tmp_path / "build.py"
    script.write_text(
        "import os, sys, time\n"
        "from signage.core.workers import PARALLEL_FROM, Workers\n"
        "from test_workers import nap, where\n"
        "if __name__ == '__main__':\n"
        "    helpers = Workers(2)\n"
        "    pids = {helpers.submit(where, n).result()[0] for n in range(PARALLEL_FROM + 6)} - {os.getpid()}\n"
        "    for _ in range(4):\n"
        "        helpers.submit(nap, 60)\n"
        "    print(' '.join(map(str, sorted(pids))), flush=True)\n"
        "    time.sleep(120)\n")
    tests = str(Path(__file__).resolve().parent)
    process = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONPATH": tests + os.pathsep + os.environ.get("PYTHONPATH", "")})
    try:
        pids = [int(pid) for pid in process.stdout.readline().split()]
        assert pids
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=10)
    finally:
        process.kill()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in pids):
        time.sleep(0.1)
    assert not [pid for pid in pids if _alive(pid)]


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status") as status:
            return "zombie" not in status.read().lower()
    except FileNotFoundError:
        return False
