"""What a screen plays at an instant, read off feed.json alone (pure Python, no Pelican).

The player (signage/player, JavaScript) implements the very same rule; the
workflow's test compares the two. The rule, for `screen` at `instant`:

1. A slide *plays* at instant t when one of its `intervals` holds t
   (start <= t < end, instants compared as absolute times, offsets included),
   or when t >= the feed's `horizon_end` and the slide's `open_ended` is true.
2. Alerts first: if at least one slide of `screens[screen].alerts` plays at t,
   the playlist is exactly those alerts, in feed order; nothing else plays.
3. Otherwise the playlist is every slide of `screens[screen].slides` that
   plays at t, in feed order. This includes the `kind: "closed"` slide
   (emergency numbers), whose intervals are the hours when the reception
   point is closed: it plays only then, and never past horizon_end.
4. Each returned slide is a shallow copy whose `image` is replaced by the
   first of its `variants` with start <= t < end (e.g. an event's
   « demain » image), if any; `variants` is kept as is.
5. An unknown screen raises KeyError; an empty list means nothing is valid
   at t (the player then shows its own idle screen).
"""

from __future__ import annotations

from datetime import datetime


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _holds(start: str, end: str, instant: datetime) -> bool:
    return _instant(start) <= instant < _instant(end)


def plays(slide: dict, instant: datetime, horizon_end: datetime) -> bool:
    """Rule 1 above."""
    if any(_holds(i["start"], i["end"], instant) for i in slide.get("intervals", [])):
        return True
    return instant >= horizon_end and bool(slide.get("open_ended"))


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
    alerts = [slide for slide in loop.get("alerts", []) if plays(slide, instant, horizon_end)]
    chosen = alerts or [slide for slide in loop["slides"] if plays(slide, instant, horizon_end)]
    return [_with_variant(slide, instant) for slide in chosen]
