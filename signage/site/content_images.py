"""Local images in pages: intrinsic width/height and lazy loading.

Declaring an image's size lets the browser reserve its space (no layout shift)
and `loading="lazy"` spares phones the images below the fold. Pillow reads the
size from the file under content/ (the header only, not the pixels).

- `add_image_dimensions(instance)`: Pelican `content_object_init` handler
  completing each <img> of an article/page body that points to a local file;
- `image_size_filter(settings)`: the Jinja filter `|image_size`
  (e.g. `article.slide_image|image_size` -> (1200, 675) or None).
"""

from __future__ import annotations

import functools
import os
import re

from signage.core.content_files import regular_file
from signage.core.images import open_image

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

    def complete(match: re.Match) -> str:
        attributes = match.group(1)
        src = _SRC.search(attributes)
        extra = ""
        if src and " width=" not in attributes:
            path = resolve(src.group(1), content_root, source_dir)
            size = file_size(path) if path else None
            if size is None and not src.group(1).startswith(("{", "|")):
                path = resolve("/" + src.group(1).lstrip("/"), content_root)
                size = file_size(path) if path else None
            if size:
                extra += f' width="{size[0]}" height="{size[1]}"'
        if " loading=" not in attributes:
            extra += ' loading="lazy"'
        if " decoding=" not in attributes:
            extra += ' decoding="async"'
        return f"<img{attributes}{extra}>"

    instance._content = _IMG.sub(complete, body)


def image_size_filter(settings: dict):
    content_root = settings["PATH"]

    def image_size(path) -> tuple[int, int] | None:
        resolved = resolve(str(path or ""), content_root)
        return file_size(resolved) if resolved else None

    return image_size


def register_filters(settings: dict) -> None:
    settings["JINJA_FILTERS"] = {**settings.get("JINJA_FILTERS", {}),
                                 "image_size": image_size_filter(settings)}
