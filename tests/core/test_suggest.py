"""One « vouliez-vous dire » helper for keys, categories, screens and settings."""

from __future__ import annotations

import pytest

from signage.core.suggest import did_you_mean, folded, nearest

CATEGORIES = ["Prévention", "Recrutement", "Événements", "Alertes", "Actualités"]


@pytest.mark.parametrize("word, choices, expected", [
    ("Prevention", CATEGORIES, "Prévention"),  # accents and case first
    ("evenements", CATEGORIES, "Événements"),
    ("Recrutemnt", CATEGORIES, "Recrutement"),  # then the closest spelling
    ("Slide_untill", ["Slide_from", "Slide_until", "Slide_link"], "Slide_until"),
    ("slide-until", ["Slide_from", "Slide_until"], "Slide_until"),
    ("Vitrine", ["vitrine", "totem"], "vitrine"),
    ("SIGNAGE_DURATION", ["SIGNAGE_DEFAULT_DURATION", "SIGNAGE_POLL_SECONDS"], "SIGNAGE_DEFAULT_DURATION"),
    ("Cuisine", CATEGORIES, None),  # nothing close: no guess
])
def test_nearest(word, choices, expected):
    assert nearest(word, choices) == expected


def test_the_french_sentence():
    assert did_you_mean("Slide_untill", ["Slide_until"]) == "vouliez-vous dire Slide_until ?"
    assert did_you_mean("Prevention", CATEGORIES, quoted=True) == "vouliez-vous dire « Prévention » ?"
    assert did_you_mean("Cuisine", CATEGORIES) == ""
    assert folded("Slide-Écrans ") == "slideecrans"
