"""What a phone downloads: bytes per resource type for the home, a campaign and the hours page.

    .venv/bin/python bench/bench_phone.py [--site OUTPUT] [--camera] [--shots DIR] [--dpr 1]

Builds the sample content (SOURCE_DATE_EPOCH of the tests), serves it on 127.0.0.1 with
Vitrine's dev server, opens each page in Debian's Chromium at 375×812 (a phone), scrolls to
the bottom step by step so that lazy images load, waits for the network to settle, then
counts every response: gzip-equivalent bytes for text (HTML, CSS, JS, SVG, JSON: what
nginx's gzip sends), raw bytes for fonts and images. Goals (issue 12): home ≤ 250 KB,
campaign ≤ 200 KB, hours ≤ 120 KB.

--camera replaces every photo of the sample by a 24-megapixel camera-like JPEG (what an
officer uploads from a phone or a camera) before building: the pages must stay within the
goals whatever the size of the officer's photos.
--shots DIR also saves full-page screenshots at 375 px and 1280 px of the three pages
(to look at before and after a change).
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import CHROMIUM, CHROMIUM_ARGS, PARIS_TZ, SAMPLE_EPOCH  # noqa: E402

PAGES = {"accueil": "/", "campagne": "/prevention/cambriolages/", "horaires": "/horaires-et-acces/"}
GOALS = {"accueil": 250, "campagne": 200, "horaires": 120}  # KB (1,000 bytes)
TEXT = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/manifest+json")


def camera_photos(content: Path) -> None:
    """Every image of content/images/ becomes a 6000×4000 JPEG at quality 92 (a camera's output)."""
    from PIL import Image, ImageFilter

    for path in sorted((content / "images").glob("*.jpg")):
        with Image.open(path) as original:
            big = original.convert("RGB").resize((6000, 4000), Image.BICUBIC)
        # Sensor-like detail, so the JPEG weighs what a real photo weighs (several MB).
        noise = Image.effect_noise((6000, 4000), 40).filter(ImageFilter.GaussianBlur(0.6)).convert("RGB")
        Image.blend(big, noise, 0.18).save(path, "JPEG", quality=92)


def build(content: Path, output: Path, cache: Path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(SAMPLE_EPOCH)}
    proc = subprocess.run([sys.executable, "-m", "pelican", str(content), "-s", str(ROOT / "pelicanconf.py"),
                           "-o", str(output), "-e", f'SIGNAGE_CACHE_PATH="{cache}"', "SIGNAGE_PREVIEW=false"],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    if proc.returncode:
        sys.exit(f"build failed:\n{proc.stdout}\n{proc.stderr}")


def kind_of(content_type: str, url: str) -> str:
    if "html" in content_type:
        return "html"
    if "css" in content_type:
        return "css"
    if "javascript" in content_type or url.endswith(".js"):
        return "js"
    if "font" in content_type or url.endswith((".woff2", ".woff")):
        return "fonts"
    if content_type.startswith("image/"):
        return "images"
    return "other"


def measure(browser, base: str, path: str, width: int, dpr: float, shot: Path | None) -> dict:
    context = browser.new_context(viewport={"width": width, "height": 812}, device_scale_factor=dpr,
                                  locale="fr-FR", timezone_id=PARIS_TZ, is_mobile=width < 600,
                                  has_touch=width < 600)
    page = context.new_page()
    sizes: dict[str, int] = defaultdict(int)
    files: dict[str, int] = {}

    def on_response(response):
        try:
            body = response.body()
        except Exception:  # noqa: BLE001 - a redirect or an aborted request has no body
            return
        content_type = (response.headers.get("content-type") or "").split(";")[0].strip()
        counted = len(gzip.compress(body, 6)) if content_type.startswith(TEXT) else len(body)
        kind = kind_of(content_type, response.url)
        sizes[kind] += counted
        files[response.url.replace(base, "")] = counted

    page.on("response", on_response)
    page.goto(base + path, wait_until="networkidle")
    height = page.evaluate("document.documentElement.scrollHeight")
    for y in range(0, height + 812, 400):
        page.evaluate(f"window.scrollTo(0, {y})")
        page.wait_for_timeout(60)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    if shot is not None:
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(shot), full_page=True)
        if width < 600:  # the design system's scripts at work: the menu, the breadcrumb
            breadcrumb = page.locator(".fr-breadcrumb__button")
            if breadcrumb.count():
                breadcrumb.click()
                page.wait_for_timeout(400)
                page.screenshot(path=str(shot.with_name(shot.stem + "-fil-ariane.png")))
            page.locator("#menu-bouton").click()
            page.wait_for_timeout(400)
            page.screenshot(path=str(shot.with_name(shot.stem + "-menu.png")))
    context.close()
    return {"sizes": dict(sizes), "files": files}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", help="an already built site (default: build the sample)")
    parser.add_argument("--camera", action="store_true", help="24-megapixel photos instead of the sample's")
    parser.add_argument("--shots", help="folder for screenshots at 375 and 1280 px")
    parser.add_argument("--dpr", type=float, default=1.0, help="device pixel ratio of the phone")
    parser.add_argument("--files", action="store_true", help="list every file downloaded")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from signage.workflow.dev_server import make_server

    with tempfile.TemporaryDirectory(prefix="vitrine-bench-phone-") as folder:
        work = Path(folder)
        if args.site:
            site = Path(args.site)
        else:
            content = work / "content"
            shutil.copytree(ROOT / "content", content)
            if args.camera:
                camera_photos(content)
            site = work / "site"
            build(content, site, work / "cache")
        server = make_server(site, "127.0.0.1", 0)
        import threading

        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        shots = Path(args.shots) if args.shots else None
        if shots:
            shots.mkdir(parents=True, exist_ok=True)
        photos = "photos de 24 Mpx" if args.camera else "photos de l'échantillon"
        print(f"Octets téléchargés par un téléphone (375 px, DPR {args.dpr:g}, défilé jusqu'en bas), {photos}, "
              "équivalent gzip pour le texte, en Ko (1 000 octets) :")
        print(f"   {'page':10} {'html':>6} {'css':>6} {'js':>6} {'polices':>8} {'images':>7} {'autres':>7} "
              f"{'total':>7}   objectif")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for name, path in PAGES.items():
                result = measure(browser, base, path, 375, args.dpr, shots / f"{name}-375.png" if shots else None)
                sizes = result["sizes"]
                total = sum(sizes.values())
                verdict = "atteint" if total / 1000 <= GOALS[name] else "NON ATTEINT"
                print(f"   {name:10} " + " ".join(f"{sizes.get(k, 0) / 1000:6.1f}" for k in ("html", "css", "js"))
                      + f" {sizes.get('fonts', 0) / 1000:8.1f} {sizes.get('images', 0) / 1000:7.1f}"
                      f" {sizes.get('other', 0) / 1000:7.1f} {total / 1000:7.1f}   ≤ {GOALS[name]} ({verdict})")
                if args.files:
                    for url, count in sorted(result["files"].items(), key=lambda item: -item[1]):
                        print(f"        {count / 1000:7.1f}  {url}")
                if shots:
                    measure(browser, base, path, 1280, 1.0, shots / f"{name}-1280.png")
            browser.close()
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    main()
