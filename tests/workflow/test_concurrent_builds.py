"""Builds started at the same time: one at a time (a lock), the second says it waits, and output/ is
always a complete build.

Real processes (`python -m invoke build|publish` in a private copy of the project), three at once. After
every round, output/ (public/, TARGET/current) must resolve to a complete build: every page the sitemap
lists and every image the screens' feed names exists. The suite runs a few rounds;
bench/bench_concurrent_builds.py runs 42 and prints the figures.
"""

from __future__ import annotations

import fcntl
import os
import time

import pytest
from project_helpers import built_project, site_problems, start_invoke

from signage.workflow.build_lock import LOCK_NAME, WAITING

ROUNDS = 3  # per kind of command here; 42 in bench/bench_concurrent_builds.py
TOGETHER = 3


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A project copy, built once (the render cache is warm: a round takes seconds, not minutes)."""
    return built_project(tmp_path_factory.mktemp("concurrent") / "projet", tmp_path_factory.mktemp("render-cache"))


def run_round(project, *args: str) -> list:
    processes = [start_invoke(project, *args) for _ in range(TOGETHER)]
    return [(process, *process.communicate(timeout=600)) for process in processes]


def builds_kept(project, name: str) -> list[str]:
    return sorted(p.name for p in (project / ".builds").glob(f"{name}-*"))


@pytest.mark.parametrize("command, folder, said", [
    (("build",), "output", "Site construit dans output/"),
    (("publish",), "public", "Publié localement dans public/"),
])
def test_three_builds_at_once_leave_a_complete_site_every_round(project, command, folder, said):
    waited = 0
    for number in range(ROUNDS):
        results = run_round(project, *command)
        for process, out, err in results:
            assert process.returncode == 0, err
            assert said in out
            assert "Traceback" not in out + err
        waited += sum(WAITING in err for _, _, err in results)
        assert site_problems(project / folder) == [], f"round {number + 1}"
        # Pruning kept the one switched in and the one before, nothing half-written.
        kept = builds_kept(project, folder)
        assert os.path.basename(os.readlink(project / folder)) in kept and len(kept) <= 2
    assert waited >= 1  # they did run into each other, and the one that waited said so


def test_three_publishes_to_a_target_at_once_each_leave_a_complete_release(project, tmp_path):
    target = tmp_path / "serveur"
    for number in range(ROUNDS):
        results = run_round(project, "publish", "--to", str(target))
        for process, out, err in results:
            assert process.returncode == 0, err
            assert f"Publié : {target}/current → releases/" in out
        assert site_problems(target / "current") == [], f"round {number + 1}"
        assert site_problems(project / "public") == []
    releases = sorted(p.name for p in (target / "releases").iterdir())
    assert len(releases) == 5 and os.readlink(target / "current") == f"releases/{releases[-1]}"


def test_a_build_waits_for_the_one_in_progress_and_says_so(project, tmp_path):
    """Deterministic: this test holds the project's lock; `invoke build` must wait, write nothing, then build."""
    before = os.readlink(project / "output")
    said = tmp_path / "stderr.txt"
    with open(project / ".builds" / LOCK_NAME, "a+") as lock, open(said, "w") as stderr:
        fcntl.flock(lock, fcntl.LOCK_EX)
        lock.seek(0)
        lock.truncate()
        lock.write("invoke publish, processus 4242, depuis 10:00:00\n")
        lock.flush()
        waiting = start_invoke(project, "build", stderr=stderr)
        deadline = time.monotonic() + 120
        while WAITING not in said.read_text(encoding="utf-8"):
            assert waiting.poll() is None and time.monotonic() < deadline, said.read_text(encoding="utf-8")
            time.sleep(0.1)
        time.sleep(2)
        assert waiting.poll() is None  # still waiting
        assert not list((project / ".builds").glob(f"output-*-{waiting.pid}-*"))  # nothing written meanwhile
        assert os.readlink(project / "output") == before
        fcntl.flock(lock, fcntl.LOCK_UN)
    out, _ = waiting.communicate(timeout=600)
    err = said.read_text(encoding="utf-8")
    assert waiting.returncode == 0, err
    assert ("Une autre construction de ce site est en cours (invoke publish, processus 4242, depuis 10:00:00) : "
            "celle-ci attend qu'elle se termine…") in err
    assert "Site construit dans output/" in out
    assert os.readlink(project / "output") != before and site_problems(project / "output") == []


def test_pruning_keeps_the_newest_builds_and_always_the_one_switched_in(tmp_path):
    from signage.workflow.build import BUILDS, prune, swap_in

    root = tmp_path / BUILDS
    folders = []
    for number in range(5):  # oldest first
        folder = root / f"output-2026120{number}-100000-1-{number}"
        folder.mkdir(parents=True)
        os.utime(folder, (1_800_000_000 + number, 1_800_000_000 + number))
        folders.append(folder)
    (root / "public-20261201-100000-1-9").mkdir()  # another target's build: not this prune's
    swap_in(folders[0], tmp_path / "output")  # switched back to the oldest (by hand, or a rollback)
    removed = prune(root, tmp_path / "output", keep=2)
    assert sorted(removed) == folders[1:3]
    assert sorted(p.name for p in root.iterdir()) == sorted(
        [folders[0].name, folders[3].name, folders[4].name, "public-20261201-100000-1-9"])
    assert (tmp_path / "output").resolve() == folders[0].resolve()


def test_the_live_previews_pruning_deletes_old_builds_without_holding_the_lock(tmp_path, monkeypatch):
    """Found measuring the live preview at 1,000 articles: the next save waited for the rmtree of the
    build before last (the lock was held over it). Old builds are now renamed aside under the lock
    and deleted once it is released; one left aside by a stopped process is deleted too."""
    import shutil
    import threading

    from signage.workflow import build, build_lock

    root = tmp_path / build.BUILDS
    folders = []
    for number in range(4):
        folder = root / f"output-2026120{number}-100000-1-{number}"
        (folder / "page").mkdir(parents=True)
        os.utime(folder, (1_800_000_000 + number, 1_800_000_000 + number))
        folders.append(folder)
    (root / f"{build.SET_ASIDE}output-2026113-100000-1-0").mkdir()  # left by a process that was killed
    build.swap_in(folders[-1], tmp_path / "output")
    lock_free_while_deleting = []
    real_rmtree = shutil.rmtree

    def try_the_lock(taken: list) -> None:  # as another build of this process would
        taken.append(build_lock._guard.acquire(blocking=False))
        if taken[0]:
            build_lock._guard.release()

    def rmtree(path, *args, **kwargs):
        taken: list = []
        probe = threading.Thread(target=try_the_lock, args=(taken,))
        probe.start()
        probe.join()
        holder = (root / build_lock.LOCK_NAME).read_text().strip()  # the holder's name while held
        lock_free_while_deleting.append(taken[0] and not holder)
        return real_rmtree(path, *args, **kwargs)

    monkeypatch.setattr(build.shutil, "rmtree", rmtree)
    build._prune_when_free(root, tmp_path / "output")
    assert sorted(p.name for p in root.iterdir() if p.is_dir()) == [folders[2].name, folders[3].name]
    assert lock_free_while_deleting == [True, True, True], lock_free_while_deleting
