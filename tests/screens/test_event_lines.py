"""An event slide says its date and place once (screens/event_lines), pure."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from conftest import paris

from signage.screens import event_lines

RECEPTION = {"name": "Point d'accueil de gendarmerie de Pusey", "street": "Parc commercial de Pusey",
             "locality": "Pusey"}
HERE = "Point d'accueil de gendarmerie, parc commercial de Pusey"  # the sample events' Location
EVENT = SimpleNamespace(start=paris(2026, 12, 12, 10), end=paris(2026, 12, 12, 17), all_day=False,
                        first_day=date(2026, 12, 12), last_day=date(2026, 12, 12))


@pytest.mark.parametrize("location, here", [
    (HERE, True),
    ("Point d’accueil", True),
    ("point d'accueil de gendarmerie de Pusey", True),
    ("Parc commercial de Pusey", False),  # the shopping park is larger than the reception point
    ("Salle des fêtes de Pusey", False),
    ("Pusey", False),
    ("Gendarmerie de Vesoul", False),
    ("", False),
])
def test_the_reception_point_is_recognised_from_reception_in_the_settings(location, here):
    assert event_lines.at_reception(location, RECEPTION) is here


def test_at_the_reception_point_the_place_is_here_and_no_line_of_its_own():
    line = event_lines.event_line("samedi 12 décembre, 10 h – 17 h", HERE, here=True)
    assert line == "Ici, samedi 12 décembre, 10\u00a0h\u00a0–\u00a017\u00a0h"
    assert "\n" not in line and "Pusey" not in line


def test_elsewhere_the_place_has_its_line_under_the_date():
    line = event_lines.event_line("demain, 10 h – 17 h", "Salle des fêtes de Pusey", here=False)
    assert line == "Demain, 10\u00a0h\u00a0–\u00a017\u00a0h\nSalle des fêtes de Pusey"


@pytest.mark.parametrize("text, dates, places", [
    # The sample event as the issue found it.
    ("Samedi 12 décembre : cambriolages", ["12 décembre", "samedi"], []),
    ("De 10 h à 17 h au point d’accueil, les gendarmes vous conseillent avant les fêtes.",
     ["10 h", "17 h"], ["point d’accueil"]),
    ("Rendez-vous le 12/12 à 10h00", ["12/12", "10 h"], []),
    ("Entrée libre de 10 heures à 17 heures", ["10 h", "17 h"], []),
    # What the sample says now.
    ("Protégez votre maison avant les fêtes", [], []),
    ("Les gendarmes vous conseillent contre les cambriolages.", [], []),
    ("Fermé le dimanche 13 décembre", [], []),  # another day
    ("Appelez le 17", [], []),  # 17 without « h » is not the time
])
def test_what_a_title_or_text_repeats_of_the_date_and_place(text, dates, places):
    assert event_lines.repeats(text, EVENT, HERE, RECEPTION) == (dates, places)


def test_a_place_elsewhere_is_found_by_its_own_words():
    found = event_lines.repeats("Rendez-vous à la salle des fêtes", EVENT, "Salle des fêtes de Pusey", RECEPTION)
    assert found == ([], ["salle des fêtes"])
    assert event_lines.repeats("Venez à Vesoul", EVENT, "Vesoul", RECEPTION) == ([], ["Vesoul"])
