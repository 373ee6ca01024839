"""Reading the officer's metadata keys off Pelican content objects."""

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
