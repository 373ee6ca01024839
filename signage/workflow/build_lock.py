"""One build of a project at a time: the second waits for the first, and says so in French.

Every command that switches a build in (`invoke build`, `serve`, `publish` and its upload with
`--to`, each rebuild of `invoke live`) holds the project's lock, `.builds/verrou`, from the moment
it starts writing a fresh folder until it has switched it in and pruned the old ones. So a build
never prunes a folder that another one is writing or has just switched in, and output/ and
public/ always point to a complete build, however many commands are started together.

The lock is the kernel's `flock()` on that file (Python's `fcntl`): it is released when the
process ends, however it ends (Ctrl+C, a crash, `kill -9`), so a stale lock cannot stay behind.
The holder writes who it is into the file (the command, its process number, since when); a
command that finds the lock taken prints that in French, waits, and goes on when it is free.
Within one process the lock is re-entrant (`invoke publish --to` holds it over the build and
the upload; the build inside takes it again).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
import threading
import time
from pathlib import Path
from typing import TextIO

LOCK_NAME = "verrou"
WAITING = "celle-ci attend qu'elle se termine"

_held: dict[str, list] = {}  # lock path → [open file, depth], for this process
_guard = threading.RLock()  # one thread of this process builds at a time, too


def _command() -> str:
    """The running command as the officer typed it (`invoke build`, `pelican …`)."""
    program = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else "python"
    if program == "__main__.py":  # python -m invoke
        program = Path(sys.argv[0]).parent.name
    return " ".join([program, *sys.argv[1:]]).strip()


@contextlib.contextmanager
def build_lock(builds: Path, out: TextIO | None = None, quiet: bool = False):
    """Hold the lock of the project whose build folders are in `builds` (created if needed).

    When another process holds it, say so on `out` (standard error by default) and wait;
    `quiet`: wait without a word (the live preview's pruning in the background).
    """
    builds = Path(builds)
    builds.mkdir(parents=True, exist_ok=True)
    path = str((builds / LOCK_NAME).resolve())
    with _guard:
        entry = _held.get(path)
        if entry is not None:  # this process already holds it
            entry[1] += 1
            try:
                yield
            finally:
                entry[1] -= 1
            return
        handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - closed below, after the build
        try:
            _acquire(handle, None if quiet else out or sys.stderr)
            handle.seek(0)
            handle.truncate()
            handle.write(f"{_command()}, processus {os.getpid()}, depuis {time.strftime('%H:%M:%S')}\n")
            handle.flush()
            _held[path] = [handle, 1]
            try:
                yield
            finally:
                del _held[path]
                handle.seek(0)
                handle.truncate()
                handle.flush()
        finally:
            handle.close()  # closing the file releases the lock


def _acquire(handle, out: TextIO | None) -> None:
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return
    except BlockingIOError:
        if out is None:
            fcntl.flock(handle, fcntl.LOCK_EX)
            return
    handle.seek(0)
    holder = handle.read().strip()
    who = f" ({holder})" if holder else ""
    print(f"Une autre construction de ce site est en cours{who} : {WAITING}…", file=out, flush=True)
    fcntl.flock(handle, fcntl.LOCK_EX)
    print("L'autre construction est terminée : celle-ci commence.", file=out, flush=True)
