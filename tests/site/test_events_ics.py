"""Events: French wording (pure), .ics files (icalendar), JSON-LD Event, lists and the Atom feed.

The build tests use private content whose event spans the DST change of
2027-03-28 (20:00 on Saturday → 04:00 on Sunday, Paris), built at a pinned now.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from pathlib import Path

import icalendar
import pytest
from conftest import build_site, write_content

from signage.core.clock import PARIS
from signage.core.moments import MomentError, parse_moment
from signage.core.wording import when_variants, when_words
from signage.site.events import Event

HOST = "point-accueil-pusey.gendarmerie.interieur.gouv.fr"
EPOCH_MARCH_2027 = int(datetime(2027, 3, 20, 10, 0, tzinfo=PARIS).timestamp())  # Saturday 20 March 2027


def event(start: str, end: str, slug="demo") -> Event:
    first, last = parse_moment(start), parse_moment(end)
    return Event(slug=slug, title="Démo", start=first.start, end=last.end, location="Pusey", all_day=first.whole_day,
                 source_path=f"{slug}.md", url=f"evenements/{slug}/", ics_path=f"evenements/{slug}/{slug}.ics")


# --- when_words: pure ---------------------------------------------------------------------------


@pytest.mark.parametrize("day, words", [
    (date(2026, 12, 1), "samedi 12 décembre, 10 h – 17 h"),
    (date(2026, 12, 10), "samedi 12 décembre, 10 h – 17 h"),
    (date(2026, 12, 11), "demain, 10 h – 17 h"),
    (date(2026, 12, 12), "aujourd'hui, 10 h – 17 h"),
    (date(2026, 12, 13), "samedi 12 décembre, 10 h – 17 h"),  # over: no « hier »
    (date(2027, 1, 2), "samedi 12 décembre 2026, 10 h – 17 h"),  # another year: say it
])
def test_when_words_single_day(day, words):
    assert when_words(event("2026-12-12 10:00", "2026-12-12 17:00"), day) == words


def test_when_words_minutes_first_of_month_and_year():
    item = event("2027-01-01 14:30", "2027-01-01 16:00")
    assert when_words(item, date(2026, 12, 20)) == "vendredi 1er janvier 2027, 14 h 30 – 16 h"
    assert when_words(item, date(2026, 12, 31)) == "demain, 14 h 30 – 16 h"
    assert when_words(item, None) == "vendredi 1er janvier 2027, 14 h 30 – 16 h"


def test_when_words_across_midnight_and_dst():
    item = event("2027-03-27 20:00", "2027-03-28 04:00")
    assert when_words(item, date(2027, 3, 20)) == "samedi 27 mars, 20 h – dimanche 28 mars, 4 h"
    assert when_words(item, date(2027, 3, 26)) == "demain, 20 h – dimanche 28 mars, 4 h"
    assert when_words(item, date(2027, 3, 27)) == "aujourd'hui, 20 h – demain, 4 h"
    assert when_words(item, date(2027, 3, 28)) == "aujourd'hui jusqu'à 4 h"


def test_when_words_whole_days():
    one = event("2026-12-12", "2026-12-12")
    assert when_words(one, date(2026, 12, 11)) == "demain"
    assert when_words(one, date(2026, 12, 1)) == "samedi 12 décembre"
    two = event("2026-12-12", "2026-12-13")
    assert when_words(two, date(2026, 12, 1)) == "samedi 12 décembre – dimanche 13 décembre"
    assert when_words(two, date(2026, 12, 12)) == "aujourd'hui – demain"
    assert when_words(two, date(2026, 12, 13)) == "aujourd'hui"
    three = event("2026-12-12", "2026-12-14")
    assert when_words(three, date(2026, 12, 13)) == "jusqu'à demain"
    long = event("2026-12-12", "2026-12-20")
    assert when_words(long, date(2026, 12, 13)) == "jusqu'au dimanche 20 décembre"


def test_when_variants_change_at_paris_midnight():
    item = event("2026-12-12 10:00", "2026-12-12 17:00")
    spans = when_variants(item, date(2026, 12, 9), date(2026, 12, 13))
    assert [(a.isoformat(), b.isoformat(), words) for a, b, words in spans] == [
        ("2026-12-09T00:00:00+01:00", "2026-12-11T00:00:00+01:00", "samedi 12 décembre, 10 h – 17 h"),
        ("2026-12-11T00:00:00+01:00", "2026-12-12T00:00:00+01:00", "demain, 10 h – 17 h"),
        ("2026-12-12T00:00:00+01:00", "2026-12-13T00:00:00+01:00", "aujourd'hui, 10 h – 17 h"),
        ("2026-12-13T00:00:00+01:00", "2026-12-14T00:00:00+01:00", "samedi 12 décembre, 10 h – 17 h"),
    ]


@pytest.mark.parametrize("text", ["2026-02-30 10:00", "2026-12-12 25:00", "12/12/2026", "demain"])
def test_bad_dates_are_refused(text):
    with pytest.raises(MomentError):
        parse_moment(text)


# --- A real build -------------------------------------------------------------------------------

CONTENT = {
    "pages/horaires-et-acces.md": "Title: Horaires et accès\nSlug: horaires-et-acces\n"
                                  "Opening_hours: Mo-Sa 09:00-19:00; PH off\n\nTexte.\n",
    "evenements/nuit.md": "Title: Nuit de la sécurité\nDate: 2027-03-01 09:00\nCategory: Événements\n"
                          "Slug: nuit-securite\nSummary: Une nuit d'information & de prévention.\n"
                          "Event_start: 2027-03-27 20:00\nEvent_end: 2027-03-28 04:00\n"
                          "Location: Parc commercial de Pusey, Pusey\n\nTexte.\n",
    "evenements/forum.md": "Title: Forum des métiers\nDate: 2027-02-01 09:00\nCategory: Événements\n"
                           "Slug: forum\nEvent_start: 2027-04-10 10:00\nEvent_end: 2027-04-10 17:00\n"
                           "Location: Point d'accueil de gendarmerie\n\nTexte.\n",
    "evenements/passe.md": "Title: Journée passée\nDate: 2027-01-05 09:00\nCategory: Événements\n"
                           "Slug: passee\nEvent_start: 2027-01-16\n"
                           "Location: Point d'accueil de gendarmerie\n\nTexte.\n",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The same content built twice: on 20 March 2027, then on 28 March 2027 at 11:00 (after the night)."""
    root = tmp_path_factory.mktemp("events")
    content = write_content(root / "content", CONTENT)
    first = build_site(root / "out1", content, epoch=EPOCH_MARCH_2027, cache=root / "cache")
    assert first.returncode == 0, first.log
    second = build_site(root / "out2", content, epoch=EPOCH_MARCH_2027 + 8 * 86400, cache=root / "cache")
    assert second.returncode == 0, second.log
    return first.output, second.output


def vevents(path: Path) -> list:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return list(calendar.walk("VEVENT"))


def test_ics_holds_the_right_utc_instants_across_the_dst_change(built):
    out, _ = built
    [item] = vevents(out / "evenements/nuit-securite/nuit-securite.ics")
    start, end = item.decoded("dtstart"), item.decoded("dtend")
    assert start == datetime(2027, 3, 27, 19, 0, tzinfo=UTC)  # 20:00 Paris, UTC+1
    assert end == datetime(2027, 3, 28, 2, 0, tzinfo=UTC)  # 04:00 Paris, UTC+2
    assert start.utcoffset().total_seconds() == 0 and end.utcoffset().total_seconds() == 0
    assert item.decoded("dtstamp") == datetime(2027, 3, 20, 9, 0, tzinfo=UTC)  # the build's now
    assert str(item["uid"]) == f"nuit-securite@{HOST}"
    assert str(item["summary"]) == "Nuit de la sécurité"
    assert str(item["location"]) == "Parc commercial de Pusey, Pusey"
    assert str(item["url"]) == f"https://{HOST}/evenements/nuit-securite/"
    assert "Une nuit d’information & de prévention." in str(item["description"])  # typeset like the site


def test_whole_day_event_uses_dates(built):
    out, _ = built
    [item] = vevents(out / "evenements/passee/passee.ics")
    assert item.decoded("dtstart") == date(2027, 1, 16) and item.decoded("dtend") == date(2027, 1, 17)


def test_uid_is_stable_across_builds_and_the_agenda_holds_every_event(built):
    first, second = built
    uids = {str(e["uid"]) for e in vevents(first / "flux/evenements.ics")}
    assert uids == {f"{slug}@{HOST}" for slug in ("nuit-securite", "forum", "passee")}
    again = {str(e["uid"]) for e in vevents(second / "flux/evenements.ics")}
    assert again == uids
    a = vevents(first / "evenements/forum/forum.ics")[0]
    b = vevents(second / "evenements/forum/forum.ics")[0]
    assert (a["uid"], a.decoded("dtstart")) == (b["uid"], b.decoded("dtstart"))
    assert a.decoded("dtstamp") != b.decoded("dtstamp")  # each build stamps its own now


def jsonld_of(html: str) -> list[dict]:
    return [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def test_event_page_has_meta_ics_link_and_jsonld_with_offsets(built):
    out, _ = built
    html = (out / "evenements/nuit-securite/index.html").read_text(encoding="utf-8")
    assert "Samedi 27 mars 2027, 20\u00a0h – dimanche 28 mars 2027, 4\u00a0h" in html
    assert "Parc commercial de Pusey, Pusey" in html
    assert re.search(r'href="[^"]*/evenements/nuit-securite/nuit-securite\.ics"[^>]*>Ajouter à mon agenda', html)
    [data] = jsonld_of(html)
    assert data["@type"] == "Event"
    assert data["startDate"] == "2027-03-27T20:00:00+01:00"
    assert data["endDate"] == "2027-03-28T04:00:00+02:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["@type"] == "Place" and data["location"]["name"] == "Parc commercial de Pusey, Pusey"
    assert data["organizer"]["name"] == "Gendarmerie nationale"


def test_home_and_hours_page_carry_the_police_station(built):
    out, _ = built
    for page in ("index.html", "horaires-et-acces/index.html"):
        [data] = jsonld_of((out / page).read_text(encoding="utf-8"))
        assert data["@type"] == "PoliceStation"
        # Easter Monday 2027 (29 March) lies inside the horizon that starts on 20 March
        assert {"@type": "OpeningHoursSpecification", "name": "Lundi de Pâques", "validFrom": "2027-03-29",
                "validThrough": "2027-03-29", "opens": "00:00", "closes": "00:00"} in \
            data["specialOpeningHoursSpecification"]


def test_upcoming_and_past_lists_follow_the_build_now(built):
    first, second = built
    def lists(out):
        html = (out / "evenements/index.html").read_text(encoding="utf-8")
        upcoming, _, past = html.partition('data-vitrine-events="passes"')
        def titles(part):
            return re.findall(r'class="fr-card__title"><a href="[^"]*">([^<]+)</a>', part)
        return titles(upcoming), titles(past)
    assert lists(first) == (["Nuit de la sécurité", "Forum des métiers"], ["Journée passée"])
    # on 28 March at 11:00 the night (until 04:00) is over: most recent past first
    assert lists(second) == (["Forum des métiers"], ["Nuit de la sécurité", "Journée passée"])


def test_events_atom_feed_says_when_and_where(built):
    out, _ = built
    ns = {"a": "http://www.w3.org/2005/Atom"}
    root = ET.parse(out / "flux/evenements.atom.xml").getroot()
    entries = root.findall("a:entry", ns)
    assert [e.find("a:title", ns).text for e in entries] == ["Nuit de la sécurité", "Forum des métiers",
                                                             "Journée passée"]
    night = entries[0]
    assert night.find("a:summary", ns).text == ("Samedi 27 mars 2027, 20 h – dimanche 28 mars 2027, 4 h"
                                                " · Parc commercial de Pusey, Pusey")
    assert night.find("a:link", ns).get("href").endswith("/evenements/nuit-securite/")
    assert "nuit-securite.ics" in night.find("a:content", ns).text
    assert night.find("a:id", ns).text == f"tag:{HOST},2027:evenements/nuit-securite"


def test_a_kept_calendar_is_the_one_icalendar_writes_with_this_builds_stamp(tmp_path):
    """calendar_bytes keys every property but DTSTAMP: a later build (another now) reuses it,
    with its own DTSTAMP; a changed title is written again."""
    import dataclasses

    from signage.core import memo
    from signage.site.calendar_ics import calendar, calendar_bytes

    memo.configure(None)
    try:
        memo.configure(tmp_path / "cache")
        events = [event("2026-12-03 14:00", "2026-12-03 16:00"), event("2026-12-05", "2026-12-06", slug="deux")]
        site = "https://pusey.example.fr"
        for stamp in (datetime(2026, 12, 1, 9, 0, tzinfo=UTC), datetime(2026, 12, 2, 17, 42, 5, tzinfo=UTC)):
            assert calendar_bytes(events, site, stamp, "Agenda") == calendar(events, site, stamp, "Agenda").to_ical()
        assert memo.memo("ics", version=icalendar.__version__).hits == 1
        events[0] = dataclasses.replace(events[0], title="Démo déplacée")
        stamp = datetime(2026, 12, 2, 18, 0, tzinfo=UTC)
        assert "Démo déplacée".encode() in calendar_bytes(events, site, stamp, "Agenda")
        assert calendar_bytes(events, site, stamp, "Agenda") == calendar(events, site, stamp, "Agenda").to_ical()
    finally:
        memo.configure(None)
