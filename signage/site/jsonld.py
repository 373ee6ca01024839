"""Structured data (schema.org, JSON-LD) for search engines.

- `police_station(reception, hours, site_url)`: the reception point as a
  `PoliceStation` with its address, telephone, geo, usual week
  (`openingHoursSpecification`) and a `specialOpeningHoursSpecification` for
  every public holiday and closure inside the horizon (a day closed all day
  says opens = closes = 00:00, as schema.org and search engines expect);
- `event(event, reception, site_url, organizer)`: an `Event` with offsets in
  its dates, a `Place`, `eventStatus` and `eventAttendanceMode`.
`dumps()` gives the text to put inside <script type="application/ld+json">.
"""

from __future__ import annotations

from signage.core.intervals import iso
from signage.core.site_url import absolute
from signage.site.hours import script_json

SCHEMA = "https://schema.org"
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _clock(value) -> str:
    return value.strftime("%H:%M")


def _closing(value) -> str:
    return "24:00" if (value.hour, value.minute) == (0, 0) else _clock(value)


def postal_address(reception: dict) -> dict:
    return {
        "@type": "PostalAddress",
        "streetAddress": reception.get("street", ""),
        "postalCode": reception.get("postal_code", ""),
        "addressLocality": reception.get("locality", ""),
        "addressRegion": reception.get("region", ""),
        "addressCountry": reception.get("country", "FR"),
    }


def station_id(site_url: str) -> str:
    return absolute(site_url, "#point-accueil")


def opening_hours_specification(week) -> list[dict]:
    """One specification per distinct range, with the days that share it."""
    by_range: dict[tuple, list[str]] = {}
    for row in week:
        for start, end in row.ranges:
            by_range.setdefault((start, end), []).append(f"{SCHEMA}/{_DAYS[row.weekday]}")
    return [
        {"@type": "OpeningHoursSpecification", "dayOfWeek": days, "opens": _clock(start), "closes": _closing(end)}
        for (start, end), days in by_range.items()
    ]


def special_opening_hours_specification(specials) -> list[dict]:
    result = []
    for special in specials:
        day = special.day.isoformat()
        common = {"@type": "OpeningHoursSpecification", "name": special.label, "validFrom": day, "validThrough": day}
        if not special.ranges:
            result.append({**common, "opens": "00:00", "closes": "00:00"})
        for start, end in special.ranges:
            result.append({**common, "opens": _clock(start), "closes": _closing(end)})
    return result


def police_station(reception: dict, hours, site_url: str) -> dict:
    data = {
        "@context": SCHEMA,
        "@type": "PoliceStation",
        "@id": station_id(site_url),
        "name": reception.get("name", ""),
        "url": absolute(site_url),
        "telephone": reception.get("telephone", ""),
        "address": postal_address(reception),
    }
    if reception.get("latitude") is not None and reception.get("longitude") is not None:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": reception["latitude"],
                       "longitude": reception["longitude"]}
    if hours is not None:
        data["openingHoursSpecification"] = opening_hours_specification(hours.week)
        data["specialOpeningHoursSpecification"] = special_opening_hours_specification(hours.specials)
    return data


def event(item, reception: dict, site_url: str, organizer: str) -> dict:
    url = absolute(site_url, item.url)
    data = {
        "@context": SCHEMA,
        "@type": "Event",
        "name": item.title,
        "url": url,
        "startDate": item.first_day.isoformat() if item.all_day else iso(item.start),
        "endDate": item.last_day.isoformat() if item.all_day else iso(item.end),
        "eventStatus": f"{SCHEMA}/EventScheduled",
        "eventAttendanceMode": f"{SCHEMA}/OfflineEventAttendanceMode",
        "location": {"@type": "Place", "name": item.location, "address": item.location},
        "organizer": {"@type": "GovernmentOrganization", "name": organizer,
                      "url": absolute(site_url)},
    }
    if item.summary:
        data["description"] = item.summary
    return data


def dumps(data: dict) -> str:
    """JSON-LD text safe inside a <script> element."""
    return script_json(data)
