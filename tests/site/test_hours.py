"""Hours: known weeks give the right French words, table, intervals and JSON-LD; bad input fails well.

Pure tests call signage.hours.load_hours on stand-in pages at a pinned "now";
the build tests run plain `pelican` on private content with SOURCE_DATE_EPOCH.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from types import SimpleNamespace

from conftest import build_site, write_content

from signage.core.clock import PARIS, horizon
from signage.core.errors import ErrorLog
from signage.core.intervals import as_json
from signage.site import jsonld
from signage.site.hours import load_hours

USUAL = "Mo-Sa 09:00-19:00; PH off"
RECEPTION = {"name": "Point d'accueil de gendarmerie de Pusey", "street": "Parc commercial de Pusey",
             "postal_code": "70000", "locality": "Pusey", "region": "Haute-Saône", "country": "FR",
             "latitude": 47.6525, "longitude": 6.1247, "telephone": "17"}
SITE = "https://point-accueil-pusey.gendarmerie.interieur.gouv.fr"


def page(expression=USUAL, closures=None, path="content/pages/horaires-et-acces.md"):
    meta = {"opening_hours": expression}
    if closures is not None:
        meta["closures"] = closures
    return SimpleNamespace(metadata=meta, source_path=path, url="horaires-et-acces/")


def hours_at(now: str, expression=USUAL, closures=None):
    log = ErrorLog()
    moment = datetime.fromisoformat(now).astimezone(PARIS)
    hours = load_hours([page(expression, closures)], log, horizon(moment, 42))
    assert log.problems == []
    return hours


def utc_between(hours, first: str, last: str) -> list[tuple[str, str]]:
    """The opening intervals whose Paris day lies in [first, last], as UTC ISO strings."""
    lo, hi = date.fromisoformat(first), date.fromisoformat(last)
    return [(a.astimezone(UTC).strftime("%m-%d %H:%M"), b.astimezone(UTC).strftime("%m-%d %H:%M"))
            for a, b in hours.intervals if lo <= a.astimezone(PARIS).date() <= hi]


def station(hours) -> dict:
    return json.loads(jsonld.dumps(jsonld.police_station(RECEPTION, hours, SITE)))


def specials_of(data: dict, day: str) -> list[tuple[str, str, str]]:
    return [(s["name"], s["opens"], s["closes"]) for s in data["specialOpeningHoursSpecification"]
            if s["validFrom"] == day and s["validThrough"] == day]


# --- The usual week in words and as a table --------------------------------------------------


def test_usual_week_sentence_and_table():
    hours = hours_at("2026-12-01T10:00:00+01:00")
    assert hours.sentence == "du lundi au samedi, de 9 h à 19 h"
    assert hours.closed_sentence == "fermé le dimanche et les jours fériés"
    assert hours.summary == "Ouvert du lundi au samedi, de 9 h à 19 h ; fermé le dimanche et les jours fériés."
    assert [(row.name, row.text) for row in hours.week] == [
        ("lundi", "9 h – 19 h"), ("mardi", "9 h – 19 h"), ("mercredi", "9 h – 19 h"),
        ("jeudi", "9 h – 19 h"), ("vendredi", "9 h – 19 h"), ("samedi", "9 h – 19 h"),
        ("dimanche", "fermé"),
    ]
    data = station(hours)
    assert data["@type"] == "PoliceStation"
    assert data["openingHoursSpecification"] == [{
        "@type": "OpeningHoursSpecification",
        "dayOfWeek": [f"https://schema.org/{d}" for d in
                      ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")],
        "opens": "09:00", "closes": "19:00",
    }]
    assert data["telephone"] == "17" and data["geo"]["latitude"] == 47.6525
    assert data["address"]["postalCode"] == "70000"


def test_split_days_are_grouped_in_the_sentence():
    hours = hours_at("2026-12-01T10:00:00+01:00", "Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00")
    assert hours.sentence == ("du lundi au vendredi, de 9 h à 12 h et de 14 h à 18 h ; "
                              "le samedi, de 9 h à 12 h")
    assert hours.closed_sentence == "fermé le dimanche"  # no PH rule: holidays are not closed
    assert hours.week[0].text == "9 h – 12 h, 14 h – 18 h"


# --- Known weeks -------------------------------------------------------------------------------


def test_week_of_11_november_2027():
    hours = hours_at("2027-11-08T08:00:00+01:00")  # Monday; 11 November 2027 is a Thursday
    assert utc_between(hours, "2027-11-08", "2027-11-14") == [
        ("11-08 08:00", "11-08 18:00"), ("11-09 08:00", "11-09 18:00"), ("11-10 08:00", "11-10 18:00"),
        ("11-12 08:00", "11-12 18:00"), ("11-13 08:00", "11-13 18:00"),
    ]
    armistice = [s for s in hours.specials if s.day == date(2027, 11, 11)]
    assert [s.text for s in armistice] == ["jeudi 11 novembre (Armistice) : fermé"]
    assert date(2027, 11, 1) not in {s.day for s in hours.specials}  # before the build's today
    assert specials_of(station(hours), "2027-11-11") == [("Armistice", "00:00", "00:00")]
    # the usual week is still Monday to Saturday: the holiday is a special day, not the rule
    assert hours.week[3].text == "9 h – 19 h"


def test_christmas_week_2026_with_a_half_day_closure():
    hours = hours_at("2026-12-21T08:00:00+01:00", closures="2026-12-24 12:00-19:00; 2026-12-31")
    assert utc_between(hours, "2026-12-21", "2026-12-27") == [
        ("12-21 08:00", "12-21 18:00"), ("12-22 08:00", "12-22 18:00"), ("12-23 08:00", "12-23 18:00"),
        ("12-24 08:00", "12-24 11:00"),  # closes at noon
        ("12-26 08:00", "12-26 18:00"),  # 25th: Christmas, closed; 27th: Sunday
    ]
    assert utc_between(hours, "2026-12-31", "2027-01-01") == []
    assert [s.text for s in hours.specials] == [
        "jeudi 24 décembre (fermeture exceptionnelle) : ouvert de 9 h à 12 h",
        "vendredi 25 décembre (Noël) : fermé",
        "jeudi 31 décembre (fermeture exceptionnelle) : fermé",
        "vendredi 1er janvier 2027 (Jour de l'an) : fermé",
    ]
    data = station(hours)
    assert specials_of(data, "2026-12-24") == [("fermeture exceptionnelle", "09:00", "12:00")]
    assert specials_of(data, "2026-12-25") == [("Noël", "00:00", "00:00")]
    assert specials_of(data, "2026-12-31") == [("fermeture exceptionnelle", "00:00", "00:00")]
    assert specials_of(data, "2027-01-01") == [("Jour de l'an", "00:00", "00:00")]


def test_easter_monday_and_dst_change_2027():
    # Sunday 28 March 2027: clocks go forward; Monday 29 March 2027: Easter Monday.
    hours = hours_at("2027-03-22T08:00:00+01:00")
    assert utc_between(hours, "2027-03-26", "2027-03-31") == [
        ("03-26 08:00", "03-26 18:00"), ("03-27 08:00", "03-27 18:00"),  # winter time, UTC+1
        ("03-30 07:00", "03-30 17:00"), ("03-31 07:00", "03-31 17:00"),  # summer time, UTC+2
    ]
    week = as_json(i for i in hours.intervals if i[0].date() in (date(2027, 3, 27), date(2027, 3, 30)))
    assert week == [
        {"start": "2027-03-27T09:00:00+01:00", "end": "2027-03-27T19:00:00+01:00"},
        {"start": "2027-03-30T09:00:00+02:00", "end": "2027-03-30T19:00:00+02:00"},
    ]
    assert [s.text for s in hours.specials if s.day.month == 3] == ["lundi 29 mars (Lundi de Pâques) : fermé"]
    assert specials_of(station(hours), "2027-03-29") == [("Lundi de Pâques", "00:00", "00:00")]
    badge = hours.opening_data()  # the home badge's data: the same intervals, worded in the browser
    saturday = next(i for i in badge["intervals"] if i["start"].startswith("2027-03-27"))
    assert saturday == {"start": "2027-03-27T09:00:00+01:00", "end": "2027-03-27T19:00:00+01:00"}
    after = badge["intervals"][badge["intervals"].index(saturday) + 1]
    assert after == {"start": "2027-03-30T09:00:00+02:00", "end": "2027-03-30T19:00:00+02:00"}


def test_closure_in_the_middle_of_a_day():
    hours = hours_at("2027-03-22T08:00:00+01:00", closures="2027-03-30 14:00-16:00")
    assert utc_between(hours, "2027-03-30", "2027-03-30") == [("03-30 07:00", "03-30 12:00"),
                                                              ("03-30 14:00", "03-30 17:00")]
    special = next(s for s in hours.specials if s.day == date(2027, 3, 30))
    assert special.hours_text == "ouvert de 9 h à 14 h et de 16 h à 19 h"
    assert specials_of(station(hours), "2027-03-30") == [
        ("fermeture exceptionnelle", "09:00", "14:00"), ("fermeture exceptionnelle", "16:00", "19:00")]


def test_badge_json_cannot_break_out_of_its_script_element():
    hours = hours_at("2026-12-01T10:00:00+01:00")
    text = hours.opening_json()
    assert "<" not in text and ">" not in text
    assert json.loads(text)["horizon"] == {"start": "2026-12-01T00:00:00+01:00", "end": "2027-01-12T00:00:00+01:00"}


# --- Errors (pure) ------------------------------------------------------------------------------


def test_no_hours_page_is_an_error():
    log = ErrorLog()
    assert load_hours([], log, horizon(datetime(2026, 12, 1, 10, tzinfo=PARIS), 42)) is None
    [problem] = log.errors
    assert problem.field == "Opening_hours" and "aucune page ne porte la clé Opening_hours" in problem.message


def test_closure_on_a_date_that_does_not_exist():
    log = ErrorLog()
    load_hours([page(closures="2026-02-30")], log, horizon(datetime(2026, 12, 1, 10, tzinfo=PARIS), 42))
    [problem] = log.errors
    assert problem.field == "Closures" and "Closures « 2026-02-30 » n'est pas une date valide (cette date n'existe pas" in problem.message


# --- Errors in a real build: all at once, French, exit 1, previous output untouched -----------------


GOOD = {
    "pages/horaires-et-acces.md": f"Title: Horaires et accès\nSlug: horaires-et-acces\n"
                                  f"Opening_hours: {USUAL}\nClosures: 2026-12-24 12:00-19:00\n\nTexte.\n",
    "evenements/forum.md": "Title: Forum\nDate: 2026-11-20 09:00\nCategory: Événements\nSlug: forum\n"
                           "Event_start: 2026-12-12 10:00\nEvent_end: 2026-12-12 17:00\n"
                           "Location: Parc commercial de Pusey\n\nTexte.\n",
}

BAD = {
    "pages/horaires-et-acces.md": "Title: Horaires et accès\nSlug: horaires-et-acces\n"
                                  "Opening_hours: Mo-Sa 9h-19h\nClosures: 2026-02-30\n\nTexte.\n",
    "pages/contact.md": "Title: Contact\nSlug: contact\nOpening_hours: Mo-Fr 09:00-17:00\n\nTexte.\n",
    "evenements/forum.md": "Title: Forum\nDate: 2026-11-20 09:00\nCategory: Événements\nSlug: forum\n"
                           "Event_start: 2026-12-12 17:00\nEvent_end: 2026-12-12 10:00\n"
                           "Location: Parc commercial de Pusey\n\nTexte.\n",
    "evenements/sans-lieu.md": "Title: Sans lieu\nDate: 2026-11-20 09:00\nCategory: Événements\n"
                               "Slug: sans-lieu\nEvent_start: 2026-12-13 10:00\nEvent_end: 2026-12-13 12:00\n\nTexte.\n",
    "evenements/mauvaise-date.md": "Title: Mauvaise date\nDate: 2026-11-20 09:00\nCategory: Événements\n"
                                   "Slug: mauvaise-date\nEvent_start: 2026-13-01 10:00\nEvent_end: 2026-12-14 12:00\n"
                                   "Location: Pusey\n\nTexte.\n",
}


def test_every_error_at_once_in_french_and_nothing_published(tmp_path):
    out = tmp_path / "out"
    good = build_site(out, write_content(tmp_path / "good", GOOD), cache=tmp_path / "cache")
    assert good.returncode == 0, good.log
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()}
    assert (out / "evenements/forum/forum.ics").exists()

    bad = build_site(out, write_content(tmp_path / "bad", BAD), cache=tmp_path / "cache")
    assert bad.returncode != 0
    log = bad.log
    assert "Traceback" not in log
    expected = [
        ("horaires-et-acces.md", "Opening_hours : « Mo-Sa 9h-19h » n'est pas une expression d'horaires"),
        ("horaires-et-acces.md", "Closures « 2026-02-30 » n'est pas une date valide (cette date n'existe pas"),
        ("contact.md", "une seule page peut porter Opening_hours"),  # the message lists both pages
        ("horaires-et-acces.md", "une seule page peut porter Opening_hours"),
        ("forum.md", "Event_end « 2026-12-12 10:00 » est avant (ou égal à) Event_start « 2026-12-12 17:00 »"),
        ("sans-lieu.md", "Location manquant : indiquez le lieu de l'événement"),
        ("mauvaise-date.md", "Event_start « 2026-13-01 10:00 » n'est pas une date valide (cette date n'existe pas"),
    ]
    lines = log.splitlines()
    for filename, message in expected:
        assert any(filename in line and message in line for line in lines), (filename, message, log)
    assert "erreurs dans le contenu :" in log and "La construction s'est arrêtée avant d'écrire le moindre fichier" in log
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()}
    assert after == before
