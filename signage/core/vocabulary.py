"""The officer's vocabulary: the keys, the site's categories and the screens' names, as written.

A misspelt key is not an error for Pelican (it keeps any `Key: value`), so a
`Slide_untill` would be silently ignored and the campaign would play forever.
Here:
- any unknown key starting with `Slide`, `Event` or `Alert` is an error, with
  the nearest known key (« vouliez-vous dire Slide_until ? »); another unknown
  key close to a known one (`Sumary`) is a warning;
- `Category` must be one of the site's categories: the four of Vitrine, each with
  its own look on the screens (`CATEGORIES`), plus `VITRINE_EXTRA_CATEGORIES` and
  Pelican's `DEFAULT_CATEGORY` from pelicanconf.py (`site_categories`);
- a screen name is accepted in any case (`Vitrine` is `vitrine`), else the nearest is proposed;
- a file that looks like a page but that Pelican does not read (`page.md.txt`,
  `page.MD`) is named in a warning (`unread_reason`).
"""

from __future__ import annotations

import re

from signage.core.content_files import is_ignored
from signage.core.suggest import did_you_mean, folded

# The categories Vitrine knows, with their slug (folder, URL, look of the slide).
PREVENTION, RECRUITMENT, EVENTS, ALERTS = "Prévention", "Recrutement", "Événements", "Alertes"
CATEGORIES = {PREVENTION: "prevention", RECRUITMENT: "recrutement", EVENTS: "evenements", ALERTS: "alertes"}

PELICAN_KEYS = ("Title", "Date", "Modified", "Category", "Tags", "Slug", "Summary", "Status", "Author",
                "Authors", "Lang", "Translation", "Template", "Save_as", "Url")
VITRINE_KEYS = ("Slide", "Slide_title", "Slide_text", "Slide_image", "Slide_focus", "Slide_from", "Slide_until",
                "Slide_when", "Slide_duration", "Slide_screens", "Slide_link", "Alert", "Event_start",
                "Event_end", "Location", "Opening_hours", "Closures")
KNOWN_KEYS = (*PELICAN_KEYS, *VITRINE_KEYS)
_KNOWN_LOWER = {key.lower() for key in KNOWN_KEYS}
# Keys an officer may well write in French or in other words: what they mean.
MEANT = {"slide_debut": "Slide_from", "slide_start": "Slide_from", "slide_fin": "Slide_until",
         "slide_end": "Slide_until", "slide_titre": "Slide_title", "slide_texte": "Slide_text",
         "slide_photo": "Slide_image", "slide_quand": "Slide_when", "slide_duree": "Slide_duration",
         "slide_ecrans": "Slide_screens", "slide_ecran": "Slide_screens", "slide_lien": "Slide_link",
         "event_debut": "Event_start", "event_begin": "Event_start", "event_fin": "Event_end",
         "event_date": "Event_start", "alerte": "Alert", "titre": "Title", "categorie": "Category",
         "resume": "Summary", "lieu": "Location", "horaires": "Opening_hours", "fermetures": "Closures"}
_MEANT_FOLDED = {folded(written): meant for written, meant in MEANT.items()}
CHECKED_PREFIXES = ("slide", "event", "alert")  # an unknown key with these is an error
GUIDE = "docs/guide-redaction.md"


def key_problem(key: str) -> tuple[str, str] | None:
    """(severity, French message) for a header key the vocabulary does not know, or None.

    An unknown `Slide*`, `Event*` or `Alert*` key is an error (nearest key proposed, or the
    family listed); another key is a warning only when it looks like a known one (a custom
    key of a theme is no mistake).
    """
    if key.lower() in _KNOWN_LOWER:
        return None
    checked = key.lower().startswith(CHECKED_PREFIXES)
    meant = _MEANT_FOLDED.get(folded(key))
    hint = f"vouliez-vous dire {meant} ?" if meant else did_you_mean(key, KNOWN_KEYS, cutoff=0.6 if checked else 0.8)
    if checked:
        family = [known for known in VITRINE_KEYS if known.lower().startswith(key.lower()[:5])]
        fix = hint or f"clés possibles : {', '.join(family)}"
        return "error", (f"{key} : clé inconnue, cette ligne serait ignorée ; {fix} "
                         f"(toutes les clés : {GUIDE})")
    if hint:
        return "warning", f"{key} : clé inconnue, cette ligne est ignorée ; {hint}"
    return None


def site_categories(settings: dict) -> list[str]:
    """The categories an article may name: Vitrine's, the extra ones, Pelican's default."""
    names = [*CATEGORIES, *settings.get("VITRINE_EXTRA_CATEGORIES", [])]
    default = settings.get("DEFAULT_CATEGORY")
    if default and default not in names:
        names.append(default)
    return names


def category_problem(name: str, categories: list[str]) -> str | None:
    """A French message when `name` is not one of `categories` (spelling, accents and case count)."""
    if name in categories:
        return None
    hint = did_you_mean(name, categories, quoted=True)
    return (f"Category « {name} » : rubrique inconnue du site ; " + (f"{hint} " if hint else "")
            + f"rubriques possibles : {', '.join(categories)}. Une autre rubrique se déclare dans "
            "pelicanconf.py (VITRINE_EXTRA_CATEGORIES).")


def screen_named(written: str, names: list[str]) -> str | None:
    """The declared screen `written` means, case and spaces ignored (« Vitrine » → « vitrine »), or None."""
    wanted = written.strip().lower()
    return wanted if wanted in names else None


def unknown_screen(written: str, names: list[str]) -> str:
    """« écran inconnu ; vouliez-vous dire « vitrine » ? écrans déclarés dans pelicanconf.py : vitrine, totem »."""
    hint = did_you_mean(written, names, quoted=True)
    return "écran inconnu ; " + (f"{hint} " if hint else "") + \
        f"écrans déclarés dans pelicanconf.py : {', '.join(names)}"


_MARKDOWN_NAME = re.compile(r"^(?P<stem>.+?)\.(?P<ext>md|markdown|mkd|mdown)(?P<extra>\..+)?$", re.IGNORECASE)


def unread_reason(name: str) -> str | None:
    """Why a file named like a page (`name`, no folder) would not be read, and the fix; None otherwise.

    Hidden and editor files (`.x.md`, `~$x.md`, `x.md~`, `x.md.swp`: `content_files.IGNORED`) are
    not the officer's: None.
    """
    if is_ignored(name):
        return None
    match = _MARKDOWN_NAME.match(name)
    if match is None:
        return None
    good = f"{match['stem']}.md"
    if match["extra"]:
        return (f"extension « {match['extra']} » en trop après « .{match['ext']} » : ce fichier n'est pas "
                f"lu ; renommez-le « {good} » (votre logiciel a pu ajouter l'extension sans l'afficher)")
    if match["ext"] != match["ext"].lower():
        return f"extension « .{match['ext']} » en majuscules : ce fichier n'est pas lu ; renommez-le « {good} »"
    return None
