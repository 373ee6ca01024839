"""Publishing a build to a server: releases, one atomic switch, rollback.

TARGET is a local folder or an rsync/SSH destination `host:/path` (`user@host:/path`). It holds:

    TARGET/releases/<id>/     one complete site per publish (<id>: UTC time, sortable)
    TARGET/sources/<id>/      the content folder that release was built from
    TARGET/current  -> releases/<id>   what nginx serves (deploy/nginx/vitrine.conf)
    TARGET/contenu  -> sources/<id>    what the scheduled rebuild builds (deploy/systemd/)
    TARGET/prochaine-reconstruction    the next page change, as a systemd calendar time (UTC)

`publish()` uploads the build into a new `releases/<id>/` with rsync `--link-dest` on the
current release (unchanged files become hard links: not sent, not stored twice), adds the
content-hashed images the current feed uses that the new build no longer has (a screen that
fetched the old feed a moment ago still finds them), then switches `current` with one rename.
Until that rename nothing a reader sees has changed; a failed upload removes its half-written
release. The last KEEP releases are kept (never the one in use); `rollback()` switches back to
the release before the current one.

Every step on TARGET is one small POSIX shell script, run by `sh` here or by `ssh host` there
(the command comes from VITRINE_SSH, default `ssh`), so both kinds of TARGET take the same path.
Text files get a gzip twin (NAME.gz) before upload: nginx's gzip_static sends it with a strong ETag.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shlex
import subprocess
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from signage.core.errors import CommandError

KEEP = 5
NEXT_REBUILD = "prochaine-reconstruction"
SSH_VARIABLE = "VITRINE_SSH"
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".ics", ".svg", ".rss", ".txt", ".webmanifest"}
_RELEASE = re.compile(r"^\d{8}T\d{6}\.\d{6}Z$")


class PublishError(CommandError):
    """Publishing stopped; the message is French, says what happened and that `current` is untouched."""


@dataclass(frozen=True)
class Target:
    """Where releases go: `path` on this machine (`host` None) or on `host` over SSH."""

    host: str | None
    path: str

    @classmethod
    def parse(cls, text: str) -> Target:
        text = text.strip()
        if not text:
            raise PublishError("destination vide : donnez un dossier (/srv/vitrine) ou serveur:/dossier.")
        head, colon, rest = text.partition(":")
        if colon and "/" not in head and head:  # rsync's own rule: a colon before any slash means a host
            if head.startswith("-"):
                raise PublishError(f"« {text} » : un nom de serveur ne commence pas par « - ».")
            if not rest:
                raise PublishError(f"« {text} » : il manque le dossier après « {head}: » (exemple : {head}:/srv/vitrine).")
            return cls(head, rest)
        return cls(None, str(Path(text).absolute()))

    def __str__(self) -> str:
        return f"{self.host}:{self.path}" if self.host else self.path

    def rsync_path(self, relative: str) -> str:
        """A path inside TARGET as rsync names it."""
        inside = f"{self.path.rstrip('/')}/{relative}"
        return f"{self.host}:{inside}" if self.host else inside

    def run(self, script: str, check: bool = True) -> str:
        """Run a POSIX shell script inside TARGET (created if missing); its standard output."""
        body = f"set -e\nmkdir -p {shlex.quote(self.path)}\ncd {shlex.quote(self.path)}\n{script}"
        command = [*ssh_command(), self.host, body] if self.host else ["sh", "-c", body]
        result = subprocess.run(command, capture_output=True, text=True, timeout=600)
        if check and result.returncode != 0:
            raise PublishError(f"la commande sur {self} a échoué (code {result.returncode}) : "
                               f"{result.stderr.strip() or result.stdout.strip()}")
        return result.stdout


def ssh_command() -> list[str]:
    return shlex.split(os.environ.get(SSH_VARIABLE, "ssh"))


@dataclass
class State:
    """What TARGET holds now."""

    releases: list[str] = field(default_factory=list)  # sorted, oldest first
    current: str | None = None

    @property
    def previous(self) -> str | None:
        if self.current not in self.releases:
            return None
        index = self.releases.index(self.current)
        return self.releases[index - 1] if index > 0 else None


STATE_SCRIPT = """\
mkdir -p releases sources
echo "current=$(readlink current 2>/dev/null || true)"
for release in releases/*; do [ -d "$release" ] && echo "release=${release#releases/}"; done
true
"""


def read_state(target: Target) -> State:
    state = State()
    for line in target.run(STATE_SCRIPT).splitlines():
        key, _, value = line.partition("=")
        if key == "release" and _RELEASE.match(value):
            state.releases.append(value)
        elif key == "current" and value.startswith("releases/"):
            state.current = value.removeprefix("releases/").rstrip("/")
    state.releases.sort()
    return state


def new_release_id(state: State, now: datetime | None = None) -> str:
    """The publish time in UTC, to the microsecond: names sort in publishing order."""
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    release = moment.strftime("%Y%m%dT%H%M%S.%fZ")
    if state.releases and release <= state.releases[-1]:
        raise PublishError(f"l'horloge de cette machine ({release}) est en retard sur la dernière version "
                           f"publiée ({state.releases[-1]}) : réglez l'heure (NTP) puis recommencez.")
    return release


def precompress(folder: Path) -> int:
    """Write NAME.gz beside each text file (same modification time); return how many were written."""
    written = 0
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.suffix not in COMPRESSIBLE:
            continue
        twin = path.with_name(path.name + ".gz")
        data = gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)
        if not twin.exists() or twin.read_bytes() != data:
            twin.write_bytes(data)
            written += 1
        stat = path.stat()
        os.utime(twin, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    return written


def feed_images(feed_text: str) -> set[str]:
    """Paths (relative to the site's root) of every image a feed.json refers to."""
    try:
        feed = json.loads(feed_text)
    except ValueError:
        return set()
    found: set[str] = set()

    def walk(node) -> None:
        if isinstance(node, dict):
            image = node.get("image")
            if isinstance(image, dict) and isinstance(image.get("url"), str):
                url = image["url"]
                if "://" not in url and not url.startswith("/") and ".." not in url.split("/"):
                    found.add(f"signage/{url}")
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(feed)
    return found


@dataclass
class Published:
    target: Target
    release: str
    previous: str | None
    carried: list[str]  # images of the previous feed kept for screens that still hold it
    removed: list[str]  # old releases pruned
    stats: str  # rsync --stats of the site's upload


def rsync(source: Path, destination: str, link_dest: str | None, remote: bool, links: bool = True) -> str:
    # Readable by the web server whatever the publisher's umask; content compared by checksum, since
    # every build writes every file anew (new times) and only changed bytes should travel.
    # `links=False` (the content folder): a symbolic link is skipped, never copied nor followed
    # (core.content_files: the build refuses them; one made after the build is not carried either).
    command = ["rsync", "--recursive", *(["--links"] if links else []), "--perms", "--chmod=D755,F644",
               "--checksum", "--stats"]
    if remote:
        command += ["--compress", "-e", shlex.join(ssh_command())]
    if link_dest:
        command.append(f"--link-dest={link_dest}")
    command += [f"{source}/", destination]
    result = subprocess.run(command, capture_output=True, text=True, timeout=3600)
    if result.returncode != 0:
        raise PublishError(f"l'envoi par rsync a échoué (code {result.returncode}) : "
                           f"{result.stderr.strip() or 'aucun détail'}")
    return result.stdout


def switch_script(link: str, destination: str) -> str:
    """Point `link` at `destination` with one rename (GNU mv -T: rename(2) over the old link)."""
    temporary = f".{link}.next"
    return (f"ln -sfn {shlex.quote(destination)} {shlex.quote(temporary)}\n"
            f"mv -T {shlex.quote(temporary)} {shlex.quote(link)}\n")


def publish(built: Path, target: Target, content: Path | None = None, next_rebuild: str = "",
            keep: int = KEEP, now: datetime | None = None) -> Published:
    """Upload `built` (and the `content` it was built from) as a new release and switch to it."""
    built = Path(built).resolve()
    state = read_state(target)
    release = new_release_id(state, now)
    previous = state.current
    try:
        precompress(built)
    except OSError as problem:
        raise PublishError(f"impossible d'écrire les fichiers compressés dans {built} : "
                           f"{problem.strerror or problem}") from None
    site_dir, sources_dir = f"releases/{release}", f"sources/{release}"
    try:
        stats = rsync(built, target.rsync_path(site_dir) + "/", f"../{previous}" if previous else None,
                      bool(target.host))
        if content is not None:
            has_sources = previous and target.run(f"[ -d sources/{previous} ] && echo yes || true").strip()
            rsync(Path(content).resolve(), target.rsync_path(sources_dir) + "/",
                  f"../{previous}" if has_sources else None, bool(target.host), links=False)
        carried = _carry_images(target, previous, release, built) if previous else []
    except BaseException:
        target.run(f"rm -rf -- {shlex.quote(site_dir)} {shlex.quote(sources_dir)}", check=False)
        raise
    script = switch_script("current", site_dir)
    if content is not None:
        script += switch_script("contenu", sources_dir)
    script += (f"printf '%s\\n' {shlex.quote(next_rebuild)} > .{NEXT_REBUILD}.next\n"
               f"mv -f .{NEXT_REBUILD}.next {NEXT_REBUILD}\n")
    target.run(script)
    removed = prune(target, [*state.releases, release], release, keep)
    return Published(target, release, previous, carried, removed, stats)


def _carry_images(target: Target, previous: str, release: str, built: Path) -> list[str]:
    old_feed = target.run(f"cat releases/{previous}/signage/feed.json 2>/dev/null || true")
    missing = sorted(path for path in feed_images(old_feed) if not (built / path).is_file())
    if missing:
        links = "\n".join(f"[ -f {shlex.quote(f'releases/{previous}/{p}')} ] && "
                          f"ln -f {shlex.quote(f'releases/{previous}/{p}')} {shlex.quote(f'releases/{release}/{p}')}"
                          " || true" for p in missing)
        target.run(f"mkdir -p releases/{release}/signage/assets\n{links}\n")
    return missing


def prune(target: Target, releases: list[str], in_use: str, keep: int = KEEP) -> list[str]:
    """Remove all but the `keep` newest releases (and their sources), never `in_use`."""
    old = [r for r in sorted(releases)[:-keep] if r != in_use] if keep > 0 else []
    if old:
        paths = " ".join(shlex.quote(f"{kind}/{r}") for r in old for kind in ("releases", "sources"))
        target.run(f"rm -rf -- {paths}\n")
    return old


def rollback(target: Target) -> tuple[str, str]:
    """Switch `current` (and `contenu`) back to the release before the current one."""
    state = read_state(target)
    if state.current is None:
        raise PublishError(f"rien n'est publié dans {target} : il n'y a pas de version à annuler.")
    previous = state.previous
    if previous is None:
        raise PublishError(f"la version en ligne ({state.current}) est la plus ancienne gardée dans "
                           f"{target}/releases/ : il n'y a pas de version précédente.")
    script = switch_script("current", f"releases/{previous}")
    script += f"if [ -d sources/{previous} ]; then\n{switch_script('contenu', f'sources/{previous}')}fi\n"
    target.run(script)
    return state.current, previous


def systemd_time(moment: datetime) -> str:
    """A moment as a systemd calendar time, in UTC (no daylight-saving ambiguity)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
