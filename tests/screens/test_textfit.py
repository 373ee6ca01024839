"""Line breaks on the slides (rendering/textfit), pure: a monospace stand-in measures the text.

No line ends with a short function word when another break avoids it, lines
are even, the fewest lines come first; a word wider than the box is named.
"""

from __future__ import annotations

import pytest

from signage.screens.rendering import textfit

CHAR = 10  # pixels per character at size 20 in the stand-in font


def mono(text: str, size: int) -> float:
    return len(text) * size / 2


def lines_of(text: str, chars: int, size: int = 20) -> list[str]:
    fit = textfit.fit(text, width=chars * CHAR, height=1000, max_size=size, min_size=size, measure=mono)
    assert isinstance(fit, textfit.Fit), fit
    assert all(mono(line, size) <= chars * CHAR for line in fit.lines)
    return list(fit.lines)


def test_the_alert_title_of_the_issue_no_longer_ends_a_line_with_ne():
    title = "Faux SMS d’amende\u00a0: ne cliquez pas"
    # The greedy wrap gives the line breaks the issue saw on the totem.
    assert textfit.wrap(title, 20, 14 * CHAR, mono) == ["Faux SMS", "d’amende\u00a0: ne", "cliquez pas"]
    assert lines_of(title, 14) == ["Faux SMS", "d’amende\u00a0:", "ne cliquez pas"]


def test_a_preposition_before_an_address_stays_on_the_line_when_nothing_better_exists():
    text = "Déposez plainte sur masecurite.interieur.gouv.fr"
    lines = lines_of(text, 28)
    assert lines == ["Déposez plainte sur", "masecurite.interieur.gouv.fr"]  # never « sur » alone on a line
    assert "sur" not in lines


@pytest.mark.parametrize("text, chars", [
    ("Un « conseiller » vous presse de valider une opération ? Raccrochez et appelez votre agence.", 30),
    ("Inscrivez-vous à l’Opération Tranquillité Vacances, en ligne ou au point d’accueil.", 26),
    ("Aucune amende ne se paie par un lien reçu par SMS. Vérifiez sur amendes.gouv.fr.", 22),
    ("Sac, téléphone, achats : ne laissez rien en vue dans la voiture.", 18),
])
def test_no_line_ends_with_a_function_word_when_it_can_be_avoided(text, chars):
    lines = lines_of(text, chars)
    assert len(lines) == len(textfit.wrap(text, 20, chars * CHAR, mono))  # no extra line for it
    assert not [line for line in lines[:-1] if textfit.clings(line.split(" ")[-1])], lines


def test_lines_are_even_no_lone_word_on_the_last_line():
    text = "Portes et fenêtres fermées, même pour une courte absence."
    greedy = textfit.wrap(text, 20, 48 * CHAR, mono)
    assert greedy[-1] == "absence."  # greedy leaves a widow
    lines = lines_of(text, 48)
    assert len(lines) == 2
    assert abs(len(lines[0]) - len(lines[1])) < 15, lines


@pytest.mark.parametrize("word, expected", [
    ("de", True), ("Sur", True), ("l’", True), ("d'", True), ("«\u00a0le", True),
    ("vous.", False), ("maison", False), ("17", False), ("fêtes", False),
])
def test_which_words_cling_to_the_next(word, expected):
    assert textfit.clings(word) is expected


def test_a_word_wider_than_the_box_is_named_with_how_much_of_it_fits():
    address = "masecurite.interieur.gouv.fr/particulier/je-signale-une-infraction"
    result = textfit.fit(f"Plainte en ligne : {address}", width=30 * CHAR, height=1000,
                         max_size=40, min_size=20, measure=mono)
    assert isinstance(result, textfit.Overflow)
    assert result.long_word == address
    assert result.word_fits == 30  # the first 30 characters fit on one line at the minimum size
    assert result.chars_to_cut == 0  # not « cut N characters »: cutting the end would not help


def test_too_many_words_still_say_how_many_characters_to_cut():
    result = textfit.fit("mot " * 200, width=200, height=50, max_size=40, min_size=20, measure=mono)
    assert isinstance(result, textfit.Overflow) and result.long_word is None and result.chars_to_cut > 700


def test_best_breaks_is_exact_on_a_small_case():
    # Widths 3 3 3 3 in a box of 7 (space 1): two lines of two, never 3 + 1.
    assert textfit.best_breaks([3, 3, 3, 3], 7, 1) == [(0, 2), (2, 4)]
    # The clinging item moves to the next line when the line count allows it.
    assert textfit.best_breaks([2, 2, 1, 5], 9, 1, [False, False, True, False]) == [(0, 2), (2, 4)]
