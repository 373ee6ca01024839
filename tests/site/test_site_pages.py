"""The sample site, built from content/: every page of issue 2, DSFR frame, no broken link.

A link checker walks every page and stylesheet of the output: each internal
href/src/srcset/url() must name a file of the output, and each #anchor an id
of its target. The canonical URL (production origin) must name a page too.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from conftest import build_site

import pelicanconf
from signage.core.typography import french

# Folders of the output that are not pages of the public site (screen player, feeds, assets).
NOT_SITE_PAGES = {"signage", "theme", "player", "flux", "images"}

EXPECTED_PAGES = {
    "index.html": "home",
    "horaires-et-acces/index.html": "Horaires et accès",
    "services/index.html": "Services",
    "contact-et-urgences/index.html": "Contact et urgences",
    "mentions-legales/index.html": "Mentions légales",
    "accessibilite/index.html": "Déclaration d'accessibilité",
    "donnees-personnelles/index.html": "Données personnelles",
    "plan-du-site/index.html": "Plan du site",
    "prevention/index.html": "category Prévention",
    "recrutement/index.html": "category Recrutement",
    "evenements/index.html": "category Événements",
    "actualites/index.html": "Actualités",
    "404.html": "page not found",
}
EXPECTED_FILES = ["robots.txt", "sitemap.xml", "flux/actualites.atom.xml"]
MANDATORY_FOOTER_LINKS = {
    "Plan du site": "plan-du-site/index.html",
    "Accessibilité : non conforme": "accessibilite/index.html",
    "Mentions légales": "mentions-legales/index.html",
    "Données personnelles": "donnees-personnelles/index.html",
}
MAIN_NAV = ["Accueil", "Horaires et accès", "Services", "Prévention", "Recrutement",
            "Événements", "Contact et urgences"]
URL_ATTRIBUTES = {"href", "src", "poster", "data", "action", "formaction"}


class Page(HTMLParser):
    """What the checks need from one HTML file: lang, h1s, ids, links, landmarks."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.lang = None
        self.h1 = 0
        self.ids: set[str] = set()
        self.urls: list[tuple[str, str, str]] = []  # (tag, attribute, url)
        self.classes: set[str] = set()
        self.canonical = None
        self._stack: list[tuple[str, dict]] = []
        self.anchors: list[tuple[str, str, list[str]]] = []  # (href, text, ancestor classes)
        self._open_links: list[list] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attributes = {name: (value or "") for name, value in attrs}
        if tag == "html":
            self.lang = attributes.get("lang")
        if tag == "h1":
            self.h1 += 1
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a" and "name" in attributes:
            self.ids.add(attributes["name"])
        self.classes.update(attributes.get("class", "").split())
        for name, value in attributes.items():
            if name in URL_ATTRIBUTES or name == "xlink:href":
                self.urls.append((tag, name, value.strip()))
            elif name in ("srcset", "imagesrcset"):
                for candidate in value.split(","):
                    if candidate.strip():
                        self.urls.append((tag, name, candidate.strip().split()[0]))
        if tag == "link" and "canonical" in attributes.get("rel", "").split():
            self.canonical = attributes.get("href")
        if tag == "a":
            ancestors = [cls for _, a in self._stack for cls in a.get("class", "").split()]
            self._open_links.append([attributes.get("href", ""), "", ancestors])
        if tag not in ("br", "img", "meta", "link", "input", "hr", "source", "wbr", "col", "area", "base"):
            self._stack.append((tag, attributes))

    def handle_endtag(self, tag):
        if tag == "a" and self._open_links:
            href, text, ancestors = self._open_links.pop()
            self.anchors.append((href, " ".join(text.split()), ancestors))
        for index in range(len(self._stack) - 1, -1, -1):
            if self._stack[index][0] == tag:
                del self._stack[index:]
                break

    def handle_data(self, data):
        for link in self._open_links:
            link[1] += data


def site_pages(output: Path) -> list[Path]:
    return sorted(p for p in output.rglob("*.html")
                  if p.relative_to(output).parts[0] not in NOT_SITE_PAGES)


def url_of(output: Path, file: Path) -> str:
    relative = file.relative_to(output).as_posix()
    return "/" + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)


def target_file(output: Path, path: str) -> Path:
    path = unquote(path)
    candidate = output / path.lstrip("/")
    if path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate


def is_internal(url: str) -> bool:
    if not url or url.startswith(("#", "data:", "mailto:", "tel:", "sms:")):
        return url.startswith("#")
    return not re.match(r"^[a-z][a-z0-9+.-]*:|^//", url, re.IGNORECASE)


def ids_of(file: Path, cache: dict) -> set[str]:
    if file not in cache:
        text = file.read_text(encoding="utf-8", errors="replace")
        if file.suffix == ".html":
            cache[file] = Page(text).ids
        else:  # SVG sprites and the like
            cache[file] = set(re.findall(r'\bid="([^"]+)"', text))
    return cache[file]


def broken_links(output: Path) -> list[str]:
    """Every internal reference of every page and stylesheet that names no file (or no anchor)."""
    problems: list[str] = []
    id_cache: dict = {}
    public = pelicanconf.PUBLIC_SITEURL.rstrip("/")
    for file in sorted(output.rglob("*.html")):
        page = Page(file.read_text(encoding="utf-8", errors="replace"))
        id_cache[file] = page.ids
        base = url_of(output, file)
        references = list(page.urls)
        if page.canonical and page.canonical.startswith(public):
            references.append(("link", "canonical", page.canonical[len(public):] or "/"))
        for tag, attribute, url in references:
            if not is_internal(url):
                continue
            absolute = urljoin(base, url)
            parts = urlsplit(absolute)
            target = file if url.startswith("#") else target_file(output, parts.path)
            where = f"{file.relative_to(output)}: <{tag} {attribute}=\"{url}\">"
            if not target.is_file():
                problems.append(f"{where} -> missing {target.relative_to(output)}")
            elif parts.fragment and target.suffix in (".html", ".svg") \
                    and unquote(parts.fragment) not in ids_of(target, id_cache):
                problems.append(f"{where} -> no id #{parts.fragment} in {target.relative_to(output)}")
    for sheet in sorted(output.rglob("*.css")):
        text = sheet.read_text(encoding="utf-8", errors="replace")
        for url in re.findall(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""", text):
            if url.startswith("data:") or not is_internal(url):
                continue
            target = (sheet.parent / unquote(url.split("#")[0].split("?")[0])).resolve()
            if not target.is_file():
                problems.append(f"{sheet.relative_to(output)}: url({url}) -> missing file")
    return problems


# --- the checks -----------------------------------------------------------------------


def test_every_page_of_the_issue_is_built(sample_site):
    missing = [f"{path} ({what})" for path, what in EXPECTED_PAGES.items()
               if not (sample_site / path).is_file()]
    missing += [path for path in EXPECTED_FILES if not (sample_site / path).is_file()]
    assert not missing, "pages absentes : " + ", ".join(missing)
    for category, at_least in (("prevention", 4), ("recrutement", 3), ("evenements", 3)):
        articles = list((sample_site / category).glob("*/index.html"))
        assert len(articles) >= at_least, f"{category}: {len(articles)} article(s)"


def test_robots_points_to_the_sitemap(sample_site):
    robots = (sample_site / "robots.txt").read_text(encoding="utf-8")
    assert re.search(r"^Sitemap: https?://\S+/sitemap\.xml$", robots, re.MULTILINE), robots
    assert "User-agent: *" in robots


@pytest.fixture(scope="module")
def parsed_pages(sample_site):
    return {file: Page(file.read_text(encoding="utf-8")) for file in site_pages(sample_site)}


def test_every_page_is_french_with_one_h1(sample_site, parsed_pages):
    assert len(parsed_pages) >= len(EXPECTED_PAGES)
    wrong = []
    for file, page in parsed_pages.items():
        if page.lang != "fr":
            wrong.append(f"{file.relative_to(sample_site)}: lang={page.lang!r}")
        if page.h1 != 1:
            wrong.append(f"{file.relative_to(sample_site)}: {page.h1} <h1>")
    assert not wrong, "\n".join(wrong)


def test_every_page_has_the_dsfr_header_and_footer(sample_site, parsed_pages):
    wrong = []
    for file, page in parsed_pages.items():
        name = file.relative_to(sample_site)
        text = file.read_text(encoding="utf-8")
        for needed in ("fr-header", "fr-header__brand", "fr-logo", "fr-header__service-title",
                       "fr-footer", "fr-footer__bottom", "fr-skiplinks", "fr-nav"):
            if needed not in page.classes:
                wrong.append(f"{name}: no .{needed}")
        if not re.search(r'class="fr-logo">\s*République\s*<br>\s*Française\s*</p>', text):
            wrong.append(f"{name}: bloc-marque « République Française » missing")
        if "Gendarmerie<br>nationale" not in text and "Gendarmerie nationale" not in text:
            wrong.append(f"{name}: operator « Gendarmerie nationale » missing")
        if french(pelicanconf.SITENAME) not in text:  # typeset: « Point d’accueil »
            wrong.append(f"{name}: service title missing")
        footer = {text_: href for href, text_, ancestors in page.anchors if "fr-footer__bottom" in ancestors}
        for label, target in MANDATORY_FOOTER_LINKS.items():
            href = footer.get(label)
            if href is None:
                wrong.append(f"{name}: footer link « {label} » missing")
            elif target_file(sample_site, urlsplit(urljoin(url_of(sample_site, file), href)).path) \
                    != sample_site / target:
                wrong.append(f"{name}: footer link « {label} » goes to {href}")
        nav = [text_ for href, text_, ancestors in page.anchors if "fr-nav" in ancestors]
        if nav != MAIN_NAV:
            wrong.append(f"{name}: main navigation is {nav}")
        skip = [href for href, _, ancestors in page.anchors if "fr-skiplinks" in ancestors]
        for href in skip:
            if href.lstrip("#") not in page.ids:
                wrong.append(f"{name}: skip link {href} has no target")
    assert not wrong, "\n".join(wrong[:40])


def test_inner_pages_have_a_breadcrumb(sample_site, parsed_pages):
    without = [str(f.relative_to(sample_site)) for f, page in parsed_pages.items()
               if f != sample_site / "index.html" and f.name != "404.html"
               and "fr-breadcrumb" not in page.classes]
    assert not without, without


def test_canonical_urls_are_absolute_on_the_public_site(sample_site, parsed_pages):
    public = pelicanconf.PUBLIC_SITEURL.rstrip("/")
    wrong = [f"{f.relative_to(sample_site)}: {page.canonical}" for f, page in parsed_pages.items()
             if not (page.canonical or "").startswith(public + "/")]
    assert not wrong, wrong
    home = parsed_pages[sample_site / "index.html"]
    assert home.canonical == public + "/"


def test_dates_are_in_french(sample_site):
    text = (sample_site / "actualites" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) (1er|\d{1,2}) "
                     r"(janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4}",
                     text)
    assert not re.search(r"\b(Monday|Tuesday|January|February|October|November|December)\b", text)


def test_no_internal_link_to_a_missing_file(sample_site):
    problems = broken_links(sample_site)
    assert not problems, f"{len(problems)} lien(s) cassé(s) :\n" + "\n".join(problems[:50])


def test_link_checker_finds_broken_links(tmp_path):
    """The checker itself: a missing page, a missing anchor and a missing CSS url() are found."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<html lang="fr"><body><h1 id="top">A</h1><a href="/b/">b</a><a href="#nowhere">x</a>'
        '<a href="/a/#top">ok</a><img src="../img.png" alt=""><a href="https://example.org/">ext</a>'
        '</body></html>', encoding="utf-8")
    (tmp_path / "style.css").write_text(".x{background:url(fonts/missing.woff2)}", encoding="utf-8")
    problems = broken_links(tmp_path)
    assert any("/b/" in p and "missing" in p for p in problems)
    assert any("#nowhere" in p for p in problems)
    assert any("img.png" in p for p in problems)
    assert any("missing.woff2" in p for p in problems)
    assert not any("#top" in p or "example.org" in p for p in problems)


def test_home_has_quick_access_campaigns_events_and_recruitment(sample_site, parsed_pages):
    home = parsed_pages[sample_site / "index.html"]
    tiles = {text: href for href, text, ancestors in home.anchors if "fr-tile" in ancestors}
    assert set(tiles) == {"Horaires et accès", "Plainte en ligne", "Opération Tranquillité Vacances",
                          "Contact et urgences"}, tiles
    assert tiles["Plainte en ligne"].startswith("https://www.masecurite.interieur.gouv.fr")
    assert tiles["Horaires et accès"] == "/horaires-et-acces/"
    cards = [href for href, _, ancestors in home.anchors if "fr-card" in ancestors]
    assert sum(href.startswith("/prevention/") for href in cards) == 3
    assert any(href.startswith("/evenements/") for href in cards)
    text = (sample_site / "index.html").read_text(encoding="utf-8")
    assert "fr-callout" in text and "La gendarmerie recrute" in text
    # The hidden page `accueil` gives the home its introduction (and its title, the page's h1).
    assert 'class="vitrine-hero__intro fr-mt-3w"' in text


# --- The home's upcoming events come from the events module ----------------------------------

TODAY_EVENT = """Title: Permanence de la journée
Date: 2026-11-20 09:00
Category: Événements
Slug: permanence-du-jour
Summary: Une permanence toute la journée du mardi 1er décembre 2026.
Event_start: 2026-12-01
Location: Point d'accueil de gendarmerie
"""
# `10h00` is a time the events module accepts (the page, .ics and agenda are built from it).
HOUR_H_EVENT = """Title: Réunion publique
Date: 2026-11-21 09:00
Category: Événements
Slug: reunion-publique
Summary: Une réunion publique le samedi 5 décembre.
Event_start: 2026-12-05 10h00
Event_end: 2026-12-05 12h00
Location: Salle des fêtes
"""


class HomeEvents(HTMLParser):
    """Title and <time> (datetime, text) of each card of the home's « Événements à venir »."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.cards: list[dict] = []
        self._in_section = False
        self._depth = 0
        self._field = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "section" and attributes.get("aria-labelledby") == "titre-evenements":
            self._in_section = True
        if not self._in_section:
            return
        if tag == "section":
            self._depth += 1
        if "fr-card__title" in (attributes.get("class") or "").split():
            self.cards.append({"title": "", "time": "", "datetime": None})
            self._field = "title"
        if tag == "time" and self.cards:
            self.cards[-1]["datetime"] = attributes.get("datetime")
            self._field = "time"

    def handle_endtag(self, tag):
        if self._in_section and tag == "section":
            self._depth -= 1
            self._in_section = self._depth > 0
        if tag in ("h3", "time"):
            self._field = None

    def handle_data(self, data):
        if self._field and self.cards:
            self.cards[-1][self._field] += data


@pytest.fixture(scope="module")
def events_home(tmp_path_factory):
    from conftest import build_sample_with

    return build_sample_with(tmp_path_factory, "events-home", {
        "evenements/permanence-du-jour.md": TODAY_EVENT,
        "evenements/reunion-publique.md": HOUR_H_EVENT,
    })


def test_home_lists_the_upcoming_events_of_the_events_module(events_home):
    """Built on Tuesday 1 December 2026 at 10:00: today's whole-day event is still on, `10h00` is a time."""
    cards = HomeEvents((events_home / "index.html").read_text(encoding="utf-8")).cards
    assert [" ".join(c["title"].split()) for c in cards] == [
        "Permanence de la journée", "Réunion publique", "Prévention des cambriolages avant les fêtes"]
    assert [(c["datetime"], c["time"]) for c in cards[:2]] == [
        ("2026-12-01", "Mardi 1er décembre 2026"),
        # the same words as the event's own page (signage.events.when_words)
        ("2026-12-05T10:00+01:00", "Samedi 5 décembre 2026, 10\u00a0h\u00a0–\u00a012\u00a0h"),
    ]
    page = (events_home / "evenements" / "reunion-publique" / "index.html").read_text(encoding="utf-8")
    assert "Samedi 5 décembre 2026, <span class=\"vitrine-nowrap\">10\u00a0h\u00a0–\u00a012\u00a0h</span>" in page


def test_home_events_match_the_events_page(sample_site):
    """The sample site: the home shows the first upcoming events of the Événements page, in order."""
    home = HomeEvents((sample_site / "index.html").read_text(encoding="utf-8")).cards
    listing = (sample_site / "evenements" / "index.html").read_text(encoding="utf-8")
    upcoming = listing.split('data-vitrine-events="a-venir"')[1].split("</ul>")[0]
    titles = [" ".join(t.split()) for t in re.findall(r'class="fr-card__title"><a [^>]*>([^<]*)</a>', upcoming)]
    assert [" ".join(c["title"].split()) for c in home] == titles[:3]
    shown = re.sub(r"<[^>]+>", "", upcoming)  # the text, a time range's span left out
    assert all(c["time"] and c["time"] in shown for c in home)


def test_hidden_event_page_carries_no_empty_structured_data(tmp_path, content_copy):
    (content_copy / "evenements" / "reunion-interne.md").write_text(
        "Title: Réunion interne\nDate: 2026-11-20\nCategory: Événements\nStatus: hidden\n"
        "Slug: reunion-interne\nEvent_start: 2026-12-15 14:00\nEvent_end: 2026-12-15 16:00\n"
        "Location: Point d'accueil\nSummary: Réunion.\n\nTexte.\n", encoding="utf-8")
    result = build_site(tmp_path / "out", content=content_copy, cache=tmp_path / "cache")
    assert result.returncode == 0, result.log
    page = (tmp_path / "out" / "evenements" / "reunion-interne" / "index.html").read_text(encoding="utf-8")
    assert "Réunion interne" in page
    assert '<script type="application/ld+json"></script>' not in page
    public = (tmp_path / "out" / "evenements" / "forum-des-metiers" / "index.html").read_text(encoding="utf-8")
    assert '"@type": "Event"' in public or '"@type":"Event"' in public
