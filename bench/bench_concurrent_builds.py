"""Builds started together: rounds of N real `invoke build` (or `publish`) processes at once.

In a private copy of the project (tests/project_helpers.py), after one build that warms the
render cache, each round starts N commands at the same instant and waits for them all; then
output/ (or public/) must resolve to a complete build: every page sitemap.xml lists and every
image the screens' feed names exists. Prints the rounds, builds per round, failed rounds (an
incomplete site, or a command that failed or did not say « Site construit »), how many
commands said they waited, and the round times (median, max).

    .venv/bin/python bench/bench_concurrent_builds.py [--rounds 42] [--together 3] [--command build|publish]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from project_helpers import project_copy, run_invoke, site_problems, start_invoke  # noqa: E402

from signage.workflow.build_lock import WAITING  # noqa: E402

SAID = {"build": ("output", "Site construit dans output/"), "publish": ("public", "Publié localement dans public/")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=42)
    parser.add_argument("--together", type=int, default=3)
    parser.add_argument("--command", choices=sorted(SAID), default="build")
    args = parser.parse_args()
    folder, said = SAID[args.command]
    with tempfile.TemporaryDirectory(prefix="vitrine-concurrent-") as temporary:
        (Path(temporary) / "cache").mkdir()
        project = project_copy(Path(temporary) / "projet", Path(temporary) / "cache")
        first = run_invoke(project, args.command)
        if first.returncode != 0:
            print(first.stderr, file=sys.stderr)
            return 1
        failures, waited, seconds = [], 0, []
        for number in range(1, args.rounds + 1):
            started = time.perf_counter()
            processes = [start_invoke(project, args.command) for _ in range(args.together)]
            results = [(process, *process.communicate(timeout=900)) for process in processes]
            seconds.append(time.perf_counter() - started)
            problems = site_problems(project / folder)
            problems += [f"exit {p.returncode}: {err.strip()[-200:]}" for p, _, err in results if p.returncode]
            problems += ["did not say it built" for p, out, _ in results if not p.returncode and said not in out]
            waited += sum(WAITING in err for _, _, err in results)
            if problems:
                failures.append((number, problems[:3]))
            print(f"round {number:2d}: {seconds[-1]:5.1f} s, {'FAILED ' + '; '.join(problems[:3]) if problems else 'complete'}",
                  flush=True)
    print(f"\nmachine: {platform.node()}, {os.cpu_count()} CPU, Python {platform.python_version()}")
    print(f"command: invoke {args.command}, {args.together} at once")
    print(f"rounds: {args.rounds}   builds per round: {args.together}   builds: {args.rounds * args.together}")
    print(f"failed rounds: {len(failures)}   commands that said they waited: {waited}")
    print(f"round time: median {statistics.median(seconds):.1f} s, max {max(seconds):.1f} s")
    for number, problems in failures:
        print(f"  round {number}: {'; '.join(problems)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
