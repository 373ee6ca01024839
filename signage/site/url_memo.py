"""Each content's URL computed once per build, not at every mention.

Pelican recomputes `article.url` and `save_as` at every access (a format of the
settings with every metadata field); a listing, a feed or a « Dans la même
rubrique » list asks for the same URLs thousands of times. Once every generator
has read everything (`all_generators_finalized`), nothing moves a content
any more: `freeze(context)` gives each content object a memo that the patched
`Content.get_url_setting` fills on first use. Objects without the memo (during
reading, in tests) compute as Pelican does.
"""

from __future__ import annotations

from pelican.contents import Content

_MEMO = "_vitrine_urls"


def _install() -> None:
    original = Content.get_url_setting
    if getattr(original, "_vitrine_memo", False):
        return

    def get_url_setting(self, key: str) -> str:
        memo = self.__dict__.get(_MEMO)
        if memo is None:
            return original(self, key)
        value = memo.get(key)
        if value is None:
            value = memo[key] = original(self, key)
        return value

    get_url_setting._vitrine_memo = True
    Content.get_url_setting = get_url_setting


def freeze(context: dict) -> None:
    """From now on, every content of the build keeps its URLs once computed."""
    _install()
    for name in ("articles", "hidden_articles", "drafts", "pages", "hidden_pages", "draft_pages",
                 "translations", "hidden_translations", "draft_translations"):
        for content in context.get(name) or []:
            content.__dict__[_MEMO] = {}
