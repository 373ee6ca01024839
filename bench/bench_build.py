"""Full build time of the sample site, cold and warm, against plain Pelican.

    .venv/bin/python bench/bench_build.py [--runs 5]

Cold: empty render cache and empty output folder. Warm: the render cache of
the previous build is kept (what the officer's second build sees). Plain
Pelican builds the same content with its default theme and no plugin. Runs
are interleaved so that a noisy neighbour slows both sides alike; figures
are medians, and the ratio is computed from the same run.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EPOCH = "1796115600"  # Tuesday 2026-12-01 10:00 Paris, as in the tests

PLAIN_SETTINGS = """
PATH = {content!r}
ARTICLE_PATHS = ["prevention", "recrutement", "evenements", "alertes"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
TIMEZONE = "Europe/Paris"
DEFAULT_LANG = "fr"
PLUGINS = []
FEED_DOMAIN = "http://127.0.0.1:8000"
# The default theme has no `plan-du-site` template: leave that one page out.
IGNORE_FILES = [".#*", "plan-du-site.md"]
"""


def timed(command: list[str], env: dict) -> float:
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"build failed: {' '.join(command)}\n{proc.stdout}\n{proc.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--content", default=str(ROOT / "content"))
    args = parser.parse_args()
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="vitrine-bench-") as tmp:
        tmp = Path(tmp)
        plain_conf = tmp / "plainconf.py"
        plain_conf.write_text(PLAIN_SETTINGS.format(content=str(Path(args.content).resolve())))
        cache = tmp / "cache"

        def vitrine(out: Path) -> list[str]:
            return [python, "-m", "pelican", args.content, "-s", "pelicanconf.py", "-o", str(out),
                    "-e", f'SIGNAGE_CACHE_PATH="{cache}"']

        def plain(out: Path) -> list[str]:
            return [python, "-m", "pelican", args.content, "-s", str(plain_conf), "-o", str(out)]

        results: dict[str, list[float]] = {k: [] for k in ("vitrine_cold", "vitrine_warm", "plain_cold", "plain_warm")}
        for run in range(args.runs):
            for name, make in (("vitrine", vitrine), ("plain", plain)):
                out = tmp / f"{name}-{run}"
                shutil.rmtree(cache, ignore_errors=True)
                results[f"{name}_cold"].append(timed(make(out), env))
                # Warm: same cache, a fresh output folder (what `invoke build` does).
                results[f"{name}_warm"].append(timed(make(tmp / f"{name}-{run}-warm"), env))
                shutil.rmtree(out, ignore_errors=True)
                shutil.rmtree(tmp / f"{name}-{run}-warm", ignore_errors=True)

    median = {key: statistics.median(values) for key, values in results.items()}
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"content: {args.content}, {args.runs} runs each, interleaved, medians")
    for kind in ("cold", "warm"):
        v, p = median[f"vitrine_{kind}"], median[f"plain_{kind}"]
        print(f"{kind:>4}: vitrine {v:6.2f} s   plain pelican {p:6.2f} s   ratio {v / p:5.2f}x")


if __name__ == "__main__":
    main()
