"""Live preview: rebuild on save, reload the open page, show content errors in French.

`invoke live` (what `make run` starts) builds the site once, serves it, and
watches `content/` and `theme/` with watchdog. After a save (debounced), it
rebuilds into a fresh folder and switches `output/` over atomically
(`workflow.build.build_and_swap`), so a bad save keeps the last good site served.

Development pages get a small module script (`/__vitrine__/live.js`) that
listens to `/__vitrine__/events` (server-sent events): a new build reloads
the page; a failed build shows an overlay naming the file, line and field.
The screen player (`/signage/player/`) gets nothing injected: it picks up new
slides on its next poll of feed.json, as it will in the shop window.

What a rebuild skips: a save that leaves the file's bytes unchanged triggers
nothing; Markdown files are re-read only when changed (Pelican's reader
cache, kept in memory: see install_memory_reader_cache); slides whose inputs
are unchanged are not re-rendered (the signage render cache). A saved
article or page is an incremental build (incremental.py): only the pages it
changes are rendered into the fresh folder, the previous build's other files
are hard-linked in; a template, a setting, the hours page, an image, a new,
deleted or moved file makes a full build. The search index of an incremental build
is written once its pages are served (the browsers reload first; the saved words
are found a moment later: site/search_index.index_later).
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import signal
import stat
import sys
import threading
import time
from dataclasses import asdict
from http import HTTPStatus
from pathlib import Path
from typing import TextIO

from signage.core.content_files import is_ignored
from signage.core.errors import Problem, VitrineError, display_path, format_report
from signage.core.storage import storage_error
from signage.site import search_index
from signage.workflow import incremental
from signage.workflow.build import BUILDS, BuildResult, run_build
from signage.workflow.build_lock import build_lock
from signage.workflow.dev_server import SiteHandler, etag_for, make_server, port_refused
from signage.workflow.officer_console import kept_note

logger = logging.getLogger("vitrine.live")

PREFIX = "/__vitrine__/"
ASSETS = Path(__file__).with_name("live_assets")
# Pages that never get the reload script: the player must behave as in the shop window.
NO_INJECT = ("/signage/player/",)


def _fingerprint(path: Path) -> str | None:
    """What a file holds; a link or a FIFO is never read through (core.content_files), only noticed."""
    try:
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode):
            return f"lien:{os.readlink(path)}"
        if not stat.S_ISREG(mode):
            return f"spécial:{stat.S_IFMT(mode)}"
        return hashlib.sha1(path.read_bytes()).hexdigest()
    except (FileNotFoundError, IsADirectoryError, PermissionError):
        return None


class LiveState:
    """The current build and the last build's problems, for the browsers listening."""

    def __init__(self):
        self._condition = threading.Condition()
        self.version = 0
        self.build: str | None = None  # folder name of the build output/ points to
        self.problems: list[Problem] = []
        self.building = False
        self.closed = False

    def update(self, **changes) -> None:
        with self._condition:
            for key, value in changes.items():
                setattr(self, key, value)
            self.version += 1
            self._condition.notify_all()

    def snapshot(self) -> dict:
        with self._condition:
            return self._snapshot()

    def _snapshot(self) -> dict:
        return {"version": self.version, "build": self.build, "building": self.building,
                "problems": [asdict(p) for p in self.problems]}

    def wait_newer(self, version: int, timeout: float) -> dict | None:
        """The state once it is newer than `version`, or None after `timeout` seconds."""
        with self._condition:
            self._condition.wait_for(lambda: self.version > version or self.closed, timeout)
            if self.closed or self.version <= version:
                return None
            return self._snapshot()

    def close(self) -> None:
        self.update(closed=True)


class LivePreview:
    """Watches the sources, rebuilds on change, and tells the browsers."""

    def __init__(self, settings_file: str, target: Path, watch: list[Path],
                 overrides: dict | None = None, debounce: float = 0.05,
                 out: TextIO | None = None):
        self.settings_file = settings_file
        self.target = Path(target)
        self.watch = [Path(p).resolve() for p in watch]
        self.overrides = overrides or {}
        self.debounce = debounce
        self.out = out or sys.stdout
        self.state = LiveState()
        install_memory_reader_cache()
        self._fingerprints: dict[Path, str | None] = {}
        self._pending: set[Path] = set()
        self._events = 0  # every file event noticed (the debounce waits until none comes)
        self._wake = threading.Condition()
        self._stopping = False
        self._observer = None
        self._worker: threading.Thread | None = None
        self.builds = 0  # completed build attempts (tests and benchmark read it)
        self.incremental_builds = 0  # of which incremental (only the changed pages written)
        self.skipped = 0  # saves that changed nothing
        self.index_due = False  # the served build's search index is still its previous build's

    # --- building ---------------------------------------------------------------
    def _content_root(self) -> str:
        return str(self.overrides.get("PATH") or self.watch[0])

    def build(self, reason: str = "", changed: list[Path] | None = None) -> bool:
        """Build once (only what `changed` touches when that is enough); on failure keep the last
        good site and publish the problems."""
        self.state.update(building=True)
        forget_previous_contents()
        started = time.perf_counter()
        overrides = dict(self.overrides)
        write = None
        try:
            # The lock from the plan on: the build linked from (`previous`) is the one switched in, and
            # no other command may switch or prune it meanwhile (build_and_swap takes the lock again).
            with build_lock(self.target.parent / BUILDS):
                write = self._incremental_plan(changed) if changed else None
                if write is not None:
                    overrides[incremental.SETTING] = {"previous": os.path.realpath(self.target), "write": write.write,
                                                      "related_only": write.related_only}
                    overrides[search_index.LATER] = True  # the pages first; their search index just after
                before = incremental.LAST.get("index")
                result = run_build(self.settings_file, self.target, overrides, content_root=self._content_root(),
                                   prune_in_background=True)
                after = incremental.LAST.get("index")
                if write is not None and result.output is not None and not _same_pages(before, after):
                    # The saved file moved a page after all (a key the plan does not read): build it all.
                    result = run_build(self.settings_file, self.target, self.overrides,
                                       content_root=self._content_root(), prune_in_background=True)
        except OSError as exc:  # .builds/ cannot be written: the disk, told in French
            result = BuildResult(None, [Problem("", None, str(storage_error(exc, self.target.parent / BUILDS) or exc))])
        finally:
            self.builds += 1
            self.incremental_builds += write is not None
        fresh, problems = result.output, result.problems
        elapsed = time.perf_counter() - started
        errors = sorted((p for p in problems if p.severity == "error"),
                        key=lambda p: (p.path or "~", p.line or 0))
        what = f" ({reason})" if reason else ""
        if errors:
            # What is true of the preview: it publishes nothing, it shows the last good build.
            if fresh is not None:  # Pelican skipped a file (e.g. no Title) but built the rest
                note = "Le reste du site a été mis à jour ; les fichiers en erreur n'y figurent pas."
            elif self.target.exists():
                note = "Le site affiché reste la dernière version correcte."
            else:
                note = "Aucune version correcte du site n'existe encore."
            fix = ("Corrigez puis enregistrez." if any(p.path for p in errors)
                   else "Une fois ce problème réglé, enregistrez un fichier : le site sera reconstruit.")
            print(f"\n{format_report(errors)}\n{note} {fix}{what}\n", file=self.out, flush=True)
        else:
            seconds = f"{elapsed:.1f}".replace(".", ",")
            print(f"Site reconstruit en {seconds} s{what}.", file=self.out, flush=True)
        note = kept_note()  # Pelican's English lines, kept aside for the technical team
        if note:
            print(note, file=self.out, flush=True)
        build_name = os.path.basename(os.path.realpath(self.target)) if self.target.exists() else None
        self.state.update(building=False, problems=errors, build=build_name)  # the browsers reload now
        if fresh is not None or self.index_due:
            self._index_served_build()
        return fresh is not None and not errors

    def _index_served_build(self) -> None:
        """The search index of the build just served, when it was served with its previous one; left
        for later (`index_due`) when a newer save is waiting: that save is built first."""
        self.index_due = False
        try:
            with build_lock(self.target.parent / BUILDS, quiet=True):
                self.index_due = search_index.index_later(os.path.realpath(self.target),
                                                          cancelled=lambda: bool(self._pending) or self._stopping)
        except VitrineError as error:  # pagefind gone or failing: the pages are served, the search is not new
            self._say_search_not_updated(error)
        except OSError as exc:
            self._say_search_not_updated(storage_error(exc, self.target.parent / BUILDS) or exc)

    def _say_search_not_updated(self, why) -> None:
        if self._stopping:  # Ctrl+C reaches pagefind too: no error to tell then
            return
        print(f"\nLes pages affichées sont à jour, mais pas la recherche du site : {why}\n", file=self.out, flush=True)

    def _incremental_plan(self, changed: list[Path]) -> incremental.Plan | None:
        index = incremental.LAST.get("index")
        if index is None or os.path.realpath(index.folder) != os.path.realpath(self.target):
            return None  # the served build is not the one the index describes
        return incremental.plan(index, changed, Path(self._content_root()).resolve())

    # --- watching ---------------------------------------------------------------
    def _watched_files(self):
        for root in self.watch:
            if root.is_file():
                yield root
            elif root.is_dir():
                for path in root.rglob("*"):
                    if not is_ignored(path.name) and (path.is_symlink() or not path.is_dir()):
                        yield path

    def notice(self, path: str | os.PathLike) -> None:
        """Called by the watcher for every file event."""
        path = Path(path)
        if is_ignored(path.name):
            return
        with self._wake:
            self._pending.add(Path(os.path.abspath(path)))  # not resolved: a link is not followed
            self._events += 1
            self._wake.notify()

    def _changed(self, paths: set[Path]) -> list[Path]:
        """The files whose bytes changed; a file that came and went within the batch is no change."""
        changed = []
        for path in sorted(paths):
            if path.is_dir() and not path.is_symlink():
                continue
            now = _fingerprint(path)
            if self._fingerprints.get(path) != now:
                changed.append(path)
            if now is None:
                self._fingerprints.pop(path, None)
            else:
                self._fingerprints[path] = now
        return changed

    def _run(self) -> None:
        while True:
            with self._wake:
                self._wake.wait_for(lambda: self._pending or self._stopping)
                if self._stopping:
                    return
            # Debounce: wait until the folder has been quiet for `debounce` seconds (no event at all: a
            # save's write and close are two events on one file).
            while True:
                with self._wake:
                    count = self._events
                    self._wake.wait(self.debounce)
                    if self._stopping:
                        return
                    if self._events == count:
                        batch, self._pending = self._pending, set()
                        break
            changed = self._changed(batch)
            if not changed:
                self.skipped += 1
                if self.index_due and not self._pending:  # a save that changed nothing stopped it
                    self._index_served_build()
                continue
            names = ", ".join(display_path(str(p)) for p in changed[:3]) + (" …" if len(changed) > 3 else "")
            self.build(f"modifié : {names}", changed)

    def start(self) -> None:
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        logging.getLogger("watchdog").setLevel(logging.CRITICAL)  # its shutdown chatter is not for the officer
        for path in self._watched_files():
            self._fingerprints[Path(os.path.abspath(path))] = _fingerprint(path)
        preview = self

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event):
                if event.event_type in ("opened", "closed_no_write"):
                    return
                for attribute in ("src_path", "dest_path"):
                    path = getattr(event, attribute, "")
                    if path:
                        preview.notice(os.fsdecode(path))

        self._observer = Observer()
        for root in self.watch:
            if root.exists():
                self._observer.schedule(Handler(), str(root), recursive=True)
        self._observer.start()
        self._worker = threading.Thread(target=self._run, name="vitrine-live", daemon=True)
        self._worker.start()

    def stop(self) -> None:
        with self._wake:
            self._stopping = True
            self._wake.notify_all()
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout=5)
        if self._worker is not None:
            self._worker.join(timeout=30)
        self.state.close()


# --- HTTP ------------------------------------------------------------------------
_PLACEHOLDER = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Aperçu en direct</title></head>
<body><main><h1>Le site n'a pas encore pu être construit</h1>
<p>Corrigez les erreurs signalées puis enregistrez : cette page se mettra à jour toute seule.</p>
</main></body></html>
"""


class LiveHandler(SiteHandler):
    """The dev server's handler plus the live-reload script and its event stream."""

    state: LiveState  # set by make_live_server on a subclass

    def do_GET(self):  # noqa: N802 - name from the base class
        path = self.path.split("?", 1)[0]
        if path == PREFIX + "events":
            return self._events()
        if path.startswith(PREFIX):
            return self._asset(path[len(PREFIX):])
        return super().do_GET()

    def send_head(self):
        path = self.path.split("?", 1)[0]
        if not self.root.exists():
            return self._html_response(self._inject(_PLACEHOLDER.encode(), ""), None)
        if any(path.startswith(prefix) for prefix in NO_INJECT):
            return super().send_head()
        file = self.translate_path(self.path)
        if os.path.isdir(file) and path.endswith("/"):
            file = os.path.join(file, "index.html")
        if not file.endswith(".html") or not os.path.isfile(file):
            return super().send_head()
        with open(file, "rb") as handle:
            body = handle.read()
        build = os.path.basename(os.path.realpath(self.root))
        return self._html_response(self._inject(body, build), etag_for(os.stat(file)))

    def _inject(self, body: bytes, build: str) -> bytes:
        tag = (f'<script type="module" src="{PREFIX}live.js?build={build}"></script>').encode()
        index = body.lower().rfind(b"</body>")
        return body[:index] + tag + body[index:] if index >= 0 else body + tag

    def _html_response(self, body: bytes, etag: str | None):
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        if etag:
            self.send_header("ETag", etag[:-1] + '-live"')
        self.end_headers()
        return io.BytesIO(body)

    def _asset(self, name: str):
        types = {"live.js": "text/javascript; charset=utf-8", "live.css": "text/css; charset=utf-8"}
        if name not in types:
            return self._not_found()
        body = (ASSETS / name).read_bytes()
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", types[name])
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None

    def _events(self):
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("X-Accel-Buffering", "no")
        self.end_headers()
        state = self.state.snapshot()
        try:
            while state is not None or not self.state.closed:
                if state is None:
                    self.wfile.write(b": ping\n\n")  # keeps proxies and the browser patient
                else:
                    self.wfile.write(f"data: {json.dumps(state, ensure_ascii=False)}\n\n".encode())
                    version = state["version"]
                self.wfile.flush()
                state = self.state.wait_newer(version, timeout=15)
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True
        return None


def _same_pages(before, after) -> bool:
    """True when two builds wrote every source to the same place."""
    if before is None or after is None:
        return False
    return {path: source.save_as for path, source in before.sources.items()} == \
        {path: source.save_as for path, source in after.sources.items()}


def make_live_server(root: Path, state: LiveState, host: str = "127.0.0.1", port: int = 8000,
                     quiet: bool = True):
    handler = type("BoundLiveHandler", (LiveHandler,), {"state": state})
    return make_server(root, host, port, quiet=quiet, handler=handler)


def live_overrides(settings_file: str | os.PathLike, content: Path | None = None) -> dict:
    """Settings for live builds: Pelican's reader cache on, so unchanged files are not re-read."""
    from pelican.settings import read_settings

    jinja = dict(read_settings(str(settings_file)).get("JINJA_ENVIRONMENT") or {})
    overrides: dict = {MEMORY_CACHE_SETTING: True, incremental.INDEX_SETTING: True,
                       # Compiled templates kept between builds (checked against each template's source).
                       "JINJA_ENVIRONMENT": {**jinja, "bytecode_cache": _TEMPLATE_CACHE}}
    if content is not None:
        overrides["PATH"] = str(Path(content).resolve())
    return overrides


# --- Pelican's reader cache, kept in memory ----------------------------------------------
# Pelican can skip re-reading unchanged files (CONTENT_CACHING_LAYER = "reader"), but it
# pickles its cache to disk, and the pickle holds the settings (through each Category), which
# cannot always be pickled (a theme's Jinja filter made by a closure). The live preview is one
# long-running process: it keeps the same cache in memory instead, keyed by file stamp
# (modification time in ns and size), and never writes it.
MEMORY_CACHE_SETTING = "VITRINE_MEMORY_READER_CACHE"
MEMORY_READER_CACHE = True  # the benchmark switches it off to measure what it saves
_READER_STORE: dict[str, dict] = {}


class _MemoryBytecodeCache:
    """Jinja's bytecode cache protocol, in memory; a changed template has another checksum."""

    def __init__(self):
        import jinja2

        class Cache(jinja2.BytecodeCache):
            def __init__(self):
                self.store: dict[str, bytes] = {}

            def load_bytecode(self, bucket):
                data = self.store.get(bucket.key)
                if data is not None:
                    bucket.bytecode_from_string(data)

            def dump_bytecode(self, bucket):
                self.store[bucket.key] = bucket.bytecode_to_string()

        self.cache = Cache()


_TEMPLATE_CACHE = _MemoryBytecodeCache().cache


def _stamp(path: str):
    stat = os.stat(path)
    return (stat.st_mtime_ns, stat.st_size)


def forget_previous_contents() -> None:
    """Empty Pelican's `@memoized` caches of `Content.get_content` and `get_summary`: kept on the class,
    they hold every article of every build, so a long live preview grew by the whole site at each
    save (about 6 MB at 1,000 articles) and never gave it back."""
    from pelican.contents import Content

    for name in ("get_content", "get_summary"):
        cache = getattr(Content.__dict__.get(name), "cache", None)
        if isinstance(cache, dict):
            cache.clear()


def install_memory_reader_cache() -> None:
    from pelican.readers import Readers

    if getattr(Readers, "_vitrine_memory_cache", False):
        return
    original_init, original_save = Readers.__init__, Readers.save_cache

    def __init__(self, settings=None, cache_name=""):  # noqa: N807 - patched method
        original_init(self, settings, cache_name)
        if cache_name and MEMORY_READER_CACHE and (settings or {}).get(MEMORY_CACHE_SETTING):
            self._cache = _READER_STORE.setdefault(f"{cache_name}|{self.settings.get('PATH')}", {})
            self._cache_data_policy = True
            self._filestamp_func = _stamp
            self._vitrine_in_memory = True

    def save_cache(self):
        if not getattr(self, "_vitrine_in_memory", False):
            original_save(self)

    Readers.__init__ = __init__
    Readers.save_cache = save_cache
    Readers._vitrine_memory_cache = True


def run(project: Path, settings_file: str, target: Path, host: str, port: int,
        content: Path | None = None) -> None:
    """`invoke live`: build, serve, watch, until Ctrl+C."""
    content_dir = Path(content) if content else project / "content"
    preview = LivePreview(settings_file, target, [content_dir, project / "theme"],
                          overrides=live_overrides(settings_file, content))
    try:
        server = make_live_server(target, preview.state, host, int(port))
    except OSError as exc:
        raise port_refused(host, port, exc, "l'aperçu", f"make run PORT={int(port) + 1}") from None
    def stop_as_ctrl_c(signum, frame):  # `kill`, systemd, a closed terminal: the same clean stop
        raise KeyboardInterrupt

    for stop in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(stop, stop_as_ctrl_c)
    try:  # Ctrl+C at any moment, during the first build too, stops cleanly
        print("Construction du site…", flush=True)
        preview.build("premier démarrage")
        preview.start()
        base = f"http://{host}:{server.server_address[1]}"
        print(f"\nAperçu en direct : {base}/\n"
              f"Aperçu des écrans : {base}/signage/apercu/\n"
              f"Lecteur de la vitrine : {base}/signage/player/?screen=vitrine\n"
              "Enregistrez un fichier de content/ : la page ouverte se met à jour toute seule.\n"
              "Ctrl+C pour arrêter.", flush=True)
        server.serve_forever()
    except KeyboardInterrupt:
        print("\nAperçu arrêté.")
    finally:
        preview.stop()
        server.server_close()
