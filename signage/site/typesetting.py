"""French typography and callable emergency numbers on every page of the site.

The rule itself is core.typography (the slides use it too); the numbers' links are
site/phone_links. Here they are applied, in two places:

- `typeset_content(instance)`: Pelican `content_object_init` handler, after the
  sanitiser: the officer's body and summary, as every output gets them (pages,
  feeds, the search index);
- the Jinja filters of the theme: `{% filter typeset %}` around the whole page in
  base.html (every text node a template writes: the site's name, the hours in words,
  the events' dates, the officer's titles after `|striptags`), `|french` for text
  printed in an attribute (`og:title`, `alt`), `|emergency_href` for a number's link.

Both are idempotent: text already typeset is left as it is.
"""

from __future__ import annotations

from functools import lru_cache

from markupsafe import Markup

from signage.core import typography
from signage.site import phone_links


@lru_cache(maxsize=65536)
def _links(escaped: str, in_link: bool) -> str:
    return phone_links.link_numbers(escaped, in_link)


@lru_cache(maxsize=4096)
def typeset_html(fragment: str) -> str:
    """An HTML fragment (a body, a whole page) typeset, its emergency numbers made links."""
    if not fragment:
        return fragment
    return typography.typeset(fragment, extra=_links)


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


def _typeset_filter(value) -> Markup:
    return Markup(typography.typeset(str(value), extra=_links))


def _french_filter(value) -> str:
    return typography.french(str(value)) if value else value


def register_filters(settings: dict) -> None:
    settings["JINJA_FILTERS"] = {**settings.get("JINJA_FILTERS", {}),
                                 "typeset": _typeset_filter,
                                 "french": _french_filter,
                                 "emergency_href": phone_links.href}
