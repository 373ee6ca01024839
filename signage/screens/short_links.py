"""Short links: what the caption beside a slide's QR code prints, and the pages that make it work.

Nobody types « point-accueil-pusey.gendarmerie.interieur.gouv.fr/evenements/
prevention-cambriolages-fetes » read from a shop window. The caption says:

- the link itself, without « https:// », « www. » or a final « / », when that
  is short (`SHORT_ENOUGH` characters at most: « amendes.gouv.fr »,
  « lagendarmerierecrute.fr », « masecurite.interieur.gouv.fr »): the address
  people know, on one line;
- otherwise the public site's host and a short link, « <host>/s/k7m2 »: the
  build publishes `s/<code>/index.html`, a page of the site (`PAGE_TEMPLATE`)
  that sends the visitor on to the slide's link (a page of this site by its path, so that any host serving
  the build works; meta refresh and a plain link: no JavaScript needed;
  `noindex`, and out of the sitemap, which lists only Pelican's pages);
- « Tél. 17 » for a `tel:` link.

The host is kept with the code (not the host alone) because only the code
brings a person who cannot scan to the very page; at 3 m the caption is then
two short lines of 37 px or more, broken before « /s/ » (screenshots in the
final report of issue 13).

A code is 4 characters from an alphabet without look-alikes (no i, l, o, 0,
1), derived from the slide's id (« prevention/cambriolages »: its folder and
slug), never from a counter: the same slide gets the same code in every build.
Should two ids ever give the same code (about one chance in a thousand for 40
slides), the ids are taken in alphabetical order and the later one takes the
next code of its own sequence; a code then moves only if a slide whose id
sorts before it collides with it.

`.vitrine/liens-courts.json` and `.vitrine/liens-courts.map` list every short
link: the second is an nginx `map` body (« /s/k7m2/ https://…; ») that the
production server can include to answer with real 301s (docs/exploitation.md).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
LENGTH = 4
FOLDER = "s"
SHORT_ENOUGH = 30  # characters: a caption this short is printed as it is
DATA_JSON = ".vitrine/liens-courts.json"
DATA_MAP = ".vitrine/liens-courts.map"


def printed(url: str) -> str:
    """The URL as printed: no scheme, no « www. », no trailing slash (« Tél. 17 » for tel:)."""
    if url.startswith("tel:"):
        return f"Tél.\u00a0{url[4:]}"
    text = re.sub(r"^https?://", "", url)
    text = re.sub(r"^www\.", "", text)
    return text.rstrip("/")


def needs_code(link: str) -> bool:
    """True when the link is too long to print as it is (and is a web address)."""
    return link.startswith(("http://", "https://")) and len(printed(link)) > SHORT_ENOUGH


def code_for(slide_id: str, attempt: int = 0) -> str:
    """The code of `slide_id` (`attempt` > 0: the next ones of its sequence, after a collision)."""
    seed = slide_id if attempt == 0 else f"{slide_id}#{attempt}"
    number = int.from_bytes(hashlib.sha256(seed.encode()).digest()[:8], "big")
    letters = []
    for _ in range(LENGTH):
        number, index = divmod(number, len(ALPHABET))
        letters.append(ALPHABET[index])
    return "".join(letters)


def assign(slide_ids: Iterable[str]) -> dict[str, str]:
    """{slide id: code}, each code different (see the module docstring for collisions)."""
    codes: dict[str, str] = {}
    taken: set[str] = set()
    for slide_id in sorted(set(slide_ids)):
        attempt = 0
        while (code := code_for(slide_id, attempt)) in taken:
            attempt += 1
        codes[slide_id] = code
        taken.add(code)
    return codes


def path_of(code: str) -> str:
    """« s/k7m2/ »: the short link's path on the site."""
    return f"{FOLDER}/{code}/"


def caption(link: str, code: str | None, base: str) -> str:
    """What the QR code's caption prints for `link` (see the module docstring)."""
    if code is None or not needs_code(link):
        return printed(link)
    host = urlsplit(base).netloc or printed(base)
    host = re.sub(r"^www\.", "", host)
    return f"{host}/{FOLDER}/{code}"


def target(link: str, base: str) -> str:
    """Where a short link sends: a page of this site by its path (any host serving it), else `link`."""
    base = base.rstrip("/")
    return link[len(base):] if link.startswith(base + "/") else link


# The page a short link serves: a page of the site (the theme's base: DSFR header, footer,
# breadcrumb) that sends the visitor on at once; rendered by the generator with Pelican's writer.
PAGE_TEMPLATE = """{% extends "base.html" %}
{% block title %}Adresse courte | {{ SITENAME }}{% endblock %}
{% block canonical_path %}{{ short_path }}{% endblock %}
{% block head %}<meta name="robots" content="noindex, nofollow">
  <meta http-equiv="refresh" content="0; url={{ short_target }}">{% endblock %}
{% block breadcrumb %}{{ ui.breadcrumb([], "Adresse courte") }}{% endblock %}
{% block content %}
<div class="fr-container fr-my-6w">
  <h1>Adresse courte</h1>
  <p class="fr-text--lead">Cette adresse, lue sous le QR code d’un écran du point d’accueil, mène à
    <a href="{{ short_target }}">{{ short_label }}</a>.</p>
</div>
{% endblock %}
"""


def page_values(code: str, target: str) -> dict:
    """What PAGE_TEMPLATE needs for the short link `code` sending to `target`."""
    return {"short_path": path_of(code), "short_target": target, "short_label": printed(target) or target}


def write_data(output: Path, links: dict[str, str]) -> None:
    """Write the two data files listing `links` ({code: target}) into `output`."""
    data = output / DATA_JSON
    data.parent.mkdir(parents=True, exist_ok=True)
    data.write_text(json.dumps({f"/{path_of(code)}": target for code, target in sorted(links.items())},
                               ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (output / DATA_MAP).write_text(nginx_map(links), encoding="utf-8")


def nginx_map(links: dict[str, str]) -> str:
    """The body of an nginx `map $uri …` block: each short link's path, with and without « / », to its target."""
    lines = ["# Vitrine's short links (signage/screens/short_links.py): include in a map $uri block."]
    for code, target in sorted(links.items()):
        quoted = '"' + target.replace("\\", "\\\\").replace('"', '\\"') + '"'
        lines.append(f"/{FOLDER}/{code} {quoted};")
        lines.append(f"/{path_of(code)} {quoted};")
    return "\n".join(lines) + "\n"
