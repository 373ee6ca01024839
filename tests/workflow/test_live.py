"""Live preview: a save rebuilds and reloads the open page; a bad save shows the French overlay
while the last good build stays served; the fix clears it."""

from __future__ import annotations

import re
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import SAMPLE_EPOCH, live_preview

from signage.core.errors import display_path

pytestmark = pytest.mark.browser


class Live:
    def __init__(self, preview, server):
        self.preview = preview
        self.server = server

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.url + path, timeout=10) as response:
            return response.read().decode()

    def wait_builds(self, count: int, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while self.preview.builds < count:
            assert time.monotonic() < deadline, "no rebuild after the save"
            time.sleep(0.05)


@pytest.fixture
def live(tmp_path, content_copy, monkeypatch, render_cache):
    from signage.workflow.live import make_live_server

    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(SAMPLE_EPOCH))
    # Only the private content copy is watched: other work on theme/ must not trigger builds here.
    with open(tmp_path / "terminal.txt", "w") as terminal:
        preview = live_preview(content_copy, tmp_path / "output", render_cache, terminal, debounce=0.2)
        server = make_live_server(tmp_path / "output", preview.state, "127.0.0.1", 0)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        assert preview.build("test"), (tmp_path / "terminal.txt").read_text()
        preview.start()
        yield Live(preview, server)
        preview.stop()
        server.shutdown()
        server.server_close()


def hours_page(content: Path) -> Path:
    return content / "pages" / "horaires-et-acces.md"


def test_save_rebuilds_and_reloads_the_open_page(live, content_copy, page_factory):
    page = page_factory()
    page.goto(live.url + "/horaires-et-acces/")
    assert "Phrase ajoutée en direct" not in page.inner_text("main")
    page.evaluate("window.__notReloaded = true")
    before = live.preview.builds

    with page.expect_event("load", timeout=60_000):
        source = hours_page(content_copy)
        source.write_text(source.read_text(encoding="utf-8") + "\nPhrase ajoutée en direct.\n",
                          encoding="utf-8")

    assert live.preview.builds == before + 1
    assert page.evaluate("window.__notReloaded") is None  # a real reload, not a patch
    page.wait_for_selector("text=Phrase ajoutée en direct")


def test_saving_identical_bytes_does_not_rebuild(live, content_copy):
    source = hours_page(content_copy)
    before = live.preview.builds
    source.write_bytes(source.read_bytes())
    time.sleep(1.5)
    assert live.preview.builds == before
    assert live.preview.skipped >= 1


def test_broken_save_shows_overlay_keeps_last_good_build_and_fix_clears_it(
        live, content_copy, page_factory, tmp_path):
    source = hours_page(content_copy)
    good = source.read_text(encoding="utf-8")
    page = page_factory()
    page.goto(live.url + "/horaires-et-acces/")
    good_html = live.get("/horaires-et-acces/")
    line = next(number for number, text in enumerate(good.splitlines(), start=1)
                if text.startswith("Opening_hours:"))

    before = live.preview.builds
    source.write_text(good.replace("Opening_hours: Mo-Sa 09:00-19:00",
                                   "Opening_hours: Mo-Sa 09:00-25:99"), encoding="utf-8")
    overlay = page.locator("#vitrine-live-erreurs")
    overlay.wait_for(timeout=60_000)
    text = overlay.inner_text()
    assert "horaires-et-acces.md" in text
    assert f"ligne {line}" in text
    assert "champ Opening_hours" in text
    assert "erreur" in text and "dernière version correcte" in text
    assert overlay.get_attribute("role") == "alert"
    assert live.preview.builds == before + 1

    # The server is alive and still serves the last good build.
    served = live.get("/horaires-et-acces/")
    assert re.sub(r"build=[^\"]+", "", served) == re.sub(r"build=[^\"]+", "", good_html)
    # The terminal says the same as the overlay.
    terminal = (tmp_path / "terminal.txt").read_text()
    assert f"horaires-et-acces.md:{line}" in terminal and "Opening_hours" in terminal

    with page.expect_event("load", timeout=60_000):
        source.write_text(good.replace("Mo-Sa 09:00-19:00", "Mo-Sa 09:00-18:30"), encoding="utf-8")
    assert page.locator("#vitrine-live-erreurs").count() == 0
    assert live.preview.state.problems == []


def test_player_page_gets_no_reload_script(live):
    body = live.get("/horaires-et-acces/")
    assert "/__vitrine__/live.js" in body
    # The player must run as in the shop window: a page under /signage/player/ is served untouched.
    probe = live.preview.target.resolve() / "signage" / "player" / "sonde.html"
    probe.parent.mkdir(parents=True, exist_ok=True)
    probe.write_text("<!doctype html><html><body><p>lecteur</p></body></html>", encoding="utf-8")
    assert live.get("/signage/player/sonde.html") == probe.read_text(encoding="utf-8")


def test_a_fifo_or_a_link_dropped_into_content_is_reported_never_read(live, content_copy, tmp_path):
    """A FIFO would block a watcher that reads it, a link would make it read outside content/."""
    import os

    secret = tmp_path / "ailleurs.txt"
    secret.write_text("SECRET-live", encoding="utf-8")
    served_before = live.get("/horaires-et-acces/")
    build_before = os.path.realpath(live.preview.target)
    before = live.preview.builds
    os.mkfifo(content_copy / "images" / "tube.jpg")
    (content_copy / "images" / "x.jpg").symlink_to(secret)
    live.wait_builds(before + 1)
    deadline = time.monotonic() + 60
    while len(live.preview.state.problems) < 2 and time.monotonic() < deadline:
        live.wait_builds(live.preview.builds + 1, timeout=deadline - time.monotonic())
    messages = [f"{p.path}: {p.message}" for p in live.preview.state.problems]
    assert any("images/tube.jpg: ce n'est pas un fichier ordinaire mais un tube nommé" in m for m in messages), messages
    assert any(f"images/x.jpg: lien symbolique vers {secret}, un fichier hors" in m for m in messages), messages
    assert os.path.realpath(live.preview.target) == build_before  # the last good build stays served
    assert live.get("/horaires-et-acces/") == served_before
    terminal = (tmp_path / "terminal.txt").read_text()
    assert "SECRET-live" not in terminal and "Traceback" not in terminal


def test_a_page_replaced_by_a_fifo_is_reported_not_opened(live, content_copy, tmp_path):
    """A saved page is read again to plan an incremental build: a FIFO in its place must not block it."""
    import os

    served_before = live.get("/services/")
    before = live.preview.builds
    services = content_copy / "pages" / "services.md"
    services.unlink()
    os.mkfifo(services)
    live.wait_builds(before + 1, timeout=60)
    deadline = time.monotonic() + 60
    while not live.preview.state.problems and time.monotonic() < deadline:
        live.wait_builds(live.preview.builds + 1, timeout=deadline - time.monotonic())
    messages = [f"{p.path}: {p.message}" for p in live.preview.state.problems]
    assert any("pages/services.md: ce n'est pas un fichier ordinaire mais un tube nommé" in m for m in messages), \
        messages
    assert live.get("/services/") == served_before  # the last good build stays served


def terminal_since(tmp_path, start: int) -> str:
    return (tmp_path / "terminal.txt").read_text(encoding="utf-8")[start:]


def test_the_terminal_says_what_is_true_of_the_preview(live, content_copy, tmp_path):
    """The preview publishes nothing: a failed rebuild never says « rien n'a été publié »."""
    source = hours_page(content_copy)
    good = source.read_text(encoding="utf-8")
    start = len((tmp_path / "terminal.txt").read_text(encoding="utf-8"))
    before = live.preview.builds
    source.write_text(good.replace("Mo-Sa 09:00-19:00", "Mo-Sa 09:00-25:99"), encoding="utf-8")
    live.wait_builds(before + 1)
    said = terminal_since(tmp_path, start)
    assert "1 erreur dans le contenu :" in said
    assert "Le site affiché reste la dernière version correcte. Corrigez puis enregistrez." in said
    assert "publié" not in said


EDITORS = {
    # what an editor writes beside the file while saving it, then removes (or leaves)
    "vim": ["4913", ".horaires-et-acces.md.swp", "horaires-et-acces.md~"],
    "emacs": [".#horaires-et-acces.md", "#horaires-et-acces.md#", "horaires-et-acces.md~"],
    "gedit": [".goutputstream-7RZ2K1"],
    "libreoffice": [".~lock.horaires-et-acces.md#"],
}


def test_editor_temporary_files_are_not_reported_as_changes(live, content_copy, tmp_path):
    source = hours_page(content_copy)
    folder = source.parent
    good = source.read_text(encoding="utf-8")
    start = len((tmp_path / "terminal.txt").read_text(encoding="utf-8"))
    # sed -i writes a temporary sedXXXXXX beside the file, then renames it over the file.
    before = live.preview.builds
    subprocess.run(["sed", "-i", "s/Mo-Sa 09:00-19:00/Mo-Sa 09:00-18:00/", str(source)], check=True)
    live.wait_builds(before + 1)
    # Editors' own files, created then removed around a real save, one editor after the other.
    for names in EDITORS.values():
        before = live.preview.builds
        for name in names:
            (folder / name).write_text("brouillon de l'éditeur", encoding="utf-8")
        source.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        for name in names:
            (folder / name).unlink()
        live.wait_builds(before + 1)
    # Editor files alone are no change at all: no rebuild. First let the saves above settle (on a
    # busy machine a save's truncate and write can reach the watcher in two batches, two builds).
    before = -1
    while live.preview.builds != before:
        before = live.preview.builds
        time.sleep(1.5)
    for name in ("4913", ".#horaires-et-acces.md", "sedAb12Cd"):
        (folder / name).write_text("x", encoding="utf-8")
        (folder / name).unlink()
    time.sleep(1.5)
    assert live.preview.builds == before
    said = terminal_since(tmp_path, start)
    reported = re.findall(r"\(modifié : ([^)]*)\)", said)
    assert len(reported) == 1 + len(EDITORS), said
    assert all(names == display_path(str(source.resolve())) for names in reported), said
    source.write_text(good, encoding="utf-8")


def test_a_build_that_failed_for_another_reason_than_the_content_says_so_in_the_overlay(live, page_factory):
    from signage.core.errors import Problem

    page = page_factory()
    page.goto(live.url + "/horaires-et-acces/")
    message = "Plus de place sur le disque : impossible d'écrire dans .builds/ (0 octet libre sur ce disque)."
    live.preview.state.update(problems=[Problem("", None, message)])
    overlay = page.locator("#vitrine-live-erreurs")
    overlay.wait_for(timeout=30_000)
    text = overlay.inner_text()
    assert "La construction a échoué : le site n'a pas été mis à jour" in text
    assert "dans le contenu" not in text and message in text
    assert "Une fois le problème réglé, enregistrez un fichier" in text
