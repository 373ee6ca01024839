"""Vitrine's settings: defaults, and a check of each one with a French message.

Modelled on MkDocs' config validation: every field is checked and every error
says which setting, what is wrong and what is expected.
"""

from __future__ import annotations

import re

DEFAULTS = {
    # Screens that play the loop: name (used in URLs and Slide_screens), size in pixels.
    "SIGNAGE_SCREENS": [
        {"name": "vitrine", "label": "Vitrine (paysage)", "width": 1920, "height": 1080},
        {"name": "totem", "label": "Totem d'entrée (portrait)", "width": 1080, "height": 1920},
    ],
    "SIGNAGE_DEFAULT_DURATION": 10,  # seconds a slide stays on screen
    "SIGNAGE_HORIZON_DAYS": 42,  # how far ahead the build precomputes intervals
    "SIGNAGE_POLL_SECONDS": 60,  # how often the player asks for feed.json
    "SIGNAGE_CACHE_PATH": ".cache/signage",  # rendered slides, reused across builds
    "SIGNAGE_PREVIEW": True,  # the officer's slide preview page (off in publishconf)
}

_SCREEN_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def apply_defaults(settings: dict) -> None:
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)


def check(settings: dict) -> list[str]:
    """Return every problem with the Vitrine settings, in French (empty when fine)."""
    problems: list[str] = []
    screens = settings.get("SIGNAGE_SCREENS")
    if not isinstance(screens, (list, tuple)) or not screens:
        problems.append("SIGNAGE_SCREENS doit être une liste non vide d'écrans "
                        "(exemple : [{'name': 'vitrine', 'width': 1920, 'height': 1080}]).")
        screens = []
    seen = set()
    for index, screen in enumerate(screens, start=1):
        where = f"SIGNAGE_SCREENS, écran n° {index}"
        if not isinstance(screen, dict):
            problems.append(f"{where} : attendu un dictionnaire avec name, width et height.")
            continue
        name = screen.get("name")
        if not isinstance(name, str) or not _SCREEN_NAME.match(name):
            problems.append(f"{where} : name « {name} » invalide ; utilisez des minuscules, "
                            "chiffres et tirets (exemple : vitrine).")
        elif name in seen:
            problems.append(f"{where} : le nom « {name} » est déjà utilisé par un autre écran.")
        seen.add(name)
        for dimension in ("width", "height"):
            value = screen.get(dimension)
            if not isinstance(value, int) or not 240 <= value <= 8192:
                problems.append(f"{where} : {dimension} « {value} » doit être un nombre entier "
                                "de pixels entre 240 et 8192.")
    for key, low, high in (
        ("SIGNAGE_DEFAULT_DURATION", 3, 600),
        ("SIGNAGE_HORIZON_DAYS", 28, 366),
        ("SIGNAGE_POLL_SECONDS", 10, 3600),
    ):
        value = settings.get(key)
        if not isinstance(value, int) or not low <= value <= high:
            problems.append(f"{key} « {value} » doit être un nombre entier entre {low} et {high}.")
    return problems


def screen_names(settings: dict) -> list[str]:
    return [screen["name"] for screen in settings["SIGNAGE_SCREENS"]]
