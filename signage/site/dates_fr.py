"""French dates for the templates, formatted by Babel (CLDR data), never the OS locale.

Registered as Jinja filters by the plugin wiring:
    {{ article.date|date_fr }}        -> « mardi 1er décembre 2026 »
    {{ article.date|date_fr_short }}  -> « 1 déc. 2026 » (CLDR's abbreviated form)
    {{ event_start|time_fr }}         -> « 14 h » / « 14 h 30 »
    {{ event_start|datetime_fr }}     -> « mardi 1er décembre 2026 à 14 h 30 »
    {{ article.date|date_iso }}       -> « 2026-12-01 » (for <time datetime>)
Aware datetimes are shown in Europe/Paris; naive ones are taken as Paris time.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from babel.dates import format_date

from signage.core.clock import PARIS
from signage.core.wording import LOCALE, date_words, time_words


def _as_paris(value) -> datetime | date | None:
    """Accept a datetime, a date or an ISO 8601 string; return Paris time (or a date)."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        text = value.strip()
        # A bare date stays a date (fromisoformat would make it midnight).
        value = date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.replace(tzinfo=PARIS)
        return value.astimezone(PARIS)
    return value


def date_fr(value) -> str:
    """« mardi 1er décembre 2026 »: core.wording.date_words with the year (no capitals, « 1er »)."""
    moment = _as_paris(value)
    if moment is None:
        return ""
    return _long_day(moment.date() if isinstance(moment, datetime) else moment)


@lru_cache(maxsize=4096)
def _long_day(day: date) -> str:
    """Babel once per day shown (a listing repeats the same days: some 36 µs a call)."""
    return date_words(day, with_year=True)


def date_fr_short(value) -> str:
    """« 1 déc. 2026 »."""
    moment = _as_paris(value)
    if moment is None:
        return ""
    return _short_day(moment.date() if isinstance(moment, datetime) else moment)


@lru_cache(maxsize=4096)
def _short_day(day: date) -> str:
    return format_date(day, "d MMM y", locale=LOCALE)


def time_fr(value) -> str:
    """« 14 h » or « 14 h 30 » (core.wording.time_words)."""
    moment = _as_paris(value)
    if not isinstance(moment, datetime):
        return ""
    return time_words(moment)


def datetime_fr(value) -> str:
    """« mardi 1er décembre 2026 à 14 h 30 »; a bare date gives the date alone."""
    moment = _as_paris(value)
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        return f"{date_fr(moment)} à {time_fr(moment)}"
    return date_fr(moment)


def date_iso(value) -> str:
    """Machine-readable form for <time datetime="…">: a date, or a datetime with offset."""
    moment = _as_paris(value)
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        if (moment.hour, moment.minute, moment.second) == (0, 0, 0):
            return moment.date().isoformat()
        return moment.isoformat(timespec="minutes")
    return moment.isoformat()


def paris_datetime(value) -> datetime | None:
    """An aware datetime in Paris (a bare date is taken at midnight), for comparisons."""
    moment = _as_paris(value)
    if moment is None or isinstance(moment, datetime):
        return moment
    return datetime(moment.year, moment.month, moment.day, tzinfo=PARIS)


FILTERS = {
    "date_fr": date_fr,
    "date_fr_short": date_fr_short,
    "time_fr": time_fr,
    "datetime_fr": datetime_fr,
    "date_iso": date_iso,
    "paris_datetime": paris_datetime,
}


def register_filters(settings: dict) -> None:
    """Add the filters to Pelican's JINJA_FILTERS (a fresh dict: never mutate the default)."""
    settings["JINJA_FILTERS"] = {**settings.get("JINJA_FILTERS", {}), **FILTERS}
