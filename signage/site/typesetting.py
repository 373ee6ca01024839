"""French typography and callable emergency numbers on every page of the site.

The rule itself is core.typography (the slides use it too); the numbers' links are
site/phone_links. Here they are applied, in two places:

- `typeset_content(instance)`: Pelican `content_object_init` handler, after the
  sanitiser: the officer's body and summary, as every output gets them (pages,
  feeds, the search index);
- the Jinja filters of the theme: `{% filter typeset %}` around the whole page in
  base.html (every text node a template writes: the site's name, the hours in words,
  the events' dates, the officer's titles after `|striptags`), `|french` for text
  printed in an attribute (`og:title`, `alt`), `|emergency_href` for a number's link,
  `|typeset_done` around a body `typeset_content` has typeset already (the page's
  filter leaves it as it is rather than typesetting it twice).

Both are idempotent: text already typeset is left as it is.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup

from signage.core import memo, typography
from signage.site import phone_links


@lru_cache(maxsize=65536)
def _links(escaped: str, in_link: bool) -> str:
    return phone_links.link_numbers(escaped, in_link)


def typeset_html(fragment: str) -> str:
    """An HTML fragment (a body, a summary) typeset, its emergency numbers made links; kept between
    builds (`core.memo`, whose version names Vitrine's source, so the rules themselves)."""
    if not fragment:
        return fragment
    return memo.memo("typeset").get(memo.key_of(fragment), lambda: typography.typeset(fragment, extra=_links))


def typeset_content(instance) -> None:
    """Pelican `content_object_init` handler: the body and the summary typeset in place."""
    body = getattr(instance, "_content", None)
    if isinstance(body, str):
        instance._content = typeset_html(body)
    summary = instance.metadata.get("summary") if hasattr(instance, "metadata") else None
    if isinstance(summary, str):
        instance.metadata["summary"] = typeset_html(summary)
        if hasattr(instance, "_summary"):
            instance._summary = instance.metadata["summary"]


# `|typeset_done` marks a body typeset already (by `typeset_content`, kept between builds): the page's
# `typeset` filter sets it aside and puts it back untouched, instead of typesetting it again (text
# already typeset is left as it is, so the page is the same, in a fraction of the time). The
# sanitiser removes every comment from a body, so a body never holds these marks itself.
_DONE_START, _DONE_END = "<!--vitrine:typeset-->", "<!--/vitrine:typeset-->"
_DONE = re.compile(f"{re.escape(_DONE_START)}(.*?){re.escape(_DONE_END)}", re.DOTALL)


def _typeset_done_filter(value) -> Markup:
    return Markup(f"{_DONE_START}{value}{_DONE_END}") if value else value


# One part of a page (head, header, main, footer) typeset, kept between builds: an unchanged page costs
# a look-up; a header or footer the same on many pages is typeset once. Enough entries for every part
# of a site of a few thousand pages; a part written without its body (set aside, see above).
PAGE_PARTS_KEPT = 8_000


def _typeset_filter(value) -> Markup:
    page = str(value)
    key = memo.key_of(page)
    nonce = key.hex()  # names this part's place-holders: no text can name one (it would hold its own digest)
    held: list[str] = []

    def hold(match: re.Match) -> str:
        held.append(match.group(1))
        return f"<!--vitrine:held:{nonce}:{len(held) - 1}-->"

    set_aside = _DONE.sub(hold, page)
    typeset = memo.memo("typeset-page", limit=PAGE_PARTS_KEPT).get(
        key, lambda: typography.typeset(set_aside, extra=_links))
    if not held:
        return Markup(typeset)
    return Markup(re.sub(rf"<!--vitrine:held:{nonce}:(\d+)-->", lambda match: held[int(match.group(1))], typeset))


def _french_filter(value) -> str:
    return typography.french(str(value)) if value else value


def register_filters(settings: dict) -> None:
    settings["JINJA_FILTERS"] = {**settings.get("JINJA_FILTERS", {}),
                                 "typeset": _typeset_filter,
                                 "typeset_done": _typeset_done_filter,
                                 "french": _french_filter,
                                 "emergency_href": phone_links.href}
