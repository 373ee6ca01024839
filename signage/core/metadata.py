"""Reading the officer's metadata keys off Pelican content objects, and which objects a build has."""

from __future__ import annotations

from typing import Any

YES = {"yes", "oui", "true", "1", "vrai"}
NO = {"no", "non", "false", "0", "faux", ""}


def raw(content: Any, key: str) -> str | None:
    """The text of metadata `key` (case-insensitive) as written, or None when absent.

    Pelican keeps Markdown metadata as strings; a value continued on several
    lines arrives as a list, which is joined with spaces.
    """
    value = content.metadata.get(key.lower())
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        value = " ".join(str(item) for item in value)
    return str(value).strip()


def source(content: Any) -> str:
    return content.source_path


def flag(content: Any, key: str, log=None) -> bool:
    """A yes/no key. An unknown word is an error when a log is given (and counts as no)."""
    value = raw(content, key)
    if value is None:
        return False
    lowered = value.lower()
    if lowered in YES:
        return True
    if lowered not in NO and log is not None:
        name = key.capitalize() if key.islower() else key  # as the officer writes it: Alert, Slide
        log.error(source(content), name,
                  f"{name} « {value} » : attendu « yes » ou « no » (oui/non acceptés).")
    return False


# Pelican's context lists, by kind; `build_contents` is the one place they are put together.
ARTICLES = ("articles", "hidden_articles")
PAGES = ("pages", "hidden_pages")
DRAFTS = ("drafts", "draft_pages")


def build_contents(context: dict, *, articles: bool = True, pages: bool = True, drafts: bool = False,
                   translations: bool = False) -> list:
    """The content objects of the build: published and hidden articles, then pages, then drafts.

    What the site and the screens show is `build_contents(context)` (hidden ones have their own
    page); the events are articles only; `invoke check` also reads drafts and translations.
    Each object once, in that order.
    """
    keys = (*(ARTICLES if articles else ()), *(PAGES if pages else ()), *(DRAFTS if drafts else ()))
    seen: set[int] = set()
    result = []
    for key in keys:
        for item in context.get(key, []) or []:
            for candidate in (item, *(getattr(item, "translations", []) if translations else ())):
                if id(candidate) not in seen:
                    seen.add(id(candidate))
                    result.append(candidate)
    return result
