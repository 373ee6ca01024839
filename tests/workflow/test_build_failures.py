"""Build failures: crashes told in French without a traceback."""

from __future__ import annotations

import pytest
from conftest import ROOT

# --- build: no traceback (publishing's quoting: tests/workflow/test_publish.py) ---------------------------


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
