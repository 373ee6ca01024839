"""The sample's screen feed: valid against its schema, its images and RSS consistent, the cache reused."""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

import pytest
from conftest import ROOT, build_site
from jsonschema import Draft202012Validator
from PIL import Image

from signage.screens.feed.json_feed import SCHEMA_PATH
from signage.screens.feed.playlist import playlist_at

SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
MEDIA = "{http://search.yahoo.com/mrss/}"

EXPIRED = """Title: Campagne terminée
Date: 2026-10-01 09:00
Category: Prévention
Slug: campagne-terminee
Summary: Une campagne de l'automne.
Slide: yes
Slide_until: 2026-11-15

Texte.
"""


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The sample content (plus one expired slide) built twice with the same render cache."""
    import shutil

    root = tmp_path_factory.mktemp("feed")
    content = root / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "prevention" / "campagne-terminee.md").write_text(EXPIRED, encoding="utf-8")
    cache = root / "cache"
    results = []
    for name in ("first", "second"):
        result = build_site(root / name, content=content, cache=cache)
        assert result.returncode == 0, result.log
        results.append((result, json.loads((cache / "stats.json").read_text())))
    return results


@pytest.fixture(scope="module")
def site(builds) -> Path:
    return builds[0][0].output


@pytest.fixture(scope="module")
def feed(site) -> dict:
    return json.loads((site / "signage" / "feed.json").read_text(encoding="utf-8"))


def test_feed_validates_against_its_schema(feed):
    validator = Draft202012Validator(SCHEMA)
    assert list(validator.iter_errors(feed)) == []
    broken = copy.deepcopy(feed)
    del broken["screens"]["vitrine"]["slides"][0]["intervals"]
    assert list(validator.iter_errors(broken)), "the schema must catch a slide without intervals"


def test_the_build_s_check_of_the_feed_is_kept_for_an_unchanged_feed_and_still_catches_a_broken_one(feed, tmp_path):
    """json_feed.validate keeps its answer per feed (core.memo): the same feed is checked once; a
    broken feed is reported every time, a changed feed is checked anew."""
    from signage.core import memo
    from signage.screens.feed import json_feed

    memo.configure(tmp_path / "cache")
    try:
        assert json_feed.validate(feed) == []
        assert json_feed.validate(copy.deepcopy(feed)) == []
        kept = memo.memo("feed-schema")
        assert (kept.misses, kept.hits) == (1, 1)
        broken = copy.deepcopy(feed)
        del broken["screens"]["vitrine"]["slides"][0]["intervals"]
        first, again = json_feed.validate(broken), json_feed.validate(broken)
        assert first == again and any("intervals" in problem for problem in first)
        assert (kept.misses, kept.hits) == (2, 2)
    finally:
        memo.configure(None)


def test_feed_has_both_screens_and_the_facts(feed):
    assert feed["version"] == 1
    assert feed["generated_at"] == "2026-12-01T10:00:00+01:00"  # SOURCE_DATE_EPOCH
    assert set(feed["screens"]) == {"vitrine", "totem"}
    assert (feed["screens"]["vitrine"]["width"], feed["screens"]["vitrine"]["height"]) == (1920, 1080)
    assert (feed["screens"]["totem"]["width"], feed["screens"]["totem"]["height"]) == (1080, 1920)
    assert [n["number"] for n in feed["emergency"]["numbers"]] == ["17", "112", "114"]
    assert feed["emergency"]["complaint_url"].startswith("https://www.masecurite.interieur.gouv.fr")
    for loop in feed["screens"].values():
        kinds = [slide["kind"] for slide in loop["slides"]]
        assert kinds.count("closed") == 1 and "content" in kinds
        ids = [slide["id"] for slide in loop["slides"]]
        assert len(ids) == len(set(ids))


def test_expired_slide_is_left_out(feed, builds):
    for loop in feed["screens"].values():
        assert "prevention/campagne-terminee" not in [s["id"] for s in loop["slides"]]
    assert "Campagne terminée" not in json.dumps(feed, ensure_ascii=False)
    assert builds[0][0].returncode == 0  # not an error


def test_sample_alert_has_its_exact_interval_and_takes_over(feed):
    for screen, loop in feed["screens"].items():
        alerts = [a for a in loop["alerts"] if a["kind"] == "alert"]
        assert len(alerts) == 1, screen
        assert alerts[0]["intervals"] == [{"start": "2026-12-05T08:00:00+01:00", "end": "2026-12-07T20:00:00+01:00"}]
        during = playlist_at(feed, screen, datetime.fromisoformat("2026-12-06T12:00:00+01:00"))
        assert [s["kind"] for s in during] == ["alert"]
        before = playlist_at(feed, screen, datetime.fromisoformat("2026-12-05T07:59:59+01:00"))
        assert "alert" not in [s["kind"] for s in before]
    assert [a["id"] for a in feed["alerts"]] == [alerts[0]["id"]]


def test_closed_slide_plays_only_while_closed(feed):
    open_now = playlist_at(feed, "vitrine", datetime.fromisoformat("2026-12-01T10:00:00+01:00"))
    night = playlist_at(feed, "vitrine", datetime.fromisoformat("2026-12-01T22:00:00+01:00"))
    christmas = playlist_at(feed, "totem", datetime.fromisoformat("2026-12-25T11:00:00+01:00"))
    assert "closed" not in [s["kind"] for s in open_now] and open_now
    assert "closed" in [s["kind"] for s in night]
    assert "closed" in [s["kind"] for s in christmas]  # public holiday


def test_every_image_is_published_as_declared(feed, site):
    seen = 0
    for loop in feed["screens"].values():
        for slide in loop["slides"] + loop["alerts"]:
            images = [slide["image"]] + [v["image"] for v in slide.get("variants", [])]
            for image in images:
                path = site / "signage" / image["url"]
                assert path.is_file(), image
                assert path.stat().st_size == image["bytes"]
                with Image.open(path) as opened:
                    assert opened.size == (image["width"], image["height"]) == (loop["width"], loop["height"])
                    assert Image.MIME[opened.format] == image["type"]
                seen += 1
            for variant in slide.get("variants", []):
                assert variant["start"] < variant["end"]
    assert seen >= 2 * 5


def test_media_rss_per_screen(feed, site):
    for screen, loop in feed["screens"].items():
        tree = ET.parse(site / "signage" / f"{screen}.rss")
        items = tree.getroot().findall("./channel/item")
        content_ids = [s["id"] for s in loop["slides"] if s["kind"] == "content"]
        assert len(items) == len(content_ids)  # the alert is not valid at the build's now
        guids = [item.find("guid") for item in items]
        assert [g.text for g in guids] == [f"{screen}/{slide_id}" for slide_id in content_ids]
        assert all(g.get("isPermaLink") == "false" for g in guids)
        for item in items:
            media = item.find(f"{MEDIA}content")
            assert media is not None
            url = media.get("url")
            assert url.startswith("https://") and "/signage/assets/" in url
            local = site / "signage" / url.split("/signage/", 1)[1]
            assert int(media.get("fileSize")) == local.stat().st_size
            with Image.open(local) as opened:
                assert (int(media.get("width")), int(media.get("height"))) == opened.size
            assert media.get("medium") == "image" and media.get("type") in ("image/png", "image/jpeg")
            assert int(media.get("duration")) > 0


def test_second_build_of_unchanged_content_renders_nothing(builds):
    (first, first_stats), (second, second_stats) = builds
    assert first_stats["renders"] > 0
    assert second_stats == {"renders": 0, "reuses": first_stats["renders"] + first_stats["reuses"]}
    first_feed = (first.output / "signage" / "feed.json").read_bytes()
    assert (second.output / "signage" / "feed.json").read_bytes() == first_feed
    names = sorted(p.name for p in (first.output / "signage" / "assets").iterdir())
    assert names == sorted(p.name for p in (second.output / "signage" / "assets").iterdir())
