"""Markdown converted once per text: Pelican's Markdown reader, its conversions kept between builds.

Pelican converts every Markdown file at every build (a quarter of a warm build at
1,000 articles). `MemoMarkdownReader` is Pelican's own `MarkdownReader`, whose
conversions (the body, and each formatted header field such as `Summary`) are kept
in a `core.memo` keyed by the text, the `MARKDOWN` settings, the versions of
Markdown and Pelican and the files of any other extension (`fingerprint`): an
unchanged file gives back the same HTML without running Markdown. Pelican's own code still reads the file and processes every header value
(dates, categories, slugs...), so what it makes of a cached file is what it makes of
a new one. `readers_init` installs it for every Markdown extension.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import markdown
import pelican
from pelican.readers import MarkdownReader, pelican_open

from signage.core import memo

_EXTENSIONS = ("md", "markdown", "mkd", "mdown")


def _extension_sources(extensions) -> list[tuple[str, str, int, int]]:
    """Each extension's module file, its size and modification time (an upgraded extension package
    changes them); Markdown's own extensions are named by Markdown's version."""
    found = []
    for extension in extensions:
        name = extension if isinstance(extension, str) else type(extension).__module__
        module_name = name.split(":")[0]
        if module_name.split(".")[0] == "markdown":
            continue
        try:
            path = Path(getattr(importlib.import_module(module_name), "__file__", "") or "")
        except ImportError:  # Markdown itself says so when it loads the extension
            path = Path()
        stat = path.stat() if path.is_file() else None
        found.append((module_name, str(path), stat.st_size if stat else 0, stat.st_mtime_ns if stat else 0))
    return sorted(found)


def fingerprint(settings: dict) -> str:
    """What Markdown's HTML depends on besides the text: the `MARKDOWN` settings (extensions and
    their options, output format), the versions of Markdown and Pelican,
    and the module file of each extension that does not come with Markdown."""
    return repr((sorted((name, repr(value)) for name, value in settings.items()),
                 _extension_sources(settings.get("extensions", [])), markdown.__version__, pelican.__version__))


class _Conversions:
    """Stands for the Markdown object in Pelican's `_parse_metadata`: formatted fields from the memo."""

    def __init__(self, reader: MemoMarkdownReader):
        self._reader = reader
        self.preprocessors = self  # `deregister("meta")`: nothing to do, no Markdown runs here

    def deregister(self, _name, strict=True):
        return None

    def reset(self):
        return self

    def convert(self, text: str) -> str:
        return self._reader.convert(text)


class MemoMarkdownReader(MarkdownReader):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._fingerprint = fingerprint(self.settings["MARKDOWN"])
        self._memo = memo.memo("markdown", version="1")
        self._converters: dict[bool, markdown.Markdown] = {}

    def convert(self, text: str, with_meta: bool = False):
        """Markdown's HTML for `text` (and, with_meta, the header Markdown's `meta` extension read)."""
        def make():
            converter = self._converter(with_meta)
            html = converter.convert(text)
            return html, getattr(converter, "Meta", None)

        html, meta = self._memo.get(memo.key_of(self._fingerprint, "meta" if with_meta else "", text), make)
        return (html, meta) if with_meta else html

    def _converter(self, with_meta: bool) -> markdown.Markdown:
        """One Markdown object per kind of text, reset before each use (as Pelican does for header
        fields): making one costs more than converting a 400-word article."""
        converter = self._converters.get(with_meta)
        if converter is None:
            converter = self._converters[with_meta] = markdown.Markdown(**self.settings["MARKDOWN"])
            if not with_meta:  # a formatted header field: no header inside it (as Pelican does)
                converter.preprocessors.deregister("meta")
        return converter.reset()

    def read(self, source_path):
        self._source_path = source_path
        with pelican_open(source_path) as text:
            content, meta = self.convert(text, with_meta=True)
        if meta is None:
            return content, {}
        self._md = _Conversions(self)
        # A copy: Pelican's processing must not change the memo's entry.
        return content, self._parse_metadata({name: list(values) for name, values in meta.items()})


def install(readers) -> None:
    """Pelican `readers_init` handler."""
    for extension in _EXTENSIONS:
        if readers.reader_classes.get(extension) is MarkdownReader:
            readers.reader_classes[extension] = MemoMarkdownReader
