"""The home page's open/closed badge, computed in Chromium from the precomputed intervals.

The site is built on Tuesday 20 April 2027 (SOURCE_DATE_EPOCH) so that the
horizon holds 1 May 2027 (a Saturday and a public holiday); the browser's
clock is set with Playwright's clock API, never the wall clock. The badge is
worded by the window player's own module (signage/player/hours.js): the badge
and the screens' status band say the same thing at the same instant.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from conftest import build_site
from player_helpers import ClockedServer, Player

from signage.core.clock import PARIS

EPOCH = int(datetime(2027, 4, 20, 10, 0, tzinfo=PARIS).timestamp())
HOURS_PAGE = ("Title: Horaires et accès\nSlug: horaires-et-acces\n"
              "Opening_hours: Mo-Sa 09:00-19:00; PH off\n\nTexte.\n")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("badge")
    content = root / "content"
    (content / "pages").mkdir(parents=True)
    (content / "pages/horaires-et-acces.md").write_text(HOURS_PAGE, encoding="utf-8")
    result = build_site(root / "out", content, epoch=EPOCH, cache=root / "cache")
    assert result.returncode == 0, result.log
    return result.output


@pytest.fixture
def home(site, serve, page_factory):
    server = serve(site)

    def at(moment: str, **options):
        page = page_factory(**options)
        page.clock.set_fixed_time(datetime.fromisoformat(moment))
        page.goto(server.url + "/")
        return page

    return at


def badge_of(page):
    badge = page.locator("[data-vitrine-open-badge]")
    return badge, (badge.text_content() or "").strip()


NB = "\u00a0"  # no-break space: « 19 h », « Ouvert · » never break
MOMENTS = [
    # Wednesday 21 April 2027: a usual weekday
    ("2027-04-21T18:59:00+02:00", "open", f"Ouvert{NB}· ferme à 19{NB}h"),
    ("2027-04-21T19:00:00+02:00", "closed", f"Fermé{NB}· ouvre demain à 9{NB}h"),
    ("2027-04-21T08:59:59+02:00", "closed", f"Fermé{NB}· ouvre à 9{NB}h"),
    # Sunday 25 April 2027: closed all day
    ("2027-04-25T18:59:00+02:00", "closed", f"Fermé{NB}· ouvre demain à 9{NB}h"),
    ("2027-04-25T19:00:00+02:00", "closed", f"Fermé{NB}· ouvre demain à 9{NB}h"),
    # Saturday 24 April 2027: a usual Saturday is open...
    ("2027-04-24T18:59:00+02:00", "open", f"Ouvert{NB}· ferme à 19{NB}h"),
    # ...but Saturday 1 May 2027 is a public holiday: closed until Monday 3 May
    ("2027-05-01T18:59:00+02:00", "closed", f"Fermé{NB}· ouvre lundi à 9{NB}h"),
    ("2027-05-01T19:00:00+02:00", "closed", f"Fermé{NB}· ouvre lundi à 9{NB}h"),
    ("2027-04-30T19:00:00+02:00", "closed", f"Fermé{NB}· ouvre lundi à 9{NB}h"),
]


@pytest.mark.parametrize("moment, state, text", MOMENTS)
def test_badge_reads_open_or_closed(home, moment, state, text):
    page = home(moment)
    badge, shown = badge_of(page)
    badge.wait_for(state="visible")
    assert shown == text
    assert badge.get_attribute("data-state") == state
    assert "fr-badge--success" in badge.get_attribute("class") if state == "open" else \
        "fr-badge--error" in badge.get_attribute("class")


def test_badge_uses_paris_time_whatever_the_visitor_timezone(site, serve, browser):
    server = serve(site)
    context = browser.new_context(locale="fr-FR", timezone_id="America/New_York")
    try:
        page = context.new_page()
        page.clock.set_fixed_time(datetime.fromisoformat("2027-04-21T18:59:00+02:00"))
        page.goto(server.url + "/")
        badge, shown = badge_of(page)
        badge.wait_for(state="visible")
        assert shown == f"Ouvert{NB}· ferme à 19{NB}h"
    finally:
        context.close()


def test_badge_says_nothing_outside_the_precomputed_horizon(home):
    page = home("2027-07-01T12:00:00+02:00")  # the build of 20 April knows 42 days ahead
    page.wait_for_load_state("networkidle")
    badge, shown = badge_of(page)
    assert shown == "" and badge.is_hidden()


def test_without_javascript_the_badge_is_silent_and_the_summary_stands_in(home):
    page = home("2027-04-21T18:59:00+02:00", java_script_enabled=False)
    badge, shown = badge_of(page)
    assert shown == "" and badge.is_hidden()
    summary = page.locator(".vitrine-hours-summary")
    assert "Ouvert du lundi au samedi, de 9\u00a0h à 19\u00a0h" in summary.inner_text()


def test_badge_script_is_external_and_same_origin(site):
    html = (Path(site) / "index.html").read_text(encoding="utf-8")
    assert '<script type="application/json" id="vitrine-opening">' in html
    assert '<script type="module" src="/theme/js/opening-badge.js"></script>' in html
    badge = (Path(site) / "theme/js/opening-badge.js").read_text(encoding="utf-8")
    # One module words the sentence, the player's, published beside the site on the same origin.
    assert 'from "../../signage/player/hours.js"' in badge
    assert not re.search(r"[\"'`](Ouvert|Fermé)", badge), "no second copy of the sentence's words"
    assert (Path(site) / "signage/player/hours.js").is_file()


def test_badge_and_the_screens_status_band_say_the_same(site, home, page_factory):
    server = ClockedServer(site, datetime.fromisoformat(MOMENTS[0][0]))
    try:
        for moment, _, text in MOMENTS:
            badge, shown = badge_of(home(moment))
            badge.wait_for(state="visible")
            player = Player(page_factory(960, 540), server)
            player.open(datetime.fromisoformat(moment))
            assert (shown, player.state()["hours"]) == (text, text), moment
            player.page.context.close()
    finally:
        server.stop()
