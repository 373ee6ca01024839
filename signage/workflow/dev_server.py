"""The local HTTP server: serves a built site on localhost like a production server would.

Beyond Python's static file server it answers conditional requests with ETag
and Last-Modified (the screen player polls feed.json with them), serves the
site's 404 page, and resolves the folder it serves at every request, so that
an atomic switch-over of output/ is picked up without a restart. Each request
has its own thread, and the listen queue holds a burst of clients (LISTEN_QUEUE).
"""

from __future__ import annotations

import email.utils
import errno
import hashlib
import os
import posixpath
import urllib.parse
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from signage.core.errors import CommandError

EXTRA_TYPES = {
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".ics": "text/calendar; charset=utf-8",
    ".rss": "application/rss+xml",
    ".xml": "application/xml",
    ".woff2": "font/woff2",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
}


def etag_for(stat: os.stat_result) -> str:
    token = f"{stat.st_mtime_ns:x}-{stat.st_size:x}-{stat.st_ino:x}"
    return '"' + hashlib.sha1(token.encode()).hexdigest()[:20] + '"'


class SiteHandler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **EXTRA_TYPES}

    def __init__(self, *args, root: Path, quiet: bool = True, **kwargs):
        self.root = root
        self.quiet = quiet
        super().__init__(*args, directory=str(root.resolve()), **kwargs)

    def log_message(self, format, *args):  # noqa: A002 - signature from the base class
        if not self.quiet:
            super().log_message(format, *args)

    def end_headers(self):
        # Revalidate everything: the player and the preview must see a new build at once.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            parts = urllib.parse.urlsplit(self.path)
            if not parts.path.endswith("/"):
                return super().send_head()  # the base class redirects to the slash form
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path):
            return self._not_found()
        stat = os.stat(path)
        etag = etag_for(stat)
        last_modified = email.utils.formatdate(stat.st_mtime, usegmt=True)
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match and etag in [tag.strip() for tag in if_none_match.split(",")]:
            return self._not_modified(etag, last_modified)
        if not if_none_match and self.headers.get("If-Modified-Since"):
            try:
                since = email.utils.parsedate_to_datetime(self.headers["If-Modified-Since"])
            except (TypeError, ValueError):
                since = None  # a malformed date: answer in full, as the RFC says
            if since is not None and int(stat.st_mtime) <= since.timestamp():
                return self._not_modified(etag, last_modified)
        handle = open(path, "rb")  # noqa: SIM115 - closed by the base class after copying
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Length", str(stat.st_size))
        self.send_header("Last-Modified", last_modified)
        self.send_header("ETag", etag)
        self.end_headers()
        return handle

    def _not_modified(self, etag: str, last_modified: str):
        self.send_response(HTTPStatus.NOT_MODIFIED)
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", last_modified)
        self.end_headers()
        return None

    def _not_found(self):
        page = self.root / "404.html"
        body = page.read_bytes() if page.is_file() else b"Page introuvable"
        self.send_response(HTTPStatus.NOT_FOUND)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return None

    def translate_path(self, path):
        # Resolve output/ at each request: a symlink switch-over takes effect immediately.
        self.directory = str(self.root.resolve())
        path = urllib.parse.unquote(urllib.parse.urlsplit(path).path)
        path = posixpath.normpath(path)
        result = self.directory
        for word in filter(None, path.split("/")):
            if word in (os.curdir, os.pardir) or os.path.dirname(word):
                continue
            result = os.path.join(result, word)
        return result


LISTEN_QUEUE = 128  # connections the kernel queues while the server is busy (Python's default: 5)


class _Server(ThreadingHTTPServer):
    allow_reuse_address = True
    daemon_threads = True
    # A burst (every screen and phone at once, or a rebuild holding the interpreter) must wait in
    # the queue: beyond it the kernel drops connections, which retry only after 1 s, 3 s, 7 s…
    request_queue_size = LISTEN_QUEUE


def make_server(root: Path, host: str = "127.0.0.1", port: int = 8000, quiet: bool = True,
                handler: type[SiteHandler] = SiteHandler) -> ThreadingHTTPServer:
    return _Server((host, port), partial(handler, root=Path(root), quiet=quiet))


_WHY = {
    errno.EADDRINUSE: "ce port est déjà utilisé, sans doute par un autre aperçu ou un autre serveur",
    errno.EACCES: "les ports sous 1024 sont réservés à l'administrateur",
    errno.EADDRNOTAVAIL: "cette adresse n'est pas celle de cet ordinateur",
}


def port_refused(host: str, port: int, exc: OSError, what: str, retry: str) -> CommandError:
    """The French message for a server that cannot listen: why, and the command to run instead."""
    why = _WHY.get(exc.errno, exc.strerror or str(exc))
    return CommandError(f"Impossible d'ouvrir {what} sur {host}:{port} ({why}). Arrêtez l'autre (Ctrl+C dans son "
                        f"terminal) ou choisissez un autre port : {retry}")


def open_server(root: Path, host: str, port: int, retry: str, quiet: bool = True,
                handler: type[SiteHandler] = SiteHandler, what: str = "le site") -> ThreadingHTTPServer:
    """make_server, or a CommandError saying why the port cannot be used and what to type instead."""
    try:
        return make_server(root, host, port, quiet=quiet, handler=handler)
    except OSError as exc:
        raise port_refused(host, port, exc, what, retry) from None


def serve_forever(server: ThreadingHTTPServer) -> None:
    host, port = server.server_address[:2]
    print(f"Site : http://{host}:{port}/   Écran vitrine : http://{host}:{port}/signage/player/?screen=vitrine")
    print("Ctrl+C pour arrêter.")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
