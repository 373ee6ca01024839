"""Raw HTML in Markdown is sanitised: no <script>, no on* attribute, no javascript: URL.

A copy of the sample content gets a page and an article carrying each of them;
the build must succeed and no page or feed of the output may contain them,
while the markup Markdown and the DSFR need (ids, tables, images, classes) stays.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from conftest import ROOT

import pelicanconf
from signage.core.typography import french
from signage.site.sanitize import clean

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
<img src="/images/arnaques.jpg" onerror="alert(8)" alt="x">
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
    from conftest import build_sample_with

    return build_sample_with(tmp_path_factory, "trap", {
        "pages/page-piegee.md": TRAP_PAGE,
        "prevention/article-piege.md": TRAP_ARTICLE,
    })


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
        assert 'application/ld+json' in attributes or body == JS_MARKER, body


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


# --- Officer-written plain text (Title, Summary, Location, Slide_title) -----------------------
#
# Pelican's Jinja has autoescape off and `|striptags` turns `&lt;` back into `<`: each of these
# fields, written with an escaped tag, a real tag and quotes, must come out as text everywhere.

TITLE = 'Piège &lt;img src=x onerror=alert(11)&gt; "guillemets" <img src=x onerror=alert(12)>'
TITLE_TEXT = 'Piège <img src=x onerror=alert(11)> "guillemets"'  # what a reader must see
# Location is plain text taken as written (the .ics and JSON-LD carry it verbatim too).
LOCATION = 'Salle &lt;img src=x onerror=alert(15)&gt; "A" <img src=x onerror=alert(16)>'
TEXT_EVENT = f"""Title: {TITLE}
Date: 2026-11-26 09:00
Category: Événements
Tags: animation
Slug: evenement-piege
Summary: Résumé &lt;script&gt;alert(13)&lt;/script&gt; "entre guillemets" <img src=x onerror=alert(14)>
Event_start: 2026-12-01
Location: {LOCATION}
Alert: yes
Slide_title: Écran &lt;img src=x onerror=alert(17)&gt; "B" <img src=x onerror=alert(18)>
Slide_text: Texte &lt;script&gt;alert(19)&lt;/script&gt; "C"
Slide_from: 2026-11-30 08:00
Slide_until: 2026-12-02 20:00

Un événement au titre piégé.
"""
TEXT_ARTICLE = f"""Title: {TITLE}
Date: 2026-11-30 09:00
Category: Prévention
Slug: titre-piege
Summary: Résumé &lt;img src=x onerror=alert(20)&gt; "D" <img src=x onerror=alert(21)>

Un article au titre piégé.
"""
TEXT_PAGE = f"""Title: {TITLE}
Slug: page-titre-piege
Summary: Résumé &lt;img src=x onerror=alert(22)&gt; "E"

Une page au titre piégé.
"""


class Document(HTMLParser):
    """Tags, attributes and the text of chosen elements of one built page."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.texts: dict[str, list[str]] = {}
        self.scripts: list[tuple[dict, str]] = []
        self._open: list[tuple[str, str]] = []  # (tag, key) of the elements whose text we keep
        self._script = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        classes = (attributes.get("class") or "").split()
        key = tag if tag in ("h1", "title", "dd", "li") else next(
            (c for c in classes if c in ("fr-card__title", "fr-card__desc", "fr-card__detail", "fr-text--lead",
                                         "fr-notice__title", "fr-notice__desc")), None)
        if key:
            self._open.append((tag, key))
            self.texts.setdefault(key, []).append("")
        if tag == "script":
            self._script = [attributes, ""]

    def handle_endtag(self, tag):
        if self._open and self._open[-1][0] == tag:
            self._open.pop()
        if tag == "script" and self._script is not None:
            self.scripts.append(tuple(self._script))
            self._script = None

    def handle_data(self, data):
        for _, key in self._open:
            self.texts[key][-1] += data
        if self._script is not None:
            self._script[1] += data

    def text(self, key) -> list[str]:
        return [" ".join(t.split()) for t in self.texts.get(key, [])]

    def meta(self, name) -> str | None:
        return next((a.get("content") for t, a in self.tags
                     if t == "meta" and name in (a.get("name"), a.get("property"))), None)


# The theme's one inline script: marks that JavaScript runs, applies the saved display setting.
JS_MARKER = (ROOT / "theme" / "templates" / "partials" / "early.js").read_text(encoding="utf-8")


def site_script(attributes: dict, body: str) -> bool:
    """A script of the site: a file from our origin, JSON data, or the one-line 'JS on' marker."""
    import json

    src = attributes.get("src")
    if src is not None:
        return not re.match(r"^([a-z][a-z0-9+.-]*:|//)", src.strip(), re.IGNORECASE) and not body.strip()
    if attributes.get("type") in ("application/json", "application/ld+json"):
        json.loads(body)  # data, never run; it must still be whole JSON (nothing broke out of it)
        return True
    return body.strip() == JS_MARKER


@pytest.fixture(scope="module")
def text_trap_site(tmp_path_factory):
    from conftest import build_sample_with

    return build_sample_with(tmp_path_factory, "text-trap", {
        "evenements/evenement-piege.md": TEXT_EVENT,
        "prevention/titre-piege.md": TEXT_ARTICLE,
        "pages/page-titre-piege.md": TEXT_PAGE,
    })


def test_no_built_page_carries_markup_from_officer_text(text_trap_site):
    pages = sorted(text_trap_site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        document = Document(path.read_text(encoding="utf-8"))
        where = path.relative_to(text_trap_site)
        for tag, attributes in document.tags:
            assert not [name for name in attributes if name.lower().startswith("on")], (where, tag, attributes)
            if tag == "img":  # none but ours: no src yet (the player fills it), or a file of the site
                src = (attributes.get("src") or "").strip()
                assert not src or (src.startswith("/") and not src.startswith("//")) or \
                    re.fullmatch(r"[\w./-]+\.(jpe?g|png|webp|avif|svg)", src), (where, attributes)
        for attributes, body in document.scripts:
            assert site_script(attributes, body), (where, attributes, body[:200])


@pytest.mark.parametrize("path", ["evenements/evenement-piege/index.html", "prevention/titre-piege/index.html",
                                  "page-titre-piege/index.html"])
def test_titles_are_shown_as_text(text_trap_site, path):
    document = Document((text_trap_site / path).read_text(encoding="utf-8"))
    assert document.text("h1") == [TITLE_TEXT]
    assert document.text("title") == [f"{TITLE_TEXT} | {french(pelicanconf.SITENAME)}"]
    assert document.meta("og:title") == document.text("title")[0]
    assert document.meta("description").startswith("Résumé <")
    assert TITLE_TEXT in document.text("li")  # the breadcrumb's current page


def test_event_texts_are_shown_as_text_and_json_ld_stays_json(text_trap_site):
    import json

    document = Document((text_trap_site / "evenements/evenement-piege/index.html").read_text(encoding="utf-8"))
    assert LOCATION in document.text("dd")
    assert document.text("fr-text--lead") == ['Résumé <script>alert(13)</script> "entre guillemets"']
    [data] = [json.loads(body) for attributes, body in document.scripts
              if attributes.get("type") == "application/ld+json"]
    assert data["name"] == TITLE_TEXT
    assert data["location"]["name"] == LOCATION
    # The alert banner (every page) shows the slide's own wording as text.
    assert 'Écran <img src=x onerror=alert(17)> "B"' in document.text("fr-notice__title")
    assert 'Texte <script>alert(19)</script> "C"' in document.text("fr-notice__desc")


@pytest.mark.parametrize("path", ["index.html", "evenements/index.html", "prevention/index.html",
                                  "etiquettes/animation/index.html", "plan-du-site/index.html", "actualites/index.html"])
def test_lists_and_cards_show_titles_as_text(text_trap_site, path):
    document = Document((text_trap_site / path).read_text(encoding="utf-8"))
    shown = document.text("fr-card__title") + document.text("li")
    assert any(TITLE_TEXT in item for item in shown), (path, shown)


def test_the_events_list_shows_the_place_as_text(text_trap_site):
    document = Document((text_trap_site / "evenements/index.html").read_text(encoding="utf-8"))
    assert LOCATION in document.text("fr-card__detail")


def test_titles_are_cleaned_for_every_consumer():
    from signage.site.sanitize import clean_title

    assert clean_title(TITLE) == 'Piège &lt;img src=x onerror=alert(11)&gt; "guillemets"'
    assert clean_title("<script>alert(1)</script>Horaires <b>et</b>  accès") == "Horaires et accès"
    assert clean_title("Sécurité & vous") == "Sécurité &amp; vous"


def test_no_link_keeps_a_new_window_target():
    cleaned = clean('<a href="https://www.service-public.gouv.fr" target="_blank" rel="external">x</a>')
    assert "target" not in cleaned and 'rel="external"' in cleaned
    assert "target" not in clean('<a href="/a/" target="_top">x</a>')


@pytest.mark.parametrize("dirty, cleaned", [
    ('<p>Avant <a href="javascript:alert(1)">cliquez ici</a> après.</p>', "<p>Avant cliquez ici après.</p>"),
    ('<a href="JaVaScRiPt:x" rel="me">un <b>gras</b></a>', "un <b>gras</b>"),
    ('<a id="ancre" class="fr-link" href="data:text/html,x">ancre</a>', '<span id="ancre" class="fr-link">ancre</span>'),
    ('<a href="/services/" title="a > b">garde</a> <abbr title="x">A</abbr>',
     '<a href="/services/" title="a &gt; b">garde</a> <abbr title="x">A</abbr>'),
])
def test_a_link_left_without_address_is_unwrapped_its_text_kept(dirty, cleaned):
    """The DSFR greys out an <a> without href (axe: contrast 3.11:1): the text stays, the link goes."""
    assert clean(dirty) == cleaned
