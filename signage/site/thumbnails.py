"""Responsive images for the site: smaller copies of the officer's photos, made once.

A phone showing a card or an article needs a 400-pixel-wide picture, not the
8-megapixel photo the officer uploaded. For each local photo a page shows,
Pillow makes copies 400, 800, 1,200 and 1,600 pixels wide (never wider than the
photo), under `images/miniatures/`, kept in the render cache between builds like
the slides. A copy's name is the hash of the photo's bytes with the copy's size
and the way it is made (a changed photo gets new URLs): known from the photo's
header before the copy exists, so the pages are written while the build's
workers (core/workers) make the copies; `place` waits for them.
Each copy is made from the next wider one (Lanczos at each step): Pillow's
resampling costs in proportion to the picture it reads, so the three narrower
copies together cost less than the widest.
The page lists them in `srcset` with `sizes`, and keeps the original as `src`
and as the widest candidate: the browser picks the smallest file that is sharp
enough, and shows exactly the same picture.

- `Thumbnails`: one per build (in the settings, made at `initialized`): finds the
  copies or names them and has them made, remembers which the build uses;
  `place(output)` links them into the output at the end of the build. Copies are
  made from the very bytes they are named from: a photo that turns out not to
  decode to the end (the officer is told), or that was saved again meanwhile,
  gets a copy of itself as it is under each name, and nothing is kept;
- `srcset_attributes(…)`: the ` srcset="…" sizes="…"` text for an <img>.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import math
import os
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from signage.core.errors import display_path
from signage.core.images import open_image
from signage.core.store import FileStore, digest_of, place, stamp, write_atomic
from signage.core.workers import Workers
from signage.core.workers import for_build as workers_for_build

logger = logging.getLogger("vitrine")

WIDTHS = (400, 800, 1200, 1600)
FOLDER = "images/miniatures"
SETTING = "VITRINE_THUMBNAILS"  # the build's Thumbnails object, in Pelican's settings
JPEG = {"quality": 82, "optimize": True, "progressive": True}
CODE_VERSION = "4"  # with the widths and encoder settings: any change makes every copy again
# How wide the image is shown, for the browser's choice (DSFR grid: container 78rem, gutters).
CARD_SIZES = "(min-width: 78em) 384px, (min-width: 62em) 31vw, (min-width: 48em) 46vw, 92vw"
ARTICLE_SIZES = "(min-width: 78em) 792px, (min-width: 62em) 64vw, 92vw"


@dataclass(frozen=True)
class Copy:
    name: str  # file name under images/miniatures/
    width: int
    height: int


class Thumbnails:
    def __init__(self, cache_root: str | Path, siteurl: str = "", helpers: Workers | None = None):
        self.store = FileStore(Path(cache_root) / "thumbnails")
        self.siteurl = siteurl.rstrip("/")
        self.helpers = helpers or Workers(1)
        self.used: dict[str, Path] = {}  # name -> stored file, for place()
        self._planned: dict[str, tuple[int, list[Copy]]] = {}  # store key -> copies, this build
        self._making: list[tuple[Path, Path, list[Copy], Future]] = []  # (photo, folder, copies, the job)

    def copies(self, photo: str | Path) -> tuple[int, list[Copy]]:
        """(the photo's upright width, its smaller copies narrowest first), named at once and made
        on the build's workers the first time (`place` waits for them); (0, []) when it cannot be read."""
        try:
            photo = Path(photo)
            source = stamp(photo)
        except OSError:
            return 0, []
        key = self.store.key("thumbnails", CODE_VERSION, WIDTHS, JPEG, source)
        if key in self._planned:  # a photo several pages show
            return self._planned[key]
        folder = self.store.root / key[:2] / key
        found = _made(folder)
        if found is None:
            planned = _plan(photo)
            if planned is None:
                return 0, []
            width, copies, alpha, digest = planned
            if copies:
                job = self.helpers.submit(make_copies, str(photo), str(folder), width, [c.__dict__ for c in copies],
                                          alpha, digest)
                self._making.append((photo, folder, copies, job))
                self.store.made += 1
            found = width, copies
        self._planned[key] = found
        self._remember(folder, found[1])
        return found

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
        """Link every copy this build used into OUTPUT/images/miniatures/ (once made); how many."""
        for photo, folder, copies, job in self._making:
            status = job.result()
            if status == MADE:
                continue
            if status == UNREADABLE:
                logger.warning("« %s » : la photo n'a pas pu être lue jusqu'au bout (fichier incomplet ou abîmé) ; "
                               "elle est publiée telle quelle, sans ses copies réduites pour les téléphones. "
                               "Réenregistrez-la en JPEG ou PNG avec un logiciel de retouche, puis relancez.",
                               display_path(str(photo)))
            stand_in = _stand_in(photo, folder)  # the pages name the copies: each leads to the photo as it is
            for copy in copies:
                if stand_in is None:  # deleted meanwhile: the next build no longer names it
                    self.used.pop(copy.name, None)
                else:
                    self.used[copy.name] = stand_in
        self._making = []
        target = Path(output) / FOLDER
        for name, stored in sorted(self.used.items()):
            place(stored, target / name)
        return len(self.used)


def _stand_in(photo: Path, folder: Path) -> Path | None:
    """A copy of the photo as it is now, in the store (the output never shares a file with content/,
    which the officer may overwrite in place); None when it is gone."""
    try:
        data = photo.read_bytes()
    except OSError:
        return None
    stand_in = folder / f"tel-quel{photo.suffix.lower()}"
    stand_in.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(stand_in, data)
    return stand_in


def _made(folder: Path) -> tuple[int, list[Copy]] | None:
    """(width, copies) an earlier build made in `folder`, or None (absent or damaged: made again)."""
    index = folder / "index.json"
    if not index.is_file():
        return None
    try:
        entry = json.loads(index.read_text(encoding="utf-8"))
        found = [Copy(**copy) for copy in entry["copies"]]
        if all((folder / c.name).is_file() for c in found):
            return entry["width"], found
    except (ValueError, TypeError, KeyError, OSError):
        pass
    return None


def _plan(photo: Path) -> tuple[int, list[Copy], bool, str] | None:
    """(upright width, the copies to make, with their names, has transparency, the digest of the
    bytes they are named from) from the photo's header and bytes, nothing decoded; None when
    Pillow cannot open it."""
    try:
        with open_image(photo) as source:
            width, height = source.size
            if source.getexif().get(0x0112, 1) in (5, 6, 7, 8):  # shown turned a quarter
                width, height = height, width
            alpha = source.mode in ("RGBA", "LA", "PA") or "transparency" in source.info
        digest = digest_of(photo)
    except (OSError, ValueError):  # ImageTooLargeError is a ValueError
        return None  # the build's image checks tell the officer
    stem, ext = photo.stem[:40], "png" if alpha else "jpg"
    copies = []
    for target in _exact_widths(width, height):
        shown = max(1, round(height * target / width))  # exact for most photos (_exact_widths)
        named = hashlib.sha256(json.dumps([digest, CODE_VERSION, JPEG, target, shown]).encode()).hexdigest()
        copies.append(Copy(f"{stem}-{target}.{named[:12]}.{ext}", target, shown))
    return width, copies, alpha, digest


MADE, UNREADABLE, CHANGED = "made", "unreadable", "changed"


def make_copies(photo: str, folder: str, width: int, copies: list[dict], alpha: bool, digest: str) -> str:
    """Make the planned copies of `photo` (`width` upright) in `folder`, then its index.json: MADE;
    UNREADABLE when the photo cannot be decoded to the end; CHANGED when its bytes are no longer the
    ones the copies were named from (saved again, or deleted, since): nothing is kept then. Runs on
    the build's workers (a thread or a process)."""
    wanted = [Copy(**copy) for copy in copies]
    try:
        data = Path(photo).read_bytes()  # decoded from these very bytes, checked against the names
    except OSError:
        return CHANGED
    if hashlib.sha256(data).hexdigest() != digest:
        return CHANGED
    try:
        with open_image(io.BytesIO(data)) as source:
            if source.getexif().get(0x0112, 1) != 1:
                picture = ImageOps.exif_transpose(source)
            else:
                source.draft("RGB", (wanted[-1].width, wanted[-1].height))  # decode no larger than needed
                picture = source
            picture = picture.convert("RGBA" if alpha else "RGB")
    except (OSError, ValueError):
        return UNREADABLE
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    larger = picture
    for copy in reversed(wanted):  # widest first, each copy made from the one before it
        larger = larger.resize((copy.width, copy.height), Image.LANCZOS, reducing_gap=3.0)
        buffer = io.BytesIO()
        if alpha:
            larger.save(buffer, "PNG", optimize=True)
        else:
            larger.save(buffer, "JPEG", **JPEG)
        write_atomic(target / copy.name, buffer.getvalue())
    write_atomic(target / "index.json", json.dumps({"width": width, "copies": copies}).encode())
    return MADE


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
        thumbnails = Thumbnails(settings.get("SIGNAGE_CACHE_PATH") or ".cache/signage", settings.get("SITEURL") or "",
                                workers_for_build(settings))
        settings[SETTING] = thumbnails
    return thumbnails
