"""`invoke publish --to TARGET` / `invoke rollback`: releases uploaded with rsync --link-dest, one
atomic switch of `current`, 5 kept, a failed upload changing nothing, readers never missing an image,
the same path over a remote shell (host:/path), and the next page change written for the timer."""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE_EPOCH, build_sample_with

from signage.site.page_changes import read_changes
from signage.workflow.publish import (
    KEEP,
    PublishError,
    Target,
    feed_images,
    precompress,
    publish,
    read_state,
    rollback,
    systemd_time,
)


def copy_site(site: Path, folder: Path) -> Path:
    shutil.copytree(site, folder)
    return folder


def release_of(target: Path) -> str:
    return os.readlink(target / "current").removeprefix("releases/")


@pytest.fixture(scope="module")
def changed_site(tmp_path_factory) -> Path:
    """The sample with one campaign reworded: new slide images (new hashed names) in the feed."""
    page = (ROOT / "content" / "prevention" / "cambriolages.md").read_text(encoding="utf-8")
    reworded = page.replace("Slide_title: Cambriolages : fermez à clé", "Slide_title: Cambriolages : verrouillez", 1)
    assert reworded != page
    return build_sample_with(tmp_path_factory, "changed", {"prevention/cambriolages.md": reworded})


def test_second_publish_sends_only_what_changed_and_switches_atomically(sample_site, changed_site, tmp_path):
    target = tmp_path / "srv"
    first = publish(copy_site(sample_site, tmp_path / "b1"), Target.parse(str(target)), ROOT / "content")
    assert (target / "current").is_symlink() and release_of(target) == first.release
    assert os.readlink(target / "contenu") == f"sources/{first.release}"
    second = publish(copy_site(changed_site, tmp_path / "b2"), Target.parse(str(target)), ROOT / "content")
    assert release_of(target) == second.release and second.previous == first.release

    def sent(stats: str) -> int:
        line = next(line for line in stats.splitlines() if line.startswith("Total bytes sent"))
        return int(line.split(":")[1].replace(",", "").strip())

    assert sent(second.stats) * 10 < sent(first.stats), (sent(first.stats), sent(second.stats))
    old, new = target / "releases" / first.release, target / "releases" / second.release
    unchanged = new / "theme" / "dsfr" / "dsfr.min.css"
    assert unchanged.stat().st_ino == (old / "theme" / "dsfr" / "dsfr.min.css").stat().st_ino  # a hard link
    assert (new / "signage" / "feed.json").read_bytes() == (changed_site / "signage" / "feed.json").read_bytes()
    # The twins nginx's gzip_static serves, and nothing half-written left beside `current`.
    assert (new / "index.html.gz").is_file() and (new / "signage" / "feed.json.gz").is_file()
    assert sorted(p.name for p in target.iterdir()) == ["contenu", "current", "prochaine-reconstruction",
                                                          "releases", "sources"]


def test_images_of_the_previous_feed_stay_for_screens_that_still_hold_it(sample_site, changed_site, tmp_path):
    target = tmp_path / "srv"
    first = publish(copy_site(sample_site, tmp_path / "b1"), Target.parse(str(target)))
    old_images = feed_images((target / "current" / "signage" / "feed.json").read_text(encoding="utf-8"))
    new_images = feed_images((changed_site / "signage" / "feed.json").read_text(encoding="utf-8"))
    assert old_images - new_images, "the reworded campaign must change some slide images"
    second = publish(copy_site(changed_site, tmp_path / "b2"), Target.parse(str(target)))
    assert sorted(old_images - new_images) == second.carried
    for path in old_images | new_images:
        assert (target / "current" / path).is_file(), path
    # Carried one generation only: a third publish of the same build does not keep them any more.
    publish(copy_site(changed_site, tmp_path / "b3"), Target.parse(str(target)))
    assert not any((target / "current" / path).exists() for path in old_images - new_images)
    assert first.release != second.release


def test_keeps_five_releases_and_rolls_back_one_at_a_time(sample_site, tmp_path):
    built = copy_site(sample_site, tmp_path / "built")
    target = Target.parse(str(tmp_path / "srv"))
    releases = [publish(built, target).release for _ in range(KEEP + 2)]
    state = read_state(target)
    assert state.releases == releases[-KEEP:] and state.current == releases[-1]
    assert sorted(p.name for p in (tmp_path / "srv" / "releases").iterdir()) == releases[-KEEP:]
    assert rollback(target) == (releases[-1], releases[-2])
    assert release_of(tmp_path / "srv") == releases[-2]
    assert rollback(target) == (releases[-2], releases[-3])
    # A publish after a rollback links against what is online and keeps that one.
    newest = publish(built, target)
    assert newest.previous == releases[-3] and release_of(tmp_path / "srv") == newest.release
    assert releases[-3] in read_state(target).releases


def test_rollback_with_nothing_before_says_so(sample_site, tmp_path):
    target = Target.parse(str(tmp_path / "srv"))
    with pytest.raises(PublishError, match="rien n'est publié"):
        rollback(target)
    publish(copy_site(sample_site, tmp_path / "built"), target)
    with pytest.raises(PublishError, match="pas de version précédente"):
        rollback(target)


FAILING_UPLOAD = """
import resource, sys
from pathlib import Path
from signage.workflow.publish import PublishError, Target, publish
# Like a full disk: rsync may not write a file bigger than 64 KiB.
resource.setrlimit(resource.RLIMIT_FSIZE, (65536, 65536))
try:
    publish(Path(sys.argv[1]), Target.parse(sys.argv[2]))
except PublishError as problem:
    print(problem)
    sys.exit(3)
"""


def test_a_failed_upload_leaves_current_as_it_was(sample_site, tmp_path):
    target = tmp_path / "srv"
    first = publish(copy_site(sample_site, tmp_path / "b1"), Target.parse(str(target)))
    before = sorted(str(p.relative_to(target)) for p in target.rglob("*"))
    second = copy_site(sample_site, tmp_path / "b2")
    (second / "gros-fichier.bin").write_bytes(os.urandom(1 << 20))  # new bytes: they must travel
    precompress(second)  # the gzip twins exist already: only the upload meets the limit
    result = subprocess.run([sys.executable, "-c", FAILING_UPLOAD, str(second), str(target)], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 3, result.stdout + result.stderr
    assert "rsync a échoué" in result.stdout
    assert release_of(target) == first.release
    assert sorted(str(p.relative_to(target)) for p in target.rglob("*")) == before  # no half release left
    assert resource.getrlimit(resource.RLIMIT_FSIZE)[0] == resource.RLIM_INFINITY  # this process untouched


def test_readers_polling_during_two_publishes_never_miss_an_image(sample_site, changed_site, tmp_path):
    """A reader reads current/signage/feed.json, then checks every image it names, in a loop."""
    target = tmp_path / "srv"
    publish(copy_site(sample_site, tmp_path / "b0"), Target.parse(str(target)))
    feed = target / "current" / "signage" / "feed.json"
    counts = {"polls": 0, "images": 0, "misses": 0, "unreadable": 0}
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            try:
                text = feed.read_text(encoding="utf-8")
                json.loads(text)
            except (OSError, ValueError):
                counts["unreadable"] += 1
                continue
            counts["polls"] += 1
            for path in feed_images(text):
                counts["images"] += 1
                if not (target / "current" / path).is_file():
                    counts["misses"] += 1

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for index, site in enumerate((changed_site, sample_site)):
            publish(copy_site(site, tmp_path / f"b{index + 1}"), Target.parse(str(target)))
        time.sleep(0.2)
    finally:
        stop.set()
        thread.join(timeout=30)
    print(f"publish under polling: {counts}")
    assert counts["polls"] > 20 and counts["images"] > 100, counts
    assert counts["misses"] == 0 and counts["unreadable"] == 0, counts


REMOTE_SHELL = """#!/bin/sh
# Stands for `ssh HOST COMMAND`: drops HOST and runs COMMAND with a shell, as sshd does, on this
# machine (no SSH server here). rsync then speaks its real remote protocol through it.
shift
exec sh -c "$*"
"""


def test_a_host_path_target_goes_through_the_remote_shell_with_the_same_steps(sample_site, tmp_path, monkeypatch):
    shell = tmp_path / "remote-shell"
    shell.write_text(REMOTE_SHELL, encoding="utf-8")
    shell.chmod(0o755)
    monkeypatch.setenv("VITRINE_SSH", str(shell))
    folder = tmp_path / "dossier avec espace; touch pirate-vitrine"
    target = Target.parse(f"serveur:{folder}")
    assert (target.host, target.path) == ("serveur", str(folder))
    first = publish(copy_site(sample_site, tmp_path / "b1"), target, ROOT / "content")
    second = publish(copy_site(sample_site, tmp_path / "b2"), target, ROOT / "content")
    assert release_of(folder) == second.release
    assert (folder / "current" / "index.html").read_bytes() == (sample_site / "index.html").read_bytes()
    assert (folder / "contenu" / "pages" / "horaires-et-acces.md").is_file()
    assert rollback(target) == (second.release, first.release)
    assert not (ROOT / "pirate-vitrine").exists() and not list(tmp_path.glob("pirate-vitrine"))


@pytest.mark.parametrize(("text", "host", "path"), [
    ("vitrine@serveur.example:/srv/vitrine", "vitrine@serveur.example", "/srv/vitrine"),
    ("serveur:/srv/vitrine/", "serveur", "/srv/vitrine/"),
    ("./dossier:avec:deux-points", None, str(Path("./dossier:avec:deux-points").absolute())),
    ("/srv/vitrine", None, "/srv/vitrine"),
])
def test_target_reads_like_rsync(text, host, path):
    target = Target.parse(text)
    assert (target.host, target.path) == (host, path)


@pytest.mark.parametrize(("text", "message"), [
    ("-oProxyCommand=id:/srv", "ne commence pas par « - »"),
    ("serveur:", "il manque le dossier"),
    ("  ", "destination vide"),
])
def test_a_bad_target_is_refused_in_french(text, message):
    with pytest.raises(PublishError, match=message):
        Target.parse(text)


def test_the_build_writes_the_next_page_changes_and_publish_leaves_them_for_the_timer(sample_site, tmp_path):
    changes = read_changes(sample_site)
    assert [(c.at.isoformat(), c.reason) for c in changes[:3]] == [
        ("2026-12-05T07:00:00+00:00", "début de l'alerte « Faux SMS d’amende\u00a0: ne cliquez pas »"),
        ("2026-12-07T19:00:00+00:00", "fin de l'alerte « Faux SMS d’amende\u00a0: ne cliquez pas »"),
        ("2026-12-12T16:00:00+00:00", "fin de l'événement « Prévention des cambriolages avant les fêtes »"),
    ]
    assert any(c.reason == "début de la fermeture exceptionnelle du jeudi 24 décembre" for c in changes)
    assert all(c.at.timestamp() > SAMPLE_EPOCH for c in changes)
    target = tmp_path / "srv"
    publish(copy_site(sample_site, tmp_path / "b"), Target.parse(str(target)), next_rebuild=systemd_time(changes[0].at))
    when = (target / "prochaine-reconstruction").read_text(encoding="utf-8").strip()
    assert when == "2026-12-05 07:00:00 UTC"
    parsed = subprocess.run(["systemd-analyze", "calendar", when], capture_output=True, text=True, timeout=60)
    assert parsed.returncode == 0, parsed.stderr
    assert "Normalized form: 2026-12-05 07:00:00 UTC" in parsed.stdout


def test_invoke_publish_to_a_folder_prints_the_release_and_the_next_change(tmp_path):
    invoke = str(Path(sys.executable).with_name("invoke"))
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(SAMPLE_EPOCH), "VITRINE_RSYNC_TARGET": str(tmp_path / "srv")}
    result = subprocess.run([invoke, "publish"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Publié : {tmp_path / 'srv'}/current → releases/" in result.stdout
    assert ("Prochain changement de page : samedi 5 décembre 2026 à 8 h (début de l'alerte "
            "« Faux SMS d’amende\u00a0: ne cliquez pas »)") in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    rolled = subprocess.run([invoke, "rollback"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert rolled.returncode == 1 and "pas de version précédente" in rolled.stderr
