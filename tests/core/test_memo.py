"""core.memo: results kept between builds are never read from a damaged, foreign or unsafe file."""

from __future__ import annotations

import multiprocessing
import pickle
from pathlib import Path

import pytest

from signage.core import memo


@pytest.fixture(autouse=True)
def _in_memory_afterwards():
    yield
    memo.configure(None)


def _fresh(cache: Path, content: Path | None = None) -> None:
    """What a new build process sees: nothing in memory, the memos on disk."""
    memo.configure(None)
    memo.configure(cache, content)


def _saved(cache: Path, entries: dict[bytes, object], name: str = "kind") -> Path:
    _fresh(cache)
    for key, value in entries.items():
        memo.memo(name).get(key, lambda value=value: value)
    memo.save_all()
    return cache / "memo" / f"{name}.pickle"


def test_a_result_is_kept_between_builds(tmp_path):
    _saved(tmp_path, {memo.key_of("a"): ("html", frozenset({1, 2}))})
    _fresh(tmp_path)
    made = []
    assert memo.memo("kind").get(memo.key_of("a"), lambda: made.append(1)) == ("html", frozenset({1, 2}))
    assert made == []


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "other-version", "other-code", "not-a-dict"])
def test_a_damaged_or_foreign_file_is_an_empty_memo(tmp_path, damage):
    path = _saved(tmp_path, {memo.key_of(str(n)): "x" * 100 for n in range(50)})
    data = path.read_bytes()
    path.write_bytes({
        "garbage": b"\x00\xffnot a pickle at all",
        "truncated": data[: len(data) // 2],
        "empty": b"",
        "other-version": pickle.dumps(((memo.CODE, "2"), {memo.key_of("0"): "stale"})),
        "other-code": pickle.dumps((("another vitrine", "1"), {memo.key_of("0"): "stale"})),
        "not-a-dict": pickle.dumps(((memo.CODE, "1"), ["stale"])),
    }[damage])
    _fresh(tmp_path)
    assert memo.memo("kind").get(memo.key_of("0"), lambda: "made again") == "made again"


class _Payload:
    """A pickle that would run code when loaded by pickle.load."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def test_a_file_that_would_run_code_is_refused(tmp_path):
    marker = tmp_path / "ran"
    path = _saved(tmp_path / "cache", {memo.key_of("a"): "x"})
    path.write_bytes(pickle.dumps(((memo.CODE, "1"), {memo.key_of("a"): _Payload(marker)})))
    _fresh(tmp_path / "cache")
    assert memo.memo("kind").get(memo.key_of("a"), lambda: "made again") == "made again"
    assert not marker.exists()


def test_a_cache_inside_the_content_folder_is_neither_read_nor_written(tmp_path):
    content = tmp_path / "content"
    cache = content / ".cache"
    path = _saved(cache, {memo.key_of("a"): "planted"})  # as if someone wrote it there
    _fresh(cache, content)
    assert memo.memo("kind").get(memo.key_of("a"), lambda: "made") == "made"
    memo.memo("kind").get(memo.key_of("b"), lambda: "new")
    memo.save_all()
    assert memo.read(path, "1") == {memo.key_of("a"): "planted"}  # untouched


def _save_repeatedly(cache: str, tag: str, rounds: int) -> None:
    for round_ in range(rounds):
        _fresh(Path(cache))
        found = memo.memo("kind")
        for n in range(300):
            found.get(memo.key_of(tag, str(n), str(round_)), lambda: tag * 200)
        found.save()


def test_two_builds_saving_at_once_never_leave_a_torn_file(tmp_path):
    context = multiprocessing.get_context("spawn")
    writers = [context.Process(target=_save_repeatedly, args=(str(tmp_path), tag, 15)) for tag in "ab"]
    for writer in writers:
        writer.start()
    path = tmp_path / "memo" / "kind.pickle"
    sizes = []
    while any(writer.is_alive() for writer in writers):
        if path.exists():
            entries = memo.read(path, "1")
            sizes.append(len(entries))  # a torn or half-written file would read as 0 entries
    for writer in writers:
        writer.join()
        assert writer.exitcode == 0
    assert sizes and min(sizes) >= 300
    assert not list(path.parent.glob("*.tmp"))


def test_a_memo_file_that_is_a_fifo_or_a_device_is_never_read(tmp_path):
    """Found by an outsider: a FIFO in place of a memo file hung the build; a link to /dev/zero filled
    the memory. Only an ordinary file is read."""
    import os

    fifo = tmp_path / "fifo.pickle"
    os.mkfifo(fifo)
    device = tmp_path / "zero.pickle"
    device.symlink_to("/dev/zero")
    assert memo.read(fifo, "1") == {} and memo.read(device, "1") == {}
