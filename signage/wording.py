"""French words for hours and days, from Babel's CLDR data (never the OS locale).

Small pure functions shared by the hours page, the events and the screens:
    time_words(time(9, 0))              -> « 9 h »
    time_words(time(14, 30))            -> « 14 h 30 »
    day_name(0)                         -> « lundi »
    date_words(date(2026, 12, 1))       -> « mardi 1er décembre »
    date_words(date(2027, 1, 2), True)  -> « samedi 2 janvier 2027 »
    range_words([(time(9), time(19))])  -> « de 9 h à 19 h »
"""

from __future__ import annotations

from datetime import date, datetime, time

from babel.dates import format_date, get_day_names

LOCALE = "fr_FR"
_DAY_NAMES = get_day_names("wide", locale=LOCALE)  # 0 = Monday … 6 = Sunday


def day_name(weekday: int) -> str:
    """« lundi » for 0 … « dimanche » for 6 (French weekdays take no capital)."""
    return _DAY_NAMES[weekday]


def time_words(moment: time | datetime, end_of_day: bool = False) -> str:
    """« 9 h », « 14 h 30 »; midnight as an end is « 24 h » when end_of_day is set."""
    hour, minute = moment.hour, moment.minute
    if end_of_day and (hour, minute) == (0, 0):
        hour = 24
    return f"{hour} h {minute:02d}" if minute else f"{hour} h"


def date_words(day: date, with_year: bool = False) -> str:
    """« mardi 1er décembre » (« … 2027 » with the year)."""
    number = "1er" if day.day == 1 else str(day.day)  # French usage: « 1er », not CLDR's « 1 »
    text = f"{day_name(day.weekday())} {number} {format_date(day, 'MMMM', locale=LOCALE)}"
    return f"{text} {day.year}" if with_year else text


def ranges_text(ranges) -> str:
    """« 9 h – 12 h, 14 h – 18 h » for a table cell; « fermé » when empty."""
    if not ranges:
        return "fermé"
    return ", ".join(f"{time_words(start)} – {time_words(end, end_of_day=True)}" for start, end in ranges)


def range_words(ranges) -> str:
    """« de 9 h à 12 h et de 14 h à 18 h » for a sentence; « 24 h sur 24 » for a full day."""
    if len(ranges) == 1 and ranges[0][0] == time(0) and ranges[0][1] == time(0):
        return "24 h sur 24"
    parts = [f"de {time_words(start)} à {time_words(end, end_of_day=True)}" for start, end in ranges]
    return _join(parts)


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " et " + parts[-1]


def join_words(parts: list[str]) -> str:
    """« a », « a et b », « a, b et c »."""
    return _join(parts)
