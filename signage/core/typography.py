"""French typography: the one rule for the site's text and the slides' text.

`french(text)` takes plain text and gives it back as French print wants it:

- the typographic apostrophe between letters (« aujourd’hui », « Point d’accueil »);
- a narrow no-break space (U+202F) before « ; ! ? », a no-break space (U+00A0)
  before « : » (added when the space is missing after a word: « Attention: » →
  « Attention : »), inside « guillemets » and ‹ › ;
- a no-break space between a number and « h » and inside « 14 h 30 » (« 19 h » never
  breaks), around the dash of a time range (« 10 h – 17 h » stays on one line), and
  before « % » and « € »;
- a narrow no-break space between groups of thousands (« 40 000 »).

Addresses are left as written: a web address (`https://…`, `www.…`, `masecurite.interieur.gouv.fr/…`),
an e-mail address or an entity written as text (« &lt; ») is never changed. The rule is idempotent: `french(french(t)) == french(t)`.

In HTML, where markup is allowed (never on a slide, in an attribute or a `<title>`),
`markup(escaped)` also puts the ordinals in superscript (« 1<sup>er</sup> », « 2<sup>e</sup> »)
and a time range in `<span class="vitrine-nowrap">` (a browser may break a line after
« – » even before a no-break space; the theme's CSS forbids it there). `typeset(html)`
applies all this to every text node of an HTML fragment, never inside code, preformatted
text, scripts, styles or attributes (core.html_text).

Plain: no Pelican, no HTML parser beyond core.html_text. Evaluated and not used (see
docs/architecture.md): french-typo (edits inside <code>, no apostrophes, « 2d » in a
hash becomes a superscript), typographeur (unmaintained since 2020, turns « https:// » in
text into « https :// »), typus (Russian and English rules).
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from signage.core import html_text

NBSP = "\u00a0"
NNBSP = "\u202f"  # narrow no-break space
_SPACES = "[ \u00a0\u202f\t]"

# Web and e-mail addresses, and text that reads like an HTML entity (« &lt; » written as such), kept
# as written (never given a no-break space or a curly apostrophe).
_ADDRESS = re.compile(
    r"&(?:[a-z]+|#\d+|#x[0-9a-f]+);"
    r"|(?:[a-z][a-z0-9+.-]*://|www\.|mailto:|tel:|sms:)[^\s<>«»\"]*[^\s<>«»\".,;:!?)]"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:fr|com|org|net|eu|gouv\.fr|info)\b(?:/[^\s<>«»\"]*[^\s<>«»\".,;:!?)])?"
    r"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,24}/[^\s<>«»\"]*[^\s<>«»\".,;:!?)]",  # any domain with a path
    re.IGNORECASE)

_RULES: tuple[tuple[re.Pattern, str], ...] = tuple((re.compile(pattern), replacement) for pattern, replacement in (
    (r"(?<=\w)'(?=\w)", "’"),
    # « ; ! ? »: a narrow no-break space before, whatever space was there (or none after a word).
    (rf"(?:{_SPACES}+|(?<=[^\W\d_]))([;!?])", NNBSP + r"\1"),
    # « : »: a no-break space before; added after a word only when a space, the end or a closing
    # guillemet follows (« 10:30 » and « https: » are left alone).
    (rf"{_SPACES}+:", NBSP + ":"),
    (r"(?<=[^\W\d_]):(?=\s|$|[»›])", NBSP + ":"),
    (rf"([«‹]){_SPACES}*", r"\1" + NBSP),
    (rf"{_SPACES}*([»›])", NBSP + r"\1"),
    # Hours: « 9 h », « 14 h 30 » (« 10h30 » too), and a range's dash between two times.
    (rf"(?<=\d){_SPACES}?h{_SPACES}?(?=\d\d\b)", NBSP + "h" + NBSP),
    (rf"(?<=\d){_SPACES}?h\b", NBSP + "h"),
    (rf"(?<=\d{NBSP}h){_SPACES}?–{_SPACES}?(?=\d)", NBSP + "–" + NBSP),
    (rf"(?<=\d{NBSP}h{NBSP}\d\d){_SPACES}?–{_SPACES}?(?=\d)", NBSP + "–" + NBSP),
    (rf"(?<=\d){_SPACES}?([%€])", NBSP + r"\1"),
    # « 40 000 »: groups of thousands.
    (rf"\b(\d{{1,3}})[ {NBSP}](?=\d{{3}}\b)", r"\1" + NNBSP),
))
_ORDINAL = re.compile(r"\b(1)(er|re|ers|res)\b|\b([2-9]|[1-9]\d{1,2})(e|es)\b")
_TIME = rf"\d{{1,2}}{NBSP}h(?:{NBSP}\d\d)?"
_TIME_RANGE = re.compile(rf"{_TIME}{NBSP}–{NBSP}{_TIME}")
NOWRAP = "vitrine-nowrap"


def _french_words(text: str) -> str:
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


# What every address above holds (an entity's « & », an e-mail's « @ », a scheme's « https: » or
# « mailto: », « www. », a domain's dot between two letters or digits): text without any of these
# (most of a page) is searched no further.
_MAY_HOLD_ADDRESS = re.compile(r"[&@]|[\w+.-]:|[\w-]\.\w|www\.")


def _outside_addresses(text: str, rule) -> str:
    """`rule` applied to the text between addresses, the addresses kept as they are."""
    if not _MAY_HOLD_ADDRESS.search(text):  # most text: one cheap scan instead of the address search
        return rule(text)
    pieces, last = [], 0
    for match in _ADDRESS.finditer(text):
        pieces.append(rule(text[last:match.start()]))
        pieces.append(match.group())
        last = match.end()
    pieces.append(rule(text[last:]))
    return "".join(pieces)


@lru_cache(maxsize=65536)
def french(text: str) -> str:
    """Plain text with French typography (see the module docstring); idempotent."""
    if not text:
        return text
    return _outside_addresses(text, _french_words)


@lru_cache(maxsize=65536)
def markup(escaped: str) -> str:
    """HTML text (typeset, escaped) with its ordinals in superscript (« 1<sup>er</sup> janvier ») and
    its time ranges kept on one line (« <span class="vitrine-nowrap">10 h – 17 h</span> »)."""
    def rule(part: str) -> str:
        part = _ORDINAL.sub(lambda m: f"{m.group(1) or m.group(3)}<sup>{m.group(2) or m.group(4)}</sup>", part)
        return _TIME_RANGE.sub(lambda m: f'<span class="{NOWRAP}">{m.group()}</span>', part)

    return _outside_addresses(escaped, rule)


def escape_text(text: str) -> str:
    """Text for an HTML text node: only & < > escaped (quotes need none there)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@lru_cache(maxsize=65536)
def typeset_text(raw: str, with_markup: bool = True) -> str:
    """One HTML text node (as written, entities included) with French typography."""
    typeset = escape_text(french(html.unescape(raw)))
    return markup(typeset) if with_markup else typeset


def typeset(fragment: str, extra=None) -> str:
    """An HTML fragment with French typography in every text node (see the module docstring).

    `extra(escaped, in_link)` may change a text node further (the site's phone links); it gets
    the typeset node and whether it lies inside a link (or a whole-card link).
    """
    def node(raw: str, where: html_text.Where) -> str:
        if where.raw_text or NOWRAP in where.classes:  # <title>, <option>; a range already kept whole
            return typeset_text(raw, with_markup=False)
        text = typeset_text(raw)
        return extra(text, where.in_link) if extra is not None else text

    return html_text.map_text(fragment, node)
