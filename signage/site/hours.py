"""The reception point's hours: the one page carrying `Opening_hours` and `Closures`.

Turns them into the opening intervals over the horizon (closures removed),
which the feed, the home badge and the hours page all use, and into the words
of the hours page: the usual week in a French sentence and a table (from the
expression evaluated without public holidays, over the build's current week),
and the special days of the coming weeks (French public holidays as
opening-hours-py knows them, named by the `holidays` package; exceptional
closures), each with what is left open that day.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import holidays as holiday_names
from opening_hours import OpeningHours

from signage.core import metadata
from signage.core.clock import PARIS
from signage.core.intervals import Interval, as_json, iso, open_intervals, parse_opening_hours, subtract
from signage.core.moments import EXPECTED, MomentError, moment_message, paris_instant, parse_clock, parse_day
from signage.core.wording import date_words, day_name, join_words, range_words, ranges_text

TimeRange = tuple[time, time]  # local Paris times; an end of time(0) means midnight at the day's end

# A closure: a day (core.moments), or a day and a range of times « 12:00-19:00 » (also « 12h-19h »).
_CLOSURE_RANGE = re.compile(r"^(?P<day>.+?)\s+(?P<start>\S+?)\s*[-–]\s*(?P<end>\S+)$")
_CLOSURE_FORMS = ("AAAA-MM-JJ pour une journée ou AAAA-MM-JJ HH:MM-HH:MM pour une plage, séparées par des "
                  "points-virgules (exemple : 2026-12-24 12:00-19:00; 2026-12-31)")


@dataclass(frozen=True)
class Closure:
    day: date
    start: time | None = None  # None: the whole day
    end: time | None = None

    def interval(self) -> Interval:
        if self.start is None:
            begin = datetime.combine(self.day, time(0), PARIS)
            return begin, datetime.combine(self.day + timedelta(days=1), time(0), PARIS)
        finish = datetime.combine(self.day, self.end, PARIS) if self.end != time(0) else \
            datetime.combine(self.day + timedelta(days=1), time(0), PARIS)
        return datetime.combine(self.day, self.start, PARIS), finish


def parse_closures(text: str | None) -> tuple[list[Closure], list[str]]:
    """Parse `2026-12-24 12:00-19:00; 2026-12-31`. Returns the closures and French messages."""
    closures: list[Closure] = []
    problems: list[str] = []
    for item in (part.strip() for part in (text or "").split(";")):
        if not item:
            continue
        try:
            closures.append(_closure(item))
        except MomentError as error:
            if error.fix == EXPECTED:  # the forms a closure takes, rather than those of a moment
                error = MomentError(error.reason, fix=_CLOSURE_FORMS)
            problems.append(moment_message("Closures", item, error))
        except ValueError as error:
            problems.append(f"Closures « {item} » : {error}.")
    return closures, problems


def _written_range(found: re.Match) -> str:
    """« 12h-19h » as « 12:00-19:00 » (as written when a time does not read)."""
    try:
        start, end = parse_clock(found["start"]), parse_clock(found["end"], end=True)
    except MomentError:
        return f"{found['start']}-{found['end']}"
    return f"{start:%H:%M}-{'24:00' if end == time(0) else f'{end:%H:%M}'}"


def _closure(item: str) -> Closure:
    """One closure; MomentError for its day or times (the moment grammar), ValueError otherwise."""
    found = _CLOSURE_RANGE.match(item)
    written_day = found["day"] if found else item
    try:
        day = parse_day(written_day)
    except MomentError as error:
        if found is None and error.suggestion and " " in written_day:  # « 2026-12-24 12:00 »: a time alone
            raise MomentError("une heure seule ne dit pas jusqu'à quand fermer", fix=_CLOSURE_FORMS) from None
        if error.suggestion and found:  # propose the whole closure, its range included
            raise MomentError("à écrire sous la forme AAAA-MM-JJ HH:MM-HH:MM",
                              suggestion=f"{error.suggestion} {_written_range(found)}") from None
        raise
    if found is None:
        return Closure(day)
    try:
        start, end = parse_clock(found["start"]), parse_clock(found["end"], end=True)
    except MomentError as error:
        raise ValueError(f"{error.reason} ; écrivez {_CLOSURE_FORMS}") from None
    if end != time(0) and end <= start:
        raise ValueError("l'heure de fin doit être après l'heure de début")
    closure = Closure(day, start, end)
    for moment in (start, end):
        if moment != time(0):
            paris_instant(day, moment)  # MomentError at an hour skipped by the spring DST change
    return closure


@dataclass(frozen=True)
class DayHours:
    """One row of the usual week: a weekday and its opening ranges (local times)."""

    weekday: int  # 0 = Monday
    ranges: tuple[TimeRange, ...]

    @property
    def name(self) -> str:
        return day_name(self.weekday)

    @property
    def text(self) -> str:
        return ranges_text(self.ranges)


@dataclass(frozen=True)
class SpecialDay:
    """A public holiday or an exceptional closure inside the horizon, and what stays open."""

    day: date
    holiday: str | None  # « Noël », or None
    closure: Closure | None
    ranges: tuple[TimeRange, ...]  # what is actually open that day
    with_year: bool = False  # say the year (a day of the next year)

    @property
    def date_text(self) -> str:
        return date_words(self.day, self.with_year)

    @property
    def label(self) -> str:
        parts = [self.holiday] if self.holiday else []
        if self.closure is not None:
            parts.append("fermeture exceptionnelle")
        return ", ".join(parts)

    @property
    def hours_text(self) -> str:
        return f"ouvert {range_words(self.ranges)}" if self.ranges else "fermé"

    @property
    def text(self) -> str:
        """« vendredi 25 décembre (Noël) : fermé »."""
        return f"{self.date_text} ({self.label}) : {self.hours_text}"


@dataclass
class Hours:
    source_path: str
    expression: str
    oh: OpeningHours
    closures: list[Closure] = field(default_factory=list)
    intervals: list[Interval] = field(default_factory=list)  # open, closures removed
    week: list[DayHours] = field(default_factory=list)  # the usual week, Monday first
    specials: list[SpecialDay] = field(default_factory=list)  # holidays and closures in the horizon
    closed_on_holidays: bool = False
    span: tuple[datetime, datetime] | None = None
    url: str = ""  # the hours page, relative to SITEURL

    @property
    def until_text(self) -> str:
        """The horizon's last day in words: « lundi 11 janvier 2027 »."""
        if self.span is None:
            return ""
        return date_words(self.span[1].astimezone(PARIS).date() - timedelta(days=1), with_year=True)

    @property
    def sentence(self) -> str:
        """« du lundi au samedi, de 9 h à 19 h » (empty when never open)."""
        return week_sentence(self.week)

    @property
    def closed_sentence(self) -> str:
        """« fermé le dimanche et les jours fériés » (empty when open every day)."""
        closed = [f"le {row.name}" for row in self.week if not row.ranges]
        if self.closed_on_holidays:
            closed.append("les jours fériés")
        return f"fermé {join_words(closed)}" if closed else ""

    @property
    def summary(self) -> str:
        """« Ouvert du lundi au samedi, de 9 h à 19 h ; fermé le dimanche et les jours fériés. »"""
        parts = []
        if self.sentence:
            parts.append(f"ouvert {self.sentence}")
        if self.closed_sentence:
            parts.append(self.closed_sentence)
        text = " ; ".join(parts)
        return f"{text[:1].upper()}{text[1:]}." if text else ""

    def upcoming_specials(self, now: datetime) -> list[SpecialDay]:
        """Special days from `now`'s day on."""
        today = now.astimezone(PARIS).date()
        return [special for special in self.specials if special.day >= today]

    def opening_data(self) -> dict:
        """What the home badge needs: the opening intervals and the span they are known for.

        The badge words them in the browser with the screens' own module (signage/screens/player/hours.js).
        """
        start, end = self.span
        return {
            "version": 1,
            "horizon": {"start": iso(start), "end": iso(end)},
            "intervals": as_json(self.intervals),
        }

    def opening_json(self) -> str:
        """opening_data() as JSON safe to embed in <script type="application/json">."""
        return script_json(self.opening_data())


def script_json(data) -> str:
    """JSON that cannot close or confuse the <script> element it is embedded in."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def week_sentence(week: list[DayHours]) -> str:
    """Group consecutive days with the same hours: « du lundi au vendredi, de 9 h à 12 h ; le samedi, … »."""
    groups: list[list[DayHours]] = []
    for row in week:
        if groups and groups[-1][-1].ranges == row.ranges and groups[-1][-1].weekday == row.weekday - 1:
            groups[-1].append(row)
        else:
            groups.append([row])
    parts = []
    for group in groups:
        if not group[0].ranges:
            continue
        if len(group) == 7:
            days = "tous les jours"
        elif len(group) == 1:
            days = f"le {group[0].name}"
        else:
            days = f"du {group[0].name} au {group[-1].name}"
        parts.append(f"{days}, {range_words(group[0].ranges)}")
    return " ; ".join(parts)


def day_ranges(intervals: list[Interval], day: date) -> tuple[TimeRange, ...]:
    """The parts of `intervals` inside Paris calendar day `day`, as local times."""
    begin = datetime.combine(day, time(0), PARIS)
    finish = datetime.combine(day + timedelta(days=1), time(0), PARIS)
    ranges = []
    for start, end in intervals:
        start, end = max(start, begin), min(end, finish)
        if start < end:
            ranges.append((start.astimezone(PARIS).time(), end.astimezone(PARIS).time()))
    return tuple(ranges)


def usual_week(expression: str, around: datetime) -> list[DayHours]:
    """The week (Monday to Sunday) containing `around`, evaluated without public holidays."""
    plain = OpeningHours(expression, timezone=PARIS)  # no country: PH never applies
    monday = around.astimezone(PARIS).date() - timedelta(days=around.astimezone(PARIS).weekday())
    begin = datetime.combine(monday, time(0), PARIS)
    finish = datetime.combine(monday + timedelta(days=7), time(0), PARIS)
    intervals = open_intervals(plain, begin, finish)
    return [DayHours(offset, day_ranges(intervals, monday + timedelta(days=offset))) for offset in range(7)]


_PUBLIC_HOLIDAYS = OpeningHours("PH", timezone=PARIS, country="FR")


def public_holidays(start: datetime, end: datetime) -> dict[date, str]:
    """French public holidays between start and end, as opening-hours-py knows them, named in French."""
    days = []
    for begin, finish in open_intervals(_PUBLIC_HOLIDAYS, start, end):
        day = begin.astimezone(PARIS).date()
        while datetime.combine(day, time(0), PARIS) < finish:
            days.append(day)
            day += timedelta(days=1)
    names = holiday_names.country_holidays("FR", years=sorted({d.year for d in days}), language="fr")
    return {day: names.get(day, "jour férié") for day in days}


def _closes_on_holidays(oh: OpeningHours, expression: str, start: datetime) -> bool:
    """True when every public holiday of the coming year is closed though some usual day is open."""
    plain = OpeningHours(expression, timezone=PARIS)
    year_later = start + timedelta(days=366)
    days = public_holidays(start, year_later)
    if not days:
        return False
    usual_open = False
    for day in days:
        begin = datetime.combine(day, time(0), PARIS)
        finish = datetime.combine(day + timedelta(days=1), time(0), PARIS)
        if open_intervals(oh, begin, finish):
            return False
        usual_open = usual_open or bool(open_intervals(plain, begin, finish))
    return usual_open


def special_days(intervals: list[Interval], closures: list[Closure],
                 span: tuple[datetime, datetime]) -> list[SpecialDay]:
    start, end = span
    holidays = public_holidays(start, end)
    first, last = start.astimezone(PARIS).date(), end.astimezone(PARIS).date()
    closure_by_day = {c.day: c for c in closures if first <= c.day < last}
    days = sorted(set(holidays) | set(closure_by_day))
    return [SpecialDay(day, holidays.get(day), closure_by_day.get(day), day_ranges(intervals, day),
                       with_year=day.year != first.year)
            for day in days]


def load_hours(contents, log, span: tuple[datetime, datetime],
               coords: tuple[float, float] | None = None) -> Hours | None:
    """Find the single hours page among `contents`, check it, compute its intervals.

    `coords`: the reception point's, for `sunrise` / `sunset` in Opening_hours (core.intervals).
    """
    carriers = [c for c in contents if metadata.raw(c, "opening_hours") is not None]
    if not carriers:
        log.error("content", "Opening_hours",
                  "aucune page ne porte la clé Opening_hours : ajoutez par exemple "
                  "« Opening_hours: Mo-Sa 09:00-19:00; PH off » à la page des horaires.")
        return None
    if len(carriers) > 1:
        others = ", ".join(sorted(metadata.source(c) for c in carriers))
        for content in carriers[1:]:
            log.error(metadata.source(content), "Opening_hours",
                      f"une seule page peut porter Opening_hours (trouvée dans : {others}) ; "
                      "retirez-la des autres pages.")
    checked = [_check_page(page, log, coords) for page in carriers]  # every carrier's problems, at once
    page = carriers[0]
    parsed = checked[0]
    if parsed is None:
        return None
    oh, closures = parsed
    expression = metadata.raw(page, "opening_hours")
    start, end = span
    intervals = subtract(open_intervals(oh, start, end), (c.interval() for c in closures))
    return Hours(
        metadata.source(page), expression, oh, closures, intervals,
        week=usual_week(expression, start),
        specials=special_days(intervals, closures, span),
        closed_on_holidays=_closes_on_holidays(oh, expression, start),
        span=span,
        url=getattr(page, "url", ""),
    )


def _check_page(page, log, coords=None):
    path = metadata.source(page)
    closures, problems = parse_closures(metadata.raw(page, "closures"))
    for problem in problems:
        log.error(path, "Closures", problem)
    try:
        oh = parse_opening_hours(metadata.raw(page, "opening_hours"), coords)
    except ValueError as exc:
        log.error(path, "Opening_hours", f"Opening_hours : {exc}.")
        return None
    return oh, closures
