"""Shared fixtures: building sites, serving them on localhost, driving Chromium.

Time is always pinned: builds get SOURCE_DATE_EPOCH, browsers Playwright's clock.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytest_plugins = ["nginx_helpers"]  # the real nginx serving a published release (tests/deploy)

PARIS_TZ = "Europe/Paris"
# The sample site's pinned "now": Tuesday 1 December 2026, 10:00 in Paris.
SAMPLE_NOW = "2026-12-01T10:00:00+01:00"
SAMPLE_EPOCH = int(datetime.fromisoformat(SAMPLE_NOW).timestamp())

# Settings enough for the slide reader outside a build.
SLIDE_SETTINGS = {"PATH": "content", "PUBLIC_SITEURL": "https://accueil.example.fr", "SIGNAGE_DEFAULT_DURATION": 10}


def paris(*args, fold=0) -> datetime:
    from signage.core.clock import PARIS

    return datetime(*args, tzinfo=PARIS, fold=fold)


# 2026-10-25: 03:00 CEST becomes 02:00 CET; 02:00-03:00 happens twice.
FIRST_0230 = paris(2026, 10, 25, 2, 30)  # 00:30 UTC
SECOND_0215 = paris(2026, 10, 25, 2, 15, fold=1)  # 01:15 UTC, later than FIRST_0230

_SLUGS = {"Prévention": "prevention", "Recrutement": "recrutement", "Événements": "evenements", "Alertes": "alertes"}


def fake_content(category: str = "Prévention", slug: str = "x", *, title: str = "Titre",
                 summary: str = "<p>Résumé</p>", status: str = "published", **keys) -> SimpleNamespace:
    """A stand-in for a Pelican article: its metadata keys lowercased, as Pelican keeps them."""
    folder = _SLUGS[category]
    return SimpleNamespace(
        metadata={key.lower(): value for key, value in keys.items()}, source_path=f"content/{folder}/{slug}.md",
        slug=slug, title=title, url=f"{folder}/{slug}/", save_as=f"{folder}/{slug}/index.html", summary=summary,
        status=status, date=None, category=SimpleNamespace(name=category, slug=folder))


def event_article(slug: str = "fete", status: str = "published", **keys) -> SimpleNamespace:
    """A stand-in for a Pelican article of the Événements category."""
    return fake_content("Événements", slug, title=slug.capitalize(), summary="", status=status, **keys)


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu",
    "--disable-background-networking", "--disable-component-update",
]


@dataclass
class BuildResult:
    returncode: int
    stdout: str
    stderr: str
    output: Path

    @property
    def log(self) -> str:
        return self.stdout + self.stderr


def build_site(output: Path, content: Path | None = None, epoch: int = SAMPLE_EPOCH,
               settings: str = "pelicanconf.py", extra_env: dict | None = None,
               cache: Path | None = None, prefix: tuple[str, ...] = (),
               options: tuple[str, ...] = ()) -> BuildResult:
    """Run plain `pelican CONTENT -s SETTINGS -o OUTPUT` in a subprocess, as the CLI would.

    `prefix`: a command that runs it (prlimit, setpriv, unshare…); `options`: more of pelican's (-q…)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), **(extra_env or {})}
    command = [*prefix, sys.executable, "-m", "pelican", str(content or ROOT / "content"),
               "-s", str(ROOT / settings), "-o", str(output), *options]
    if cache is not None:
        command += ["-e", f'SIGNAGE_CACHE_PATH="{cache}"']
    proc = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    return BuildResult(proc.returncode, proc.stdout, proc.stderr, output)


def write_content(root: Path, files: dict[str, str]) -> Path:
    """Write {relative path: text} under `root` (folders created); return `root`."""
    for name, text in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root


def png_header(width: int, height: int) -> bytes:
    """A PNG that declares `width`×`height` and holds no pixels: huge sizes cost nothing to test."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def build_sample_with(tmp_path_factory, name: str, files: dict[str, str]) -> Path:
    """The sample content plus `files` (relative to content/), built at SAMPLE_NOW; the output folder."""
    content = tmp_path_factory.mktemp(name) / "content"
    shutil.copytree(ROOT / "content", content)
    write_content(content, files)
    output = tmp_path_factory.mktemp(f"{name}-out")
    result = build_site(output, content=content, cache=tmp_path_factory.mktemp(f"{name}-cache"))
    assert result.returncode == 0, result.log
    return output


@pytest.fixture(scope="module")
def render_cache(tmp_path_factory) -> Path:
    """One slide render cache for a test module: unchanged slides are not re-rendered, as in real use."""
    return tmp_path_factory.mktemp("render-cache")


def live_preview(content: Path, output: Path, render_cache: Path, terminal, **options):
    """A LivePreview of `content` with the project's settings, building into `output` (not started)."""
    from signage.workflow.live import LivePreview, live_overrides

    overrides = {**live_overrides(ROOT / "pelicanconf.py", content), "SIGNAGE_CACHE_PATH": str(render_cache)}
    return LivePreview(str(ROOT / "pelicanconf.py"), output, [content], overrides=overrides, out=terminal,
                       **options)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The sample content built once for the whole session, at SAMPLE_NOW."""
    output = tmp_path_factory.mktemp("sample-site")
    result = build_site(output, cache=tmp_path_factory.mktemp("sample-cache"))
    assert result.returncode == 0, result.log
    return output


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A private copy of the sample content that a test may break."""
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target)
    return target


class LocalServer:
    """A real HTTP server on 127.0.0.1 (Vitrine's dev server) serving a folder."""

    def __init__(self, root: Path):
        from signage.workflow.dev_server import make_server

        self.root = root
        self.server = make_server(root, "127.0.0.1", 0)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def serve():
    """Factory: serve(folder) -> LocalServer; every server is stopped after the test."""
    servers: list[LocalServer] = []

    def start(root: Path) -> LocalServer:
        server = LocalServer(Path(root))
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def sample_server(sample_site):
    server = LocalServer(sample_site)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page_factory(browser):
    """Factory: page_factory(width=1280, height=800, **context_options) -> Page."""
    contexts = []

    def make(width: int = 1280, height: int = 800, **options):
        context = browser.new_context(viewport={"width": width, "height": height},
                                      locale="fr-FR", timezone_id=PARIS_TZ, **options)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
