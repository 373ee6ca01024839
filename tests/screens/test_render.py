"""Rendered slides carry their text, French glyphs, the QR code; big photos are downscaled.

Each check compares the slide against a rendering the test makes itself or
against pixel regions of another slide, never against a stored hash.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw

from signage.screens.rendering import textfit
from signage.screens.rendering.cache import RenderCache
from signage.screens.rendering.draw import IDENTITIES, STATUS_BAND, Renderer, Spec, qr_image
from signage.screens.rendering.fonts import REQUIRED_GLYPHS, FontSet, missing_glyphs
from signage.screens.rendering.photos import cover

SCREENS = {"vitrine": (1920, 1080), "totem": (1080, 1920)}


@pytest.fixture(scope="module")
def fonts(tmp_path_factory):
    return FontSet(tmp_path_factory.mktemp("fonts"))


@pytest.fixture(scope="module")
def renderer(fonts):
    return Renderer(fonts)


def spec(**changes) -> Spec:
    base = dict(kind="content", identity="prevention", category="Prévention",
                title="Vous partez pour les fêtes\u202f?", title_field="Slide_title",
                text="Inscrivez-vous à l’Opération Tranquillité Vacances.", text_field="Slide_text",
                link="https://point-accueil-pusey.example/prevention/otv/",
                short_link="point-accueil-pusey.example/prevention/otv")
    base.update(changes)
    return Spec(**base)


def text_blocks(layout):
    return [(x, y, payload) for kind, x, y, payload in layout.blocks if kind == "text"]


def block_box(renderer, x, y, payload):
    weight, fit, _colour = payload
    font = renderer.fonts.get(weight, fit.size)
    width = max(font.getlength(line) for line in fit.lines)
    return (x, y, int(x + width) + 2, y + fit.line_height * len(fit.lines) + fit.size // 3)


def test_marianne_has_every_french_glyph(fonts):
    for path in fonts.files.values():
        assert "Marianne" in path.name, f"fell back to {path}: is node_modules/@gouvfr/dsfr installed?"
        assert missing_glyphs(path) == []


@pytest.mark.parametrize("char", list("éèàçœ«»’€Œ"))
def test_french_glyphs_are_drawn_not_boxes(fonts, char):
    font = fonts.get("bold", 120)
    notdef = font.getmask("\ue000")  # private-use code point: Marianne has no glyph, FreeType draws .notdef
    mask = font.getmask(char)
    assert mask.getbbox() is not None, f"{char!r} draws nothing"
    assert bytes(mask) != bytes(notdef), f"{char!r} is drawn as the missing-glyph box"
    assert char in REQUIRED_GLYPHS


@pytest.mark.parametrize("screen", SCREENS)
def test_title_and_text_are_those_of_the_slide(renderer, screen):
    width, height = SCREENS[screen]
    first = spec()
    layout = renderer.layout(first, width, height)
    assert not layout.problems
    image, ext = renderer.draw(first, layout)
    assert image.size == (width, height) and ext == "png"
    background = IDENTITIES["prevention"].background
    # Draw the same lines ourselves on the category's colour: the slide must match exactly there.
    expected = Image.new("RGB", image.size, background)
    pen = ImageDraw.Draw(expected)
    for x, y, (weight, fit, colour) in text_blocks(layout):
        font = renderer.fonts.get(weight, fit.size)
        for index, line in enumerate(fit.lines):
            pen.text((x, y + index * fit.line_height), line, font=font, fill=colour, anchor="la")
    for x, y, payload in text_blocks(layout):
        box = block_box(renderer, x, y, payload)
        assert ImageChops.difference(image.crop(box), expected.crop(box)).getbbox() is None, payload[1].lines
    # …and the wording is all there: the lines put together give back the title and the text.
    wordings = [" ".join(payload[1].lines) for _x, _y, payload in text_blocks(layout)]
    assert first.title in wordings and first.text in wordings
    # Another title: the title area differs, the QR code (same link) does not.
    other = spec(title="Cambriolages\u202f: fermez à clé")
    other_image, _ = renderer.draw(other, renderer.layout(other, width, height))
    title_box = block_box(renderer, *text_blocks(layout)[1])
    assert ImageChops.difference(image.crop(title_box), other_image.crop(title_box)).getbbox() is not None
    qr = next((x, y, size) for kind, x, y, (link, size) in
              ((k, x, y, p) for k, x, y, p in layout.blocks if k == "qr") for _ in [0])
    qx, qy, size = qr
    assert ImageChops.difference(image.crop((qx, qy, qx + size, qy + size)),
                                 other_image.crop((qx, qy, qx + size, qy + size))).getbbox() is None


def test_qr_code_points_to_the_link(renderer):
    width, height = SCREENS["vitrine"]
    one = spec()
    layout = renderer.layout(one, width, height)
    image, _ = renderer.draw(one, layout)
    (qx, qy, (link, size)), = [(x, y, p) for kind, x, y, p in layout.blocks if kind == "qr"]
    assert link == one.link
    assert image.crop((qx, qy, qx + size, qy + size)).tobytes() == qr_image(one.link, size).tobytes()
    assert qr_image("https://example.org/a", size).tobytes() != qr_image(one.link, size).tobytes()


@pytest.mark.parametrize("screen", SCREENS)
def test_status_band_is_left_to_the_player(renderer, screen):
    width, height = SCREENS[screen]
    for kind, identity in (("content", "recrutement"), ("alert", "alertes")):
        one = spec(kind=kind, identity=identity, text="x " * 40)
        image, _ = renderer.draw(one, renderer.layout(one, width, height))
        band = image.crop((0, height - round(height * STATUS_BAND), width, height))
        assert band.getcolors() == [(band.width * band.height, IDENTITIES[identity].background)]


def test_alert_is_unmistakable(renderer):
    width, height = SCREENS["vitrine"]
    alert = spec(kind="alert", identity="alertes", title="Faux SMS d’amende")
    layout = renderer.layout(alert, width, height)
    image, _ = renderer.draw(alert, layout)
    colours = sorted(image.getcolors(width * height), reverse=True)
    assert colours[0][1] == IDENTITIES["alertes"].background  # red dominates
    words = [payload[1].lines for kind, x, y, payload in layout.blocks if kind == "text"]
    assert ("ALERTE",) in words
    assert any(kind == "alert_sign" for kind, *_ in layout.blocks)


def test_text_too_long_says_how_much_to_cut_and_that_is_enough(renderer):
    width, height = SCREENS["vitrine"]
    long_text = " ".join(["Les gendarmes vous conseillent avant les fêtes de fin d’année."] * 25)
    layout = renderer.layout(spec(text=long_text), width, height)
    assert layout.problems and layout.problems[0][0] == "Slide_text"
    cut = layout.problems[0][1].chars_to_cut
    assert cut > 0
    shortened = long_text[: len(long_text) - cut].rsplit(" ", 1)[0] if long_text[len(long_text) - cut - 1] != " " \
        else long_text[: len(long_text) - cut].rstrip()
    assert not renderer.layout(spec(text=shortened), width, height).problems
    # …and the estimate is tight: keeping ~10 % more does not fit.
    longer = long_text[: len(shortened) + max(10, cut // 10) + 20]
    assert renderer.layout(spec(text=longer), width, height).problems


def test_automatic_summary_is_shortened_not_refused(renderer):
    width, height = SCREENS["totem"]
    long_text = "mot " * 400
    layout = renderer.layout(spec(text=long_text, text_field=None), width, height)
    assert not layout.problems
    lines = [payload[1].lines for kind, x, y, payload in layout.blocks if kind == "text"]
    assert any(line_set and line_set[-1].endswith("…") for line_set in lines)


def test_textfit_shrinks_before_refusing():
    measure = lambda text, size: len(text) * size * 0.5  # noqa: E731 - a monospace stand-in
    fit = textfit.fit("un deux trois quatre", width=200, height=100, max_size=40, min_size=10, measure=measure)
    assert isinstance(fit, textfit.Fit)
    assert all(measure(line, fit.size) <= 200 for line in fit.lines)
    assert fit.size < 40
    overflow = textfit.fit("mot " * 200, width=200, height=50, max_size=40, min_size=20, measure=measure)
    assert isinstance(overflow, textfit.Overflow) and overflow.chars_to_cut > 700


def _photo(path: Path, size: tuple[int, int], mark_at: tuple[float, float]) -> Path:
    image = Image.new("RGB", size, (40, 90, 40))
    x, y = int(size[0] * mark_at[0]), int(size[1] * mark_at[1])
    half = max(size) // 40
    ImageDraw.Draw(image).rectangle((x - half, y - half, x + half, y + half), fill=(230, 0, 0))
    image.save(path, "JPEG", quality=80)
    return path


def _has_red(image: Image.Image) -> bool:
    red, green, _ = image.split()
    return ImageChops.subtract(red, green).getextrema()[1] > 150


def test_focal_point_keeps_the_subject_in_view(tmp_path):
    photo = _photo(tmp_path / "wide.jpg", (3000, 1000), mark_at=(0.85, 0.5))
    assert not _has_red(cover(photo, 500, 1000))  # centred crop of a wide photo into a tall box: lost
    kept = cover(photo, 500, 1000, focal=(0.85, 0.5))
    assert kept.size == (500, 1000) and _has_red(kept)


def test_fifty_megapixel_photo_is_downscaled(tmp_path):
    photo = _photo(tmp_path / "big.jpg", (8660, 5774), mark_at=(0.5, 0.5))  # 50 megapixels
    started = time.perf_counter()
    result = cover(photo, 1920, 1080)
    elapsed = time.perf_counter() - started
    assert result.size == (1920, 1080) and _has_red(result)
    assert elapsed < 5, f"{elapsed:.1f} s for one 50 MP photo"
    with Image.open(photo) as image:
        image.draft("RGB", (1920, 1920))
        assert image.size[0] < 8660  # decoded at a reduced scale, not in full


def test_render_cache_reuses_and_renames_by_content(tmp_path):
    cache = RenderCache(tmp_path)
    calls = []

    def render(colour):
        calls.append(colour)
        return Image.new("RGB", (20, 10), colour), "png"

    first = cache.get_or_render({"title": "a"}, lambda: render((1, 2, 3)))
    again = cache.get_or_render({"title": "a"}, lambda: render((1, 2, 3)))
    other = cache.get_or_render({"title": "b"}, lambda: render((9, 9, 9)))
    same_pixels = cache.get_or_render({"title": "c"}, lambda: render((1, 2, 3)))
    assert calls == [(1, 2, 3), (9, 9, 9), (1, 2, 3)]
    assert (cache.renders, cache.reuses) == (3, 1)
    assert first.name == again.name == same_pixels.name != other.name  # named by the image's bytes
    assert first.path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and first.bytes == first.path.stat().st_size


def test_a_torn_image_in_the_cache_is_drawn_and_written_again(tmp_path):
    """Found by an outsider: a truncated cached slide was published on every later build (and a
    truncated og:image stopped every build with « erreur inattendue »)."""
    import json

    from conftest import build_site

    cache = tmp_path / "cache"
    first = build_site(tmp_path / "out1", cache=cache)
    assert first.returncode == 0, first.log
    cached = sorted((cache / "images").iterdir())
    assert len(cached) > 10
    for path in cached:  # slides and social previews alike
        path.write_bytes(path.read_bytes()[:500])
    again = build_site(tmp_path / "out2", cache=cache)
    assert again.returncode == 0, again.log
    feed = json.loads((tmp_path / "out2" / "signage" / "feed.json").read_text(encoding="utf-8"))
    images = {image["url"]: image["bytes"] for screen in feed["screens"].values() for slide in screen["slides"]
              for image in [slide["image"], *(variant["image"] for variant in slide.get("variants", []))]}
    assert images
    for url, size in images.items():
        published = tmp_path / "out2" / "signage" / url
        assert published.stat().st_size == size, url
        assert published.samefile(cache / "images" / published.name)  # linked from the cache, not copied
        with Image.open(published) as image:
            image.load()  # whole, not truncated
    social = list((tmp_path / "out2" / "images" / "partage").iterdir())
    assert social
    for path in social:
        with Image.open(path) as image:
            image.load()


def test_transparent_photo_is_shown_on_white(tmp_path):
    path = tmp_path / "logo.png"
    logo = Image.new("RGBA", (400, 200), (0, 0, 0, 0))
    ImageDraw.Draw(logo).rectangle((180, 80, 220, 120), fill=(0, 0, 145, 255))
    logo.save(path)
    result = cover(path, 200, 100)
    assert result.getpixel((5, 5)) == (255, 255, 255)  # not the black hidden behind the transparency
    assert result.getpixel((100, 50)) == (0, 0, 145)


def test_parallel_rendering_gives_the_same_bytes(tmp_path, fonts):
    from signage.core.workers import PARALLEL_FROM
    from signage.screens.rendering.draw import render_many

    jobs = [(spec(title=f"Titre n° {n}"), *SCREENS["totem" if n % 2 else "vitrine"]) for n in range(PARALLEL_FROM)]
    parallel = render_many(jobs, fonts.cache_dir, workers=2)
    sequential = render_many(jobs, fonts.cache_dir, workers=1)
    assert all(isinstance(result, tuple) for result in parallel)
    assert parallel == sequential
    assert len({result[0] for result in parallel}) == len(jobs)


# --- Legible at 3 m: type sizes and contrast ------------------------------------------------------

def _luminance(rgb) -> float:
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4
    red, green, blue = (channel(v) for v in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one, other) -> float:
    high, low = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("identity", list(IDENTITIES))
def test_every_text_colour_has_a_contrast_of_at_least_4_5(identity):
    colours = IDENTITIES[identity]
    assert contrast((255, 255, 255), colours.background) >= 4.5
    assert contrast(colours.accent, colours.background) >= 4.5  # an event's date and place line


KINDS = {
    "campaign": dict(text="Portes et fenêtres fermées, même pour une courte absence. Un bruit suspect\u202f? "
                          "Appelez le 17."),
    "event": dict(identity="evenements", category="Événements", when_line="Ici, samedi 12 décembre, 10\u00a0h"
                  "\u00a0–\u00a017\u00a0h", short_link="point-accueil-pusey.gendarmerie.interieur.gouv.fr/s/rt64"),
    "alert": dict(kind="alert", identity="alertes", title="Faux SMS d’amende\u00a0: ne cliquez pas",
                  text="Aucune amende ne se paie par un lien reçu par SMS. Vérifiez sur amendes.gouv.fr.",
                  short_link="amendes.gouv.fr"),
    "closed": dict(kind="closed", identity="closed", title="Le point d’accueil est fermé",
                   text="En cas d’urgence, appelez\u00a0:", short_link="Plainte en ligne et tchat avec un gendarme, "
                   "24\u00a0h/24\u00a0: masecurite.interieur.gouv.fr",
                   extra=(("17", "Police secours, gendarmerie"), ("112", "Urgences, partout en Europe"),
                          ("114", "Urgences par SMS, pour les personnes sourdes ou malentendantes"))),
}


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("kind", KINDS)
def test_no_text_is_smaller_than_legible_at_3_m(renderer, kind, screen):
    """Text at 0.034·S at least (37 px on a 1080-px side), the QR caption at 0.03·S (32 px)."""
    width, height = SCREENS[screen]
    one = spec(**KINDS[kind])
    layout = renderer.layout(one, width, height, with_photo=kind == "campaign")
    assert not layout.problems
    short = min(width, height)
    for _x, _y, (weight, fit, _colour) in text_blocks(layout):
        floor = 0.03 if weight == "medium" else 0.034
        assert fit.size >= round(floor * short), (kind, fit.lines, fit.size)
