"""Pelican's own complaints about content, turned into French problems for the officer.

Pelican logs some content mistakes (a missing `Title`, an unknown `Status`,
a `Date` it cannot read) and carries on, leaving the page out of the site.
The live preview and `invoke check` listen to those records while they build
and turn each into a `Problem` with the file, the line and the fix, so the
officer sees them the same way as Vitrine's own checks. Every build also looks
for the files Pelican marked as failed (`failed_files`), so that a skip stops
the build even when the record was filtered out (`pelican -q`).
"""

from __future__ import annotations

import logging
import os
import sys
from contextlib import contextmanager

from signage.core.errors import Problem, display_path
from signage.core.header import field_line, read_header
from signage.core.moments import MomentError, moment_message, parse_moment


def _bad_date(path: str) -> Problem | None:
    from pelican.utils import get_date

    header = read_header(path)
    for key in ("date", "modified"):
        written = header.get(key)
        if written is None:
            continue
        value, line = written.value, written.line
        try:
            get_date(value)
        except (ValueError, OverflowError):
            name = key.capitalize()
            try:  # the reason and the correction, as for every date Vitrine reads (core.moments)
                parse_moment(value)
                error = MomentError("Pelican ne sait pas la lire")
            except MomentError as refused:
                error = refused
            return Problem(display_path(path), name, moment_message(name, value, error), line)
    return None


_EXAMPLES = {"Title": "Title: Vols dans les voitures", "Date": "Date: 2026-12-12 10:00"}


def _missing(path: str, key: str) -> Problem:
    example = _EXAMPLES.get(key)
    example = f" (par exemple « {example} »)" if example else ""
    return Problem(display_path(path), key,
                   f"{key} manquant : ajoutez en tête du fichier une ligne « {key}: … »{example}.",
                   field_line(path, key) or 1)


def _unknown_status(path: str, status: str) -> Problem:
    return Problem(display_path(path), "Status",
                   f"Status « {status} » inconnu : écrivez published (publié), "
                   "draft (brouillon) ou hidden (caché).", field_line(path, "Status"))


def _outside(path: str) -> Problem | None:
    header = read_header(path)
    if header.get("title") is None:
        return None  # a page without Title has no address: « Title manquant » says it all
    key = next((key for key in ("Save_as", "Slug") if header.get(key)), "Title")
    return Problem(display_path(path), key,
                   f"l'adresse de la page sortirait du site : retirez les « / » et « .. » du {key}.",
                   field_line(path, key))


def _unreadable(path: str, exc: BaseException | None) -> Problem:
    if isinstance(exc, UnicodeDecodeError):
        return Problem(display_path(path), None,
                       "le fichier n'est pas enregistré en UTF-8 : dans votre éditeur, "
                       "choisissez « Enregistrer avec l'encodage UTF-8 ».")
    detail = f" ({exc})" if exc else ""
    return Problem(display_path(path), None,
                   f"le fichier n'a pas pu être lu{detail}. Vérifiez l'en-tête : une ligne "
                   "« Clé: valeur » par information, puis une ligne vide avant le texte.")


def translate(record: logging.LogRecord, content_root: str) -> Problem | None:
    """A French Problem for one of Pelican's log records about content, or None."""
    template = record.msg if isinstance(record.msg, str) else ""
    args = record.args if isinstance(record.args, tuple) else ()

    def absolute(path) -> str:
        path = str(path)
        return path if os.path.isabs(path) else os.path.join(content_root, path)

    if template.startswith("Could not process") and args:
        path = absolute(args[0])
        return _bad_date(path) or _unreadable(path, sys.exc_info()[1])
    if template.startswith("Skipping %s: could not find information about") and len(args) >= 2:
        return _missing(absolute(args[0]), str(args[1]).capitalize())
    if template.startswith("Unknown status") and len(args) >= 2:
        return _unknown_status(absolute(args[1]), str(args[0]))
    if template.startswith("Skipping %s: file %r would be written outside") and args:
        return _outside(absolute(args[0]))
    return None


def failed_files(context: dict, content_root: str, reported: list[Problem]) -> list[Problem]:
    """A Problem for each file Pelican failed to read and no log record explained.

    Pelican marks such a file in `context["generated_content"]` (value None) whatever
    its log level, so a skip is an error even when `pelican -q` filtered the record out.
    The reason is read again from the file itself.
    """
    from pelican.contents import Article, Page

    explained = {problem.path for problem in reported}
    pages = tuple(f"{folder.rstrip('/')}/" for folder in context.get("PAGE_PATHS", []) if folder)
    problems = []
    for relative, content in sorted(context.get("generated_content", {}).items()):
        path = os.path.join(content_root, relative)
        if content is not None or display_path(path) in explained:
            continue
        header = read_header(path)
        status = header.get("status")
        problems.append(_bad_date(path)
                        or (_missing(path, "Title") if header.get("title") is None else None)
                        or (_missing(path, "Date")  # an article needs one (its address is dated)
                            if header.get("date") is None and not relative.startswith(pages) else None)
                        or (_unknown_status(path, status.value)
                            if status and status.value.lower()
                            not in (Page if relative.startswith(pages) else Article).allowed_statuses else None)
                        or _outside(path)
                        or _unreadable(path, None))
    return problems


class _Collector(logging.Handler):
    def __init__(self, content_root: str):
        super().__init__(level=logging.WARNING)
        self.content_root = content_root
        self.problems: list[Problem] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            problem = translate(record, self.content_root)
        except Exception:  # noqa: BLE001 - a translation bug must never break the build
            problem = None
        if problem is not None and problem not in self.problems:
            self.problems.append(problem)


@contextmanager
def collect(content_root: str):
    """Within the block, Pelican's content complaints are gathered into the yielded list."""
    handler = _Collector(str(content_root))
    logger = logging.getLogger("pelican")
    logger.addHandler(handler)
    try:
        yield handler.problems
    finally:
        logger.removeHandler(handler)


# --- Every build: Pelican's skips become errors that stop the build -----------------
_listening: _Collector | None = None


def start_listening(content_root: str) -> None:
    """From now on, gather Pelican's content complaints (one listener per build)."""
    global _listening
    stop_listening()
    _listening = _Collector(str(content_root))
    logging.getLogger("pelican").addHandler(_listening)


def stop_listening() -> list[Problem]:
    """Stop gathering; return what was gathered since start_listening()."""
    global _listening
    if _listening is None:
        return []
    logging.getLogger("pelican").removeHandler(_listening)
    problems, _listening = _listening.problems, None
    return problems
