"""The render cache: a rendered slide is reused as long as none of its inputs changed.

A render's key is the SHA-256 of ALL its inputs as canonical JSON: wording,
screen size, category, link, the photo's bytes (hash) and focal point, the
fonts' fingerprint, the renderer's version and Pillow's version. The image
itself is stored under the hash of its own bytes (`images/<sha>.png`), the
name the feed publishes: a changed image gets a new URL, an unchanged one
keeps it. An image a page names before it is drawn (a share preview, drawn
while the pages are written) is stored under its key's hash instead
(`name_for`): a changed input gives a new key, so a new URL, all the same.
Layout:

    <cache>/keys/<key>.json     {"file", "type", "width", "height", "bytes"}
    <cache>/images/<sha>.<ext>  the rendered slide
    <cache>/stats.json          renders / reuses of the last build (tests, bench)
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from signage.core.store import digest_of, write_atomic

MEDIA_TYPES = {"png": "image/png", "jpg": "image/jpeg"}


@dataclass(frozen=True)
class Rendered:
    path: Path  # in the cache
    name: str  # <sha>.<ext>, the published file name
    type: str  # media type
    width: int
    height: int
    bytes: int

    def as_feed_image(self, base: str = "assets/") -> dict:
        return {"url": base + self.name, "type": self.type, "width": self.width,
                "height": self.height, "bytes": self.bytes}


def fingerprint(renderer: str, fonts) -> dict:
    """What every rendering depends on besides its spec and size: the drawing code's digest
    (`draw.renderer_digest()`), the fonts, Pillow and the encoders' settings (part of every key)."""
    import PIL

    return {"renderer": renderer, "fonts": fonts.fingerprint(), "pillow": PIL.__version__,
            "encoding": [JPEG_OPTIONS, PNG_OPTIONS]}


def photo_unchanged(path: str, digest: str | None) -> bool:
    """True when the photo at `path` still holds the bytes whose digest named a rendering's key
    (a photo saved again while it was drawn is not)."""
    try:
        return digest_of(Path(path)) == digest
    except OSError:
        return False


class RenderCache:
    def __init__(self, root: str | Path):
        self.root = Path(root)
        (self.root / "keys").mkdir(parents=True, exist_ok=True)
        (self.root / "images").mkdir(parents=True, exist_ok=True)
        self.renders = 0
        self.reuses = 0
        self._stored: set[str] = set()  # keys stored by store() this build, not yet fetched

    @staticmethod
    def key(inputs: dict) -> str:
        canonical = json.dumps(inputs, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
        return hashlib.sha256(canonical.encode()).hexdigest()

    def has(self, inputs: dict) -> bool:
        """True when a usable rendering for exactly these inputs is in the cache."""
        return self._lookup(self.key(inputs)) is not None

    def get(self, inputs: dict) -> Rendered | None:
        """The cached rendering for exactly these inputs, or None."""
        return self._lookup(self.key(inputs))

    def name_for(self, inputs: dict, ext: str) -> str:
        """The name `store(inputs, ..., name=...)` keeps an image under, known before it is drawn."""
        return f"{self.key(inputs)[:20]}.{ext}"

    def get_or_render(self, inputs: dict, render: Callable[[], tuple[Image.Image, str]]) -> Rendered:
        """The cached rendering for `inputs`, or call render() -> (image, "png"|"jpg") and store it."""
        key = self.key(inputs)
        found = self._lookup(key)
        if found is not None:
            if key in self._stored:
                self._stored.discard(key)  # rendered earlier in this build (in parallel): not a reuse
            else:
                self.reuses += 1
            return found
        image, ext = render()
        return self.store(inputs, encode(image, ext), ext, image.width, image.height, counted=False)

    def store(self, inputs: dict, data: bytes, ext: str, width: int, height: int,
              counted: bool = True, name: str | None = None, keyed: bool = True) -> Rendered:
        """Keep an encoded rendering of `inputs` (made here or by a worker process); counts one render.
        Named by the hash of its bytes, or `name` (`name_for`). `keyed=False`: the image file only,
        no entry under the key (it is not what the key names: drawn again next time)."""
        key = self.key(inputs)
        self.renders += 1
        if counted:
            self._stored.add(key)
        name = name or f"{hashlib.sha256(data).hexdigest()[:20]}.{ext}"
        image_path = self.root / "images" / name
        if not _holds(image_path, data):  # absent, or torn (a full disk, a crash, a hand): written again
            write_atomic(image_path, data)
        entry = {"file": name, "type": MEDIA_TYPES[ext], "width": width, "height": height, "bytes": len(data)}
        if keyed:
            write_atomic(self.root / "keys" / f"{key}.json", json.dumps(entry).encode())
        return Rendered(image_path, name, entry["type"], width, height, len(data))

    def _lookup(self, key: str) -> Rendered | None:
        entry_path = self.root / "keys" / f"{key}.json"
        if not entry_path.is_file():
            return None
        known = _FOUND.get(entry_path)
        if known is not None and _intact(known.path, known.bytes):
            return known  # found by an earlier build of this process (the live preview): its entry not read again
        try:
            entry = json.loads(entry_path.read_text())
            image_path = self.root / "images" / entry["file"]
            if _intact(image_path, entry["bytes"]):
                found = Rendered(image_path, entry["file"], entry["type"], entry["width"],
                                 entry["height"], entry["bytes"])
                if len(_FOUND) > 50_000:
                    _FOUND.clear()
                _FOUND[entry_path] = found
                return found
        except (ValueError, KeyError, OSError):
            pass  # a damaged entry: render again
        return None

    def write_stats(self) -> None:
        write_atomic(self.root / "stats.json",
                      json.dumps({"renders": self.renders, "reuses": self.reuses}).encode())


# Chosen by measuring bytes against time on 1920×1080 slides (bench/bench_signage.py, part 4):
# JPEG: optimised Huffman tables (+5 ms, -11 % bytes); progressive (+11 ms, -8 %) is left out,
# the player decodes a whole image before showing it. PNG: zlib level 1 (text slides are flat
# colour: level 6 saves a quarter of the bytes for twice the time).
JPEG_OPTIONS = {"quality": 86, "optimize": True, "progressive": False}
PNG_OPTIONS = {"optimize": False, "compress_level": 1}


def encode(image: Image.Image, ext: str) -> bytes:
    """Deterministic bytes for an image (no timestamps in PNG or JPEG)."""
    buffer = io.BytesIO()
    if ext == "jpg":
        image.convert("RGB").save(buffer, "JPEG", **JPEG_OPTIONS)
    else:
        image.save(buffer, "PNG", **PNG_OPTIONS)
    return buffer.getvalue()


_FOUND: dict[Path, Rendered] = {}  # entry file -> what it named, for this process's next builds


def _intact(path: Path, size: int) -> bool:
    """The image is there, an ordinary file of the size its entry says (not torn)."""
    try:
        found = os.stat(path)
    except OSError:
        return False
    return stat.S_ISREG(found.st_mode) and found.st_size == size


def _holds(path: Path, data: bytes) -> bool:
    """True when the file at `path` holds exactly `data`."""
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False
