"""One table of cases, two implementations of the playlist rule: Python and the player's JavaScript.

`signage/screens/feed/playlist.cases.json` lists feeds and cases (a feed, an instant,
a screen, the expected slide ids in order). Each case runs against
`signage/screens/feed/playlist.py` (what `invoke slides --at` prints) and, in Chromium,
against the real `signage/screens/player/playlist.js` module, served by a local HTTP
server and reached through the player's own feed check (`feed.js`), as the player and
the preview page reach it. A case that either implementation fails fails here, by name.
The JavaScript side also proves that the loop's `following` plays the list exactly as
given, round and round.
"""

from __future__ import annotations

import json
import shutil
from datetime import datetime

import jsonschema
import pytest
from conftest import LocalServer
from player_helpers import SCHEMA, player_site

from signage.screens.feed import playlist
from signage.screens.feed.playlist import playlist_at

CASES_PATH = playlist.__file__.replace("playlist.py", "playlist.cases.json")
with open(CASES_PATH, encoding="utf-8") as handle:
    TABLE = json.load(handle)
CASES = TABLE["cases"]
IDS = [case["name"] for case in CASES]


def instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_the_table_is_well_formed():
    assert len(set(IDS)) == len(IDS), "case names must be unique"
    for feed in TABLE["feeds"].values():
        jsonschema.validate(feed, SCHEMA)
    for case in CASES:
        assert case["feed"] in TABLE["feeds"], case["name"]
        assert ("expect" in case) != ("error" in case), case["name"]
        assert instant(case["at"]).tzinfo is not None, case["name"]
        if "images" in case:
            assert len(case["images"]) == len(case["expect"]), case["name"]
    # Every part of the rule has cases: alerts, closed first with 0 to 5 others, variants, horizon, DST.
    expected = [case.get("expect") or [] for case in CASES]
    assert any(ids and ids[0] == "alerte" for ids in expected)
    closed_first = {len([i for i in ids if i != "closed"]) for ids in expected if ids[:1] == ["closed"]}
    assert {0, 1, 2, 3, 4, 5} <= closed_first
    assert any("images" in case for case in CASES)
    assert any(case.get("error") for case in CASES)
    assert {"semaine", "comptage", "repli", "changements-d-heure"} <= set(TABLE["feeds"])


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_python_playlist(case):
    feed = TABLE["feeds"][case["feed"]]
    if "error" in case:
        with pytest.raises(KeyError):
            playlist_at(feed, case["screen"], instant(case["at"]))
        return
    chosen = playlist_at(feed, case["screen"], instant(case["at"]))
    assert [slide["id"] for slide in chosen] == case["expect"]
    if "images" in case:
        assert [slide["image"]["url"] for slide in chosen] == case["images"]


RUN_CASES = """async () => {
    const { parseFeed } = await import('/signage/player/feed.js');
    const { playlist, following } = await import('/signage/player/playlist.js');
    const schema = await (await fetch('/signage/player/feed.schema.json')).json();
    const table = await (await fetch('/playlist.cases.json', { cache: 'no-store' })).json();
    const base = new URL('/signage/feed.json', location.href).href;
    const folder = new URL('/signage/', location.href).href;
    return table.cases.map((c) => {
        const { feed, problems } = parseFeed(JSON.stringify(table.feeds[c.feed]), schema, c.screen, base);
        if (!feed) {
            const unknown = problems.length === 1 && problems[0] === `screen ${c.screen} is not in the feed`;
            return { error: unknown ? 'unknown screen' : problems.join('; ') };
        }
        const list = playlist(feed, Date.parse(c.at));
        const played = [];
        let current = null;
        for (let turn = 0; turn < 2 * list.length; turn += 1) {
            current = following(list, current);
            played.push(current.id);
        }
        return {
            ids: list.map((item) => item.id),
            images: list.map((item) => item.image.url.slice(folder.length)),
            played,
        };
    });
}"""


@pytest.fixture(scope="module")
def javascript(browser, tmp_path_factory):
    """Every case's answer from the real playlist.js, in Chromium, from a real local server."""
    site = player_site(tmp_path_factory.mktemp("playlist-cases"))
    shutil.copyfile(CASES_PATH, site / "playlist.cases.json")
    (site / "index.html").write_text("<!doctype html><title>cas</title>", encoding="utf-8")
    server = LocalServer(site)
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(server.url + "/")
        answers = page.evaluate(RUN_CASES)
    finally:
        context.close()
        server.stop()
    assert len(answers) == len(CASES)
    return dict(zip(IDS, answers, strict=True))


@pytest.mark.browser
@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_javascript_playlist(case, javascript):
    answer = javascript[case["name"]]
    if "error" in case:
        assert answer == {"error": case["error"]}
        return
    assert "error" not in answer, answer
    assert answer["ids"] == case["expect"]
    if "images" in case:
        assert answer["images"] == case["images"]
    # The loop plays exactly that list, in order, round and round.
    assert answer["played"] == case["expect"] * 2


def test_python_refuses_an_instant_without_its_offset():
    with pytest.raises(ValueError, match="aware"):
        playlist_at(TABLE["feeds"]["semaine"], "vitrine", datetime(2026, 12, 1, 10))
