"""Incremental live builds: a saved article rewrites only what shows it, into a fresh complete folder.

The edited page, the home and the listings show the change; every other file is the previous
build's, hard-linked (never written in place: the previous build keeps its bytes); a deleted
article disappears; a template, a setting, the hours page or a moved article make a full build.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE_EPOCH, live_preview

from signage.workflow import incremental

ARTICLE = Path("prevention") / "operation-tranquillite-vacances.md"
PAGE = "prevention/tranquillite-vacances/index.html"
SHOWN_ON = [PAGE, "index.html", "prevention/index.html", "actualites/index.html", "plan-du-site/index.html",
            "prevention/cambriolages/index.html"]  # « Dans la même rubrique »


@pytest.fixture
def preview(tmp_path, content_copy, monkeypatch, render_cache):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(SAMPLE_EPOCH))
    with open(tmp_path / "terminal.txt", "w") as terminal:
        live = live_preview(content_copy, tmp_path / "output", render_cache, terminal)
        assert live.build("test"), (tmp_path / "terminal.txt").read_text()
        yield live


def retitle(path: Path, title: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^Title: .*$", f"Title: {title}", text, count=1, flags=re.M), encoding="utf-8")


def files(folder: Path) -> dict[str, Path]:
    return {p.relative_to(folder).as_posix(): p for p in folder.rglob("*") if p.is_file()}


def test_a_title_change_rewrites_the_page_home_and_listings_only(preview, content_copy, tmp_path):
    output = tmp_path / "output"
    before = Path(os.path.realpath(output))
    old = {name: path.read_bytes() for name, path in files(before).items()}
    source = content_copy / ARTICLE
    retitle(source, "Vacances : nouveau titre en direct")

    assert preview.build("test", [source.resolve()])
    after = Path(os.path.realpath(output))
    assert after != before and preview.incremental_builds == 1
    for name in SHOWN_ON:
        assert "Vacances\u00a0: nouveau titre en direct" in (after / name).read_text(encoding="utf-8"), name
    # A complete folder: the same files as before; pages the title is not on are the previous ones, linked.
    # The previews and the search index are named by their content: the new title's are new files.
    remade = ("images/partage/", "pagefind/")
    assert {n for n in files(after) if not n.startswith(remade)} == {n for n in old if not n.startswith(remade)}
    preview_image = re.search(r'og:image" content="[^"]*?/(images/partage/[^"]+)"', (after / PAGE).read_text(
        encoding="utf-8")).group(1)
    assert preview_image in files(after) and preview_image not in old
    unchanged = ["mentions-legales/index.html", "recrutement/sous-officier/index.html", "404.html",
                 "etiquettes/concours/index.html", "evenements/forum-des-metiers/index.html"]
    assert all(os.path.samefile(after / name, before / name) for name in unchanged)
    # The previous build, still servable, kept every byte.
    assert {name: path.read_bytes() for name, path in files(before).items()} == old
    assert "nouveau titre en direct" not in (before / PAGE).read_text(encoding="utf-8")


def test_an_incremental_build_equals_a_full_build(preview, content_copy, tmp_path):
    source = content_copy / ARTICLE
    retitle(source, "Titre comparé : « vite » ! 17 h 30")  # typeset on its page and in its category's lists
    assert preview.build("test", [source.resolve()]) and preview.incremental_builds == 1
    incremental_folder = Path(os.path.realpath(tmp_path / "output"))
    assert preview.build("test")  # a full build of the same content
    full_folder = Path(os.path.realpath(tmp_path / "output"))
    mine, theirs = files(incremental_folder), files(full_folder)
    assert set(mine) == set(theirs)
    different = [name for name in mine if mine[name].read_bytes() != theirs[name].read_bytes()]
    assert not different, different


def test_a_page_shown_in_its_categorys_lists_changes_only_those_lists_on_the_other_pages(preview, content_copy,
                                                                                        tmp_path):
    """The other pages of the category are the previous build's pages with the new list put in
    (workflow/related_pages): what lies outside the list is the previous page's, here a mark put
    there; a previous page whose list cannot be found is rendered whole."""
    before = Path(os.path.realpath(tmp_path / "output"))
    spliced, whole = before / "prevention/cambriolages/index.html", before / "prevention/vols-vehicules/index.html"
    for page, change in ((spliced, lambda html: html.replace("</main>", "<!--marque-->\n</main>")),
                         (whole, lambda html: html.replace("Dans la même rubrique", "Ailleurs"))):
        changed = change(page.read_text(encoding="utf-8"))
        page.unlink()  # a new file: the linked one is not written through
        page.write_text(changed, encoding="utf-8")
    source = content_copy / ARTICLE
    retitle(source, "Vacances : liste seule")
    assert preview.build("test", [source.resolve()]) and preview.incremental_builds == 1
    after = Path(os.path.realpath(tmp_path / "output"))
    for name in ("prevention/cambriolages/index.html", "prevention/vols-vehicules/index.html"):
        html = (after / name).read_text(encoding="utf-8")
        assert "Vacances\u00a0: liste seule" in html and "Dans la même rubrique" in html, name
    assert "<!--marque-->" in (after / "prevention/cambriolages/index.html").read_text(encoding="utf-8")
    assert "Ailleurs" not in (after / "prevention/vols-vehicules/index.html").read_text(encoding="utf-8")


def test_the_plan_reads_headers_as_every_check_does(tmp_path):
    """Found by an outsider: an indented `  Date:` (Markdown reads it) was invisible to the plan, so a
    re-dated article made an incremental build with stale listings."""
    path = tmp_path / "article.md"
    path.write_text("\ufeffTitle: Essai\n  Date: 2026-11-02\nTags: a,\n    b\nCategory: Prévention\n\nTexte.\n",
                    encoding="utf-8")
    assert incremental.headers(path) == {"date": "2026-11-02", "tags": "a, b", "category": "Prévention"}
    index = incremental.BuildIndex(folder=str(tmp_path), sources={str(path): incremental.Source(
        save_as="essai/index.html", kind="article", category=None, tags=[], headers=None, related=False)})
    assert incremental.plan(index, [path], tmp_path) is None  # unknown headers: built whole


def test_a_structural_save_while_a_build_reads_makes_the_next_save_build_whole(preview, content_copy):
    """Found by an outsider: an article re-dated while a live build ran was recorded as built with its
    new date, so its next title save made an incremental build with stale listings. The keys are
    now taken as the build starts: that next save sees the change and builds whole."""
    from pelican import signals

    source = content_copy / ARTICLE
    text = source.read_text(encoding="utf-8")

    def saved_meanwhile(_generator):  # the officer saves while Pelican is reading
        source.write_text(re.sub(r"^Date: .*$", "Date: 2026-11-28 09:00", text, count=1, flags=re.M),
                          encoding="utf-8")

    signals.article_generator_finalized.connect(saved_meanwhile)
    try:
        retitle(source, "Vacances : relue pendant la construction")
        assert preview.build("test", [source.resolve()])
    finally:
        signals.article_generator_finalized.disconnect(saved_meanwhile)
    built = preview.builds
    retitle(source, "Vacances : titre suivant")
    assert preview.build("test", [source.resolve()]) and preview.builds == built + 1
    assert preview.incremental_builds == 1  # the first save only; the next one built whole


def test_drafts_and_every_page_of_the_events_listing_follow_a_title_change(preview, content_copy, tmp_path):
    """Found by an outsider: a draft showing the category's newest articles kept the old title, and so
    did pages 2 and after of « Événements » (every page of it was meant, only the first was written)."""
    from conftest import write_content

    event = (content_copy / "evenements" / "forum-des-metiers.md").read_text(encoding="utf-8")
    many = {f"evenements/atelier-{n:02d}.md": event.replace("Slug: forum-des-metiers", f"Slug: atelier-{n:02d}")
            .replace("Title: Forum des métiers de la gendarmerie", f"Title: Atelier {n:02d}")
            .replace("Slide: yes", "Slide: no") for n in range(14)}
    many["prevention/brouillon.md"] = ("Title: Un brouillon\nDate: 2026-11-20\nCategory: Prévention\n"
                                       "Status: draft\n\nTexte.\n")
    write_content(content_copy, many)
    assert preview.build("test")  # a full build: new files
    output = Path(os.path.realpath(tmp_path / "output"))
    later_pages = sorted(output.glob("evenements/page/*/index.html"))
    assert later_pages, "more than one page of events"
    retitle(content_copy / "evenements" / "atelier-13.md", "Atelier renommé : venez !")
    retitle(content_copy / ARTICLE, "Vacances : brouillon à jour")
    assert preview.build("test", [(content_copy / "evenements" / "atelier-13.md").resolve(),
                                  (content_copy / ARTICLE).resolve()]) and preview.incremental_builds == 1
    incremental_folder = Path(os.path.realpath(tmp_path / "output"))
    assert preview.build("test")  # the same content, built whole
    full_folder = Path(os.path.realpath(tmp_path / "output"))
    for name in [*(p.relative_to(output).as_posix() for p in later_pages), "evenements/index.html",
                 "brouillons/un-brouillon/index.html"]:
        assert (incremental_folder / name).read_bytes() == (full_folder / name).read_bytes(), name
    assert "Vacances\u00a0: brouillon à jour" in (incremental_folder / "brouillons/un-brouillon/index.html").read_text(
        encoding="utf-8")


def test_after_a_failed_build_the_next_one_writes_its_sitemap_and_no_old_slide_image(preview, content_copy,
                                                                                     tmp_path):
    """Found by an outsider: after one failed build, the live preview wrote no sitemap.xml any more
    (pelican-sitemap waited for the failed build); and images of slides gone from the feed stayed in
    signage/assets/ from build to build."""
    import json

    source = content_copy / ARTICLE
    original = source.read_text(encoding="utf-8")
    source.write_text(original.replace("Title:", "Slide_until: pas une date\nTitle:", 1), encoding="utf-8")
    assert not preview.build("test", [source.resolve()])  # an error: nothing switched in
    source.write_text(original.replace("Slide: yes", "Slide: no"), encoding="utf-8")
    assert preview.build("test")
    output = Path(os.path.realpath(tmp_path / "output"))
    assert (output / "sitemap.xml").is_file()
    retitle(source, "Vacances : sans diapositive")
    assert preview.build("test", [source.resolve()]) and preview.incremental_builds >= 1
    output = Path(os.path.realpath(tmp_path / "output"))
    assert (output / "sitemap.xml").is_file()
    feed = json.loads((output / "signage" / "feed.json").read_text(encoding="utf-8"))
    used = {image["url"].split("/")[-1] for screen in feed["screens"].values() for slide in screen["slides"] + screen["alerts"]
            for image in [slide["image"], *(v["image"] for v in slide.get("variants", []))]}
    assert {p.name for p in (output / "signage" / "assets").iterdir()} == used


def test_a_deleted_article_disappears(preview, content_copy, tmp_path):
    source = content_copy / "prevention" / "vols-dans-les-vehicules.md"  # no other page links to it
    source.unlink()
    assert preview.build("test", [source])
    output = Path(os.path.realpath(tmp_path / "output"))
    assert preview.incremental_builds == 0  # a full build
    assert not (output / "prevention" / "vols-vehicules" / "index.html").exists()
    for name in ("index.html", "prevention/index.html", "actualites/index.html"):
        assert "vols-vehicules/" not in (output / name).read_text(encoding="utf-8"), name


def test_deleting_an_article_other_pages_link_to_names_those_links(preview, content_copy, tmp_path):
    """Its {filename} links would be published broken (issue 10, item 6): the last good site stays."""
    served = os.path.realpath(tmp_path / "output")
    source = content_copy / ARTICLE
    source.unlink()
    assert not preview.build("test", [source])
    assert os.path.realpath(tmp_path / "output") == served
    linking = sorted(p.path.split("content/")[-1] for p in preview.state.problems
                     if "operation-tranquillite-vacances.md » mène à un fichier introuvable" in p.message)
    assert linking == ["evenements/prevention-cambriolages-fetes.md", "pages/services.md",
                       "prevention/cambriolages.md"], linking


@pytest.mark.parametrize("changed", ["theme", "settings", "hours", "slug", "image", "new"])
def test_what_changes_other_pages_makes_a_full_build(preview, content_copy, changed):
    index = incremental.LAST["index"]
    root = content_copy.resolve()
    if changed == "theme":
        path = ROOT / "theme" / "templates" / "base.html"
    elif changed == "settings":
        path = ROOT / "pelicanconf.py"
    elif changed == "hours":
        path = root / "pages" / "horaires-et-acces.md"
    elif changed == "slug":
        path = root / ARTICLE
        path.write_text(path.read_text(encoding="utf-8").replace("Slug: ", "Slug: autre-", 1), encoding="utf-8")
    elif changed == "image":
        path = root / "images" / "cambriolages.jpg"
    else:
        path = root / "prevention" / "nouvelle.md"
        path.write_text("Title: Nouvelle\nDate: 2026-11-30\nCategory: Prévention\n\nTexte.\n", encoding="utf-8")
    assert incremental.plan(index, [path], root) is None
    assert incremental.plan(index, [root / ARTICLE], root) is not None or changed == "slug"


def test_a_body_and_summary_change_is_served_though_conversions_are_kept(preview, content_copy, tmp_path):
    """Markdown conversions and sanitised bodies are memoised (core.memo, on disk since the first
    build): a changed body and summary are converted again, in the page and in the listings."""
    source = content_copy / ARTICLE
    text = source.read_text(encoding="utf-8")
    text = re.sub(r"^Summary: .*$", "Summary: Un résumé *modifié* en direct.", text, count=1, flags=re.M)
    source.write_text(text + "\nUn paragraphe **ajouté** en direct.\n", encoding="utf-8")
    assert preview.build("test", [source.resolve()]) and preview.incremental_builds == 1
    after = Path(os.path.realpath(tmp_path / "output"))
    assert "Un paragraphe <strong>ajouté</strong> en direct." in (after / PAGE).read_text(encoding="utf-8")
    assert "Un résumé modifié en direct." in (after / "prevention" / "index.html").read_text(encoding="utf-8")


def test_the_saved_page_is_served_first_and_its_words_are_found_just_after(preview, content_copy, tmp_path,
                                                                            capfd, caplog):
    """An incremental build is switched in with the previous build's search index (linked, unchanged),
    the browsers are told to reload, then the new index is renamed in: before `build` returns, the
    search finds the saved words; the previous build's index keeps its bytes."""
    import gzip

    output = tmp_path / "output"
    before = Path(os.path.realpath(output))
    old_index = {name: path.read_bytes() for name, path in files(before / "pagefind").items()}

    def indexed(folder: Path) -> bytes:
        return b"".join(gzip.decompress(p.read_bytes()) for p in (folder / "pagefind").rglob("*.pf_fragment"))

    seen_at_reload = []
    update = preview.state.update

    def watched(**changes):
        if changes.get("building") is False:
            seen_at_reload.append(b"motnouveaudirect" in indexed(Path(os.path.realpath(output))))
        return update(**changes)

    preview.state.update = watched
    source = content_copy / ARTICLE
    retitle(source, "Vacances motnouveaudirect")
    assert preview.build("test", [source.resolve()]) and preview.incremental_builds == 1
    assert seen_at_reload == [False]  # the page was served before its words were indexed
    after = Path(os.path.realpath(output))
    assert after != before and b"motnouveaudirect" in indexed(after)
    assert {name: path.read_bytes() for name, path in files(before / "pagefind").items()} == old_index
    said = capfd.readouterr()  # the settings an incremental build adds are Vitrine's own: no warning
    terminal = (tmp_path / "terminal.txt").read_text(encoding="utf-8")
    assert "réglage inconnu" not in said.out + said.err + caplog.text + terminal


def test_a_newer_save_waiting_puts_the_search_index_off_until_it_is_built(preview, content_copy, tmp_path):
    """While another save waits, the served build keeps its previous index (pagefind is not run or is
    stopped) and the waiting save is built first; the index is written once nothing waits."""
    import gzip

    output = tmp_path / "output"

    def indexed() -> bytes:
        folder = Path(os.path.realpath(output)) / "pagefind"
        return b"".join(gzip.decompress(p.read_bytes()) for p in folder.rglob("*.pf_fragment"))

    source = content_copy / ARTICLE
    retitle(source, "Vacances motattente")
    preview._pending = {source.resolve()}  # what the watcher holds when the officer saves again
    assert preview.build("test", [source.resolve()]) and preview.incremental_builds == 1
    assert preview.index_due and b"motattente" not in indexed()
    assert "motattente" in (output / PAGE).read_text(encoding="utf-8")  # the page itself is served
    preview._pending = set()
    preview._index_served_build()
    assert not preview.index_due and b"motattente" in indexed()


def test_the_index_staging_folder_is_deleted_once_the_build_lock_is_released(preview, content_copy, tmp_path,
                                                                              monkeypatch):
    """Found measuring at 1,000 articles: deleting the index's staging folder (some 1,300 folders)
    held the build lock for seconds after each save, and the next save waited for it. It is now
    deleted by a thread of its own: `build` returns while the deletion is still held up here."""
    import shutil
    import threading

    from signage.site import search_index

    held, deleting, real_rmtree = threading.Event(), [], shutil.rmtree

    def slow_rmtree(path, *args, **kwargs):
        if Path(path).name.startswith(search_index.WORK_PREFIX):
            deleting.append(Path(path))
            assert held.wait(30)
        return real_rmtree(path, *args, **kwargs)

    monkeypatch.setattr(search_index.shutil, "rmtree", slow_rmtree)
    source = content_copy / ARTICLE
    retitle(source, "Vacances motrangement")
    assert preview.build("test", [source.resolve()]) and preview.incremental_builds == 1
    assert len(deleting) == 1 and deleting[0].exists()  # build returned: the deletion is still under way
    held.set()
    for thread in threading.enumerate():
        if thread.name == "vitrine-index-tidy":
            thread.join(30)
    assert not deleting[0].exists()


def test_stopping_the_preview_stops_a_search_index_under_way(preview, content_copy, tmp_path):
    """Found by an outsider: Ctrl+C during the index of a save waited for pagefind (30 s on a slow
    machine) and left it running. Stopping the preview now stops pagefind at once."""
    import threading
    import time

    started = tmp_path / "pagefind.pid"
    slow = tmp_path / "pagefind"
    slow.write_text(f'#!/bin/sh\necho $$ > "{started}"\nexec sleep 60\n')  # a pagefind that takes a minute
    slow.chmod(0o755)
    preview.overrides["PAGEFIND_BIN"] = str(slow)
    source = content_copy / ARTICLE
    retitle(source, "Vacances motarret")
    building = threading.Thread(target=preview.build, args=("test", [source.resolve()]))
    building.start()
    deadline = time.monotonic() + 60
    while not (started.exists() and started.read_text().strip()) and time.monotonic() < deadline:
        time.sleep(0.05)
    pid = int(started.read_text())
    stopping = time.monotonic()
    preview.stop()  # what Ctrl+C in `invoke live` does
    building.join(timeout=20)
    assert not building.is_alive() and time.monotonic() - stopping < 10
    status = Path(f"/proc/{pid}/status")
    assert not status.exists() or "zombie" in status.read_text().lower()  # pagefind stopped
    assert "motarret" in (tmp_path / "output" / PAGE).read_text(encoding="utf-8")  # the page was served


def test_a_long_preview_does_not_keep_every_build_s_pages_in_memory(preview, content_copy):
    """Found by an outsider: Pelican's @memoized get_content/get_summary, kept on the class, held every
    article of every build (the live process grew by about 6 MB per save at 1,000 articles)."""
    from pelican.contents import Content

    def held() -> int:
        return len(Content.__dict__["get_content"].cache) + len(Content.__dict__["get_summary"].cache)

    source = content_copy / ARTICLE
    retitle(source, "Vacances une")
    assert preview.build("test", [source.resolve()])
    one_build = held()
    for number in range(3):
        retitle(source, f"Vacances {number}")
        assert preview.build("test", [source.resolve()])
    assert 0 < held() <= one_build
