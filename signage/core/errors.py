"""Vitrine's errors, all in French: the content's, collected over a build, and the one hierarchy.

Every module that checks content calls `ErrorLog.error()` / `.warning()` with
the source file, the field (metadata key) and a message that says what is
wrong and how to fix it. Nothing is raised while checking: the build goes on
reading everything, then `abort_if_errors()` stops it before a single byte of
output is written, so what was already published stays as it was.

What Vitrine raises is a `VitrineError` (the model is MkDocs' `exceptions.py`):

    VitrineError            a French message for a person; never a traceback
    ├── ContentErrors       the officer's content (every problem of the build at once)
    ├── SettingsError       pelicanconf.py / publishconf.py or the environment (SOURCE_DATE_EPOCH)
    ├── SetupError          something the set-up installs is missing (design system, fonts)
    ├── InternalError       a bug of Vitrine caught before it reaches the screens (feed schema)
    ├── StorageError        the disk refused a write: no space, no permission, read-only (core.storage)
    ├── BuildFailed         a build run by a command did not finish (workflow.build)
    └── CommandError        a command refused what it was asked (invoke new, slides, live)

`VitrineError` is a `SystemExit` whose code is the message, as MkDocs' `Abort`
is: Pelican's own command line (`pelican content -s pelicanconf.py`) logs any
other exception with its traceback, but lets a SystemExit through, so Python
prints the French message and exits with status 1. The officer's commands
(`tasks.py`) catch the hierarchy once; the live preview and `invoke check`
catch it where they build (`workflow.build.run_pelican`).
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field

from signage.core.header import field_line

logger = logging.getLogger("vitrine")


@dataclass(frozen=True)
class Problem:
    path: str  # relative to the project root when possible, e.g. content/prevention/otv.md
    field: str | None  # the metadata key, e.g. Slide_until; None for the whole file
    message: str  # French: what is wrong and how to fix it
    line: int | None = None
    severity: str = "error"  # "error" or "warning"

    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def __str__(self) -> str:
        return f"{self.location()}: {self.message}"


def display_path(path: str) -> str:
    """A path as the officer knows it: relative to the current directory."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


@dataclass
class ErrorLog:
    problems: list[Problem] = field(default_factory=list)

    def _add(self, severity: str, path: str, field_name: str | None, message: str, line: int | None):
        if line is None:
            line = field_line(path, field_name)
        problem = Problem(display_path(path), field_name, message, line, severity)
        if problem not in self.problems:
            self.problems.append(problem)
        return problem

    def error(self, path: str, field_name: str | None, message: str, line: int | None = None) -> Problem:
        return self._add("error", path, field_name, message, line)

    def add(self, problem: Problem) -> None:
        """A problem found elsewhere (e.g. translated from Pelican's own log)."""
        if problem not in self.problems:
            self.problems.append(problem)

    def warning(self, path: str, field_name: str | None, message: str, line: int | None = None) -> Problem:
        return self._add("warning", path, field_name, message, line)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


class VitrineError(SystemExit):
    """A French message for a person (see the module docstring); `str()` is the message."""

    def __init__(self, message: str):
        super().__init__(message)

    def __str__(self) -> str:
        return str(self.code)

    def report(self) -> str:
        """What a command prints on stderr when this error stops it."""
        return str(self)


class ContentErrors(VitrineError):  # noqa: N818 - the name the officer-facing code has always used
    """Raised once, after all checks, when the content has errors (`abort_if_errors`).

    `stopped` says what became of the output (plain `pelican` prints it); the officer's commands
    report `problems` with what is true for them instead (workflow.build).
    """

    def __init__(self, problems: list[Problem], stopped: str = ""):
        super().__init__(format_report(problems) + (f"\n{stopped}" if stopped else ""))
        self.problems = problems


class SettingsError(VitrineError):
    """The settings (pelicanconf.py, publishconf.py) or the environment (SOURCE_DATE_EPOCH) are wrong.

    `problems`: each problem on its own (the message lists them all).
    """

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = list(problems or [message])


class SetupError(VitrineError):
    """A file the set-up command installs is missing: the message says which command to run."""


class InternalError(VitrineError):
    """A bug of Vitrine, stopped before it reaches the screens; the message says to report it."""


class StorageError(VitrineError):
    """The disk refused a write (no space, no permission, read-only): what, where and the fix (core.storage)."""


class BuildFailed(VitrineError):  # noqa: N818 - a failed build is not a programming error
    """A build run by an officer's command did not finish; nothing was published.

    `problems` are the content's problems when there are any; `kept` says what
    stayed as it was (« Le site déjà construit dans output/ n'a pas été modifié. »).
    """

    def __init__(self, message: str, problems: list[Problem] | None = None, kept: str = ""):
        super().__init__(message)
        self.problems = list(problems or [])
        self.kept = kept

    def report(self) -> str:
        return f"\n{self}\n\n{self.kept}" if self.kept else f"\n{self}"


class CommandError(VitrineError):
    """An officer's command cannot do what it was asked (bad option, file already there, port taken)."""


def format_report(problems: list[Problem]) -> str:
    """The errors as the officer reads them: the build's own (settings, the disk) as they are, then the
    content's under one count, each with its file and line.

    It says what is wrong, never what became of the site: each command adds what is true for it
    (`BuildFailed.kept`, the live preview's « Le site affiché reste… », `ContentErrors.stopped`).
    """
    errors = [p for p in problems if p.severity == "error"]
    content = [p for p in errors if p.path]
    parts = [p.message for p in errors if not p.path]
    if content:
        count = len(content)
        head = f"{count} erreur{'s' if count > 1 else ''} dans le contenu :"
        parts.append("\n".join([head, *(f"  - {p}" for p in content)]))
    return "\n".join(parts)


CONTEXT_KEY = "vitrine_errors"


def error_log(context: dict) -> ErrorLog:
    """The build's error log, shared by all generators through Pelican's context."""
    log = context.get(CONTEXT_KEY)
    if log is None:
        log = context[CONTEXT_KEY] = ErrorLog()
    return log


def abort_if_errors(context: dict) -> None:
    log = error_log(context)
    for warning in log.warnings:
        logger.warning("%s", warning)
    if log.errors:
        output = context.get("OUTPUT_PATH")
        where = f" dans {display_path(str(output))}/" if output else ""
        raise ContentErrors(log.errors, f"La construction s'est arrêtée avant d'écrire le moindre fichier{where}.")
