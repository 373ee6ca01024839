"""Social previews: each page's og:image (1200×630, drawn by the slide renderer) and its og/twitter tags."""

from __future__ import annotations

import re
from html import unescape

import pytest
from PIL import Image

import pelicanconf

PAGES = {
    "accueil": "index.html",
    "campagne": "prevention/cambriolages/index.html",
    "evenement": "evenements/forum-des-metiers/index.html",
    "horaires": "horaires-et-acces/index.html",
    "rubrique": "prevention/index.html",
    "recherche": "recherche/index.html",
}


def metas(html: str) -> dict[str, str]:
    found = {}
    for tag in re.findall(r"<meta\s[^>]*>", html):
        key = re.search(r'(?:property|name)="([^"]+)"', tag)
        value = re.search(r'content="([^"]*)"', tag)
        if key and value:
            found[key.group(1)] = unescape(value.group(1))
    return found


@pytest.fixture(scope="module")
def tags(sample_site) -> dict[str, dict[str, str]]:
    return {name: metas((sample_site / path).read_text(encoding="utf-8")) for name, path in PAGES.items()}


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_has_its_preview_tags(sample_site, tags, name):
    meta = tags[name]
    base = pelicanconf.PUBLIC_SITEURL.rstrip("/")
    for key in ("og:title", "og:description", "og:url", "og:image", "og:image:alt", "og:site_name"):
        assert meta.get(key, "").strip(), f"{PAGES[name]} : {key} manquant"
    assert meta["og:url"].startswith(base + "/") and meta["og:image"].startswith(base + "/images/partage/")
    assert meta["twitter:card"] == "summary_large_image"
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    image_file = sample_site / meta["og:image"].removeprefix(base + "/")
    with Image.open(image_file) as image:
        assert image.size == (1200, 630)
        assert image.format == {"image/jpeg": "JPEG", "image/png": "PNG"}[meta["og:image:type"]]
    # content-hashed: the name is a digest of the bytes, so a changed image gets a new address
    digest = image_file.stem
    assert re.fullmatch(r"[0-9a-f]{20}", digest)


def test_pages_get_their_own_image_and_a_photo_makes_it_a_jpeg(tags):
    images = {name: meta["og:image"] for name, meta in tags.items()}
    assert len({images["accueil"], images["campagne"], images["evenement"], images["rubrique"]}) == 4
    assert images["recherche"] == images["accueil"]  # no content of its own: the site's image
    assert tags["campagne"]["og:image:type"] == "image/jpeg"  # cambriolages has a Slide_image
    assert tags["campagne"]["og:image:alt"] == "Prévention\u00a0: Se protéger des cambriolages"
    assert "’" in tags["accueil"]["og:site_name"]


def test_each_category_has_its_colour(sample_site):
    base = pelicanconf.PUBLIC_SITEURL.rstrip("/")
    corners = {}
    for category in ("prevention", "recrutement", "evenements"):
        meta = metas((sample_site / category / "index.html").read_text(encoding="utf-8"))
        with Image.open(sample_site / meta["og:image"].removeprefix(base + "/")) as image:
            corners[category] = image.convert("RGB").getpixel((5, 5))
    assert corners["prevention"] == (0, 0, 145)  # the DSFR's blue France, as on the slides
    assert len(set(corners.values())) == 3, corners


def test_characters_the_font_lacks_are_left_out_of_the_image_with_a_warning(tmp_path):
    """Found by an outsider: « Joyeuses fêtes 🎄 » drew white boxes and `invoke check` said nothing."""
    import shutil

    from conftest import ROOT, build_site, write_content

    content = shutil.copytree(ROOT / "content", tmp_path / "content")
    write_content(content, {"prevention/fetes.md": "Title: Joyeuses fêtes 🎄 à tous ✅\nDate: 2026-11-02\n"
                                                   "Category: Prévention\n\nTexte.\n"})
    result = build_site(tmp_path / "out", content=content, extra_env={"COLUMNS": "1000"})
    assert result.returncode == 0, result.log
    assert ("fetes.md:1: Title : « 🎄 » (U+1F384), « ✅ » (U+2705) n’existent pas dans la police du site : "
            "l'image d'aperçu de partage (og:image) est dessinée sans.") in result.log, result.log
    html = (tmp_path / "out" / "prevention" / "joyeuses-fetes-a-tous" / "index.html").read_text(encoding="utf-8")
    alt = unescape(re.search(r'<meta property="og:image:alt" content="([^"]*)"', html).group(1))
    assert "🎄" in alt  # the text alternative keeps what the officer wrote
