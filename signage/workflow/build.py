"""Build the site into a fresh directory, then switch it in atomically.

`output/` (and `public/`) are symbolic links to a complete build under
`.builds/`. A new build is written beside the current one and the link is
replaced in one `rename()`: a reader sees the old site or the new one, never
half of each, and a failed build leaves the published site exactly as it was.
One build of a project at a time (`build_lock`): old build folders are pruned
while the lock is held, never the one switched in. A disk that refuses a write
(no space, no permission, read-only) is told by `core.storage`, in French.

`run_build()` is the one way the officer's commands build (live preview,
check, slide preview): it returns what was built and every problem found,
Pelican's own complaints included, in French, and never raises for content.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from signage.core.errors import BuildFailed, ContentErrors, Problem, VitrineError, display_path, format_report
from signage.core.storage import storage_error
from signage.workflow.build_lock import build_lock
from signage.workflow.officer_console import quiet_console
from signage.workflow.pelican_log import collect as collect_pelican_problems

BUILDS = Path(".builds")
KEEP = 2  # the current build and the one before it

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
    except ContentErrors as exc:  # the command says what became of the site (BuildFailed.kept)
        raise BuildFailed(format_report(exc.problems), exc.problems) from None
    except BuildFailed:
        raise
    except VitrineError as exc:  # settings, set-up, an internal error: its own French message
        raise BuildFailed(str(exc)) from None
    except SystemExit as exc:  # another plugin's exit: its message as it is
        raise BuildFailed(str(exc.code)) from None
    except Exception as exc:
        refused = storage_error(exc, output)  # before Pelican ran (its settings, our plugin's guard)
        if refused is not None:
            raise BuildFailed(str(refused)) from None
        if debugging():
            raise
        raise unexpected_failure(exc) from None


def unexpected_failure(exc: BaseException) -> BuildFailed:
    """A crash of the build told in French (live.unexpected_problem), with how to see the details."""
    log_crash()  # the traceback, for the technical team (.cache/live-erreurs.log)
    problem = unexpected_problem(exc)
    where = f"{problem.location()} : " if problem.path else ""
    return BuildFailed(f"La construction a échoué.\n  - {where}{problem.message}\n"
                       f"  (Pour voir le détail technique : relancez avec {DEBUG_VARIABLE}=1.)", [problem])


def build_and_swap(settings_file: str, target: str | Path, overrides: dict | None = None,
                   prune_in_background: bool = False) -> Path:
    """Build with `settings_file` into a fresh folder and make `target` point to it.

    One build of the project at a time (`build_lock`): a second command waits, saying so.
    Raises BuildFailed, which says that `target` was left as it was. Old build folders are
    renamed aside after the switch, the lock held, and removed once it is released;
    `prune_in_background` (the live preview) does both in a thread, which takes the lock again,
    so that the next save does not wait for a thousand rmdir().
    """
    target = Path(target)
    kept = f"Le site déjà construit dans {target.name}/ n'a pas été modifié."
    root = target.parent / BUILDS
    with _storage_refusal(root, kept), build_lock(root):
        fresh = root / f"{target.name}-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.monotonic_ns()}"
        try:
            run_pelican(settings_file, fresh, overrides)
        except BuildFailed as failure:
            shutil.rmtree(fresh, ignore_errors=True)
            failure.kept = kept
            raise
        except BaseException:
            shutil.rmtree(fresh, ignore_errors=True)
            raise
        try:
            swap_in(fresh, target)
        except OSError as exc:
            shutil.rmtree(fresh, ignore_errors=True)
            refused = storage_error(exc, target.parent)
            raise BuildFailed(str(refused) if refused else f"La nouvelle version n'a pas pu remplacer "
                              f"{target.name}/ ({exc.strerror or exc}).", kept=kept) from None
        if not prune_in_background:
            set_aside(root, target)
    if prune_in_background:
        threading.Thread(target=_prune_when_free, args=(root, target), name="vitrine-prune", daemon=True).start()
    else:
        remove_set_aside(root)
    return fresh


@contextlib.contextmanager
def _storage_refusal(root: Path, kept: str):
    """.builds/ or its lock cannot be written (a read-only project, a full disk): a French BuildFailed."""
    try:
        yield
    except OSError as exc:
        refused = storage_error(exc, root)
        if refused is None:
            raise
        raise BuildFailed(str(refused), kept=kept) from None


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


def _prune_when_free(root: Path, target: Path) -> None:
    with contextlib.suppress(OSError), build_lock(root, quiet=True):  # no build of any process is writing
        set_aside(root, target)
    remove_set_aside(root)  # the lock released: the next save does not wait for the rmdir()s


SET_ASIDE = ".a-supprimer-"  # an old build renamed, before it is removed


def prune(root: Path, target: Path, keep: int = KEEP) -> list[Path]:
    """Remove all but the `keep` newest builds of `target`, never the one it points to."""
    removed = set_aside(root, target, keep)
    remove_set_aside(root)
    return removed


def set_aside(root: Path, target: Path, keep: int = KEEP) -> list[Path]:
    """Rename all but the `keep` newest builds of `target` (never the one it points to) out of the
    way, one rename each: `remove_set_aside` deletes them later, without the lock.

    Called with the build lock held: no other build is writing under `root`.
    """
    current = target.resolve()
    builds = sorted((p for p in root.glob(f"{target.name}-*") if p.is_dir() and not p.is_symlink()),
                    key=lambda p: p.stat().st_mtime_ns)
    removed = [old for old in builds[:-keep] if old.resolve() != current] if keep > 0 else []
    for old in removed:
        with contextlib.suppress(OSError):
            old.rename(root / f"{SET_ASIDE}{old.name}")
    return removed


def remove_set_aside(root: Path) -> None:
    """Delete the builds set aside (by this process or an earlier one that stopped)."""
    for old in root.glob(f"{SET_ASIDE}*"):
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)


@dataclass
class BuildResult:
    """What `run_build` made: the folder built (None when the build failed) and every problem."""

    output: Path | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def run_build(settings_file: str, target: str | Path, overrides: dict | None = None, *,
              swap: bool = True, content_root: str | None = None, prune_in_background: bool = False) -> BuildResult:
    """Build once and return the output and the problems; never a traceback for the officer.

    With `swap`, build beside `target` and switch it in (`build_and_swap`); without,
    build straight into `target` (a throw-away folder: check, slide preview).
    Pelican's own content complaints (`pelican_log`) are part of the problems.
    """
    overrides = dict(overrides or {})
    root = content_root or overrides.get("PATH") or "content"
    output: Path | None = None
    problems: list[Problem] = []
    with collect_pelican_problems(str(root)) as pelican_problems, quiet_console():
        try:
            if swap:
                output = build_and_swap(settings_file, target, overrides, prune_in_background)
            else:
                run_pelican(settings_file, Path(target), overrides)
                output = Path(target)
        except BuildFailed as failure:
            problems = list(failure.problems) or [Problem("", None, str(failure))]
        except Exception as exc:  # noqa: BLE001 - a long-running preview must survive anything
            problems = [unexpected_problem(exc)]
            log_crash()
    problems += [p for p in pelican_problems if p not in problems]
    return BuildResult(output, problems)


def unexpected_problem(exc: BaseException) -> Problem:
    """A crash of the build (a template mistake, a bug) told in French, with its place if known."""
    filename = getattr(exc, "filename", None)
    line = getattr(exc, "lineno", None)
    if filename and type(exc).__module__.startswith("jinja2"):
        return Problem(display_path(str(filename)), None,
                       f"erreur dans le gabarit du thème ({type(exc).__name__} : {exc.message}). "
                       "Annulez la dernière modification de ce fichier puis enregistrez.", line)
    return Problem("", None, "la construction a échoué sur une erreur inattendue "
                   f"({type(exc).__name__} : {exc}). Annulez la dernière modification puis "
                   "enregistrez ; si l'erreur persiste, transmettez le fichier "
                   ".cache/live-erreurs.log à l'équipe technique.")


def log_crash() -> None:
    """Keep the traceback for a developer, out of the officer's terminal."""
    try:
        folder = Path(".cache")
        folder.mkdir(exist_ok=True)
        with open(folder / "live-erreurs.log", "a", encoding="utf-8") as handle:
            handle.write(time.strftime("%Y-%m-%d %H:%M:%S ") + traceback.format_exc() + "\n")
    except OSError:
        pass
