"""iCalendar files (icalendar): one `.ics` per event, next to its page, and the whole agenda.

- UID: `<slug>@<host of PUBLIC_SITEURL>`, stable across builds (a calendar
  that imported the event updates it instead of duplicating it);
- DTSTART / DTEND in UTC for a timed event (no VTIMEZONE to get wrong), as
  DATE values for a whole-day event;
- DTSTAMP: the build's now (SOURCE_DATE_EPOCH), so that two builds of the
  same content give the same bytes.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from icalendar import Calendar
from icalendar import Event as VEvent

from signage.core.intervals import utc
from signage.core.site_url import absolute

PRODID = "-//Gendarmerie nationale//Vitrine//FR"


def host_of(site_url: str) -> str:
    return urlsplit(site_url).hostname or "localhost"


def uid(event, site_url: str) -> str:
    return f"{event.slug}@{host_of(site_url)}"


def vevent(event, site_url: str, stamp: datetime) -> VEvent:
    item = VEvent()
    item.add("uid", uid(event, site_url))
    item.add("dtstamp", utc(stamp))
    if event.all_day:
        item.add("dtstart", event.first_day)
        item.add("dtend", event.last_day + timedelta(days=1))  # exclusive, as RFC 5545 wants for DATE values
    else:
        item.add("dtstart", utc(event.start))
        item.add("dtend", utc(event.end))
    item.add("summary", event.title)
    item.add("location", event.location)
    item.add("url", absolute(site_url, event.url))
    if event.summary:
        item.add("description", f"{event.summary}\n\n{absolute(site_url, event.url)}")
    else:
        item.add("description", absolute(site_url, event.url))
    return item


def calendar(events, site_url: str, stamp: datetime, name: str) -> Calendar:
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
        target.write_bytes(calendar([event], site_url, stamp, event.title).to_ical())
        written.append(target)
    target = Path(output_path, events.calendar_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(calendar(events.published, site_url, stamp, f"Événements – {site_name}").to_ical())
    written.append(target)
    return written
