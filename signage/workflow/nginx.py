"""The production web server, run here: Debian's nginx with the shipped `deploy/nginx/vitrine.conf`.

`invoke serve --production` and the tests use the very file a server uses. It is read with
crossplane (nginx's own configuration parser, in Python) and only what belongs to a machine is
changed: the site's server block listens on 127.0.0.1:PORT over plain HTTP (its TLS lines go),
serves ROOT, and writes its JSON access log to LOG; the port-80 redirect block is left out. Every
rule (headers, caching, CSP, gzip, types, 404, hidden files) is kept as written. The result is
wrapped in a minimal main configuration under a temporary prefix (pid, temporary files), and
nginx runs in the foreground (`daemon off`), with no root rights needed beyond reading ROOT.
"""

from __future__ import annotations

import contextlib
import grp
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import crossplane

from signage.core.errors import CommandError

MIME_TYPES = "/etc/nginx/mime.types"  # Debian's, as /etc/nginx/nginx.conf includes it
TLS_ONLY = ("ssl_", "http2")  # directive prefixes that only make sense on port 443

MAIN = """\
daemon off;
worker_processes auto;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
{user}
events {{
    worker_connections 1024;
}}
http {{
    include {mime_types};
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    types_hash_max_size 2048;
    client_body_temp_path {prefix}/tmp/body;
    proxy_temp_path {prefix}/tmp/proxy;
    fastcgi_temp_path {prefix}/tmp/fastcgi;
    uwsgi_temp_path {prefix}/tmp/uwsgi;
    scgi_temp_path {prefix}/tmp/scgi;
    access_log off;
    include {site};
}}
"""


class NginxError(CommandError):
    """nginx could not start; the message is French and says what to do."""


class PortBusyError(NginxError):
    """The port is taken by another program."""


def nginx_binary() -> str:
    """Debian installs nginx in /usr/sbin, which is not on a normal user's PATH."""
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)
    if not found:
        raise NginxError("nginx n'est pas installé sur cette machine : installez-le avec "
                         "« sudo apt-get install nginx » (ou lancez « make setup-test »).")
    return found


def site_config(shipped: Path, port: int, root: Path, log: Path, host: str = "127.0.0.1") -> str:
    """The shipped file with only the machine-specific lines changed (see the module docstring)."""
    parsed = crossplane.parse(str(shipped), single=True, check_ctx=False, comments=False)
    if parsed["errors"]:
        error = parsed["errors"][0]
        raise NginxError(f"{shipped}:{error.get('line')} : {error['error']}")
    directives = parsed["config"][0]["parsed"]
    sites = [d for d in directives if d["directive"] == "server" and _has(d["block"], "root")]
    if len(sites) != 1:
        raise NginxError(f"{shipped} : il faut exactement un bloc server avec « root » (le site), "
                         f"il y en a {len(sites)}.")
    kept = [d for d in directives if d["directive"] != "server" or d is sites[0]]
    sites[0]["block"] = _local_site(sites[0]["block"], f"{host}:{port}", root, log)
    return crossplane.build(kept, indent=4, tabs=False) + "\n"


def _has(block: list[dict], name: str) -> bool:
    return any(d["directive"] == name for d in block)


def _local_site(block: list[dict], address: str, root: Path, log: Path) -> list[dict]:
    local: list[dict] = []
    for directive in block:
        name = directive["directive"]
        if name.startswith(TLS_ONLY):
            continue
        if name == "listen":
            if not any(d["directive"] == "listen" for d in local):
                local.append({"directive": "listen", "args": [address]})
            continue
        if name == "server_name":
            directive = {**directive, "args": ["localhost"]}
        elif name == "root":
            directive = {**directive, "args": [str(root)]}
        elif name == "access_log":
            directive = {**directive, "args": [str(log), *directive["args"][1:]]}
        elif name == "error_log":
            directive = {**directive, "args": [str(log.with_name("error.log"))]}
        local.append(directive)
    return local


def _user_line() -> str:
    """As root, nginx's workers would become `nobody`, who may not read ROOT: keep our own user."""
    if os.geteuid() != 0:
        return ""
    return f"user {pwd.getpwuid(os.geteuid()).pw_name} {grp.getgrgid(os.getegid()).gr_name};"


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


class ProductionServer:
    """nginx serving `root` on host:port with the shipped rules; a context manager.

    `log` is the JSON access log (default: access.json.log under the temporary prefix).
    """

    def __init__(self, shipped: Path, root: Path, port: int, log: Path | None = None,
                 host: str = "127.0.0.1"):
        self.shipped, self.root, self.port, self.host = Path(shipped), Path(root).absolute(), int(port), host
        self.prefix = Path(tempfile.mkdtemp(prefix="vitrine-nginx-"))
        self.log = Path(log).absolute() if log else self.prefix / "access.json.log"
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def error_log(self) -> Path:
        return self.prefix / "error.log"

    def write_config(self) -> Path:
        for folder in ("tmp/body", "tmp/proxy", "tmp/fastcgi", "tmp/uwsgi", "tmp/scgi"):
            (self.prefix / folder).mkdir(parents=True, exist_ok=True)
        self.log.parent.mkdir(parents=True, exist_ok=True)
        site = self.prefix / "vitrine.conf"
        site.write_text(site_config(self.shipped, self.port, self.root, self.log, self.host), encoding="utf-8")
        main = self.prefix / "nginx.conf"
        main.write_text(MAIN.format(prefix=self.prefix, user=_user_line(), mime_types=MIME_TYPES, site=site),
                        encoding="utf-8")
        return main

    def start(self, timeout: float = 10.0) -> ProductionServer:
        if not self.root.is_dir():
            raise NginxError(f"Rien à servir : le dossier {self.root} n'existe pas. Construisez d'abord le site "
                             "(« invoke publish » pour public/, « invoke build » pour output/).")
        binary = nginx_binary()
        main = self.write_config()
        command = [binary, "-e", str(self.error_log), "-p", str(self.prefix), "-c", str(main)]
        check = subprocess.run([*command, "-t", "-q"], capture_output=True, text=True, timeout=30)
        if check.returncode != 0:
            raise NginxError("La configuration nginx est refusée :\n" + (check.stderr or self.errors()).strip())
        self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                errors = self.errors()
                self.process = None
                if "Address already in use" in errors:
                    raise PortBusyError(f"Le port {self.port} est déjà utilisé par un autre programme : "
                                   "choisissez-en un autre avec --port.")
                raise NginxError(f"nginx s'est arrêté au démarrage :\n{errors.strip()}")
            # nginx writes its pid file once its socket is bound: before that, a connection could be
            # answered by another program holding the port.
            if self._pid_written():
                with contextlib.suppress(OSError), socket.create_connection((self.host, self.port), timeout=0.5):
                    return self
            time.sleep(0.05)
        self.stop()
        raise NginxError(f"nginx ne répond pas sur {self.url} après {timeout:.0f} s.")

    def _pid_written(self) -> bool:
        try:
            return int((self.prefix / "nginx.pid").read_text().strip()) == self.process.pid
        except (OSError, ValueError):
            return False

    def errors(self) -> str:
        try:
            return self.error_log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def wait(self) -> int:
        return self.process.wait() if self.process else 0

    def stop(self) -> None:
        """Graceful stop (SIGQUIT: requests in flight finish, the log is flushed), then clean up."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.process = None

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.prefix, ignore_errors=True)

    def __enter__(self) -> ProductionServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.cleanup()


def start_on_free_port(shipped: Path, root: Path, log: Path | None = None, attempts: int = 5) -> ProductionServer:
    """Start on a port the system says is free; try another if a program took it meanwhile."""
    for attempt in range(attempts):
        server = ProductionServer(shipped, root, free_port(), log)
        try:
            return server.start()
        except PortBusyError:
            server.cleanup()
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")
