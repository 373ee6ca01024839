"""Vitrine's tasks (invoke). `invoke --list` shows them all.

    invoke build      build the site and the screen feed into output/
    invoke serve      build, then serve output/ on http://127.0.0.1:8000
    invoke publish    build with publishconf.py into public/ (or rsync it)
"""

from __future__ import annotations

import functools
import logging
import shlex
import sys
from pathlib import Path

from invoke import Exit, task
from invoke.exceptions import Failure

ROOT = Path(__file__).resolve().parent

from signage.core.errors import VitrineError  # noqa: E402
from signage.workflow.build import build_and_swap, debugging, log_crash, quiet_logging  # noqa: E402

DEV_SETTINGS = str(ROOT / "pelicanconf.py")
PUBLISH_SETTINGS = str(ROOT / "publishconf.py")
OUTPUT = ROOT / "output"


def french_errors(body):
    """The one place a task's failure is told: a VitrineError's French report, status 1, no traceback.

    Anything else is a bug: a short French message and the traceback kept in
    .cache/live-erreurs.log (VITRINE_DEBUG=1 lets it through instead).
    """

    @functools.wraps(body)
    def run(c, *args, **kwargs):
        try:
            return body(c, *args, **kwargs)
        except VitrineError as error:
            print(error.report(), file=sys.stderr)
            raise Exit(code=1) from None
        except (Exit, Failure):  # invoke's own: a command run by the task (rsync) said why it failed
            raise
        except Exception as exc:
            if debugging():
                raise
            log_crash()
            print(f"\nLa commande n'a pas pu aboutir ({type(exc).__name__} : {exc}) ; rien n'a été publié.\n"
                  "Relancez avec VITRINE_DEBUG=1 pour voir le détail technique (aussi gardé dans "
                  ".cache/live-erreurs.log).", file=sys.stderr)
            raise Exit(code=1) from None

    return run


def _build(settings_file: str, target: Path) -> Path:
    quiet_logging()
    built = build_and_swap(settings_file, target)
    print(f"Site construit dans {target.relative_to(ROOT)}/")
    return built


@task
@french_errors
def build(c):
    """Build the site and the screen feed into output/ (atomic switch-over)."""
    _build(DEV_SETTINGS, OUTPUT)


@task(help={"host": "address to listen on", "port": "port to listen on"})
@french_errors
def serve(c, host="127.0.0.1", port=8000):
    """Build, then serve output/ locally (site and screen player)."""
    from signage.workflow.dev_server import serve_forever

    _build(DEV_SETTINGS, OUTPUT)
    serve_forever(OUTPUT, host, int(port))


@task(help={"rsync": "rsync target (default: PUBLISH_RSYNC_TARGET in publishconf.py)"})
@french_errors
def publish(c, rsync=None):
    """Build for production (publishconf.py) into public/, or rsync it when configured."""
    from pelican.settings import read_settings

    from signage.core.settings import checked

    settings = read_settings(PUBLISH_SETTINGS)
    checked(settings, "publishconf.py")  # PUBLISH_DIR must be a folder before anything is switched
    target = ROOT / settings["PUBLISH_DIR"]
    built = _build(PUBLISH_SETTINGS, target)
    destination = rsync or settings.get("PUBLISH_RSYNC_TARGET")
    if destination:
        # --delay-updates: files land under temporary names and are renamed at the end.
        c.run(f"rsync -rlptz --delete --delay-updates {shlex.quote(f'{built}/')} {shlex.quote(destination)}",
              echo=True)
        print(f"Publié vers {destination}")
    else:
        print(f"Publié localement dans {target.relative_to(ROOT)}/ "
              "(réglez PUBLISH_RSYNC_TARGET pour envoyer sur un serveur).")


@task(help={"host": "address to listen on", "port": "port to listen on",
            "content": "content folder (default: content/)"})
@french_errors
def live(c, host="127.0.0.1", port=8000, content=None):
    """Live preview: build, serve, rebuild on every save; the open page reloads by itself."""
    from signage.workflow.live import run as run_live

    quiet_logging()
    run_live(ROOT, DEV_SETTINGS, OUTPUT, host, int(port), Path(content) if content else None)


@task(help={"content": "content folder to check (default: content/)",
            "cache": "slide render cache (default: SIGNAGE_CACHE_PATH)"})
@french_errors
def check(c, content=None, cache=None):
    """Check all the content without publishing anything: every problem at once, in French."""
    from signage.workflow.check import check_content

    quiet_logging(logging.ERROR)
    overrides = {"SIGNAGE_CACHE_PATH": str(Path(cache).resolve())} if cache else {}
    report = check_content(DEV_SETTINGS, content, overrides)
    print(report.format())
    if report.errors:
        raise Exit(code=1)


@task(positional=["kind", "title"],
      help={"kind": "campagne, evenement, alerte or recrutement", "title": "the title, in quotes",
            "content": "content folder (default: content/)"})
@french_errors
def new(c, kind, title, content=None):
    """Start a new campaign, event, alert or recruitment page: invoke new campagne "Titre"."""
    from signage.workflow.new import create

    path = create(Path(content) if content else ROOT / "content", kind, title)
    print(f"Créé : {path}\nOuvrez-le, complétez le texte, puis enregistrez "
          "(l'aperçu en direct se met à jour tout seul).")


@task(help={"at": "the moment, Paris time: \"2026-12-13 10:00\"", "screen": "screen name (default: vitrine)",
            "content": "content folder (default: content/)",
            "cache": "slide render cache (default: SIGNAGE_CACHE_PATH)"})
@french_errors
def slides(c, at, screen="vitrine", content=None, cache=None):
    """What a screen plays at a given moment, in order: invoke slides --at "2026-12-13 10:00"."""
    from signage.workflow.slide_preview import parse_moment, preview

    quiet_logging(logging.ERROR)
    overrides = {"SIGNAGE_CACHE_PATH": str(Path(cache).resolve())} if cache else {}
    print(preview(DEV_SETTINGS, parse_moment(at), screen, content, overrides).format())
