"""Event dates: an empty Event_end, instants compared in UTC, hidden events kept out of public lists."""

from __future__ import annotations

from datetime import date

import icalendar
from conftest import SECOND_0215, event_article, paris

from signage.core.clock import PARIS
from signage.core.errors import ErrorLog
from signage.site.calendar_ics import write_calendars
from signage.site.events import load_events

# --- 1. whole-day event with an empty Event_end ---------------------------------------------


def test_whole_day_event_with_empty_end_lasts_that_day():
    log = ErrorLog()
    events = load_events([event_article(event_start="2026-12-12", event_end="", location="Pusey")], log,
                         paris(2026, 12, 1, 10, 0))
    assert log.errors == []
    (event,) = events.upcoming
    assert event.first_day == event.last_day == date(2026, 12, 12)
    assert event.end.astimezone(PARIS) == paris(2026, 12, 13)


def test_timed_event_with_empty_end_is_a_french_error():
    log = ErrorLog()
    events = load_events([event_article(event_start="2026-12-12 10:00", event_end="", location="Pusey")], log,
                         paris(2026, 12, 1, 10, 0))
    assert events.all == []
    assert [(p.field, p.message.split(" :")[0]) for p in log.errors] == [("Event_end", "Event_end manquant")]


# --- 3b. an event ended in the repeated autumn hour -------------------


def test_an_event_ended_in_the_first_0230_is_past_at_the_second_0215():
    log = ErrorLog()
    events = load_events([event_article(event_start="2026-10-25 01:00", event_end="2026-10-25 02:30", location="Pusey")],
                         log, SECOND_0215)
    assert log.errors == []
    assert [e.slug for e in events.past] == ["fete"] and events.upcoming == []
    # What the theme compares (event_meta.html: event.end <= vitrine_now) is right too.
    assert events.past[0].end <= SECOND_0215


# --- 4. hidden events stay out of the agenda and the JSON-LD ------------------------------------


def test_hidden_event_is_not_in_the_public_agenda(tmp_path):
    log = ErrorLog()
    events = load_events([event_article("publique", event_start="2026-12-12", location="Pusey"),
                          event_article("cachee", status="hidden", event_start="2026-12-13", location="Pusey")],
                         log, paris(2026, 12, 1, 10, 0))
    assert log.errors == []
    write_calendars(events, str(tmp_path), "https://accueil.example.fr", paris(2026, 12, 1, 10, 0), "Vitrine")
    agenda = icalendar.Calendar.from_ical((tmp_path / "flux/evenements.ics").read_bytes())
    assert [str(v["summary"]) for v in agenda.walk("VEVENT")] == ["Publique"]
    own = icalendar.Calendar.from_ical((tmp_path / "evenements/cachee/cachee.ics").read_bytes())
    (vevent,) = own.walk("VEVENT")  # the hidden page keeps its own .ics
    assert vevent["dtend"].dt == date(2026, 12, 14)  # exclusive DATE, Paris day (not the UTC day before)


def test_hidden_event_has_no_jsonld(tmp_path):
    from signage.site.events_generator import EventsGenerator

    generator = EventsGenerator.__new__(EventsGenerator)
    generator.settings = {"PUBLIC_SITEURL": "https://accueil.example.fr", "RECEPTION": {}}
    generator.context = {
        "vitrine_now": paris(2026, 12, 1, 10, 0),
        "articles": [event_article("publique", event_start="2026-12-12", location="Pusey")],
        "hidden_articles": [event_article("cachee", status="hidden", event_start="2026-12-13", location="Pusey")],
    }
    generator.generate_context()
    assert [e.slug for e in generator.context["vitrine_events"].all] == ["publique", "cachee"]
    assert list(generator.context["vitrine_jsonld"]["events"]) == ["content/evenements/publique.md"]


