"""Keeping Pelican's readers inside the content folder (the rule itself: `core.content_files`).

Pelican walks the content folders following symbolic links, reads every file it
finds and copies every `{static}` / `{attach}` target, even one outside the
folder. Vitrine stops that before anything is read:

- `guard(settings)`, at `initialized`: hidden and system files join Pelican's
  `IGNORE_FILES`; the refused entries (links, FIFOs, oversized pages) are found
  once; links to folders are left out of Pelican's walk (`*_EXCLUDES`, or the
  `*_PATHS` entry itself), so a link loop or a link to `/` is never walked;
- `keep_out(generator)`, at `generator_init`: each generator's file filter
  (`_include_path`, the one Pelican's `get_files` asks for every file) refuses them;
- `drop_outside_links(generator)`, at `page_generator_finalized` (every page read,
  no static file yet): each refusal goes to the build's ErrorLog, and the
  `{static}` / `{attach}` targets outside the folder, refused or missing are taken off the
  static generator's list: such a link stays unresolved, which `content_links`
  reports with its file and line;
- `refuse_unpublishable(generator)`, at `static_generator_finalized`: a file to be
  copied as it is that a browser could run (`.html`, `.js`, `.svg`…), or an image
  over the pixel limit (a decompression bomb, used by a page or not), is an error.

The build then stops at `all_generators_finalized`, before a byte is written.
"""

from __future__ import annotations

import os
import posixpath

from signage.core.content_files import IGNORED, refusals, refused, regular_file, unpublishable
from signage.core.errors import error_log
from signage.core.images import IMAGE_EXTENSIONS, ImageTooLargeError, open_image

REFUSED = "vitrine_refused"  # settings key: {relative path: Refusal}, found at `initialized`
WALKED = ("ARTICLE", "PAGE", "STATIC")


def guard(settings: dict) -> None:
    """Find what must not be read and keep Pelican's walk away from it (see the module docstring)."""
    ignores = list(settings.get("IGNORE_FILES", []))
    settings["IGNORE_FILES"] = [*ignores, *(pattern for pattern in IGNORED if pattern not in ignores)]
    found = {item.relative: item for item in refusals(settings["PATH"])}
    settings[REFUSED] = found
    folders = [item.relative for item in found.values() if item.folder]
    for kind in WALKED:
        paths = settings.get(f"{kind}_PATHS", [])
        settings[f"{kind}_PATHS"] = [path for path in paths if not (path and refused(path, found))]
        settings[f"{kind}_EXCLUDES"] = [*settings.get(f"{kind}_EXCLUDES", []), *folders]


def keep_out(generator) -> None:
    """`generator_init`: this generator's file filter refuses what `guard` found."""
    found = generator.settings.get(REFUSED)
    include = getattr(generator, "_include_path", None)
    if not found or include is None:
        return

    def include_unless_refused(path, extensions=None):
        return not refused(path, found) and include(path, extensions)

    generator._include_path = include_unless_refused


def outside(relative: str) -> bool:
    """True for a path (from the content folder, as Pelican keeps it) that leaves the folder."""
    normal = posixpath.normpath(relative.replace(os.sep, "/"))
    return normal == ".." or normal.startswith("../") or posixpath.isabs(normal)


def drop_outside_links(generator) -> None:
    """`page_generator_finalized`: report the refusals; no static copy from outside or through a link."""
    context = generator.context
    log = error_log(context)
    found = generator.settings.get(REFUSED) or {}
    for item in found.values():
        log.error(item.path, None, item.message)
    links = context.get("static_links")
    if links:
        root = generator.path
        context["static_links"] = {link for link in links if not outside(link) and not refused(link, found)
                                   and regular_file(root, os.path.join(root, link))}  # no file: no copy


def refuse_unpublishable(generator) -> None:
    """`static_generator_finalized`: every file copied as it is must be of a kind a browser cannot run."""
    log = error_log(generator.context)
    for static in generator.context.get("staticfiles", []) or []:
        reason = unpublishable(static.source_path) or too_large(os.path.join(generator.path, static.source_path))
        if reason:
            log.error(os.path.join(generator.path, static.source_path), None, reason)


def too_large(path: str) -> str | None:
    """Why an image to be copied is refused: over the pixel limit (a decompression bomb, `core.images`)."""
    if os.path.splitext(path)[1].lower() not in IMAGE_EXTENSIONS:
        return None
    try:
        with open_image(path):  # the header only
            return None
    except ImageTooLargeError as exc:
        return f"l'image {exc}."
    except Exception:  # noqa: BLE001 - an unreadable image is reported where a page shows it (content_links)
        return None
