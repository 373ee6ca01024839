"""Results of pure functions kept between builds: one file per kind under the cache folder.

`memo(name, version)` is a `DiskMemo`: a mapping from a key naming every input of
a result to the result (plain data only: str, bytes, numbers, None, tuples, lists,
dicts, sets, frozensets, dates). Its file (`<cache>/memo/<name>.pickle`) is read the
first time the memo is asked; `save_all()`, at the end of each build, writes the
memos that gained entries, keeping the `MAX_ENTRIES` (or the memo's own `limit`) most recently used, through a
temporary file renamed over the old one (two builds at once: the last one wins,
neither file is torn).

What a file may hold is checked, never trusted:
- it is read with an unpickler that refuses every class but `datetime.date`, so a
  file someone else wrote cannot run code; anything missing, truncated, foreign or
  of another version is an empty memo (the results are made again);
- its version names the caller's `version` (library versions, rules) and the
  source of the whole `signage` package (`CODE`): another Vitrine never reads it;
- a cache folder inside the content folder (which the officer and sync tools write)
  is not used: the memos then live in memory only, as they do before `configure()`
  (a function called outside a build, a test).

Keys are hashed (BLAKE2b, 128 bits), so a whole page can be a key.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import os
import pickle
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

MAX_ENTRIES = 20_000
PACKAGE = Path(__file__).resolve().parents[1]  # signage/


def _code_fingerprint() -> str:
    """A digest of every Python source of the `signage` package (a few milliseconds)."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(str(path.relative_to(PACKAGE)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


CODE = _code_fingerprint()

_root: Path | None = None
_memos: dict[str, DiskMemo] = {}


def inside(path: str | os.PathLike, folder: str | os.PathLike) -> bool:
    """Whether `path` is `folder` or under it (links resolved)."""
    path, folder = Path(path).resolve(), Path(folder).resolve()
    return path == folder or folder in path.parents


def configure(cache_root: str | os.PathLike | None, content_root: str | os.PathLike | None = None) -> None:
    """Keep the memos under `cache_root` (the build's cache folder); None, or a folder inside
    `content_root`: in memory only."""
    global _root
    if cache_root and content_root and inside(cache_root, content_root):
        cache_root = None
    root = Path(cache_root).resolve() / "memo" if cache_root else None
    if root != _root:
        _root = root
        _memos.clear()


def memo(name: str, version: str = "1", limit: int = MAX_ENTRIES) -> DiskMemo:
    """The memo `name` of the configured cache folder (one object per name and folder), keeping at
    most `limit` entries (the most recently used)."""
    found = _memos.get(name)
    if found is None or found.version != version:
        found = _memos[name] = DiskMemo(_root / f"{name}.pickle" if _root else None, version, limit)
    return found


def save_all() -> None:
    for found in _memos.values():
        found.save()


def key_of(*parts: str | bytes) -> bytes:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.digest()


class _DataOnly(pickle.Unpickler):
    """Plain data only: a class other than `datetime.date` is refused (no code runs)."""

    def find_class(self, module: str, name: str):
        if (module, name) == ("datetime", "date"):
            return datetime.date
        raise pickle.UnpicklingError(f"refused: {module}.{name}")


def read(path: Path, version: str) -> dict[bytes, object]:
    """The entries of the memo file at `path`; empty when it is missing, unreadable or foreign."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # a FIFO or a device (/dev/zero): never read
            return {}
        data = path.read_bytes()
        found_version, entries = _DataOnly(io.BytesIO(data)).load()
    except Exception:  # noqa: BLE001 - whatever a damaged or foreign file raises, the memo is empty
        return {}
    if found_version != (CODE, version) or not isinstance(entries, dict):
        return {}
    if not all(isinstance(key, bytes) for key in entries):
        return {}
    return entries


class DiskMemo:
    def __init__(self, path: Path | None, version: str, limit: int = MAX_ENTRIES):
        self.path, self.version, self.limit = path, version, limit
        self._data: dict[bytes, object] | None = None
        self._added = 0
        self.hits = self.misses = 0

    def _entries(self) -> dict[bytes, object]:
        if self._data is None:
            self._data = read(self.path, self.version) if self.path is not None else {}
        return self._data

    def get(self, key: bytes, make: Callable[[], object]):
        """The result for `key`, made by `make()` the first time."""
        entries = self._entries()
        try:
            value = entries.pop(key)  # re-inserted below: the dict's order is the order of use
            self.hits += 1
        except KeyError:
            value = make()
            self._added += 1
            self.misses += 1
        entries[key] = value
        return value

    def save(self) -> None:
        if self.path is None or not self._added or self._data is None:
            return
        data = self._data
        if len(data) > self.limit:
            for key in list(data)[: len(data) - self.limit]:
                del data[key]
        partial = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, partial = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
            with os.fdopen(handle, "wb") as file:
                pickle.dump(((CODE, self.version), data), file, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(partial, self.path)
            partial = None
            self._added = 0
        except OSError:
            pass  # a read-only cache folder costs time, never the build
        finally:
            if partial is not None:
                Path(partial).unlink(missing_ok=True)
