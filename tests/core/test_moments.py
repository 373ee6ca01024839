"""One moment grammar (core.moments): what is accepted, what is refused, the correction proposed."""

from __future__ import annotations

from datetime import time

import pytest
from conftest import SLIDE_SETTINGS, event_article, fake_content

from signage.core.errors import ErrorLog
from signage.core.moments import MomentError, moment_message, parse_clock, parse_moment
from signage.screens.slides import SlideReader
from signage.site.events import load_events
from signage.site.hours import parse_closures
from signage.workflow import slide_preview


@pytest.mark.parametrize("text, start, whole_day", [
    ("2026-12-12", "2026-12-12T00:00:00+01:00", True),
    ("2026-12-12 10:00", "2026-12-12T10:00:00+01:00", False),
    ("2026-12-12 10h00", "2026-12-12T10:00:00+01:00", False),
    ("2026-12-12 10h", "2026-12-12T10:00:00+01:00", False),
    ("2026-12-12 9:05", "2026-12-12T09:05:00+01:00", False),
    ("2026-12-12T10:00", "2026-12-12T10:00:00+01:00", False),
    ("  2026-07-14 14:30 ", "2026-07-14T14:30:00+02:00", False),  # summer time
    ("2026-10-25 02:30", "2026-10-25T02:30:00+02:00", False),  # the repeated autumn hour: the first one
])
def test_accepted_forms(text, start, whole_day):
    moment = parse_moment(text)
    assert moment.start.isoformat() == start and moment.whole_day is whole_day


def test_a_whole_day_ends_at_the_next_midnight_even_across_the_dst_change():
    moment = parse_moment("2027-03-28")  # 23 hours long
    assert moment.start.isoformat() == "2027-03-28T00:00:00+01:00"
    assert moment.end.isoformat() == "2027-03-29T00:00:00+02:00"
    instant = parse_moment("2027-03-28 10:00")
    assert instant.end == instant.start  # an instant ends where it is


@pytest.mark.parametrize("written, proposed", [
    ("31/01/2027", "2027-01-31"),
    ("31/01/2027 10:00", "2027-01-31 10:00"),
    ("31/01/2027 à 10h30", "2027-01-31 10:30"),
    ("2027-1-31", "2027-01-31"),
    ("31-01-2027", "2027-01-31"),
    ("31.01.2027 14 h 30", "2027-01-31 14:30"),
    ("31/01/27", "2027-01-31"),
    ("01/02/2027", "2027-02-01"),  # day first, as France writes it
    ("12/31/2027", "2027-12-31"),  # can only be month first
    ("2027/01/31", "2027-01-31"),
    ("samedi 12 décembre 2026 à 10h", "2026-12-12 10:00"),
    ("le 1er janvier 2027", "2027-01-01"),
    ("2026-12-13 10", "2026-12-13 10:00"),
    ("13/12/2026 10:00:00", "2026-12-13 10:00"),
    ("2026-12-12 24:00", "2026-12-13 00:00"),
])
def test_another_unambiguous_form_gets_the_correction(written, proposed):
    with pytest.raises(MomentError) as refused:
        parse_moment(written)
    assert refused.value.suggestion == proposed
    assert moment_message("Slide_until", written, refused.value).endswith(f" ; écrivez {proposed}.")


@pytest.mark.parametrize("written, reason", [
    ("31/02/2026", "cette date n'existe pas : vérifiez le jour et le mois"),
    ("2026-02-30", "cette date n'existe pas : vérifiez le jour et le mois"),
    ("2026-12-12 25:00", "heure impossible : de 00:00 à 23:59"),
    ("samedi 13 décembre 2026", "c'est le dimanche 13 décembre 2026, pas un samedi"),
    ("13/12/2026 10:00:30", "format non reconnu"),
    ("demain", "format non reconnu"),
    ("", "format non reconnu"),
])
def test_no_correction_is_guessed_when_there_is_none(written, reason):
    with pytest.raises(MomentError) as refused:
        parse_moment(written)
    assert refused.value.suggestion is None
    assert reason in refused.value.reason


def test_a_time_skipped_by_the_spring_change_is_refused():
    with pytest.raises(MomentError) as refused:
        parse_moment("2027-03-28 02:30")
    assert moment_message("Event_start", "2027-03-28 02:30", refused.value) == (
        "Event_start « 2027-03-28 02:30 » n'est pas une date valide (cette heure n'existe pas à Paris : "
        "ce jour-là, à 2 h, les horloges passent à l'heure d'été et avancent d'une heure) ; écrivez une "
        "heure qui existe, par exemple 2027-03-28 03:30.")


def test_the_one_message_format():
    with pytest.raises(MomentError) as refused:
        parse_moment("31/01/2027")
    assert moment_message("Slide_until", "31/01/2027", refused.value) == (
        "Slide_until « 31/01/2027 » n'est pas une date valide (à écrire sous la forme AAAA-MM-JJ) ; "
        "écrivez 2027-01-31.")
    with pytest.raises(MomentError) as refused:
        parse_moment("bientôt")
    assert moment_message("Event_end", "bientôt", refused.value) == (
        "Event_end « bientôt » n'est pas une date valide (format non reconnu) ; écrivez AAAA-MM-JJ pour "
        "une journée entière ou AAAA-MM-JJ HH:MM, heure de Paris (exemple : 2026-12-12 10:00).")


def test_clock_times_and_midnight_as_an_end():
    assert parse_clock("12:00") == parse_clock("12h00") == parse_clock("12h") == time(12)
    assert parse_clock("24:00", end=True) == time(0)
    with pytest.raises(MomentError):
        parse_clock("24:00")


# --- Every caller reads moments the same way ------------------------------------------------


def _slide_until(value: str) -> tuple[object, list[str]]:
    log = ErrorLog()
    slide = SlideReader(SLIDE_SETTINGS, log, ["vitrine"]).read(fake_content(slide="yes", slide_until=value))
    return slide.valid_until, [p.message for p in log.errors]


def _event_start(value: str) -> tuple[object, list[str]]:
    log = ErrorLog()
    article = event_article(event_start=value, event_end="2026-12-12 17:00", location="Pusey")
    events = load_events([article], log, parse_moment("2026-12-01").start)
    return (events.all[0].start if events.all else None), [p.message for p in log.errors]


def _closure(value: str) -> tuple[object, list[str]]:
    closures, problems = parse_closures(f"{value}-19:00")
    return (closures[0].start if closures else None), problems


def _at(value: str) -> tuple[object, list[str]]:
    try:
        return slide_preview.parse_moment(value), []
    except slide_preview.PreviewError as error:
        return None, [str(error)]


@pytest.mark.parametrize("read", [_slide_until, _event_start, _closure, _at])
def test_every_caller_accepts_10h00_and_proposes_the_same_correction(read):
    accepted, problems = read("2026-12-12 10h00")
    assert accepted is not None and problems == []
    refused, problems = read("12/12/2026 10:00")
    assert refused is None and len(problems) == 1
    assert "n'est pas une date valide (à écrire sous la forme AAAA-MM-JJ HH:MM" in problems[0]
    assert " ; écrivez 2026-12-12 10:00" in problems[0]


@pytest.mark.parametrize("written, problem", [
    ("2026-12-24 12:00-19:00; 2026-12-31", None),
    ("2026-12-24 12h-19h", None),
    ("2026-12-31 14:00-24:00", None),
    ("24/12/2026 12h-19h", "Closures « 24/12/2026 12h-19h » n'est pas une date valide (à écrire sous la forme "
                           "AAAA-MM-JJ HH:MM-HH:MM) ; écrivez 2026-12-24 12:00-19:00."),
    ("31/12/2026", "Closures « 31/12/2026 » n'est pas une date valide (à écrire sous la forme AAAA-MM-JJ) ; "
                   "écrivez 2026-12-31."),
    ("2026-12-24 12:00", "Closures « 2026-12-24 12:00 » n'est pas une date valide (une heure seule ne dit pas "
                         "jusqu'à quand fermer) ; écrivez AAAA-MM-JJ pour une journée ou AAAA-MM-JJ HH:MM-HH:MM"),
    ("2026-12-24 19:00-12:00", "Closures « 2026-12-24 19:00-12:00 » : l'heure de fin doit être après l'heure de début."),
    ("2027-03-28 02:30-04:00", "Closures « 2027-03-28 02:30-04:00 » n'est pas une date valide (cette heure n'existe pas"),
])
def test_closures_use_the_same_days_and_times(written, problem):
    closures, problems = parse_closures(written)
    if problem is None:
        assert problems == [] and closures
    else:
        assert len(problems) == 1 and problems[0].startswith(problem), problems
