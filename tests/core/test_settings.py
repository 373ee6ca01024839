"""Settings checked like MkDocs' config: a default and a check each, French, every problem at once."""

from __future__ import annotations

import copy

import pytest
from conftest import ROOT
from pelican.settings import read_settings

from signage.core import settings as vitrine_settings


@pytest.fixture(scope="module")
def sample() -> dict:
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    vitrine_settings.apply_defaults(settings)
    return settings


def problems(sample: dict, **changes) -> vitrine_settings.Report:
    settings = copy.deepcopy(sample)
    settings.update(changes)
    return vitrine_settings.check(settings)


def test_the_sample_settings_are_clean(sample):
    report = vitrine_settings.check(sample)
    assert report.errors == [] and report.warnings == []


def test_every_setting_has_a_default():
    settings = {}
    vitrine_settings.apply_defaults(settings)
    assert set(settings) == set(vitrine_settings.SCHEMA)
    report = vitrine_settings.check(settings)
    assert report.errors == []
    assert [w.split(" ")[0] for w in report.warnings] == ["PUBLIC_SITEURL"]  # empty: QR codes would point nowhere
    assert settings["SIGNAGE_CACHE_PATH"] == ".cache/signage" and settings["SIGNAGE_PREVIEW"] is True
    assert settings["RECEPTION"]["complaint_url"] == "https://www.masecurite.interieur.gouv.fr"
    other = {}
    vitrine_settings.apply_defaults(other)
    assert other["SIGNAGE_SCREENS"] is not settings["SIGNAGE_SCREENS"]  # a default is never shared


def test_reception_keys_left_out_get_their_default():
    settings = {"RECEPTION": {"name": "Point d'accueil"}}
    vitrine_settings.apply_defaults(settings)
    assert settings["RECEPTION"]["name"] == "Point d'accueil" and settings["RECEPTION"]["country"] == "FR"


@pytest.mark.parametrize("name, value, message", [
    ("SIGNAGE_POLL_SECONDS", 5, "SIGNAGE_POLL_SECONDS = 5 : trop petit ; attendu un nombre entier de secondes "
                                "entre 10 et 3600 (60 par défaut)."),
    ("SIGNAGE_DEFAULT_DURATION", "10", "SIGNAGE_DEFAULT_DURATION = '10' : n'est pas un nombre entier ; attendu un "
                                       "nombre entier de secondes à l'écran entre 3 et 300"),
    ("SIGNAGE_HORIZON_DAYS", True, "SIGNAGE_HORIZON_DAYS = True : n'est pas un nombre entier"),
    ("SIGNAGE_CACHE_PATH", "", "SIGNAGE_CACHE_PATH = '' : est vide ; attendu le chemin du dossier où garder les "
                               "diapositives déjà dessinées, par exemple « .cache/signage »."),
    ("SIGNAGE_CACHE_PATH", None, "SIGNAGE_CACHE_PATH = None : n'est pas un texte"),
    ("SIGNAGE_PREVIEW", "oui", "SIGNAGE_PREVIEW = 'oui' : n'est ni True ni False ; attendu True ou False "
                               "(True par défaut)."),
    ("PUBLIC_SITEURL", "point-accueil.fr", "PUBLIC_SITEURL = 'point-accueil.fr' : n'est pas une adresse complète ; "
                                           "attendu une adresse complète commençant par https://"),
    ("PUBLISH_DIR", "", "PUBLISH_DIR = '' : est vide"),
    ("PUBLISH_RSYNC_TARGET", ["serveur"], "PUBLISH_RSYNC_TARGET = ['serveur'] : n'est pas un texte"),
    ("VITRINE_EXTRA_CATEGORIES", "Vie locale", "VITRINE_EXTRA_CATEGORIES = 'Vie locale' : n'est pas une liste de noms"),
    ("SIGNAGE_SCREENS", [], "SIGNAGE_SCREENS = [] : n'est pas une liste non vide"),
    ("SIGNAGE_SCREENS", [{"name": "Vitrine", "width": 1920, "height": 1080}],
     "SIGNAGE_SCREENS, écran n° 1, name = 'Vitrine' : nom invalide ; attendu des minuscules, chiffres et tirets"),
    ("SIGNAGE_SCREENS", [{"name": "a", "width": 100, "height": 1080}],
     "SIGNAGE_SCREENS, écran n° 1, width = 100 : taille impossible ; attendu un nombre entier de pixels entre 240"),
    ("RECEPTION", "Pusey", "RECEPTION = 'Pusey' : n'est pas un dictionnaire"),
])
def test_each_error_says_which_setting_what_is_wrong_and_what_is_expected(sample, name, value, message):
    report = problems(sample, **{name: value})
    assert len(report.errors) == 1 and report.errors[0].startswith(message), report.errors


@pytest.mark.parametrize("key, value, message", [
    ("latitude", 147.6, "RECEPTION['latitude'] = 147.6 : coordonnée impossible ; attendu un nombre de degrés "
                        "décimaux entre -90 et 90"),
    ("postal_code", "7000", "RECEPTION['postal_code'] = '7000' : n'est pas un code postal ; attendu cinq chiffres"),
    ("complaint_url", "masecurite.fr", "RECEPTION['complaint_url'] = 'masecurite.fr' : n'est pas une adresse"),
    ("country", "France", "RECEPTION['country'] = 'France' : n'est pas un code de pays"),
])
def test_the_reception_keys_the_code_uses_are_checked(sample, key, value, message):
    report = problems(sample, RECEPTION={**sample["RECEPTION"], key: value})
    assert len(report.errors) == 1 and report.errors[0].startswith(message), report.errors


def test_every_problem_at_once(sample):
    report = problems(sample, SIGNAGE_POLL_SECONDS=5, SIGNAGE_PREVIEW="oui", SIGNAGE_CACHE_PATH="",
                      RECEPTION={**sample["RECEPTION"], "latitude": "nord"})
    assert [error.split(" ")[0] for error in report.errors] == \
        ["SIGNAGE_POLL_SECONDS", "SIGNAGE_CACHE_PATH", "SIGNAGE_PREVIEW", "RECEPTION['latitude']"]


def test_an_unknown_vitrine_name_is_a_warning_with_the_nearest_one(sample):
    report = problems(sample, SIGNAGE_DURATION=12, VITRINE_CATEGORIE=["Vie locale"], SIGNAGE_COULEUR="bleu",
                      RECEPTION={**sample["RECEPTION"], "complaint": "https://x.fr"})
    assert report.errors == []
    assert report.warnings == [
        "RECEPTION['complaint'] : clé inconnue, ignorée ; vouliez-vous dire complaint_url ?",
        "SIGNAGE_COULEUR : réglage inconnu de Vitrine, ignoré (voir signage/core/settings.py)",
        "SIGNAGE_DURATION : réglage inconnu de Vitrine, ignoré ; vouliez-vous dire SIGNAGE_DEFAULT_DURATION ? "
        "(voir signage/core/settings.py)",
        "VITRINE_CATEGORIE : réglage inconnu de Vitrine, ignoré ; vouliez-vous dire VITRINE_EXTRA_CATEGORIES ? "
        "(voir signage/core/settings.py)",
    ]
