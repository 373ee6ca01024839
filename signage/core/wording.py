"""French words for hours and days, from Babel's CLDR data (never the OS locale).

Small pure functions shared by the hours page, the events and the screens:
    time_words(time(9, 0))              -> « 9 h »
    time_words(time(14, 30))            -> « 14 h 30 »
    day_name(0)                         -> « lundi »
    date_words(date(2026, 12, 1))       -> « mardi 1er décembre »
    date_words(date(2027, 1, 2), True)  -> « samedi 2 janvier 2027 »
    range_words([(time(9), time(19))])  -> « de 9 h à 19 h »
    when_words(event, day)              -> « demain, 10 h – 17 h »
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache

from babel.dates import format_date, get_day_names

from signage.core.clock import PARIS

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


@lru_cache(maxsize=4096)  # pure; the screens word each event for every day of the horizon
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


# --- When an event happens, in words true all day long ------------------------------


def _day_word(target: date, day: date | None) -> str:
    if day is None:
        return date_words(target, with_year=True)
    if target == day:
        return "aujourd'hui"
    if target == day + timedelta(days=1):
        return "demain"
    return date_words(target, with_year=target.year != day.year)


def _until(target: date, day: date | None) -> str:
    word = _day_word(target, day)
    return f"jusqu'à {word}" if word in ("aujourd'hui", "demain") else f"jusqu'au {word}"


def when_words(event, day: date | None) -> str:
    """When `event` happens, in French words true all day long on Paris calendar day `day`.

    With `day` None: absolute words, with the year (for feeds and calendars read any day).
    « aujourd'hui, 10 h – 17 h », « demain, 10 h – 17 h », « samedi 12 décembre, 10 h – 17 h »,
    « samedi 27 mars, 20 h – dimanche 28 mars, 4 h », « aujourd'hui jusqu'à 17 h » (started before
    today), « jusqu'au dimanche 13 décembre, 17 h ». The year is said when it is not `day`'s.
    `event` needs `start`, `end` (aware), `all_day`, `first_day` and `last_day`.
    """
    start = event.start.astimezone(PARIS)
    end = event.end.astimezone(PARIS)
    first, last = event.first_day, event.last_day
    start_time, end_time = time_words(start), time_words(end, end_of_day=True)
    if day is not None and first < day <= last:  # under way since an earlier day
        if event.all_day:
            return "aujourd'hui" if last == day else _until(last, day)
        if last == day:
            return f"aujourd'hui jusqu'à {end_time}"
        return f"{_until(last, day)}, {end_time}"
    if first == last:
        if event.all_day:
            return _day_word(first, day)
        return f"{_day_word(first, day)}, {start_time} – {end_time}"
    if event.all_day:
        return f"{_day_word(first, day)} – {_day_word(last, day)}"
    return f"{_day_word(first, day)}, {start_time} – {_day_word(last, day)}, {end_time}"


def when_variants(event, first: date, last: date) -> list[tuple[datetime, datetime, str]]:
    """From day `first` to day `last` (inclusive): (start, end, words) spans of unchanged wording.

    Each span starts and ends at Paris midnights, so a screen can show the variant
    whose span holds the current instant.
    """
    spans: list[tuple[datetime, datetime, str]] = []
    day = first
    while day <= last:
        words = when_words(event, day)
        begin = datetime.combine(day, time(0), PARIS)
        finish = datetime.combine(day + timedelta(days=1), time(0), PARIS)
        if spans and spans[-1][2] == words:
            spans[-1] = (spans[-1][0], finish, words)
        else:
            spans.append((begin, finish, words))
        day += timedelta(days=1)
    return spans
