"""Events: articles of the Événements category with Event_start, Event_end, Location.

- `load_events(articles, log, now)` checks every event (French messages with
  file and field, all collected in the build's error log) and returns
  `Events` (upcoming and past lists relative to the build's now);
- `when_words(event, day)` says when in words that stay true all `day` long:
  « aujourd'hui, 10 h – 17 h », « demain, 10 h – 17 h »,
  « samedi 12 décembre, 10 h – 17 h » (pure: the screens call it for each day);
- `when_variants(event, first, last)` gives the day spans over which that
  wording stays the same, for precomputed slide variants.

Dates are written `AAAA-MM-JJ HH:MM` (Paris time) or `AAAA-MM-JJ` for a
whole-day event (then Event_end, optional, is the last day, inclusive).
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

import nh3

from . import metadata
from .clock import PARIS
from .wording import date_words, time_words

CATEGORY_SLUG = "evenements"
_DATE = re.compile(r"^(?P<day>\d{4}-\d{2}-\d{2})(?:[ T](?P<hour>\d{1,2})[:h](?P<minute>\d{2}))?$")
_EXAMPLE = "écrivez AAAA-MM-JJ HH:MM, heure de Paris (exemple : 2026-12-12 10:00), ou AAAA-MM-JJ pour une journée entière"


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
        return when_words(self, day)


@dataclass
class Events:
    all: list[Event] = field(default_factory=list)  # hidden ones too (their own page and .ics)
    upcoming: list[Event] = field(default_factory=list)  # not over yet, soonest first
    past: list[Event] = field(default_factory=list)  # over, most recent first
    calendar_path: str = "flux/evenements.ics"

    @property
    def published(self) -> list[Event]:
        """The events the public may see listed (agenda, JSON-LD): not the hidden ones."""
        return [event for event in self.all if event.listed]

    def of(self, content) -> Event | None:
        """The event of an article (None for any other content)."""
        if content is None:
            return None
        path = getattr(content, "source_path", None)
        return next((event for event in self.all if event.source_path == path), None)


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(timezone.utc)


def _is_event(article) -> bool:
    category = getattr(article, "category", None)
    if category is not None and getattr(category, "slug", None) == CATEGORY_SLUG:
        return True
    return metadata.raw(article, "event_start") is not None


def parse_moment(text: str) -> tuple[datetime, bool]:
    """`2026-12-12 10:00` → (aware Paris datetime, False); `2026-12-12` → (midnight, True).

    Raises ValueError (with the reason in French) for a malformed or impossible date.
    """
    match = _DATE.match(text.strip())
    if not match:
        raise ValueError("format non reconnu")
    try:
        day = date.fromisoformat(match["day"])
    except ValueError:
        raise ValueError("cette date n'existe pas (vérifiez le jour et le mois)") from None
    if match["hour"] is None:
        return datetime.combine(day, time(0), PARIS), True
    try:
        clock = time(int(match["hour"]), int(match["minute"]))
    except ValueError:
        raise ValueError("heure impossible (de 00:00 à 23:59)") from None
    return datetime.combine(day, clock, PARIS), False


def _plain(html_text: str | None) -> str:
    text = nh3.clean(html_text or "", tags=set())
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


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
    start = end = None
    start_all_day = end_all_day = False
    if not raw_start:
        log.error(path, "Event_start", "Event_start manquant : un article de la catégorie Événements "
                  f"doit dire quand l'événement commence ; {_EXAMPLE}.")
        ok = False
    else:
        try:
            start, start_all_day = parse_moment(raw_start)
        except ValueError as exc:
            log.error(path, "Event_start", f"Event_start « {raw_start} » n'est pas une date valide ({exc}) ; {_EXAMPLE}.")
            ok = False
    if raw_end:
        try:
            end, end_all_day = parse_moment(raw_end)
        except ValueError as exc:
            log.error(path, "Event_end", f"Event_end « {raw_end} » n'est pas une date valide ({exc}) ; {_EXAMPLE}.")
            ok = False
    elif start is not None and not start_all_day:
        log.error(path, "Event_end", f"Event_end manquant : l'événement commence le {raw_start}, "
                  "dites quand il se termine (exemple : Event_end: 2026-12-12 17:00).")
        ok = False
    if not location:
        log.error(path, "Location", "Location manquant : indiquez le lieu de l'événement "
                  "(exemple : Location: Point d'accueil de gendarmerie, parc commercial de Pusey).")
        ok = False
    if start is not None and (end is not None or (raw_end is None and start_all_day)):
        if end is None:
            end, end_all_day = start, True
        if start_all_day != end_all_day:
            log.error(path, "Event_end", f"Event_start « {raw_start} » et Event_end « {raw_end} » doivent "
                      "être tous deux des dates avec heure (AAAA-MM-JJ HH:MM) ou tous deux des journées "
                      "(AAAA-MM-JJ).")
            ok = False
        else:
            if end_all_day:
                end = end + timedelta(days=1)  # a whole-day end is inclusive: stop at the next midnight
            if _utc(end) <= _utc(start):
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


# --- Words ---------------------------------------------------------------------------


def _day_word(target: date, day: date | None) -> str:
    if day is None:
        return date_words(target, with_year=True)
    if target == day:
        return "aujourd'hui"
    if target == day + timedelta(days=1):
        return "demain"
    return date_words(target, with_year=target.year != day.year)


def _until(target: date, day: date | None) -> str:
    word = _day_word(target, day)
    return f"jusqu'à {word}" if word in ("aujourd'hui", "demain") else f"jusqu'au {word}"


def when_words(event, day: date | None) -> str:
    """When `event` happens, in French words true all day long on Paris calendar day `day`.

    With `day` None: absolute words, with the year (for feeds and calendars read any day).
    « aujourd'hui, 10 h – 17 h », « demain, 10 h – 17 h », « samedi 12 décembre, 10 h – 17 h »,
    « samedi 27 mars, 20 h – dimanche 28 mars, 4 h », « aujourd'hui jusqu'à 17 h » (started before
    today), « jusqu'au dimanche 13 décembre, 17 h ». The year is said when it is not `day`'s.
    `event` needs `start`, `end` (aware), `all_day`, `first_day` and `last_day`.
    """
    start = event.start.astimezone(PARIS)
    end = event.end.astimezone(PARIS)
    first, last = event.first_day, event.last_day
    start_time, end_time = time_words(start), time_words(end, end_of_day=True)
    if day is not None and first < day <= last:  # under way since an earlier day
        if event.all_day:
            return "aujourd'hui" if last == day else _until(last, day)
        if last == day:
            return f"aujourd'hui jusqu'à {end_time}"
        return f"{_until(last, day)}, {end_time}"
    if first == last:
        if event.all_day:
            return _day_word(first, day)
        return f"{_day_word(first, day)}, {start_time} – {end_time}"
    if event.all_day:
        return f"{_day_word(first, day)} – {_day_word(last, day)}"
    return f"{_day_word(first, day)}, {start_time} – {_day_word(last, day)}, {end_time}"


def when_variants(event, first: date, last: date) -> list[tuple[datetime, datetime, str]]:
    """From day `first` to day `last` (inclusive): (start, end, words) spans of unchanged wording.

    Each span starts and ends at Paris midnights, so a screen can show the variant
    whose span holds the current instant.
    """
    spans: list[tuple[datetime, datetime, str]] = []
    day = first
    while day <= last:
        words = when_words(event, day)
        begin = datetime.combine(day, time(0), PARIS)
        finish = datetime.combine(day + timedelta(days=1), time(0), PARIS)
        if spans and spans[-1][2] == words:
            spans[-1] = (spans[-1][0], finish, words)
        else:
            spans.append((begin, finish, words))
        day += timedelta(days=1)
    return spans
