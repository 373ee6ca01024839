"""`invoke slides --at`, the window player and the preview page agree on what a screen plays.

The command builds the sample content at the chosen moment and runs
signage/playlist.py; the player (JavaScript) plays the sample site built at
SAMPLE_NOW with Playwright's clock set to that moment; the preview page
(signage/apercu/) lists what it computes from the same feed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from conftest import ROOT, SAMPLE_EPOCH
from player_helpers import ClockedServer, Player, paris

pytestmark = pytest.mark.browser

LINE = re.compile(r"^\s+\d+\. (?P<title>.+) — (?P<duration>[\d,]+ s|\d+ min(?: \d+ s)?)(?: \[(?P<kind>[^\]]+)\])?$")

MOMENTS = [
    ("2026-12-13 10:00", "vitrine"),  # a Sunday morning: the loop, the closed-hours slide included
    ("2026-12-05 10:00", "vitrine"),  # the sample alert is valid: only the alert
    ("2026-12-15 14:30", "totem"),  # a Tuesday afternoon, open, portrait screen
]


def seconds(text: str) -> float:
    match = re.match(r"(?:(\d+) min)?\s*(?:([\d,]+) s)?", text)
    return int(match.group(1) or 0) * 60 + float((match.group(2) or "0").replace(",", "."))


@pytest.fixture(scope="module")
def cli_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("slides-cli-cache")


def invoke_slides(at: str, screen: str, cache) -> list[tuple[str, float, str | None]]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(SAMPLE_EPOCH)}  # --at must win over it
    result = subprocess.run([sys.executable, "-m", "invoke", "slides", "--at", at, "--screen", screen,
                             "--cache", str(cache)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    rows = [LINE.match(line) for line in result.stdout.splitlines()]
    rows = [(m["title"], seconds(m["duration"]), m["kind"]) for m in rows if m]
    assert rows, result.stdout
    return rows


@pytest.mark.parametrize("at,screen", MOMENTS)
def test_cli_player_and_preview_page_agree(at, screen, cli_cache, sample_site, page_factory):
    rows = invoke_slides(at, screen, cli_cache)
    titles = [title for title, _, _ in rows]
    if at == "2026-12-05 10:00":
        assert [kind for _, _, kind in rows] == ["alerte"]  # only the alert while it is valid

    # The player, same moment (Playwright's clock), one full loop and one more slide.
    server = ClockedServer(sample_site, paris(at))
    try:
        player = Player(page_factory(960, 540), server, screen)
        player.open(paris(at))
        caption = "document.querySelector('[data-part=caption]').textContent"
        played = [player.page.evaluate(caption)]
        for _, duration, _ in rows:
            player.step(duration)
            played.append(player.page.evaluate(caption))
    finally:
        server.stop()
    assert played == titles + titles[:1], (played, titles)

    # The preview page, same moment and screen.
    from conftest import LocalServer

    local = LocalServer(sample_site)
    try:
        page = page_factory(1280, 900)
        day, time = at.split(" ")
        page.goto(f"{local.url}/signage/apercu/?jour={day}&heure={time}&ecran={screen}")
        page.wait_for_selector("body[data-apercu=pret]")
        shown = page.locator("#apercu-liste li .apercu-titre").all_inner_texts()
        durations = [seconds(text.split(" à l'écran")[0])
                     for text in page.locator("#apercu-liste li .apercu-duree").all_inner_texts()]
    finally:
        local.stop()
    assert shown == titles
    assert durations == [duration for _, duration, _ in rows]


def test_preview_page_is_left_out_of_the_published_site(tmp_path):
    from conftest import build_site

    built = build_site(tmp_path / "public", settings="publishconf.py", cache=tmp_path / "cache")
    assert built.returncode == 0, built.log
    assert (tmp_path / "public" / "signage" / "feed.json").is_file()
    assert not (tmp_path / "public" / "signage" / "apercu").exists()


def run_slides(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(SAMPLE_EPOCH)}
    return subprocess.run([sys.executable, "-m", "invoke", "slides", *args],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)


@pytest.mark.parametrize("args, expected", [
    (["--at", "13/12/2026"], "--at « 13/12/2026 » n'est pas une date valide (à écrire sous la forme AAAA-MM-JJ) ; "
                             "écrivez 2026-12-13."),
    (["--at", "13/12/2026 10h"], "écrivez 2026-12-13 10:00."),
    (["--at", "2027-03-28 02:30"], "cette heure n'existe pas à Paris"),
    (["--at", "2026-12-13 10:00", "--screen", "vitirne"], "--screen « vitirne » : écran inconnu ; "
                                                          "vouliez-vous dire « vitrine » ?"),
])
def test_a_bad_moment_or_screen_says_how_to_fix_it(args, expected):
    result = run_slides(*args)
    assert result.returncode == 1 and expected in result.stderr, result.stderr
    assert result.stderr.startswith("Aperçu impossible : ")
    assert "Traceback" not in result.stderr


def test_a_screen_name_is_accepted_in_any_case(cli_cache):
    result = run_slides("--at", "2026-12-15 14:30", "--screen", "Vitrine", "--cache", str(cli_cache))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Écran « vitrine », mardi 15 décembre 2026 à 14:30")


@pytest.mark.parametrize("width", [375, 1280])
def test_preview_page_is_accessible(sample_server, page_factory, width):
    from axe_playwright_python.sync_playwright import Axe

    page = page_factory(width=width, height=800)
    page.goto(f"{sample_server.url}/signage/apercu/?jour=2026-12-13&heure=10:00&ecran=vitrine")
    page.wait_for_selector("body[data-apercu=pret]")
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                                      "best-practice"]},
               "resultTypes": ["violations"]}
    violations = Axe().run(page, options=options).response["violations"]
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in violations]
