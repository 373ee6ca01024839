"""No page or stylesheet of the output references another origin.

Checked on the development build (relative URLs) and on the production build
(publishconf.py: absolute URLs on the public site). Every URL a browser would
fetch by itself — src, href of <link>/<use>, srcset, poster, url() and
@import in stylesheets, <style> blocks and style attributes — must be relative
or on the site's own origin. The only absolute URLs to other sites allowed are
<a href> links the visitor chooses to follow.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import build_site

import pelicanconf

PUBLIC_ORIGIN = "{0.scheme}://{0.netloc}".format(urlsplit(pelicanconf.PUBLIC_SITEURL))
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+(?:url\()?\s*['"]([^'"]+)""", re.IGNORECASE)
# <a>/<area> hrefs are navigation the visitor chooses; everything else is fetched by the browser.
NAVIGATION = {("a", "href"), ("area", "href")}
# <link rel> values that are metadata about the page, not fetched: canonical and alternates.
NOT_FETCHED_RELS = {"canonical", "alternate", "author", "license", "help", "search"}


def origin(url: str) -> str | None:
    """The origin of an absolute URL (or protocol-relative one), None for a relative URL."""
    url = url.strip()
    if url.startswith("//"):
        url = "https:" + url
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    if parts.scheme in ("data", "mailto", "tel", "sms", ""):
        return None
    return f"{parts.scheme}:"  # any other scheme is foreign (ftp:, javascript:…)


class References(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []  # (tag, attribute, url)
        self._in_style = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attributes = {name: (value or "") for name, value in attrs}
        rels = set(attributes.get("rel", "").lower().split())
        for name, value in attributes.items():
            if name in ("src", "href", "xlink:href", "poster", "data", "action", "formaction",
                        "background", "manifest", "ping"):
                if tag == "link" and name == "href" and rels & NOT_FETCHED_RELS and not rels - NOT_FETCHED_RELS:
                    self.found.append(("link-meta", name, value))
                else:
                    self.found.append((tag, name, value))
            elif name in ("srcset", "imagesrcset"):
                for candidate in value.split(","):
                    if candidate.strip():
                        self.found.append((tag, name, candidate.strip().split()[0]))
            elif name == "style":
                for url in css_urls(value):
                    self.found.append((tag, "style", url))
            elif tag == "meta" and name == "content" and re.match(r"^(https?:)?//", value.strip()):
                self.found.append(("meta", attributes.get("property") or attributes.get("name", ""), value))
        if tag == "style":
            self._in_style = True

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            for url in css_urls(data):
                self.found.append(("style", "css", url))


def css_urls(css: str) -> list[str]:
    return [a or b for a, b in CSS_URL.findall(css)]


def foreign_references(output: Path, site_origin: str) -> list[str]:
    problems = []
    for page in sorted(output.rglob("*.html")):
        for tag, attribute, url in References(page.read_text(encoding="utf-8", errors="replace")).found:
            where = f"{page.relative_to(output)}: <{tag} {attribute}=\"{url}\">"
            found = origin(url)
            if found is None or (tag, attribute) in NAVIGATION:
                continue
            if tag in ("link-meta", "meta"):
                # canonical, alternate and Open Graph URLs may only name the site itself.
                if found != PUBLIC_ORIGIN and found != site_origin:
                    problems.append(where)
                continue
            if found != site_origin:
                problems.append(where)
    for sheet in sorted(output.rglob("*.css")):
        for url in css_urls(sheet.read_text(encoding="utf-8", errors="replace")):
            if origin(url) not in (None, site_origin):
                problems.append(f"{sheet.relative_to(output)}: url({url})")
    return problems


def test_development_build_has_no_third_party_reference(sample_site):
    problems = foreign_references(sample_site, site_origin="http://127.0.0.1:8000")
    assert not problems, "\n".join(problems[:40])


@pytest.fixture(scope="module")
def production_site(tmp_path_factory):
    output = tmp_path_factory.mktemp("production-site")
    result = build_site(output, settings="publishconf.py", cache=tmp_path_factory.mktemp("prod-cache"))
    assert result.returncode == 0, result.log
    return output


def test_production_build_has_no_third_party_reference(production_site):
    problems = foreign_references(production_site, site_origin=PUBLIC_ORIGIN)
    assert not problems, "\n".join(problems[:40])
    home = (production_site / "index.html").read_text(encoding="utf-8")
    assert f'href="{pelicanconf.PUBLIC_SITEURL}/theme/dsfr/dsfr.min.css"' in home


def test_the_checker_catches_each_kind_of_reference(tmp_path):
    (tmp_path / "index.html").write_text("""<html lang="fr"><head>
<link rel="stylesheet" href="https://fonts.example.com/css">
<link rel="canonical" href="https://tracker.example/page">
<script src="//cdn.example.net/x.js"></script>
<style>@import "https://cdn.example.org/a.css"; .x{background:url(https://img.example/b.png)}</style>
<meta property="og:image" content="https://img.example/og.png">
</head><body>
<img src="https://img.example/a.png" srcset="/ok.png 1x, https://img.example/c.png 2x" alt="">
<p style="background-image:url('https://img.example/d.png')">x</p>
<svg><use href="https://sprite.example/s.svg#i"></use></svg>
<a href="https://www.service-public.gouv.fr">a link is fine</a>
<img src="/images/local.png" alt=""><img src="data:image/png;base64,AAAA" alt="">
</body></html>""", encoding="utf-8")
    (tmp_path / "site.css").write_text("@font-face{src:url(https://fonts.example/f.woff2)}"
                                       ".y{background:url(../img/local.png)}", encoding="utf-8")
    problems = foreign_references(tmp_path, site_origin="http://127.0.0.1:8000")
    text = "\n".join(problems)
    for needle in ("fonts.example.com/css", "tracker.example", "cdn.example.net", "cdn.example.org",
                   "img.example/b.png", "og.png", "img.example/a.png", "img.example/c.png",
                   "img.example/d.png", "sprite.example", "fonts.example/f.woff2"):
        assert needle in text, needle
    assert "service-public" not in text and "local.png" not in text and "data:" not in text
