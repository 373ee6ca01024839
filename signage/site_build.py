"""Build the site into a fresh directory, then switch it in atomically.

`output/` (and `public/`) are symbolic links to a complete build under
`.builds/`. A new build is written beside the current one and the link is
replaced in one `rename()`: a reader sees the old site or the new one, never
half of each, and a failed build leaves the published site exactly as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from pathlib import Path

from .errors import ContentErrors

BUILDS = Path(".builds")
KEEP = 2  # the current build and the one before it


class BuildFailed(Exception):
    """The build did not finish; the message is French and for the officer."""

    def __init__(self, message: str, problems=None):
        super().__init__(message)
        self.problems = problems or []


DEBUG_VARIABLE = "VITRINE_DEBUG"  # VITRINE_DEBUG=1: let an unexpected error through with its traceback


def debugging() -> bool:
    return os.environ.get(DEBUG_VARIABLE, "").strip().lower() not in ("", "0", "non", "no", "false")


def run_pelican(settings_file: str, output: Path, overrides: dict | None = None) -> None:
    """Run Pelican in this process into `output`. Raises BuildFailed.

    Any error, even a template mistake or a bug, becomes a BuildFailed in French
    (the file and line of a template error), never a traceback for the officer;
    with VITRINE_DEBUG=1 the original exception goes through untouched.
    """
    from pelican import Pelican
    from pelican.settings import read_settings

    try:
        settings = read_settings(settings_file, override={"OUTPUT_PATH": str(output), **(overrides or {})})
        Pelican(settings).run()
    except ContentErrors as exc:
        raise BuildFailed(str(exc), exc.problems) from None
    except SystemExit as exc:
        raise BuildFailed(str(exc.code)) from None
    except Exception as exc:
        if debugging():
            raise
        raise unexpected_failure(exc) from None


def unexpected_failure(exc: BaseException) -> BuildFailed:
    """A crash of the build told in French (live.unexpected_problem), with how to see the details."""
    from .live import _log_crash, unexpected_problem  # here: live imports this module

    _log_crash()  # the traceback, for the technical team (.cache/live-erreurs.log)
    problem = unexpected_problem(exc)
    where = f"{problem.location()} : " if problem.path else ""
    return BuildFailed(f"La construction a échoué ; rien n'a été publié.\n  - {where}{problem.message}\n"
                       f"  (Pour voir le détail technique : relancez avec {DEBUG_VARIABLE}=1.)", [problem])


def build_and_swap(settings_file: str, target: str | Path, overrides: dict | None = None) -> Path:
    """Build with `settings_file` into a fresh folder and make `target` point to it."""
    target = Path(target)
    root = target.parent / BUILDS
    root.mkdir(parents=True, exist_ok=True)
    fresh = root / f"{target.name}-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.monotonic_ns()}"
    try:
        run_pelican(settings_file, fresh, overrides)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    swap_in(fresh, target)
    _prune(root, target.name, keep=fresh)
    return fresh


def swap_in(fresh: Path, target: Path) -> None:
    """Point `target` at `fresh` with one atomic rename of a symbolic link."""
    if target.exists() and not target.is_symlink():
        # A plain `pelican -o output` left a real folder here: set it aside once.
        target.rename(target.with_name(f"{target.name}.avant-vitrine-{int(time.time())}"))
    link = target.with_name(f".{target.name}.next")
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(os.path.relpath(fresh.resolve(), target.parent.resolve()))
    os.replace(link, target)


def _prune(root: Path, name: str, keep: Path) -> None:
    builds = sorted((p for p in root.glob(f"{name}-*") if p.is_dir()), key=lambda p: p.stat().st_mtime)
    for old in builds[:-KEEP]:
        if old.resolve() != keep.resolve():
            shutil.rmtree(old, ignore_errors=True)


def quiet_logging(level: int = logging.WARNING) -> None:
    from pelican.log import init as init_logging

    init_logging(level=level, name="pelican")
    logging.getLogger("vitrine").setLevel(level)
