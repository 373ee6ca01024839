"""Local images in pages: intrinsic width/height, lazy loading, responsive copies.

Declaring an image's size lets the browser reserve its space (no layout shift)
and `loading="lazy"` spares phones the images below the fold. Pillow reads the
size from the file under content/ (the header only, not the pixels). A photo
also gets `srcset` + `sizes` listing its smaller copies (`thumbnails.py`), so a
phone downloads a 400-pixel copy instead of the officer's full photo.

- `add_image_dimensions(instance)`: Pelican `content_object_init` handler
  completing each <img> of an article/page body that points to a local file;
- `image_size_filter(settings)`: the Jinja filter `|image_size`
  (e.g. `article.slide_image|image_size` -> (1200, 675) or None);
- `image_srcset_filter(settings)`: the Jinja filter `|image_srcset` (e.g.
  `article.slide_image|image_srcset("card")` -> ` srcset="…" sizes="…"`);
- `place_thumbnails(pelican)`: Pelican `finalized` handler linking the copies in.
"""

from __future__ import annotations

import functools
import os
import re

from markupsafe import Markup

from signage.core.content_files import regular_file
from signage.core.images import open_image
from signage.site import thumbnails

_IMG = re.compile(r"<img\b([^>]*?)\s*/?>", re.IGNORECASE)
_SRC = re.compile(r'\bsrc="([^"]+)"')
_PLACEHOLDER = re.compile(r"^(\{static\}|\{attach\}|\{filename\}|\|static\||\|attach\||\|filename\|)")


@functools.lru_cache(maxsize=512)
def _size_of(path: str, mtime: float) -> tuple[int, int] | None:
    try:
        with open_image(path) as image:  # over the size limit: no size given (invoke check says it is too big)
            return image.size
    except (OSError, ValueError):
        return None


def file_size(path: str) -> tuple[int, int] | None:
    """(width, height) of the image at `path`, or None if unreadable."""
    try:
        mtime = os.path.getmtime(path)
    except OSError:
        return None
    return _size_of(path, mtime)


def resolve(src: str, content_root: str, source_dir: str | None = None) -> str | None:
    """The file under content/ that an <img src> or a metadata path names, or None if remote.

    None too for a path outside content/ or through a link (core.content_files: never read).
    """
    if not src or re.match(r"^[a-z][a-z0-9+.-]*:|^//", src, re.IGNORECASE):
        return None
    relative = _PLACEHOLDER.sub("", src).split("#")[0].split("?")[0]
    if relative.startswith("/") or source_dir is None:
        path = os.path.join(content_root, relative.lstrip("/"))
    else:
        path = os.path.join(source_dir, relative)
    found = regular_file(content_root, path)
    return str(found) if found else None


def add_image_dimensions(instance) -> None:
    body = getattr(instance, "_content", None)
    source = getattr(instance, "source_path", None)
    if not isinstance(body, str) or "<img" not in body or not source:
        return
    content_root = instance.settings["PATH"]
    source_dir = os.path.dirname(source)
    copies = thumbnails.for_build(instance.settings)

    def complete(match: re.Match) -> str:
        attributes = match.group(1)
        src = _SRC.search(attributes)
        extra = ""
        path = resolve(src.group(1), content_root, source_dir) if src else None
        if path is None and src and not src.group(1).startswith(("{", "|")):
            path = resolve("/" + src.group(1).lstrip("/"), content_root)  # a site path: from content/
        if src and " width=" not in attributes:
            size = file_size(path) if path else None
            if size:
                extra += f' width="{size[0]}" height="{size[1]}"'
        if " loading=" not in attributes:
            extra += ' loading="lazy"'
        if " decoding=" not in attributes:
            extra += ' decoding="async"'
        if path and " srcset=" not in attributes and os.path.isfile(path):
            relative = os.path.relpath(path, content_root).replace(os.sep, "/")
            if not relative.startswith(".."):
                extra += copies.srcset_attributes(path, f"{copies.siteurl}/{relative}", thumbnails.ARTICLE_SIZES)
        return f"<img{attributes}{extra}>"

    instance._content = _IMG.sub(complete, body)


def image_size_filter(settings: dict):
    content_root = settings["PATH"]

    def image_size(path) -> tuple[int, int] | None:
        resolved = resolve(str(path or ""), content_root)
        return file_size(resolved) if resolved else None

    return image_size


def image_srcset_filter(settings: dict):
    content_root = settings["PATH"]
    copies = thumbnails.for_build(settings)
    sizes = {"card": thumbnails.CARD_SIZES, "article": thumbnails.ARTICLE_SIZES}

    def image_srcset(path, shown_as: str = "card") -> Markup:
        resolved = resolve(str(path or ""), content_root)
        if not resolved or not os.path.isfile(resolved):
            return Markup("")
        relative = os.path.relpath(resolved, content_root).replace(os.sep, "/")
        return Markup(copies.srcset_attributes(resolved, f"{copies.siteurl}/{relative}", sizes[shown_as]))

    return image_srcset


def register_filters(settings: dict) -> None:
    settings["JINJA_FILTERS"] = {**settings.get("JINJA_FILTERS", {}),
                                 "image_size": image_size_filter(settings),
                                 "image_srcset": image_srcset_filter(settings)}


def place_thumbnails(pelican) -> None:
    """Pelican `finalized` handler: the copies the pages use, linked into the output."""
    thumbnails.for_build(pelican.settings).place(pelican.output_path)
