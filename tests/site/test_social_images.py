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
    # named by a digest of all it is drawn from (known before it is drawn): a change, a new address
    digest = image_file.stem
    assert re.fullmatch(r"[0-9a-f]{20}", digest)


def test_pages_get_their_own_image_in_jpeg(tags):
    images = {name: meta["og:image"] for name, meta in tags.items()}
    assert len({images["accueil"], images["campagne"], images["evenement"], images["rubrique"]}) == 4
    assert images["recherche"] == images["accueil"]  # no content of its own: the site's image
    assert {meta["og:image:type"] for meta in tags.values()} == {"image/jpeg"}  # with a photo or not
    assert tags["campagne"]["og:image:alt"] == "Prévention\u00a0: Se protéger des cambriolages"
    assert "’" in tags["accueil"]["og:site_name"]


def test_each_category_has_its_colour(sample_site):
    base = pelicanconf.PUBLIC_SITEURL.rstrip("/")
    corners = {}
    for category in ("prevention", "recrutement", "evenements"):
        meta = metas((sample_site / category / "index.html").read_text(encoding="utf-8"))
        with Image.open(sample_site / meta["og:image"].removeprefix(base + "/")) as image:
            corners[category] = image.convert("RGB").getpixel((5, 5))
    # The DSFR's blue France, as on the slides (JPEG: within 2 levels of each channel).
    assert all(abs(got - wanted) <= 2 for got, wanted in zip(corners["prevention"], (0, 0, 145), strict=True))
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


def test_a_photo_that_stops_halfway_gives_a_preview_without_it_under_the_name_the_page_carries(tmp_path):
    """The preview is named before it is drawn (the pages are written meanwhile): when its photo
    turns out not to decode to the end, the preview drawn without it takes that same name."""
    import io
    import shutil

    from conftest import ROOT, build_site, write_content

    content = shutil.copytree(ROOT / "content", tmp_path / "content")
    buffer = io.BytesIO()
    Image.effect_noise((1200, 800), 60).convert("RGB").save(buffer, "JPEG", quality=90)
    (content / "images" / "coupee.jpg").write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    article = "Title: Une photo coupée\nDate: 2026-11-02\nCategory: Prévention\n{}\nTexte.\n"
    previews = []
    for name, image_line in (("coupee", "Slide_image: images/coupee.jpg\n"), ("sans", "")):
        write_content(content, {"prevention/coupee.md": article.format(image_line)})
        result = build_site(tmp_path / name, content=content, cache=tmp_path / f"cache-{name}",
                            extra_env={"COLUMNS": "1000"})
        assert result.returncode == 0, result.log
        html = (tmp_path / name / "prevention" / "une-photo-coupee" / "index.html").read_text(encoding="utf-8")
        named = re.search(r'<meta property="og:image" content="[^"]*?/(images/partage/[^"]+)"', html).group(1)
        previews.append((tmp_path / name / named).read_bytes())
        if name == "coupee":
            assert ("prevention/coupee.md : Slide_image « " in result.log
                    and "images/coupee.jpg » : la photo n'a pas pu être lue jusqu'au bout" in result.log
                    and "Réenregistrez-la en JPEG ou PNG" in result.log), result.log
            again = build_site(tmp_path / "again", content=content, cache=tmp_path / "cache-coupee",
                               extra_env={"COLUMNS": "1000"})
            assert again.returncode == 0 and "images/coupee.jpg » : la photo n'a pas pu" in again.log  # each time
    assert previews[0] == previews[1]  # the same preview as with no photo at all


def test_a_photo_saved_again_while_its_preview_is_drawn_is_not_kept_under_the_old_key(tmp_path):
    """Found by an outsider: a preview named from a red photo, drawn after a blue one was saved over
    it, was kept under the red photo's key, and every later build with the red photo showed blue.
    It is now published for that build only, and drawn again by the next."""
    import threading

    from signage.core.workers import Workers
    from signage.screens import social_images
    from signage.screens.rendering.cache import RenderCache, fingerprint
    from signage.screens.rendering.draw import renderer_digest
    from signage.screens.rendering.fonts import FontSet

    photo = tmp_path / "photo.jpg"
    Image.new("RGB", (1200, 800), (200, 0, 0)).save(photo, "JPEG")
    spec = social_images._spec("prevention", "Prévention", "Une photo rouge", "Site", photo, (0.5, 0.5))
    cache = RenderCache(tmp_path / "cache")
    inputs = {**fingerprint(renderer_digest(), FontSet(tmp_path / "cache")), **spec.key_inputs(),
              "width": social_images.WIDTH, "height": social_images.HEIGHT}
    name = cache.name_for(inputs, social_images.EXT)
    helpers, busy = Workers(1), threading.Event()
    helpers.submit(busy.wait, 30)  # the workers are busy: the preview waits its turn
    drawing = social_images._Drawing(cache, {name: (spec, inputs, "content/page.md")}, helpers)
    Image.new("RGB", (1200, 800), (0, 0, 200)).save(photo, "JPEG")  # saved again meanwhile
    busy.set()
    files = drawing.finish()
    helpers.close()
    assert files[name].is_file()  # the page's preview exists for this build
    assert cache.get(inputs) is None  # and is not what the red photo's key names
