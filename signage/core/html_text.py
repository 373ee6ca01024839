"""The text nodes of an HTML document or fragment, each changed by a function, the markup untouched.

`map_text(html, change)` calls `change(raw, where)` for every run of text between
tags (entities as written) and puts back what it returns; tags, attributes,
comments, doctypes and the contents of `<script>`, `<style>`, `<code>`, `<pre>`,
`<kbd>`, `<samp>`, `<var>`, `<textarea>`, `<svg>` and `<math>` are never passed.
`where` says whether the text lies in an element whose content is plain text
(`<title>`, `<option>`: no markup may be added), whether it lies in a link
(`<a>`, `<button>`, or an element of class `fr-enlarge-link`, whose link covers
it: no link may be added inside), and the classes of its own element.

A small tokenizer rather than an HTML parser: the pages are Vitrine's own templates
and bodies already cleaned by nh3 (site/sanitize), and it runs on every page of the
site (about ten times faster than html.parser on a page).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A comment, a doctype or processing instruction, or a tag (quoted attribute values may hold « > »):
# for a tag, group 1 is « / » when it closes, group 2 its name, group 3 its attributes.
_TOKEN = re.compile(r"<!--.*?-->|<![^>]*>|<\?[^>]*>|<(/?)([A-Za-z][^\s/>]*)((?:[^>\"']+|\"[^\"]*\"|'[^']*')*)>",
                    re.S)
_CLASS = re.compile(r"""\sclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_NO_CLASSES: frozenset = frozenset()

SKIPPED = frozenset({"script", "style", "code", "pre", "kbd", "samp", "var", "textarea", "svg", "math"})
PLAIN = frozenset({"title", "option"})
LINKS = frozenset({"a", "button"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                  "track", "wbr"})
WHOLE_LINK_CLASS = "fr-enlarge-link"


@dataclass(frozen=True)
class Where:
    raw_text: bool  # inside <title> or <option>: text only
    in_link: bool  # inside a link, a button, or a DSFR block made one link (fr-enlarge-link)
    classes: frozenset = frozenset()  # the classes of the element holding the text


def map_text(document: str, change) -> str:
    """`document` with each text node replaced by `change(raw, where)` (see the module docstring)."""
    out: list[str] = []  # the document's pieces up to `kept`, with the changed text nodes
    kept = 0  # how far `document` is copied into `out`
    stack: list[tuple[str, bool, frozenset]] = []  # (tag name, makes a link zone, classes)
    skipped = plain = links = 0
    position = 0

    def text_node(start: int, end: int) -> None:
        nonlocal kept
        text = document[start:end]
        if skipped or not text.strip():
            return
        new = change(text, Where(plain > 0, links > 0, stack[-1][2] if stack else _NO_CLASSES))
        if new != text:
            out.append(document[kept:start])
            out.append(new)
            kept = end

    while (match := _TOKEN.search(document, position)) is not None:  # from `position`: never inside raw text
        start = match.start()
        if start > position:
            text_node(position, start)
        position = match.end()
        name = match.group(2)
        if name is None:  # a comment, a doctype, a processing instruction
            continue
        name = name.lower()
        if match.group(1):  # a closing tag
            for index in range(len(stack) - 1, -1, -1):  # close up to the matching open element
                if stack[index][0] == name:
                    for closed, zone, _classes in stack[index:]:
                        skipped -= closed in SKIPPED
                        plain -= closed in PLAIN
                        links -= zone
                    del stack[index:]
                    break
            continue
        attributes = match.group(3)
        if name in VOID or attributes.endswith("/"):
            continue
        found = _CLASS.search(attributes) if "class" in attributes.lower() else None
        classes = frozenset("".join(c or "" for c in found.groups()).split()) if found else _NO_CLASSES
        zone = name in LINKS or WHOLE_LINK_CLASS in classes
        stack.append((name, zone, classes))
        skipped += name in SKIPPED
        plain += name in PLAIN
        links += zone
        if name in ("script", "style", "textarea"):
            # Raw text up to the closing tag: never tokenised (a « < » in a script is no tag).
            end = re.compile(rf"</{name}\s*>", re.I).search(document, position)
            position = end.start() if end else len(document)
    if position < len(document):
        text_node(position, len(document))
    out.append(document[kept:])
    return "".join(out)
