"""`invoke build` / `publish`: a fresh folder switched in atomically; a failed build changes nothing."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SAMPLE_EPOCH, build_site

SWAP = """
import sys
from signage.workflow.build import BuildFailed, build_and_swap
try:
    build_and_swap({settings!r}, {target!r}, {{"PATH": {content!r}, "SIGNAGE_CACHE_PATH": {cache!r}}})
except BuildFailed as failure:
    print(failure, file=sys.stderr)
    sys.exit(3)
"""


def swap(target: Path, content: Path, cache: Path, settings: str = "pelicanconf.py"):
    code = SWAP.format(root=str(ROOT), settings=str(ROOT / settings), target=str(target),
                       content=str(content), cache=str(cache))
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(SAMPLE_EPOCH)}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=600)


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_failed_build_keeps_the_published_site_and_a_good_one_switches_over(tmp_path, content_copy):
    target, cache = tmp_path / "output", tmp_path / "cache"
    first = swap(target, content_copy, cache)
    assert first.returncode == 0, first.stderr
    assert target.is_symlink() and (target / "index.html").is_file()
    before_link, before_tree = os.readlink(target), tree_digest(target.resolve())

    page = content_copy / "prevention" / "cambriolages.md"
    good_text = page.read_text(encoding="utf-8")
    assert "Slide_until" not in good_text
    page.write_text(good_text.replace("Slide: yes", "Slide: yes\nSlide_until: 31/02/2026", 1), encoding="utf-8")
    failed = swap(target, content_copy, cache)
    assert failed.returncode == 3
    assert "Slide_until « 31/02/2026 »" in failed.stderr and "cambriolages.md" in failed.stderr
    assert os.readlink(target) == before_link
    assert tree_digest(target.resolve()) == before_tree
    assert len(list((tmp_path / ".builds").glob("output-*"))) == 1  # the failed attempt left nothing behind

    page.write_text(good_text.replace("Title:", "Title: Nouveau titre —", 1), encoding="utf-8")
    second = swap(target, content_copy, cache)
    assert second.returncode == 0, second.stderr
    assert os.readlink(target) != before_link
    assert "Nouveau titre" in (target / "prevention" / "cambriolages" / "index.html").read_text(encoding="utf-8")


def test_publish_settings_give_absolute_production_urls_and_no_preview(tmp_path, content_copy):
    target = tmp_path / "public"
    result = swap(target, content_copy, tmp_path / "cache", settings="publishconf.py")
    assert result.returncode == 0, result.stderr
    home = (target / "index.html").read_text(encoding="utf-8")
    assert 'rel="canonical" href="https://point-accueil-pusey.gendarmerie.interieur.gouv.fr/"' in home
    assert not (target / "signage" / "apercu").exists()
    assert (target / "signage" / "feed.json").is_file()


def test_a_file_pelican_would_skip_stops_the_plain_cli_build(tmp_path, content_copy):
    (content_copy / "prevention" / "sans-titre.md").write_text(
        "Date: 2026-11-02\nCategory: Prévention\n\nUn texte sans titre.\n", encoding="utf-8")
    (content_copy / "prevention" / "date-impossible.md").write_text(
        "Title: Date impossible\nDate: 2026-13-45\nCategory: Prévention\n\nTexte.\n", encoding="utf-8")
    result = build_site(tmp_path / "out", content=content_copy, cache=tmp_path / "cache")
    assert result.returncode == 1
    assert "sans-titre.md:1: Title manquant" in result.stderr
    assert "date-impossible.md:2: Date « 2026-13-45 » n'est pas une date valide" in result.stderr
    assert "Traceback" not in result.log
    assert not (tmp_path / "out" / "index.html").exists()


def test_every_task_loads_without_configuration():
    listing = subprocess.run([str(Path(sys.executable).with_name("invoke")), "--list"], cwd=ROOT,
                             capture_output=True, text=True, timeout=60)
    assert listing.returncode == 0, listing.stderr
    for task in ("build", "serve", "publish", "live", "check", "slides", "new"):
        assert f"\n  {task}" in listing.stdout
