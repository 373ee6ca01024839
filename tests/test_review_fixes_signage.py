"""Review fixes in signage/: each test failed before its fix.

Empty keys count as missing, instants are compared in UTC (the repeated
autumn hour), hidden events stay out of public lists, render and build
failures are told in French on the right field, the rsync target is quoted.
"""

from __future__ import annotations

import io
import logging
import shlex
from datetime import date, datetime, timezone
from pathlib import Path
from types import SimpleNamespace

import icalendar
import pytest
from PIL import Image

from conftest import ROOT
from signage import metadata, schedule, slides
from signage.calendar_ics import write_calendars
from signage.clock import PARIS
from signage.errors import ErrorLog, display_path
from signage.events import load_events
from signage.render import Spec, render_many
from signage.slides import SlideReader

SETTINGS = {"PATH": "content", "PUBLIC_SITEURL": "https://accueil.example.fr", "SIGNAGE_DEFAULT_DURATION": 10}


def paris(*args, fold=0):
    return datetime(*args, tzinfo=PARIS, fold=fold)


# 2026-10-25: 03:00 CEST becomes 02:00 CET; 02:00-03:00 happens twice.
FIRST_0230 = paris(2026, 10, 25, 2, 30)  # 00:30 UTC
SECOND_0215 = paris(2026, 10, 25, 2, 15, fold=1)  # 01:15 UTC, later than FIRST_0230


def article(slug="fete", status="published", **keys):
    """A stand-in for a Pelican article of the Événements category (lowercase metadata keys)."""
    return SimpleNamespace(
        metadata={key.lower(): value for key, value in keys.items()},
        source_path=f"content/evenements/{slug}.md", slug=slug, title=slug.capitalize(),
        url=f"evenements/{slug}/", save_as=f"evenements/{slug}/index.html", summary="", status=status,
        category=SimpleNamespace(name="Événements", slug="evenements"))


def slide_content(**keys):
    return SimpleNamespace(
        metadata={key.lower(): value for key, value in keys.items()}, source_path="content/alertes/x.md",
        slug="x", title="Titre", url="alertes/x/", summary="<p>Résumé</p>", date=None,
        category=SimpleNamespace(name="Alertes", slug="alertes"))


# --- 1. whole-day event with an empty Event_end ---------------------------------------------


def test_whole_day_event_with_empty_end_lasts_that_day():
    log = ErrorLog()
    events = load_events([article(event_start="2026-12-12", event_end="", location="Pusey")], log,
                         paris(2026, 12, 1, 10, 0))
    assert log.errors == []
    (event,) = events.upcoming
    assert event.first_day == event.last_day == date(2026, 12, 12)
    assert event.end.astimezone(PARIS) == paris(2026, 12, 13)


def test_timed_event_with_empty_end_is_a_french_error():
    log = ErrorLog()
    events = load_events([article(event_start="2026-12-12 10:00", event_end="", location="Pusey")], log,
                         paris(2026, 12, 1, 10, 0))
    assert events.all == []
    assert [(p.field, p.message.split(" :")[0]) for p in log.errors] == [("Event_end", "Event_end manquant")]


# --- 2. an alert with an empty Slide_until -----------------------------------------------------


@pytest.mark.parametrize("until", ["", "   "])
def test_alert_with_empty_until_is_refused(until):
    log = ErrorLog()
    slide = SlideReader(SETTINGS, log, ["vitrine"]).read(slide_content(alert="yes", slide_until=until))
    assert slide.problems == 1
    assert [p.field for p in log.errors] == ["Alert"]
    assert "Alert: yes exige Slide_until" in log.errors[0].message


# --- 3. instants compared in UTC in the repeated autumn hour -----------------------------------


def test_a_slide_ended_in_the_first_0230_is_over_at_the_second_0215():
    slide = SimpleNamespace(valid_until=FIRST_0230, event_end=None)
    assert schedule.ended(slide, SECOND_0215) is not None


def test_slide_validity_starts_at_the_later_instant_not_the_later_wall_clock():
    slide = SimpleNamespace(valid_from=SECOND_0215, valid_until=None, event_end=paris(2026, 10, 25, 5, 0),
                            when=None)
    intervals, _open_ended = schedule.slide_intervals(slide, (FIRST_0230, paris(2026, 10, 26)))
    assert intervals == [(SECOND_0215.astimezone(timezone.utc), paris(2026, 10, 25, 5, 0).astimezone(timezone.utc))]


def test_slide_validity_ends_at_the_earlier_instant():
    slide = SimpleNamespace(valid_from=None, valid_until=SECOND_0215, event_end=None, when=None)
    span = (paris(2026, 10, 25, 0, 0), FIRST_0230)  # the horizon ends at 00:30 UTC, before 01:15 UTC
    intervals, _ = schedule.slide_intervals(slide, span)
    assert intervals[0][1] == FIRST_0230.astimezone(timezone.utc)  # not 01:15 UTC


def test_an_event_ended_in_the_first_0230_is_past_at_the_second_0215():
    log = ErrorLog()
    events = load_events([article(event_start="2026-10-25 01:00", event_end="2026-10-25 02:30", location="Pusey")],
                         log, SECOND_0215)
    assert log.errors == []
    assert [e.slug for e in events.past] == ["fete"] and events.upcoming == []
    # What the theme compares (event_meta.html: event.end <= vitrine_now) is right too.
    assert events.past[0].end <= SECOND_0215


# --- 4. hidden events stay out of the agenda and the JSON-LD ------------------------------------


def test_hidden_event_is_not_in_the_public_agenda(tmp_path):
    log = ErrorLog()
    events = load_events([article("publique", event_start="2026-12-12", location="Pusey"),
                          article("cachee", status="hidden", event_start="2026-12-13", location="Pusey")],
                         log, paris(2026, 12, 1, 10, 0))
    assert log.errors == []
    write_calendars(events, str(tmp_path), "https://accueil.example.fr", paris(2026, 12, 1, 10, 0), "Vitrine")
    agenda = icalendar.Calendar.from_ical((tmp_path / "flux/evenements.ics").read_bytes())
    assert [str(v["summary"]) for v in agenda.walk("VEVENT")] == ["Publique"]
    own = icalendar.Calendar.from_ical((tmp_path / "evenements/cachee/cachee.ics").read_bytes())
    (vevent,) = own.walk("VEVENT")  # the hidden page keeps its own .ics
    assert vevent["dtend"].dt == date(2026, 12, 14)  # exclusive DATE, Paris day (not the UTC day before)


def test_hidden_event_has_no_jsonld(tmp_path):
    from signage.events_generator import EventsGenerator

    generator = EventsGenerator.__new__(EventsGenerator)
    generator.settings = {"PUBLIC_SITEURL": "https://accueil.example.fr", "RECEPTION": {}}
    generator.context = {
        "vitrine_now": paris(2026, 12, 1, 10, 0),
        "articles": [article("publique", event_start="2026-12-12", location="Pusey")],
        "hidden_articles": [article("cachee", status="hidden", event_start="2026-12-13", location="Pusey")],
    }
    generator.generate_context()
    assert [e.slug for e in generator.context["vitrine_events"].all] == ["publique", "cachee"]
    assert list(generator.context["vitrine_jsonld"]["events"]) == ["content/evenements/publique.md"]


# --- 5. render failures on the right field, in French -------------------------------------------


def render_spec(**changes) -> Spec:
    base = dict(kind="content", identity="prevention", category="Prévention", title="Titre", title_field="Slide_title",
                text="Texte.", text_field="Slide_text", link="https://accueil.example.fr/x/",
                short_link="accueil.example.fr/x")
    base.update(changes)
    return Spec(**base)


def test_a_truncated_photo_is_a_slide_image_error_and_a_bug_is_not(tmp_path):
    photo = tmp_path / "coupee.jpg"
    buffer = io.BytesIO()
    Image.effect_noise((1200, 800), 60).convert("RGB").save(buffer, "JPEG", quality=90)
    photo.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])  # the upload stopped halfway
    assert slides.check_image(photo) is None  # the header is fine: only drawing finds out
    jobs = [(render_spec(image=str(photo), image_digest="x"), 1920, 1080),
            (render_spec(link="https://accueil.example.fr/" + "a" * 4000), 1920, 1080)]  # no QR code holds it
    photo_result, bug_result = render_many(jobs, str(tmp_path / "cache"), workers=1)
    assert photo_result.photo is True and bug_result.photo is False

    from signage.signage_generator import _report_failure

    log = ErrorLog()
    _report_failure(log, "content/prevention/otv.md", jobs[0][0], photo_result)
    _report_failure(log, "content/prevention/otv.md", jobs[1][0], bug_result)
    _report_failure(log, "", render_spec(kind="closed", identity="closed"), bug_result)
    photo_problem, bug_problem, closed_problem = log.errors
    assert photo_problem.field == "Slide_image" and "coupee.jpg" in photo_problem.message
    assert "Error" not in photo_problem.message  # no English exception text for the officer
    assert bug_problem.field is None and bug_problem.message.startswith("erreur interne de Vitrine")
    assert (closed_problem.path, closed_problem.field) == ("pelicanconf.py", "RECEPTION")
    assert "complaint_url" in closed_problem.message


# --- 6. one limit for big photos ----------------------------------------------------------------


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_both_big_photo_messages_give_the_same_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", Image.MAX_IMAGE_PIXELS)  # restored after the test
    monkeypatch.setattr(slides, "MAX_IMAGE_PIXELS", 2_000_000)
    over = tmp_path / "over.png"  # 2.25 MP: over the limit, under Pillow's bomb guard (twice the limit)
    Image.new("RGB", (1500, 1500), (10, 20, 30)).save(over)
    bomb = tmp_path / "bomb.png"  # 4.5 MP: Pillow's guard fires
    Image.new("RGB", (3000, 1500), (10, 20, 30)).save(bomb)
    messages = [slides.check_image(over), slides.check_image(bomb)]
    assert all("plus de 2 mégapixels" in message for message in messages), messages


# --- 7. the yes/no message -----------------------------------------------------------------------


def test_yes_no_message_names_the_key_as_written_and_the_french_words():
    log = ErrorLog()
    assert metadata.flag(slide_content(alert="peut-être"), "alert", log) is False
    (problem,) = log.errors
    assert problem.field == "Alert"
    assert problem.message == "Alert « peut-être » : attendu « yes » ou « no » (oui/non acceptés)."


# --- 8. the INFO log of a slide outside the horizon ----------------------------------------------


def test_a_slide_after_the_horizon_is_logged_with_its_display_path(caplog):
    source = str(ROOT / "content" / "prevention" / "plus-tard.md")
    slide = SimpleNamespace(source_path=source, valid_from=paris(2027, 6, 1), valid_until=None, event_end=None,
                            when=None)
    with caplog.at_level(logging.INFO, logger="vitrine"):
        kept = schedule.schedule([slide], paris(2026, 12, 1, 10, 0), (paris(2026, 12, 1, 10, 0), paris(2027, 1, 1)))
    assert kept == []
    (record,) = [r for r in caplog.records if "ne passe pas" in r.getMessage()]
    assert record.getMessage().startswith(display_path(source) + " :")
    assert source not in record.getMessage() or display_path(source) == source


# --- 9. publish and build: quoting, no traceback ---------------------------------------------------


def test_publish_quotes_the_rsync_destination(monkeypatch, tmp_path):
    import pelican.settings

    import tasks

    built = tmp_path / "mon build"
    destination = "gendarme@serveur:/var/www/site; touch /tmp/pirate"
    monkeypatch.setattr(pelican.settings, "read_settings", lambda path: {"PUBLISH_RSYNC_TARGET": destination})
    monkeypatch.setattr(tasks, "_build", lambda settings_file, target: built)
    commands = []
    context = SimpleNamespace(run=lambda command, **kwargs: commands.append(command))
    tasks.publish.body(context)
    (command,) = commands
    assert shlex.split(command)[-2:] == [f"{built}/", destination]


def crash_with(monkeypatch, exc):
    import pelican

    def run(self):
        raise exc

    monkeypatch.setattr(pelican.Pelican, "run", run)


def test_a_template_error_is_a_french_build_failure_with_file_and_line(monkeypatch, tmp_path):
    import jinja2

    from signage.site_build import BuildFailed, run_pelican

    monkeypatch.delenv("VITRINE_DEBUG", raising=False)
    template = ROOT / "theme" / "templates" / "article.html"
    crash_with(monkeypatch, jinja2.TemplateSyntaxError("unexpected '}'", 12, "article.html", str(template)))
    monkeypatch.chdir(tmp_path)  # the traceback log (.cache/) goes here, not into the project
    with pytest.raises(BuildFailed) as failure:
        run_pelican(str(ROOT / "pelicanconf.py"), tmp_path / "out")
    text = str(failure.value)
    assert "La construction a échoué" in text and "gabarit" in text
    assert "theme/templates/article.html:12 : erreur dans le gabarit" in text
    assert "VITRINE_DEBUG=1" in text
    assert (tmp_path / ".cache" / "live-erreurs.log").read_text(encoding="utf-8").count("Traceback") == 1


def test_any_other_crash_is_a_build_failure_unless_debugging(monkeypatch, tmp_path):
    from signage.site_build import BuildFailed, run_pelican

    crash_with(monkeypatch, KeyError("vitrine_hours"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VITRINE_DEBUG", raising=False)
    with pytest.raises(BuildFailed) as failure:
        run_pelican(str(ROOT / "pelicanconf.py"), tmp_path / "out")
    assert "erreur inattendue" in str(failure.value)
    monkeypatch.setenv("VITRINE_DEBUG", "1")
    with pytest.raises(KeyError):
        run_pelican(str(ROOT / "pelicanconf.py"), tmp_path / "out")
