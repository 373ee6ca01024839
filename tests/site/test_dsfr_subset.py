"""The design system's files are cut to what the pages use, with no visible change, and made once.

- the stylesheet keeps only the components and rules the pages use, and every element of
  the three pages a phone user opens most is styled exactly as with the full dsfr.min.css
  (computed styles compared in Chromium at 375 and 1280 px, menu opened);
- the scripts are core + the components used, and the menu and breadcrumb still work;
- the fonts are cut to French text, with every character of the pages in them, and the full
  font stays declared for any other character;
- a second build makes nothing again: every file is a hard link to the store (.cache/dsfr).
"""

from __future__ import annotations

import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT
from fontTools.ttLib import TTFont

from signage.site import dsfr_assets, dsfr_subset

DIST = ROOT / "node_modules" / "@gouvfr" / "dsfr" / "dist"
PAGES = ["/", "/prevention/cambriolages/", "/horaires-et-acces/", "/actualites/", "/evenements/"]


class Text(HTMLParser):
    """The text a page shows (not scripts, styles or JSON-LD), and its attributes read aloud."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._skip = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in ("alt", "title", "aria-label") and value:
                self.chunks.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.chunks.append(data)


def test_only_the_used_components_are_in_the_bundles(sample_site):
    css = (sample_site / "theme" / "dsfr" / "dsfr.min.css").read_text(encoding="utf-8")
    js = (sample_site / "theme" / "dsfr" / "dsfr.module.min.js").read_text(encoding="utf-8")
    full_css = (DIST / "dsfr.min.css").read_text(encoding="utf-8")
    for used in (".fr-header", ".fr-card", ".fr-tile", ".fr-footer", ".fr-breadcrumb", ".fr-table", ".fr-btn"):
        assert used in css, used
    for unused in (".fr-accordion", ".fr-tabs", ".fr-stepper", ".fr-range", ".fr-upload", ".fr-toggle", ".fr-consent"):
        assert unused not in css, unused
    assert len(css) < len(full_css) / 2
    assert (DIST / "core" / "core.module.min.js").read_text(encoding="utf-8")[200:400] in js
    assert 'selector("accordion' not in js and 'selector("tabs' not in js
    for component in ("header", "navigation", "modal"):  # the menu's scripts
        sample = (DIST / "component" / component / f"{component}.module.min.js").read_text(encoding="utf-8")
        assert sample[200:300] in js, component


def test_a_selector_stays_when_a_script_may_add_its_class_or_it_only_negates_one():
    css = (".fr-a{color:red}.fr-a.fr-unused{color:blue}.fr-a:not(.fr-unused){color:green}"
           ".fr-collapse--expanded{overflow:auto}@media (min-width:48em){.fr-unused,.fr-a{margin:0}}")
    kept = dsfr_subset.unused_selectors_removed(css, {"fr-a", "fr-collapse"}, ("--expanded",))
    assert kept == (".fr-a{color:red}.fr-a:not(.fr-unused){color:green}.fr-collapse--expanded{overflow:auto}"
                    "@media (min-width:48em){.fr-a{margin:0}}")


def _computed_styles(page, url: str, width: int, full: bool) -> dict:
    if full:  # the page with the package's whole stylesheet and script instead of the cut ones
        page.route("**/theme/dsfr/dsfr.min.css", lambda route: route.fulfill(path=str(DIST / "dsfr.min.css"),
                                                                                content_type="text/css"))
        page.route("**/theme/dsfr/dsfr.module.min.js",
                   lambda route: route.fulfill(path=str(DIST / "dsfr.module.min.js"),
                                               content_type="text/javascript"))
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(url, wait_until="networkidle")
    page.wait_for_function("document.documentElement.dataset.frJs === 'true'")
    states = {}
    for state in ("closed", "menu") if width < 600 else ("closed",):
        if state == "menu":
            page.locator("#menu-bouton").click()
            page.wait_for_timeout(300)
        states[state] = page.evaluate("""() => Array.from(document.querySelectorAll('body *')).map((el, i) => {
            const style = getComputedStyle(el), before = getComputedStyle(el, '::before');
            return [i, el.tagName, el.className && el.className.baseVal === undefined ? el.className : '',
                    Array.from(style).map(p => p + ':' + style.getPropertyValue(p)).sort().join(';'),
                    before.content + '|' + before.maskImage + '|' + before.width];
        })""")  # sorted: custom properties are listed in the order the stylesheet declares them
    return states


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
def test_every_element_is_styled_as_with_the_full_design_system(sample_server, page_factory, width):
    differences = []
    for path in PAGES:
        cut = _computed_styles(page_factory(width=width), sample_server.url + path, width, full=False)
        full = _computed_styles(page_factory(width=width), sample_server.url + path, width, full=True)
        for state in full:
            assert len(cut[state]) == len(full[state]), (path, state)
            for mine, theirs in zip(cut[state], full[state], strict=True):
                if mine != theirs:
                    differing = sorted(set(mine[3].split(";")) ^ set(theirs[3].split(";")))[:6]
                    differences.append(f"{path} {state} <{mine[1]} class={mine[2]!r}>: {differing or (mine[4], theirs[4])}")
    assert not differences, "\n".join(differences[:20])


def test_every_character_of_the_pages_is_in_the_french_fonts(sample_site):
    shown = set()
    for page in sample_site.rglob("*.html"):
        shown.update("".join(Text(page.read_text(encoding="utf-8")).chunks))
    shown.update("Œuvre, cœur, « Noël » à l’été ; ÇA, ÉTÉ, À… — 1er, 2e, n° 17, 20 €, 9 h 30\u202f!")
    shown -= {"\n", "\t", "\r"}
    fonts = sample_site / "theme" / "dsfr" / "fonts"
    for weight in ("Regular", "Medium", "Bold"):
        cmap = TTFont(str(fonts / f"Marianne-{weight}-fr.woff2")).getBestCmap()
        missing = sorted(char for char in shown if ord(char) not in cmap)
        assert not missing, f"Marianne {weight}: {missing}"
        assert (fonts / f"Marianne-{weight}-fr.woff2").stat().st_size < (fonts / f"Marianne-{weight}.woff2").stat().st_size / 2


def test_the_full_font_stays_declared_for_other_characters(sample_site):
    css = (sample_site / "theme" / "dsfr" / "dsfr.min.css").read_text(encoding="utf-8")
    faces = re.findall(r"@font-face\{[^}]*Marianne[^}]*font-weight:400[^}]*\}", css)
    normal = [face for face in faces if "font-style:normal" in face]
    assert len(normal) == 2
    assert "Marianne-Regular.woff2" in normal[0] and "unicode-range" not in normal[0]
    assert "Marianne-Regular-fr.woff2" in normal[1] and "unicode-range:U+20-7E," in normal[1]  # declared last
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<link rel="preload" href="[^"]*/theme/dsfr/fonts/Marianne-Regular-fr\.woff2" as="font" '
                     r'type="font/woff2" crossorigin>', home)


def test_a_second_build_makes_nothing_and_links_everything(sample_site, tmp_path):
    store = tmp_path / "store"
    first, second = tmp_path / "first", tmp_path / "second"
    for target in (first, second):
        shutil.copytree(sample_site, target, ignore=shutil.ignore_patterns("dsfr"))
    made_first = dsfr_assets.copy_used_assets(first, DIST, store)
    made_second = dsfr_assets.copy_used_assets(second, DIST, store)
    assert made_first.made > 0 and made_second.made == 0
    assert made_first.files == made_second.files
    for relative in made_second.files:
        one, two = first / "theme" / "dsfr" / relative, second / "theme" / "dsfr" / relative
        assert os.path.samefile(one, two), relative  # one file in the store, linked twice
    # A page now using another component: only the bundles are made again.
    (second / "nouvelle.html").write_text('<html><body><div class="fr-accordion">x</div>'
                                          '<link rel="stylesheet" href="/theme/dsfr/dsfr.min.css"></body></html>',
                                          encoding="utf-8")
    again = dsfr_assets.copy_used_assets(second, DIST, store)
    assert again.made == 3  # dsfr.min.css, dsfr.module.min.js, dsfr.nomodule.min.js
    assert ".fr-accordion" in (second / "theme" / "dsfr" / "dsfr.min.css").read_text(encoding="utf-8")
    assert ".fr-accordion" not in (first / "theme" / "dsfr" / "dsfr.min.css").read_text(encoding="utf-8")


def test_placing_never_writes_into_a_linked_file(tmp_path):
    from signage.core.store import place

    stored = tmp_path / "store.txt"
    stored.write_text("ancien", encoding="utf-8")
    target = tmp_path / "out" / "file.txt"
    place(stored, target)
    assert os.path.samefile(stored, target)
    newer = tmp_path / "newer.txt"
    newer.write_text("nouveau", encoding="utf-8")
    place(newer, target)
    assert stored.read_text(encoding="utf-8") == "ancien" and target.read_text(encoding="utf-8") == "nouveau"
    assert Path(target).stat().st_nlink == 2
