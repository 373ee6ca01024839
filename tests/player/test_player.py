"""The window player (signage/player/): Chromium through Playwright, time on Playwright's clock.

Synthetic feeds (schema-checked, slides drawn with Pillow) give exact timings; the
built sample site shows the player on the real feed. The server's Date header follows
the test's clock (see tests/player_helpers.py), as a real server's would follow real time.
"""

from __future__ import annotations

import email.utils
import filecmp
import json
import time
import urllib.request
from datetime import datetime, timedelta

import jsonschema
import pytest
from player_helpers import (
    CHROMIUM_ARGS_PLAYER,
    SCHEMA,
    ClockedServer,
    FeedBuilder,
    Player,
    add_marianne,
    browser_metrics,
    closed_spans,
    dom_nodes,
    opening_weekdays,
    paris,
    player_site,
    span,
    wait_until,
    write_atomically,
)

from signage.screens.feed.json_feed import SCHEMA_PATH
from signage.screens.feed.playlist import playlist_at
from signage.screens.player_assets import PLAYER_DIR, player_files

pytestmark = pytest.mark.browser

T0 = paris("2026-12-01 10:00")  # a Tuesday, open 9 h - 19 h
ALWAYS = span(T0 - timedelta(days=1), T0 + timedelta(days=30))


@pytest.fixture
def site(tmp_path):
    return player_site(tmp_path / "site")


@pytest.fixture
def servers():
    started: list[ClockedServer] = []
    yield started
    for server in started:
        server.stop()


@pytest.fixture
def open_player(page_factory, servers):
    """open_player(root, at, width=960, height=540, screen="vitrine", skew=0) -> Player."""

    def make(root, at: datetime, width: int = 960, height: int = 540, screen: str = "vitrine",
             skew: float = 0, wait_slide: bool = True, hang: tuple[str, ...] = ()) -> Player:
        server = ClockedServer(root, at)
        servers.append(server)
        for path in hang:
            server.hang(path)
        page = page_factory(width, height)
        player = Player(page, server, screen)
        player.open(at, skew=skew, wait_slide=wait_slide)
        return player

    return make


def sequence(player: Player, seconds: int) -> list[str]:
    """The slide on screen after each of `seconds` seconds."""
    seen = []
    for _ in range(seconds):
        player.step(1)
        seen.append(player.slide())
    return seen


# --- the loop ---------------------------------------------------------------------------

def test_loop_plays_slides_in_feed_order_for_their_durations(site, open_player):
    builder = FeedBuilder(site)
    durations = {"a": 5, "b": 3, "c": 4}
    feed = builder.feed([builder.slide(name, [ALWAYS], seconds) for name, seconds in durations.items()])
    builder.write(feed)
    player = open_player(site, T0)
    seen = [player.slide()] + sequence(player, 2 * sum(durations.values()) - 1)
    expected = [name for name, seconds in durations.items() for _ in range(seconds)] * 2
    assert seen == expected
    # The image on screen is the slide's own, fully decoded.
    state = player.state()
    assert state["src"].endswith(feed["screens"]["vitrine"]["slides"][2]["image"]["url"])
    assert player.page.evaluate("document.querySelector('img.layer.shown').naturalWidth") == 480


def test_slide_leaves_at_its_end_mid_display_and_a_slide_joins_when_its_window_opens(site, open_player):
    builder = FeedBuilder(site)
    feed = builder.feed([
        builder.slide("a", [span(T0 - timedelta(days=1), T0 + timedelta(seconds=4))], 10),
        builder.slide("b", [ALWAYS], 10),
        builder.slide("c", [span(T0 + timedelta(seconds=10), T0 + timedelta(days=1))], 10),
    ])
    builder.write(feed)
    player = open_player(site, T0)
    assert player.slide() == "a"
    seen = sequence(player, 14)
    # a leaves at 10:00:04, 6 s before its duration is up; b plays its full 10 s; c, absent
    # at the start, joins without a reload; a never comes back.
    assert seen == ["a"] * 3 + ["b"] * 10 + ["c"]
    player.step(1)
    assert player.slide() == "c"


def test_variant_image_replaces_the_slide_image_during_its_interval(site, open_player):
    builder = FeedBuilder(site)
    variant = builder.image("b demain", "#444444")
    start = T0 + timedelta(seconds=3)
    feed = builder.feed([builder.slide("b", [ALWAYS], 10, variants=[
        {"start": start.isoformat(), "end": (start + timedelta(hours=1)).isoformat(), "image": variant}])])
    builder.write(feed)
    player = open_player(site, T0)
    original = feed["screens"]["vitrine"]["slides"][0]["image"]["url"]
    player.run(2)
    assert player.state()["src"].endswith(original)
    player.run(1)
    assert player.state()["src"].endswith(variant["url"])
    assert player.slide() == "b"


def test_alert_takes_over_then_the_loop_comes_back(site, open_player):
    builder = FeedBuilder(site)
    alert = builder.slide("alerte", [span(T0 + timedelta(seconds=3), T0 + timedelta(seconds=9))], 4,
                          kind="alert", title="Alerte")
    feed = builder.feed([builder.slide("a", [ALWAYS], 5), builder.slide("b", [ALWAYS], 5)], alerts=[alert])
    builder.write(feed)
    player = open_player(site, T0)
    seen = sequence(player, 10)
    # The alert interrupts a at 10:00:03 and loops alone (4 s, again) until 10:00:09.
    assert seen == ["a", "a", "alerte", "alerte", "alerte", "alerte", "alerte", "alerte", "a", "a"]
    assert player.state()["mode"] == "loop"


def test_an_image_that_never_arrives_is_skipped_and_an_alert_still_takes_over(site, open_player):
    builder = FeedBuilder(site)
    alert = builder.slide("alerte", [span(T0 + timedelta(seconds=5), T0 + timedelta(seconds=15))], 4,
                          kind="alert", title="Alerte")
    feed = builder.feed([builder.slide(name, [ALWAYS], 3) for name in "abc"], alerts=[alert])
    builder.write(feed)
    hanging = "/signage/" + feed["screens"]["vitrine"]["slides"][1]["image"]["url"]
    player = open_player(site, T0, hang=(hanging,))
    assert sequence(player, 2) == ["a", "a"]
    # 10:00:03: b's turn; its image gets no answer. Simulated time stands still until a request
    # for it (the <img>'s, or the offline store's fetch that Chromium makes the <img> wait
    # behind) has reached the server and hangs there, however slow the machine: b cannot arrive.
    player.step(1, settle=False)
    assert player.server.wait_for_held(hanging)
    # a stays on screen meanwhile (no settle: the change is under way), the alert due at
    # 10:00:05 waiting too.
    assert (player.slide(), player.page.evaluate("document.body.dataset.pending")) == ("a", "1")
    for _ in range(4):
        player.step(1, settle=False)
        assert (player.slide(), player.page.evaluate("document.body.dataset.pending")) == ("a", "1")
    # 10:00:08, DECODE_TIMEOUT_MS (5 s) after the request: b is skipped, the alert plays.
    player.step(1)
    assert (player.slide(), player.state()["mode"]) == ("alerte", "alert")
    # The alert ends at 10:00:15; the loop comes back without b (skipped for a minute).
    seen = sequence(player, 13)
    assert seen == ["alerte"] * 6 + ["a"] * 3 + ["c"] * 3 + ["a"], seen


def test_closed_slide_opens_the_loop_at_closing_time_and_comes_back_every_third_slide(site, open_player):
    # Open until 19:00:00, closed for 40 s, open again: the rule (playlist.py rule 5) in the player.
    builder = FeedBuilder(site)
    day = T0.replace(hour=0)
    opening = [span(day, paris("2026-12-01 19:00")), span(paris("2026-12-01 19:00:40"), day + timedelta(days=2))]
    closed = builder.slide("C", closed_spans(opening, day, day + timedelta(days=2)), 4, kind="closed")
    builder.write(builder.feed([builder.slide(name, [ALWAYS], 4) for name in "abc"] + [closed],
                               opening=opening, generated_at=day, horizon_end=day + timedelta(days=2)))
    player = open_player(site, paris("2026-12-01 18:59:52"))
    seen = [player.slide()] + sequence(player, 59)
    runs = "".join(seen[i] for i in range(0, len(seen), 4))
    assert all(len(set(seen[i:i + 4])) == 1 for i in range(0, len(seen), 4)), seen  # 4 s each
    # 18:59:52 a, b; 19:00:00 closed: C opens the loop at once, then C a b C c, round and
    # round; 19:00:40 open again: the loop goes on in feed order, without C.
    assert runs == "ab" + "CabCc" + "CabCc" + "abc", seen


def test_alert_mode_marks_the_page(site, open_player):
    builder = FeedBuilder(site)
    alert = builder.slide("alerte", [ALWAYS], 4, kind="alert", title="Alerte")
    builder.write(builder.feed([builder.slide("a", [ALWAYS], 5)], alerts=[alert]))
    player = open_player(site, T0)
    assert player.state()["slide"] == "alerte"
    assert player.state()["mode"] == "alert"
    assert player.page.evaluate("getComputedStyle(document.getElementById('band')).backgroundColor") == "rgb(206, 5, 0)"


# --- the status band ---------------------------------------------------------------------

def hours_feed(builder: FeedBuilder, first: datetime, days: int = 20) -> dict:
    start = first.replace(hour=0, minute=0)
    end = start + timedelta(days=days)
    opening = opening_weekdays(start, days)
    closed = builder.slide("closed", closed_spans(opening, start, end), 10, kind="closed",
                           title="Le point d'accueil est fermé")
    return builder.feed([builder.slide("a", [span(start, end)], 10), closed], opening=opening,
                        generated_at=start, horizon_end=end)


def test_status_band_across_closing_time_on_a_weekday(site, open_player):
    builder = FeedBuilder(site)
    builder.write(hours_feed(builder, T0))
    player = open_player(site, paris("2026-12-01 18:59"))
    state = player.state()
    assert (state["time"], state["hours"], state["emergency"]) == ("18:59", "Ouvert\u00a0· ferme à 19\u00a0h",
                                                                  "Urgences\u00a0: 17\u00a0· 112")
    assert "closed" not in sequence(player, 59)
    player.step(1)
    state = player.state()
    assert (state["time"], state["hours"]) == ("19:00", "Fermé\u00a0· ouvre demain à 9\u00a0h")
    # The emergency slide joins the loop at once (a's 10 s were up at 19:00:00 too).
    assert state["slide"] == "closed"


@pytest.mark.parametrize(("moment", "seconds", "before", "after"), [
    ("2026-12-05 18:59", 60, "Ouvert\u00a0· ferme à 19\u00a0h", "Fermé\u00a0· ouvre lundi à 9\u00a0h"),  # Saturday
    ("2026-12-01 08:59", 60, "Fermé\u00a0· ouvre à 9\u00a0h", "Ouvert\u00a0· ferme à 19\u00a0h"),  # same morning
])
def test_status_band_wording(site, open_player, moment, seconds, before, after):
    builder = FeedBuilder(site)
    builder.write(hours_feed(builder, T0))
    player = open_player(site, paris(moment))
    assert player.state()["hours"] == before
    player.step(seconds)
    assert player.state()["hours"] == after


NB = "\u00a0"
SENTENCES = [
    # (now, opening intervals, known span end, expected {open, text} or None)
    ("2026-12-01 10:00", [("2026-12-01 09:00", "2026-12-01 19:00")], "2026-12-20 00:00",
     {"open": True, "text": f"Ouvert{NB}· ferme à 19{NB}h"}),
    ("2026-12-01 10:00", [("2026-12-01 09:00", "2026-12-01 12:30")], "2026-12-20 00:00",
     {"open": True, "text": f"Ouvert{NB}· ferme à 12{NB}h{NB}30"}),
    ("2026-12-01 23:00", [("2026-12-01 20:00", "2026-12-02 00:30")], "2026-12-20 00:00",
     {"open": True, "text": f"Ouvert{NB}· ferme demain à 0{NB}h{NB}30"}),
    ("2026-12-05 19:00", [("2026-12-05 09:00", "2026-12-05 19:00"), ("2026-12-07 09:00", "2026-12-07 19:00")],
     "2026-12-20 00:00", {"open": False, "text": f"Fermé{NB}· ouvre lundi à 9{NB}h"}),
    ("2026-12-24 19:00", [("2027-01-01 09:00", "2027-01-01 19:00")], "2027-01-20 00:00",
     {"open": False, "text": f"Fermé{NB}· ouvre le 1er{NB}janvier à 9{NB}h"}),
    ("2026-12-26 19:00", [("2027-01-04 14:30", "2027-01-04 19:00")], "2027-01-20 00:00",
     {"open": False, "text": f"Fermé{NB}· ouvre le 4{NB}janvier à 14{NB}h{NB}30"}),
    ("2027-03-28 01:59", [("2027-03-29 09:00", "2027-03-29 19:00")], "2027-04-20 00:00",  # DST night
     {"open": False, "text": f"Fermé{NB}· ouvre demain à 9{NB}h"}),
    ("2026-12-01 10:00", [("2026-12-01 09:00", "2026-12-20 00:00")], "2026-12-20 00:00",  # closes past the horizon
     {"open": True, "text": "Ouvert"}),
    ("2026-12-01 20:00", [("2026-12-01 09:00", "2026-12-01 19:00")], "2026-12-20 00:00",  # no opening known ahead
     {"open": False, "text": "Fermé"}),
    ("2026-12-20 00:00", [("2026-12-01 09:00", "2026-12-01 19:00")], "2026-12-20 00:00", None),  # past the horizon
    ("2026-11-30 23:59", [("2026-12-01 09:00", "2026-12-01 19:00")], "2026-12-20 00:00", None),  # before it
]


def test_the_opening_sentence_in_words(site, serve, page_factory):
    # hours.js, the one module for the band and the site's home badge, on instants in Paris time.
    (site / "index.html").write_text("<!doctype html><title>mots</title>", encoding="utf-8")
    page = page_factory(640, 360)
    page.goto(serve(site).url + "/")
    ms = [[paris(now).timestamp() * 1000, [[paris(a).timestamp() * 1000, paris(b).timestamp() * 1000]
                                          for a, b in spans], paris(end).timestamp() * 1000]
          for now, spans, end, _ in SENTENCES]
    said = page.evaluate("""async (cases) => {
        const { openingState } = await import('/signage/player/hours.js');
        return cases.map(([t, spans, end]) => openingState(spans.map(([start, stop]) => ({ start, end: stop })), t,
                                                           { start: Date.parse('2026-12-01T00:00:00+01:00'), end }));
    }""", ms)
    assert said == [expected for *_, expected in SENTENCES]


def test_status_band_across_the_dst_change(site, open_player):
    # Sunday 28 March 2027: 02:00 (+01:00) becomes 03:00 (+02:00) in Paris.
    builder = FeedBuilder(site)
    builder.write(hours_feed(builder, paris("2027-03-20 00:00")))
    player = open_player(site, datetime.fromisoformat("2027-03-28T01:59:00+01:00"))
    state = player.state()
    assert (state["time"], state["hours"]) == ("01:59", "Fermé\u00a0· ouvre demain à 9\u00a0h")
    player.step(60)
    state = player.state()
    # One minute later it is 03:00, and Monday's opening (07:00 UTC) still reads 9 h.
    assert (state["time"], state["hours"]) == ("03:00", "Fermé\u00a0· ouvre demain à 9\u00a0h")
    assert "closed" in sequence(player, 20)


def test_staleness_past_the_horizon_keeps_only_open_ended_slides(site, open_player):
    builder = FeedBuilder(site)
    horizon = T0 + timedelta(seconds=10)
    window = span(T0 - timedelta(days=1), horizon)
    feed = builder.feed([builder.slide("a", [window], 2, open_ended=True), builder.slide("b", [window], 2)],
                        opening=[span(paris("2026-12-01 09:00"), paris("2026-12-01 19:00"))],
                        generated_at=T0 - timedelta(days=1), horizon_end=horizon)
    builder.write(feed)
    player = open_player(site, T0)
    assert player.state()["stale"] == "0"
    assert player.page.is_hidden("[data-part=stale]")
    assert set(sequence(player, 9)) == {"a", "b"}
    after = sequence(player, 8)
    assert set(after) == {"a"}
    state = player.state()
    assert state["stale"] == "1" and state["hours"] is None
    assert player.page.is_visible("[data-part=stale]")


# --- polling, offline, bad feeds ----------------------------------------------------------

def test_changed_feed_shows_after_the_next_poll_and_unchanged_costs_a_304(site, open_player):
    builder = FeedBuilder(site)
    builder.write(builder.feed([builder.slide("a", [ALWAYS], 5), builder.slide("b", [ALWAYS], 5)],
                               poll_seconds=30))
    player = open_player(site, T0)
    server = player.server
    player.step(30)
    wait_until(player.page, "document.body.dataset.polls === '2'")
    assert [status for status, _ in server.feed_bytes] == [200, 304]
    assert server.feed_bytes[1][1] < 400  # headers only
    builder.write(builder.feed([builder.slide("nouveau", [ALWAYS], 5)], poll_seconds=30))
    player.step(29)
    assert player.slide() in {"a", "b"}
    player.step(1)
    wait_until(player.page, "document.body.dataset.polls === '3'")
    wait_until(player.page, "document.body.dataset.slide === 'nouveau'")
    assert [status for status, _ in server.feed_bytes] == [200, 304, 200]


def test_server_down_loop_goes_on_backs_off_and_survives_a_reload_offline(site, open_player):
    builder = FeedBuilder(site)
    builder.write(builder.feed([builder.slide(name, [ALWAYS], 2) for name in "abc"], poll_seconds=30))
    player = open_player(site, T0)
    page = player.page
    wait_until(page, "navigator.serviceWorker.controller !== null && document.body.dataset.saved === '1'")
    player.server.stop()
    assert "".join(sequence(player, 12)) == "abbccaabbcca"
    # Backoff: 30 s while fine, then doubling on each failure up to 5 minutes.
    delays = []
    for polls in range(2, 7):
        player.step(int(page.evaluate("Number(document.body.dataset.nextPoll)")) // 1000)
        wait_until(page, f"document.body.dataset.polls === '{polls}'")
        delays.append(int(page.evaluate("document.body.dataset.nextPoll")))
        assert page.evaluate("document.body.dataset.online") == "0"
    assert delays == [60000, 120000, 240000, 300000, 300000]
    assert player.state()["card"] is None  # still the slides, not a card
    # The service worker answers feed.json from the last good feed, marked as offline.
    offline_feed = page.evaluate("""async () => {
        const response = await fetch('../feed.json', {cache: 'no-store'});
        return {status: response.status, offline: response.headers.get('X-Vitrine-Offline'),
                slides: (await response.json()).screens.vitrine.slides.map(s => s.id)};
    }""")
    assert offline_feed == {"status": 200, "offline": "1", "slides": ["a", "b", "c"]}
    page.context.set_offline(True)
    page.reload()
    wait_until(page, "document.body.dataset.ready === '1'")
    player.settle()
    seen = sequence(player, 6)
    assert sorted(set(seen)) == ["a", "b", "c"]
    state = player.state()
    assert state["card"] is None and state["src"].endswith(".png")
    assert page.evaluate("document.querySelector('img.layer.shown').naturalWidth") == 480


def test_power_cut_while_offline_restarts_on_the_last_good_feed(site, browser, tmp_path, servers):
    builder = FeedBuilder(site)
    builder.write(builder.feed([builder.slide(name, [ALWAYS], 3) for name in "ab"]))
    server = ClockedServer(site, T0)
    servers.append(server)
    profile = tmp_path / "profile"
    options = dict(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS_PLAYER,
                   viewport={"width": 640, "height": 360}, locale="fr-FR", timezone_id="Europe/Paris")
    context = browser.browser_type.launch_persistent_context(str(profile), **options)
    try:
        player = Player(context.pages[0], server)
        player.open(T0)
        wait_until(player.page, "navigator.serviceWorker.controller !== null && document.body.dataset.saved === '1'")
    finally:
        context.close()  # the power cut
    url = player.url
    server.stop()
    context = browser.browser_type.launch_persistent_context(str(profile), offline=True, **options)
    try:
        page = context.pages[0]
        later = T0 + timedelta(hours=1)
        page.clock.install(time=later - timedelta(seconds=5))
        page.clock.pause_at(later)
        page.goto(url)
        wait_until(page, "document.body.dataset.ready === '1' && document.body.dataset.source === 'slides'")
        restarted = Player(page, server)
        restarted.settle()
        state = restarted.state()
        assert state["slide"] == "a" and state["card"] is None and state["time"] == "11:00"
        assert page.evaluate("document.querySelector('img.layer.shown').naturalWidth") == 480
        restarted.step(3)
        assert restarted.slide() == "b"
    finally:
        context.close()


BAD_FEEDS = {
    "truncated": lambda good: json.dumps(good)[:-40],
    "version 2": lambda good: json.dumps({**good, "version": 2}),
    "no image": lambda good: json.dumps(_without_image(good)),
    "unknown field": lambda good: json.dumps({**good, "surprise": True}),
    "impossible instant": lambda good: json.dumps({**good, "horizon_end": "2026-13-45T99:00:00+01:00"}),
    "other screen only": lambda good: json.dumps({**good, "screens": {"totem": good["screens"]["vitrine"]}}),
}


def _without_image(good: dict) -> dict:
    feed = json.loads(json.dumps(good))
    del feed["screens"]["vitrine"]["slides"][0]["image"]
    return feed


def test_malformed_or_wrong_version_feeds_are_ignored(site, open_player):
    builder = FeedBuilder(site)
    good = builder.feed([builder.slide("a", [ALWAYS], 5), builder.slide("b", [ALWAYS], 5)], poll_seconds=10)
    builder.write(good)
    player = open_player(site, T0)
    path = site / "signage" / "feed.json"
    for count, (name, make) in enumerate(BAD_FEEDS.items(), start=1):
        write_atomically(path, make(good))
        seen = sequence(player, 10)
        wait_until(player.page, f"document.body.dataset.rejected === '{count}'")
        assert set(seen) <= {"a", "b"}, name
        state = player.state()
        assert state["slide"] in {"a", "b"} and state["card"] is None, name
    # Nothing refused was stored: a reload still plays the good feed.
    player.page.reload()
    wait_until(player.page, "document.body.dataset.ready === '1' && document.body.dataset.source === 'slides'")
    assert player.slide() in {"a", "b"}


def test_a_player_that_never_saw_a_good_feed_shows_a_card_not_a_black_screen(site, open_player):
    builder = FeedBuilder(site)
    good = builder.feed([builder.slide("a", [ALWAYS], 5)])
    write_atomically(site / "signage" / "feed.json", json.dumps({**good, "version": 2}))
    player = open_player(site, T0, wait_slide=False)
    wait_until(player.page, "document.body.dataset.rejected === '1'")
    state = player.state()
    assert state["card"] == "Chargement…" and state["src"] == ""
    background = player.page.evaluate("getComputedStyle(document.querySelector('.card')).backgroundColor")
    assert background == "rgb(0, 0, 145)"


@pytest.mark.parametrize(("query", "title"), [("", "Écran non précisé"), ("?screen=inconnu", "Écran inconnu")])
def test_a_missing_or_unknown_screen_name_says_how_to_fix_the_address(site, page_factory, servers, query, title):
    builder = FeedBuilder(site)
    builder.write(builder.feed([builder.slide("a", [ALWAYS], 5)]))
    server = ClockedServer(site, T0)
    servers.append(server)
    page = page_factory(640, 360)
    page.clock.install(time=T0)
    page.goto(f"{server.url}/signage/player/{query}")
    wait_until(page, f"document.querySelector('.card [data-part=title]').textContent === {json.dumps(title)}")
    assert "?screen=" in page.text_content(".card [data-part=text]")
    assert page.evaluate("document.querySelectorAll('img.layer.shown').length") == 0


def test_nothing_valid_shows_the_idle_card_while_open_and_the_closed_slide_only_once_closed(site, open_player):
    # Nothing valid (every slide's window is past), open 9 h - 19 h: playlist.py's rules 2 and 7.
    builder = FeedBuilder(site)
    past = span(T0 - timedelta(days=2), T0 - timedelta(days=1))
    opening = opening_weekdays(paris("2026-12-01 00:00"), 10)
    closed = builder.slide("closed", [past], 10, kind="closed", title="Le point d'accueil est fermé")
    builder.write(builder.feed([builder.slide("a", [past], 5), closed], opening=opening))
    player = open_player(site, paris("2026-12-01 18:59:50"))
    state = player.state()
    assert state["hours"] == "Ouvert\u00a0· ferme à 19\u00a0h"
    # Open: a neutral idle card with the site's name, never the closed slide, never black.
    assert (state["slide"], state["source"], state["src"]) == ("card", "card", "")
    assert state["card"] == "Point d'accueil de gendarmerie de Pusey"
    background = player.page.evaluate("getComputedStyle(document.querySelector('.card')).backgroundColor")
    assert background == "rgb(0, 0, 145)"
    assert set(sequence(player, 9)) == {"card"}
    # 19:00, closed: the closed (emergency) slide, though its own window is past (the rule).
    player.step(1)
    state = player.state()
    assert (state["hours"], state["slide"], state["source"], state["card"]) == (
        "Fermé\u00a0· ouvre demain à 9\u00a0h", "closed", "slides", None)
    # Without a closed slide in the feed, closed hours show the site's name too.
    builder.write(builder.feed([builder.slide("a", [past], 5)], opening=opening, poll_seconds=10))
    player.step(60)
    wait_until(player.page, "document.body.dataset.source === 'card'")
    assert player.state()["card"] == "Point d'accueil de gendarmerie de Pusey"


def test_the_servers_date_is_the_simulated_time_not_the_wall_clock(site, servers, monkeypatch):
    builder = FeedBuilder(site)
    builder.write(builder.feed([builder.slide("a", [ALWAYS], 5)]))
    server = ClockedServer(site, T0)
    servers.append(server)

    def server_date() -> datetime:
        with urllib.request.urlopen(f"{server.url}/signage/feed.json") as response:
            return email.utils.parsedate_to_datetime(response.headers["Date"])

    assert server_date() == T0
    # A slow run: ten minutes of wall clock pass while Playwright's clock stands still.
    wall = time.time
    monkeypatch.setattr(time, "time", lambda: wall() + 600)
    assert server_date() == T0
    server.advance(5)  # what Player.step does with Playwright's clock
    assert server_date() == T0 + timedelta(seconds=5)


def test_clock_guard_uses_server_time_when_the_local_clock_is_off(site, open_player):
    builder = FeedBuilder(site)
    builder.write(builder.feed([builder.slide("a", [ALWAYS], 5)]))
    ahead = open_player(site, T0, skew=3600)
    wait_until(ahead.page, "document.body.dataset.polls === '1'")
    ahead.step(1)
    assert (ahead.state()["time"], ahead.page.evaluate("document.body.dataset.clock")) == ("11:00", "server")
    # Two minutes off is off too: the screens keep to the server that computed their intervals.
    off = open_player(site, T0, skew=120)
    off.step(1)
    assert (off.state()["time"], off.page.evaluate("document.body.dataset.clock")) == ("10:02", "server")
    # Within the Date header's one-second resolution the local clock (finer) is kept.
    agreed = open_player(site, T0, skew=0.6)
    agreed.step(1)
    assert (agreed.state()["time"], agreed.page.evaluate("document.body.dataset.clock")) == ("10:00", "local")
    behind = open_player(site, T0, skew=-3600)
    behind.step(1)
    assert behind.state()["time"] == "09:00"


@pytest.mark.parametrize("days", [2, -2], ids=["local clock 2 days ahead", "local clock 2 days behind"])
def test_a_clock_wrong_at_boot_then_corrected_then_offline_keeps_true_time(site, open_player, days):
    # True time: Sunday 6 December 2026, 11:00, closed all day. The kiosk boots with its clock
    # two days off (Tuesday or Friday: open days), the first poll brings the server's Date, then
    # NTP corrects the local clock, then the server goes away. Throughout, the player must live
    # in true time: the alert until its end, never the event that ended on Saturday nor the
    # campaign that starts on Tuesday, the band « Fermé ».
    true = paris("2026-12-06 11:00")
    start, end = paris("2026-12-01 00:00"), paris("2026-12-21 00:00")
    builder = FeedBuilder(site)
    opening = opening_weekdays(start, 20)
    alert = builder.slide("alerte", [span(true - timedelta(hours=1), true + timedelta(seconds=20))], 4,
                          kind="alert", title="Alerte")
    builder.write(builder.feed([
        builder.slide("campagne", [span(start, end)], 4),
        builder.slide("evenement", [span(start, paris("2026-12-05 17:00"))], 4),
        builder.slide("mardi", [span(paris("2026-12-08 00:00"), end)], 4),
        builder.slide("closed", closed_spans(opening, start, end), 4, kind="closed"),
    ], alerts=[alert], opening=opening, generated_at=start, horizon_end=end, poll_seconds=30))
    player = open_player(site, true + timedelta(days=days), skew=-days * 86400)
    page = player.page
    closed_words = ("11:00", "Fermé\u00a0· ouvre demain à 9\u00a0h")

    def in_true_time(expected_slide):
        state = player.state()
        return (state["slide"], (state["time"], state["hours"])) == (expected_slide, closed_words)

    wait_until(page, "navigator.serviceWorker.controller !== null && document.body.dataset.saved === '1'")
    assert in_true_time("alerte") and page.evaluate("document.body.dataset.clock") == "server"
    player.step(1)
    assert in_true_time("alerte")
    # 11:00:02: NTP corrects the local clock (Date jumps by two days; performance.now() does not).
    player.step(1)
    clocks = "() => [Date.now(), performance.now()]"
    before = page.evaluate(clocks)
    page.clock.set_system_time(true + timedelta(seconds=2))
    after = page.evaluate(clocks)
    assert (after[0] - before[0], after[1] - before[1]) == (-days * 86400 * 1000, 0)  # what NTP does
    player.step(1)
    assert in_true_time("alerte") and page.evaluate("document.body.dataset.clock") == "local"
    # 11:00:05: the server goes away; the next poll (11:00:30) fails.
    player.step(2)
    player.server.stop()
    seen, bands = [player.slide()], set()
    for _ in range(54):  # 11:00:06 -> 11:00:59, second by second
        player.step(1)
        state = player.state()
        seen.append(state["slide"])
        bands.add((state["time"], state["hours"]))
    # The alert until 11:00:20 (its end), then closed first: the closed slide and the campaign.
    assert seen == ["alerte"] * 15 + (["closed"] * 4 + ["campagne"] * 4) * 5, seen
    assert bands == {closed_words} and page.evaluate("document.body.dataset.online") == "0"
    player.step(1)
    assert (player.state()["time"], player.state()["hours"]) == ("11:01", closed_words[1])


def test_loop_keeps_its_pace_when_the_server_clock_correction_goes_away(site, open_player):
    builder = FeedBuilder(site)
    builder.write(builder.feed([builder.slide("a", [ALWAYS], 5), builder.slide("b", [ALWAYS], 5)],
                               poll_seconds=10))
    player = open_player(site, T0, skew=3600)
    player.step(1)
    assert player.state()["time"] == "11:00"
    player.server.set_time(T0 + timedelta(seconds=1))  # the server now agrees with the local clock
    player.run(9)  # second by second: a slide change (at 11:00:05) decodes before time moves on
    wait_until(player.page, "document.body.dataset.polls === '2'")
    player.step(1)
    assert player.state()["time"] == "10:00"
    # Time went back one hour for the player: the slides still change every 5 s.
    seen = sequence(player, 20)
    assert seen.count("a") in (10, 11) and seen.count("b") in (9, 10), seen
    assert all(len(run) == 5 for run in "".join(seen).replace("ab", "a b").replace("ba", "b a").split()[1:-1])


# --- safety and layout ----------------------------------------------------------------------

PAYLOAD = '<img src=x onerror="document.title=\'pwned\'"><b>gras</b>'


def test_markup_in_a_title_is_shown_as_text(site, open_player):
    builder = FeedBuilder(site)
    missing = {"url": "assets/absent.png", "type": "image/png", "width": 480, "height": 270, "bytes": 10}
    builder.write(builder.feed([builder.slide("piege", [ALWAYS], 5, title=PAYLOAD, image=missing)]))
    player = open_player(site, T0)
    page = player.page
    # The image is missing, so the slide's words are shown on a card: as text.
    assert page.text_content(".card [data-part=title]") == PAYLOAD
    assert page.evaluate("document.querySelector('.card [data-part=title]').childElementCount") == 0
    assert page.evaluate("document.querySelectorAll('img').length") == 2
    assert page.evaluate("document.querySelectorAll('b').length") == 0
    assert page.title() == "Écran vitrine"
    assert page.text_content("[data-part=caption]") == PAYLOAD


def test_csp_allows_no_inline_script_and_no_other_origin():
    html = (PLAYER_DIR / "index.html").read_text()
    policy = html.split('http-equiv="Content-Security-Policy" content="')[1].split('"')[0]
    directives = dict((part.strip().split(" ", 1) + [""])[:2] for part in policy.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    for name in ("script-src", "style-src", "img-src", "connect-src"):
        assert directives[name] == "'self'", name
    assert "<script>" not in html and "style=" not in html and "onload" not in html
    for source in player_files():
        if source.suffix == ".js":
            assert "innerHTML" not in source.read_text(), source.name


def test_the_service_worker_precaches_every_file_of_the_player():
    import re

    source = (PLAYER_DIR / "sw.js").read_text()
    shell = set(re.findall(r'"([^"]+)"', source.split("const SHELL = [")[1].split("];")[0]))
    expected = {path.name for path in player_files()} - {"sw.js", "index.html"} | {"./", "feed.schema.json"}
    assert shell == expected


def test_the_data_cache_is_named_once_and_the_worker_serves_from_it(site, open_player):
    import re

    sources = {path.name: path.read_text() for path in player_files() if path.suffix == ".js"}
    named = {name for name, text in sources.items() if re.search(r'["\']vitrine-data', text)}
    assert named == {"store.js"}
    assert 'import { DATA_CACHE } from "./store.js";' in sources["sw.js"]
    # The module worker runs, and what the page stored is what it finds under that name.
    builder = FeedBuilder(site)
    builder.write(builder.feed([builder.slide("a", [ALWAYS], 5)]))
    page = open_player(site, T0).page
    wait_until(page, "navigator.serviceWorker.controller !== null && document.body.dataset.saved === '1'")
    found = page.evaluate("""async () => {
        const { DATA_CACHE } = await import('./store.js');
        const registration = await navigator.serviceWorker.getRegistration();
        const cache = await caches.open(DATA_CACHE);
        return {names: await caches.keys(), state: registration.active.state,
                feed: Boolean(await cache.match(new URL('../feed.json', location.href).href))};
    }""")
    assert found["state"] == "activated" and found["feed"]
    assert sorted(found["names"]) == ["vitrine-data-v1", "vitrine-shell-v1"]


@pytest.mark.parametrize(("width", "height", "size"), [(960, 540, (480, 270)), (540, 960, (270, 480))])
def test_landscape_and_portrait_fill_without_distortion(site, open_player, width, height, size):
    builder = FeedBuilder(site, size=size)
    builder.write(builder.feed([builder.slide("fermeture prolongée du point d'accueil", [ALWAYS], 5)],
                               opening=opening_weekdays(paris("2026-12-01 00:00"), 10)))
    player = open_player(site, T0, width=width, height=height)
    page = player.page
    box = page.evaluate("""() => {
        const img = document.querySelector('img.layer.shown'), band = document.getElementById('band');
        const r = img.getBoundingClientRect(), b = band.getBoundingClientRect();
        return {fit: getComputedStyle(img).objectFit, w: r.width, h: r.height, top: r.top,
                bandTop: b.top, bandH: b.height,
                overflow: [...band.children].filter(e => !e.hidden).some(e => e.scrollWidth > e.clientWidth + 1)
                          || band.scrollWidth > band.clientWidth + 1};
    }""")
    assert box["fit"] == "contain"
    # The slide takes the whole screen (rendered at its size: no bars), the band overlays
    # the bottom 8 % that the renderer leaves empty.
    assert (box["top"], box["w"], box["h"]) == (0, width, height)
    assert abs(box["bandH"] - 0.08 * height) < 1.5 and abs(box["bandTop"] + box["bandH"] - height) < 1
    assert not box["overflow"], "the status band's text does not fit"


LONGEST = "Fermé\u00a0· ouvre le 30\u00a0septembre à 13\u00a0h\u00a030"  # the longest sentence hours.js says


@pytest.mark.parametrize("fonts", ["Marianne", "fallback"])
@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1080, 1920)], ids=["vitrine", "totem"])
def test_status_band_layout_status_first_on_the_totem_and_nothing_wraps(site, open_player, width, height, fonts):
    if fonts == "Marianne":
        add_marianne(site)  # as published; otherwise DejaVu Sans, wider
    builder = FeedBuilder(site, size=(width // 4, height // 4))
    start = paris("2026-09-01 00:00")
    opening = [span(paris("2026-09-30 13:30"), paris("2026-09-30 19:00")),
               span(paris("2026-12-01 09:00"), paris("2026-12-01 19:00"))]
    builder.write(builder.feed([builder.slide("a", [span(start, paris("2026-12-20 00:00"))], 5)], opening=opening,
                               generated_at=start, horizon_end=paris("2026-12-20 00:00")))
    for moment, text in (("2026-12-01 10:00", "Ouvert\u00a0· ferme à 19\u00a0h"), ("2026-09-10 20:00", LONGEST)):
        page = open_player(site, paris(moment), width=width, height=height).page
        loaded = page.evaluate("document.fonts.ready.then(() => [...document.fonts].filter(f => f.status === 'loaded').length)")
        assert loaded == (2 if fonts == "Marianne" else 0)
        layout = page.evaluate("""() => {
            const band = document.getElementById('band');
            const part = (name) => {
                const element = band.querySelector(`[data-part=${name}]`), r = element.getBoundingClientRect();
                return {text: element.textContent, top: Math.round(r.top), left: Math.round(r.left),
                        right: Math.round(r.right), overflow: element.scrollWidth > element.clientWidth + 1,
                        size: parseFloat(getComputedStyle(element).fontSize)};
            };
            const b = band.getBoundingClientRect();
            return {band: {top: b.top, bottom: b.bottom, overflow: band.scrollWidth > band.clientWidth + 1},
                    time: part('time'), hours: part('hours'), emergency: part('emergency')};
        }""")
        hours, emergency, time_ = layout["hours"], layout["emergency"], layout["time"]
        assert hours["text"] == text
        # Nothing cut, nothing out of the band.
        assert not layout["band"]["overflow"] and not any(p["overflow"] for p in (hours, emergency, time_)), layout
        assert all(layout["band"]["top"] <= p["top"] < layout["band"]["bottom"] for p in (hours, emergency, time_))
        if width > height:  # the shop window: one line, time | status | emergency numbers
            assert hours["top"] == emergency["top"] == time_["top"], layout
            assert time_["right"] <= hours["left"] and hours["right"] <= emergency["left"], layout
        else:  # the totem: the status first, alone on its line; then the numbers and the time
            assert hours["top"] < emergency["top"] == time_["top"], layout
            assert emergency["right"] <= time_["left"], layout
        if fonts == "Marianne":  # as published, even the longest sentence keeps the band's full size
            assert hours["size"] == emergency["size"] == time_["size"] == round(0.042 * min(width, height), 2)


# --- endurance ---------------------------------------------------------------------------------

ENDURANCE_CHANGES = 3000


def test_endurance_thousands_of_changes_keep_heap_and_dom_flat(site, open_player):
    builder = FeedBuilder(site)
    builder.write(builder.feed([builder.slide(name, [ALWAYS], 1) for name in "abcd"]))
    player = open_player(site, T0, width=640, height=360)
    page = player.page
    cdp = page.context.new_cdp_session(page)
    cdp.send("Performance.enable")
    counted = "() => Number(document.body.dataset.changes || 0)"
    warmup = 300
    for _ in range(warmup):
        player.step(1)
    early = browser_metrics(cdp)
    early_nodes = dom_nodes(page)
    first = page.evaluate(counted)
    for _ in range(ENDURANCE_CHANGES - warmup):
        player.step(1)
    late = browser_metrics(cdp)
    changes = page.evaluate(counted) - first
    growth = late["JSHeapUsedSize"] - early["JSHeapUsedSize"]
    print(f"\nendurance: {changes} changes after {warmup} warm-up; JS heap {early['JSHeapUsedSize'] / 1e6:.2f} MB"
          f" -> {late['JSHeapUsedSize'] / 1e6:.2f} MB ({growth / 1e3:+.1f} kB); DOM elements {early_nodes} -> "
          f"{dom_nodes(page)}; Nodes metric {early['Nodes']:.0f} -> {late['Nodes']:.0f}; "
          f"listeners {early['JSEventListeners']:.0f} -> {late['JSEventListeners']:.0f}")
    assert changes == ENDURANCE_CHANGES - warmup
    assert dom_nodes(page) == early_nodes
    assert late["Nodes"] <= early["Nodes"] + 10
    assert late["JSEventListeners"] <= early["JSEventListeners"]
    assert growth < 256 * 1024, f"JS heap grew by {growth} bytes over {changes} slide changes"


# --- the contract --------------------------------------------------------------------------

MUTATIONS = {
    "good": lambda f: None,
    "version": lambda f: f.update(version=2),
    "missing horizon_end": lambda f: f.pop("horizon_end"),
    "extra top-level": lambda f: f.update(extra=1),
    "poll too short": lambda f: f.update(poll_seconds=5),
    "poll as text": lambda f: f.update(poll_seconds="60"),
    "poll float": lambda f: f.update(poll_seconds=60.5),
    "instant without offset": lambda f: f.update(generated_at="2026-12-01T10:00:00"),
    "no screens": lambda f: f.update(screens={}),
    "screen name": lambda f: f.update(screens={"Vitrine": f["screens"]["vitrine"]}),
    "slide kind": lambda f: f["screens"]["vitrine"]["slides"][0].update(kind="video"),
    "duration zero": lambda f: f["screens"]["vitrine"]["slides"][0].update(duration=0),
    "duration text": lambda f: f["screens"]["vitrine"]["slides"][0].update(duration="10"),
    "image type": lambda f: f["screens"]["vitrine"]["slides"][0]["image"].update(type="image/gif"),
    "image bytes": lambda f: f["screens"]["vitrine"]["slides"][0]["image"].update(bytes=0),
    "open_ended null": lambda f: f["screens"]["vitrine"]["slides"][0].update(open_ended=None),
    "interval end missing": lambda f: f["opening"].append({"start": "2026-12-01T09:00:00+01:00"}),
    "alerts not a list": lambda f: f.update(alerts={}),
    "emergency number int": lambda f: f.update(emergency={"numbers": [{"number": 17, "label": "x"}]}),
    "variant without image": lambda f: f["screens"]["vitrine"]["slides"][0].update(
        variants=[{"start": "2026-12-01T09:00:00+01:00", "end": "2026-12-01T10:00:00+01:00"}]),
}


def test_the_players_check_agrees_with_the_json_schema(site, open_player):
    builder = FeedBuilder(site)
    good = builder.feed([builder.slide("a", [ALWAYS], 5)], opening=[ALWAYS])
    builder.write(good)
    player = open_player(site, T0)
    cases = {}
    for name, mutate in MUTATIONS.items():
        feed = json.loads(json.dumps(good))
        mutate(feed)
        cases[name] = feed
    verdicts = player.page.evaluate("""async (cases) => {
        const { validate } = await import('./schema.js');
        const schema = await (await fetch('feed.schema.json')).json();
        return Object.fromEntries(Object.entries(cases).map(([name, feed]) => [name, validate(schema, feed).length === 0]));
    }""", cases)
    validator = jsonschema.Draft202012Validator(SCHEMA)
    expected = {name: validator.is_valid(feed) for name, feed in cases.items()}
    assert verdicts == expected
    assert list(expected.values()).count(True) == 1  # every mutation above breaks the contract


# --- the built sample site ---------------------------------------------------------------------

def test_the_built_feeds_opening_intervals_are_sorted_and_never_touch(sample_site):
    # The player's status band (hours.js) reads the closing time off the one interval
    # holding now: it relies on the build having merged touching intervals.
    feed = json.loads((sample_site / "signage" / "feed.json").read_text())
    spans = [(datetime.fromisoformat(s["start"]), datetime.fromisoformat(s["end"])) for s in feed["opening"]]
    assert len(spans) > 5
    assert all(start < end for start, end in spans)
    assert all(spans[i][1] < spans[i + 1][0] for i in range(len(spans) - 1))


def test_the_build_ships_the_player_beside_the_feed(sample_site):
    target = sample_site / "signage" / "player"
    for source in player_files():
        assert filecmp.cmp(source, target / source.name, shallow=False), source.name
    assert filecmp.cmp(SCHEMA_PATH, target / "feed.schema.json", shallow=False)


@pytest.mark.parametrize("screen", ["vitrine", "totem"])
def test_sample_feed_plays_in_the_order_of_playlist_py(sample_site, open_player, screen):
    root = sample_site
    feed = json.loads((root / "signage" / "feed.json").read_text())
    jsonschema.validate(feed, SCHEMA)
    start = datetime.fromisoformat(feed["generated_at"])
    player = open_player(root, start, screen=screen)
    shown, moment = [player.slide()], start
    expected = [playlist_at(feed, screen, start)[0]["id"]]
    for _ in range(6):
        current = next(s for s in playlist_at(feed, screen, moment) if s["id"] == shown[-1])
        player.step(current["duration"])
        moment += timedelta(seconds=current["duration"])
        ids = [s["id"] for s in playlist_at(feed, screen, moment)]
        expected.append(ids[(ids.index(shown[-1]) + 1) % len(ids)] if shown[-1] in ids else ids[0])
        shown.append(player.slide())
        want = next(s for s in playlist_at(feed, screen, moment) if s["id"] == shown[-1])
        assert player.state()["src"].endswith(want["image"]["url"])
    assert shown == expected
    state = player.state()
    assert state["hours"] == "Ouvert\u00a0· ferme à 19\u00a0h" and state["time"] == moment.strftime("%H:%M")
