"""The window player on the built sample site: bandwidth, memory and CPU over simulated days.

    .venv/bin/python bench/bench_player.py [--site OUTPUT] [--hours 24] [--shots DIR]

- bytes per poll when nothing changed (request + response, counted at the server);
- JS heap (after a forced GC) at the start, after 1 h and after `--hours` of play on
  Playwright's clock (the sample feed, screen `vitrine`, from its generated_at: a
  Tuesday 10:00, so the run crosses closing time, the night and the next morning);
- CPU per slide change: Chromium's TaskDuration and ScriptDuration (CDP Performance)
  over the run divided by the changes, minus the same harness driving a feed whose one
  slide never changes (the ticks, the band and Playwright's own calls);
- screenshots at 1920x1080 (vitrine) and 1080x1920 (totem): open, closed, alert.

Without --site the sample content is built first (SOURCE_DATE_EPOCH of the tests).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from conftest import CHROMIUM, CHROMIUM_ARGS, PARIS_TZ, build_site  # noqa: E402
from player_helpers import (  # noqa: E402
    ClockedServer,
    FeedBuilder,
    Player,
    browser_metrics,
    dom_nodes,
    paris,
    player_site,
    span,
    wait_until,
)


def new_page(browser, width, height):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="fr-FR",
                                  timezone_id=PARIS_TZ)
    return context, context.new_page()


def play(player: Player, hours: float, marks: list[float], cdp) -> list[dict]:
    """Play `hours` one slide at a time; a metrics snapshot at each mark (in hours)."""
    page = player.page
    start = page.evaluate("Date.now()")
    snapshots, pending = [], sorted(marks)
    while pending:
        elapsed_h = (page.evaluate("Date.now()") - start) / 3.6e6
        if elapsed_h >= pending[0]:
            metrics = browser_metrics(cdp)
            metrics["changes"] = page.evaluate("Number(document.body.dataset.changes || 0)")
            metrics["elements"] = dom_nodes(page)
            metrics["hours"] = elapsed_h
            metrics["wall"] = time.perf_counter()
            snapshots.append(metrics)
            pending.pop(0)
            continue
        player.step(10)
    return snapshots


def bench_polls(browser, site: Path, start: datetime, polls: int) -> dict:
    server = ClockedServer(site, start)
    context, page = new_page(browser, 640, 360)
    try:
        player = Player(page, server)
        player.open(start)
        poll = json.loads((site / "signage" / "feed.json").read_text())["poll_seconds"]
        for count in range(2, polls + 2):
            player.step(poll)
            wait_until(page, f"Number(document.body.dataset.polls) >= {count}")
        sent = server.feed_bytes
        received = server.feed_request_bytes
        pairs = [(back, out) for (status, out), back in zip(sent[1:], received[1:], strict=False) if status == 304]
        return {"first": sent[0][1] + received[0], "first_status": int(sent[0][0]),
                "unchanged": [back + out for back, out in pairs],
                "request": statistics.median(back for back, _ in pairs),
                "response": statistics.median(out for _, out in pairs),
                "statuses": sorted({int(s) for s, _ in sent[1:]})}
    finally:
        context.close()
        server.stop()


def bench_memory_cpu(browser, site: Path, start: datetime, hours: float) -> dict:
    server = ClockedServer(site, start)
    context, page = new_page(browser, 1920, 1080)
    try:
        player = Player(page, server)
        player.open(start)
        cdp = page.context.new_cdp_session(page)
        cdp.send("Performance.enable")
        marks = [0.25, 1.0, hours] if hours > 1 else [0.25, hours]
        snaps = play(player, hours, marks, cdp)
        return {"snapshots": snaps}
    finally:
        context.close()
        server.stop()


def bench_baseline(browser, steps: int) -> dict:
    """The same harness on a feed whose single slide never changes."""
    with tempfile.TemporaryDirectory(prefix="vitrine-bench-player-") as tmp:
        site = player_site(Path(tmp))
        builder = FeedBuilder(site, size=(1920, 1080))
        t0 = paris("2026-12-01 10:00")
        builder.write(builder.feed([builder.slide("seule", [span(t0 - timedelta(days=1), t0 + timedelta(days=9))],
                                                  duration=10 ** 7)]))
        server = ClockedServer(site, t0)
        context, page = new_page(browser, 1920, 1080)
        try:
            player = Player(page, server)
            player.open(t0)
            cdp = page.context.new_cdp_session(page)
            cdp.send("Performance.enable")
            before = browser_metrics(cdp, collect=False)
            for _ in range(steps):
                player.step(10)
            after = browser_metrics(cdp, collect=False)
            return {key: after[key] - before[key] for key in ("TaskDuration", "ScriptDuration")}
        finally:
            context.close()
            server.stop()


def screenshots(browser, site: Path, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    moments = {"ouvert": "2026-12-01 10:00", "ferme": "2026-12-01 20:00", "alerte": "2026-12-05 10:00"}
    written = []
    for screen, (width, height) in {"vitrine": (1920, 1080), "totem": (1080, 1920)}.items():
        for name, moment in moments.items():
            at = paris(moment)
            server = ClockedServer(site, at)
            context, page = new_page(browser, width, height)
            try:
                player = Player(page, server, screen)
                player.open(at)
                for _ in range(30):
                    if name != "ferme" or player.slide() == "closed":
                        break
                    player.step(10)
                page.wait_for_timeout(1000)  # let the cross-fade finish (real time)
                path = folder / f"player-{screen}-{name}.png"
                page.screenshot(path=str(path))
                written.append(path)
            finally:
                context.close()
                server.stop()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", help="a built output folder (default: build the sample)")
    parser.add_argument("--hours", type=float, default=24.0)
    parser.add_argument("--polls", type=int, default=10)
    parser.add_argument("--shots", default="/tmp/vitrine-player-shots")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="vitrine-bench-site-") as tmp:
        if args.site:
            site = Path(args.site)
        else:
            site = Path(tmp) / "output"
            result = build_site(site, cache=Path(tmp) / "cache")
            if result.returncode:
                sys.exit(result.log)
        feed = json.loads((site / "signage" / "feed.json").read_text())
        start = datetime.fromisoformat(feed["generated_at"])
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            polls = bench_polls(browser, site, start, args.polls)
            print(f"feed.json first download: {polls['first']} bytes (HTTP {polls['first_status']}); "
                  f"unchanged polls: HTTP {polls['statuses']}, median {statistics.median(polls['unchanged']):.0f} "
                  f"bytes each (request {polls['request']:.0f} + response {polls['response']:.0f}, headers only; "
                  f"{len(polls['unchanged'])} polls)")
            wall = time.perf_counter()
            run = bench_memory_cpu(browser, site, start, args.hours)
            snaps = run["snapshots"]
            for snap in snaps:
                print(f"after {snap['hours']:5.2f} h of play: JS heap {snap['JSHeapUsedSize'] / 1e6:.2f} MB used "
                      f"/ {snap['JSHeapTotalSize'] / 1e6:.2f} MB total, DOM elements {snap['elements']}, "
                      f"Nodes {snap['Nodes']:.0f}, listeners {snap['JSEventListeners']:.0f}, "
                      f"slide changes {snap['changes']}")
            first, last = snaps[0], snaps[-1]
            changes = last["changes"] - first["changes"]
            steps = round((last["hours"] - first["hours"]) * 360)
            base = bench_baseline(browser, steps)
            task = (last["TaskDuration"] - first["TaskDuration"])
            script = (last["ScriptDuration"] - first["ScriptDuration"])
            print(f"CPU over {changes} changes ({steps} harness steps, {time.perf_counter() - wall:.0f} s wall): "
                  f"TaskDuration {task * 1000 / changes:.2f} ms/change, ScriptDuration "
                  f"{script * 1000 / changes:.2f} ms/change (raw, harness included)")
            print(f"  harness alone (one slide, no change, {steps} steps): TaskDuration "
                  f"{base['TaskDuration'] * 1000 / steps:.2f} ms/step, ScriptDuration "
                  f"{base['ScriptDuration'] * 1000 / steps:.2f} ms/step")
            print(f"  net per slide change: TaskDuration {(task - base['TaskDuration']) * 1000 / changes:.2f} ms, "
                  f"ScriptDuration {(script - base['ScriptDuration']) * 1000 / changes:.2f} ms")
            shots = screenshots(browser, site, Path(args.shots))
            print("screenshots:", " ".join(str(path) for path in shots))
            browser.close()


if __name__ == "__main__":
    main()
