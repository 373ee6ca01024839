"""Facts of the sample content (issue 2): current, useful and free of personal data.

Most checks read the site built from `content/` (fixture `sample_site`, pinned
at SAMPLE_NOW); a few read the officer's front matter directly, because they
are about what the officer wrote (categories, dates, screen wording, images).
The detectors used on the site are themselves tested on known good and bad
sentences, so a check cannot pass by matching nothing.
"""

from __future__ import annotations

import re
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from opening_hours import OpeningHours
from pelican.settings import read_settings
from pelican.utils import slugify
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
PARIS = ZoneInfo("Europe/Paris")

# Category folders and the exact `Category:` value the officer must write.
CATEGORIES = {
    "prevention": ("Prévention", 4),
    "recrutement": ("Recrutement", 3),
    "evenements": ("Événements", 3),
    "alertes": ("Alertes", 1),
}
REQUIRED_PAGES = [
    "accueil", "horaires-et-acces", "services", "contact-et-urgences",
    "mentions-legales", "accessibilite", "donnees-personnelles", "plan-du-site",
]
# The latest publication date allowed in the sample (content is "current as of late 2026").
LAST_SAMPLE_DATE = datetime(2026, 11, 28, tzinfo=PARIS)
TEXT_SUFFIXES = {".html", ".xml", ".json", ".rss", ".ics", ".txt"}

# --- Detectors ----------------------------------------------------------------------------

PRE_PLAINTE = re.compile(r"pr[ée]\s*-?\s*plainte", re.IGNORECASE)
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# A French phone number: 10 digits starting with 0 (or +33 and 9 digits), in pairs or not.
# Not inside a longer word or number (content hashes, version strings).
PHONE = re.compile(r"(?<![\w.,+])(?:\+33\s?\(?0?\)?\s?|0)[1-9](?:[\s.\-]?\d{2}){4}(?![\w,])")
CHAT_247 = re.compile(r"tchat.*24\s*h\s*/\s*24.*7\s*j\s*/\s*7", re.IGNORECASE)
HOURS = re.compile(r"lundi au samedi,?\s+de\s+9\s*h\s*(?:à|-|–)\s*19\s*h", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def offers_pre_plainte(sentence: str) -> bool:
    """True when a sentence mentions the pré-plainte other than as replaced in 2024."""
    if not PRE_PLAINTE.search(sentence):
        return False
    return not (re.search(r"remplac", sentence, re.IGNORECASE) and "2024" in sentence)


def sentences(text: str) -> list[str]:
    return [part.strip() for part in SENTENCE_END.split(text) if part.strip()]


INLINE = {"a", "abbr", "b", "code", "em", "i", "mark", "small", "span", "strong", "sub", "sup", "time"}
SKIPPED = {"script", "style", "template"}


class _Reader(HTMLParser):
    """Visible text (blocks separated by new lines), JSON-LD text, and link targets.

    `main_text` and `main_links` keep what is inside `<main>` only: the page's own
    content, without the header and footer every page shares.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []
        self.main_parts: list[str] = []
        self.main_links: list[str] = []
        self._skip = 0
        self._main = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in SKIPPED and attributes.get("type") != "application/ld+json":
            self._skip += 1
        if tag == "main":
            self._main += 1
        if tag not in INLINE:
            self._add("\n")
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
            if self._main:
                self.main_links.append(attributes["href"])

    def handle_endtag(self, tag):
        if tag in SKIPPED and self._skip:
            self._skip -= 1
        if tag not in INLINE:
            self._add("\n")
        if tag == "main" and self._main:
            self._main -= 1

    def handle_data(self, data):
        if not self._skip:
            self._add(data.replace("\n", " "))  # a soft line break inside a block

    def _add(self, text: str) -> None:
        self.parts.append(text)
        if self._main:
            self.main_parts.append(text)

    @staticmethod
    def _clean(parts: list[str]) -> str:
        joined = re.sub(r"[ \t\r\f\v\u00a0\u202f]+", " ", "".join(parts))
        return re.sub(r"\s*\n\s*", "\n", joined).strip()

    @property
    def text(self) -> str:
        return self._clean(self.parts)

    @property
    def main_text(self) -> str:
        return self._clean(self.main_parts)


def read_html(path: Path) -> _Reader:
    reader = _Reader()
    reader.feed(path.read_text(encoding="utf-8"))
    reader.close()
    return reader


def page(site: Path, slug: str) -> _Reader:
    path = site / slug / "index.html"
    assert path.is_file(), f"page manquante dans le site construit : {slug}/index.html"
    reader = read_html(path)
    assert reader.main_text, f"{slug}/index.html : pas de contenu dans <main>"
    return reader


def output_files(site: Path) -> list[Path]:
    """Every text file the build wrote, the theme's copied static files excepted."""
    return [path for path in sorted(site.rglob("*"))
            if path.is_file() and path.suffix in TEXT_SUFFIXES and "theme" not in path.relative_to(site).parts]


def front_matter(path: Path) -> dict[str, str]:
    """The `Key: value` lines at the top of a Markdown file, keys as written."""
    meta: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            break
        key, _, value = line.partition(":")
        meta[key.strip()] = value.strip()
    return meta


def articles() -> list[tuple[str, Path]]:
    return [(folder, path) for folder in CATEGORIES for path in sorted((CONTENT / folder).glob("*.md"))]


# --- The detectors on known sentences ------------------------------------------------------

@pytest.mark.parametrize("sentence, offered", [
    ("Déposez votre pré-plainte en ligne sur le site.", True),
    ("La pre-plainte en ligne vous fait gagner du temps.", True),
    ("Préplainte : gagnez du temps.", True),
    ("Depuis octobre 2024, la plainte en ligne remplace l'ancienne pré-plainte en ligne.", False),
    ("Portez plainte en ligne sur masecurite.interieur.gouv.fr.", False),
])
def test_pre_plainte_detector(sentence, offered):
    assert offers_pre_plainte(sentence) is offered


@pytest.mark.parametrize("text, found", [
    ("Contact : prenom.nom@haute-saone.gouv.fr", True),
    ("Écrivez à accueil-pusey@gendarmerie.interieur.gouv.fr.", True),
    ("Transférez le SMS au 33700.", False),
])
def test_email_detector(text, found):
    assert bool(EMAIL.search(text)) is found


@pytest.mark.parametrize("text, found", [
    ("Tél. : 03.84.77.70.12", True),
    ("Tél. : 03 84 77 70 12", True),
    ("Tél. : 0384777012", True),
    ("Tél. : +33 3 84 77 70 12", True),
    ("Appelez le 17, le 112 ou envoyez un SMS au 114.", False),
    ("Entre 40 000 et 50 000 visiteurs par semaine.", False),
    ("Le samedi 12 décembre 2026, de 10 h à 17 h.", False),
    ("Libre réponse 71120, 75342 Paris CEDEX 07", False),
    ("Écoute : 3919. Signalement des SMS : 33700.", False),
])
def test_phone_detector(text, found):
    assert bool(PHONE.search(text)) is found


# --- The built site ---------------------------------------------------------------------------

def test_every_sample_page_is_built(sample_site):
    missing = [slug for slug in REQUIRED_PAGES if not (sample_site / slug / "index.html").is_file()]
    assert not missing, f"pages absentes du site construit : {missing}"


def test_pre_plainte_never_offered_as_current(sample_site):
    offending = []
    for path in output_files(sample_site):
        text = read_html(path).text if path.suffix == ".html" else path.read_text(encoding="utf-8")
        offending += [f"{path.relative_to(sample_site)} : « {sentence[:120]} »"
                      for sentence in sentences(text) if offers_pre_plainte(sentence)]
    assert not offending, ("la pré-plainte en ligne a été remplacée en octobre 2024 par la plainte en "
                           "ligne ; ne la citer que comme remplacée :\n" + "\n".join(offending))


def test_services_point_to_plainte_en_ligne_and_ma_securite_chat(sample_site):
    services = page(sample_site, "services")
    assert any(link.startswith("https://www.masecurite.interieur.gouv.fr") for link in services.main_links)
    assert re.search(r"plainte en ligne", services.main_text, re.IGNORECASE)
    assert "Ma Sécurité" in services.main_text
    for slug in ("services", "contact-et-urgences"):
        assert any(CHAT_247.search(line) for line in page(sample_site, slug).main_text.splitlines()), \
            f"{slug} : le tchat Ma Sécurité 24 h/24 et 7 j/7 n'est pas mentionné"


@pytest.mark.parametrize("number, topic", [
    ("17", r"police|gendarmerie"),
    ("112", r"européen"),
    ("114", r"SMS"),
])
def test_emergency_numbers_on_contact_page(sample_site, number, topic):
    lines = page(sample_site, "contact-et-urgences").main_text.splitlines()
    assert any(re.search(rf"\b{number}\b", line) and re.search(topic, line, re.IGNORECASE)
               for line in lines), f"le {number} ({topic}) n'est pas présenté sur la page Contact et urgences"


def test_hours_monday_to_saturday_9_to_19(sample_site):
    for slug in ("horaires-et-acces", "services"):
        assert HOURS.search(page(sample_site, slug).main_text.replace("\n", " ")), \
            f"{slug} : « du lundi au samedi, de 9 h à 19 h » est absent"
    # The machine-readable source of the hours says the same thing.
    expression = front_matter(CONTENT / "pages" / "horaires-et-acces.md")["Opening_hours"]
    hours = OpeningHours(expression, timezone=PARIS, country="FR")

    def is_open(moment: str) -> bool:
        return hours.is_open(datetime.fromisoformat(moment).replace(tzinfo=PARIS))

    assert is_open("2026-12-07 09:00") and is_open("2026-12-12 18:59")  # Monday, Saturday
    assert not is_open("2026-12-07 08:59") and not is_open("2026-12-12 19:00")
    assert not is_open("2026-12-13 12:00")  # Sunday
    assert not is_open("2026-12-25 12:00")  # Christmas (public holiday)


def test_no_email_address_nor_phone_number_of_a_person(sample_site):
    found = []
    for path in output_files(sample_site):
        if path.suffix == ".html":
            reader = read_html(path)
            text = reader.text
            found += [f"{path.relative_to(sample_site)} : lien {link}" for link in reader.links
                      if link.lower().startswith("mailto:")
                      or (link.lower().startswith("tel:") and len(re.sub(r"\D", "", link)) > 5)]
        elif path.suffix == ".ics":
            # An iCalendar UID (`UID:slug@domain`, RFC 5545) identifies an event: not an address.
            unfolded = re.sub(r"\r?\n[ \t]", "", path.read_text(encoding="utf-8"))
            text = "\n".join(line for line in unfolded.splitlines() if not line.startswith("UID:"))
        else:
            text = path.read_text(encoding="utf-8")
        found += [f"{path.relative_to(sample_site)} : {match.group(0)}"
                  for pattern in (EMAIL, PHONE) for match in pattern.finditer(text)]
    assert not found, "coordonnées personnelles dans le site construit :\n" + "\n".join(found)


def test_categories_have_their_pages_and_articles(sample_site):
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    for folder, (name, minimum) in CATEGORIES.items():
        slug = slugify(name, regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"])
        path = sample_site / settings["CATEGORY_SAVE_AS"].format(slug=slug)
        assert path.is_file(), f"page de la catégorie {name} absente ({path.relative_to(sample_site)})"
        reader = read_html(path)
        assert name in reader.main_text, f"{path.relative_to(sample_site)} ne nomme pas la catégorie {name}"
        slugs = [front_matter(source)["Slug"] for source in sorted((CONTENT / folder).glob("*.md"))]
        assert len(slugs) >= minimum, f"{folder}/ : {len(slugs)} article(s), au moins {minimum} attendus"
        unlisted = [s for s in slugs if not any(f"/{s}/" in link or link.endswith(f"/{s}.html")
                                                 for link in reader.main_links)]
        assert not unlisted, f"catégorie {name} : articles non listés {unlisted}"


# --- What the officer wrote -------------------------------------------------------------------

@pytest.mark.parametrize("folder, path", articles(), ids=lambda value: getattr(value, "name", value))
def test_article_front_matter(folder, path):
    meta = front_matter(path)
    for key in ("Title", "Date", "Category", "Summary", "Slug"):
        assert meta.get(key), f"{path.name} : clé {key} manquante"
    assert meta["Category"] == CATEGORIES[folder][0], \
        f"{path.name} : Category « {meta['Category']} », attendu « {CATEGORIES[folder][0]} »"
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", meta["Slug"]), f"{path.name} : Slug non ASCII"
    published = datetime.fromisoformat(meta["Date"]).replace(tzinfo=PARIS)
    assert published.year == 2026 and published < LAST_SAMPLE_DATE, f"{path.name} : Date {meta['Date']}"


def _slides() -> list[Path]:
    return [path for path in sorted(CONTENT.rglob("*.md")) if front_matter(path).get("Slide") == "yes"]


def test_campaigns_and_upcoming_events_are_slides():
    slides = {path.relative_to(CONTENT).as_posix() for path in _slides()}
    prevention = {f"prevention/{path.name}" for path in (CONTENT / "prevention").glob("*.md")}
    assert prevention <= slides, f"campagnes sans Slide: yes : {sorted(prevention - slides)}"
    for path in (CONTENT / "evenements").glob("*.md"):
        start = datetime.fromisoformat(front_matter(path)["Event_start"]).replace(tzinfo=PARIS)
        upcoming = start > datetime(2026, 12, 1, 10, tzinfo=PARIS)
        assert (f"evenements/{path.name}" in slides) is upcoming, f"{path.name} : Slide et date de l'événement"


@pytest.mark.parametrize("path", _slides(), ids=lambda value: value.name)
def test_slide_wording_reads_in_two_seconds(path):
    meta = front_matter(path)
    title, text = meta.get("Slide_title", meta["Title"]), meta.get("Slide_text", meta["Summary"])
    assert len(title) <= 40, f"{path.name} : Slide_title de {len(title)} caractères (40 au plus)"
    assert len(text) <= 110, f"{path.name} : Slide_text de {len(text)} caractères (110 au plus)"


@pytest.mark.parametrize("path", [p for p in _slides() if "Slide_image" in front_matter(p)],
                         ids=lambda value: value.name)
def test_slide_images_are_light_landscape_jpegs(path):
    image_path = CONTENT / front_matter(path)["Slide_image"]
    assert image_path.is_file(), f"{path.name} : image {image_path} introuvable"
    assert image_path.stat().st_size < 350_000
    with Image.open(image_path) as image:
        assert image.format == "JPEG"
        width, height = image.size
    assert width >= 2400 and abs(width / height - 1.5) < 0.01
    # One photo, one line: Slide_image is also the page's illustration; the body does not give it again.
    assert f"{{static}}/{front_matter(path)['Slide_image']}" not in path.read_text(encoding="utf-8"), \
        f"{path.name} : la photo de Slide_image est déjà l'illustration de la page, ne la répétez pas dans le texte"
