"""The site's search: pagefind's index of the written pages, made by every build.

pagefind (npm, installed by `make setup` beside the design system) reads the
written HTML and writes `pagefind/` into the output: the index in fragments, its
WebAssembly search, `pagefind.js` and its worker, all served from the site's own origin (its
ready-made interfaces are removed: the theme has its own DSFR page). The
results page (theme/templates/recherche.html, theme/static/js/search.js) loads
them only when someone searches.

What is indexed: the pages whose `<main>` carries `data-pagefind-body` (the
theme puts it on articles and pages), so the home, the listings, the results page,
the short links' pages (`s/`), the player and the officer's preview page are not;
inside a page, what carries `data-pagefind-ignore` (breadcrumb, « Dans la même
rubrique », emergency box) is left out. French, whatever a page says.

It runs at Pelican's `finalized`, after the design system's files are placed, so
every way of building has it (`invoke build|publish|live|check`, plain `pelican`).
The officer's commands build into a fresh folder with the build lock held
(workflow/build): the index is written there, before the atomic switch, never into
the site being served. An incremental live build hard-links the previous build's
files (workflow/incremental): the linked `pagefind/` is removed first and the whole
index written anew, as new files (the previous build, which may still be served, is
never changed). In the live preview, an incremental build is first served with the
previous build's index; `index_later` then renames the new one in (the saved page
shows at once; its words are found a moment later). The index depends on every page,
so it is never partly reused; but a build whose pages are all the same as an earlier
build's reuses that build's index (site/search_cache): pagefind runs only when a page
changed. pagefind runs as its own program (not through npm's Node.js launcher), in the
staging folder, without its own settings (`PAGEFIND_*`, a `pagefind.yml`).

Nothing is read through a symbolic link: pagefind itself would follow a linked
`.html` file and write through a linked `pagefind/`. So it reads a staging folder
that holds hard links to the output's ordinary `.html` files only (a link, a FIFO,
anything else is left out; copies when hard links are refused), and writes its
bundle beside it; the bundle then replaces `OUTPUT/pagefind/` (a link there is
removed, never followed). A staging folder a killed build left behind is removed an
hour later.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import subprocess
import tempfile
import threading
from pathlib import Path

from signage.core.errors import InternalError, SetupError
from signage.core.paths import PROJECT_ROOT
from signage.site import search_cache

FOLDER = "pagefind"
WORK_PREFIX = ".vitrine-recherche-"  # the staging folder beside the output
# Set by the live preview for an incremental build: the previous build's index (linked in with the
# other files) is served with the new pages, and `index_later` replaces it once they are served.
LATER = "VITRINE_SEARCH_LATER"
_NEEDED = ("RECHERCHE_SAVE_AS", "PAGEFIND_BIN", "SIGNAGE_CACHE_PATH", "PATH")  # what build_index reads
_later: dict[str, dict] = {}  # build folder -> its settings, while its index is due
LANGUAGE = "fr"
# pagefind's own ready-made interfaces: the theme has its own (DSFR) page; not published.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")


def command(settings: dict) -> Path:
    """The pagefind program installed by npm: setting PAGEFIND_BIN, else the program itself from its
    platform package (no Node.js launcher to start, one process to stop), else npm's launcher."""
    configured = settings.get("PAGEFIND_BIN")
    if configured:
        return Path(configured)
    for name in ("pagefind_extended", "pagefind"):  # what npm's launcher looks for, in its order
        found = sorted((PROJECT_ROOT / "node_modules" / "@pagefind").glob(f"*/bin/{name}"))
        if found:
            return found[0]
    return PROJECT_ROOT / "node_modules" / ".bin" / "pagefind"


def enabled(settings: dict) -> bool:
    """The search is on when the theme has its results page (RECHERCHE_SAVE_AS)."""
    return bool(settings.get("RECHERCHE_SAVE_AS"))


def check_installed(settings: dict) -> str | None:
    """A French message when pagefind is missing, else None."""
    if not enabled(settings) or command(settings).is_file():
        return None
    return (f"L'outil de recherche du site (pagefind) est introuvable ({command(settings)}). Il est "
            "installé par la commande d'installation : lancez make setup (ou npm ci dans le dossier "
            "du projet), puis relancez la construction.")


def stage_pages(output: Path, stage: Path, cancelled=None) -> str:
    """Hard links (copies when refused) in `stage` to the ordinary `.html` files under `output`,
    `output/pagefind/` left out; never follows a link. A digest of the staged pages (their paths
    and bytes): what the index is made from. IndexCancelledError as soon as `cancelled()` says so."""
    pages = []
    for folder, folders, files in os.walk(output):  # os.walk never enters a linked folder
        if cancelled is not None and cancelled():
            raise IndexCancelledError
        relative = Path(folder).relative_to(output)
        if relative == Path("."):
            folders[:] = [name for name in folders if name != FOLDER]
        made = False  # the staging folder, made for the first page of this folder
        for name in files:
            if not name.endswith(".html"):
                continue
            source = Path(folder) / name
            if not stat.S_ISREG(source.lstat().st_mode):  # a link, a FIFO...: never read
                continue
            target = stage / relative / name
            if not made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made = True
            try:
                os.link(source, target, follow_symlinks=False)
            except OSError:  # another file system, or links refused
                shutil.copyfile(source, target, follow_symlinks=False)
            pages.append((relative / name).as_posix())
    digest = hashlib.blake2b(digest_size=16)
    for page in sorted(pages):
        data = (stage / page).read_bytes()  # the staged file: what pagefind reads
        for part in (page.encode(), data):
            digest.update(len(part).to_bytes(8, "little") + part)
    return digest.hexdigest()


def _pagefind_version() -> str:
    try:
        return json.loads((PROJECT_ROOT / "node_modules" / "pagefind" / "package.json").read_text())["version"]
    except (OSError, ValueError, KeyError, TypeError):
        return "?"


def build_index(output: str | os.PathLike, settings: dict, cancelled=None, tidy_later: bool = False) -> None:
    """Write OUTPUT/pagefind/ from the pages of OUTPUT (see the module docstring). `tidy_later`: the
    staging folder is deleted by a background thread (the live preview's next save does not wait)."""
    output = Path(output)
    bundle = output / FOLDER
    search_cache.remove_stale(output.parent.glob(f"{WORK_PREFIX}*"))  # left by a killed build
    work = Path(tempfile.mkdtemp(prefix=WORK_PREFIX, dir=output.parent))
    try:
        stage, written = work / "pages", work / FOLDER
        stage.mkdir()
        arguments = ["--force-language", LANGUAGE, "--silent"]
        pages = stage_pages(output, stage, cancelled)
        kept = search_cache.kept_index(settings, _pagefind_version(), str(command(settings)), arguments, UNUSED,
                                       pages)
        if cancelled is not None and cancelled():
            raise IndexCancelledError
        if not (kept is not None and search_cache.reuse(kept, FOLDER, written)):
            _run_pagefind(settings, stage, written, arguments, cancelled)
            if kept is not None:
                search_cache.keep(written, FOLDER, kept)
        # The previous build's links (incremental), or a link: moved aside, never written through; then
        # the new index renamed in (a page served meanwhile finds one index or the other).
        if bundle.is_symlink() or bundle.exists():
            os.rename(bundle, work / "replaced")
        os.rename(written, bundle)  # the same disk
    finally:
        if tidy_later:  # a thousand rmdir(): the build lock is released before they are done
            threading.Thread(target=shutil.rmtree, args=(work,), kwargs={"ignore_errors": True},
                             name="vitrine-index-tidy", daemon=True).start()
        else:
            shutil.rmtree(work, ignore_errors=True)


class IndexCancelledError(Exception):
    """The index was no longer wanted (the live preview has a newer save to build)."""


def _run_pagefind(settings: dict, stage: Path, written: Path, arguments: list[str], cancelled=None) -> None:
    """pagefind's index of the pages in `stage`, written to `written` (its unused interfaces left out);
    pagefind is stopped, and IndexCancelledError raised, as soon as `cancelled()` says so. It runs in
    the staging folder with none of pagefind's own settings (`PAGEFIND_*` variables, a `pagefind.yml`
    where the build was started): the index depends on the pages and the options here only."""
    environment = {name: value for name, value in os.environ.items() if not name.upper().startswith("PAGEFIND")}
    try:
        process = subprocess.Popen(
            [str(command(settings)), "--site", str(stage), "--output-path", str(written), *arguments],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=stage.parent,
            env={**environment, "NO_COLOR": "1"})
    except OSError:  # removed or broken since the build started (an `npm ci` under way...)
        raise SetupError(check_installed({**settings, "PAGEFIND_BIN": str(command(settings))})
                         or f"L'outil de recherche du site (pagefind, {command(settings)}) n'a pas pu "
                            "être lancé : lancez make setup, puis relancez la construction.") from None
    try:
        while True:
            try:
                stdout, stderr = process.communicate(timeout=None if cancelled is None else 0.05)
                break
            except subprocess.TimeoutExpired:
                if cancelled():
                    raise IndexCancelledError from None
    except BaseException:  # cancelled, Ctrl+C: pagefind stopped, never left running (nor waited for)
        process.kill()
        process.wait()
        process.stdout.close()
        process.stderr.close()
        raise
    if process.returncode != 0 or not (written / "pagefind.js").is_file():
        detail = (stderr or stdout).strip().splitlines()[-3:]
        raise InternalError("l'index de la recherche du site n'a pas pu être écrit par pagefind "
                            f"(détail pour l'équipe technique : {' / '.join(detail) or process.returncode}). "
                            "Relancez la construction ; si l'erreur persiste, lancez make setup.")
    for name in UNUSED:
        (written / name).unlink(missing_ok=True)


def on_finalized(pelican) -> None:
    """Pelican `finalized` handler: the pages are written, index them (or, in an incremental live
    build, keep the previous build's index until the pages are served: `index_later`)."""
    settings = pelican.settings
    if not enabled(settings):
        return
    output = Path(pelican.output_path)
    if settings.get(LATER) and (output / FOLDER / "pagefind.js").is_file():
        _later.clear()  # an earlier build's: never served, or served and indexed since
        _later[os.path.realpath(output)] = {name: settings.get(name) for name in _NEEDED}
        return
    build_index(output, settings)


def index_later(folder: str | os.PathLike, cancelled=None) -> bool:
    """Index the build in `folder` if it was served with its previous build's index (`LATER`);
    whether an index is still due (`cancelled()` said stop before it was written: the build keeps
    the previous index until the next call). The caller holds the build lock (no other build links
    from the folder meanwhile)."""
    folder = os.path.realpath(folder)
    settings = _later.get(folder)
    if settings is None:
        return False
    try:
        build_index(folder, settings, cancelled, tidy_later=True)
    except IndexCancelledError:
        return True
    _later.pop(folder, None)
    return False


def check_setup(settings: dict) -> None:
    """At Pelican's `initialized`: stop at once, in French, when pagefind is not installed."""
    missing = check_installed(settings)
    if missing:
        raise SetupError(missing)
