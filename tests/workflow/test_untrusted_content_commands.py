"""Hostile content through the officer's commands: `invoke build` (build_and_swap), `invoke publish
--to`, `invoke check`. In French, every problem at once, nothing published, the last good output kept
byte for byte, no traceback. (Plain `pelican`: tests/site/test_untrusted_content.py; the live preview:
tests/workflow/test_live.py.)"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SAMPLE_EPOCH, write_content
from test_build_and_publish import swap, tree_digest

SECRET = "SECRET-77b2-ne-doit-jamais-sortir"


def make_hostile(content: Path, outside: Path) -> None:
    """A link to a file and one to a folder outside, two pages with one slug, a link to a missing page."""
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "passwd").write_text(SECRET, encoding="utf-8")
    (content / "images" / "x.jpg").symlink_to(outside / "passwd")
    (content / "images" / "etc").symlink_to(outside)
    write_content(content, {
        "pages/services-bis.md": "Title: Nos services\nSlug: services\n\nTexte.\n",
        "pages/liens.md": "Title: Liens\n\nVoir [la page absente]({filename}/pages/absente.md).\n",
    })


EXPECTED = [
    "images/x.jpg: lien symbolique vers {outside}/passwd, un fichier hors du dossier de contenu",
    "images/etc: lien symbolique vers {outside}, un dossier hors du dossier de contenu",
    "(services/index.html) que ",
    "pages/liens.md:3: le lien vers « {{filename}}/pages/absente.md » mène à un fichier introuvable",
]


def test_invoke_build_refuses_hostile_content_and_keeps_the_last_good_site(tmp_path, content_copy):
    target, cache = tmp_path / "output", tmp_path / "cache"
    good = swap(target, content_copy, cache)
    assert good.returncode == 0, good.stderr
    before_link, before_tree = os.readlink(target), tree_digest(target.resolve())

    outside = tmp_path / "ailleurs"
    make_hostile(content_copy, outside)
    failed = swap(target, content_copy, cache)
    assert failed.returncode == 3, failed.stdout + failed.stderr
    for line in EXPECTED:
        assert line.format(outside=outside) in failed.stderr, line
    assert "4 erreurs dans le contenu :" in failed.stderr
    assert ".builds" not in failed.stderr and "Failed to overwrite" not in failed.stderr
    assert "Traceback" not in failed.stdout + failed.stderr
    assert os.readlink(target) == before_link
    assert tree_digest(target.resolve()) == before_tree
    builds = [p for p in (tmp_path / ".builds").iterdir() if p.name.startswith("output-")]
    assert len(builds) == 1  # the failed attempt left nothing behind (beside the build lock)


def invoke(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    command = [str(Path(sys.executable).with_name("invoke")), *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900,
                          env={**os.environ, "SOURCE_DATE_EPOCH": str(SAMPLE_EPOCH), **(env or {})})


def test_invoke_publish_to_a_server_refuses_hostile_content_and_sends_nothing(tmp_path, content_copy):
    public = ROOT / "public"
    before = os.readlink(public) if public.is_symlink() else None
    before_tree = tree_digest(public.resolve()) if public.exists() else None
    outside = tmp_path / "ailleurs"
    make_hostile(content_copy, outside)
    server = tmp_path / "srv"
    result = invoke("publish", "--content", str(content_copy), "--to", str(server))
    assert result.returncode == 1, result.stdout + result.stderr
    for line in EXPECTED:
        assert line.format(outside=outside) in result.stderr, line
    assert "Le site déjà construit dans public/ n'a pas été modifié." in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not server.exists()  # no release, no sources/
    assert (os.readlink(public) if public.is_symlink() else None) == before
    assert (tree_digest(public.resolve()) if public.exists() else None) == before_tree


def test_the_content_kept_with_a_release_never_carries_a_link(sample_site, tmp_path, content_copy):
    """A link made after the build (between build and upload) is not copied into sources/ either."""
    from signage.workflow.publish import Target, publish

    outside = tmp_path / "ailleurs"
    outside.mkdir()
    (outside / "passwd").write_text(SECRET, encoding="utf-8")
    (content_copy / "images" / "x.jpg").symlink_to(outside / "passwd")
    (content_copy / "images" / "etc").symlink_to(outside)
    os.mkfifo(content_copy / "images" / "tube.jpg")
    server = tmp_path / "srv"
    done = publish(sample_site, Target(None, str(server)), content_copy)
    sources = server / "sources" / done.release
    assert (sources / "images" / "arnaques.jpg").is_file()
    kept = [p for p in sources.rglob("*") if p.is_symlink() or p.name in ("x.jpg", "etc", "tube.jpg")]
    assert kept == []
    assert not [p for p in sources.rglob("*") if p.is_file() and SECRET.encode() in p.read_bytes()]


def test_invoke_check_lists_hostile_content_and_its_verdict_is_true(tmp_path, content_copy):
    outside = tmp_path / "ailleurs"
    make_hostile(content_copy, outside)
    result = invoke("check", "--content", str(content_copy), "--cache", str(tmp_path / "cache"))
    assert result.returncode == 1, result.stdout + result.stderr
    for line in EXPECTED:
        assert line.format(outside=outside).split(": ", 1)[-1] in result.stdout, line
    assert "Corrigez les erreurs : rien ne sera publié tant qu'il en reste." in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert SECRET not in result.stdout
