"""Deterministic benchmark content: the sample plus N French articles of about 400 words.

    from generated_content import generate
    content = generate(folder, articles=1000, slides=100)

Each article has a heading, a list and a link, a date in 2024–2026, and belongs to one of
the project's categories (Prévention, Recrutement, Événements with Event_start / Event_end /
Location); `slides` of them are slides, half of those with their own photo (2400×1600
JPEG, made from the sample's pictures, shown in the article too). Same arguments, same
bytes: the generator draws from a seeded random.Random, never from the clock.

Run alone, it writes the content folder and prints its size:
    .venv/bin/python bench/generated_content.py OUT [--articles 1000] [--slides 100]
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

WORDS = ["gendarmerie", "prévention", "vigilance", "cambriolage", "voisinage", "conseil", "sécurité", "véhicule", "domicile", "signalement", "accueil", "démarche", "plainte", "téléphone", "internet", "habitants", "commerce", "parking", "vacances", "fenêtre", "serrure", "alarme", "témoin", "patrouille", "brigade", "victime", "escroquerie", "banque", "message", "ordinateur", "famille", "enfants", "quartier", "route", "vitesse", "ceinture", "alcool", "fatigue", "recrutement", "concours", "réserve", "formation", "métier", "mission", "engagement", "citoyen"]
TOPICS = {
    "prevention": ("Prévention", ["Protéger son domicile", "Éviter les arnaques", "Rouler en sécurité",
                                  "Surveiller son véhicule", "Partir en vacances serein"]),
    "recrutement": ("Recrutement", ["Devenir gendarme", "Rejoindre la réserve", "Préparer le concours",
                                    "Découvrir un métier"]),
    "evenements": ("Événements", ["Rencontre au point d'accueil", "Atelier de prévention",
                                  "Permanence recrutement"]),
}
LINKS = ["https://www.masecurite.interieur.gouv.fr", "https://www.lagendarmerierecrute.fr",
         "https://www.service-public.gouv.fr", "{filename}/pages/horaires-et-acces.md"]


def _sentence(rng: random.Random, length: int) -> str:
    words = [rng.choice(WORDS) for _ in range(length)]
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, words: int) -> str:
    sentences, total = [], 0
    while total < words:
        length = rng.randint(8, 18)
        sentences.append(_sentence(rng, length))
        total += length
    return " ".join(sentences)


def _photo(number: int, target: Path, sources: list[Path]) -> None:
    """A distinct 2400×1600 photo per slide: a sample picture, mirrored and tinted by its number."""
    from PIL import Image, ImageDraw, ImageOps

    with Image.open(sources[number % len(sources)]) as source:
        photo = source.convert("RGB").resize((2400, 1600))
    if number % 2:
        photo = ImageOps.mirror(photo)
    tint = Image.new("RGB", photo.size, ((number * 37) % 256, (number * 91) % 256, (number * 53) % 256))
    photo = Image.blend(photo, tint, 0.15)
    ImageDraw.Draw(photo).rectangle((100 + number * 7 % 900, 1200, 500 + number * 7 % 900, 1500),
                                    fill=((number * 13) % 256, 40, 90))
    photo.save(target, "JPEG", quality=88)


def article_text(number: int, rng: random.Random, folder: str, slide: bool, photo: str | None) -> str:
    category, titles = TOPICS[folder]
    title = f"{rng.choice(titles)} : conseil n° {number}"
    year = 2024 + number % 3
    lines = [f"Title: {title}", f"Date: {year}-{1 + number % 12:02d}-{1 + number % 28:02d} {8 + number % 10:02d}:{number % 60:02d}",
             f"Category: {category}", f"Slug: genere-{number:04d}",
             f"Summary: {_sentence(rng, 14)}"]
    if folder == "evenements":
        day = f"2027-{1 + number % 12:02d}-{1 + number % 28:02d}"
        lines += [f"Event_start: {day} 10:00", f"Event_end: {day} 17:00",
                  "Location: Point d'accueil de gendarmerie, parc commercial de Pusey"]
    if slide:
        lines += ["Slide: yes", f"Slide_title: Conseil n° {number}", f"Slide_text: {_sentence(rng, 8)}"]
        if photo:
            lines.append(f"Slide_image: images/{photo}")
    body = []
    if photo:
        body.append(f"![Illustration du conseil n° {number}]({{static}}/images/{photo})")
    body += [_paragraph(rng, 110), f"## {rng.choice(titles)}", _paragraph(rng, 90)]
    body.append("\n".join(f"- {_sentence(rng, rng.randint(6, 12))}" for _ in range(5)))
    link = rng.choice(LINKS)
    body += [_paragraph(rng, 80) + f" Voir [cette page]({link}).", _paragraph(rng, 80)]
    return "\n".join(lines) + "\n\n" + "\n\n".join(body) + "\n"


def generate(target: Path, articles: int = 1000, slides: int = 100, with_sample: bool = True) -> Path:
    """Write the content folder under `target` and return it."""
    content = Path(target) / "content"
    if with_sample:
        shutil.copytree(ROOT / "content", content)
    (content / "images").mkdir(parents=True, exist_ok=True)
    sources = sorted((ROOT / "content" / "images").glob("*.jpg"))
    rng = random.Random(20261201)
    every = max(1, articles // max(1, slides))
    folders = list(TOPICS)
    for number in range(articles):
        folder = folders[number % len(folders)]
        slide = number % every == 0 and number // every < slides
        photo = None
        if slide and (number // every) % 2 == 0:
            photo = f"genere-{number:04d}.jpg"
            _photo(number, content / "images" / photo, sources)
        path = content / folder / "genere" / f"genere-{number:04d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article_text(number, rng, folder, slide, photo), encoding="utf-8")
    return content


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--slides", type=int, default=100)
    args = parser.parse_args()
    content = generate(Path(args.target), args.articles, args.slides)
    files = list(content.rglob("*.md"))
    words = sum(len(f.read_text(encoding="utf-8").split()) for f in files if "genere" in f.name)
    print(f"{content}: {len(files)} fichiers Markdown, {words / max(1, args.articles):.0f} mots par article généré")


if __name__ == "__main__":
    main()
