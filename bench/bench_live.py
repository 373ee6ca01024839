"""Live preview: time from saving a file to the rebuilt page being served.

For the sample content and for a generated 1,000-article site (sample + 1,000
articles), start the live preview (watchdog, debounce, build_and_swap, dev
server) on a private copy, then save a file ten times and poll the page over
HTTP until the new text is served. Prints the median, min and max of 10 saves,
with Vitrine's in-memory reader cache on and off.

    .venv/bin/python bench/bench_live.py [--saves 10] [--only sample|large]
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("SOURCE_DATE_EPOCH", "1796115600")  # SAMPLE_NOW: reproducible schedules

from signage.workflow import live  # noqa: E402
from signage.workflow.officer_console import french_only  # noqa: E402

WORDS = ["gendarmerie", "prévention", "vigilance", "cambriolage", "voisinage", "conseil", "sécurité", "véhicule", "domicile", "signalement", "accueil", "démarche", "plainte", "téléphone", "internet"]


def generate_articles(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        body = "\n\n".join(" ".join(WORDS[(number + i * 7 + j) % len(WORDS)] for j in range(60)).capitalize() + "."
                           for i in range(5))
        (folder / f"article-{number:04d}.md").write_text(
            f"Title: Article généré numéro {number}\nDate: 2026-{(number % 11) + 1:02d}-{(number % 27) + 1:02d} 09:00\n"
            f"Category: Prévention\nSlug: article-genere-{number:04d}\n"
            f"Summary: Article de test numéro {number}.\n\n## Conseils\n\n{body}\n", encoding="utf-8")


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode()


def measure(name: str, content: Path, page: Path, url_path: str, saves: int, reader_cache: bool) -> list[float]:
    work = Path(tempfile.mkdtemp(prefix=f"vitrine-bench-live-{name}-"))
    live.MEMORY_READER_CACHE = reader_cache
    preview = live.LivePreview(str(ROOT / "pelicanconf.py"), work / "output", [content],
                               overrides={**live.live_overrides(ROOT / "pelicanconf.py", content),
                                          "SIGNAGE_CACHE_PATH": str(work / "render-cache")},
                               out=io.StringIO())
    server = live.make_live_server(work / "output", preview.state, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    started = time.perf_counter()
    assert preview.build("bench"), preview.state.problems
    first = time.perf_counter() - started
    preview.start()
    timings = []
    original = page.read_text(encoding="utf-8")
    try:
        for number in range(saves + 1):  # the first save warms the reader cache up
            marker = f"Repère de mesure {name} {number} {time.time_ns()}"
            begin = time.perf_counter()
            page.write_text(original + f"\n{marker}\n", encoding="utf-8")
            while marker not in get(base + url_path):
                time.sleep(0.01)
            if number:
                timings.append(time.perf_counter() - begin)
            time.sleep(0.3)
    finally:
        page.write_text(original, encoding="utf-8")
        preview.stop()
        server.shutdown()
        server.server_close()
        shutil.rmtree(work, ignore_errors=True)
    print(f"{name:>22} | reader cache {'on ' if reader_cache else 'off'} | first build {first:6.2f} s | "
          f"save → served: median {statistics.median(timings):6.2f} s, min {min(timings):6.2f} s, "
          f"max {max(timings):6.2f} s ({len(timings)} saves)", flush=True)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--saves", type=int, default=10)
    parser.add_argument("--only", choices=["sample", "large"])
    parser.add_argument("--cache", choices=["on", "off", "both"], default="both")
    args = parser.parse_args()
    french_only()
    modes = {"on": [True], "off": [False], "both": [True, False]}[args.cache]
    with tempfile.TemporaryDirectory(prefix="vitrine-bench-content-") as folder:
        sample = Path(folder) / "sample"
        shutil.copytree(ROOT / "content", sample)
        large = Path(folder) / "large"
        shutil.copytree(ROOT / "content", large)
        generate_articles(large / "prevention" / "genere", 1000)
        print(f"machine: {os.cpu_count()} CPU, load {os.getloadavg()[0]:.1f}", flush=True)
        for cache in modes:
            if args.only in (None, "sample"):
                measure("sample", sample, sample / "pages" / "horaires-et-acces.md", "/horaires-et-acces/",
                        args.saves, cache)
            if args.only in (None, "large"):
                measure("1,000 articles", large, large / "prevention" / "genere" / "article-0500.md",
                        "/prevention/article-genere-0500/", args.saves, cache)


if __name__ == "__main__":
    main()
