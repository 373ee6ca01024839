"""What the disk refused, in French: no space left, no permission, a read-only disk; which folder.

A build writes a great deal (pages, copies of the photos, slides, the render cache, the fresh
folder under .builds/), and any write can fail because of the machine, not of the content. Such a
failure is not a mistake of the officer's, and undoing the last change would not help: the
message says what the disk refused, where, and what to do. `storage_error()` turns the
`OSError` into a `StorageError` (a VitrineError: a French message, never a traceback, whatever
the entry point); any other error is left as it is (a bug stays a bug).
"""

from __future__ import annotations

import errno
import functools
import getpass
import os
import shutil

from signage.core.errors import StorageError, display_path

NO_SPACE = (errno.ENOSPC, errno.EDQUOT)
NO_PERMISSION = (errno.EACCES, errno.EPERM)
READ_ONLY = (errno.EROFS,)
TOO_LARGE = (errno.EFBIG,)
STORAGE_ERRNOS = (*NO_SPACE, *NO_PERMISSION, *READ_ONLY, *TOO_LARGE)


def storage_error(exc: BaseException, folder: str | os.PathLike | None = None) -> StorageError | None:
    """The French StorageError for a refused write, or None if `exc` is something else.

    `folder`: where the build was writing, named when the error does not say which file.
    """
    if not isinstance(exc, OSError) or exc.errno not in STORAGE_ERRNOS:
        return None
    path = os.fsdecode(exc.filename) if exc.filename else None
    if exc.errno in NO_PERMISSION and path and os.path.isfile(path) and not os.access(path, os.R_OK):
        return StorageError(f"Pas le droit de lire {display_path(path)} : donnez à votre compte ({_user()}) le "
                            "droit de le lire (ou demandez-le à l'informaticien), puis recommencez.")
    where = _folder_of(path, folder)
    shown = f"{display_path(where)}/" if where else "le dossier de sortie"
    if exc.errno in NO_SPACE:
        quota = " (quota de votre compte atteint)" if exc.errno == errno.EDQUOT else ""
        free = _free_space(where)
        return StorageError(
            f"Plus de place sur le disque{quota} : impossible d'écrire dans {shown}{free}. Libérez de la place "
            "(videz la corbeille, supprimez des fichiers inutiles ; « make clean » efface les constructions "
            "et le cache de Vitrine, qui seront refaits), puis recommencez.")
    if exc.errno in READ_ONLY:
        return StorageError(
            f"Le disque de {shown} est en lecture seule : rien ne peut y être écrit. Construisez dans un "
            "dossier d'un disque accessible en écriture, ou faites remonter ce disque en lecture-écriture "
            "(l'informaticien), puis recommencez.")
    if exc.errno in TOO_LARGE:
        return StorageError(
            f"Un fichier écrit dans {shown} dépasse la taille maximale de fichier permise à cette session "
            f"(limite « ulimit -f » : {_file_size_limit()}). Levez cette limite (ou demandez-le à l'informaticien), "
            "puis recommencez.")
    return StorageError(
        f"Pas le droit d'écrire dans {shown} : donnez à votre compte ({_user()}) le droit d'y écrire "
        f"(« chmod u+w {display_path(where) if where else 'DOSSIER'} », ou demandez-le à l'informaticien), "
        "ou construisez dans un autre dossier, puis recommencez.")


def _folder_of(path: str | None, folder) -> str | None:
    """The folder where the refused entry was being written (the entry's parent)."""
    if path:
        return os.path.dirname(os.path.abspath(path)) or path
    return os.fspath(folder) if folder else None


def _free_space(folder: str | None) -> str:
    probe = folder
    while probe and not os.path.isdir(probe):
        probe = os.path.dirname(probe.rstrip("/")) if probe != "/" else None
    try:
        free = shutil.disk_usage(probe).free if probe else None
    except OSError:
        free = None
    return f" ({size_words(free)} libre{'s' if free >= 2 else ''} sur ce disque)" if free is not None else ""


def size_words(size: int) -> str:
    """« 0 octet », « 512 octets », « 12 Ko », « 1,5 Mo », « 2,3 Go »: sizes as the officer reads them."""
    if size < 1024:
        return f"{size} octet{'s' if size > 1 else ''}"
    for unit, scale in (("Go", 1024 ** 3), ("Mo", 1024 ** 2), ("Ko", 1024)):
        if size >= scale:
            value = size / scale
            text = f"{value:.1f}" if value < 10 else f"{value:.0f}"
            return f"{text.removesuffix('.0').replace('.', ',')} {unit}"
    return f"{size} octets"  # pragma: no cover - the loop always answers


def _file_size_limit() -> str:
    import resource

    soft, _ = resource.getrlimit(resource.RLIMIT_FSIZE)
    return "aucune" if soft == resource.RLIM_INFINITY else size_words(soft)


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return str(os.getuid())


def guard_run(pelican) -> None:
    """Make this Pelican's `run()` raise a StorageError where the disk refused a write.

    Pelican's command line prints the traceback of any exception but lets a SystemExit (a
    VitrineError) through; Vitrine's commands get the same French message (workflow.build).
    """
    run, output = pelican.run, pelican.output_path

    @functools.wraps(run)
    def guarded(*args, **kwargs):
        try:
            return run(*args, **kwargs)
        except OSError as exc:
            error = storage_error(exc, output)
            if error is None:
                raise
            raise error from None

    pelican.run = guarded
