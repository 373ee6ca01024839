"""Every VitrineError ends as a French message, exit status 1, no traceback, whatever the entry point.

Pelican's command line logs any other exception with its traceback; the
hierarchy is a SystemExit so that plain `pelican content -s pelicanconf.py -o OUT`
prints the message and stops. The invoke tasks catch the hierarchy once.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys

import pytest
from conftest import ROOT, SAMPLE_EPOCH

WIDE = {"COLUMNS": "1000"}  # Pelican's log (rich) does not wrap the lines compared below


def pelican(tmp_path, *extra: str, env: dict | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "pelican", str(ROOT / "content"), "-s", str(ROOT / "pelicanconf.py"),
               "-o", str(tmp_path / "out"), "-e", f'SIGNAGE_CACHE_PATH="{tmp_path / "cache"}"', *extra]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "SOURCE_DATE_EPOCH": str(SAMPLE_EPOCH), **WIDE, **(env or {})})


def test_every_settings_error_at_once_from_plain_pelican(tmp_path):
    result = pelican(tmp_path, "SIGNAGE_POLL_SECONDS=5", 'SIGNAGE_PREVIEW="oui"',
                     'PUBLIC_SITEURL="point-accueil.fr"')
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.splitlines()[:4] == [
        "Réglages de Vitrine invalides (pelicanconf.py) :",
        "  - SIGNAGE_POLL_SECONDS = 5 : trop petit ; attendu un nombre entier de secondes entre 10 et 3600 "
        "(60 par défaut).",
        "  - SIGNAGE_PREVIEW = 'oui' : n'est ni True ni False ; attendu True ou False (True par défaut).",
        "  - PUBLIC_SITEURL = 'point-accueil.fr' : n'est pas une adresse complète ; attendu une adresse complète "
        "commençant par https://, par exemple « https://point-accueil.gendarmerie.interieur.gouv.fr ».",
    ]
    assert not (tmp_path / "out").exists()


def test_an_unknown_setting_is_a_warning_with_the_nearest_name(tmp_path):
    result = pelican(tmp_path, "SIGNAGE_DURATION=12")
    assert result.returncode == 0, result.stderr
    assert ("SIGNAGE_DURATION : réglage inconnu de Vitrine, ignoré ; vouliez-vous dire SIGNAGE_DEFAULT_DURATION ?"
            in result.stdout + result.stderr)


def test_a_wrong_source_date_epoch_from_plain_pelican(tmp_path):
    result = pelican(tmp_path, env={"SOURCE_DATE_EPOCH": "demain"})
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1].startswith(
        "SOURCE_DATE_EPOCH « demain » n'est pas un nombre entier de secondes depuis 1970")
    assert "Traceback" not in result.stderr + result.stdout


@pytest.mark.parametrize("epoch, said", [
    ("0", "donne le 01/01/1970 à 01:00"),  # a published feed would end on 12/02/1970: screens lose everything
    ("-86400000", "donne le "),
    ("32503680000", "donne le 01/01/3000"),
    ("99999999999999999999", "donne une date hors calendrier"),  # was « erreur inattendue (OverflowError) »
])
def test_an_absurd_source_date_epoch_is_refused_before_anything_is_built(tmp_path, epoch, said):
    result = pelican(tmp_path, env={"SOURCE_DATE_EPOCH": epoch})
    assert result.returncode == 1, result.stdout + result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith(f"SOURCE_DATE_EPOCH « {epoch} » {said}"), last
    assert last.endswith("Corrigez ou supprimez cette variable (l'heure de l'ordinateur est alors utilisée).")
    assert "Traceback" not in result.stderr + result.stdout and not (tmp_path / "out" / "index.html").exists()


def test_a_machine_clock_far_in_the_past_is_refused(monkeypatch):
    import time

    from signage.core.clock import build_now
    from signage.core.errors import SettingsError

    monkeypatch.setattr(time, "time", lambda: 86400.0 * 3)  # a dead clock battery: 4 January 1970
    with pytest.raises(SettingsError, match=r"^L'horloge de l'ordinateur donne le 04/01/1970 à 01:00 : .* "
                                            r"Réglez la date et l'heure de l'ordinateur, puis relancez\.$"):
        build_now({})


def test_an_internal_error_from_plain_pelican(tmp_path):
    """A feed breaking its schema (a bug) stops the build with a French message, not a traceback."""
    script = f"""
import sys
import pelican
from signage.screens.feed import json_feed
json_feed.validate = lambda feed: ["screens/vitrine : exemple de violation"]
sys.argv = ["pelican", {str(ROOT / "content")!r}, "-s", {str(ROOT / "pelicanconf.py")!r},
            "-o", {str(tmp_path / "out")!r}, "-e", 'SIGNAGE_CACHE_PATH="{tmp_path / "cache"}"']
pelican.main()
"""
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=600,
                            env={**os.environ, "SOURCE_DATE_EPOCH": str(SAMPLE_EPOCH), **WIDE})
    assert result.returncode == 1
    assert "Erreur interne de Vitrine : signage/feed.json ne respecte pas son schéma" in result.stderr
    assert "screens/vitrine : exemple de violation" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "out" / "signage" / "feed.json").exists()


def test_invoke_build_reports_a_vitrine_error_once_and_keeps_the_site(tmp_path, monkeypatch, capsys):
    from invoke import Exit

    import tasks

    monkeypatch.setattr(tasks, "OUTPUT", tmp_path / "output")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "demain")
    with pytest.raises(Exit) as stopped:
        tasks.build.body(None)
    assert stopped.value.code == 1
    err = capsys.readouterr().err
    assert "SOURCE_DATE_EPOCH « demain » n'est pas un nombre entier" in err
    assert err.rstrip().endswith("Le site déjà construit dans output/ n'a pas été modifié.")
    assert "Traceback" not in err
    assert not (tmp_path / "output").exists() and not list((tmp_path / ".builds").glob("output-*"))


def test_invoke_live_on_a_busy_port_says_how_to_choose_another(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "invoke", "live", "--port", str(port)], cwd=ROOT,
                                capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert f"Impossible d'ouvrir l'aperçu sur 127.0.0.1:{port}" in result.stderr
    assert f"make run PORT={port + 1}" in result.stderr
    assert "Traceback" not in result.stderr


def test_invoke_publish_checks_publish_dir_before_switching_anything(monkeypatch, capsys):
    import pelican.settings
    from invoke import Exit

    import tasks

    monkeypatch.setattr(pelican.settings, "read_settings", lambda path: {"PUBLISH_DIR": ""})
    monkeypatch.setattr(tasks, "_build", lambda settings_file, target: pytest.fail("nothing may be built"))
    with pytest.raises(Exit) as stopped:
        tasks.publish.body(None)
    assert stopped.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("Réglages de Vitrine invalides (publishconf.py) :\n  - PUBLISH_DIR = '' : est vide ;")


SKIPPED_BY_PELICAN = {
    # what the officer wrote in the header → what the build must say
    "Date: pas une date": ("Date", "Date « pas une date » n'est pas une date valide"),
    "Status: brouillon": ("Status", "Status « brouillon » inconnu : écrivez published (publié)"),
    "Slug: ../../ailleurs": ("Slug", "l'adresse de la page sortirait du site"),
    "-Title": ("Title", "Title manquant : ajoutez en tête du fichier une ligne « Title: … » (par exemple « Title: "),
    "-Date": ("Date", "Date manquant : ajoutez en tête du fichier une ligne « Date: … » (par exemple « Date: 2026-"),
}


@pytest.mark.parametrize("quiet", [(), ("-q",)], ids=["default", "quiet"])
@pytest.mark.parametrize("written", list(SKIPPED_BY_PELICAN))
def test_a_file_pelican_skips_stops_plain_pelican_at_any_log_level(tmp_path, written, quiet):
    """Pelican skips such a file with a log record; `-q` filters the record out, the skip must still stop it."""
    import shutil

    from conftest import build_site

    content = shutil.copytree(ROOT / "content", tmp_path / "content")
    page = content / "prevention" / "vols-dans-les-vehicules.md"
    field, message = SKIPPED_BY_PELICAN[written]
    text = page.read_text(encoding="utf-8")
    if written.startswith("-"):  # the field is removed
        text = re.sub(rf"(?m)^{field}:.*\n", "", text, count=1)
    else:
        text, count = re.subn(rf"(?m)^{field}:.*$", written, text, count=1)
        if not count:  # the field is not in the header yet: add it under the title
            text = re.sub(r"(?m)^(Title:.*)$", rf"\1\n{written}", text, count=1)
    page.write_text(text, encoding="utf-8")
    result = build_site(tmp_path / "out", content=content, options=quiet)
    assert result.returncode != 0, result.log
    assert "vols-dans-les-vehicules.md" in result.log and message in result.log, result.log
    assert "Traceback" not in result.log
    assert not (tmp_path / "out").exists()  # nothing written


def test_an_empty_title_is_an_error_not_a_page_without_name(tmp_path):
    import shutil

    from conftest import build_site

    content = shutil.copytree(ROOT / "content", tmp_path / "content")
    page = content / "prevention" / "vols-dans-les-vehicules.md"
    page.write_text(re.sub(r"(?m)^Title:.*$", "Title:   ", page.read_text(encoding="utf-8"), count=1),
                    encoding="utf-8")
    result = build_site(tmp_path / "out", content=content, options=("-q",))
    assert result.returncode != 0, result.log
    assert "vols-dans-les-vehicules.md:1: Title vide : écrivez le titre après « Title: »" in result.log, result.log
    assert not (tmp_path / "out").exists()


def test_html_in_a_header_is_a_warning_saying_it_is_removed(tmp_path):
    """Not a danger (the sanitiser drops it), but the officer's wording changed without a word."""
    import shutil

    from conftest import build_site

    content = shutil.copytree(ROOT / "content", tmp_path / "content")
    page = content / "prevention" / "vols-dans-les-vehicules.md"
    page.write_text(re.sub(r"(?m)^(Title:.*)$", r"\1 <script>alert(13)</script>", page.read_text(encoding="utf-8"),
                           count=1), encoding="utf-8")
    result = build_site(tmp_path / "out", content=content, extra_env=WIDE)
    assert result.returncode == 0, result.log
    assert ("vols-dans-les-vehicules.md:1: Title contient du code HTML (« <script> ») : il est "
            "retiré à la publication, seul le texte reste.") in result.log, result.log
