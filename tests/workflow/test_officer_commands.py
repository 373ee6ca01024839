"""The officer's commands: French names through make, French help, `--help` that works, the port.

`make aide`, `make nouveau`, `make verifier`, `make diapos`, `make publier` run for real in a private
copy of the project (tests/project_helpers.py, `with_make`): each says what it did, in French.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys

import pytest
from conftest import ROOT
from invoke import Collection
from project_helpers import project_copy, run_invoke, run_make

import tasks
from signage.workflow.new import slug_of

TASKS = sorted(Collection.from_module(tasks).task_names)
OFFICER = ["run", "nouveau", "verifier", "diapos", "publier", "aide"]
TITLE = "Vols de vélos : l'antivol \"en U\" à 50 $HOME"  # any character reaches the page as written
README = (ROOT / "README.md").read_text(encoding="utf-8")
GUIDE = (ROOT / "docs" / "guide-redaction.md").read_text(encoding="utf-8")
# invoke's parser takes `--help` for the value of a missing positional argument (pyinvoke/invoke#982):
# `invoke new --help` cannot work while `invoke new campagne "Titre"` does; `invoke --help new` does.
POSITIONAL = {"new"}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return project_copy(tmp_path_factory.mktemp("make") / "projet", tmp_path_factory.mktemp("render-cache"),
                        with_make=True)


def invoke(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "invoke", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


@pytest.mark.parametrize("name", TASKS)
def test_every_task_has_its_help_before_and_after_its_name(name):
    shown = [invoke("--help", name)] + ([] if name in POSITIONAL else [invoke(name, "--help")])
    for result in shown:
        assert result.returncode == 0, result.stderr
        assert "slides [--options]" in result.stdout if name == "slides" else "Usage:" in result.stdout
        docstring = result.stdout.split("Docstring:", 1)[1].split("Options:", 1)[0].strip()
        assert docstring and not docstring.startswith("none")
        assert result.stderr == ""


def test_slides_help_is_not_taken_for_a_moment():
    result = invoke("slides", "--help")
    assert result.returncode == 0 and "--at=STRING" in result.stdout and "le moment, heure de Paris" in result.stdout
    assert "Aperçu impossible" not in result.stdout + result.stderr


def test_make_aide_lists_the_officers_commands_each_documented_in_the_readme_and_the_guide(project):
    result = run_make(project, "aide")
    assert result.returncode == 0, result.stderr
    commands, examples = result.stdout.split("Exemples :")
    listed = re.findall(r"^  make (\S+) +(.+)$", commands, re.MULTILINE)
    assert [name for name, _ in listed] == OFFICER
    for name, words in listed:
        assert words and not re.search(r"\b(the|and|build|check|set up)\b", words), words  # French
        assert f"`make {name}" in README, f"make {name} is not in the README"
        assert f"`make {name}" in GUIDE, f"make {name} is not in docs/guide-redaction.md"
    assert 'make nouveau TYPE=campagne TITRE="Vols de vélos"' in examples
    assert "make run PORT=8001" in README and "make run PORT=8001" in GUIDE
    assert README.index("make run\n") < README.index("make test\n") < README.index("make aide")  # still the first two


def test_make_nouveau_says_what_it_needs_then_creates_the_page(project):
    missing = run_make(project, "nouveau", "TYPE=campagne")
    assert missing.returncode != 0
    assert 'Précisez le type et le titre, par exemple : make nouveau TYPE=campagne TITRE="Vols de vélos"' in missing.stderr
    made = run_make(project, "nouveau", "TYPE=campagne", f"TITRE={TITLE}")
    assert made.returncode == 0, made.stderr
    page = project / "content" / "prevention" / f"{slug_of(TITLE)}.md"
    assert made.stdout.startswith(f"Créé : {page}\nOuvrez-le, complétez le texte, puis enregistrez")
    assert page.read_text(encoding="utf-8").startswith(f"Title: {TITLE}\n")
    again = run_make(project, "nouveau", "TYPE=campagne", f"TITRE={TITLE}")
    assert again.returncode != 0 and "Rien n'a été créé" in again.stderr
    page.unlink()


@pytest.mark.parametrize("title, file_name", [
    ("-20 % de cambriolages en décembre", "20-de-cambriolages-en-decembre.md"),  # invoke took it for flags
    ("-rf", "rf.md"),
    ("Un titre très long " * 15, "un-titre-tres-long-un-titre-tres-long-un-titre-tres-long-un-titre-tres-long-un.md"),
])
def test_make_nouveau_takes_any_title_a_person_writes(project, title, file_name):
    made = run_make(project, "nouveau", "TYPE=campagne", f"TITRE={title}")
    assert made.returncode == 0, made.stdout + made.stderr
    page = project / "content" / "prevention" / file_name
    assert made.stdout.startswith(f"Créé : {page}\n"), made.stdout
    assert page.read_text(encoding="utf-8").startswith(f"Title: {title.strip()}\n")
    page.unlink()


def test_make_verifier_diapos_and_publier(project):
    checked = run_make(project, "verifier")
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("Vérification du contenu de content/") and "Le contenu peut être publié." in checked.stdout
    shown = run_make(project, "diapos", "QUAND=2026-12-12 10:00", "ECRAN=totem")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("Écran « totem », samedi 12 décembre 2026 à 10:00 (heure de Paris) :")
    wrong = run_make(project, "diapos", "QUAND=12/12/2026 10h")
    assert wrong.returncode != 0 and "écrivez 2026-12-12 10:00" in wrong.stderr
    published = run_make(project, "publier")
    assert published.returncode == 0, published.stderr
    assert "Site construit dans public/" in published.stdout and "Publié localement dans public/" in published.stdout
    for result in (checked, shown, published):
        assert not re.search(r"Done: Processed|\.venv/bin/invoke|Traceback", result.stdout + result.stderr)


def busy_port():
    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    holder.listen()
    return holder, holder.getsockname()[1]


def test_make_run_on_a_busy_port_says_which_command_to_type(project):
    holder, port = busy_port()
    with holder:
        result = run_make(project, "run", f"PORT={port}", timeout=120)
    assert result.returncode != 0
    assert (f"Impossible d'ouvrir l'aperçu sur 127.0.0.1:{port} (ce port est déjà utilisé, sans doute par un autre "
            "aperçu ou un autre serveur). Arrêtez l'autre (Ctrl+C dans son terminal) ou choisissez un autre port : "
            f"make run PORT={port + 1}") in result.stderr
    assert "Traceback" not in result.stderr


def test_invoke_serve_on_a_busy_port_says_which_command_to_type(project):
    holder, port = busy_port()
    with holder:
        result = run_invoke(project, "serve", "--port", str(port), timeout=120)
    assert result.returncode == 1
    assert f"Impossible d'ouvrir le site sur 127.0.0.1:{port} (ce port est déjà utilisé" in result.stderr
    assert f"invoke serve --port {port + 1}" in result.stderr
    assert "Traceback" not in result.stderr and "La commande n'a pas pu aboutir" not in result.stderr
