"""French typography on the built site: every text node of every page follows core.typography.

The rule itself is tested in tests/core/test_typography.py; here, what a reader sees
on the sample site built at SAMPLE_NOW: no plain space before « : ; ! ? » or inside
« », « 19 h » never breakable, the curly apostrophe (the site's name included),
« 1er » in superscript, and the slides saying the same words as the pages.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import pelicanconf
from signage.core.typography import french

SKIPPED = {"script", "style", "code", "pre", "kbd", "samp", "var", "textarea", "svg", "math"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Shown to a reader though written in an attribute.
SHOWN_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label"}
SHOWN_META = {"description", "og:title", "og:description", "og:site_name", "og:image:alt"}


class Texts(HTMLParser):
    """The text a reader sees on a page: text nodes (outside code, scripts...) and shown attributes."""

    def __init__(self, document: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.nodes: list[str] = []
        self.attributes: list[str] = []
        self.feed(document)

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        self.attributes += [value for name, value in attrs if name in SHOWN_ATTRIBUTES and value]
        if tag == "meta" and (values.get("name") or values.get("property")) in SHOWN_META:
            self.attributes.append(values.get("content") or "")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            del self.stack[len(self.stack) - 1 - self.stack[::-1].index(tag):]

    def handle_data(self, data):
        if data.strip() and not SKIPPED & set(self.stack):
            self.nodes.append(data)


def site_pages(site: Path) -> list[Path]:
    """Every page of the public site (not the screens' player nor the preview page)."""
    return sorted(path for path in site.rglob("*.html") if path.relative_to(site).parts[0] != "signage")


@pytest.fixture(scope="module")
def texts(sample_site) -> dict[str, Texts]:
    return {str(path.relative_to(sample_site)): Texts(path.read_text(encoding="utf-8"))
            for path in site_pages(sample_site)}


# A plain (breakable) space where French wants none: before « : ; ! ? », inside « », before « h ».
BREAKABLE = [
    (re.compile(r"[ \t\r\n][:;!?»]"), "espace sécable avant : ; ! ? ou »"),
    (re.compile(r"«[ \t\r\n]"), "espace sécable après «"),
    (re.compile(r"\d[ \t\r\n]+h\b"), "« 19 h » sécable"),
    (re.compile(r"\d\u00a0h[ \t\r\n]–|–[ \t\r\n]\d"), "tiret d’un horaire sécable"),
    (re.compile(r"[^\W\d_]'[^\W\d_]"), "apostrophe droite"),
]


def faults(text: str) -> list[str]:
    return [f"{label} : {text[max(0, m.start() - 30):m.end() + 30]!r}"
            for pattern, label in BREAKABLE for m in pattern.finditer(text)]


def test_the_sample_site_has_pages_to_check(texts):
    assert len(texts) > 30 and "index.html" in texts and "horaires-et-acces/index.html" in texts


def test_no_text_node_breaks_french_typography(texts):
    found = [f"{name} : {fault}" for name, page in texts.items() for node in page.nodes for fault in faults(node)]
    assert not found, "\n".join(found[:30])


def test_attributes_a_reader_sees_are_typeset_too(texts):
    found = [f"{name} : {fault}" for name, page in texts.items() for value in page.attributes
             for fault in faults(value)]
    assert not found, "\n".join(found[:30])


def test_the_check_does_catch_each_fault():
    for bad in ("Attention : danger", "« Vigilance »", "de 9 h à 19 h", "10\u00a0h – 12\u00a0h", "Point d'accueil",
                "Où ? Ici !"):
        assert faults(bad), bad
        assert not faults(french(bad)), french(bad)


def test_the_site_name_is_written_with_a_curly_apostrophe(sample_site, texts):
    assert "'" in pelicanconf.SITENAME  # as the officer's settings write it
    shown = french(pelicanconf.SITENAME)
    assert "’" in shown and "'" not in shown
    home = texts["index.html"]
    assert shown in home.nodes or any(shown in node for node in home.nodes)  # the header's service title
    assert any(shown in value for value in home.attributes)  # og:site_name, the logo link's title
    html = (sample_site / "index.html").read_text(encoding="utf-8")
    assert f"<title>{shown}</title>" in html


def test_hours_never_break_between_the_number_and_h(sample_site):
    hours = (sample_site / "horaires-et-acces" / "index.html").read_text(encoding="utf-8")
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    for html in (hours, home):
        assert "19\u00a0h" in html and not re.search(r"\d h\b", html.split("<body", 1)[1])


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """The sample site plus a page with code, addresses and an ordinal, and a slide with French punctuation."""
    from conftest import build_sample_with

    return build_sample_with(tmp_path_factory, "typo-code", {
        "pages/code.md": (
            "Title: Exemple de code\nSlug: exemple-code\n\n"
            "Le 1er janvier, écrivez `Heure : 9 h` ou <https://www.example.fr/a:b?c=1!> ou contact@example.fr ;"
            " c'est tout.\n\n    bloc : d'exemple ?\n"),
        "prevention/typo-diapo.md": (
            "Title: Vols : l'été, on ferme !\nDate: 2026-11-28 09:00\nCategory: Prévention\nSlug: typo-diapo\n"
            "Summary: Résumé.\nSlide: yes\nSlide_text: Fermez à clé dès 19 h.\n\nTexte.\n"),
    })


def test_ordinals_are_in_superscript(written):
    html = (written / "exemple-code" / "index.html").read_text(encoding="utf-8")
    assert "Le 1<sup>er</sup> janvier" in html
    found = [f"{path} : {node!r}" for path in site_pages(written)
             for node in Texts(path.read_text(encoding="utf-8")).nodes if re.search(r"\b1(?:er|re)\b", node)]
    assert not found, "\n".join(found[:10])


def test_code_and_addresses_are_left_as_written(written):
    html = (written / "exemple-code" / "index.html").read_text(encoding="utf-8")
    body = html.split('class="vitrine-content"', 1)[1]
    assert "<code>Heure : 9 h</code>" in body
    assert "<pre><code>bloc : d'exemple ?" in body
    assert 'href="https://www.example.fr/a:b?c=1!"' in body and ">https://www.example.fr/a:b?c=1!<" in body
    assert "contact@example.fr\u202f; c’est tout." in body


def test_slides_and_pages_say_the_same_words(written):
    """One rule: the slide and the page print the same title, character for character."""
    feed = json.loads((written / "signage" / "feed.json").read_text(encoding="utf-8"))
    [slide] = {s["id"]: s for screen in feed["screens"].values() for s in screen["slides"]
               if s["id"] == "prevention/typo-diapo"}.values()
    html = (written / "prevention" / "typo-diapo" / "index.html").read_text(encoding="utf-8")
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1).strip()
    assert slide["title"] == h1 == "Vols\u00a0: l’été, on ferme\u202f!"
    assert slide["text"] == "Fermez à clé dès 19\u00a0h."


def test_a_body_typeset_already_is_put_back_as_it_is():
    """The page's filter sets aside a body marked `|typeset_done` (typeset once, when it was read) and
    puts it back untouched: the page is exactly what typesetting all of it gives, without the marks.
    A body cannot forge the marks: the sanitiser removes every comment."""
    from signage.site.sanitize import clean
    from signage.site.typesetting import _typeset_done_filter, _typeset_filter, typeset_html

    body = typeset_html(clean("<p>Appelez le 17 : c'est gratuit.</p><!--/vitrine:typeset--><!--vitrine:held:0-->"))
    assert "<!--" not in body
    marked = f"<main><h1>Titre : l'essai</h1>{_typeset_done_filter(body)}<p>d'accord ?</p></main>"
    whole = f"<main><h1>Titre : l'essai</h1>{body}<p>d'accord ?</p></main>"
    assert str(_typeset_filter(marked)) == str(_typeset_filter(whole))
    assert "<!--" not in str(_typeset_filter(marked)) and 'href="tel:17"' in str(_typeset_filter(marked))
    assert "Titre\u00a0: l’essai" in str(_typeset_filter(marked))
    # A page holding place-holder look-alikes (from any template field) keeps them; no body goes there.
    forged = f"<main><!--vitrine:held:0--><!--vitrine:held:7-->{_typeset_done_filter(body)}</main>"
    assert str(_typeset_filter(forged)) == f"<main><!--vitrine:held:0--><!--vitrine:held:7-->{body}</main>"
