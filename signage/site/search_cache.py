"""The search index kept between builds: reused when every page is the same as an earlier build's.

pagefind reads every page and writes its whole index at each run (1.5 s at 1,000
articles). A build whose pages are all byte-identical to an earlier build's (same
paths, same bytes: `search_index.stage_pages` gives their digest), with the same
pagefind and the same options, gets that build's index back instead: kept under the
render cache (`<SIGNAGE_CACHE_PATH>/search/<key>/`), placed by hard link like the
slides, the `KEPT` most recently used indexes only.

A kept index is checked, never trusted: `keep` writes, beside it, the size and the
BLAKE2b digest of each of its files, and `reuse` places it only when every file is
there, an ordinary file (never a symbolic link), with that size and digest; anything
else (a damaged, truncated or planted file, a folder removed by another build's
pruning) and pagefind runs again. No cache folder inside the content folder is used
(the officer and sync tools write there).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import time
from pathlib import Path

from signage.core.memo import inside
from signage.core.store import FileStore, place

KEPT = 3  # indexes kept (a live preview session makes one per saved page)
MANIFEST = "files.json"  # beside the kept index: {relative path: [size, digest]}
ENTRY = "pagefind.js"  # what a page loads first: an index without it is no index
STALE_SECONDS = 3600  # a half-kept index this old was left by a build that was killed


def kept_index(settings: dict, *inputs) -> Path | None:
    """Where the index made from `inputs` (pagefind's identity and options, the pages' digest) is
    kept; None when there is no cache folder or it lies in the content folder."""
    root = settings.get("SIGNAGE_CACHE_PATH")
    if not root or (settings.get("PATH") and inside(root, settings["PATH"])):
        return None
    return Path(root) / "search" / FileStore.key("pagefind", *inputs)


def _digest(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, lambda: hashlib.blake2b(digest_size=16)).hexdigest()


def _files(folder: Path) -> dict[str, Path]:
    """Every entry under `folder` that is not a folder, by relative path (links included, to be refused)."""
    found = {}
    for parent, folders, names in os.walk(folder):
        for name in names + [name for name in folders if (Path(parent) / name).is_symlink()]:
            path = Path(parent) / name
            found[path.relative_to(folder).as_posix()] = path
    return found


def reuse(kept: Path, folder_name: str, written: Path) -> bool:
    """`written` made of hard links to the kept index, when it is whole and unchanged; else False."""
    try:
        if not stat.S_ISREG(os.stat(kept / MANIFEST).st_mode):  # a FIFO, a device: never read
            return False
        manifest = json.loads((kept / MANIFEST).read_text(encoding="utf-8"))
        files = _files(kept / folder_name)
        if not isinstance(manifest, dict) or set(files) != set(manifest) or ENTRY not in files:
            return False
        for relative, path in files.items():
            status = path.lstat()
            if not stat.S_ISREG(status.st_mode) or [status.st_size, _digest(path)] != manifest[relative]:
                return False
        os.utime(kept)  # recently used: kept longest
        for relative, path in files.items():
            place(path, written / relative)
        return True
    except (OSError, ValueError, TypeError):  # missing, damaged, or pruned by another build meanwhile
        shutil.rmtree(written, ignore_errors=True)
        return False


def keep(written: Path, folder_name: str, kept: Path) -> None:
    """Keep the index just written: a complete copy with its manifest, renamed into place (a build
    never finds half of one), over a damaged one; then only the `KEPT` most recently used stay."""
    partial = kept.with_name(f".{kept.name}.{os.getpid()}.tmp")
    try:
        shutil.rmtree(partial, ignore_errors=True)
        manifest = {}
        for relative, path in _files(written).items():
            place(path, partial / folder_name / relative)
            manifest[relative] = [path.stat().st_size, _digest(path)]
        (partial / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
        if kept.exists():  # damaged (reuse refused it): replaced
            shutil.rmtree(kept)
        os.rename(partial, kept)
    except OSError:  # another build kept the same index first, or a full or read-only cache: no reuse
        shutil.rmtree(partial, ignore_errors=True)
        return
    _prune(kept.parent)


def _prune(root: Path) -> None:
    try:
        entries = [(entry, entry.stat().st_mtime) for entry in root.iterdir()]
    except OSError:  # another build pruned at the same time
        return
    kept = sorted((pair for pair in entries if not pair[0].name.startswith(".")), key=lambda pair: pair[1],
                  reverse=True)
    for old, _mtime in kept[KEPT:]:
        shutil.rmtree(old, ignore_errors=True)
    remove_stale(entry for entry, _mtime in entries if entry.name.startswith("."))


def remove_stale(folders) -> None:
    """Remove each of `folders` (half-written work) last changed over `STALE_SECONDS` ago: a build that
    was killed left it (a build still running would have touched it since)."""
    for folder in folders:
        try:
            if time.time() - folder.stat().st_mtime > STALE_SECONDS:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:  # gone meanwhile
            pass
