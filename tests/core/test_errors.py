"""One error hierarchy: every Vitrine error is a French message that ends a program without a traceback."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

from signage.core.errors import (
    BuildFailed,
    CommandError,
    ContentErrors,
    InternalError,
    Problem,
    SettingsError,
    SetupError,
    VitrineError,
)
from signage.workflow.new import NewContentError
from signage.workflow.slide_preview import PreviewError

KINDS = [ContentErrors, SettingsError, SetupError, InternalError, BuildFailed, CommandError, NewContentError,
         PreviewError]


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_is_a_vitrine_error_that_pelicans_cli_lets_through(kind):
    # Pelican's command line logs any Exception with its traceback; a SystemExit goes through,
    # and Python prints its message and exits with status 1.
    assert issubclass(kind, VitrineError) and issubclass(kind, SystemExit)
    assert not issubclass(kind, Exception)


def test_the_message_is_the_exit_code_and_the_report():
    problem = Problem("content/prevention/x.md", "Slide_until", "Slide_until « x » n'est pas une date valide", 7)
    errors = ContentErrors([problem])
    assert errors.code == str(errors) == ("1 erreur dans le contenu :\n"
                                          "  - content/prevention/x.md:7: Slide_until « x » n'est pas une date valide")
    stopped = ContentErrors([problem], "La construction s'est arrêtée avant d'écrire le moindre fichier dans out/.")
    assert str(stopped) == f"{errors}\nLa construction s'est arrêtée avant d'écrire le moindre fichier dans out/."
    assert errors.problems == [problem]
    failed = BuildFailed("La construction a échoué.", [problem], kept="Le site déjà construit dans output/ "
                                                                      "n'a pas été modifié.")
    assert failed.report() == ("\nLa construction a échoué.\n\nLe site déjà construit dans output/ "
                               "n'a pas été modifié.")
    assert NewContentError("titre vide").report() == "Rien n'a été créé : titre vide"
    assert PreviewError("--at « x »").report() == "Aperçu impossible : --at « x »"
    assert PreviewError("ignored", [problem]).report() == (f"{errors}\nAperçu impossible tant que ces erreurs "
                                                           "restent : corrigez-les d'abord.")


def test_no_bare_system_exit_is_raised_from_library_code():
    found = [f"{path.relative_to(ROOT)}:{number}"
             for path in sorted((ROOT / "signage").rglob("*.py"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
             if re.search(r"\braise SystemExit\b", line)]
    assert found == []
