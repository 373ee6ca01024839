"""Publish and build failures: the rsync target quoted, crashes told in French without a traceback."""

from __future__ import annotations

import shlex
from types import SimpleNamespace

import pytest
from conftest import ROOT

# --- 9. publish and build: quoting, no traceback ---------------------------------------------------


def test_publish_quotes_the_rsync_destination(monkeypatch, tmp_path):
    import pelican.settings

    import tasks

    built = tmp_path / "mon build"
    destination = "gendarme@serveur:/var/www/site; touch /tmp/pirate"
    monkeypatch.setattr(pelican.settings, "read_settings", lambda path: {"PUBLISH_RSYNC_TARGET": destination})
    monkeypatch.setattr(tasks, "_build", lambda settings_file, target: built)
    commands = []
    context = SimpleNamespace(run=lambda command, **kwargs: commands.append(command))
    tasks.publish.body(context)
    (command,) = commands
    assert shlex.split(command)[-2:] == [f"{built}/", destination]


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
