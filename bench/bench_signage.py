"""Benchmark of the screen loop: render time per slide, build overhead, feed size.

    .venv/bin/python bench/bench_signage.py [--rounds N] [--repeat N] [--skip-big]

Prints:
1. the median time to lay out, draw and encode one slide, per screen size and kind
   (photo campaign, text-only page, alert, closed slide);
2. the screen loop's build overhead: the same site built with the screen-loop
   generator (signage_generator.SignageGenerator) and without it, the rest of
   the Vitrine plugin unchanged (the theme cannot build with PLUGINS lacking
   "signage": its Jinja filters come from it). Each round builds once with
   a cold render cache, then without / with (warm cache) / with / without,
   each in a fresh process with plain `pelican`, for the sample content and
   for a generated site of 1,000 articles of which 100 are slides;
3. the size of signage/feed.json (raw and gzip).
Every build pins SOURCE_DATE_EPOCH to the sample's "now".
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
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
                    started = time.perf_counter()
                    image, ext = renderer.draw(spec, renderer.layout(spec, width, height))
                    encode(image, ext)
                    times.append(time.perf_counter() - started)
                all_times.extend(times)
                print(f"   {screen:18} {name:18} {statistics.median(times) * 1000:7.0f} ms")
            print(f"   {screen:18} {'toutes':18} {statistics.median(all_times) * 1000:7.0f} ms")


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
    """The sample's pages and images, plus `articles` generated articles of which `slides` are slides."""
    content = target / "content"
    shutil.copytree(ROOT / "content" / "pages", content / "pages")
    shutil.copytree(ROOT / "content" / "images", content / "images")
    images = sorted(p.name for p in (content / "images").glob("*.jpg"))
    folder = content / "prevention"
    folder.mkdir(parents=True)
    every = max(1, articles // slides)
    for number in range(articles):
        lines = [f"Title: Conseil de prévention n° {number}", f"Date: 2026-{1 + number % 11:02d}-{1 + number % 27:02d} 09:00",
                 "Category: Prévention", f"Slug: conseil-{number}",
                 f"Summary: Conseil n° {number} : fermez portes et fenêtres, signalez tout comportement suspect."]
        if number % every == 0 and number // every < slides:
            lines += ["Slide: yes", f"Slide_title: Conseil n° {number} : soyez vigilants",
                      "Slide_text: Un bruit suspect, une voiture qui tourne ? Appelez le 17."]
            if images and number % (2 * every) == 0:
                lines.append(f"Slide_image: images/{images[number % len(images)]}")
        body = "\n\n".join(f"Paragraphe {p} du conseil {number}. " * 8 for p in range(4))
        (folder / f"conseil-{number}.md").write_text("\n".join(lines) + "\n\n" + body + "\n", encoding="utf-8")
    return content


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
    options = parser.parse_args()
    bench_render(options.repeat)
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
