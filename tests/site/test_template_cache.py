"""site.template_cache: compiled templates kept between builds are never stale nor read from content."""

from __future__ import annotations

import jinja2
from jinja2 import Environment, FileSystemLoader, pass_context

from signage.site import template_cache


def _plain(value):
    return f"[{value}]"


@pass_context
def _with_context(context, value):
    return f"[{value} on {context['page']}]"


def _render(settings: dict, folder) -> str:
    """One build: install the cache, then render the template as Pelican's generators do."""
    settings = {**settings, "JINJA_ENVIRONMENT": {}}
    template_cache.install(settings)
    environment = Environment(loader=FileSystemLoader(str(folder)), **settings["JINJA_ENVIRONMENT"])
    environment.filters.update(settings["JINJA_FILTERS"])
    return environment.get_template("page.html").render(page="accueil", title="Bonjour")


def test_a_filter_that_now_takes_the_context_is_compiled_again(tmp_path):
    templates = tmp_path / "theme"
    templates.mkdir()
    (templates / "page.html").write_text("{{ title|mark }}", encoding="utf-8")
    settings = {"SIGNAGE_CACHE_PATH": str(tmp_path / "cache"), "PATH": str(tmp_path / "content")}
    assert _render({**settings, "JINJA_FILTERS": {"mark": _plain}}, templates) == "[Bonjour]"
    assert list((tmp_path / "cache" / "jinja").rglob("*.cache"))  # the compiled template is kept
    assert _render({**settings, "JINJA_FILTERS": {"mark": _with_context}}, templates) == "[Bonjour on accueil]"


def test_the_folder_names_the_versions_of_jinja_and_pelican(tmp_path, monkeypatch):
    settings = {"JINJA_ENVIRONMENT": {}, "JINJA_FILTERS": {"mark": _plain}}
    before = template_cache.compiled_with(settings)
    monkeypatch.setattr(jinja2, "__version__", "9.9")
    assert template_cache.compiled_with(settings) != before


def test_no_compiled_code_is_read_from_inside_the_content_folder(tmp_path):
    settings = {"SIGNAGE_CACHE_PATH": str(tmp_path / "content" / ".cache"), "PATH": str(tmp_path / "content"),
                "JINJA_ENVIRONMENT": {}, "JINJA_FILTERS": {}}
    template_cache.install(settings)
    assert "bytecode_cache" not in settings["JINJA_ENVIRONMENT"]
    assert not (tmp_path / "content" / ".cache").exists()


def test_a_damaged_compiled_template_is_compiled_again(tmp_path):
    """Found by an outsider: flipped bytes in .cache/…/jinja made every build blame a correct page's Template."""
    templates = tmp_path / "theme"
    templates.mkdir()
    (templates / "page.html").write_text("{{ title|mark }} {{ 40 + 2 }}", encoding="utf-8")
    settings = {"SIGNAGE_CACHE_PATH": str(tmp_path / "cache"), "PATH": str(tmp_path / "content"),
                "JINJA_FILTERS": {"mark": _plain}}
    assert _render(settings, templates) == "[Bonjour] 42"
    [compiled] = list((tmp_path / "cache" / "jinja").rglob("*.cache"))
    data = bytearray(compiled.read_bytes())
    for offset in range(40, len(data), max(1, len(data) // 10)):
        data[offset] ^= 0xFF
    compiled.write_bytes(bytes(data))
    assert _render(settings, templates) == "[Bonjour] 42"
    compiled.write_bytes(bytes(data[: len(data) // 2]))  # torn
    assert _render(settings, templates) == "[Bonjour] 42"


def test_a_cache_folder_that_cannot_be_made_leaves_templates_compiled_in_memory(tmp_path):
    """Found by an outsider: a read-only cache stopped plain `pelican` with a traceback."""
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    settings = {"SIGNAGE_CACHE_PATH": str(blocked / "cache"), "PATH": str(tmp_path / "content")}
    template_cache.install(settings)
    assert "bytecode_cache" not in (settings.get("JINJA_ENVIRONMENT") or {})
