"""`invoke check`: every problem at once, in French, with file:line; non-zero exit on any error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE_EPOCH

HOURS = """Title: Horaires
Slug: horaires
Opening_hours: Mo-Sa 09:00-19:00; PH off

Le point d'accueil est ouvert du lundi au samedi.
"""

# file -> text. Each file but the hours page carries exactly one mistake.
MISTAKES = {
    "prevention/sans-titre.md": """Date: 2026-11-02 09:00
Category: Prévention

Un article sans titre.
""",
    "prevention/date.md": """Title: Une date impossible
Date: 2026-13-45
Category: Prévention

Texte.
""",
    "prevention/fin.md": """Title: Fin mal écrite
Date: 2026-11-02 09:00
Category: Prévention
Slide: yes
Slide_until: 31/02/2026

Texte.
""",
    "prevention/ecran.md": """Title: Écran inconnu
Date: 2026-11-02 09:00
Category: Prévention
Summary: Une campagne.
Slide: yes
Slide_until: 2027-01-31
Slide_screens: vitrine, ascenseur

Texte.
""",
    "recrutement/lien-qr.md": """Title: Devenir gendarme
Date: 2026-11-02 09:00
Category: Recrutement
Summary: Rejoignez-nous.
Slide: yes
Slide_link: www.lagendarmerierecrute.fr

Texte.
""",
    "recrutement/trop-long.md": """Title: Trop de texte
Date: 2026-11-02 09:00
Category: Recrutement
Slide: yes
Slide_text: """ + " ".join(["La gendarmerie recrute des femmes et des hommes de tous horizons, "
                            "avec ou sans diplôme, pour des métiers de terrain et d'expertise."] * 8) + """

Texte.
""",
    "pages/services.md": """Title: Services
Slug: services

Voir [la page disparue]({filename}disparue.md).
""",
    "pages/contact.md": """Title: Contact
Slug: contact

Consultez [nos tarifs](/tarifs/).
""",
    "prevention/photo.md": """Title: Une photo sans description
Date: 2026-11-02 09:00
Category: Prévention

![]({static}/images/petite.png)
""",
    "prevention/sans-fin.md": """Title: Campagne sans fin
Date: 2026-11-02 09:00
Category: Prévention
Summary: Fermez votre voiture.
Slide: yes

Texte.
""",
}

# (where, words that must be on that line of the report)
EXPECTED = [
    ("prevention/sans-titre.md:1", ["erreur", "Title"]),
    ("prevention/date.md:2", ["erreur", "Date", "2026-13-45"]),
    ("prevention/fin.md:5", ["erreur", "Slide_until", "31/02/2026"]),
    ("prevention/ecran.md:7", ["erreur", "Slide_screens", "ascenseur"]),
    ("recrutement/lien-qr.md:6", ["erreur", "Slide_link", "www.lagendarmerierecrute.fr"]),
    ("recrutement/trop-long.md:5", ["erreur", "Slide_text"]),
    ("pages/services.md:4", ["erreur", "disparue.md"]),
    ("pages/contact.md:4", ["erreur", "/tarifs/"]),
    ("prevention/photo.md:5", ["erreur", "texte alternatif", "petite.png"]),
    ("images/bandeau.png", ["attention", "trop lourde", "6400"]),
    ("prevention/sans-fin.md:5", ["attention", "Slide_until", "date de fin"]),
]


def run_check(content: Path, cache: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(SAMPLE_EPOCH)}
    return subprocess.run([sys.executable, "-m", "invoke", "check", "--content", str(content),
                           "--cache", str(cache)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)


@pytest.fixture
def broken_content(tmp_path) -> Path:
    from PIL import Image

    content = tmp_path / "contenu"
    for relative, text in {"pages/horaires.md": HOURS, **MISTAKES}.items():
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (content / "images").mkdir()
    Image.new("RGB", (320, 200), "#000091").save(content / "images" / "petite.png")
    Image.new("RGB", (6400, 200), "#ffffff").save(content / "images" / "bandeau.png")  # > 6000 px
    return content


def test_every_mistake_is_listed_at_once_with_file_and_line(broken_content, tmp_path):
    result = run_check(broken_content, tmp_path / "cache")
    report = result.stdout
    assert result.returncode != 0, report
    assert "Traceback" not in result.stdout + result.stderr
    lines = report.splitlines()
    for where, words in EXPECTED:
        matching = [line for line in lines if f"{where}:" in line or line.strip().startswith(where)]
        assert matching, f"{where} missing from the report:\n{report}"
        assert all(word in matching[0] for word in words), (where, words, matching[0])
    assert "10 erreurs et 2 avertissements" in report, report  # trop-long.md: too long and too many words
    # Nothing is written: no output folder appears in the content or the project.
    assert not (broken_content / "output").exists()


def test_the_sample_content_passes(tmp_path):
    result = run_check(ROOT / "content", tmp_path / "cache")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 erreur" in result.stdout or "Aucun problème" in result.stdout


# --- One Slide_link rule: the slides' reader and `invoke check` give the same answer ----------------

LINKS = ["https://www.masecurite.interieur.gouv.fr", "/services/", "tel:17", "tel:+33 3 84 00 00 00",
         "www.lagendarmerierecrute.fr", "https://exemple fr/x",
         # where the two copies used to disagree: the check accepted these, the slides refused them
         "https://mon_site.fr/x", "https://préfecture.gouv.fr", "https://exemple.fr/\tx"]


@pytest.mark.parametrize("link", LINKS)
def test_the_check_and_the_slides_apply_one_slide_link_rule(link):
    from conftest import SLIDE_SETTINGS, fake_content

    from signage.core.errors import ErrorLog
    from signage.screens.slides import SlideReader
    from signage.workflow.check import _check_slide_link

    item = fake_content(slide="yes", slide_link=link)
    by_slides, by_check = ErrorLog(), ErrorLog()
    SlideReader(SLIDE_SETTINGS, by_slides, ["vitrine"]).read(item)
    _check_slide_link(by_check, item, SLIDE_SETTINGS)
    assert [p.message for p in by_slides.errors] == [p.message for p in by_check.errors]
    both = ErrorLog()
    SlideReader(SLIDE_SETTINGS, both, ["vitrine"]).read(item)
    _check_slide_link(both, item, SLIDE_SETTINGS)
    assert len(both.errors) == len(by_slides.errors) <= 1  # said once, not twice
