"""The real nginx under a bounded burst: many screens and phones at once, compressed in time.

    .venv/bin/python bench/bench_nginx.py [--site OUTPUT] [--scale 1.0]

The sample site (built first unless --site is given, SOURCE_DATE_EPOCH of the tests) is
published as a release (gzip twins) and served on 127.0.0.1 by Debian's nginx with the shipped
deploy/nginx/vitrine.conf (`signage.workflow.nginx`). Then, all at the same time, with
ApacheBench (`ab`, Debian's apache2-utils; HTTP/1.0 with keep-alive, so nginx sends plain, not
gzip, bodies: a heavier case than browsers), a fixed number of requests each:
- screens: 5,000 revalidations of signage/feed.json (If-None-Match, X-Vitrine-Screen), 200 at
  once: 1,000 screens polling every minute would send 5,000 in 5 minutes;
- phones: 2,000 loads of the home page, 50 at once, and 2,000 of the DSFR stylesheet;
- images: 1,000 slide images (a screen that just took a new feed), 20 at once.
It prints, per stream and in total: requests per second, p50 / p99 latency, errors. Nothing is
asserted: the figures go in the closing note of the change, with the machine they ran on.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import build_site  # noqa: E402
from nginx_helpers import NGINX_CONFIG, publish_copy  # noqa: E402

from signage.workflow.nginx import start_on_free_port  # noqa: E402


def streams(site: Path) -> list[dict]:
    image = sorted((site / "signage" / "assets").glob("*.png"))[0].name
    return [
        {"name": "écrans : feed.json (304)", "path": "/signage/feed.json", "n": 5000, "c": 200,
         "headers": ["If-None-Match: {etag}", "X-Vitrine-Screen: vitrine"]},
        {"name": "téléphones : accueil", "path": "/", "n": 2000, "c": 50, "headers": []},
        {"name": "téléphones : dsfr.min.css", "path": "/theme/dsfr/dsfr.min.css", "n": 2000, "c": 50, "headers": []},
        {"name": "écrans : images", "path": f"/signage/assets/{image}", "n": 1000, "c": 20, "headers": []},
    ]


def ab_command(url: str, stream: dict, scale: float, etag: str) -> list[str]:
    count = max(1, int(stream["n"] * scale))
    command = ["ab", "-q", "-k", "-n", str(count), "-c", str(min(stream["c"], count)), "-s", "30"]
    for header in stream["headers"]:
        command += ["-H", header.format(etag=etag)]
    return [*command, url + stream["path"]]


def parse(output: str) -> dict:
    def number(pattern: str) -> float:
        found = re.search(pattern, output, re.M)
        return float(found[1]) if found else float("nan")

    return {
        "requests": number(r"^Complete requests:\s+(\d+)"),
        "failed": number(r"^Failed requests:\s+(\d+)"),
        "non2xx": number(r"^Non-2xx responses:\s+(\d+)") if "Non-2xx" in output else 0,
        "rps": number(r"^Requests per second:\s+([\d.]+)"),
        "p50": number(r"^\s+50%\s+(\d+)"),
        "p99": number(r"^\s+99%\s+(\d+)"),
        "bytes": number(r"^Total transferred:\s+(\d+)"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the sample)")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every request count")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="vitrine-bench-nginx-") as scratch:
        folder = Path(scratch)
        site = args.site
        if site is None:
            result = build_site(folder / "site")
            if result.returncode != 0:
                sys.exit(result.log)
            site = result.output
        target = publish_copy(site, folder / "release")
        server = start_on_free_port(NGINX_CONFIG, target / "current", folder / "access.json.log")
        try:
            # ab speaks HTTP/1.0, to which nginx (gzip_http_version 1.1) sends the plain files: the
            # feed's ETag is the plain file's, and every body in this bench is uncompressed.
            with urllib.request.urlopen(f"{server.url}/signage/feed.json", timeout=30) as response:
                etag = response.headers["ETag"]
            plan = streams(site)
            started = time.perf_counter()
            running = [(stream, subprocess.Popen(ab_command(server.url, stream, args.scale, etag),
                                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
                       for stream in plan]
            results = []
            for stream, process in running:
                out, err = process.communicate(timeout=600)
                if process.returncode != 0:
                    sys.exit(f"ab a échoué pour {stream['name']} : {err.strip()}")
                results.append((stream, parse(out)))
            wall = time.perf_counter() - started
        finally:
            server.cleanup()
    total = sum(r["requests"] for _, r in results)
    print(f"nginx {nginx_version()} · {os.cpu_count()} cœurs · config deploy/nginx/vitrine.conf · "
          f"{total:.0f} requêtes en {wall:.2f} s (tous les flux en même temps)")
    print(f"{'flux':32} {'requêtes':>9} {'req/s':>9} {'p50 ms':>7} {'p99 ms':>7} {'erreurs':>8} {'non-2xx':>8}")
    for stream, r in results:
        print(f"{stream['name']:32} {r['requests']:>9.0f} {r['rps']:>9.0f} {r['p50']:>7.0f} {r['p99']:>7.0f} "
              f"{r['failed']:>8.0f} {r['non2xx']:>8.0f}")
    print(f"{'ensemble':32} {total:>9.0f} {total / wall:>9.0f}")
    print("(non-2xx : les 304 des écrans sont attendus ; « erreurs » compte les échecs de connexion ou de lecture.)")


def nginx_version() -> str:
    found = subprocess.run(["nginx", "-v"], capture_output=True, text=True).stderr.strip()
    return found.split("/")[-1]


if __name__ == "__main__":
    main()
