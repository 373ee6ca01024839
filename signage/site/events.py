"""Events: articles of the Événements category with Event_start, Event_end, Location.

- `load_events(articles, log, now)` checks every event (French messages with
  file and field, all collected in the build's error log) and returns
  `Events` (upcoming and past lists relative to the build's now);
- `Event.when(day)` says when in words that stay true all `day` long
  (`core.wording.when_words`: « aujourd'hui, 10 h – 17 h », « demain… »).

Dates are moments (core.moments): `AAAA-MM-JJ HH:MM` (Paris time) or `AAAA-MM-JJ`
for a whole-day event (then Event_end, optional, is the last day, inclusive).
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

import nh3

from signage.core import metadata
from signage.core.clock import PARIS
from signage.core.intervals import utc as _utc
from signage.core.moments import EXPECTED, Moment, MomentError, moment_message, parse_moment
from signage.core.vocabulary import CATEGORIES, EVENTS
from signage.core.wording import when_words

CATEGORY_SLUG = CATEGORIES[EVENTS]
_EXAMPLE = f"écrivez {EXPECTED}"


@dataclass(frozen=True)
class Event:
    slug: str
    title: str
    # Both in UTC: Python orders two datetimes sharing one ZoneInfo by wall clock, which is wrong
    # in the repeated autumn hour; a UTC datetime compares by instant with any other aware one
    # (the theme's `event.end <= vitrine_now` included). Say them with .astimezone(PARIS).
    start: datetime  # aware, UTC
    end: datetime  # aware, UTC, exclusive (Paris midnight after the last day for a whole-day event)
    location: str
    all_day: bool
    source_path: str
    url: str  # the page, relative to SITEURL (e.g. evenements/portes-ouvertes/)
    ics_path: str  # the .ics next to the page, relative to the output (and to SITEURL)
    summary: str = ""  # plain text
    listed: bool = True  # published (not hidden)
    article: Any = field(default=None, compare=False, repr=False)

    @property
    def last_day(self) -> date:
        """The Paris calendar day the event ends on (a midnight end belongs to the day before)."""
        end = self.end.astimezone(PARIS)
        if end.time() == time(0) and _utc(self.end) > _utc(self.start):
            return end.date() - timedelta(days=1)
        return end.date()

    @property
    def first_day(self) -> date:
        return self.start.astimezone(PARIS).date()

    def when(self, day: date) -> str:
        return _when(self, day)


@dataclass
class Events:
    all: list[Event] = field(default_factory=list)  # hidden ones too (their own page and .ics)
    upcoming: list[Event] = field(default_factory=list)  # not over yet, soonest first
    past: list[Event] = field(default_factory=list)  # over, most recent first
    calendar_path: str = "flux/evenements.ics"
    _by_path: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def published(self) -> list[Event]:
        """The events the public may see listed (agenda, JSON-LD): not the hidden ones."""
        return [event for event in self.all if event.listed]

    def of(self, content) -> Event | None:
        """The event of an article (None for any other content)."""
        if content is None:
            return None
        if len(self._by_path) != len(self.all):  # every page asks: a lookup, not a scan
            self._by_path.clear()
            self._by_path.update((event.source_path, event) for event in reversed(self.all))
        return self._by_path.get(getattr(content, "source_path", None))


@lru_cache(maxsize=8192)
def _when(event: Event, day: date | None) -> str:
    """when_words, once per event and day: a listing shows the same events on many pages."""
    return when_words(event, day)


def _is_event(article) -> bool:
    category = getattr(article, "category", None)
    if category is not None and getattr(category, "slug", None) == CATEGORY_SLUG:
        return True
    return metadata.raw(article, "event_start") is not None


def _plain(html_text: str | None) -> str:
    text = nh3.clean(html_text or "", tags=set())
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def _moment(log, path: str, key: str, value: str) -> Moment | None:
    try:
        return parse_moment(value)
    except MomentError as error:
        log.error(path, key, moment_message(key, value, error))
        return None


def load_events(articles, log, now: datetime) -> Events:
    """Check and collect the events among `articles` (published first, then hidden)."""
    found: list[Event] = []
    for article in articles:
        if not _is_event(article):
            continue
        event = _check(article, log)
        if event is not None:
            found.append(event)
    now = _utc(now)
    found.sort(key=lambda e: (_utc(e.start), e.slug))
    listed = [e for e in found if e.listed]
    upcoming = [e for e in listed if _utc(e.end) > now]
    past = sorted((e for e in listed if _utc(e.end) <= now), key=lambda e: (_utc(e.start), e.slug), reverse=True)
    return Events(found, upcoming, past)


def _check(article, log) -> Event | None:
    path = metadata.source(article)
    ok = True
    raw_start = metadata.raw(article, "event_start")
    raw_end = metadata.raw(article, "event_end") or None  # an empty `Event_end:` is no Event_end
    location = metadata.raw(article, "location")
    first = last = None  # the moments written
    if not raw_start:
        log.error(path, "Event_start", "Event_start manquant : un article de la catégorie Événements "
                  f"doit dire quand l'événement commence ; {_EXAMPLE}.")
        ok = False
    else:
        first = _moment(log, path, "Event_start", raw_start)
        ok = ok and first is not None
    if raw_end:
        last = _moment(log, path, "Event_end", raw_end)
        ok = ok and last is not None
    elif first is not None:
        last = first if first.whole_day else None  # a whole-day event without Event_end lasts that day
    # The event starts at its first moment's start (a whole day: midnight) and stops at its last
    # moment's end (a whole day is inclusive: the next midnight).
    start, start_all_day = (first.start, first.whole_day) if first else (None, False)
    end, end_all_day = (last.end, last.whole_day) if last else (None, False)
    if start is not None and raw_end is None and not start_all_day:
        log.error(path, "Event_end", f"Event_end manquant : l'événement commence le {raw_start}, "
                  "dites quand il se termine (exemple : Event_end: 2026-12-12 17:00).")
        ok = False
    if not location:
        log.error(path, "Location", "Location manquant : indiquez le lieu de l'événement "
                  "(exemple : Location: Point d'accueil de gendarmerie, parc commercial de Pusey).")
        ok = False
    if start is not None and end is not None:
        if start_all_day != end_all_day:
            log.error(path, "Event_end", f"Event_start « {raw_start} » et Event_end « {raw_end} » doivent "
                      "être tous deux des dates avec heure (AAAA-MM-JJ HH:MM) ou tous deux des journées "
                      "(AAAA-MM-JJ).")
            ok = False
        elif _utc(end) <= _utc(start):
            log.error(path, "Event_end", f"Event_end « {raw_end} » est avant (ou égal à) Event_start "
                      f"« {raw_start} » : l'événement doit se terminer après avoir commencé ; "
                      "corrigez l'une des deux dates.")
            ok = False
    if not ok:
        return None
    save_dir = posixpath.dirname(article.save_as.replace("\\", "/"))
    ics_path = posixpath.join(save_dir, f"{article.slug}.ics")
    return Event(
        slug=article.slug, title=_plain(article.title), start=_utc(start), end=_utc(end), location=location,
        all_day=start_all_day, source_path=path, url=article.url, ics_path=ics_path,
        summary=_plain(getattr(article, "summary", "")),
        listed=getattr(article, "status", "published") == "published", article=article,
    )
