"""Every bad slide key gives its French message; all of them in one run; nothing published is touched."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from conftest import SLIDE_SETTINGS, build_site, fake_content

from signage.core.errors import ErrorLog
from signage.screens.slides import SlideReader

SCREENS = ["vitrine", "totem"]


def read(tmp_path=None, **keys):
    log = ErrorLog()
    settings = {**SLIDE_SETTINGS, "PATH": str(tmp_path or "content")}
    slide = SlideReader(settings, log, SCREENS).read(fake_content(**keys))
    return slide, [p.message for p in log.errors]


def test_a_good_slide_reads_every_key(tmp_path):
    (tmp_path / "images").mkdir()
    from PIL import Image

    Image.new("RGB", (40, 30), "navy").save(tmp_path / "images" / "photo.jpg")
    slide, errors = read(tmp_path, slide="yes", slide_title="Vous partez ?", slide_text="L'OTV : inscrivez-vous",
                         slide_image="images/photo.jpg", slide_focus="30% 40%", slide_from="2026-12-01",
                         slide_until="2026-12-24 12:00", slide_when="Mo-Sa 09:00-19:00", slide_duration="12 s",
                         slide_screens="totem", slide_link="/services/")
    assert errors == []
    assert slide.title == "Vous partez\u202f?" and slide.text == "L\u2019OTV\u00a0: inscrivez-vous"
    assert slide.image == (tmp_path / "images" / "photo.jpg").resolve() and slide.focal == (0.3, 0.4)
    assert slide.valid_from.isoformat() == "2026-12-01T00:00:00+01:00"
    assert slide.valid_until.isoformat() == "2026-12-24T12:00:00+01:00"
    assert slide.duration == 12 and slide.screens == ["totem"]
    assert slide.link == "https://accueil.example.fr/services/"
    assert slide.id == "prevention/x" and slide.kind == "content"


def test_defaults_come_from_pelican_keys():
    slide, errors = read(slide="yes")
    assert errors == []
    assert (slide.title, slide.text, slide.text_field) == ("Titre", "Résumé", None)
    assert slide.link == "https://accueil.example.fr/prevention/x/"
    assert slide.duration == 10 and slide.screens == SCREENS
    assert read(title="pas une diapositive")[0] is None


def test_a_bare_until_date_includes_that_day_and_a_bare_from_date_starts_it():
    slide, errors = read(slide="yes", slide_from="2026-12-07", slide_until="2026-12-07")
    assert errors == []
    assert slide.valid_from.isoformat() == "2026-12-07T00:00:00+01:00"
    assert slide.valid_until.isoformat() == "2026-12-08T00:00:00+01:00"


def test_slide_dates_accept_what_event_dates_accept():
    """One grammar (core.moments): « 10h00 » was refused in Slide_until and accepted in Event_start."""
    slide, errors = read(slide="yes", slide_from="2026-12-12T08:00", slide_until="2026-12-12 10h00")
    assert errors == []
    assert (slide.valid_from.isoformat(), slide.valid_until.isoformat()) == \
        ("2026-12-12T08:00:00+01:00", "2026-12-12T10:00:00+01:00")


@pytest.mark.parametrize("keys, expected", [
    ({"slide_until": "31/02/2026"},
     "Slide_until « 31/02/2026 » n'est pas une date valide (cette date n'existe pas : vérifiez le jour et le mois)"),
    ({"slide_until": "31/01/2027"},
     "Slide_until « 31/01/2027 » n'est pas une date valide (à écrire sous la forme AAAA-MM-JJ) ; écrivez 2027-01-31."),
    ({"slide_from": "2026-13-01"}, "Slide_from « 2026-13-01 » n'est pas une date valide"),
    ({"slide_from": "2027-03-28 02:30"}, "Slide_from « 2027-03-28 02:30 » n'est pas une date valide (cette heure "
                                         "n'existe pas à Paris"),
    ({"slide_from": "2026-12-10", "slide_until": "2026-12-01"}, "la fin doit suivre le début"),
    ({"slide_duration": "dix"}, "Slide_duration « dix » n'est pas une durée valide (attendu un nombre de secondes"),
    ({"slide_duration": "0"}, "Slide_duration « 0 » n'est pas une durée valide"),
    ({"slide_when": "Lu-Sa 9h-19h"}, "Slide_when : « Lu-Sa 9h-19h » n'est pas une expression d'horaires"),
    ({"slide_screens": "vitrine, salle"}, "Slide_screens « salle » : écran inconnu ; écrans déclarés dans "
                                          "pelicanconf.py : vitrine, totem"),
    ({"slide_screens": "vitrine, totme"}, "Slide_screens « totme » : écran inconnu ; vouliez-vous dire « totem » ?"),
    ({"slide_screens": ","}, "Slide_screens « , » ne nomme aucun écran : la diapositive ne passerait nulle part"),
    ({"slide_when": "off"}, "Slide_when « off » n'ouvre jamais : la diapositive ne passerait plus"),
    ({"slide_when": "2020 Dec 24 10:00-12:00"}, "Slide_when « 2020 Dec 24 10:00-12:00 » n'ouvre jamais"),
    ({"slide_link": "www.exemple"}, "Slide_link « www.exemple » n'est pas une adresse valide"),
    ({"slide_link": "https://exemple fr/x"}, "Slide_link « https://exemple fr/x » n'est pas une adresse valide"),
    ({"slide_focus": "droite"}, "Slide_focus « droite » : attendu deux pourcentages"),
    ({"slide_image": "images/absente.jpg"}, "Slide_image « images/absente.jpg » : fichier introuvable"),
    ({"slide_image": "../secret.jpg"}, "Slide_image « ../secret.jpg » est hors du dossier content/"),
    ({"slide_image": "images/abimee.jpg"}, "Slide_image « images/abimee.jpg » n'est pas une image lisible"),
    ({"alert": "yes"}, "Alert: yes exige Slide_until"),
])
def test_each_mistake_has_its_french_message(tmp_path, keys, expected):
    root = tmp_path / "content"
    (root / "images").mkdir(parents=True)
    (root / "images" / "abimee.jpg").write_bytes(b"ceci n'est pas une photo")
    (tmp_path / "secret.jpg").write_bytes((root / "images" / "abimee.jpg").read_bytes())
    slide, errors = read(root, slide="yes", **keys)
    assert slide is not None
    assert len(errors) == 1 and expected in errors[0], errors


@pytest.mark.parametrize("link", ["https://www.masecurite.interieur.gouv.fr", "http://exemple.fr/a?b=c", "tel:17"])
def test_good_links_pass(link):
    assert read(slide="yes", slide_link=link)[1] == []


def test_screen_names_are_accepted_in_any_case():
    slide, errors = read(slide="yes", slide_screens=" Totem , VITRINE")
    assert errors == [] and slide.screens == ["vitrine", "totem"]


def test_a_day_parting_that_opens_later_is_kept():
    """Not « never »: Christmas Eve mornings come back every year."""
    slide, errors = read(slide="yes", slide_when="Dec 24 10:00-12:00")
    assert errors == [] and slide.when == "Dec 24 10:00-12:00"


# --- One run, every mistake, the published site untouched --------------------------------

BROKEN = {
    "prevention/erreurs-de-cles.md": """Title: Erreurs de clés
Date: 2026-11-20 09:00
Category: Prévention
Slug: erreurs-de-cles
Summary: Un article plein d'erreurs.
Slide: yes
Slide_until: 31/02/2026
Slide_duration: dix
Slide_when: Lu-Sa 9h-19h
Slide_screens: vitrine, salle
Slide_link: www.exemple

Texte.
""",
    "alertes/alerte-sans-fin.md": """Title: Alerte sans fin
Date: 2026-11-20 09:00
Category: Alertes
Slug: alerte-sans-fin
Summary: Une alerte qui oublie sa fin.
Alert: yes
Slide: yes

Texte.
""",
    "prevention/image-absente.md": """Title: Image absente
Date: 2026-11-20 09:00
Category: Prévention
Slug: image-absente
Summary: Résumé.
Slide: yes
Slide_image: images/absente.jpg

Texte.
""",
    "prevention/image-abimee.md": """Title: Image abîmée
Date: 2026-11-20 09:00
Category: Prévention
Slug: image-abimee
Summary: Résumé.
Slide: yes
Slide_image: images/abimee.jpg

Texte.
""",
    "prevention/image-dehors.md": """Title: Image dehors
Date: 2026-11-20 09:00
Category: Prévention
Slug: image-dehors
Summary: Résumé.
Slide: yes
Slide_image: ../secret.jpg

Texte.
""",
    "prevention/texte-trop-long.md": """Title: Texte trop long
Date: 2026-11-20 09:00
Category: Prévention
Slug: texte-trop-long
Summary: Résumé.
Slide: yes
Slide_text: {long}

Texte.
""".format(long=" ".join(["Fermez portes et fenêtres, même pour une courte absence, et signalez tout "
                          "comportement suspect au 17."] * 14)),
}

EXPECTED = [
    ("erreurs-de-cles.md", "Slide_until « 31/02/2026 » n'est pas une date valide "
                           "(cette date n'existe pas : vérifiez le jour et le mois)"),
    ("erreurs-de-cles.md", "Slide_duration « dix » n'est pas une durée valide"),
    ("erreurs-de-cles.md", "Slide_when : « Lu-Sa 9h-19h » n'est pas une expression d'horaires OpenStreetMap valide"),
    ("erreurs-de-cles.md", "Slide_screens « salle » : écran inconnu"),
    ("erreurs-de-cles.md", "Slide_link « www.exemple » n'est pas une adresse valide"),
    ("alerte-sans-fin.md", "Alert: yes exige Slide_until"),
    ("image-absente.md", "Slide_image « images/absente.jpg » : fichier introuvable"),
    ("image-abimee.md", "Slide_image « images/abimee.jpg » n'est pas une image lisible"),
    ("image-dehors.md", "Slide_image « ../secret.jpg » est hors du dossier content/"),
    ("texte-trop-long.md", "Slide_text : trop long pour l'écran"),
]


def tree_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_all_mistakes_in_one_run_and_output_unchanged(tmp_path, content_copy):
    output, cache = tmp_path / "output", tmp_path / "cache"
    first = build_site(output, content=content_copy, cache=cache)
    assert first.returncode == 0, first.log
    assert (output / "signage" / "feed.json").is_file()
    before = tree_digest(output)

    for name, text in BROKEN.items():
        (content_copy / name).parent.mkdir(parents=True, exist_ok=True)
        (content_copy / name).write_text(text, encoding="utf-8")
    (content_copy / "images" / "abimee.jpg").write_bytes(b"pas une image")
    (tmp_path / "secret.jpg").write_bytes((content_copy / "images" / "cambriolages.jpg").read_bytes())

    second = build_site(output, content=content_copy, cache=cache)
    assert second.returncode != 0
    assert "Traceback" not in second.log, second.log
    lines = second.log.splitlines()
    for file_name, message in EXPECTED:
        hits = [line for line in lines if message in line]
        assert hits, f"missing: {message}\n{second.log}"
        assert any(file_name in line for line in hits), hits
    too_long = next(line for line in lines if "Slide_text : trop long" in line)
    assert re.search(r"raccourcissez-le d'au moins \d+ caractères", too_long), too_long
    assert tree_digest(output) == before
