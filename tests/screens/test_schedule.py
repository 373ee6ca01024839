"""Schedules as absolute intervals (pure functions, pinned times).

The playlist rule has its own table of cases: tests/screens/test_playlist_cases.py.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

from signage.core.clock import PARIS
from signage.core.intervals import as_json, open_intervals, parse_opening_hours, subtract
from signage.core.moments import parse_moment
from signage.screens.schedule import closed_intervals, schedule, slide_intervals
from signage.site.hours import parse_closures


def paris(*args) -> datetime:
    return datetime(*args, tzinfo=PARIS)


def slide(**keys):
    base = dict(id="x", source_path="content/prevention/x.md", valid_from=None, valid_until=None,
                event_end=None, when=None, intervals=[], open_ended=False)
    base.update(keys)
    return SimpleNamespace(**base)


def test_mo_sa_window_over_christmas_week():
    span = (paris(2026, 12, 21), paris(2026, 12, 28))  # Monday 21 to Monday 28 December 2026
    intervals, open_ended = slide_intervals(slide(when="Mo-Sa 09:00-19:00; PH off"), span)
    assert not open_ended  # day-parted: nothing is known past the horizon
    assert as_json(intervals) == [
        {"start": f"2026-12-{day}T09:00:00+01:00", "end": f"2026-12-{day}T19:00:00+01:00"}
        for day in ("21", "22", "23", "24", "26")  # Friday 25: public holiday; Sunday 27: not Mo-Sa
    ]


def test_dst_week_2027():
    span = (paris(2027, 3, 22), paris(2027, 3, 29, 12))
    intervals, _ = slide_intervals(slide(when="Sa 23:00-24:00; Su 00:00-05:00; Mo 09:00-10:00"), span)
    assert as_json(intervals) == [
        {"start": "2027-03-22T09:00:00+01:00", "end": "2027-03-22T10:00:00+01:00"},  # winter time
        # The night of the change: 23:00 (+01:00) to 05:00 (+02:00) is six hours of wall clock, five real.
        {"start": "2027-03-27T23:00:00+01:00", "end": "2027-03-28T05:00:00+02:00"},
        {"start": "2027-03-29T09:00:00+02:00", "end": "2027-03-29T10:00:00+02:00"},  # summer time
    ]
    start, end = intervals[1]
    assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=5)


def test_validity_across_dst_and_whole_days():
    span = (paris(2027, 3, 22), paris(2027, 4, 19))
    item = slide(valid_from=parse_moment("2027-03-26").start, valid_until=parse_moment("2027-03-28").end)
    intervals, open_ended = slide_intervals(item, span)
    # « Slide_until: 2027-03-28 » includes Sunday the 28th, which ends at midnight summer time.
    assert as_json(intervals) == [{"start": "2027-03-26T00:00:00+01:00", "end": "2027-03-29T00:00:00+02:00"}]
    assert not open_ended
    start, end = intervals[0]
    assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=71)


def test_half_day_closure_gives_the_closed_slide_its_hours():
    span = (paris(2026, 12, 21), paris(2026, 12, 28))
    closures, problems = parse_closures("2026-12-24 12:00-19:00")
    assert not problems
    opening = subtract(open_intervals(parse_opening_hours("Mo-Sa 09:00-19:00; PH off"), *span),
                       [closure.interval() for closure in closures])
    assert as_json(opening)[3] == {"start": "2026-12-24T09:00:00+01:00", "end": "2026-12-24T12:00:00+01:00"}
    closed = as_json(closed_intervals(opening, span))
    # Closed from noon on the 24th, all of Christmas Day, until Saturday 26 at 09:00.
    assert {"start": "2026-12-24T12:00:00+01:00", "end": "2026-12-26T09:00:00+01:00"} in closed
    assert closed[0] == {"start": "2026-12-21T00:00:00+01:00", "end": "2026-12-21T09:00:00+01:00"}
    assert closed[-1] == {"start": "2026-12-26T19:00:00+01:00", "end": "2026-12-28T00:00:00+01:00"}


def test_event_slide_runs_until_the_event_ends():
    span = (paris(2026, 12, 1), paris(2027, 1, 12))
    item = slide(event_end=paris(2026, 12, 12, 17))
    intervals, open_ended = slide_intervals(item, span)
    assert as_json(intervals) == [{"start": "2026-12-01T00:00:00+01:00", "end": "2026-12-12T17:00:00+01:00"}]
    assert not open_ended
    plain, plain_open = slide_intervals(slide(), span)
    assert plain == [span] and plain_open


def test_ended_slide_is_left_out_and_logged_not_an_error(caplog):
    now = paris(2026, 12, 1, 10)
    span = (paris(2026, 12, 1), paris(2027, 1, 12))
    old = slide(id="old", source_path="content/prevention/ancienne.md", valid_until=paris(2026, 11, 30))
    later = slide(id="later", valid_from=paris(2027, 2, 1))  # after the horizon: nothing to play yet
    current = slide(id="current")
    with caplog.at_level(logging.INFO, logger="vitrine"):
        kept = schedule([old, later, current], now, span)
    assert [s.id for s in kept] == ["current"]
    messages = [r for r in caplog.records if "ancienne.md" in r.getMessage()]
    # Information, not a warning: the officer's commands print warnings at every build, and a slide
    # that ended on its date is nobody's mistake (found by an outsider: it was said at every build).
    assert messages and messages[0].levelno == logging.INFO
    assert "terminée le 30/11/2026" in messages[0].getMessage()


def test_sunrise_sunset_follows_the_sun_of_the_reception_point():
    """`Slide_when: sunrise-sunset` with RECEPTION's coordinates: short days in December, long in June."""
    import pelicanconf
    from signage.core.settings import coordinates

    pusey = coordinates({"RECEPTION": pelicanconf.RECEPTION})
    assert pusey == (47.6525, 6.1247)
    december, _ = slide_intervals(slide(when="sunrise-sunset"), (paris(2026, 12, 21), paris(2026, 12, 22)), pusey)
    june, _ = slide_intervals(slide(when="sunrise-sunset"), (paris(2027, 6, 21), paris(2027, 6, 22)), pusey)
    (dec_start, dec_end), (jun_start, jun_end) = december[0], june[0]
    assert len(december) == len(june) == 1
    assert "08:10" < dec_start.astimezone(PARIS).strftime("%H:%M") < "08:25"  # sunrise in Vesoul, winter solstice
    assert "16:35" < dec_end.astimezone(PARIS).strftime("%H:%M") < "16:50"
    assert "05:25" < jun_start.astimezone(PARIS).strftime("%H:%M") < "05:40"  # summer solstice
    assert "21:25" < jun_end.astimezone(PARIS).strftime("%H:%M") < "21:40"
    assert (jun_end - jun_start) - (dec_end - dec_start) > timedelta(hours=7)
    assert coordinates({"RECEPTION": {"latitude": None, "longitude": None}}) is None
