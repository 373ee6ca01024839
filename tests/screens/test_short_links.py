"""Short links for the QR captions (screens/short_links): stable codes, captions, redirect pages."""

from __future__ import annotations

import json
import re

import pytest

from signage.screens import short_links

BASE = "https://point-accueil-pusey.gendarmerie.interieur.gouv.fr"
PAGE = BASE + "/evenements/prevention-cambriolages-fetes/"


def test_a_code_is_short_unambiguous_and_the_same_in_every_build():
    code = short_links.code_for("prevention/cambriolages")
    assert len(code) == short_links.LENGTH == 4
    assert set(code) <= set(short_links.ALPHABET)
    assert not set("ilo01") & set(short_links.ALPHABET)
    assert short_links.code_for("prevention/cambriolages") == code  # derived, not drawn
    assert short_links.code_for("prevention/arnaques") != code


def test_adding_or_removing_slides_moves_no_other_code():
    ids = [f"prevention/campagne-{n}" for n in range(40)]
    before = short_links.assign(ids)
    after = short_links.assign([*ids[5:], "evenements/nouveau", "alertes/autre"])
    assert all(after[slide_id] == before[slide_id] for slide_id in ids[5:])
    assert len(set(after.values())) == len(after)


def test_a_collision_is_resolved_the_same_way_every_time(monkeypatch):
    monkeypatch.setattr(short_links, "code_for", lambda slide_id, attempt=0: "aaaa" if attempt == 0 else
                        f"{slide_id[0]}{attempt:03d}"[:4])
    assert short_links.assign(["b/x", "a/y"]) == {"a/y": "aaaa", "b/x": "b001"}
    assert short_links.assign(["a/y", "b/x"]) == {"a/y": "aaaa", "b/x": "b001"}


@pytest.mark.parametrize("link, code, caption", [
    (PAGE, "rt64", "point-accueil-pusey.gendarmerie.interieur.gouv.fr/s/rt64"),
    ("https://www.amendes.gouv.fr", "abcd", "amendes.gouv.fr"),  # short: the address people know
    ("https://www.lagendarmerierecrute.fr/", None, "lagendarmerierecrute.fr"),
    ("https://www.masecurite.interieur.gouv.fr", None, "masecurite.interieur.gouv.fr"),
    ("tel:17", None, "Tél.\u00a017"),
])
def test_the_caption_prints_the_link_when_short_else_the_host_and_the_code(link, code, caption):
    assert short_links.caption(link, code, BASE) == caption


def test_only_long_web_addresses_get_a_code():
    assert short_links.needs_code(PAGE)
    assert not short_links.needs_code("https://www.amendes.gouv.fr")
    assert not short_links.needs_code("tel:+33384000000")


# --- In the sample site -----------------------------------------------------------------------------

def test_the_sample_build_publishes_a_page_per_long_link_and_the_data_files(sample_site):
    feed = json.loads((sample_site / "signage" / "feed.json").read_text(encoding="utf-8"))
    links = {entry["id"]: entry["link"] for screen in feed["screens"].values()
             for entry in screen["slides"] + screen["alerts"] if entry["id"] != "closed"}
    data = json.loads((sample_site / short_links.DATA_JSON).read_text(encoding="utf-8"))
    expected = {f"/s/{short_links.code_for(slide_id)}/": short_links.target(link, BASE)
                for slide_id, link in links.items() if short_links.needs_code(link)}
    assert all(target.startswith("/") for target in expected.values())  # the site's pages, by path
    assert expected and set(expected.items()) <= set(data.items())
    for path, target in data.items():
        page = (sample_site / path.strip("/") / "index.html").read_text(encoding="utf-8")
        # No JavaScript needed (meta refresh and a plain link), never indexed, a page of the site.
        assert f'<meta http-equiv="refresh" content="0; url={target}">' in page
        assert f'<a href="{target}">' in page and '<meta name="robots" content="noindex, nofollow">' in page
        assert '<html lang="fr"' in page and "fr-header" in page and "<h1>Adresse courte</h1>" in page
    nginx_map = (sample_site / short_links.DATA_MAP).read_text(encoding="utf-8")
    for path, target in data.items():
        assert f'{path} "{target}";' in nginx_map and f'{path.rstrip("/")} "{target}";' in nginx_map
    sitemap = (sample_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/s/" not in sitemap
    assert not re.search(r"Disallow: /s/", (sample_site / "robots.txt").read_text())  # noindex must be seen


@pytest.mark.browser
def test_a_short_link_leads_to_the_page_with_javascript_off(sample_site, sample_server, page_factory):
    data = json.loads((sample_site / short_links.DATA_JSON).read_text(encoding="utf-8"))
    path, target = next(iter(sorted(data.items())))
    page = page_factory(width=375, java_script_enabled=False)
    page.goto(sample_server.url + path.rstrip("/"))
    page.wait_for_url(sample_server.url + target)
    assert page.url == sample_server.url + target
