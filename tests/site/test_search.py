"""The site's search: the DSFR header search bar, pagefind's index made by the build, the results page.

In Chromium against the sample site built by plain `pelican` (conftest.build_site):
a word typed in the header's search bar lists the page that holds it, at 375 and
1280 px; the results page passes axe; every request stays on the site's origin;
without JavaScript the page says so and points to the site map; pagefind's index
holds the articles and pages only (not the home, the listings, the short links'
redirect pages, the player or the preview page).
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import SAMPLE_NOW
from test_accessibility import AXE_OPTIONS, describe


def results_page(sample_server, page_factory, query: str, width: int = 1280):
    page = page_factory(width=width, height=800)
    page.clock.set_fixed_time(datetime.fromisoformat(SAMPLE_NOW))
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{sample_server.url}/recherche/?q={query}")
    page.locator("#recherche-resultats li").first.wait_for(timeout=20_000)
    return page, requests


def test_the_build_writes_the_index_and_no_ready_made_interface(sample_site):
    bundle = sample_site / "pagefind"
    assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-worker.js").is_file()
    assert any(bundle.glob("wasm.fr.pagefind")) and any((bundle / "fragment").iterdir())
    assert not list(bundle.glob("pagefind-*ui*")) and not (bundle / "pagefind-highlight.js").exists()


@pytest.mark.parametrize("width", [375, 1280])
def test_a_word_typed_in_the_header_lists_the_page_holding_it(sample_server, page_factory, width):
    page = page_factory(width=width, height=800)
    page.clock.set_fixed_time(datetime.fromisoformat(SAMPLE_NOW))
    page.goto(sample_server.url + "/")
    page.wait_for_function("document.documentElement.getAttribute('data-fr-js') === 'true'")
    if width < 992:  # the DSFR header: a button opens the search bar on a phone
        page.locator("header button.fr-btn--search").click()
    field = page.locator("#recherche-entete-champ")
    field.fill("cambriolage")
    field.press("Enter")
    page.wait_for_url("**/recherche/?q=cambriolage")
    first = page.locator("#recherche-resultats li").first
    first.wait_for(timeout=20_000)
    links = page.locator("#recherche-resultats a").evaluate_all("links => links.map(a => a.pathname)")
    assert "/prevention/cambriolages/" in links
    assert "cambriolage" in page.locator("#recherche-resultats mark").first.inner_text().lower()
    status = page.locator("#recherche-etat").inner_text()
    assert "pages pour «\u00a0cambriolage\u00a0»" in status, status
    width_used = page.evaluate("document.documentElement.scrollWidth")
    assert width_used <= width  # no horizontal scroll


def test_no_result_is_said(sample_server, page_factory):
    page = page_factory()
    page.goto(f"{sample_server.url}/recherche/?q=zyxwvu")
    page.wait_for_function("document.getElementById('recherche-etat').textContent.length > 0")
    assert page.locator("#recherche-etat").inner_text() == "Aucune page ne contient «\u00a0zyxwvu\u00a0»."


@pytest.mark.parametrize("width", [375, 1280])
def test_results_page_passes_axe_and_stays_on_our_origin(sample_server, page_factory, width):
    page, requests = results_page(sample_server, page_factory, "recrutement", width)
    page.wait_for_function("document.documentElement.getAttribute('data-fr-js') === 'true'")
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, describe(violations)
    origin = urlsplit(sample_server.url).netloc
    foreign = [url for url in requests if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != origin]
    assert not foreign and any("/pagefind/" in url for url in requests), requests


def test_without_javascript_the_page_says_so(sample_server, page_factory):
    page = page_factory(java_script_enabled=False)
    page.goto(f"{sample_server.url}/recherche/?q=cambriolage")
    notice = page.locator(".vitrine-no-js")
    assert notice.is_visible()
    assert "JavaScript" in notice.inner_text()
    assert notice.locator("a").get_attribute("href") == "/plan-du-site/"
    assert not page.locator("#recherche-etat").is_visible()


def test_only_articles_and_pages_are_indexed(sample_server, page_factory):
    page, _ = results_page(sample_server, page_factory, "gendarmerie")
    urls = page.evaluate("""async () => {
        const pagefind = await import('/pagefind/pagefind.js');
        const all = await pagefind.search(null);
        return Promise.all(all.results.map(async (r) => (await r.data()).url));
    }""")
    assert "/prevention/cambriolages/" in urls and "/horaires-et-acces/" in urls
    assert "/evenements/forum-des-metiers/" in urls
    unwanted = [url for url in urls if url == "/" or url.startswith(("/s/", "/signage/", "/recherche/", "/accueil/",
                                                                     "/plan-du-site/", "/etiquettes/"))
                or url in ("/prevention/", "/evenements/", "/actualites/")]
    assert not unwanted, unwanted


def test_the_index_leaves_out_the_emergency_box_and_the_breadcrumb(sample_server, page_factory):
    page, _ = results_page(sample_server, page_factory, "cambriolage")
    excerpts = page.evaluate("""async () => {
        const pagefind = await import('/pagefind/pagefind.js');
        const found = await pagefind.search('Dans la même rubrique');
        return Promise.all(found.results.map(async (r) => (await r.data()).content));
    }""")
    assert all("Dans la même rubrique" not in text and "En cas d’urgence" not in text for text in excerpts)


def test_drafts_and_hidden_pages_are_not_found_by_the_search(tmp_path):
    """Found by an outsider: a draft's secret word was a search result (the draft is written under brouillons/)."""
    import gzip
    import shutil

    from conftest import ROOT, build_site, write_content

    content = shutil.copytree(ROOT / "content", tmp_path / "content")
    header = "Date: 2026-11-02\nCategory: Prévention\n"
    write_content(content, {
        "prevention/brouillon.md": f"Title: Brouillon\n{header}Status: draft\n\nmotbrouillonarticle\n",
        "prevention/cache.md": f"Title: Caché\n{header}Status: hidden\n\nmotcachearticle\n",
        "pages/brouillon.md": "Title: Page brouillon\nStatus: draft\n\nmotbrouillonpage\n",
        "pages/publiee.md": "Title: Page publiée\n\nmotpublie\n",
    })
    result = build_site(tmp_path / "out", content=content)
    assert result.returncode == 0, result.log
    indexed = b"".join(gzip.decompress(path.read_bytes()) for path in (tmp_path / "out" / "pagefind").rglob("*.pf_fragment"))
    assert b"motpublie" in indexed
    for word in (b"motbrouillonarticle", b"motcachearticle", b"motbrouillonpage"):
        assert word not in indexed, word
    drafts = [p for p in (tmp_path / "out").rglob("*.html") if "motbrouillon" in p.read_text(encoding="utf-8")]
    assert drafts and all('<meta name="robots" content="noindex, follow">' in p.read_text(encoding="utf-8")
                          for p in drafts)


def test_nothing_is_indexed_or_written_through_a_link(tmp_path):
    """A linked page or folder in the output is never read; a linked pagefind/ is replaced, not written through."""
    import pelicanconf
    from signage.site.search_index import build_index

    page = ('<html lang="fr"><head><title>{0}</title></head><body><main data-pagefind-body>'
            "<h1>{0}</h1><p>{1}</p></main></body></html>")
    outside = tmp_path / "ailleurs"
    (outside / "dossier").mkdir(parents=True)
    (outside / "secret.html").write_text(page.format("Secret", "motsecret"), encoding="utf-8")
    (outside / "dossier" / "index.html").write_text(page.format("Dossier", "motdossier"), encoding="utf-8")
    (outside / "bundle").mkdir()
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(page.format("Accueil", "motpublic"), encoding="utf-8")
    (site / "lien.html").symlink_to(outside / "secret.html")
    (site / "dossier").symlink_to(outside / "dossier")
    (site / "pagefind").symlink_to(outside / "bundle")
    build_index(site, {"RECHERCHE_SAVE_AS": pelicanconf.RECHERCHE_SAVE_AS})
    bundle = site / "pagefind"
    assert not bundle.is_symlink() and (bundle / "pagefind.js").is_file()
    assert list((outside / "bundle").iterdir()) == []  # nothing written through the link
    assert len(list((bundle / "fragment").iterdir())) == 1  # the one real page
    assert (site / "lien.html").is_symlink() and (outside / "secret.html").is_file()  # links left as they were
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".vitrine-recherche-")]  # no staging left


def test_a_missing_pagefind_is_said_in_french(tmp_path):
    """pagefind gone between the set-up check and the index (an `npm ci` under way): a French message."""
    from signage.core.errors import SetupError
    from signage.site.search_index import build_index

    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<html><body><main data-pagefind-body>x</main></body></html>")
    with pytest.raises(SetupError) as raised:
        build_index(tmp_path / "site", {"RECHERCHE_SAVE_AS": "recherche/index.html",
                                        "PAGEFIND_BIN": str(tmp_path / "absent" / "pagefind")})
    assert "pagefind" in str(raised.value) and "make setup" in str(raised.value)


def test_an_unchanged_site_reuses_its_index_and_a_changed_page_gets_a_new_one(tmp_path):
    """pagefind runs only when a page changed: the same pages at the same paths reuse the index kept in
    the render cache (placed by hard link); a changed page, a damaged kept index run it again; only the
    KEPT most recent indexes stay in the cache."""
    import gzip
    import os
    import shutil

    import pelicanconf
    from signage.site.search_cache import KEPT
    from signage.site.search_index import build_index, command

    calls = tmp_path / "calls"
    wrapper = tmp_path / "pagefind"
    wrapper.write_text(f'#!/bin/sh\necho run >> "{calls}"\nexec "{command({})}" "$@"\n')
    wrapper.chmod(0o755)
    cache = tmp_path / "cache"
    settings = {"RECHERCHE_SAVE_AS": pelicanconf.RECHERCHE_SAVE_AS, "PAGEFIND_BIN": str(wrapper),
                "SIGNAGE_CACHE_PATH": str(cache)}
    page = "<html lang='fr'><body><main data-pagefind-body><h1>{0}</h1><p>{0}</p></main></body></html>"

    def site(name: str, words: list[str]) -> set[bytes]:
        folder = tmp_path / name
        for number, word in enumerate(words):
            (folder / f"p{number}").mkdir(parents=True)
            (folder / f"p{number}" / "index.html").write_text(page.format(word), encoding="utf-8")
        build_index(folder, settings)
        assert (folder / "pagefind" / "pagefind.js").is_file()
        return {gzip.decompress(path.read_bytes()) for path in (folder / "pagefind").rglob("*.pf_fragment")}

    def runs() -> int:
        return len(calls.read_text().split()) if calls.exists() else 0

    first = site("a", ["motun", "motdeux"])
    assert runs() == 1
    assert site("b", ["motun", "motdeux"]) == first and runs() == 1  # same pages: the kept index
    assert (tmp_path / "b" / "pagefind" / "pagefind.js").stat().st_nlink > 1  # a hard link to the cache
    changed = site("c", ["motun", "mottrois"])
    assert runs() == 2 and any(b"mottrois" in fragment for fragment in changed)
    assert not any(b"motdeux" in fragment for fragment in changed)
    # A damaged kept index is not reused: a file removed, one truncated, one replaced by a link.
    damages = [lambda index: (index / "pagefind.js").unlink(),
               lambda index: next(index.rglob("*.pf_fragment")).write_bytes(b""),
               lambda index: (index / "pagefind-entry.json").unlink() or (index / "pagefind-entry.json").symlink_to(
                   tmp_path / "a" / "p0" / "index.html"),
               # an emptied index with an empty manifest (found by an outsider: every build then crashed)
               lambda index: shutil.rmtree(index) or index.mkdir() or (index.parent / "files.json").write_text("{}"),
               # a manifest that is a FIFO (found by an outsider: the build hung)
               lambda index: (index.parent / "files.json").unlink() or os.mkfifo(index.parent / "files.json")]
    for number, damage in enumerate(damages):
        for kept in (cache / "search").iterdir():
            damage(kept / "pagefind")
        assert site(f"d{number}", ["motun", "motdeux"]) == first and runs() == 3 + number
        index = tmp_path / f"d{number}" / "pagefind"
        assert not [p for p in index.rglob("*") if p.is_symlink()] and (index / "pagefind-entry.json").is_file()
    for number in range(KEPT + 2):
        site(f"e{number}", [f"mot{number}x"])
    assert len([entry for entry in (cache / "search").iterdir() if not entry.name.startswith(".")]) == KEPT


def test_pagefind_s_own_settings_where_the_build_runs_change_nothing(tmp_path, monkeypatch):
    """Found by an outsider: `PAGEFIND_ROOT_SELECTOR=footer` in the environment (or a pagefind.yml
    where the build was started) made another index, then kept as this site's."""
    import gzip

    import pelicanconf
    from signage.site.search_index import build_index

    monkeypatch.setenv("PAGEFIND_ROOT_SELECTOR", "footer")
    (tmp_path / "pagefind.yml").write_text('root_selector: "footer"\n')
    monkeypatch.chdir(tmp_path)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<html lang='fr'><body><main data-pagefind-body><p>motprincipal</p></main>"
                                     "<footer>motpied</footer></body></html>", encoding="utf-8")
    build_index(site, {"RECHERCHE_SAVE_AS": pelicanconf.RECHERCHE_SAVE_AS})
    indexed = b"".join(gzip.decompress(p.read_bytes()) for p in (site / "pagefind").rglob("*.pf_fragment"))
    assert b"motprincipal" in indexed and b"motpied" not in indexed


def test_no_index_is_kept_in_a_cache_inside_the_content_folder(tmp_path):
    from signage.site.search_cache import kept_index

    assert kept_index({"SIGNAGE_CACHE_PATH": str(tmp_path / "content" / ".cache"), "PATH": str(tmp_path / "content")},
                      "x") is None
    assert kept_index({"SIGNAGE_CACHE_PATH": str(tmp_path / "cache"), "PATH": str(tmp_path / "content")}, "x")


def test_a_staging_folder_left_by_a_killed_build_is_removed_an_hour_later(tmp_path):
    import os

    import pelicanconf
    from signage.site.search_index import WORK_PREFIX, build_index

    old, recent = tmp_path / f"{WORK_PREFIX}old", tmp_path / f"{WORK_PREFIX}recent"
    for folder in (old, recent):
        (folder / "pages").mkdir(parents=True)
    os.utime(old, (0, 0))
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<html><body><main data-pagefind-body>mot</main></body></html>")
    build_index(site, {"RECHERCHE_SAVE_AS": pelicanconf.RECHERCHE_SAVE_AS})
    assert not old.exists() and recent.exists()  # a build still running may own the recent one


def test_an_index_no_longer_wanted_stops_pagefind_and_leaves_the_served_one(tmp_path):
    """`cancelled()` turning true while pagefind runs stops it at once: IndexCancelledError, the build's
    index (here the previous one) left as it was, nothing left behind."""
    import time

    import pelicanconf
    from signage.site.search_index import IndexCancelledError, build_index

    slow = tmp_path / "pagefind"
    slow.write_text('#!/bin/sh\nexec sleep 30\n')  # a pagefind that takes 30 s
    slow.chmod(0o755)
    site = tmp_path / "site"
    (site / "pagefind").mkdir(parents=True)
    (site / "pagefind" / "pagefind.js").write_text("// the previous index")
    (site / "index.html").write_text("<html><body><main data-pagefind-body>mot</main></body></html>")
    started = time.monotonic()
    with pytest.raises(IndexCancelledError):
        build_index(site, {"RECHERCHE_SAVE_AS": pelicanconf.RECHERCHE_SAVE_AS, "PAGEFIND_BIN": str(slow)},
                    cancelled=lambda: time.monotonic() - started > 0.3)
    assert time.monotonic() - started < 10  # stopped, not waited for
    assert (site / "pagefind" / "pagefind.js").read_text() == "// the previous index"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".vitrine-recherche-")]
