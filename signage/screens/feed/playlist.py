"""What a screen plays at an instant, read off feed.json alone (pure Python, no Pelican).

`invoke slides --at` and the tests use it; the player and the preview page run
the very same rule in JavaScript (`signage/screens/player/playlist.js`). Both are
held to one table of cases, `playlist.cases.json` beside this file (tests/screens/
test_playlist_cases.py runs it against both). The rule, for `screen` at instant t:

1. A slide *plays* at t when one of its `intervals` holds t (start <= t < end,
   instants compared as absolute times, offsets included), or when
   t >= the feed's `horizon_end` and the slide's `open_ended` is true.
2. The reception point is *closed* at t when t < horizon_end and no interval of
   the feed's `opening` holds t (past the horizon nobody knows: not closed).
   A `kind: "closed"` slide (« fermé · 17 · 112 · 114 · plainte en ligne ») also
   plays whenever the point is closed, whatever its own intervals say (the build
   makes them agree; the status band reads `opening` too, so they never differ).
3. Alerts first: if at least one slide of `screens[screen].alerts` plays at t,
   the playlist is exactly those alerts, in feed order; nothing else plays.
4. Otherwise, when no closed slide plays, the playlist is every slide of
   `screens[screen].slides` that plays at t, in feed order.
5. Closed means closed first: when a closed slide plays, it opens the loop and
   comes back after every two other slides. With C the closed slide(s) that play
   (the build writes one; several stay together, in feed order) and o1 … on the
   other slides that play, in feed order, the loop is C before each pair of others:
       no other slide    C
       one               C o1                  (C every second slide)
       two               C o1 o2
       three             C o1 o2 C o3          (then C again: the loop starts over)
       four              C o1 o2 C o3 o4
   so C is never more than two slides away, and each other slide plays once a loop.
6. Each returned slide is a shallow copy whose `image` is replaced by the
   first of its `variants` with start <= t < end (e.g. an event's
   « demain » image), if any; `variants` is kept as is.
7. An unknown screen raises KeyError; an empty list means nothing is valid
   at t (the player then shows its idle card, the site's name).
"""

from __future__ import annotations

from datetime import datetime

CLOSED = "closed"


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _holds(start: str, end: str, instant: datetime) -> bool:
    return _instant(start) <= instant < _instant(end)


def _within(intervals: list[dict], instant: datetime) -> bool:
    return any(_holds(i["start"], i["end"], instant) for i in intervals)


def plays(slide: dict, instant: datetime, horizon_end: datetime) -> bool:
    """Rule 1 above."""
    if _within(slide.get("intervals", []), instant):
        return True
    return instant >= horizon_end and bool(slide.get("open_ended"))


def closed_at(feed: dict, instant: datetime) -> bool:
    """Rule 2 above: whether the reception point is closed at `instant`, by the feed's `opening`."""
    return instant < _instant(feed["horizon_end"]) and not _within(feed.get("opening", []), instant)


def closed_first(closed: list, others: list) -> list:
    """Rule 5 above: the closed slide(s) before each pair of other slides."""
    loop = list(closed)
    for number, other in enumerate(others):
        if number and number % 2 == 0:
            loop.extend(closed)
        loop.append(other)
    return loop


def _with_variant(slide: dict, instant: datetime) -> dict:
    chosen = dict(slide)
    for variant in slide.get("variants", []):
        if _holds(variant["start"], variant["end"], instant):
            chosen["image"] = variant["image"]
            break
    return chosen


def playlist_at(feed: dict, screen: str, instant: datetime) -> list[dict]:
    """The slides `screen` plays at `instant` (an aware datetime), in order; see the module docstring."""
    if instant.tzinfo is None:
        raise ValueError("instant must be an aware datetime (with its UTC offset)")
    horizon_end = _instant(feed["horizon_end"])
    loop = feed["screens"][screen]
    chosen = [slide for slide in loop.get("alerts", []) if plays(slide, instant, horizon_end)]
    if not chosen:
        closed = closed_at(feed, instant)
        playing = [slide for slide in loop["slides"]
                   if plays(slide, instant, horizon_end) or (closed and slide["kind"] == CLOSED)]
        chosen = closed_first([s for s in playing if s["kind"] == CLOSED],
                              [s for s in playing if s["kind"] != CLOSED])
    return [_with_variant(slide, instant) for slide in chosen]
