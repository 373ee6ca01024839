"""The reception point's hours: the one page carrying `Opening_hours` and `Closures`.

Turns them into the opening intervals over the horizon (closures removed),
which the feed, the home badge and the hours page all use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from opening_hours import OpeningHours

from . import metadata
from .clock import PARIS
from .intervals import Interval, open_intervals, parse_opening_hours, subtract

_CLOSURE = re.compile(
    r"^(?P<day>\d{4}-\d{2}-\d{2})(?:\s+(?P<start>\d{1,2}:\d{2})\s*-\s*(?P<end>\d{1,2}:\d{2}))?$"
)


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
    """Parse `2026-12-24 12:00-19:00; 2026-12-31`. Returns closures and French problems."""
    closures: list[Closure] = []
    problems: list[str] = []
    for item in (part.strip() for part in (text or "").split(";")):
        if not item:
            continue
        match = _CLOSURE.match(item)
        if not match:
            problems.append(f"« {item} » n'est pas une fermeture valide (attendu AAAA-MM-JJ "
                            "pour une journée ou AAAA-MM-JJ HH:MM-HH:MM pour une plage, "
                            "séparées par des points-virgules)")
            continue
        try:
            day = date.fromisoformat(match["day"])
        except ValueError:
            problems.append(f"« {match['day']} » n'est pas une date qui existe (vérifiez le jour et le mois)")
            continue
        if match["start"] is None:
            closures.append(Closure(day))
            continue
        try:
            start = _clock(match["start"])
            end = _clock(match["end"])
        except ValueError:
            problems.append(f"« {item} » : heure invalide (attendu HH:MM entre 00:00 et 24:00)")
            continue
        if end != time(0) and end <= start:
            problems.append(f"« {item} » : l'heure de fin doit être après l'heure de début")
            continue
        closures.append(Closure(day, start, end))
    return closures, problems


def _clock(text: str) -> time:
    hours, minutes = (int(part) for part in text.split(":"))
    if (hours, minutes) == (24, 0):
        return time(0)
    return time(hours, minutes)


@dataclass
class Hours:
    source_path: str
    expression: str
    oh: OpeningHours
    closures: list[Closure] = field(default_factory=list)
    intervals: list[Interval] = field(default_factory=list)  # open, closures removed


def load_hours(contents, log, span: tuple[datetime, datetime]) -> Hours | None:
    """Find the single hours page among `contents`, check it, compute its intervals."""
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
    page = carriers[0]
    path = metadata.source(page)
    expression = metadata.raw(page, "opening_hours")
    closures, problems = parse_closures(metadata.raw(page, "closures"))
    for problem in problems:
        log.error(path, "Closures", f"Closures : {problem}.")
    try:
        oh = parse_opening_hours(expression)
    except ValueError as exc:
        log.error(path, "Opening_hours", f"Opening_hours : {exc}.")
        return None
    start, end = span
    intervals = subtract(open_intervals(oh, start, end), (c.interval() for c in closures))
    return Hours(path, expression, oh, closures, intervals)
