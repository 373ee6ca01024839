"""The one way a moment is written: `Slide_from`, `Slide_until`, `Event_start`, `Event_end`,
`Closures` and `invoke slides --at` all read dates and times here.

Accepted, in Europe/Paris wall-clock time:
    2026-12-12          a whole day
    2026-12-12 10:00    a time; « 10h00 », « 10h » and « 2026-12-12T10:00 » are accepted too
A time the spring DST change skips (2027-03-28 02:30) is refused; a time of the repeated
autumn hour (2026-10-25 02:30) is the first one, still in summer time.

Anything else is refused with one French message (`moment_message`). When the officer wrote
the date another unambiguous way, the message proposes the correction:
    31/01/2027 → 2027-01-31        31/01/2027 10h → 2027-01-31 10:00      2027-1-31 → 2027-01-31
    31-01-2027 → 2027-01-31        samedi 12 décembre 2026 → 2026-12-12   2026-12-12 24:00 → 2026-12-13 00:00
Day and month given as numbers are read day first, as France writes them (01/02/2027 is
1 February 2027); a form that can only be month first (12/31/2027) is proposed as such.

What a whole day means is each caller's choice, made explicit with `Moment.start` (the day's
first instant: `Slide_from`, `Event_start`, `--at`) or `Moment.end` (the next midnight, so that
« jusqu'au 7 décembre » includes the 7th: `Slide_until`, a whole-day `Event_end`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from signage.core.clock import PARIS
from signage.core.intervals import utc
from signage.core.wording import date_words, day_name

# What the officer may write.
_CLOCK = r"(?P<hour>\d{1,2})(?::(?P<minute>\d{2})|[hH](?P<hminute>\d{2})?)"
_MOMENT = re.compile(rf"^(?P<day>\d{{4}}-\d{{2}}-\d{{2}})(?:(?:\s+|T){_CLOCK})?$")
_CLOCK_ONLY = re.compile(rf"^{_CLOCK}$")

EXPECTED = ("AAAA-MM-JJ pour une journée entière ou AAAA-MM-JJ HH:MM, heure de Paris "
            "(exemple : 2026-12-12 10:00)")

_MONTHS = {name: number for number, names in enumerate((
    ("janvier", "janv"), ("fevrier", "fevr", "fev"), ("mars",), ("avril", "avr"), ("mai",), ("juin",),
    ("juillet", "juil"), ("aout",), ("septembre", "sept"), ("octobre", "oct"), ("novembre", "nov"),
    ("decembre", "dec")), start=1) for name in names}
_WEEKDAYS = tuple(day_name(number) for number in range(7))  # « lundi » … « dimanche »


@dataclass(frozen=True)
class Moment:
    """A moment as written: a whole day, or an instant (aware, Europe/Paris)."""

    start: datetime  # the instant, or the first instant (midnight) of the whole day
    whole_day: bool

    @property
    def day(self) -> date:
        return self.start.date()

    @property
    def end(self) -> datetime:
        """Where the moment stops: the next midnight for a whole day, else the instant itself."""
        if not self.whole_day:
            return self.start
        return datetime.combine(self.day + timedelta(days=1), time(0), PARIS)


class MomentError(ValueError):
    """Why a moment was refused (French), and what to write instead."""

    def __init__(self, reason: str, suggestion: str | None = None, fix: str | None = None):
        super().__init__(reason)
        self.reason = reason
        self.suggestion = suggestion  # the same moment written as expected, when it is unambiguous
        self.fix = suggestion or fix or EXPECTED


def moment_message(label: str, value: str, error: MomentError) -> str:
    """The one French message for a refused moment: « Slide_until « 31/01/2027 » n'est pas… »."""
    return f"{label} « {value} » n'est pas une date valide ({error.reason}) ; écrivez {error.fix}."


def parse_moment(text: str) -> Moment:
    """`AAAA-MM-JJ` or `AAAA-MM-JJ HH:MM` (see the module docstring). Raises MomentError."""
    cleaned = (text or "").strip()
    match = _MOMENT.match(cleaned)
    if match is None:
        raise _refusal(cleaned)
    day = _existing_day(match["day"])
    if match["hour"] is None:
        return Moment(datetime.combine(day, time(0), PARIS), whole_day=True)
    return Moment(paris_instant(day, _clock_of(match)), whole_day=False)


def parse_day(text: str) -> date:
    """A whole day only, `AAAA-MM-JJ` (a closure's day). Raises MomentError."""
    moment = parse_moment(text)
    if not moment.whole_day:
        raise MomentError("un jour seul est attendu ici", suggestion=moment.day.isoformat())
    return moment.day


def parse_clock(text: str, *, end: bool = False) -> time:
    """`HH:MM` (also `10h00`, `10h`); with `end`, `24:00` is midnight at the day's end (time(0))."""
    cleaned = (text or "").strip()
    match = _CLOCK_ONLY.match(cleaned)
    if match is None:
        raise MomentError("heure non reconnue", fix="HH:MM, par exemple 12:00")
    hour, minute = int(match["hour"]), int(match["minute"] or match["hminute"] or 0)
    if end and (hour, minute) == (24, 0):
        return time(0)
    if hour > 23 or minute > 59:
        raise MomentError("heure impossible : de 00:00 à " + ("24:00" if end else "23:59"),
                          fix="HH:MM, par exemple 12:00")
    return time(hour, minute)


def paris_instant(day: date, clock: time) -> datetime:
    """The Paris instant at `day` `clock`; MomentError when the spring DST change skips it."""
    moment = datetime.combine(day, clock, PARIS)
    if utc(moment).astimezone(PARIS).replace(tzinfo=None) != moment.replace(tzinfo=None):
        raise MomentError(
            f"cette heure n'existe pas à Paris : ce jour-là, à {clock.hour} h, les horloges passent à "
            "l'heure d'été et avancent d'une heure",
            fix=f"une heure qui existe, par exemple {day.isoformat()} {clock.hour + 1:02d}:{clock.minute:02d}")
    return moment


# --- refusing, and proposing the correction -----------------------------------------------


def _existing_day(iso_day: str) -> date:
    try:
        return date.fromisoformat(iso_day)
    except ValueError:
        raise MomentError("cette date n'existe pas : vérifiez le jour et le mois") from None


def _clock_of(match: re.Match) -> time:
    hour, minute = int(match["hour"]), int(match["minute"] or match["hminute"] or 0)
    if (hour, minute) == (24, 0):
        day = date.fromisoformat(match["day"]) + timedelta(days=1)
        raise MomentError("24:00 s'écrit 00:00 le lendemain", suggestion=f"{day.isoformat()} 00:00")
    if hour > 23 or minute > 59:
        raise MomentError("heure impossible : de 00:00 à 23:59")
    return time(hour, minute)


def _plain(text: str) -> str:
    """Lower case, no accents, one space: « Samedi 12 Décembre » → « samedi 12 decembre »."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


_SEP = r"[/.\-]"
_YEAR_FIRST = re.compile(rf"^(?P<y>\d{{4}}){_SEP}(?P<m>\d{{1,2}}){_SEP}(?P<d>\d{{1,2}})(?P<rest>.*)$")
_DAY_FIRST = re.compile(rf"^(?P<a>\d{{1,2}}){_SEP}(?P<b>\d{{1,2}}){_SEP}(?P<y>\d{{4}}|\d{{2}})(?P<rest>.*)$")
_IN_WORDS = re.compile(r"^(?P<d>\d{1,2})(?:er)? (?P<month>[a-z]+)\.? (?P<y>\d{4})(?P<rest>.*)$")
# After the date: a space, « à », « T » or a comma, then 10:00, 10h, 10 h 30, 10.30 or 10:00:00.
_TIME_REST = re.compile(r"^(?:\s+(?:a\s+)?|t|,\s*)(?P<h>\d{1,2})\s*(?:[:h.]\s*(?P<m>\d{2})?(?::(?P<s>\d{2}))?)?$")


def _refusal(written: str) -> MomentError:
    """Why `written` is not a moment, with the correction when it is unambiguous."""
    proposal, weekday = _propose(written)
    if proposal is None:
        return MomentError("format non reconnu")
    try:
        moment = parse_moment(proposal)
    except MomentError as error:  # the intended date does not exist: say so instead
        return MomentError(error.reason, suggestion=error.suggestion, fix=error.fix)
    if weekday is not None and moment.day.weekday() != weekday:
        return MomentError(f"c'est le {date_words(moment.day, with_year=True)}, pas un {_WEEKDAYS[weekday]} : "
                           "vérifiez le jour voulu")
    shape = "AAAA-MM-JJ" if moment.whole_day else "AAAA-MM-JJ HH:MM"
    return MomentError(f"à écrire sous la forme {shape}", suggestion=proposal)


def _propose(written: str) -> tuple[str | None, int | None]:
    """(the moment written as expected, the weekday named if any) for another unambiguous form."""
    text = _plain(written).removeprefix("le ")
    weekday = None
    first_word, _, others = text.partition(" ")
    if first_word.rstrip(",") in _WEEKDAYS and others:
        weekday, text = _WEEKDAYS.index(first_word.rstrip(",")), others.removeprefix("le ")
    if match := _YEAR_FIRST.match(text):
        year, month, day, rest = int(match["y"]), int(match["m"]), int(match["d"]), match["rest"]
    elif match := _DAY_FIRST.match(text):
        first, second = int(match["a"]), int(match["b"])
        year = int(match["y"]) + (2000 if len(match["y"]) == 2 else 0)
        day, month = (second, first) if first <= 12 < second else (first, second)  # day first, as in France
        rest = match["rest"]
    elif (match := _IN_WORDS.match(text)) and match["month"] in _MONTHS:
        year, month, day, rest = int(match["y"]), _MONTHS[match["month"]], int(match["d"]), match["rest"]
    else:
        return None, None
    proposal = f"{year:04d}-{month:02d}-{day:02d}"
    if not rest.strip():
        return proposal, weekday
    clock = _TIME_REST.match(rest.rstrip())
    if clock is None or int(clock["s"] or 0):
        return None, None
    return f"{proposal} {int(clock['h']):02d}:{int(clock['m'] or 0):02d}", weekday
