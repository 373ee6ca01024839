"""The metadata header of a Markdown file, read as Pelican's Markdown reader reads it.

`Key: value` lines at the top of the file (Python-Markdown's `meta` extension:
a key of letters, digits, `_` or `-`, at most three spaces before it; a line
indented by four spaces continues the previous value; an optional `---` first
line; the header ends at the first blank line, `---` / `...`, or any other
line). Used to point the officer at a line (`field_line`), to see the keys as
they were typed (case and all, which Pelican lowercases) and to find the end
of the header. Never raises: an unreadable file has an empty header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_BEGIN = re.compile(r"^-{3}(\s.*)?$")
_END = re.compile(r"^(-{3}|\.{3})(\s.*)?$")
_FIELD = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)$")
_MORE = re.compile(r"^[ ]{4,}(?P<value>.*)$")


@dataclass(frozen=True)
class HeaderField:
    key: str  # as written, e.g. « Slide_Until »
    value: str
    line: int


@dataclass
class Header:
    fields: list[HeaderField] = field(default_factory=list)
    end: int | None = None  # the header's last line (None: no header)

    def get(self, key: str) -> HeaderField | None:
        """The first field named `key`, case ignored (Pelican keeps the first too)."""
        wanted = key.lower()
        return next((item for item in self.fields if item.key.lower() == wanted), None)


def _header_lines(handle) -> list[str]:
    """The file's lines up to its first empty one (the header and the line after it), not the body."""
    lines = []
    for line in handle:  # universal newlines: the lines Pelican and Markdown see
        lines.append(line.rstrip("\n"))
        if not lines[-1].strip():
            break
    return lines


def read_header(path) -> Header:
    header = Header()
    try:
        with open(path, encoding="utf-8-sig") as handle:
            lines = _header_lines(handle)
    except (OSError, UnicodeDecodeError):
        return header
    start = 1 if lines and _BEGIN.match(lines[0]) else 0
    for number, text in enumerate(lines[start:], start=start + 1):
        if not text.strip() or _END.match(text):
            break
        found = _FIELD.match(text)
        if found:
            header.fields.append(HeaderField(found["key"], found["value"].strip(), number))
        elif _MORE.match(text) and header.fields:
            last = header.fields[-1]
            header.fields[-1] = HeaderField(last.key, f"{last.value} {text.strip()}".strip(), last.line)
        else:
            break
        header.end = number
    return header


def field_line(path, key: str | None) -> int | None:
    """The line of `Key:` in the file's header, or None."""
    if not key:
        return None
    found = read_header(path).get(key)
    return found.line if found else None


def line_containing(path, needle: str) -> int | None:
    """The first line of the whole file that contains `needle` (a link in the text), or None."""
    if not needle:
        return None
    try:
        with open(path, encoding="utf-8-sig") as handle:
            for number, text in enumerate(handle, start=1):
                if needle in text:
                    return number
    except (OSError, UnicodeDecodeError):
        return None
    return None
