"""The reading budget (screens/reading), pure, and the guide's examples of it, checked against it."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

from signage.screens import reading


@pytest.mark.parametrize("text, words", [
    ("Cambriolages\u00a0: fermez à clé", 4),
    ("Renseignez-vous à l’Opération Tranquillité Vacances.", 5),
    ("Ici, samedi 12 décembre, 10\u00a0h\u00a0–\u00a017\u00a0h", 6),  # a time of day is one word
    ("de 14 h 30 à 18 h", 4),
    ("Un bruit suspect\u202f? Appelez le 17.", 6),
    ("« » – : ? !", 0),
    ("amendes.gouv.fr", 1),
])
def test_words_are_counted_as_a_reader_reads_them(text, words):
    assert reading.count_words(text) == words


def test_the_budget_grows_with_the_duration_after_a_second_to_notice_the_slide():
    assert reading.readable_words(10) == 22  # 2.5 words per second for 9 s
    assert reading.readable_words(10, reading.LIMIT_RATE) == 36
    assert reading.readable_words(3) == 5
    assert reading.readable_words(1) == 0
    assert reading.seconds_for(22) == 10 and reading.seconds_for(23) == 11


def test_within_the_budget_over_it_and_far_beyond():
    assert reading.Reading(22, 10).severity is None
    over = reading.Reading(29, 10)
    assert over.severity == "warning" and over.words_to_cut == 7 and over.seconds_needed == 13
    assert reading.Reading(36, 10).severity == "warning"
    assert reading.Reading(37, 10).severity == "error"


def test_the_message_says_how_many_words_to_cut_or_how_long_the_slide_would_need():
    text = reading.message(reading.Reading(29, 10), "Slide_title et Slide_text", event_words=6, max_seconds=300)
    assert text == ("Slide_title et Slide_text : 29 mots à lire en 10 s (dont 6 pour la date et le lieu de "
                    "l'événement) ; un passant en lit environ 22 (2,5 mots par seconde, après 1 s pour voir la "
                    "diapositive) : retirez au moins 7 mots, ou laissez-la plus longtemps à l'écran : "
                    "Slide_duration: 13.")
    refused = reading.message(reading.Reading(800, 10), "Slide_text", max_seconds=300)
    assert "refusée au-delà de 36" in refused and "retirez au moins 778 mots." in refused
    assert "Slide_duration" not in refused  # 321 s would be beyond the longest duration allowed


def test_shorten_keeps_the_first_words_and_says_it_was_cut():
    assert reading.shorten("un deux trois quatre", 2) == "un deux…"
    assert reading.shorten("un, deux, trois", 2) == "un, deux…"
    assert reading.shorten("un deux", 5) == "un deux"


# --- The guide's examples are true -----------------------------------------------------------------

GUIDE = (ROOT / "docs" / "guide-redaction.md").read_text(encoding="utf-8")
SECTION = GUIDE.split("### Ce qu'un passant lit : le nombre de mots", 1)[1].split("\n## ", 1)[0]


def table_rows(header: str) -> list[list[str]]:
    """The rows of the section's table whose header line starts with `header`."""
    block = SECTION.split(header, 1)[1].split("\n\n", 1)[0]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in block.splitlines()[2:]]


def test_the_guides_table_of_durations_is_the_rule():
    rows = table_rows("| `Slide_duration` |")
    assert len(rows) >= 4
    for duration, readable, limit in rows:
        seconds = int(re.match(r"(\d+) s", duration).group(1))
        assert (int(readable), int(limit)) == (reading.readable_words(seconds),
                                               reading.readable_words(seconds, reading.LIMIT_RATE)), duration


def test_the_guides_examples_count_and_judge_as_the_build_does():
    rows = table_rows("| titre / texte |")
    assert {row[2].split(" ")[0] for row in rows} == {"se", "avertissement", "refusée"}
    for texts, words, verdict in rows:
        title, text = re.findall(r"« (.+?) »(?: /|$)", texts)
        result = reading.reading([title, text], 10)
        assert result.words == int(words), texts
        expected = {"se": None, "avertissement": "warning", "refusée": "error"}[verdict.split(" ")[0]]
        assert result.severity == expected, texts
        if expected:
            assert f"retirez au moins {result.words_to_cut} mots" in verdict
            assert f"`Slide_duration: {result.seconds_needed}`" in verdict
