"""Full build time and peak memory, cold and warm, against plain Pelican on the same content.

    .venv/bin/python bench/bench_build.py [--runs 5] [--big] [--only-big] [--profile FILE]

For the sample content and, with --big, for a generated site (bench/generated_content.py:
the sample plus 1,000 French articles of about 400 words, 100 of them slides, half of those
with a photo). Cold: empty render cache and empty output folder. Warm: the render cache of
the previous build is kept (what the officer's second build sees). Plain Pelican 4.12
builds the same content with its default theme and no plugin. Runs are interleaved so
that a noisy neighbour slows both sides alike; figures are medians, the ratios are
computed from the same run, and the machine's load is printed beside them. Peak memory is
the maximum resident set size of each build process (wait4), median over the runs.

--profile FILE: after the runs, profile one warm build of the largest site (cProfile, the
statistics saved to FILE and the top entries printed).
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


def timed(command: list[str], env: dict) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds (user + system, worker processes included), peak resident memory
    in MiB) of one build in a fresh process."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        _pid, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            log.seek(0)
            sys.exit(f"build failed: {' '.join(command)}\n{log.read().decode(errors='replace')}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def compiled_like_an_install() -> None:
    """Vitrine's modules compiled to bytecode first, as pip compiles Pelican's: with
    PYTHONDONTWRITEBYTECODE set (this workplace sets it), Python would otherwise compile Vitrine's
    75 modules at every build (about 0.1 s) and none of plain Pelican's."""
    import compileall

    compileall.compile_dir(ROOT / "signage", quiet=1)
    compileall.compile_file(ROOT / "pelicanconf.py", quiet=1)
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        print("PYTHONDONTWRITEBYTECODE is set: Vitrine's bytecode was compiled once before the runs")


def bench(name: str, content: Path, runs: int, tmp: Path) -> dict:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    python = sys.executable
    plain_conf = tmp / f"plainconf-{name}.py"
    plain_conf.write_text(PLAIN_SETTINGS.format(content=str(Path(content).resolve())))
    cache = tmp / f"cache-{name}"

    def vitrine(out: Path) -> list[str]:
        return [python, "-m", "pelican", str(content), "-s", "pelicanconf.py", "-o", str(out),
                "-e", f'SIGNAGE_CACHE_PATH="{cache}"']

    def plain(out: Path) -> list[str]:
        return [python, "-m", "pelican", str(content), "-s", str(plain_conf), "-o", str(out)]

    results: dict[str, list[tuple[float, float, float]]] = {
        k: [] for k in ("vitrine_cold", "vitrine_warm", "plain_cold", "plain_warm")}
    loads = []
    for run in range(runs):
        for side, make in (("vitrine", vitrine), ("plain", plain)):
            out = tmp / f"{name}-{side}-{run}"
            shutil.rmtree(cache, ignore_errors=True)
            loads.append(os.getloadavg()[0])
            results[f"{side}_cold"].append(timed(make(out), env))
            # Warm: same cache, a fresh output folder (what `invoke build` does).
            results[f"{side}_warm"].append(timed(make(tmp / f"{name}-{side}-{run}-warm"), env))
            shutil.rmtree(out, ignore_errors=True)
            shutil.rmtree(tmp / f"{name}-{side}-{run}-warm", ignore_errors=True)
    median = {key: tuple(statistics.median(run[i] for run in values) for i in range(3))
              for key, values in results.items()}
    print(f"{name}: {runs} runs each, interleaved, medians (load average 1 min: "
          f"{min(loads):.1f}–{max(loads):.1f} on {os.cpu_count()} cores)")
    for kind in ("cold", "warm"):
        (v, vc, vm), (p, pc, pm) = median[f"vitrine_{kind}"], median[f"plain_{kind}"]
        print(f"  {kind:>4}: vitrine {v:6.2f} s ({vc:6.2f} s CPU) {vm:5.0f} MiB | plain pelican {p:6.2f} s "
              f"({pc:6.2f} s CPU) {pm:5.0f} MiB | ratio {v / p:5.2f}x wall, {vc / pc:5.2f}x CPU, "
              f"{vm / pm:4.2f}x memory", flush=True)
    return {"content": content, "cache": cache, "vitrine": vitrine}


def profile(site: dict, tmp: Path, target: str) -> None:
    """One warm build of `site` under cProfile, in a fresh process; the top entries printed."""
    import pstats

    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    timed(site["vitrine"](tmp / "profile-warm-up"), env)  # fills the render cache
    command = site["vitrine"](tmp / "profiled")
    command[1:3] = ["-m", "cProfile", "-o", target, "-m", "pelican"]
    timed(command, env)
    stats = pstats.Stats(target)
    print(f"\nProfile of one warm build ({target}), by cumulative time:")
    stats.sort_stats("cumulative").print_stats(25)
    print("By own time:")
    stats.sort_stats("tottime").print_stats(25)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--content", default=str(ROOT / "content"))
    parser.add_argument("--big", action="store_true", help="also the generated 1,000-article site")
    parser.add_argument("--only-big", action="store_true", help="only the generated 1,000-article site")
    parser.add_argument("--big-runs", type=int, default=3)
    parser.add_argument("--profile", help="cProfile one warm build of the largest site into this file")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    compiled_like_an_install()
    with tempfile.TemporaryDirectory(prefix="vitrine-bench-") as tmp:
        tmp = Path(tmp)
        site = None
        if not args.only_big:
            site = bench("sample", Path(args.content), args.runs, tmp)
        if args.big or args.only_big:
            from generated_content import generate

            content = generate(tmp / "generated", articles=1000, slides=100)
            site = bench("1,000 articles + 100 slides", content, args.big_runs, tmp)
        if args.profile and site is not None:
            profile(site, tmp, args.profile)


if __name__ == "__main__":
    main()
