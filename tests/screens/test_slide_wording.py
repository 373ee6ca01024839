"""What the officer is told about a slide's wording, through real builds (screens/slide_checks).

Every error in one run whatever the photo's state, the reading budget, an
event repeating its date or place, characters the font lacks, a word too long
for a line, and the QR caption that is never cut silently.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import ROOT, SAMPLE_EPOCH, build_site, write_content

from signage.screens.rendering.draw import Renderer, Spec
from signage.screens.rendering.fonts import FontSet

HEAD = """Date: 2026-11-20 09:00
Category: Prévention
Summary: Résumé.
Slide: yes
"""
SENTENCE = ("Fermez votre porte à clé, même pour une courte absence, et signalez au 17 tout comportement "
            "suspect dans votre quartier.")  # 20 words


def article(title: str, keys: str, head: str = HEAD) -> str:
    until = "Slide_until: 2027-01-31\n" if head is HEAD else ""  # a campaign without an end is warned
    return f"Title: {title}\n{head}{keys}{until}\nTexte.\n"


THREE_MISTAKES = article("Trois erreurs", f"""Slide_image: images/absente.jpg
Slide_from: 2026-02-30
Slide_duration: 45
Slide_text: {" ".join([SENTENCE] * 5)}
""")


def test_a_wrong_photo_a_wrong_date_and_too_much_text_are_three_errors_in_one_run(tmp_path):
    """The issue's case: the text used to be checked as if the slide had no photo (more room)."""
    content = write_content(tmp_path / "content", {"pages/horaires.md": HOURS,
                                                    "prevention/trois-erreurs.md": THREE_MISTAKES})
    result = build_site(tmp_path / "out", content=content, cache=tmp_path / "cache")
    assert result.returncode != 0 and "Traceback" not in result.log, result.log
    lines = [line for line in result.log.splitlines() if "trois-erreurs.md" in line or "Slide_" in line]
    log = " ".join(result.log.split())
    assert "Slide_image « images/absente.jpg » : fichier introuvable" in log
    assert "Slide_from « 2026-02-30 » n'est pas une date valide" in log
    assert "Slide_text : trop long pour l'écran « vitrine » (1920×1080), « totem » (1080×1920)" in log, lines
    assert "3 erreurs dans le contenu" in log


HOURS = """Title: Horaires
Slug: horaires
Opening_hours: Mo-Sa 09:00-19:00; PH off

Texte.
"""
EVENT_HEAD = """Date: 2026-11-20 09:00
Category: Événements
Summary: Résumé.
Slide: yes
Event_start: 2026-12-12 10:00
Event_end: 2026-12-12 17:00
Location: Point d'accueil de gendarmerie, parc commercial de Pusey
"""
ADDRESS = "masecurite.interieur.gouv.fr/particulier/je-signale-un-evenement-ou-une-infraction-en-ligne"

FILES = {
    "pages/horaires.md": HOURS,
    # 29 words in 10 s: a warning (22 can be read).
    "prevention/un-peu-long.md": article("Un peu long", """Slide_title: Vous partez pour les fêtes de fin d'année ?
Slide_text: Inscrivez-vous à l'Opération Tranquillité Vacances, en ligne sur masecurite.interieur.gouv.fr ou au point d'accueil, du lundi au samedi de 9 h à 19 h.
"""),
    # 40 words in 10 s: refused (36 at most).
    "prevention/bien-trop-long.md": article("Bien trop long", f"""Slide_title: Cambriolages
Slide_text: {SENTENCE} {SENTENCE}
"""),
    # The sample event as the issue found it.
    "evenements/repetitions.md": article("Répétitions", """Slide_title: Samedi 12 décembre : cambriolages
Slide_text: De 10 h à 17 h au point d'accueil, les gendarmes vous conseillent.
""", head=EVENT_HEAD),
    "prevention/emoji.md": article("Émoji", """Slide_title: 🚨 Vol à la portière
Slide_text: Verrouillez ✓ votre voiture.
"""),
    "prevention/mot-long.md": article("Mot long", f"""Slide_title: Portez plainte
Slide_text: En ligne : {ADDRESS}
"""),
}

EXPECTED = [
    ("prevention/un-peu-long.md:7", "attention [Slide_text] : Slide_title et Slide_text : 29 mots à lire en 10 s ; "
     "un passant en lit environ 22 (2,5 mots par seconde, après 1 s pour voir la diapositive) : retirez au moins "
     "7 mots, ou laissez-la plus longtemps à l'écran : Slide_duration: 13."),
    ("prevention/bien-trop-long.md:7", "erreur [Slide_text] : Slide_title et Slide_text : 41 mots à lire en 10 s, "
     "bien plus qu'on ne peut en lire en passant"),
    ("evenements/repetitions.md:9", "attention [Slide_title] : Slide_title répète la date (« 12 décembre », "
     "« samedi ») : l'écran les affiche déjà sous le titre (« Ici, samedi 12 décembre 2026, 10 h – 17 h » : "
     "l'écran est au point d'accueil, il n'en dit pas plus)."),
    ("evenements/repetitions.md:10", "attention [Slide_text] : Slide_text répète la date (« 10 h », « 17 h ») et "
     "le lieu (« point d’accueil »)"),
    ("prevention/emoji.md:6", "erreur [Slide_title] : Slide_title : le caractère « 🚨 » (U+1F6A8, POLICE CARS "
     "REVOLVING LIGHT) n’existe pas dans la police des écrans (Marianne) : il s’afficherait comme un carré "
     "vide. Retirez-le ou remplacez-le par des mots."),
    ("prevention/emoji.md:7", "« ✓ » (U+2713, CHECK MARK)"),
    ("prevention/mot-long.md:7", f"erreur [Slide_text] : Slide_text : le mot « {ADDRESS} » ({len(ADDRESS)} "
     "caractères) ne tient pas sur une ligne de l'écran « totem » (1080×1920), même à la plus petite taille "
     "lisible à 3 mètres : une ligne en contient au plus 55."),
    ("prevention/mot-long.md:7", "Coupez-le après « masecurite.interieur.gouv.fr/particulier/je-signale-un- » "
     "(une espace après, « evenement-ou-une-infraction-en-ligne » passe à la ligne), ou mieux : retirez "
     "l'adresse du texte et mettez-la dans Slide_link"),
]


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> str:
    content = write_content(tmp_path_factory.mktemp("wording") / "content", FILES)
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(SAMPLE_EPOCH)}
    result = subprocess.run([sys.executable, "-m", "invoke", "check", "--content", str(content),
                             "--cache", str(tmp_path_factory.mktemp("wording-cache"))],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode != 0 and "Traceback" not in result.stdout + result.stderr, result.stderr
    return result.stdout


@pytest.mark.parametrize("where, message", EXPECTED, ids=[f"{w}-{i}" for i, (w, _m) in enumerate(EXPECTED)])
def test_invoke_check_says_it_in_french_with_the_file_line_and_field(report, where, message):
    lines = [line for line in report.splitlines() if where in line]
    assert any(message in line for line in lines), f"{where}: {message}\n" + "\n".join(lines or [report])


def test_the_counts(report):
    assert "4 erreurs et 3 avertissements" in report, report


# --- The QR caption is never cut silently (issue 10, item 7) --------------------------------------

@pytest.fixture(scope="module")
def renderer(tmp_path_factory):
    return Renderer(FontSet(tmp_path_factory.mktemp("fonts")))


@pytest.mark.parametrize("caption", [
    "point-accueil-pusey.gendarmerie.interieur.gouv.fr/s/rt64",
    "un-hote-sans-aucun-point-tres-tres-long-que-rien-ne-coupe-" * 3,
    "exemple.fr/" + "/".join(["rubrique"] * 30),
])
@pytest.mark.parametrize("size", [(1080, 1920), (1920, 1080)])
def test_the_caption_fits_beside_the_qr_code_whole_or_visibly_shortened(renderer, caption, size):
    spec = Spec(kind="content", identity="prevention", category="Prévention", title="Titre",
                title_field="Slide_title", text="Texte.", text_field="Slide_text", link="https://exemple.fr/",
                short_link=caption)
    layout = renderer.layout(spec, *size)
    (qr_x, qr_y, (_link, qr_size)), = [(x, y, p) for kind, x, y, p in layout.blocks if kind == "qr"]
    (x, y, (weight, fit, _colour)), = [(x, y, p) for kind, x, y, p in layout.blocks
                                       if kind == "text" and p[0] == "medium"]
    font = renderer.fonts.get(weight, fit.size)
    assert x > qr_x + qr_size
    assert all(x + font.getlength(line) <= size[0] - layout.geometry.margin + 1 for line in fit.lines)
    assert y >= qr_y and y + fit.height <= qr_y + qr_size + fit.size
    assert fit.size >= round(0.03 * 1080)  # 32 px at least: legible at 3 m
    shown = "".join(fit.lines)
    assert shown == caption or (shown.endswith("…") and caption.startswith(shown[:-1])), fit.lines
