"""Which files of the content folder a build may read: the one rule, without Pelican.

The content folder comes from a person, a shared drive or a merge request, so
the build reads nothing there that is not plainly a file of the folder itself:

- files the officer cannot see are ignored everywhere (`IGNORED`, the one
  list: macOS `._page.md` and `.DS_Store`, Emacs `.#page.md` and `#page.md#`,
  Office `~$page.md`, vim `.swp` and `4913`, `sed -i`'s `sedXXXXXX`, gedit's
  `.goutputstream-…`, LibreOffice's `.~lock.…#`, Windows `Thumbs.db`…); Pelican's
  `IGNORE_FILES`, the unread-pages warning and the live preview (no rebuild, not
  named as a change) all use it;
- a symbolic link anywhere under content/ is refused (`refusals`), whatever it
  points to: one pointing outside would publish that file or folder (/etc/…),
  one pointing inside is refused too (copy the file instead), so that what is
  built is exactly what is in the folder, and what `invoke publish --to` keeps
  under sources/ rebuilds the same site. The content folder itself may be a
  link (a shared drive mounted elsewhere): the boundary is its real path;
- anything that is neither a file nor a folder (a FIFO, a socket, a device)
  is refused: reading it would block or never end;
- a file copied into the site whose name (folders included) has decomposed
  accents (NFD, from an old Mac) is refused: pages ask for the composed form
  (NFC) and servers compare bytes, so it would be published and never found;
- a page (Markdown or HTML) over `MAX_PAGE_BYTES` is refused: no page is that
  long, and a huge one would hold the build for minutes;
- a file copied as it is into the site (`{static}`, `{attach}`, content/images/) must be
  of a kind a browser cannot run (`PUBLISHABLE`: photos, PDF, office documents…):
  an `.html`, `.js` or `.svg` copied as it is would run its script on the site's
  own address, past the sanitiser that cleans every page (`unpublishable`).

A hard link cannot be told from the file itself (it *is* the file, with a
second name): nothing here can refuse one. Creating one to a file outside
needs the same file system and rights on that file, which a shared drive or a
merge request does not give.

`regular_file(root, path)` is the check every reader of a photo uses
(Slide_image, images in bodies, `invoke check`): the path, when it lies in the
folder without passing through a link and is a plain file; else None.
"""

from __future__ import annotations

import fnmatch
import os
import posixpath
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

# Files and folders nobody wrote on purpose: system and editor files, hidden from the officer.
IGNORED = (
    ".*",  # hidden: ._page.md (macOS on a shared drive), .DS_Store, .#page.md (Emacs), .page.md.swp (vim)
    "~$*",  # Office's lock file (~$page.md)
    "*~",  # backup copies (page.md~)
    "*.sw[a-p]", "*.swx",  # vim's swap files
    "*.tmp", "*.bak", "*.part", "*.crdownload", "*.kate-swp", "4913",  # temporary and backup files
    "#*#", "*___jb_tmp___", "*___jb_old___", "sed" + "[A-Za-z0-9]" * 6,  # emacs autosave, JetBrains, sed -i
    "[Tt]humbs.db", "[Ee]hthumbs.db", "[Dd]esktop.ini", "Icon\r",  # Windows and macOS folder files
    "__MACOSX", "$RECYCLE.BIN", "System Volume Information",  # folders left by zip, Windows, USB drives
)
PAGE_EXTENSIONS = {".md", ".markdown", ".mkd", ".mdown", ".html", ".htm"}
# What may be copied into the site as it is: nothing a browser would run (no .html, .js, .svg, .css).
PUBLISHABLE = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif",  # photos and illustrations
               ".pdf", ".odt", ".ods", ".odp", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx",  # documents
               ".txt", ".csv", ".ics", ".mp3", ".mp4", ".webm", ".ogg", ".vtt"}  # text, calendars, media
MAX_PAGE_BYTES = 1024 * 1024


_IGNORED = re.compile("|".join(f"(?:{fnmatch.translate(pattern)})" for pattern in IGNORED))


def is_ignored(name: str) -> bool:
    """True for a file or folder name in `IGNORED` (a name, not a path; case as written)."""
    return _IGNORED.match(name) is not None


@dataclass(frozen=True)
class Refusal:
    """A file of content/ the build refuses to read; `relative` is POSIX, from the content folder."""

    relative: str
    path: str  # as found, under the content folder
    message: str  # French: what it is and the fix
    folder: bool = False  # a link to a folder (whatever is under it is refused too)


def boundary(root: str | os.PathLike) -> Path:
    """The content folder's real place: it may be a link itself (a shared drive mounted elsewhere)."""
    return Path(os.path.realpath(root))


def _link_message(link: Path, root: Path) -> tuple[str, bool]:
    target = os.readlink(link)
    resolved = Path(os.path.realpath(link))
    folder = resolved.is_dir()
    what = "un dossier" if folder else "un fichier"
    if resolved == root or root in resolved.parents:
        shown = resolved.relative_to(root).as_posix() or "."
        copy = "du dossier" if folder else "du fichier"
        return (f"lien symbolique vers {what} du dossier de contenu ({shown}) : Vitrine ne suit aucun lien ; "
                f"remplacez le lien par une copie {copy} lui-même (ou supprimez-le)."), folder
    if not os.path.lexists(resolved) or not (resolved.is_file() or folder):
        what = "un fichier qui n'existe pas ou n'est pas un fichier ordinaire"
    this = "ce dossier" if folder else "ce fichier"
    return (f"lien symbolique vers {target}, {what} hors du dossier de contenu : rien n'est lu ni publié "
            f"à travers un lien. Supprimez ce lien ; si {this} doit être publié, copiez-le lui-même "
            "dans le dossier de contenu."), folder


# A name copied from an old Mac (HFS+) keeps its accents decomposed (NFD): « é » is « e » + an accent.
# Pages and browsers write the composed form (NFC), and servers compare bytes: the file would never be found.
_DECOMPOSED = ("le nom « {name} » est écrit avec des accents décomposés (fichier copié depuis un Mac) : les "
               "navigateurs demanderont l'autre écriture et ne le trouveront pas. Renommez-le en retapant son "
               "nom (ou sans accent), puis corrigez les pages qui l'utilisent.")


def refusals(root: str | os.PathLike) -> list[Refusal]:
    """Every entry under `root` the build must not read, ignored names left out; never follows a link."""
    top = Path(root)
    real = boundary(top)
    found: list[Refusal] = []

    def walk(folder: str, relative: str) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            return
        for entry in entries:
            if is_ignored(entry.name):
                continue
            rel = f"{relative}{entry.name}"
            try:  # the entry's type comes with the listing (no system call), its size only for a page
                if entry.is_symlink():
                    message, is_folder = _link_message(Path(entry.path), real)
                    found.append(Refusal(rel, entry.path, message, is_folder))
                elif entry.is_dir(follow_symlinks=False):
                    walk(entry.path, f"{rel}/")
                elif not entry.is_file(follow_symlinks=False):
                    mode = entry.stat(follow_symlinks=False).st_mode
                    kind = ("un tube nommé (FIFO)" if stat.S_ISFIFO(mode) else "une prise réseau (socket)"
                            if stat.S_ISSOCK(mode) else "un périphérique")
                    found.append(Refusal(rel, entry.path, f"ce n'est pas un fichier ordinaire mais {kind} : "
                                         "le lire bloquerait la construction ; supprimez-le du dossier de contenu."))
                elif (os.path.splitext(entry.name)[1].lower() not in PAGE_EXTENSIONS
                      and not unicodedata.is_normalized("NFC", rel)):
                    found.append(Refusal(rel, entry.path, _DECOMPOSED.format(
                        name=unicodedata.normalize("NFC", rel))))
                elif (os.path.splitext(entry.name)[1].lower() in PAGE_EXTENSIONS
                      and (size := entry.stat(follow_symlinks=False).st_size) > MAX_PAGE_BYTES):
                    shown = f"{size / 1024 / 1024:.1f}".replace(".", ",")
                    found.append(Refusal(rel, entry.path, (
                        f"page de {shown} Mo, bien plus qu'une page n'en fait (quelques dizaines de Ko) : ce "
                        f"n'est sans doute pas une page. Retirez-la, ou découpez-la en pages de moins de "
                        f"{MAX_PAGE_BYTES // 1024 // 1024} Mo.")))
            except OSError:  # gone meanwhile: not read either
                continue

    walk(str(top), "")
    return found


def unpublishable(name: str) -> str | None:
    """Why a file named `name` may not be copied into the site as it is (French), or None."""
    extension = os.path.splitext(name)[1].lower()
    if extension in PUBLISHABLE:
        return None
    kind = f"un fichier « {extension} »" if extension else "un fichier sans extension"
    fix = (" ; pour une illustration, enregistrez-la en PNG" if extension == ".svg" else "")
    return (f"{kind} ne peut pas être publié tel quel : un navigateur pourrait y exécuter un programme, "
            f"ou ne saurait pas l'ouvrir{fix}. Formats acceptés : "
            + ", ".join(sorted(ext.lstrip(".") for ext in PUBLISHABLE)) + ".")


def refused(relative: str, refused_paths: dict[str, Refusal]) -> bool:
    """True when `relative` (from the content folder) is refused or lies under a refused link to a folder."""
    relative = posixpath.normpath(relative.replace(os.sep, "/"))
    if relative in refused_paths:
        return True
    return any(item.folder and relative.startswith(f"{name}/") for name, item in refused_paths.items())


def regular_file(root: str | os.PathLike, path: str | os.PathLike) -> Path | None:
    """`path` when it is a plain file inside `root` reached through no link; else None.

    `path` is absolute or relative to the current folder; `root` may itself be a link.
    """
    top = Path(os.path.abspath(root))
    candidate = Path(os.path.normpath(os.path.abspath(path)))
    real_top = boundary(top)
    for base in (top, real_top):
        if candidate == base or base not in candidate.parents:
            continue
        current = base
        try:
            for part in candidate.relative_to(base).parts:
                current = current / part
                mode = os.lstat(current).st_mode
                if stat.S_ISLNK(mode):
                    return None
            return candidate if stat.S_ISREG(mode) else None
        except OSError:
            return None
    return None
