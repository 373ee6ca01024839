"""Raw HTML in Markdown is sanitised: no <script>, no on* attribute, no javascript: URL.

A copy of the sample content gets a page and an article carrying each of them;
the build must succeed and no page or feed of the output may contain them,
while the markup Markdown and the DSFR need (ids, tables, images, classes) stays.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from conftest import build_site
from signage.sanitize import clean

TRAP_PAGE = """Title: Page piégée
Slug: page-piegee
Summary: Un résumé <script>alert('résumé')</script> <b onmouseover="alert(4)">gras</b>

## Une section

<script>alert('XSS');</script>
<p>Image : <img src="{static}/images/cambriolages.jpg" alt="Une maison" onerror="alert('onerror')"></p>
<a href="javascript:alert('lien')">lien piégé</a> et <a href="JaVaScRiPt:alert(2)">autre</a>
<a href=" javascript:alert(3)">espace</a>
<div class="fr-callout" onclick="alert(5)"><p class="fr-callout__text">Un encadré DSFR.</p></div>
<iframe src="https://evil.example/"></iframe>
<p style="background:url(https://evil.example/x.png)">style</p>
<svg onload="alert(6)"><script>alert(7)</script></svg>

| Jour | Horaires |
|------|----------|
| Lundi | 9 h – 19 h |

[Un lien correct](https://www.service-public.gouv.fr) et un [lien interne]({filename}horaires-et-acces.md).
"""

TRAP_ARTICLE = """Title: Article piégé
Date: 2026-11-25 09:00
Category: Prévention
Slug: article-piege
Summary: Résumé de l'article.

<script src="https://evil.example/x.js"></script>
<img src="x" onerror="alert(8)" alt="x">
<a href="javascript:void(0)" onfocus="alert(9)">piège</a>
"""


class Scripts(HTMLParser):
    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.scripts, self.on_attributes, self.bad_urls, self.styles = [], [], [], []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.on_attributes.append((tag, name, value))
            if value and re.sub(r"\s", "", value).lower().startswith("javascript:"):
                self.bad_urls.append((tag, name, value))
            if name == "style" and "evil" in (value or ""):
                self.styles.append(value)
        if tag == "script":
            self.scripts.append(dict(attrs))
        if tag in ("iframe", "object", "embed"):
            self.bad_urls.append((tag, "", ""))


@pytest.fixture(scope="module")
def trapped_site(tmp_path_factory):
    import shutil

    from conftest import ROOT

    content = tmp_path_factory.mktemp("trap") / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "pages" / "page-piegee.md").write_text(TRAP_PAGE, encoding="utf-8")
    (content / "prevention" / "article-piege.md").write_text(TRAP_ARTICLE, encoding="utf-8")
    output = tmp_path_factory.mktemp("trap-out")
    result = build_site(output, content=content, cache=tmp_path_factory.mktemp("trap-cache"))
    assert result.returncode == 0, result.log
    return output


def our_own_script(attributes: dict) -> bool:
    """The theme's scripts: DSFR from our origin, JSON-LD data, the one-line 'JS on' marker."""
    src = attributes.get("src") or ""
    return (src.startswith("/theme/") or attributes.get("type") == "application/ld+json"
            or (not src and attributes.get("type") in (None, "module")))


@pytest.mark.parametrize("path", ["page-piegee/index.html", "prevention/article-piege/index.html"])
def test_trap_pages_are_built_without_the_dangerous_markup(trapped_site, path):
    html = (trapped_site / path).read_text(encoding="utf-8")
    found = Scripts(html)
    assert not found.on_attributes, found.on_attributes
    assert not found.bad_urls, found.bad_urls
    assert not found.styles, found.styles
    assert all(our_own_script(s) for s in found.scripts), found.scripts
    for needle in ("alert(", "evil.example", "javascript:"):
        assert needle not in html.lower(), needle


def test_legitimate_markup_survives(trapped_site):
    html = (trapped_site / "page-piegee" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<h2 id="une-section">Une section</h2>', html)
    assert '<div class="fr-callout"><p class="fr-callout__text">Un encadré DSFR.</p></div>' in html
    assert re.search(r'<img src="/images/cambriolages\.jpg" alt="Une maison"[^>]* width="\d+" height="\d+"', html)
    assert "<table>" in html and "<td>Lundi</td>" in html
    assert '<a href="https://www.service-public.gouv.fr">Un lien correct</a>' in html
    assert '<a href="/horaires-et-acces/">lien interne</a>' in html
    assert "lien piégé" in html  # the text of a neutralised link stays


def test_the_inline_scripts_left_are_the_theme_ones(trapped_site):
    html = (trapped_site / "page-piegee" / "index.html").read_text(encoding="utf-8")
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", html, re.S)
    for attributes, body in inline:
        assert 'application/ld+json' in attributes or body == 'document.documentElement.classList.add("vitrine-js")', body


def test_feeds_carry_no_dangerous_markup(trapped_site):
    for feed in (trapped_site / "flux").glob("*.xml"):
        text = feed.read_text(encoding="utf-8").lower()
        for needle in ("&lt;script", "<script", "onerror", "javascript:", "alert("):
            assert needle not in text, (feed.name, needle)


@pytest.mark.parametrize("dirty, forbidden", [
    ('<a href="jav&#x09;ascript:alert(1)">x</a>', "ascript:"),
    ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "data:"),
    ('<img src=x onerror=alert(1)>', "onerror"),
    ('<math><mi xlink:href="javascript:alert(1)">x</mi></math>', "javascript"),
    ('<form action="javascript:alert(1)"><button>x</button></form>', "javascript"),
    ('<object data="x.swf"></object>', "<object"),
    ('<style>body{background:red}</style>', "background"),
    ('<p style="color:red">x</p>', "style="),
])
def test_clean_drops_the_classic_tricks(dirty, forbidden):
    assert forbidden not in clean(dirty).lower()
