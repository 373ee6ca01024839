"""Content errors: collected over the whole build, reported together in French.

Every module that checks content calls `ErrorLog.error()` / `.warning()` with
the source file, the field (metadata key) and a message that says what is
wrong and how to fix it. Nothing is raised while checking: the build goes on
reading everything, then `abort_if_errors()` stops it before a single byte of
output is written, so what was already published stays as it was.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field

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


def field_line(path: str, key: str | None) -> int | None:
    """The line of `Key:` in a Markdown file's metadata header, if found."""
    if not key:
        return None
    try:
        with open(path, encoding="utf-8") as handle:
            for number, text in enumerate(handle, start=1):
                if not text.strip():
                    return None  # end of the metadata block
                if re.match(rf"\s*{re.escape(key)}\s*:", text, flags=re.IGNORECASE):
                    return number
    except OSError:
        return None
    return None


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


class ContentErrors(SystemExit):
    """Raised once, after all checks, when the content has errors.

    A SystemExit: Pelican's command line lets it through without a traceback
    and exits with status 1; the live preview catches it to show the overlay.
    """

    def __init__(self, problems: list[Problem]):
        # A SystemExit whose code is a string: Python prints it on stderr and exits with 1.
        super().__init__(format_report(problems))
        self.problems = problems

    def __str__(self) -> str:
        return format_report(self.problems)


def format_report(problems: list[Problem]) -> str:
    errors = [p for p in problems if p.severity == "error"]
    count = len(errors)
    head = f"{count} erreur{'s' if count > 1 else ''} dans le contenu ; rien n'a été publié :"
    return "\n".join([head, *(f"  - {p}" for p in errors)])


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
        raise ContentErrors(log.errors)
