"""Slide keys: empty values count as missing, validity compared in UTC, messages as the officer writes."""

from __future__ import annotations

import logging
from datetime import UTC
from types import SimpleNamespace

import pytest
from conftest import FIRST_0230, ROOT, SECOND_0215, SLIDE_SETTINGS, fake_content, paris

from signage.core import metadata
from signage.core.errors import ErrorLog, display_path
from signage.screens import schedule
from signage.screens.slides import SlideReader


def slide_content(**keys):
    return fake_content("Alertes", **keys)


# --- 2. an alert with an empty Slide_until -----------------------------------------------------


@pytest.mark.parametrize("until", ["", "   "])
def test_alert_with_empty_until_is_refused(until):
    log = ErrorLog()
    slide = SlideReader(SLIDE_SETTINGS, log, ["vitrine"]).read(slide_content(alert="yes", slide_until=until))
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
    assert intervals == [(SECOND_0215.astimezone(UTC), paris(2026, 10, 25, 5, 0).astimezone(UTC))]


def test_slide_validity_ends_at_the_earlier_instant():
    slide = SimpleNamespace(valid_from=None, valid_until=SECOND_0215, event_end=None, when=None)
    span = (paris(2026, 10, 25, 0, 0), FIRST_0230)  # the horizon ends at 00:30 UTC, before 01:15 UTC
    intervals, _ = schedule.slide_intervals(slide, span)
    assert intervals[0][1] == FIRST_0230.astimezone(UTC)  # not 01:15 UTC


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


