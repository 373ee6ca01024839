"""iCalendar files (icalendar): one `.ics` per event, next to its page, and the whole agenda.

- UID: `<slug>@<host of PUBLIC_SITEURL>`, stable across builds (a calendar
  that imported the event updates it instead of duplicating it);
- DTSTART / DTEND in UTC for a timed event (no VTIMEZONE to get wrong), as
  DATE values for a whole-day event;
- DTSTAMP: the build's now (SOURCE_DATE_EPOCH), so that two builds of the
  same content give the same bytes.

Each calendar's bytes are kept between builds (`core.memo`), keyed by every
property written but DTSTAMP (the build's now, put in afterwards): icalendar runs
only for a calendar that changed.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlsplit

from signage.core import memo
from signage.core.intervals import utc
from signage.core.site_url import absolute

PRODID = "-//Gendarmerie nationale//Vitrine//FR"
_ICALENDAR = version("icalendar")  # another version may write other bytes


def host_of(site_url: str) -> str:
    return urlsplit(site_url).hostname or "localhost"


def uid(event, site_url: str) -> str:
    return f"{event.slug}@{host_of(site_url)}"


def properties(event, site_url: str, stamp: datetime) -> list[tuple[str, object]]:
    """The VEVENT's properties, in order."""
    page = absolute(site_url, event.url)
    if event.all_day:  # DTEND exclusive, as RFC 5545 wants for DATE values
        span = [("dtstart", event.first_day), ("dtend", event.last_day + timedelta(days=1))]
    else:
        span = [("dtstart", utc(event.start)), ("dtend", utc(event.end))]
    return [("uid", uid(event, site_url)), ("dtstamp", utc(stamp)), *span, ("summary", event.title),
            ("location", event.location), ("url", page),
            ("description", f"{event.summary}\n\n{page}" if event.summary else page)]


def vevent(event, site_url: str, stamp: datetime):
    from icalendar import Event as VEvent

    item = VEvent()
    for name, value in properties(event, site_url, stamp):
        item.add(name, value)
    return item


def calendar(events, site_url: str, stamp: datetime, name: str):
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Paris")
    for event in events:
        cal.add_component(vevent(event, site_url, stamp))
    return cal


# Written in place of the build's moment, then replaced: DTSTAMP is the only property that
# changes at every build (the build's now), so the memo keys what is left.
_STAMP_STANDIN = datetime(1970, 1, 1, tzinfo=UTC)
_STAMP_LINE = b"\r\nDTSTAMP:19700101T000000Z\r\n"


def calendar_bytes(events, site_url: str, stamp: datetime, name: str) -> bytes:
    """`calendar(...).to_ical()`, kept between builds under the properties it is made of
    (every one but DTSTAMP, put in afterwards)."""
    events = list(events)
    key = memo.key_of(repr((PRODID, name, [properties(event, site_url, _STAMP_STANDIN) for event in events])))
    made = memo.memo("ics", version=_ICALENDAR).get(
        key, lambda: calendar(events, site_url, _STAMP_STANDIN, name).to_ical())
    when = utc(stamp).strftime("%Y%m%dT%H%M%SZ").encode()
    return made.replace(_STAMP_LINE, b"\r\nDTSTAMP:" + when + b"\r\n")


def write_calendars(events, output_path: str, site_url: str, stamp: datetime, site_name: str,
                    writes=lambda name: True) -> list[Path]:
    """Write every event's `.ics` (next to its page, hidden ones too) and the agenda of the
    published events only; return the paths written. `writes(ics_path)`: False for an event
    whose page an incremental live build does not write (its .ics comes from the previous build)."""
    written = []
    for event in events.all:
        if not writes(event.ics_path):
            continue
        target = Path(output_path, event.ics_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(calendar_bytes([event], site_url, stamp, event.title))
        written.append(target)
    target = Path(output_path, events.calendar_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(calendar_bytes(events.published, site_url, stamp, f"Événements – {site_name}"))
    written.append(target)
    return written
