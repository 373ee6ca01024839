"""Two builds of the same content at the same SOURCE_DATE_EPOCH are byte for byte the same.

Reproducible builds' convention: the output depends on the content and SOURCE_DATE_EPOCH only,
never on the machine's clock, the files' modification times, the render cache or the order a
copy of the folder lists its files in.
"""

from __future__ import annotations

import os
import re
import shutil

from conftest import ROOT, SAMPLE_NOW, build_site


def tree(folder) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_of_the_same_content_are_identical_whatever_the_files_times(sample_site, tmp_path):
    """The session's sample build, then a copy of its content with other file times, another render
    cache and a later wall-clock time: the same bytes."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    for number, path in enumerate(sorted(content.rglob("*"))):  # other times, each file its own
        os.utime(path, (1_500_000_000 + number * 3600, 1_500_000_000 + number * 3600))
    again = build_site(tmp_path / "out", content=content, cache=tmp_path / "cache")
    assert again.returncode == 0, again.log
    built_a, built_b = tree(sample_site), tree(tmp_path / "out")
    assert sorted(built_a) == sorted(built_b)
    assert [name for name in built_a if built_a[name] != built_b[name]] == []
    # A page with no date of its own (the home, the lists) is dated by the build's clock, not the machine's.
    sitemap = built_a["sitemap.xml"].decode()
    home = re.search(r"<loc>/</loc>\s*<lastmod>([^<]+)</lastmod>", sitemap)
    assert home and home.group(1) == SAMPLE_NOW
