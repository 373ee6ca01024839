"""Benchmark of the content guard: what scanning content/ for links, FIFOs and hidden files costs a build.

    .venv/bin/python bench/bench_content_guard.py [--repeat N]

Prints, for the sample content and for a generated folder of 2,000 pages and 2,000 images
(with hidden files beside them), the median time of `core.content_files.refusals` (every entry
lstat'ed, no link followed) side by side with a bare `os.walk` of the same tree (what Pelican's
own walk costs at least), and the ratio.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from signage.core.content_files import refusals  # noqa: E402


def median_ms(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def bare_walk(root: Path) -> int:
    return sum(len(files) for _, _, files in os.walk(root))


def big_tree(folder: Path) -> Path:
    content = folder / "content"
    for kind in ("prevention", "evenements", "pages"):
        (content / kind).mkdir(parents=True)
    (content / "images").mkdir()
    for number in range(2000):
        kind = ("prevention", "evenements", "pages")[number % 3]
        (content / kind / f"page-{number}.md").write_text(f"Title: Page {number}\n\nTexte.\n", encoding="utf-8")
        (content / kind / f"._page-{number}.md").write_bytes(b"\x00" * 32)
        (content / "images" / f"photo-{number}.jpg").write_bytes(b"\xff\xd8\xff" + b"\x00" * 64)
    return content


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=50)
    repeat = parser.parse_args().repeat
    folder = Path(tempfile.mkdtemp(prefix="vitrine-bench-guard-"))
    try:
        trees = {"contenu d'exemple": ROOT / "content", "2 000 pages + 2 000 images": big_tree(folder)}
        print(f"médianes sur {repeat} passages (machine : {os.cpu_count()} cœurs)")
        print(f"{'dossier':<28} {'os.walk':>10} {'refusals':>10} {'rapport':>8}")
        for name, tree in trees.items():
            walk = median_ms(lambda tree=tree: bare_walk(tree), repeat)
            guard = median_ms(lambda tree=tree: refusals(tree), repeat)
            print(f"{name:<28} {walk:>8.2f} ms {guard:>7.2f} ms {guard / walk:>7.1f}×")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
