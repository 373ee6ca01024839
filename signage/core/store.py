"""Files made once and kept between builds, placed into each build's output by hard link.

A `FileStore` keeps a made file under a key that names every input it was made
from (`store.key(...)`), so a file is made again only when one of them changed.
`place()` puts a stored file into an output folder as a hard link (a copy
across file systems) through a new directory entry renamed over the old one:
an inode shared with the store or with an earlier build is never opened for
writing, so no build can change a file another build (or the store) holds.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import threading
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path


def stamp(path: Path) -> list:
    """What identifies a source file's version cheaply: its path, size and modification time."""
    stat = path.stat()
    return [str(path), stat.st_size, stat.st_mtime_ns]


class FileStore:
    def __init__(self, root: str | Path):
        self.root = Path(root)
        self.made = 0  # files made by this store object (the rest were found)

    @staticmethod
    def key(*inputs) -> str:
        canonical = json.dumps(inputs, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()[:32]

    def get(self, key: str, name: str, make: Callable[[], bytes]) -> Path:
        """The stored file `name` for `key`, made by `make()` the first time."""
        path = self.root / key[:2] / key / name
        if not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, make())
            self.made += 1
        return path


@lru_cache(maxsize=1024)
def _digest(path: str, mtime_ns: int, size: int) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def digest_of(path: Path) -> str:
    """SHA-256 of a file's bytes, read once per version (modification time and size) in a process:
    a photo shown as a slide, a share preview and a page's image is hashed once per build."""
    status = Path(path).stat()
    return _digest(str(path), status.st_mtime_ns, status.st_size)


def write_atomic(path: Path, data: bytes) -> None:
    """`path` holds `data` whole or is left as it was: written beside it, then renamed over it. A
    refused write leaves no partial file and names `path` (a full disk says which folder is full)."""
    partial = path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")  # threads write too
    try:
        partial.write_bytes(data)
        os.replace(partial, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            partial.unlink()
        if exc.filename is None:  # a failed write() names no file
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise


def place(source: Path, target: Path) -> None:
    """Make `target` the same file as `source`: a hard link, else a copy; never written in place.
    Its folder is made when missing (asked only then: a build places thousands of files)."""
    try:
        if os.path.samefile(source, target):
            return
    except OSError:
        pass  # no target yet
    partial = target.with_name(f".{target.name}.{os.getpid()}.link")
    try:
        _link_or_copy(source, partial)
    except FileNotFoundError:
        if not os.path.exists(source):
            raise
        target.parent.mkdir(parents=True, exist_ok=True)
        _link_or_copy(source, partial)
    os.replace(partial, target)


def _link_or_copy(source: Path, partial: Path) -> None:
    try:
        partial.unlink(missing_ok=True)
        os.link(source, partial)
    except FileNotFoundError:  # no folder for it yet (or no source): the caller decides
        raise
    except OSError:  # another file system, or links not allowed: a copy
        shutil.copyfile(source, partial)
