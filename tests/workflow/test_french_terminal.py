"""The officer's terminal is French: Pelican's English lines never reach it, whatever the command.

Real commands in a private copy of the project (tests/project_helpers.py): `invoke build`,
`publish`, `check`, `slides`, `live`, with content that makes Pelican speak English: a page linking
a photo with `{filename}` (Pelican warns « Use {static} instead »: no French translation, so the
line is kept in .cache/journal-technique.log and one French line says so), then a page without a
Title and one with an impossible Date (Pelican's « Skipping … » and « Could not process … »,
told in French with file and line).
"""

from __future__ import annotations

import re
import shutil
import signal

import pytest
from project_helpers import live_until_ready, project_copy, run_invoke

ENGLISH = re.compile(r"Done: Processed|Processed \d+ article|Could not process|Skipping|could not find|WARNING|"
                     r"ERROR|CRITICAL|Traceback|used for linking|instead|Unable to|Generating")
KEPT = "(1 message technique de Pelican, en anglais, gardé pour l'équipe technique dans .cache/journal-technique.log.)"
STATIC_LINK = ("Title: Photo liée\nDate: 2026-11-02\nCategory: Prévention\nSummary: Une photo.\n\n"
               "[la photo]({filename}/images/arnaques.jpg)\n")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    folder = project_copy(tmp_path_factory.mktemp("terminal") / "projet", tmp_path_factory.mktemp("render-cache"))
    (folder / "content" / "prevention" / "photo-liee.md").write_text(STATIC_LINK, encoding="utf-8")
    return folder


def english_in(text: str) -> list[str]:
    return [line for line in text.splitlines() if ENGLISH.search(line)]


@pytest.mark.parametrize("args, said", [
    (("build",), "Site construit dans output/"),
    (("publish",), "Publié localement dans public/"),
    (("check",), "Le contenu peut être publié."),
    (("slides", "--at", "2026-12-12 10:00"), "Écran « vitrine », samedi 12 décembre 2026"),
])
def test_commands_say_everything_in_french(project, args, said):
    journal = project / ".cache" / "journal-technique.log"
    journal.unlink(missing_ok=True)
    result = run_invoke(project, *args)
    assert result.returncode == 0, result.stderr
    assert said in result.stdout
    assert english_in(result.stdout + result.stderr) == []
    if args[0] in ("build", "publish"):  # check and slides build at ERROR level: Pelican's warnings are not made
        assert KEPT in result.stderr
        assert "{filename} used for linking to static content /images/arnaques.jpg" in journal.read_text(encoding="utf-8")


def test_the_live_preview_says_everything_in_french(project):
    said = live_until_ready(project)
    assert "Aperçu en direct : http://127.0.0.1:" in said and "Aperçu arrêté." in said
    assert english_in(said) == []
    assert KEPT in said


def test_pelicans_own_complaints_are_told_in_french_only(project, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(project / "content", content)
    (content / "prevention" / "sans-titre.md").write_text("Date: 2026-11-02\nCategory: Prévention\n\nTexte.\n",
                                                          encoding="utf-8")
    (content / "prevention" / "date.md").write_text("Title: Date\nDate: 2026-13-45\nCategory: Prévention\n\nTexte.\n",
                                                    encoding="utf-8")
    result = run_invoke(project, "publish", "--content", str(content))
    assert result.returncode == 1
    assert "sans-titre.md:1: Title manquant" in result.stderr
    assert "date.md:2: Date « 2026-13-45 » n'est pas une date valide" in result.stderr
    assert "Rien n'a été publié. Le site déjà construit dans public/ n'a pas été modifié." in result.stderr
    assert english_in(result.stdout + result.stderr) == []


def test_the_builds_warnings_reach_the_officer(project, tmp_path):
    """Found by an outsider: the officer's commands quieted Pelican's console, which also printed
    Vitrine's own warnings: `invoke build|publish` said « Site construit » and nothing of a key
    misspelt or a photo that does not decode. They are told in French, as « Attention : … »."""
    content = tmp_path / "content"
    shutil.copytree(project / "content", content)
    (content / "prevention" / "faute.md").write_text(
        "Title: Une faute\nDate: 2026-11-02\nCategory: Prévention\nSumary: Un résumé.\n\n"
        "![Un cambriolage]({static}/images/coupee.jpg)\n", encoding="utf-8")
    photo = (content / "images" / "cambriolages.jpg").read_bytes()
    (content / "images" / "coupee.jpg").write_bytes(photo[: len(photo) // 2])  # the upload stopped halfway
    result = run_invoke(project, "publish", "--content", str(content))
    assert result.returncode == 0, result.stderr
    assert "Attention : " in result.stderr and "faute.md:4: Sumary" in result.stderr, result.stderr
    assert "coupee.jpg » : la photo n'a pas pu être lue jusqu'au bout" in result.stderr, result.stderr
    assert english_in(result.stdout + result.stderr) == []


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP])
def test_the_live_preview_stops_cleanly_when_killed_or_its_terminal_closes(project, stop):
    """Found by an outsider: `kill` or a closed terminal skipped the stop (pagefind left running,
    its staging folder left behind)."""
    said = live_until_ready(project, stop=stop)
    assert "Aperçu arrêté." in said and "Traceback" not in said
