"""core.store.place: a stored file put into an output folder by hard link, never written in place."""

from __future__ import annotations

import os

import pytest

from signage.core.store import place


def test_place_makes_a_missing_folder_and_links_the_file(tmp_path):
    source = tmp_path / "store" / "a.png"
    source.parent.mkdir()
    source.write_bytes(b"image")
    target = tmp_path / "out" / "deep" / "er" / "a.png"
    place(source, target)
    assert os.path.samefile(source, target)
    place(source, target)  # again: nothing to do
    assert os.path.samefile(source, target)


def test_place_replaces_an_older_file_without_writing_into_it(tmp_path):
    source, older = tmp_path / "new.png", tmp_path / "older.png"
    source.write_bytes(b"new")
    older.write_bytes(b"old")
    target = tmp_path / "out" / "a.png"
    target.parent.mkdir()
    os.link(older, target)  # the previous build's file, shared with another folder
    place(source, target)
    assert target.read_bytes() == b"new" and older.read_bytes() == b"old"
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".")]


def test_place_of_a_missing_source_says_so_and_makes_nothing(tmp_path):
    with pytest.raises(FileNotFoundError):
        place(tmp_path / "absent.png", tmp_path / "out" / "a.png")
    assert not (tmp_path / "out" / "a.png").exists()


def test_a_refused_write_leaves_no_partial_file_and_names_the_file(tmp_path):
    """Found by an outsider: a full cache disk was reported as a full output folder (the failed write
    named no file) and left a partial file behind. Here the session's file size limit refuses it."""
    import errno
    import subprocess
    import sys

    script = (
        "import resource, signal, sys\n"
        "from pathlib import Path\n"
        "from signage.core.store import write_atomic\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))\n"
        "target = Path(sys.argv[1])\n"
        "try:\n"
        "    write_atomic(target, b'x' * 100_000)\n"
        "except OSError as exc:\n"
        "    print(exc.errno, exc.filename)\n")
    target = tmp_path / "cache" / "images" / "a.png"
    target.parent.mkdir(parents=True)
    done = subprocess.run([sys.executable, "-c", script, str(target)], capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == [str(errno.EFBIG), str(target)], done.stdout + done.stderr
    assert list(target.parent.iterdir()) == []  # no partial file, no target
