"""Build failures: crashes told in French without a traceback."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace

import pytest
from conftest import ROOT

from signage.core.clock import PARIS

SETTINGS = {"PATH": "content", "PUBLIC_SITEURL": "https://accueil.example.fr", "SIGNAGE_DEFAULT_DURATION": 10}


def paris(*args, fold=0):
    return datetime(*args, tzinfo=PARIS, fold=fold)


# 2026-10-25: 03:00 CEST becomes 02:00 CET; 02:00-03:00 happens twice.
FIRST_0230 = paris(2026, 10, 25, 2, 30)  # 00:30 UTC
SECOND_0215 = paris(2026, 10, 25, 2, 15, fold=1)  # 01:15 UTC, later than FIRST_0230


def article(slug="fete", status="published", **keys):
    """A stand-in for a Pelican article of the Événements category (lowercase metadata keys)."""
    return SimpleNamespace(
        metadata={key.lower(): value for key, value in keys.items()},
        source_path=f"content/evenements/{slug}.md", slug=slug, title=slug.capitalize(),
        url=f"evenements/{slug}/", save_as=f"evenements/{slug}/index.html", summary="", status=status,
        category=SimpleNamespace(name="Événements", slug="evenements"))


def slide_content(**keys):
    return SimpleNamespace(
        metadata={key.lower(): value for key, value in keys.items()}, source_path="content/alertes/x.md",
        slug="x", title="Titre", url="alertes/x/", summary="<p>Résumé</p>", date=None,
        category=SimpleNamespace(name="Alertes", slug="alertes"))


# --- 9. build: no traceback (publishing's quoting: tests/workflow/test_publish.py) ---------------------------


def crash_with(monkeypatch, exc):
    import pelican

    def run(self):
        raise exc

    monkeypatch.setattr(pelican.Pelican, "run", run)


def test_a_template_error_is_a_french_build_failure_with_file_and_line(monkeypatch, tmp_path):
    import jinja2

    from signage.workflow.build import BuildFailed, run_pelican

    monkeypatch.delenv("VITRINE_DEBUG", raising=False)
    template = ROOT / "theme" / "templates" / "article.html"
    crash_with(monkeypatch, jinja2.TemplateSyntaxError("unexpected '}'", 12, "article.html", str(template)))
    monkeypatch.chdir(tmp_path)  # the traceback log (.cache/) goes here, not into the project
    with pytest.raises(BuildFailed) as failure:
        run_pelican(str(ROOT / "pelicanconf.py"), tmp_path / "out")
    text = str(failure.value)
    assert "La construction a échoué" in text and "gabarit" in text
    assert "theme/templates/article.html:12 : erreur dans le gabarit" in text
    assert "VITRINE_DEBUG=1" in text
    assert (tmp_path / ".cache" / "live-erreurs.log").read_text(encoding="utf-8").count("Traceback") == 1


def test_any_other_crash_is_a_build_failure_unless_debugging(monkeypatch, tmp_path):
    from signage.workflow.build import BuildFailed, run_pelican

    crash_with(monkeypatch, KeyError("vitrine_hours"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VITRINE_DEBUG", raising=False)
    with pytest.raises(BuildFailed) as failure:
        run_pelican(str(ROOT / "pelicanconf.py"), tmp_path / "out")
    assert "erreur inattendue" in str(failure.value)
    monkeypatch.setenv("VITRINE_DEBUG", "1")
    with pytest.raises(KeyError):
        run_pelican(str(ROOT / "pelicanconf.py"), tmp_path / "out")
