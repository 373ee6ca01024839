"""site.markdown_memo: a memoised conversion is what Pelican's own reader makes, and never stale."""

from __future__ import annotations

import copy
import sys
from pathlib import Path

import markdown
import pytest
from pelican.readers import MarkdownReader
from pelican.settings import read_settings

from signage.core import memo
from signage.site.markdown_memo import MemoMarkdownReader

ROOT = Path(__file__).resolve().parents[2]
TEXT = "Title: Essai\nSummary: Un *résumé*\n\n## Horaires\n\nVenez [nous voir](https://example.org).\n"


@pytest.fixture
def settings(tmp_path):
    memo.configure(None)
    memo.configure(tmp_path / "cache", tmp_path / "content")
    yield read_settings(str(ROOT / "pelicanconf.py"))
    memo.configure(None)


def _read(reader_class, settings, path):
    return reader_class(copy.deepcopy(settings)).read(str(path))


def _next_build(tmp_path):
    """A new build process: the memos saved, then read again from disk."""
    memo.save_all()
    memo.configure(None)
    memo.configure(tmp_path / "cache", tmp_path / "content")


def test_every_sample_file_reads_as_with_pelicans_reader(settings, tmp_path):
    files = sorted((ROOT / "content").rglob("*.md"))
    assert len(files) > 5
    for build in ("made", "given back by the memo of the earlier build"):
        if build != "made":
            _next_build(tmp_path)
        for path in files:
            assert _read(MemoMarkdownReader, settings, path) == _read(MarkdownReader, settings, path), (build, path)
    assert memo.memo("markdown").hits >= len(files) and memo.memo("markdown").misses == 0


def test_a_changed_markdown_setting_is_not_served_stale_html(settings, tmp_path):
    page = tmp_path / "page.md"
    page.write_text(TEXT, encoding="utf-8")
    before, _meta = _read(MemoMarkdownReader, settings, page)
    _next_build(tmp_path)
    settings["MARKDOWN"]["extension_configs"]["markdown.extensions.toc"] = {"permalink": True}
    after, _meta = _read(MemoMarkdownReader, settings, page)
    assert after == _read(MarkdownReader, settings, page)[0] != before
    assert "headerlink" in after


def test_another_markdown_version_converts_again(settings, tmp_path, monkeypatch):
    page = tmp_path / "page.md"
    page.write_text(TEXT, encoding="utf-8")
    _read(MemoMarkdownReader, settings, page)
    _next_build(tmp_path)
    monkeypatch.setattr(markdown, "__version__", "99.0")
    reader = MemoMarkdownReader(copy.deepcopy(settings))
    reader.read(str(page))
    assert memo.memo("markdown").misses >= 1 and memo.memo("markdown").hits == 0


EXTENSION = """
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor

class Sign(Postprocessor):
    def run(self, text):
        return text + {sign!r}

class SignExtension(Extension):
    def extendMarkdown(self, md):
        md.postprocessors.register(Sign(md), "sign", 0)

def makeExtension(**kwargs):
    return SignExtension(**kwargs)
"""


def test_an_upgraded_extension_is_not_served_stale_html(settings, tmp_path, monkeypatch):
    package = tmp_path / "extensions"
    package.mkdir()
    module = package / "vitrine_test_sign.py"
    module.write_text(EXTENSION.format(sign="<!-- v1 -->"), encoding="utf-8")
    monkeypatch.syspath_prepend(str(package))
    settings["MARKDOWN"]["extensions"] = ["vitrine_test_sign"]
    page = tmp_path / "page.md"
    page.write_text(TEXT, encoding="utf-8")
    assert _read(MemoMarkdownReader, settings, page)[0].endswith("<!-- v1 -->")
    _next_build(tmp_path)
    module.write_text(EXTENSION.format(sign="<!-- version 2 -->"), encoding="utf-8")
    sys.modules.pop("vitrine_test_sign", None)  # a new process imports the new file
    assert _read(MemoMarkdownReader, settings, page)[0].endswith("<!-- version 2 -->")
    sys.modules.pop("vitrine_test_sign", None)


def test_a_changed_text_is_converted_again(settings, tmp_path):
    page = tmp_path / "page.md"
    page.write_text(TEXT, encoding="utf-8")
    _read(MemoMarkdownReader, settings, page)
    _next_build(tmp_path)
    page.write_text(TEXT.replace("Un *résumé*", "Un autre *résumé*").replace("Venez", "Passez"), encoding="utf-8")
    content, metadata = _read(MemoMarkdownReader, settings, page)
    assert "Passez" in content and metadata["summary"] == "<p>Un autre <em>résumé</em></p>"
