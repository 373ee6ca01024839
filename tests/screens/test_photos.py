"""Any photo Pillow can open renders on every screen, whatever its size, ratio, mode or format.

Issue 10, item 4: a 1600×900 JPEG (also 5472×3648, GIF, CMYK, 16-bit) was refused as damaged
because the crop box went slightly negative through rounding. Issue 12: a photo is decoded
once per build and shared between screens and variants.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from signage.screens.rendering.draw import Geometry, Spec, render_many
from signage.screens.rendering.photos import PhotoStore, cover

SCREENS = {"vitrine": (1920, 1080), "totem": (1080, 1920)}
# Sizes of real cameras and phones, exact 16:9 and 4:3 among them (the rounding cases), extremes.
SIZES = [(1600, 900), (5472, 3648), (4032, 3024), (3024, 4032), (1920, 1080), (1080, 1920), (2400, 1600),
         (1000, 1000), (4000, 1000), (1000, 4000), (1366, 768), (1280, 720), (640, 480), (3000, 2000),
         (333, 777), (50, 50), (12000, 100)]


def _write(path: Path, size: tuple[int, int], mode: str = "RGB", fmt: str = "JPEG") -> Path:
    base = Image.linear_gradient("L").resize(size)
    if mode == "RGB":
        image = Image.merge("RGB", (base, base.transpose(Image.Transpose.FLIP_LEFT_RIGHT), base))
    elif mode == "CMYK":
        image = Image.merge("CMYK", (base, base, base.transpose(Image.Transpose.FLIP_TOP_BOTTOM), base))
    elif mode == "I;16":
        image = base.point(lambda v: v * 257).convert("I").convert("I;16")
    elif mode == "P":
        image = Image.merge("RGB", (base, base, base)).convert("P", palette=Image.Palette.ADAPTIVE)
    else:
        image = base.convert(mode)
    image.save(path, fmt)
    return path


def _photo_box(width: int, height: int) -> tuple[int, int]:
    g = Geometry(width, height)
    if g.landscape:
        return round(width * 0.48), g.usable_height
    return width, round(g.usable_height * 0.40)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_size_and_ratio_covers_every_box(tmp_path, size):
    photo = _write(tmp_path / "photo.jpg", size)
    boxes = [*(_photo_box(*screen) for screen in SCREENS.values()), (500, 1000), (1000, 500), (922, 994),
             (1080, 706), (333, 333)]
    for focal in ((0.5, 0.5), (0.0, 0.0), (1.0, 1.0), (0.3, 0.9)):
        for width, height in boxes:
            result = cover(photo, width, height, focal)
            assert result.size == (width, height) and result.mode == "RGB"


@pytest.mark.parametrize(("mode", "fmt", "suffix"), [
    ("RGB", "JPEG", "jpg"), ("CMYK", "JPEG", "jpg"), ("L", "JPEG", "jpg"), ("P", "GIF", "gif"),
    ("I;16", "PNG", "png"), ("RGB", "PNG", "png"), ("LA", "PNG", "png"), ("RGB", "WEBP", "webp"),
    ("RGB", "TIFF", "tif"),
])
def test_every_mode_and_format_renders_a_whole_slide(tmp_path, mode, fmt, suffix):
    photo = _write(tmp_path / f"photo.{suffix}", (1600, 900), mode, fmt)
    spec = Spec(kind="content", identity="prevention", category="Prévention", title="Titre", title_field="Slide_title",
                text="Texte.", text_field="Slide_text", link="https://accueil.example.fr/x/",
                short_link="accueil.example.fr/x", image=str(photo), image_digest="d")
    jobs = [(spec, *screen) for screen in SCREENS.values()]
    results = render_many(jobs, str(tmp_path / "cache"), workers=1)
    for result in results:
        assert isinstance(result, tuple), result  # not a RenderFailure (« photo abîmée »)
        data, ext, width, height = result
        assert ext == "jpg"
        with Image.open(io.BytesIO(data)) as image:
            assert image.size == (width, height)


def test_a_photo_is_decoded_once_for_every_screen_and_variant(tmp_path, monkeypatch):
    photo = _write(tmp_path / "photo.jpg", (2400, 1600))
    store = PhotoStore()
    opened = []
    original = Image.open

    def counting_open(path, *args, **kwargs):
        opened.append(str(path))
        return original(path, *args, **kwargs)

    monkeypatch.setattr(Image, "open", counting_open)
    needs = [(922, 994), (1080, 706)]
    store.plan(str(photo), needs)
    first = store.cover(str(photo), 922, 994, (0.5, 0.5))
    second = store.cover(str(photo), 1080, 706, (0.5, 0.5))
    again = store.cover(str(photo), 922, 994, (0.5, 0.5))  # an event's variant: same box
    assert opened.count(str(photo)) == 1
    assert again is first
    # The same pixels as a photo decoded on its own for that box.
    assert first.tobytes() == cover(photo, 922, 994).tobytes()
    assert second.size == (1080, 706)


def test_a_big_photo_is_decoded_at_a_reduced_scale_that_still_covers_every_box(tmp_path):
    photo = _write(tmp_path / "big.jpg", (8000, 6000))
    store = PhotoStore()
    store.plan(str(photo), [(922, 994), (1080, 706)])
    decoded = store.decoded(str(photo))
    assert decoded.size[0] < 8000  # draft: not the full 48 megapixels
    for width, height in ((922, 994), (1080, 706)):
        scale = max(width / decoded.width, height / decoded.height)
        assert scale <= 1.0, "the decoded photo would have to be enlarged"

