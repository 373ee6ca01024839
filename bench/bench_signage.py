"""Benchmark of the screen loop: render time per slide, build overhead, feed size, encoders.

    .venv/bin/python bench/bench_signage.py [--rounds N] [--repeat N] [--skip-big] [--only-render]

Prints:
1. the median time to lay out, draw and encode one slide, per screen size and kind
   (photo campaign, text-only page, alert, closed slide), each drawn alone; then the time per
   slide per screen when a build draws them (render_many, one process): 20 slides, half with
   their own 2400×1600 photo, on both screens, each photo decoded once for its two screens;
   then those with a photo alone and those without alone;
2. the screen loop's build overhead: the same site built with the screen-loop
   generator (signage_generator.SignageGenerator) and without it, the rest of
   the Vitrine plugin unchanged (the theme cannot build with PLUGINS lacking
   "signage": its Jinja filters come from it). Each round builds once with
   a cold render cache, then without / with (warm cache) / with / without,
   each in a fresh process with plain `pelican`, for the sample content and
   for a generated site of 1,000 articles of which 100 are slides;
3. the size of signage/feed.json (raw and gzip);
4. bytes against time for the encoder settings a slide may use (what cache.py chose from).
Every build pins SOURCE_DATE_EPOCH to the sample's "now"; the machine's load is printed.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EPOCH = "1796115600"  # Tuesday 1 December 2026, 10:00 Paris (tests/conftest.py SAMPLE_NOW)


# --- 1. render time per slide -----------------------------------------------------------

def bench_render(repeat: int) -> None:
    from signage.screens.feed.json_feed import EMERGENCY_NUMBERS
    from signage.screens.generator import CLOSED_TEXT, CLOSED_TITLE, COMPLAINT_CAPTION
    from signage.screens.rendering.cache import encode
    from signage.screens.rendering.draw import Renderer, Spec
    from signage.screens.rendering.fonts import FontSet

    photo = next((ROOT / "content" / "images").glob("*.jpg"), None)
    link = "https://point-accueil-pusey.gendarmerie.interieur.gouv.fr/prevention/cambriolages/"
    common = dict(category="Prévention", title_field="Slide_title", text_field="Slide_text", link=link,
                  short_link=link[8:].rstrip("/"))
    specs = {
        "campagne + photo": Spec(kind="content", identity="prevention", title="Cambriolages\u00a0: fermez à clé",
                                 text="Portes et fenêtres fermées, même pour une courte absence.",
                                 image=str(photo) if photo else None, **common),
        "page sans photo": Spec(kind="content", identity="pages", title="Porter plainte en ligne",
                                text="Vol, dégradation, auteur inconnu\u00a0: déposez plainte en ligne.", **common),
        "alerte": Spec(kind="alert", identity="alertes", title="Faux SMS d’amende\u00a0: ne cliquez pas",
                       text="Aucune amende ne se paie par un lien reçu par SMS.", **common),
        "fermé": Spec(kind="closed", identity="closed", category="", title=CLOSED_TITLE, title_field="",
                      text=CLOSED_TEXT, text_field=None, link="https://www.masecurite.interieur.gouv.fr",
                      short_link=COMPLAINT_CAPTION.format(url="masecurite.interieur.gouv.fr"),
                      extra=tuple((n["number"], n["label"]) for n in EMERGENCY_NUMBERS)),
    }
    with tempfile.TemporaryDirectory() as cache:
        renderer = Renderer(FontSet(cache))
        print(f"1. Rendu d'une diapositive (mise en page + dessin + encodage), médiane de {repeat} :")
        for screen, (width, height) in {"vitrine 1920×1080": (1920, 1080), "totem 1080×1920": (1080, 1920)}.items():
            all_times = []
            for name, spec in specs.items():
                times = []
                for _ in range(repeat):
                    renderer.photos.release()  # each render decodes its photo, as a slide drawn alone does
                    started = time.perf_counter()
                    image, ext = renderer.draw(spec, renderer.layout(spec, width, height))
                    encode(image, ext)
                    times.append(time.perf_counter() - started)
                all_times.extend(times)
                print(f"   {screen:18} {name:18} {statistics.median(times) * 1000:7.0f} ms")
            print(f"   {screen:18} {'toutes':18} {statistics.median(all_times) * 1000:7.0f} ms")
        bench_batch(cache, photo, common)


def bench_batch(cache: str, photo, common: dict, count: int = 20) -> None:
    """A build's way: render_many over `count` slides × 2 screens, half with their own photo."""
    import random

    from PIL import Image, ImageOps

    from signage.screens.rendering.draw import Spec, render_many

    rng = random.Random(12)
    specs = []
    with tempfile.TemporaryDirectory() as folder:
        for number in range(count):
            image = None
            if photo and number % 2 == 0:
                with Image.open(photo) as source:
                    picture = ImageOps.mirror(source.convert("RGB")) if number % 4 else source.convert("RGB")
                image = str(Path(folder) / f"photo-{number}.jpg")
                picture.save(image, "JPEG", quality=88 - number % 5)
            specs.append(Spec(kind="content", identity=rng.choice(["prevention", "recrutement", "pages"]),
                              title=f"Conseil n° {number} : soyez vigilants",
                              text="Un bruit suspect, une voiture qui tourne ? Appelez le 17.",
                              image=image, image_digest=str(number) if image else None, **common))
        screens = ((1920, 1080), (1080, 1920))
        for label, chosen in (("moitié avec photo", specs), ("celles avec photo", [s for s in specs if s.image]),
                              ("celles sans photo", [s for s in specs if not s.image])):
            jobs = [(spec, width, height) for spec in chosen for width, height in screens]
            times, cpu = [], []
            for _ in range(3):
                started, started_cpu = time.perf_counter(), time.process_time()
                results = render_many(jobs, cache, workers=1)
                times.append(time.perf_counter() - started)
                cpu.append(time.process_time() - started_cpu)
                assert all(isinstance(result, tuple) for result in results), results
            per = statistics.median(times) / len(jobs) * 1000
            per_cpu = statistics.median(cpu) / len(jobs) * 1000
            print(f"   lot de {len(chosen)} diapositives × 2 écrans ({label}), un processus : "
                  f"{per:5.1f} ms par diapositive et par écran ({per_cpu:5.1f} ms de CPU ; objectif ≤ 50 ms), "
                  f"charge {os.getloadavg()[0]:.1f}")


# --- 4. encoder settings: bytes against time --------------------------------------------------

def bench_encoders(repeat: int) -> None:
    import io

    from signage.screens.rendering.draw import Renderer, Spec
    from signage.screens.rendering.fonts import FontSet

    photo = next((ROOT / "content" / "images").glob("*.jpg"), None)
    link = "https://point-accueil-pusey.gendarmerie.interieur.gouv.fr/prevention/cambriolages/"
    common = dict(category="Prévention", title_field="Slide_title", text_field="Slide_text", link=link,
                  short_link=link[8:].rstrip("/"))
    with tempfile.TemporaryDirectory() as cache:
        renderer = Renderer(FontSet(cache))
        with_photo = Spec(kind="content", identity="prevention", title="Cambriolages : fermez à clé",
                          text="Portes et fenêtres fermées.", image=str(photo), **common)
        text_only = Spec(kind="content", identity="pages", title="Porter plainte en ligne",
                         text="Vol, dégradation, auteur inconnu : déposez plainte en ligne.", **common)
        jpeg_slide, _ = renderer.draw(with_photo, renderer.layout(with_photo, 1920, 1080))
        png_slide, _ = renderer.draw(text_only, renderer.layout(text_only, 1920, 1080))
    settings = [("JPEG q86 optimize progressive", jpeg_slide, "JPEG", dict(quality=86, optimize=True, progressive=True)),
                ("JPEG q86 optimize", jpeg_slide, "JPEG", dict(quality=86, optimize=True)),
                ("JPEG q86", jpeg_slide, "JPEG", dict(quality=86)),
                ("PNG niveau 9", png_slide, "PNG", dict(compress_level=9)),
                ("PNG niveau 6", png_slide, "PNG", dict(compress_level=6)),
                ("PNG niveau 3", png_slide, "PNG", dict(compress_level=3)),
                ("PNG niveau 1", png_slide, "PNG", dict(compress_level=1))]
    print(f"4. Réglages d'encodage d'une diapositive 1920×1080 (médiane de {repeat}) :")
    for label, image, kind, options in settings:
        times = []
        for _ in range(repeat):
            buffer = io.BytesIO()
            started = time.perf_counter()
            image.save(buffer, kind, **options)
            times.append(time.perf_counter() - started)
        print(f"   {label:32} {statistics.median(times) * 1000:6.1f} ms {len(buffer.getvalue()) / 1024:7.1f} Kio")


# --- 2. build overhead ---------------------------------------------------------------------

RUNNER = """
import sys
import signage, signage.screens.generator as sg
if {without!r}:
    original = signage._get_generators
    signage._get_generators = lambda pelican: [g for g in original(pelican) if g is not sg.SignageGenerator]
from pelican import main
sys.argv = ["pelican"] + {args!r}
main()
"""


def build(content: Path, output: Path, cache: Path, without: bool) -> float:
    args = [str(content), "-s", str(ROOT / "pelicanconf.py"), "-o", str(output), "-q",
            "-e", f'SIGNAGE_CACHE_PATH="{cache}"']
    code = RUNNER.format(root=str(ROOT), without=without, args=args)
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"build failed ({content}):\n{proc.stdout}\n{proc.stderr}")
    return elapsed


def generated_site(target: Path, articles: int = 1000, slides: int = 100) -> Path:
    """The benchmark content of bench/generated_content.py."""
    from generated_content import generate

    return generate(target, articles=articles, slides=slides)


def bench_builds(name: str, content: Path, work: Path, rounds: int) -> Path:
    """Per round: a cold build (fresh cache), then without / warm / warm / without, interleaved."""
    results: dict[str, list[float]] = {"sans la boucle": [], "avec, cache froid": [], "avec, cache chaud": []}
    feed = None
    for round_number in range(rounds):
        out = work / f"out-{name}-{round_number}"
        cache = work / f"cache-{name}-{round_number}"
        results["avec, cache froid"].append(build(content, out / "cold", cache, without=False))
        for step, without in enumerate((True, False, False, True)):
            label = "sans la boucle" if without else "avec, cache chaud"
            results[label].append(build(content, out / f"{step}", cache, without=without))
        feed = out / "1" / "signage" / "feed.json"
    base = statistics.median(results["sans la boucle"])
    print(f"2. Construction « {name} » ({rounds} tour(s), processus neufs, sans/avec entrelacés) :")
    for label, times in results.items():
        print(f"   {label:20} {statistics.median(times):6.1f} s   ×{statistics.median(times) / base:.2f}"
              f"   ({', '.join(f'{t:.1f}' for t in times)})")
    return feed


def feed_size(feed: Path, name: str) -> None:
    data = feed.read_bytes()
    parsed = json.loads(data)
    slides = sum(len(loop["slides"]) + len(loop["alerts"]) for loop in parsed["screens"].values())
    print(f"3. feed.json « {name} » : {len(data) / 1024:.1f} Kio, {len(gzip.compress(data)) / 1024:.1f} Kio "
          f"gzip, {slides} entrées (tous écrans)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1, help="interleaved rounds of builds per site")
    parser.add_argument("--repeat", type=int, default=7, help="renders per slide kind for the median")
    parser.add_argument("--skip-big", action="store_true", help="skip the generated 1,000-article site")
    parser.add_argument("--only-render", action="store_true", help="parts 1 and 4 only")
    options = parser.parse_args()
    print(f"machine : {os.cpu_count()} cœurs, charge {os.getloadavg()[0]:.1f}")
    bench_render(options.repeat)
    bench_encoders(options.repeat)
    if options.only_render:
        return
    with tempfile.TemporaryDirectory(prefix="vitrine-bench-") as folder:
        work = Path(folder)
        sample_feed = bench_builds("échantillon", ROOT / "content", work, options.rounds)
        feed_size(sample_feed, "échantillon")
        if not options.skip_big:
            content = generated_site(work / "big")
            big_feed = bench_builds("1 000 articles, 100 diapositives", content, work, options.rounds)
            feed_size(big_feed, "1 000 articles")


if __name__ == "__main__":
    main()
