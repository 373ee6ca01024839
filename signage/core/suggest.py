"""« vouliez-vous dire … ? »: the nearest known word to a misspelt one.

One helper for every name the officer (or whoever edits pelicanconf.py) types
from a known list: metadata keys (`Slide_untill` → Slide_until), categories
(`Prevention` → « Prévention »), screen names, settings (`SIGNAGE_DURATION`).
Accents, case, spaces, hyphens and underscores are ignored first (an exact
match that way is always proposed), then difflib's ratio picks the closest.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable


def folded(word: str) -> str:
    """« Événements » → « evenements », « Slide-Until » → « slideuntil »."""
    decomposed = unicodedata.normalize("NFKD", str(word).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c) and c not in " _-")


def nearest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The choice closest to `word`, or None when none is close enough."""
    by_fold: dict[str, str] = {}
    for choice in choices:
        by_fold.setdefault(folded(choice), choice)
    key = folded(word)
    if key in by_fold:
        return by_fold[key]
    close = difflib.get_close_matches(key, list(by_fold), n=1, cutoff=cutoff)
    return by_fold[close[0]] if close else None


def did_you_mean(word: str, choices: Iterable[str], quoted: bool = False, cutoff: float = 0.6) -> str:
    """« vouliez-vous dire Slide_until ? » (« … « Prévention » ? » when `quoted`), or "" when none is close."""
    match = nearest(word, choices, cutoff)
    if match is None:
        return ""
    return f"vouliez-vous dire « {match} » ?" if quoted else f"vouliez-vous dire {match} ?"
