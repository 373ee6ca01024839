"""The officer's vocabulary through a real build: misspelt keys, categories, dates, screens, unread files.

Every mistake is told at once, in French, with the file and the line, and the
build stops before writing anything; a near miss that changes nothing is a warning.
"""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOT, SAMPLE_EPOCH, build_site, write_content

from signage.core.errors import display_path

HEADER = "Date: 2026-11-20 09:00\nSummary: Un résumé.\n"

FILES = {
    "prevention/cle-mal-ecrite.md": f"Title: Clé mal écrite\n{HEADER}Category: Prévention\nSlide: yes\n"
                                    "Slide_untill: 2027-01-31\n\nTexte.\n",
    "alertes/alerte-en-francais.md": f"Title: Alerte en français\n{HEADER}Category: Alertes\nAlerte: yes\n"
                                     "Slide: yes\nSlide_until: 2026-12-07 20:00\n\nTexte.\n",
    "prevention/sans-accent.md": f"Title: Sans accent\n{HEADER}Category: Prevention\n\nTexte.\n",
    "prevention/date-a-la-francaise.md": f"Title: Date à la française\n{HEADER}Category: Prévention\nSlide: yes\n"
                                         "Slide_until: 31/01/2027\n\nTexte.\n",
    "prevention/jamais.md": f"Title: Jamais\n{HEADER}Category: Prévention\nSlide: yes\nSlide_when: off\n\nTexte.\n",
    "prevention/nulle-part.md": f"Title: Nulle part\n{HEADER}Category: Prévention\nSlide: yes\nSlide_screens: ,\n"
                                "\nTexte.\n",
    "prevention/ecran-mal-ecrit.md": f"Title: Écran mal écrit\n{HEADER}Category: Prévention\nSlide: yes\n"
                                     "Slide_screens: Vitrine, totme\n\nTexte.\n",
    "evenements/heure-a-la-francaise.md": "Title: Heure à la française\nDate: 2026-11-20 09:00\n"
                                          "Category: Événements\nEvent_start: 2026-12-19 10h00\n"
                                          "Event_end: 2026-12-19 17h\nLocation: Pusey\nSumary: Un résumé.\n"
                                          "\nTexte.\n",
    "prevention/oubli.md.txt": f"Title: Oubli\n{HEADER}Category: Prévention\n\nTexte.\n",
    "prevention/MAJUSCULES.MD": f"Title: Majuscules\n{HEADER}Category: Prévention\n\nTexte.\n",
    "perdu.md": f"Title: Perdu\n{HEADER}\nTexte.\n",
}

ERRORS = [
    ("prevention/cle-mal-ecrite.md:6", "Slide_untill : clé inconnue, cette ligne serait ignorée ; "
                                       "vouliez-vous dire Slide_until ?"),
    ("alertes/alerte-en-francais.md:5", "Alerte : clé inconnue, cette ligne serait ignorée ; vouliez-vous dire Alert ?"),
    ("prevention/sans-accent.md:4", "Category « Prevention » : rubrique inconnue du site ; vouliez-vous dire "
                                    "« Prévention » ?"),
    ("prevention/date-a-la-francaise.md:6", "Slide_until « 31/01/2027 » n'est pas une date valide (à écrire sous "
                                            "la forme AAAA-MM-JJ) ; écrivez 2027-01-31."),
    ("prevention/jamais.md:6", "Slide_when « off » n'ouvre jamais : la diapositive ne passerait plus"),
    ("prevention/nulle-part.md:6", "Slide_screens « , » ne nomme aucun écran"),
    ("prevention/ecran-mal-ecrit.md:6", "Slide_screens « totme » : écran inconnu ; vouliez-vous dire « totem » ?"),
]
WARNINGS = [
    ("evenements/heure-a-la-francaise.md:7", "Sumary : clé inconnue, cette ligne est ignorée ; "
                                             "vouliez-vous dire Summary ?"),
    ("prevention/oubli.md.txt", "extension « .txt » en trop après « .md » : ce fichier n'est pas lu ; "
                                "renommez-le « oubli.md »"),
    ("prevention/MAJUSCULES.MD", "extension « .MD » en majuscules : ce fichier n'est pas lu ; "
                                 "renommez-le « MAJUSCULES.md »"),
    ("perdu.md", "ce fichier n'est dans aucun dossier lu, il n'est pas publié : rangez-le dans prevention/, "
                 "recrutement/, evenements/, alertes/, pages/"),
]


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    root = tmp_path_factory.mktemp("vocabulary")
    shutil.copytree(ROOT / "content", root / "content")
    return write_content(root / "content", FILES)


@pytest.fixture(scope="module")
def built(content, tmp_path_factory):
    """Plain `pelican content -s pelicanconf.py -o OUT`."""
    root = tmp_path_factory.mktemp("vocabulary-build")
    return build_site(root / "out", content=content, cache=root / "cache")


@pytest.fixture(scope="module")
def checked(content, tmp_path_factory, monkeypatch_module):
    """`invoke check`'s report (its lines are not wrapped by Pelican's log)."""
    from signage.workflow.check import check_content

    monkeypatch_module.setenv("SOURCE_DATE_EPOCH", str(SAMPLE_EPOCH))
    cache = tmp_path_factory.mktemp("vocabulary-check-cache")
    return check_content(str(ROOT / "pelicanconf.py"), content, {"SIGNAGE_CACHE_PATH": str(cache)}).format()


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_every_vocabulary_mistake_at_once_with_file_and_line(built):
    assert built.returncode == 1, built.log
    assert "Traceback" not in built.log
    lines = built.stderr.splitlines()
    for where, message in ERRORS:
        assert any(where in line and message in line for line in lines), (where, message, built.stderr)
    assert f"{len(ERRORS)} erreurs dans le contenu :" in built.stderr
    assert built.stderr.rstrip().endswith("La construction s'est arrêtée avant d'écrire le moindre fichier dans "
                                          f"{display_path(str(built.output))}/.")
    assert not (built.output / "index.html").exists()


def test_invoke_check_lists_the_errors_and_the_warnings(checked):
    lines = checked.splitlines()
    for where, message in ERRORS:
        assert any(where in line and ": erreur" in line and message in line for line in lines), (where, checked)
    for where, message in WARNINGS:
        assert any(where in line and ": attention" in line and message in line for line in lines), (where, checked)
    assert f"{len(ERRORS)} erreurs et " in checked  # the sample campaigns without an end add warnings


def test_event_times_written_10h00_are_accepted(checked):
    assert "heure-a-la-francaise.md:4" not in checked and "heure-a-la-francaise.md:5" not in checked
