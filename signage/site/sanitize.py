"""Sanitising the HTML of every article and page (raw HTML is allowed in Markdown).

nh3 (Rust's ammonia) keeps what Markdown and the DSFR classes legitimately
need and drops the rest: no <script>/<style>/<iframe>, no on* attributes, no
javascript: (or data:) URLs. It runs on each content object as Pelican creates
it, before templates see it, so no page, feed or slide can carry the dropped
markup. Pelican's `{filename}`/`{static}` link placeholders are relative URLs
and pass through untouched; they are resolved later by Pelican. Links lose any
`target` (a new window the officer's HTML cannot announce, RGAA 13.2, and an
opener the new page could use): every link opens in place. A link left without
an address (its `javascript:` one removed) is unwrapped, its text kept: the
DSFR greys out an `<a>` without `href`, as a disabled link nobody can read well.

Titles are plain text: `clean_title` keeps their text, drops any tag and gives
it back HTML-escaped, so `{{ article.title }}` is safe in an element (the
templates still escape it again after `|striptags` for attributes).
"""

from __future__ import annotations

import re
from functools import lru_cache

import nh3

# What Markdown (extra, toc, sane_lists) and an officer's hand-written HTML need.
TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup",
    "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
    "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "wbr",
}
# Attributes every kept tag may carry (class: DSFR classes such as fr-callout, fr-table).
GENERIC_ATTRIBUTES = {"class", "id", "title", "lang", "dir", "aria-hidden", "aria-label"}
ATTRIBUTES = {
    "a": {"href", "hreflang", "rel", "download"},
    "img": {"src", "alt", "width", "height", "loading", "decoding", "srcset", "sizes"},
    "td": {"colspan", "rowspan", "headers"},
    "th": {"colspan", "rowspan", "headers", "scope", "abbr"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "time": {"datetime"},
    "abbr": {"title"},
    "details": {"open"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Tags removed together with everything inside them.
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "noscript"}


# nh3's output: attribute values double-quoted, « > » escaped in them, no <a> inside an <a>.
_ANCHOR = re.compile(r"<a\b([^>]*)>|</a>")
_ATTRIBUTE = re.compile(r'([\w:-]+)(?:="([^"]*)")?')


def _unwrap_dead_links(html: str) -> str:
    """Each <a> without href becomes its content (a <span> when it carries an id, class or lang)."""
    if "<a" not in html:
        return html
    parts: list[str] = []
    closing: list[str] = []
    position = 0
    for match in _ANCHOR.finditer(html):
        parts.append(html[position:match.start()])
        position = match.end()
        if match.group(0) == "</a>":
            parts.append(closing.pop() if closing else "")
            continue
        attributes = dict(_ATTRIBUTE.findall(match.group(1)))
        if "href" in attributes:
            parts.append(match.group(0))
            closing.append("</a>")
            continue
        kept = "".join(f' {name}="{value}"' for name, value in attributes.items() if name in GENERIC_ATTRIBUTES)
        parts.append(f"<span{kept}>" if kept else "")
        closing.append("</span>" if kept else "")
    parts.append(html[position:])
    return "".join(parts)


def _allowed_attributes() -> dict[str, set[str]]:
    attributes = {tag: set(names) | GENERIC_ATTRIBUTES for tag, names in ATTRIBUTES.items()}
    attributes["*"] = set(GENERIC_ATTRIBUTES)
    for tag in TAGS:
        attributes.setdefault(tag, set(GENERIC_ATTRIBUTES))
    return attributes


_ATTRIBUTES = _allowed_attributes()


@lru_cache(maxsize=8192)
def clean(html: str) -> str:
    """Return `html` with only the allowed markup left (memoised: the live preview cleans every
    unchanged body again at each build)."""
    if not html:
        return html
    return _unwrap_dead_links(nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        strip_comments=True,
        link_rel=None,  # rel is the officer's (allowed above); no target is kept to need one
    ))


@lru_cache(maxsize=8192)
def clean_title(title: str) -> str:
    """A title as HTML-escaped text: tags (and script/style contents) dropped, spaces folded.

    `x &lt;b&gt;` stays `x &lt;b&gt;` (shown as « x <b> »); `x <img onerror=…>` becomes `x`.
    """
    if not title:
        return title
    return re.sub(r"\s+", " ", nh3.clean(title, tags=set(), strip_comments=True)).strip()


def sanitize_content(instance) -> None:
    """Pelican `content_object_init` handler: clean the body, the summary and the title in place.

    `metadata["title"]` keeps the text as written (slides read metadata through
    `signage.metadata.raw` and make their own plain text).
    """
    title = getattr(instance, "title", None)
    if isinstance(title, str):
        instance.title = clean_title(title)
    body = getattr(instance, "_content", None)
    if isinstance(body, str):
        instance._content = clean(body)
    summary = instance.metadata.get("summary") if hasattr(instance, "metadata") else None
    if isinstance(summary, str):
        cleaned = clean(summary)
        instance.metadata["summary"] = cleaned
        if hasattr(instance, "_summary"):
            instance._summary = cleaned
