"""The officer's photos for the slides: decoded once per build, cover-cropped to each screen.

Any file Pillow can open is accepted, whatever its size, aspect ratio, mode
(RGB, CMYK, grey, palette, 16-bit, with transparency) or EXIF orientation.

A JPEG is decoded directly at the smallest scale (1/2, 1/4 or 1/8, Pillow's
`draft()`) that still covers the largest box it is shown in, so a 50-megapixel
photo costs a fraction of its full decode; `resize(reducing_gap=…)` then
reduces by an integer factor before resampling (Hamming's filter: see `crop_cover`).

`PhotoStore` is what a build uses: it is told every box a photo will fill
(`plan`), decodes the photo once for all of them, and keeps each crop, so the
screens and an event's variants (same box, other wording) share one decode.
`release()` frees a photo once its slides are drawn.
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageOps

from signage.core.images import open_image

WHITE = (255, 255, 255)
Box = tuple[int, int]  # (width, height) a photo must cover


def _display_size(source: Image.Image) -> tuple[int, int]:
    """The photo's size once turned upright by its EXIF orientation."""
    try:
        orientation = source.getexif().get(0x0112, 1)
    except Exception:  # noqa: BLE001 - unreadable EXIF: the photo is shown as stored
        orientation = 1
    width, height = source.size
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


def _needed(size: tuple[int, int], boxes) -> tuple[int, int]:
    """The smallest upright size, with the photo's ratio, that covers every box."""
    width, height = size
    scale = max((max(w / width, h / height) for w, h in boxes), default=1.0)
    return min(width, math.ceil(width * scale) + 1), min(height, math.ceil(height * scale) + 1)


def _to_rgb(photo: Image.Image) -> Image.Image:
    if photo.mode in ("RGBA", "LA", "PA") or "transparency" in photo.info:
        # A transparent PNG (a logo, a pictogram): on white, not on whatever the hidden pixels hold.
        rgba = photo.convert("RGBA")
        flat = Image.new("RGB", rgba.size, WHITE)
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    if photo.mode in ("I;16", "I;16L", "I;16B", "I;16N", "I"):  # 16-bit grey: keep the top 8 bits
        return photo.convert("I").point(lambda value: value * (1 / 256)).convert("L").convert("RGB")
    if photo.mode == "F":
        return photo.convert("L").convert("RGB")
    return photo if photo.mode == "RGB" else photo.convert("RGB")


def open_photo(path: str | Path, boxes=()) -> Image.Image:
    """The photo upright, in RGB, decoded at the smallest scale that still covers every box."""
    return _open(path, boxes)[0]


def _open(path: str | Path, boxes) -> tuple[Image.Image, bool]:
    """(the photo as open_photo gives it, whether it was decoded at full size)."""
    with open_image(path) as source:  # within Vitrine's size limit (core.images)
        stored = source.size
        if boxes:
            upright = _display_size(source)
            width, height = _needed(upright, boxes)
            if upright != stored:
                width, height = height, width
            source.draft("RGB", (width, height))
        full = source.size == stored
        if _display_size(source) != source.size or source.getexif().get(0x0112, 1) != 1:
            upright = ImageOps.exif_transpose(source)
        else:  # upright already: no copy of the whole photo
            source.load()
            upright = source
        return _to_rgb(upright), full


def crop_cover(photo: Image.Image, width: int, height: int, focal: tuple[float, float] = (0.5, 0.5)) -> Image.Image:
    """`photo` scaled to cover width×height, cropped around `focal` (fractions from the top-left).

    The crop box is clamped inside the photo: float rounding never makes it
    start before 0 or end past the edge (Pillow refuses a negative offset).
    """
    scale = max(width / photo.width, height / photo.height)
    crop_w, crop_h = min(photo.width, width / scale), min(photo.height, height / scale)
    fx, fy = focal
    left = max(0.0, min(fx * photo.width - crop_w / 2, photo.width - crop_w))
    top = max(0.0, min(fy * photo.height - crop_h / 2, photo.height - crop_h))
    # Hamming, not Lanczos: half the time (bench/bench_signage.py: 21 against 46 ms for a 960×1080
    # box from a 2400×1600 photo), and no visible difference on a screen seen from the pavement.
    return photo.resize((width, height), Image.HAMMING, box=(left, top, left + crop_w, top + crop_h),
                        reducing_gap=3.0)


def cover(path: str | Path, width: int, height: int, focal: tuple[float, float] = (0.5, 0.5)) -> Image.Image:
    """One photo for one box, decoded for that box alone."""
    return crop_cover(open_photo(path, [(width, height)]), width, height, focal)


def _covers(photo: Image.Image, box: Box) -> bool:
    """True when `photo` fills `box` without being enlarged."""
    return max(box[0] / photo.width, box[1] / photo.height) <= 1.0


class PhotoStore:
    """Photos decoded once for all the boxes they fill, and their crops, for one build."""

    def __init__(self):
        self._boxes: dict[str, set[Box]] = {}
        self._decoded: dict[str, tuple[Image.Image, bool]] = {}  # path -> (photo, decoded at full size)
        self._crops: dict[tuple, Image.Image] = {}
        self.decodes = 0  # how many times a file was decoded (tests, benchmark)

    def plan(self, path: str, boxes) -> None:
        """Say which boxes `path` will fill, before the first cover() of it."""
        self._boxes.setdefault(str(path), set()).update(boxes)

    def decoded(self, path: str, box: Box | None = None) -> Image.Image:
        """The photo decoded once for every planned box (and `box`); again only for a bigger box."""
        path = str(path)
        wanted = self._boxes.setdefault(path, set())
        if box is not None:
            wanted.add(box)
        known = self._decoded.get(path)
        if known is None or not (known[1] or box is None or _covers(known[0], box)):
            self._crops = {key: crop for key, crop in self._crops.items() if key[0] != path}
            known = _open(path, sorted(wanted))
            self._decoded[path] = known
            self.decodes += 1
        return known[0]

    def cover(self, path: str, width: int, height: int, focal: tuple[float, float] = (0.5, 0.5)) -> Image.Image:
        key = (str(path), width, height, tuple(focal))
        crop = self._crops.get(key)
        if crop is None:
            crop = crop_cover(self.decoded(path, (width, height)), width, height, focal)
            self._crops[key] = crop
        return crop

    def release(self, path: str | None = None) -> None:
        """Forget one photo (or all): its slides are drawn."""
        if path is None:
            self._boxes.clear(), self._decoded.clear(), self._crops.clear()
            return
        path = str(path)
        self._boxes.pop(path, None)
        self._decoded.pop(path, None)
        self._crops = {key: crop for key, crop in self._crops.items() if key[0] != path}
