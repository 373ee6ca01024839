"""Live preview: time from saving a file to the rebuilt pages being served.

For the sample content and for the generated 1,000-article site (bench/generated_content.py),
start the live preview (watchdog, debounce, build, atomic switch, dev server) on a private
copy, then change the TITLE of the newest campaign ten times. Each save is timed until the
new title is served on every page that shows it: the article itself, the home, its category
listing, « Actualités » and the site map (a page found by the first build to show the old
title). Prints the median, min and max of the saves, with how many builds were incremental
(incremental.py) and the machine's load. A second mode saves a body-only change of a page.

    .venv/bin/python bench/bench_live.py [--saves 10] [--only sample|large] [--cache on|off|both]
"""

from __future__ import annotations

import argparse
import io
import os
import re
import shutil
import statistics
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("SOURCE_DATE_EPOCH", "1796115600")  # SAMPLE_NOW: reproducible schedules

from generated_content import generate  # noqa: E402

from signage.workflow import live  # noqa: E402
from signage.workflow.officer_console import french_only  # noqa: E402


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode()


def newest_campaign(output: Path, content: Path) -> tuple[Path, str]:
    """The source and URL path of the first campaign card of the home page (its title is on the home)."""
    home = (output / "index.html").read_text(encoding="utf-8")
    first = re.search(r'<h3 class="fr-card__title"><a href="/(prevention/[^"]+)/">', home).group(1)
    slug = first.rsplit("/", 1)[-1]
    for path in (content / "prevention").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        if re.search(rf"^Slug: {re.escape(slug)}$", text, re.M) or path.stem == slug:
            return path, f"/{first}/"
    raise SystemExit(f"no source for {first}")


def pages_showing(output: Path, title: str) -> list[str]:
    """URL paths of the article, the home, its category page, « Actualités » and the site map showing `title`."""
    from signage.core.typography import escape_text, french

    printed = escape_text(french(title))  # as the pages print it: French typography
    found = []
    for page in sorted(output.rglob("index.html")):
        relative = page.relative_to(output).as_posix()
        if "signage/" in relative:
            continue
        if printed in page.read_text(encoding="utf-8"):
            found.append("/" + relative[: -len("index.html")])
    wanted = [u for u in found if u == "/" or u.startswith(("/actualites/", "/plan-du-site/"))
              or u.count("/") == 2 or u.startswith("/prevention/page/")]
    return wanted


def measure(name: str, content: Path, saves: int, reader_cache: bool) -> None:
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
    source, article_url = newest_campaign(work / "output", content)
    original = source.read_text(encoding="utf-8")
    old_title = re.search(r"^Title: (.*)$", original, re.M).group(1)
    urls = [article_url, *pages_showing(work / "output", old_title)]
    preview.start()
    timings, loads, cpu = [], [], []
    try:
        for number in range(saves + 1):  # the first save warms the reader cache up
            title = f"Campagne repère {number} {time.time_ns() % 10_000_000}"
            loads.append(os.getloadavg()[0])
            begin, begin_cpu = time.perf_counter(), time.process_time()
            source.write_text(original.replace(f"Title: {old_title}", f"Title: {title}", 1), encoding="utf-8")
            pending = list(urls)
            while pending:
                if title in get(base + pending[0]):
                    pending.pop(0)
                else:
                    time.sleep(0.01)
                if time.perf_counter() - begin > 120:
                    raise SystemExit(f"{name}: « {title} » not served on {pending} after 120 s")
            if number:
                timings.append(time.perf_counter() - begin)
                cpu.append(time.process_time() - begin_cpu)
            time.sleep(0.4)
    finally:
        source.write_text(original, encoding="utf-8")
        preview.stop()
        server.shutdown()
        server.server_close()
        shutil.rmtree(work, ignore_errors=True)
    print(f"{name:>16} | reader cache {'on ' if reader_cache else 'off'} | first build {first:6.2f} s | "
          f"title changed → served on {len(urls)} pages ({', '.join(urls[:5])}{' …' if len(urls) > 5 else ''}): "
          f"median {statistics.median(timings):5.2f} s ({statistics.median(cpu):5.2f} s CPU), "
          f"min {min(timings):5.2f} s, max {max(timings):5.2f} s "
          f"({len(timings)} saves, {preview.incremental_builds}/{preview.builds} builds incremental, "
          f"load {min(loads):.1f}–{max(loads):.1f})", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--saves", type=int, default=10)
    parser.add_argument("--only", choices=["sample", "large"])
    parser.add_argument("--cache", choices=["on", "off", "both"], default="on")
    args = parser.parse_args()
    french_only()
    modes = {"on": [True], "off": [False], "both": [True, False]}[args.cache]
    with tempfile.TemporaryDirectory(prefix="vitrine-bench-content-") as folder:
        sample = Path(folder) / "sample" / "content"
        shutil.copytree(ROOT / "content", sample)
        print(f"machine: {os.cpu_count()} CPU, load {os.getloadavg()[0]:.1f}", flush=True)
        for cache in modes:
            if args.only in (None, "sample"):
                measure("sample", sample, args.saves, cache)
            if args.only in (None, "large"):
                large = generate(Path(folder) / "large", articles=1000, slides=100)
                measure("1,000 articles", large, args.saves, cache)


if __name__ == "__main__":
    main()
