"""The « Actualités » listing is paginated over its own articles (issue 12: it was quadratic).

Each page lists only its own slice of the articles, newest first, with DSFR pagination
controls; every article appears on exactly one page; every link of the output is valid.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from conftest import build_sample_with
from test_site_pages import broken_links

import pelicanconf

EXTRA = 30  # + the sample's 11 articles: 41, so 4 pages of 12


class Listing(HTMLParser):
    """The archive entries (href) and the pagination links (text, href, aria-current) of a page."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.entries: list[str] = []
        self.pagination: list[tuple[str, str | None, str | None]] = []
        self._in_archive = self._in_pagination = 0
        self._link: dict | None = None
        self._text = ""
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if tag == "ul" and "vitrine-archive" in classes:
            self._in_archive += 1
        if tag == "nav" and "fr-pagination" in classes:
            self._in_pagination += 1
        if tag == "a" and self._in_archive:
            self.entries.append(attributes.get("href"))
        if tag == "a" and self._in_pagination:
            self._link, self._text = attributes, ""

    def handle_endtag(self, tag):
        if tag == "ul" and self._in_archive:
            self._in_archive -= 1
        if tag == "nav" and self._in_pagination:
            self._in_pagination -= 1
        if tag == "a" and self._link is not None:
            self.pagination.append((self._text.strip(), self._link.get("href"), self._link.get("aria-current")))
            self._link = None

    def handle_data(self, data):
        if self._link is not None:
            self._text += data


def article(number: int) -> str:
    return (f"Title: Conseil de prévention n° {number}\nDate: 2025-{1 + number % 12:02d}-{1 + number % 28:02d} 09:{number:02d}\n"
            f"Category: Prévention\nSlug: conseil-{number}\nSummary: Conseil n° {number}.\n\nTexte du conseil {number}.\n")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_sample_with(tmp_path_factory, "archives",
                             {f"prevention/conseil-{n}.md": article(n) for n in range(EXTRA)})


def pages_of(site):
    first = site / "actualites" / "index.html"
    others = sorted((site / "actualites" / "page").glob("*/index.html"), key=lambda p: int(p.parent.name))
    return [first, *others]


def test_each_page_lists_its_own_articles_once_newest_first(site):
    pages = pages_of(site)
    per_page = pelicanconf.DEFAULT_PAGINATION
    all_articles = [p for folder in ("prevention", "recrutement", "evenements", "alertes")
                    for p in (site / folder).glob("*/index.html") if "/page/" not in str(p)]
    assert len(pages) == -(-len(all_articles) // per_page) == 4
    listed = []
    for page in pages:
        entries = Listing(page.read_text(encoding="utf-8")).entries
        assert 0 < len(entries) <= per_page, (page, len(entries))
        listed += entries
    assert len(listed) == len(set(listed)) == len(all_articles)  # each article on exactly one page
    dates = []
    for page in pages:
        dates += re.findall(r'<time datetime="([^"]+)">', page.read_text(encoding="utf-8"))
    assert dates == sorted(dates, reverse=True)


def test_pagination_controls_are_the_dsfr_ones_with_the_current_page_marked(site):
    pages = pages_of(site)
    for number, page in enumerate(pages, start=1):
        text = page.read_text(encoding="utf-8")
        controls = Listing(text).pagination
        current = [label for label, href, aria in controls if aria == "page"]
        assert current == [str(number)], (page, controls)
        labels = [label for label, _href, _aria in controls]
        assert labels[:2] == ["Première page", "Page précédente"] and labels[-2:] == ["Page suivante", "Dernière page"]
        linked = {label: href for label, href, _aria in controls if href}
        if number > 1:
            assert linked["Page précédente"].rstrip("/").endswith("actualites" if number == 2 else f"page/{number - 1}")
        else:
            assert "Page précédente" not in linked  # disabled, not a link to nowhere
        if number < len(pages):
            assert linked["Page suivante"].endswith(f"actualites/page/{number + 1}/")
        assert f"(page {number})" in text if number > 1 else "(page " not in text
        assert 'class="fr-pagination fr-mt-6w" aria-label="Pagination"' in text


def test_every_link_of_the_paginated_output_is_valid(site):
    problems = broken_links(site)
    assert not problems, "\n".join(problems[:30])


def test_the_sample_archive_is_one_page_without_controls(sample_site):
    text = (sample_site / "actualites" / "index.html").read_text(encoding="utf-8")
    assert len(Listing(text).entries) == 11
    assert "fr-pagination" not in text and not (sample_site / "actualites" / "page").exists()
