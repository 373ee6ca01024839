"""What a build may read from content/: hidden files ignored, links and special files refused, never followed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from signage.core.content_files import MAX_PAGE_BYTES, is_ignored, refusals, regular_file


@pytest.mark.parametrize("name", ["._page.md", ".#page.md", "~$page.md", "page.md~", ".page.md.swp", "page.md.swp",
                                  ".DS_Store", "Thumbs.db", "thumbs.db", "desktop.ini", "Desktop.ini", "__MACOSX",
                                  "$RECYCLE.BIN", "page.md.tmp", "4913", "page.md.bak",
                                  # what editors write beside a file while saving it
                                  ".page.md.swo", "#page.md#", "sedGAwaJs", ".goutputstream-7RZ2K1",
                                  ".page.md.kate-swp", "page.md___jb_tmp___", "page.md___jb_old___",
                                  ".~lock.page.md#", "photo.jpg.part"])
def test_files_the_officer_cannot_see_are_ignored(name):
    assert is_ignored(name)


@pytest.mark.parametrize("name", ["page.md", "photo.jpg", "vols.md.txt", "vols.MD", "Thumbs.jpg", "notes~1.md",
                                  "sed.md", "sedan.md", "sedation", "4913.md", "README"])
def test_the_officers_files_are_not_ignored(name):
    assert not is_ignored(name)


@pytest.fixture
def outside(tmp_path) -> Path:
    folder = tmp_path / "ailleurs"
    (folder / "dossier").mkdir(parents=True)
    (folder / "secret.txt").write_text("secret", encoding="utf-8")
    (folder / "dossier" / "shadow").write_text("secret", encoding="utf-8")
    return folder


def test_every_link_fifo_and_oversized_page_is_refused_with_its_target(tmp_path, outside):
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    (content / "pages").mkdir()
    (content / "images" / "vraie.jpg").write_bytes(b"jpeg")
    (content / "images" / "x.jpg").symlink_to(outside / "secret.txt")
    (content / "images" / "d").symlink_to(outside / "dossier")
    (content / "images" / "boucle").symlink_to("..")
    (content / "images" / "copie.jpg").symlink_to("vraie.jpg")
    (content / "images" / "cassé.jpg").symlink_to(outside / "absent.jpg")
    os.mkfifo(content / "pages" / "tube.md")
    (content / "pages" / "enorme.md").write_bytes(b"Title: x\n\n" + b"a" * MAX_PAGE_BYTES)
    (content / "pages" / ".cache.md").symlink_to(outside / "secret.txt")  # hidden: ignored, not reported
    found = {item.relative: item for item in refusals(content)}
    assert sorted(found) == ["images/boucle", "images/cassé.jpg", "images/copie.jpg", "images/d", "images/x.jpg",
                             "pages/enorme.md", "pages/tube.md"]
    assert f"lien symbolique vers {outside / 'secret.txt'}, un fichier hors du dossier de contenu" in \
        found["images/x.jpg"].message
    assert found["images/d"].folder and f"vers {outside / 'dossier'}, un dossier hors" in found["images/d"].message
    assert found["images/boucle"].folder and "un dossier du dossier de contenu" in found["images/boucle"].message
    assert "lien symbolique vers un fichier du dossier de contenu (images/vraie.jpg)" in found["images/copie.jpg"].message
    assert "n'existe pas" in found["images/cassé.jpg"].message
    assert "tube nommé (FIFO)" in found["pages/tube.md"].message
    assert "page de 1,0 Mo" in found["pages/enorme.md"].message


def test_a_content_folder_that_is_itself_a_link_is_legitimate(tmp_path):
    real = tmp_path / "partage" / "contenu"
    (real / "images").mkdir(parents=True)
    (real / "images" / "photo.jpg").write_bytes(b"jpeg")
    mounted = tmp_path / "content"
    mounted.symlink_to(real)
    assert refusals(mounted) == []
    assert regular_file(mounted, mounted / "images" / "photo.jpg") == mounted / "images" / "photo.jpg"
    assert regular_file(mounted, real / "images" / "photo.jpg") == real / "images" / "photo.jpg"


def test_a_file_is_read_only_inside_the_folder_and_through_no_link(tmp_path, outside):
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    (content / "images" / "photo.jpg").write_bytes(b"jpeg")
    (content / "images" / "x.jpg").symlink_to(outside / "secret.txt")
    (content / "lien").symlink_to(content / "images")
    os.mkfifo(content / "images" / "tube.jpg")
    assert regular_file(content, content / "images" / "photo.jpg") == content / "images" / "photo.jpg"
    assert regular_file(content, content / "images" / "x.jpg") is None
    assert regular_file(content, content / "lien" / "photo.jpg") is None  # through a link to a folder
    assert regular_file(content, content / "images" / "tube.jpg") is None
    assert regular_file(content, content / "images" / ".." / ".." / "ailleurs" / "secret.txt") is None
    assert regular_file(content, content / "images") is None
    assert regular_file(content, content / "images" / "absente.jpg") is None
