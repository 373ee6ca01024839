"""Absolute time intervals: the one currency of schedules, hours and the feed.

An interval is a pair of aware datetimes (start inclusive, end exclusive).
Arithmetic happens in UTC: Python compares two datetimes that share one
ZoneInfo by their wall-clock time, which misorders the repeated hour of the
autumn DST change; UTC has no such hour.
The build turns every rule (opening_hours expressions, validity dates,
closures) into such intervals over a horizon, so that the player and the
browser compare instants and never parse a rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from opening_hours import OpeningHours, State

from signage.core.clock import PARIS

Interval = tuple[datetime, datetime]


def parse_opening_hours(expression: str, coords: tuple[float, float] | None = None) -> OpeningHours:
    """Parse an OpenStreetMap opening_hours expression, French holidays included.

    `coords` (latitude, longitude: the reception point's, `core.settings.coordinates`) make
    `sunrise`, `sunset`, `dawn` and `dusk` the real times of that place; without them the
    library takes 07:00 and 19:00 every day of the year.
    Raises ValueError with a French message when it does not parse.
    """
    text = (expression or "").strip()
    if not text:
        raise ValueError("l'expression est vide (exemple : « Mo-Sa 09:00-19:00; PH off »)")
    try:
        return OpeningHours(text, timezone=PARIS, country="FR", coords=coords)
    except Exception as exc:  # noqa: BLE001 - opening_hours.ParserError, SyntaxError, any parser complaint
        detail = str(exc).strip().splitlines()
        where = next((line for line in detail if "-->" in line), "")
        column = where.rsplit(":", 1)[-1].strip() if where else ""
        at = f" (problème vers le caractère {column})" if column.isdigit() else ""
        raise ValueError(
            f"« {text} » n'est pas une expression d'horaires OpenStreetMap valide{at} ; "
            "attendu par exemple « Mo-Sa 09:00-19:00; PH off » (jours en anglais abrégés, "
            "heures sur 24 h avec deux-points)"
        ) from None


def open_intervals(oh: OpeningHours, start: datetime, end: datetime) -> list[Interval]:
    """The OPEN intervals of `oh` between start and end, clipped, merged."""
    result: list[Interval] = []
    start, end = utc(start), utc(end)
    for begin, finish, state, _comment in oh.intervals(start.astimezone(PARIS), end.astimezone(PARIS)):
        if state != State.OPEN:
            continue
        begin = max(_aware(begin), start)
        finish = min(_aware(finish), end) if finish is not None else end
        if begin < finish:
            result.append((begin, finish))
    return merge(result)


def _aware(moment: datetime) -> datetime:
    return utc(moment if moment.tzinfo else moment.replace(tzinfo=PARIS))


def utc(moment: datetime) -> datetime:
    """The same instant in UTC, where comparisons follow instants, not wall clocks (see above)."""
    return moment.astimezone(UTC)


def _utc_all(intervals: Iterable[Interval]) -> list[Interval]:
    return [(utc(begin), utc(finish)) for begin, finish in intervals]


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """Sort and merge overlapping or touching intervals."""
    merged: list[Interval] = []
    for begin, finish in sorted(_utc_all(intervals)):
        if merged and begin <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], finish))
        else:
            merged.append((begin, finish))
    return merged


def subtract(intervals: Iterable[Interval], holes: Iterable[Interval]) -> list[Interval]:
    """`intervals` with every instant of `holes` removed."""
    result = merge(intervals)
    for hole_start, hole_end in merge(holes):  # both in UTC
        pieces: list[Interval] = []
        for begin, finish in result:
            if finish <= hole_start or begin >= hole_end:
                pieces.append((begin, finish))
                continue
            if begin < hole_start:
                pieces.append((begin, hole_start))
            if finish > hole_end:
                pieces.append((hole_end, finish))
        result = pieces
    return result


def intersect(first: Iterable[Interval], second: Iterable[Interval]) -> list[Interval]:
    """Instants that lie in both lists."""
    a, b = merge(first), merge(second)
    result: list[Interval] = []
    i = j = 0
    while i < len(a) and j < len(b):
        begin = max(a[i][0], b[j][0])
        finish = min(a[i][1], b[j][1])
        if begin < finish:
            result.append((begin, finish))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return result


def iso(moment: datetime) -> str:
    """ISO 8601 with its UTC offset, in Europe/Paris, to the second: 2026-12-24T09:00:00+01:00."""
    return moment.astimezone(PARIS).isoformat(timespec="seconds")


def as_json(intervals: Iterable[Interval]) -> list[dict[str, str]]:
    return [{"start": iso(begin), "end": iso(finish)} for begin, finish in intervals]
