"""Editors' and systems' files beside the officer's: never content, never a change (core.editor_files)."""

import pytest

from signage.core.editor_files import editor_file


@pytest.mark.parametrize("name", [
    "4913", "horaires.md~", ".horaires.md.swp", ".horaires.md.swo", ".#horaires.md", "#horaires.md#", "sedGAwaJs",
    ".goutputstream-7RZ2K1", ".horaires.md.kate-swp", "horaires.md___jb_tmp___", "horaires.md___jb_old___",
    ".~lock.horaires.md#", "~$horaires.md", "._horaires.md", ".DS_Store", "photo.jpg.part", "x.tmp", "x.bak",
])
def test_editor_and_system_files(name):
    assert editor_file(name)


@pytest.mark.parametrize("name", ["horaires-et-acces.md", "cambriolages.jpg", "sed.md", "sedan.md", "4913.md",
                                  "vols-de-velos.md", "README"])
def test_the_officers_files(name):
    assert not editor_file(name)
