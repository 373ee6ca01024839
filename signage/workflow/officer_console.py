"""The officer's terminal: French only.

Pelican and the libraries it uses log in English (« Done: Processed 12 articles… », « Could not
process … », « Duplicate definition of `title` … »). Every officer's command (each invoke task,
hence each make target) calls `french_only()` first:

- Pelican's closing « Done: Processed … » line is silenced (its console goes quiet);
- only the records of Vitrine's own loggers (`vitrine`, in French) reach the terminal, on
  standard error, a warning as « Attention : … » (Pelican's quiet console printed none of them);
- Pelican's complaints about the content are told in French anyway (workflow.pelican_log turns
  them into the build's problems); any other record in English, of level WARNING or above, is
  kept with its time in `.cache/journal-technique.log`, and `kept_note()` gives one French line
  saying how many were kept there, for the technical team.

Plain `pelican` (a developer's command) is left as Pelican made it.
"""

from __future__ import annotations

import contextlib
import logging
import time
from pathlib import Path

JOURNAL = Path(".cache") / "journal-technique.log"
FRENCH_LOGGERS = ("vitrine", "signage")


def _french(name: str) -> bool:
    return any(name == root or name.startswith(root + ".") for root in FRENCH_LOGGERS)


class _KeepEnglishAside(logging.Filter):
    """On Pelican's console handler: Vitrine's records are `_Told` instead; the others go to the
    journal (WARNING and up)."""

    def __init__(self):
        super().__init__()
        self.kept = 0

    def filter(self, record: logging.LogRecord) -> bool:
        if _french(record.name):
            return False  # told by _Told: Pelican's console is quiet (« Done: Processed … »)
        if record.levelno >= logging.WARNING and not _told_in_french(record):
            self.kept += 1
            _journal(record)
        return False


def _told_in_french(record: logging.LogRecord) -> bool:
    """A complaint of Pelican's that the build reports in French (workflow.pelican_log)."""
    from signage.workflow.pelican_log import translate

    try:
        return translate(record, "") is not None
    except Exception:  # noqa: BLE001 - deciding where a log line goes must never break a build
        return False


def _journal(record: logging.LogRecord) -> None:
    try:
        text = record.getMessage()
    except Exception:  # noqa: BLE001 - a malformed record is still worth keeping
        text = str(record.msg)
    try:
        JOURNAL.parent.mkdir(parents=True, exist_ok=True)
        with open(JOURNAL, "a", encoding="utf-8") as handle:
            handle.write(f"{time.strftime('%Y-%m-%d %H:%M:%S')} {record.levelname} {record.name}: {text}\n")
    except OSError:
        pass  # a full or read-only disk is told by the build itself (core.storage)


class _Told(logging.Handler):
    """Vitrine's own records (French), on the officer's terminal: « Attention : … » for a warning."""

    def emit(self, record: logging.LogRecord) -> None:
        import sys

        try:
            message = record.getMessage()
            sys.stderr.write(f"Attention : {message}\n" if record.levelno == logging.WARNING else f"{message}\n")
            sys.stderr.flush()
        except Exception:  # noqa: BLE001 - as logging's own handlers: a record never breaks a build
            self.handleError(record)


_filter = _KeepEnglishAside()
_told = _Told()


def french_only(level: int = logging.WARNING) -> None:
    """Set up this process's logging for an officer's command (idempotent)."""
    from pelican.log import DEFAULT_LOG_HANDLER, console
    from pelican.log import init as init_logging

    init_logging(level=level, name="pelican")
    logging.getLogger("vitrine").setLevel(level)
    logging.captureWarnings(True)  # Python's warnings (a library's, in English) become records: the journal
    console.quiet = True  # « Done: Processed … », and every record Pelican's handler prints
    if _filter not in DEFAULT_LOG_HANDLER.filters:
        DEFAULT_LOG_HANDLER.addFilter(_filter)
    for name in FRENCH_LOGGERS:  # so Vitrine's own warnings (a photo not read to the end…) still show
        if _told not in logging.getLogger(name).handlers:
            logging.getLogger(name).addHandler(_told)


def kept_note() -> str:
    """One French line about the English records kept since the last call ("" when none)."""
    count, _filter.kept = _filter.kept, 0
    if not count:
        return ""
    return (f"({count} message{'s' if count > 1 else ''} technique{'s' if count > 1 else ''} de Pelican, en anglais, "
            f"gardé{'s' if count > 1 else ''} pour l'équipe technique dans {JOURNAL}.)")


@contextlib.contextmanager
def quiet_console():
    """Hide Pelican's own "Done: Processed …" line within the block (live prints one French line per build)."""
    from pelican.log import console

    before = console.quiet
    console.quiet = True
    try:
        yield
    finally:
        console.quiet = before
