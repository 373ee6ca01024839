"""When a slide may play: its validity, day-parting and event dates as absolute intervals.

For a slide, over the build's horizon (start, end):
- validity: from `Slide_from` (or the horizon's start) to the earliest of
  `Slide_until` and `Event_end` (or the horizon's end); a bare date in
  `Slide_until` includes that whole day (core.moments, `Moment.end`);
- day-parting: `Slide_when` (opening_hours, French holidays, Europe/Paris)
  turned into open intervals and intersected with the validity;
- `open_ended`: no end date and no day-parting, so the slide stays valid
  after the horizon's end (the player may keep playing it).
A slide that ended before the build's "now" is left out of the feed and
mentioned in the build log (a warning), not reported as an error; so is a slide
that starts after the horizon.

The closed-hours slide plays whenever the reception point is not open:
the horizon minus the opening intervals (hours.py).
"""

from __future__ import annotations

import logging
from datetime import datetime

from signage.core.clock import PARIS
from signage.core.errors import display_path
from signage.core.intervals import Interval, intersect, merge, open_intervals, parse_opening_hours, subtract
from signage.core.intervals import utc as _utc  # instants compare in UTC (see intervals.py)

logger = logging.getLogger("vitrine")


def slide_intervals(slide, span: tuple[datetime, datetime],
                    coords: tuple[float, float] | None = None) -> tuple[list[Interval], bool]:
    """(intervals within `span`, open_ended) for a parsed slide (see module docstring).

    `coords`: the reception point's, for `Slide_when: sunrise-sunset` (core.intervals).
    """
    start, end = _utc(span[0]), _utc(span[1])
    begin = max(start, _utc(slide.valid_from)) if slide.valid_from else start
    ends = _ends(slide)
    finish = min([end, *ends])
    intervals: list[Interval] = [(begin, finish)] if begin < finish else []
    if slide.when and intervals:
        intervals = intersect(intervals, open_intervals(parse_opening_hours(slide.when, coords), start, end))
    open_ended = not ends and not slide.when
    return merge(intervals), open_ended


def ended(slide, now: datetime) -> datetime | None:
    """The end of the slide's validity when it lies at or before `now`, else None."""
    ends = _ends(slide)
    if ends and min(ends) <= _utc(now):
        return min(ends)
    return None


def _ends(slide) -> list[datetime]:
    """The slide's end dates (Slide_until, Event_end), in UTC."""
    return [_utc(moment) for moment in (slide.valid_until, slide.event_end) if moment is not None]


def schedule(slides: list, now: datetime, span: tuple[datetime, datetime],
             coords: tuple[float, float] | None = None) -> list:
    """Fill each slide's `intervals` and `open_ended`; return the slides that can still play.

    Left-out slides are logged in French with their file: an ended one as a
    warning (visible in every build), one outside the horizon as INFO.
    """
    kept = []
    for slide in slides:
        finished = ended(slide, now)
        if finished is not None:
            # Said as information (a plain `pelican -v` shows it): a slide ending is not the officer's mistake.
            logger.info("%s : diapositive terminée le %s, retirée des écrans (ce n'est pas une erreur).",
                        display_path(slide.source_path), finished.astimezone(PARIS).strftime("%d/%m/%Y à %H:%M"))
            continue
        slide.intervals, slide.open_ended = slide_intervals(slide, span, coords)
        if not slide.intervals:
            logger.info("%s : la diapositive ne passe pas d'ici au %s (Slide_from ou Slide_when), "
                        "elle n'est pas dans le flux de cette construction.",
                        display_path(slide.source_path), span[1].astimezone(PARIS).strftime("%d/%m/%Y"))
            continue
        kept.append(slide)
    return kept


def closed_intervals(opening: list[Interval], span: tuple[datetime, datetime]) -> list[Interval]:
    """When the reception point is closed, within the horizon."""
    return subtract([span], opening)
