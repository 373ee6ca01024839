"""The officer's vocabulary: unknown keys, the site's categories, screen names, unread files."""

from __future__ import annotations

import pytest

from signage.core.vocabulary import (
    category_problem,
    key_problem,
    screen_named,
    site_categories,
    unknown_screen,
    unread_reason,
)


@pytest.mark.parametrize("key, severity, hint", [
    ("Slide_untill", "error", "vouliez-vous dire Slide_until ?"),
    ("slide-until", "error", "vouliez-vous dire Slide_until ?"),
    ("Slide_fin", "error", "vouliez-vous dire Slide_until ?"),  # in French
    ("Slide_écrans", "error", "vouliez-vous dire Slide_screens ?"),
    ("Event_begin", "error", "vouliez-vous dire Event_start ?"),
    ("Alerte", "error", "vouliez-vous dire Alert ?"),
    ("Sumary", "warning", "vouliez-vous dire Summary ?"),
    ("Catégorie", "warning", "vouliez-vous dire Category ?"),
    ("Lieu", "warning", "vouliez-vous dire Location ?"),
])
def test_an_unknown_key_names_the_nearest_known_one(key, severity, hint):
    found, message = key_problem(key)
    assert found == severity and message.startswith(f"{key} : clé inconnue") and hint in message


def test_known_keys_in_any_case_and_foreign_keys_pass():
    assert key_problem("SLIDE_UNTIL") is None and key_problem("opening_hours") is None
    assert key_problem("Couleur") is None  # a theme's own key: no mistake to suspect
    severity, message = key_problem("Event_organisateur")
    assert severity == "error" and "clés possibles : Event_start, Event_end" in message


def test_categories_are_vitrines_the_extra_ones_and_pelicans_default():
    settings = {"DEFAULT_CATEGORY": "Actualités", "VITRINE_EXTRA_CATEGORIES": ["Vie locale"]}
    assert site_categories(settings) == ["Prévention", "Recrutement", "Événements", "Alertes", "Vie locale",
                                         "Actualités"]
    assert category_problem("Prévention", site_categories(settings)) is None
    message = category_problem("Prevention", site_categories(settings))
    assert message.startswith("Category « Prevention » : rubrique inconnue du site ; vouliez-vous dire "
                              "« Prévention » ? rubriques possibles : Prévention, Recrutement")
    assert "vouliez-vous dire" not in category_problem("Cuisine", site_categories(settings))


def test_screen_names_in_any_case():
    assert screen_named(" Vitrine ", ["vitrine", "totem"]) == "vitrine"
    assert screen_named("salle", ["vitrine", "totem"]) is None
    assert unknown_screen("totme", ["vitrine", "totem"]) == (
        "écran inconnu ; vouliez-vous dire « totem » ? écrans déclarés dans pelicanconf.py : vitrine, totem")


@pytest.mark.parametrize("name, reason", [
    ("vols.md.txt", "extension « .txt » en trop après « .md » : ce fichier n'est pas lu ; renommez-le « vols.md »"),
    ("vols.MD", "extension « .MD » en majuscules : ce fichier n'est pas lu ; renommez-le « vols.md »"),
    ("vols.Markdown", "renommez-le « vols.md »"),
    ("vols.md", None), ("vols.markdown", None), ("photo.jpg", None),
    (".vols.md", None), ("._vols.md", None), ("~$vols.md", None), ("vols.md~", None), ("vols.md.swp", None),
])
def test_files_named_like_pages_that_pelican_would_not_read(name, reason):
    found = unread_reason(name)
    assert (found is None) if reason is None else (reason in found), found
