"""Opening the officer's photos with Pillow, with Vitrine's size limit passed in, never set globally.

Pillow guards against decompression bombs with one process-wide number,
`PIL.Image.MAX_IMAGE_PIXELS` (a warning above it, an error above twice it).
Vitrine never changes it: `open_image` reads the header with Pillow's guard as
it is (its warning silenced, since Vitrine applies its own limit just after)
and refuses an image over `max_pixels` with `ImageTooLargeError`, whose message is
French and says the size and the limit. Nothing is decoded before the check.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

from PIL import Image

# 50 MP photos are expected from today's cameras; beyond this, a photo is a mistake or an attack.
MAX_IMAGE_PIXELS = 120_000_000


# Images a browser shows and Pillow reads.
IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".gif", ".webp"}


class ImageTooLargeError(ValueError):
    """An image over the limit; `str()` is French: « est trop grande (… pixels, plus de 120 mégapixels) »."""

    def __init__(self, pixels: int | None, limit: int, size: tuple[int, int] | None = None):
        self.pixels, self.limit, self.size = pixels, limit, size
        if size:
            measured = f"{size[0]} × {size[1]} pixels, "
        elif pixels:
            measured = f"environ {round(pixels / 1_000_000)} mégapixels, "
        else:
            measured = ""
        super().__init__(f"est trop grande ({measured}plus de {limit // 1_000_000} mégapixels) : "
                         "réduisez-la, 4000 pixels de large suffisent largement pour un écran")


def declared_size(path: str | Path) -> tuple[int, int] | None:
    """(width, height) as the file's header declares them, without Pillow's bomb guard; None if unknown.

    Image.open applies its guard after the format's reader has read the header; the readers
    themselves are called here, as Image.open calls them, to tell the officer the size refused.
    """
    Image.init()
    try:
        with open(path, "rb") as handle:
            prefix = handle.read(16)
            for name in Image.ID:
                factory, accept = Image.OPEN[name]
                if accept is not None and not accept(prefix):
                    continue
                handle.seek(0)
                try:
                    return factory(handle, str(path)).size
                except Exception:  # noqa: BLE001 - not this format: Image.open tries the next one too
                    continue
    except OSError:
        return None
    return None


def open_image(path: str | Path, max_pixels: int = MAX_IMAGE_PIXELS) -> Image.Image:
    """The image at `path`, opened lazily (header read, pixels not decoded), within `max_pixels`.

    Raises ImageTooLargeError over the limit; Pillow's own errors (OSError for an unreadable file,
    ValueError...) go through. Use it as a context manager, as Image.open.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # the limit is checked below
        try:
            image = Image.open(path)
        except Image.DecompressionBombError as exc:  # over twice Pillow's own limit
            found = re.search(r"\((\d+) pixels\)", str(exc))
            raise ImageTooLargeError(int(found.group(1)) if found else None, max_pixels,
                                     declared_size(path)) from None
    width, height = image.size
    if width * height > max_pixels:
        image.close()
        raise ImageTooLargeError(width * height, max_pixels, (width, height))
    return image
