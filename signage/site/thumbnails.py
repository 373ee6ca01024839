"""Responsive images for the site: smaller copies of the officer's photos, made once.

A phone showing a card or an article needs a 400-pixel-wide picture, not the
8-megapixel photo the officer uploaded. For each local photo a page shows,
Pillow makes copies 400, 800, 1,200 and 1,600 pixels wide (never wider than the
photo), named by the hash of their bytes under `images/miniatures/` (a changed
photo gets new URLs), kept in the render cache between builds like the slides.
Each copy is made from the next wider one (Lanczos at each step): Pillow's
resampling costs in proportion to the picture it reads, so the three narrower
copies together cost less than the widest.
The page lists them in `srcset` with `sizes`, and keeps the original as `src`
and as the widest candidate: the browser picks the smallest file that is sharp
enough, and shows exactly the same picture.

- `Thumbnails`: one per build (in the settings, made at `initialized`): makes or
  finds the copies, remembers which the build uses; `place(output)` links them
  into the output at the end of the build;
- `srcset_attributes(…)`: the ` srcset="…" sizes="…"` text for an <img>.
"""

from __future__ import annotations

import io
import json
import math
import os
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from signage.core.images import open_image
from signage.core.store import FileStore, place, stamp, write_atomic

WIDTHS = (400, 800, 1200, 1600)
FOLDER = "images/miniatures"
SETTING = "VITRINE_THUMBNAILS"  # the build's Thumbnails object, in Pelican's settings
JPEG = {"quality": 82, "optimize": True, "progressive": True}
CODE_VERSION = "3"  # with the widths and encoder settings: any change makes every copy again
# How wide the image is shown, for the browser's choice (DSFR grid: container 78rem, gutters).
CARD_SIZES = "(min-width: 78em) 384px, (min-width: 62em) 31vw, (min-width: 48em) 46vw, 92vw"
ARTICLE_SIZES = "(min-width: 78em) 792px, (min-width: 62em) 64vw, 92vw"


@dataclass(frozen=True)
class Copy:
    name: str  # file name under images/miniatures/
    width: int
    height: int


class Thumbnails:
    def __init__(self, cache_root: str | Path, siteurl: str = ""):
        self.store = FileStore(Path(cache_root) / "thumbnails")
        self.siteurl = siteurl.rstrip("/")
        self.used: dict[str, Path] = {}  # name -> stored file, for place()

    def copies(self, photo: str | Path) -> tuple[int, list[Copy]]:
        """(the photo's upright width, its smaller copies narrowest first), made the first time;
        (0, []) when it cannot be read."""
        try:
            photo = Path(photo)
            source = stamp(photo)
        except OSError:
            return 0, []
        key = self.store.key("thumbnails", CODE_VERSION, WIDTHS, JPEG, source)
        index = self.store.root / key[:2] / key / "index.json"
        if index.is_file():
            try:
                entry = json.loads(index.read_text(encoding="utf-8"))
                found = [Copy(**copy) for copy in entry["copies"]]
                if all((index.parent / c.name).is_file() for c in found):
                    self._remember(index.parent, found)
                    return entry["width"], found
            except (ValueError, TypeError, KeyError, OSError):
                pass  # damaged: made again below
        width, made = self._make(photo, index.parent)
        write_atomic(index, json.dumps({"width": width, "copies": [c.__dict__ for c in made]}).encode())
        self.store.made += 1
        self._remember(index.parent, made)
        return width, made

    def _make(self, photo: Path, folder: Path) -> tuple[int, list[Copy]]:
        import hashlib

        folder.mkdir(parents=True, exist_ok=True)
        try:
            with open_image(photo) as source:
                upright = ImageOps.exif_transpose(source) if source.getexif().get(0x0112, 1) != 1 else None
                width, height = upright.size if upright is not None else source.size
                wanted = _exact_widths(width, height)
                if not wanted:
                    return width, []
                if upright is None:
                    source.draft("RGB", (wanted[-1], wanted[-1] * height // width))
                picture = upright if upright is not None else source
                alpha = picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info
                picture = picture.convert("RGBA" if alpha else "RGB")
        except (OSError, ValueError):  # ImageTooLargeError is a ValueError
            return 0, []  # the build's image checks tell the officer
        stem = photo.stem[:40]
        made = []
        larger = picture
        for target in reversed(wanted):  # widest first, each copy made from the one before it
            height = max(1, round(picture.height * target / picture.width))  # exact for most photos
            small = larger.resize((target, height), Image.LANCZOS, reducing_gap=3.0)
            larger = small
            buffer = io.BytesIO()
            if alpha:
                small.save(buffer, "PNG", optimize=True)
                ext = "png"
            else:
                small.save(buffer, "JPEG", **JPEG)
                ext = "jpg"
            data = buffer.getvalue()
            name = f"{stem}-{target}.{hashlib.sha256(data).hexdigest()[:12]}.{ext}"
            write_atomic(folder / name, data)
            made.insert(0, Copy(name, target, height))
        return width, made

    def _remember(self, folder: Path, copies: list[Copy]) -> None:
        for copy in copies:
            self.used[copy.name] = folder / copy.name

    def srcset_attributes(self, photo: Path, original_url: str, sizes: str) -> str:
        """` srcset="… 400w, …" sizes="…"` for an <img> showing `photo` (at `original_url`), or ""."""
        full, copies = self.copies(photo)
        if not copies:
            return ""
        candidates = [f"{self.siteurl}/{FOLDER}/{c.name} {c.width}w" for c in copies]
        candidates.append(f"{original_url} {full}w")
        return f' srcset="{", ".join(candidates)}" sizes="{sizes}"'

    def place(self, output: str | os.PathLike) -> int:
        """Link every copy this build used into OUTPUT/images/miniatures/; how many."""
        target = Path(output) / FOLDER
        for name, stored in sorted(self.used.items()):
            place(stored, target / name)
        return len(self.used)


def _exact_widths(width: int, height: int) -> list[int]:
    """WIDTHS below `width`, each moved to the nearest width whose height is a whole number of
    pixels when possible (a multiple of 3 for a 3:2 photo): the copy then has exactly the
    original's shape, and the page lays out to the pixel as with the original."""
    step = width // math.gcd(width, height)
    wanted = []
    for target in WIDTHS:
        exact = max(step, round(target / step) * step) if step <= 64 else target
        if exact < width and exact not in wanted:
            wanted.append(exact)
    return wanted


def for_build(settings: dict) -> Thumbnails:
    """The build's Thumbnails (made once per build, at `initialized`)."""
    thumbnails = settings.get(SETTING)
    if thumbnails is None:
        thumbnails = Thumbnails(settings.get("SIGNAGE_CACHE_PATH") or ".cache/signage", settings.get("SITEURL") or "")
        settings[SETTING] = thumbnails
    return thumbnails
