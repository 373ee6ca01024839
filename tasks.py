"""Vitrine's tasks (invoke). `invoke --list` shows them all.

    invoke build      build the site and the screen feed into output/
    invoke serve      build, then serve output/ on http://127.0.0.1:8000 (--production: the real nginx)
    invoke publish    build with publishconf.py into public/ (--to TARGET: a new release there)
    invoke rollback   switch TARGET back to the release before the current one
    invoke ecrans     the screens' health from nginx's JSON access log
    invoke live       live preview; invoke check, new, slides: the officer's other commands
"""

from __future__ import annotations

import functools
import logging
import os
import signal
import sys
from pathlib import Path

from invoke import Exit, task
from invoke.exceptions import Failure

ROOT = Path(__file__).resolve().parent

from signage.core.errors import BuildFailed, VitrineError  # noqa: E402
from signage.core.storage import storage_error  # noqa: E402
from signage.workflow.build import BUILDS, build_and_swap, debugging, log_crash  # noqa: E402
from signage.workflow.build_lock import build_lock  # noqa: E402
from signage.workflow.officer_console import french_only, kept_note  # noqa: E402

DEV_SETTINGS = str(ROOT / "pelicanconf.py")
PUBLISH_SETTINGS = str(ROOT / "publishconf.py")
OUTPUT = ROOT / "output"
NGINX_CONFIG = ROOT / "deploy" / "nginx" / "vitrine.conf"


def french_errors(body):
    """The one place a task's failure is told: a VitrineError's French report, status 1, no traceback.

    Anything else is a bug: a short French message and the traceback kept in
    .cache/live-erreurs.log (VITRINE_DEBUG=1 lets it through instead).
    """

    @functools.wraps(body)
    def run(c, *args, **kwargs):
        french_only()  # Pelican's English lines stay out of the officer's terminal
        try:
            return body(c, *args, **kwargs)
        except VitrineError as error:
            print(error.report(), file=sys.stderr)
            raise Exit(code=1) from None
        except (Exit, Failure):  # invoke's own: a command run by the task (rsync) said why it failed
            raise
        except Exception as exc:
            refused = storage_error(exc)  # the disk: no space, no permission, read-only
            if refused is not None:
                print(refused.report(), file=sys.stderr)
                raise Exit(code=1) from None
            if debugging():
                raise
            log_crash()
            print(f"\nLa commande n'a pas pu aboutir ({type(exc).__name__} : {exc}).\n"
                  "Relancez avec VITRINE_DEBUG=1 pour voir le détail technique (aussi gardé dans "
                  ".cache/live-erreurs.log).", file=sys.stderr)
            raise Exit(code=1) from None
        finally:
            note = kept_note()
            if note:
                print(note, file=sys.stderr)

    return run


def _build(settings_file: str, target: Path, overrides: dict | None = None) -> Path:
    built = build_and_swap(settings_file, target, overrides)
    print(f"Site construit dans {target.relative_to(ROOT)}/")
    return built


@task
@french_errors
def build(c):
    """Construit le site et le programme des écrans dans output/ (mis en place d'un coup)."""
    _build(DEV_SETTINGS, OUTPUT)


@task(help={"host": "adresse d'écoute (127.0.0.1 par défaut)", "port": "port d'écoute (8000 par défaut)",
            "production": "servir avec le nginx de Debian et deploy/nginx/vitrine.conf (sans construire)",
            "root": "dossier servi par nginx (--production ; public/ par défaut)",
            "log": "journal d'accès JSON de nginx (--production ; par défaut dans son dossier temporaire)"})
@french_errors
def serve(c, host="127.0.0.1", port=8000, production=False, root=None, log=None):
    """Construit puis sert output/ sur cet ordinateur ; --production : le vrai nginx sur public/."""
    if production:
        _serve_production(int(port), Path(root) if root else ROOT / "public", Path(log) if log else None)
        return
    from signage.workflow.dev_server import open_server, serve_forever

    server = open_server(OUTPUT, host, int(port), quiet=False, retry=f"invoke serve --port {int(port) + 1}")
    _build(DEV_SETTINGS, OUTPUT)
    serve_forever(server)


def _serve_production(port: int, root: Path, log: Path | None) -> None:
    from signage.workflow.nginx import NginxError, ProductionServer

    server = ProductionServer(NGINX_CONFIG, root, port, log)
    try:
        server.start()
    except NginxError as problem:
        server.cleanup()
        print(f"Impossible de lancer nginx : {problem}", file=sys.stderr)
        raise Exit(code=1) from None

    def stop_on_term(signum, frame):  # `kill` or systemd: stop nginx gracefully too, as Ctrl+C does
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop_on_term)
    try:  # from here on a stop is caught, even one arriving while the lines below are printed
        print(f"nginx sert {root} sur {server.url}/ avec {NGINX_CONFIG.relative_to(ROOT)}\n"
              f"  le lecteur : {server.url}/signage/player/?screen=vitrine\n"
              f"  journal d'accès (JSON, pour « invoke ecrans --log ») : {server.log}\n"
              "Ctrl+C pour arrêter.", flush=True)
        code = server.wait()
        if code:
            print(f"nginx s'est arrêté (code {code}) :\n{server.errors().strip()}", file=sys.stderr)
            raise Exit(code=1)
    except KeyboardInterrupt:
        print("\nArrêt de nginx.")
    finally:
        server.stop()


@task(help={"to": "DESTINATION : un dossier ou serveur:/dossier (par défaut VITRINE_RSYNC_TARGET) ; "
                  "sans elle, public/ seulement",
            "content": "dossier du contenu (content/ par défaut)"})
@french_errors
def publish(c, to=None, content=None):
    """Construit la version publique dans public/ ; avec --to, l'envoie comme nouvelle version sur le serveur."""
    from pelican.settings import read_settings

    from signage.core.settings import checked
    from signage.site.page_changes import moment_words, read_changes

    settings = read_settings(PUBLISH_SETTINGS)
    checked(settings, "publishconf.py")  # PUBLISH_DIR must be a folder before anything is switched
    target = ROOT / settings["PUBLISH_DIR"]
    content_dir = Path(content).resolve() if content else None
    destination = to or os.environ.get("VITRINE_RSYNC_TARGET") or settings.get("PUBLISH_RSYNC_TARGET")
    # The build and its upload are one step: another build may not prune the folder being sent.
    with build_lock(target.parent / BUILDS):
        try:
            built = _build(PUBLISH_SETTINGS, target, {"PATH": str(content_dir)} if content_dir else None)
        except BuildFailed as failure:
            online = " et la version en ligne n'a pas changé" if destination else ""
            failure.kept = f"Rien n'a été publié{online}. {failure.kept}".rstrip()
            raise
        changes = read_changes(built)
        if destination:
            _publish_release(built, destination, content_dir or ROOT / "content", changes)
    if not destination:
        print(f"Publié localement dans {target.relative_to(ROOT)}/ "
              "(--to DOSSIER ou serveur:/dossier, ou VITRINE_RSYNC_TARGET, pour envoyer sur le serveur).")
    if changes:
        timer = " ; la minuterie du serveur reconstruira le site à ce moment-là" if destination else ""
        print(f"Prochain changement de page : {moment_words(changes[0].at)} ({changes[0].reason}){timer}.")
    else:
        print("Aucun changement de page prévu avant la reconstruction de la nuit.")


def _publish_release(built: Path, destination: str, content: Path, changes) -> None:
    from signage.workflow import publish as releases
    from signage.workflow.publish import PublishError, Target, systemd_time

    try:
        target = Target.parse(destination)
        done = releases.publish(built, target, content, systemd_time(changes[0].at) if changes else "")
    except PublishError as problem:
        print(f"\nPublication interrompue : {problem}\nLa version en ligne n'a pas changé.", file=sys.stderr)
        raise Exit(code=1) from None
    sent = next((line for line in done.stats.splitlines() if line.startswith("Total bytes sent")), "")
    print(f"Publié : {target}/current → releases/{done.release}"
          + (f" (avant : {done.previous})" if done.previous else "") + ".")
    if sent:
        linked = " ; les fichiers inchangés sont liés à la version précédente" if done.previous else ""
        print(f"  rsync : {sent.split(':', 1)[1].strip()} octets envoyés{linked}.")
    if done.carried:
        print(f"  {len(done.carried)} image(s) de l'ancien programme gardée(s) pour les écrans qui l'affichent encore.")
    if done.removed:
        print(f"  Anciennes versions supprimées : {', '.join(done.removed)}.")


@task(help={"to": "DESTINATION : un dossier ou serveur:/dossier (par défaut VITRINE_RSYNC_TARGET)"})
@french_errors
def rollback(c, to=None):
    """Remet en ligne la version publiée avant la version actuelle (DESTINATION/current)."""
    from signage.workflow import publish as releases
    from signage.workflow.publish import PublishError, Target

    destination = to or os.environ.get("VITRINE_RSYNC_TARGET")
    if not destination:
        print("Précisez où : invoke rollback --to /srv/vitrine (ou serveur:/srv/vitrine).", file=sys.stderr)
        raise Exit(code=1)
    try:
        target = Target.parse(destination)
        was, now = releases.rollback(target)
    except PublishError as problem:
        print(f"Retour arrière impossible : {problem}", file=sys.stderr)
        raise Exit(code=1) from None
    print(f"Retour arrière : {target}/current → releases/{now} (au lieu de {was}).")


# Flags only, never positional: invoke would take `invoke ecrans --help` for the log's name.
@task(positional=[], help={"log": "journal d'accès JSON de nginx (par exemple /var/log/nginx/vitrine.json.log)",
                           "poll": "période d'interrogation des écrans en secondes (SIGNAGE_POLL_SECONDS par défaut)",
                           "at": "juger à ce moment plutôt que maintenant, en ISO 8601 (2026-12-01T10:00:00+01:00)"})
@french_errors
def ecrans(c, log=None, poll=None, at=None):
    """Santé des écrans : dernière interrogation, version du programme, écrans silencieux (code 1 si l'un l'est)."""
    from datetime import datetime

    from signage.core.clock import PARIS
    from signage.workflow.screens_health import read_report

    if not log:
        print("Précisez le journal : invoke ecrans --log /var/log/nginx/vitrine.json.log", file=sys.stderr)
        raise Exit(code=2)
    if poll is None:
        from pelican.settings import read_settings

        poll = read_settings(PUBLISH_SETTINGS).get("SIGNAGE_POLL_SECONDS", 60)
    try:
        now = datetime.fromisoformat(at).astimezone(PARIS) if at else datetime.now(PARIS)
    except ValueError:
        print(f"--at « {at} » : écrivez une date ISO, par exemple 2026-12-01T10:00:00+01:00.", file=sys.stderr)
        raise Exit(code=2) from None
    try:
        report = read_report(log, now, int(poll))
    except OSError as problem:
        print(f"Impossible de lire le journal {log} : {problem.strerror or problem}.", file=sys.stderr)
        raise Exit(code=2) from None
    print(report.format())
    if not report.healthy:
        raise Exit(code=1)


@task(help={"host": "adresse d'écoute (127.0.0.1 par défaut)",
            "port": "port d'écoute (8000 par défaut ; make run PORT=8001 pour un autre)",
            "content": "dossier du contenu (content/ par défaut)"})
@french_errors
def live(c, host="127.0.0.1", port=8000, content=None):
    """Aperçu en direct : chaque enregistrement reconstruit le site et recharge la page ouverte."""
    from signage.workflow.live import run as run_live

    run_live(ROOT, DEV_SETTINGS, OUTPUT, host, int(port), Path(content) if content else None)


@task(help={"content": "dossier du contenu à vérifier (content/ par défaut)",
            "cache": "cache des diapositives dessinées (SIGNAGE_CACHE_PATH par défaut)"})
@french_errors
def check(c, content=None, cache=None):
    """Vérifie tout le contenu sans rien publier : tous les problèmes d'un coup, avec fichier et ligne."""
    from signage.workflow.check import check_content

    french_only(logging.ERROR)
    overrides = {"SIGNAGE_CACHE_PATH": str(Path(cache).resolve())} if cache else {}
    report = check_content(DEV_SETTINGS, content, overrides)
    print(report.format())
    if report.errors:
        raise Exit(code=1)


@task(positional=["kind", "title"],
      help={"kind": "campagne, evenement, alerte ou recrutement", "title": "le titre, entre guillemets",
            "content": "dossier du contenu (content/ par défaut)"})
@french_errors
def new(c, kind, title, content=None):
    """Crée une page prête à remplir : invoke new campagne "Titre" (aussi evenement, alerte, recrutement)."""
    from signage.workflow.new import create

    path = create(Path(content) if content else ROOT / "content", kind, title)
    print(f"Créé : {path}\nOuvrez-le, complétez le texte, puis enregistrez "
          "(l'aperçu en direct se met à jour tout seul).")


# `at` is a flag, never positional: invoke would take `invoke slides --help` for the moment « --help »;
# long flags only: invoke would give --cache the short flag -h, which reads as « help ».
@task(positional=[], auto_shortflags=False, help={"at": "le moment, heure de Paris : \"2026-12-12 10:00\" (maintenant par défaut)",
                           "screen": "nom de l'écran (vitrine par défaut)",
                           "content": "dossier du contenu (content/ par défaut)",
                           "cache": "cache des diapositives dessinées (SIGNAGE_CACHE_PATH par défaut)"})
@french_errors
def slides(c, at=None, screen="vitrine", content=None, cache=None):
    """Ce qu'un écran passera à un moment donné, dans l'ordre : invoke slides --at "2026-12-12 10:00"."""
    from signage.core.clock import build_now
    from signage.workflow.slide_preview import parse_moment, preview

    french_only(logging.ERROR)
    overrides = {"SIGNAGE_CACHE_PATH": str(Path(cache).resolve())} if cache else {}
    moment = parse_moment(at) if at else build_now().replace(second=0, microsecond=0)
    print(preview(DEV_SETTINGS, moment, screen, content, overrides).format())
