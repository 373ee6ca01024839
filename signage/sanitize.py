"""Sanitising the HTML of every article and page (raw HTML is allowed in Markdown).

nh3 (Rust's ammonia) keeps what Markdown and the DSFR classes legitimately
need and drops the rest: no <script>/<style>/<iframe>, no on* attributes, no
javascript: (or data:) URLs. It runs on each content object as Pelican creates
it, before templates see it, so no page, feed or slide can carry the dropped
markup. Pelican's `{filename}`/`{static}` link placeholders are relative URLs
and pass through untouched; they are resolved later by Pelican.
"""

from __future__ import annotations

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
    "a": {"href", "hreflang", "rel", "target", "download"},
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


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    # target="_blank" only, and never without rel (set below by the sanitiser).
    if tag == "a" and attribute == "target" and value != "_blank":
        return None
    return value


def clean(html: str) -> str:
    """Return `html` with only the allowed markup left."""
    if not html:
        return html
    attributes = {tag: set(names) | GENERIC_ATTRIBUTES for tag, names in ATTRIBUTES.items()}
    attributes["*"] = set(GENERIC_ATTRIBUTES)
    for tag in TAGS:
        attributes.setdefault(tag, set(GENERIC_ATTRIBUTES))
    return nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=attributes,
        attribute_filter=_attribute_filter,
        url_schemes=URL_SCHEMES,
        strip_comments=True,
        link_rel=None,
    )


def sanitize_content(instance) -> None:
    """Pelican `content_object_init` handler: clean the body and the summary in place."""
    body = getattr(instance, "_content", None)
    if isinstance(body, str):
        instance._content = clean(body)
    summary = instance.metadata.get("summary") if hasattr(instance, "metadata") else None
    if isinstance(summary, str):
        cleaned = clean(summary)
        instance.metadata["summary"] = cleaned
        if hasattr(instance, "_summary"):
            instance._summary = cleaned
