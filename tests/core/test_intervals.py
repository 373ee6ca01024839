"""Interval arithmetic stays right in the repeated hour of the autumn DST change."""

from datetime import UTC, datetime

from signage.core.clock import PARIS
from signage.core.intervals import intersect, iso, merge, subtract


def paris(*args, fold=0):
    return datetime(*args, tzinfo=PARIS, fold=fold)


# 2026-10-25: 03:00 CEST becomes 02:00 CET; 02:00-03:00 happens twice.
FIRST_0230 = paris(2026, 10, 25, 2, 30)  # 00:30 UTC
SECOND_0215 = paris(2026, 10, 25, 2, 15, fold=1)  # 01:15 UTC, later than FIRST_0230


def test_merge_keeps_a_gap_inside_the_repeated_hour():
    early = (paris(2026, 10, 25, 1, 30), FIRST_0230)
    late = (SECOND_0215, paris(2026, 10, 25, 3, 0))
    merged = merge([late, early])
    assert len(merged) == 2
    assert [iso(a) for a, _ in merged] == ["2026-10-25T01:30:00+02:00", "2026-10-25T02:15:00+01:00"]


def test_subtract_and_intersect_use_real_instants():
    night = (paris(2026, 10, 25, 0, 0), paris(2026, 10, 25, 6, 0))
    hole = (FIRST_0230, SECOND_0215)  # 45 real minutes
    rest = subtract([night], [hole])
    assert sum((b - a).total_seconds() for a, b in rest) == 7 * 3600 - 45 * 60  # the night lasts 7 h
    assert intersect([night], [hole]) == [(FIRST_0230.astimezone(UTC), SECOND_0215.astimezone(UTC))]
