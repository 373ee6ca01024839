"""Emergency numbers a phone can use: 17 and 112 as `tel:` links, 114 as `sms:`, on every page.

The rule (site/phone_links) on its own, then on the built sample site, then in
Chromium: the home's numbers are on a phone's first screen (375×667).
"""

from __future__ import annotations

import re
from datetime import datetime
from html.parser import HTMLParser

import pytest
from conftest import SAMPLE_NOW

from signage.site.phone_links import link_numbers

LINKED = [
    ("appelez le 17.", 'appelez le <a href="tel:17">17</a>.'),
    ("le 112 ou le 17", 'le <a href="tel:112">112</a> ou le <a href="tel:17">17</a>'),
    ("SMS au 114", 'SMS au <a href="sms:114">114</a>'),
    ("114 – Par SMS", '<a href="sms:114">114</a> – Par SMS'),
    ("composez le\u00a017 ou le\u00a0112", 'composez le\u00a0<a href="tel:17">17</a> ou le\u00a0<a href="tel:112">112</a>'),
    ("En cas d’urgence\u00a0: 17.", 'En cas d’urgence\u00a0: <a href="tel:17">17</a>.'),
    ("17, 112 et 114", '<a href="tel:17">17</a>, <a href="tel:112">112</a> et <a href="sms:114">114</a>'),
]
LEFT = ["dès 17 ans", "samedi 17 octobre", "de 10\u00a0h à 17\u00a0h", "114 avenue de la gare", "le 2026-10-17",
        "17/10", "1,17 €", "page 17", "n° 112", "1170 habitants", "17 %",
        # found by an outsider: phone numbers, postcodes, counts, dates, roads, buildings
        "tél. 03 84 17 17 17", "+33 3 84 112 114", "70 112 Vesoul", "17 cambriolages, 112 vols et 114 escroqueries",
        "17 gendarmes", "17 euros", "le 17 déc.", "RN 17", "bâtiment B 17", "03\u202f84\u202f17\u202f17\u202f17"]


@pytest.mark.parametrize(("text", "linked"), LINKED)
def test_numbers_become_links(text, linked):
    assert link_numbers(text, in_link=False) == linked


@pytest.mark.parametrize("text", LEFT)
def test_numbers_that_count_something_stay_text(text):
    assert link_numbers(text, in_link=False) == text


def test_no_link_inside_a_link():
    assert link_numbers("appelez le 17", in_link=True) == "appelez le 17"


# How the officer and the templates write an emergency number in a sentence.
SAID = re.compile(r"\b(?:le|au|du|composez|appelez|urgence)\s*:?\s*(17|112|114)\b", re.I)


class Unlinked(HTMLParser):
    """The text of a page that is not inside a link, a button or a whole-card link (fr-enlarge-link)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, document: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []  # per open element: does it make a link zone, or hold raw text
        self.text: list[str] = []
        self.feed(document)

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            classes = (dict(attrs).get("class") or "").split()
            self.stack.append((tag, tag in ("a", "button", "script", "style") or "fr-enlarge-link" in classes))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if not any(zone for _tag, zone in self.stack):
            self.text.append(data)


def unlinked_mentions(html: str) -> list[str]:
    """Emergency numbers said in the text of a page where a link could be, but not made links."""
    text = " ".join(Unlinked(html).text).replace("\u00a0", " ").replace("\u202f", " ")
    return [m.group() for m in SAID.finditer(text)]


def test_every_page_links_its_emergency_numbers(sample_site):
    pages = sorted(p for p in sample_site.rglob("index.html") if p.relative_to(sample_site).parts[0] != "signage")
    found, mentioned = [], 0
    for path in pages:
        html = path.read_text(encoding="utf-8")
        mentioned += bool(re.search(r'href="(?:tel:17|tel:112|sms:114)"', html))
        found += [f"{path.relative_to(sample_site)} : {m}" for m in unlinked_mentions(html)]
    assert not found, "\n".join(found[:20])
    assert mentioned == len(pages)  # the footer says them on every page


def test_the_check_finds_an_unlinked_number():
    assert unlinked_mentions("<body><p>Appelez le 17 ou le <a href='tel:112'>112</a></p>") == ["le 17"]
    # a whole-card link cannot hold another link: its text is left as it is
    assert unlinked_mentions('<div class="fr-card fr-enlarge-link"><p>appelez le 17</p></div>') == []


def test_the_officers_text_gets_links(sample_site):
    html = (sample_site / "prevention" / "cambriolages" / "index.html").read_text(encoding="utf-8")
    body = html.split('class="vitrine-content"', 1)[1].split("</main>", 1)[0]
    assert '<a href="tel:17">17</a>' in body


def test_contact_page_texts_the_114(sample_site):
    html = (sample_site / "contact-et-urgences" / "index.html").read_text(encoding="utf-8")
    assert 'href="sms:114"' in html and 'href="tel:112"' in html and 'href="tel:17"' in html
    assert 'href="tel:114"' not in html


def test_the_numbers_are_on_the_first_screen_of_the_home_on_a_phone(sample_server, page_factory):
    page = page_factory(width=375, height=667)
    page.clock.set_fixed_time(datetime.fromisoformat(SAMPLE_NOW))
    page.goto(sample_server.url + "/")
    main = page.locator("main")
    for href in ("tel:17", "tel:112", "sms:114"):
        link = main.locator(f'a[href="{href}"]').first
        box = link.bounding_box()
        assert box is not None and link.is_visible(), href
        assert box["y"] + box["height"] <= 667, f"{href} à {box['y']:.0f} px"
