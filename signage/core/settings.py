"""Vitrine's settings: each one's default and check, French messages, every problem at once.

Modelled on MkDocs' configuration (`mkdocs/config/config_options.py`): one
option object per setting holds its default and validates its value; the
whole schema is checked in one pass and every problem is reported together.
Each error says which setting, what is wrong and what is expected:

    SIGNAGE_POLL_SECONDS = 5 : trop petit ; attendu un nombre entier de secondes entre 10 et 3600 (60 par défaut).

A `SIGNAGE_*` or `VITRINE_*` name that no option knows is a warning naming the
nearest known one (« vouliez-vous dire SIGNAGE_DEFAULT_DURATION ? »): Python
would otherwise accept the misspelt line and silently use the default.
`apply_defaults` fills in what pelicanconf.py leaves out (RECEPTION key by key).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from signage.core.suggest import did_you_mean


@dataclass
class Report:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def error(self, name: str, value, wrong: str, expected: str) -> None:
        self.errors.append(f"{name} = {value!r} : {wrong} ; attendu {expected}.")


class Option:
    """A setting: its default, what it expects (French), and the check of a value."""

    expected = ""

    def __init__(self, default, expected: str | None = None):
        self.default = default
        if expected is not None:
            self.expected = expected

    def check(self, name: str, value, report: Report) -> None:
        raise NotImplementedError


class Integer(Option):
    def __init__(self, default: int, low: int, high: int, unit: str):
        super().__init__(default, f"un nombre entier de {unit} entre {low} et {high} ({default} par défaut)")
        self.low, self.high = low, high

    def check(self, name, value, report):
        if isinstance(value, bool) or not isinstance(value, int):
            report.error(name, value, "n'est pas un nombre entier", self.expected)
        elif value < self.low:
            report.error(name, value, "trop petit", self.expected)
        elif value > self.high:
            report.error(name, value, "trop grand", self.expected)


class Flag(Option):
    def __init__(self, default: bool):
        super().__init__(default, f"True ou False ({default} par défaut)")

    def check(self, name, value, report):
        if not isinstance(value, bool):
            report.error(name, value, "n'est ni True ni False", self.expected)


class Text(Option):
    def __init__(self, default: str, expected: str = "un texte entre guillemets", required: bool = False):
        super().__init__(default, expected)
        self.required = required

    def check(self, name, value, report):
        if not isinstance(value, str):
            report.error(name, value, "n'est pas un texte", self.expected)
        elif "\n" in value:
            report.error(name, value, "tient sur plusieurs lignes", self.expected)
        elif self.required and not value.strip():
            report.error(name, value, "est vide", self.expected)


class Folder(Text):
    """A folder of the project, relative to it (or absolute)."""

    def __init__(self, default: str, what: str):
        super().__init__(default, f"le chemin du dossier {what}, par exemple « {default} »", required=True)


class Address(Option):
    """An absolute http(s) address, e.g. the public site."""

    def __init__(self, default: str, example: str, empty_warning: str = ""):
        super().__init__(default, f"une adresse complète commençant par https://, par exemple « {example} »")
        self.empty_warning = empty_warning

    def check(self, name, value, report):
        if value in ("", None):
            if self.empty_warning:
                report.warnings.append(f"{name} est vide : {self.empty_warning}")
            return
        if not is_address(value):
            report.error(name, value, "n'est pas une adresse complète", self.expected)


def is_address(value) -> bool:
    """An absolute http(s) address with a real host name (or the local machine, for development)."""
    if not isinstance(value, str) or re.search(r"\s", value):
        return False
    parts = urlsplit(value)
    host = parts.hostname or ""
    return parts.scheme in ("http", "https") and ("." in host or host == "localhost")


class Names(Option):
    """A list of names, e.g. extra categories."""

    def check(self, name, value, report):
        if not isinstance(value, (list, tuple)) or not all(isinstance(item, str) and item.strip()
                                                            for item in value):
            report.error(name, value, "n'est pas une liste de noms", self.expected)


SLIDE_SECONDS = (3, 300)  # how long a slide may stay on screen (Slide_duration and its default)
_SCREEN_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class Screens(Option):
    expected = ("une liste d'écrans, chacun {'name': 'vitrine', 'width': 1920, 'height': 1080} "
                "(label facultatif)")
    KEYS = ("name", "label", "width", "height")

    def check(self, name, value, report):
        if not isinstance(value, (list, tuple)) or not value:
            report.error(name, value, "n'est pas une liste non vide", self.expected)
            return
        seen = set()
        for index, screen in enumerate(value, start=1):
            where = f"{name}, écran n° {index}"
            if not isinstance(screen, dict):
                report.error(where, screen, "n'est pas un dictionnaire", "name, width et height")
                continue
            screen_name = screen.get("name")
            if not isinstance(screen_name, str) or not _SCREEN_NAME.match(screen_name):
                report.error(f"{where}, name", screen_name, "nom invalide",
                             "des minuscules, chiffres et tirets (exemple : vitrine)")
            elif screen_name in seen:
                report.error(f"{where}, name", screen_name, "nom déjà pris par un autre écran",
                             "un nom par écran")
            seen.add(screen_name)
            for dimension in ("width", "height"):
                size = screen.get(dimension)
                if isinstance(size, bool) or not isinstance(size, int) or not 240 <= size <= 8192:
                    report.error(f"{where}, {dimension}", size, "taille impossible",
                                 "un nombre entier de pixels entre 240 et 8192")
            if "label" in screen and not isinstance(screen["label"], str):
                report.error(f"{where}, label", screen["label"], "n'est pas un texte", "le nom affiché de l'écran")
            for key in screen:
                if key not in self.KEYS:
                    hint = did_you_mean(key, self.KEYS)
                    report.warnings.append(f"{where} : clé « {key} » inconnue, ignorée"
                                           + (f" ; {hint}" if hint else f" (clés : {', '.join(self.KEYS)})"))


class Reception(Option):
    """The reception point's facts (theme, structured data, screens), key by key, each with its default."""

    PARTS = {
        "name": Text("", "le nom du point d'accueil"),
        "street": Text("", "l'adresse (rue, lieu-dit)"),
        "postal_code": Text("", "le code postal, cinq chiffres (exemple : 70000)"),
        "locality": Text("", "la commune"),
        "region": Text("", "la région ou le département"),
        "country": Text("FR", "le code du pays en deux lettres majuscules (FR)"),
        "latitude": None,  # checked with longitude below
        "longitude": None,
        "telephone": Text("17", "le numéro à appeler (exemple : 17)"),
        "complaint_url": Address("https://www.masecurite.interieur.gouv.fr",
                                 "https://www.masecurite.interieur.gouv.fr"),
    }
    expected = "un dictionnaire : " + ", ".join(PARTS)

    def defaults(self) -> dict:
        return {key: (part.default if part else None) for key, part in self.PARTS.items()}

    def check(self, name, value, report):
        if not isinstance(value, dict):
            report.error(name, value, "n'est pas un dictionnaire", self.expected)
            return
        for key, item in value.items():
            part = self.PARTS.get(key, "unknown") if isinstance(key, str) else "unknown"
            if part == "unknown":
                hint = did_you_mean(str(key), self.PARTS)
                report.warnings.append(f"{name}[{key!r}] : clé inconnue, ignorée"
                                       + (f" ; {hint}" if hint else f" (clés : {', '.join(self.PARTS)})"))
            elif part is not None:
                part.check(f"{name}[{key!r}]", item, report)
        code = value.get("postal_code")
        if isinstance(code, str) and code and not re.fullmatch(r"\d{5}", code):
            report.error(f"{name}['postal_code']", code, "n'est pas un code postal", "cinq chiffres (exemple : 70000)")
        country = value.get("country")
        if isinstance(country, str) and not re.fullmatch(r"[A-Z]{2}", country):
            report.error(f"{name}['country']", country, "n'est pas un code de pays",
                         "deux lettres majuscules (FR)")
        phone = value.get("telephone")
        if isinstance(phone, str) and not re.fullmatch(r"\+?[0-9][0-9 .]*", phone):
            report.error(f"{name}['telephone']", phone, "n'est pas un numéro", "des chiffres (exemple : 17)")
        latitude, longitude = value.get("latitude"), value.get("longitude")
        if (latitude is None) != (longitude is None):
            report.error(name, {"latitude": latitude, "longitude": longitude}, "une seule des deux coordonnées",
                         "latitude et longitude ensemble, ou aucune des deux")
        for key, bound, example in (("latitude", 90, 47.6525), ("longitude", 180, 6.1247)):
            number = value.get(key)
            if number is None:
                continue
            if isinstance(number, bool) or not isinstance(number, (int, float)) or not -bound <= number <= bound:
                report.error(f"{name}[{key!r}]", number, "coordonnée impossible",
                             f"un nombre de degrés décimaux entre -{bound} et {bound} (exemple : {example})")


SCHEMA: dict[str, Option] = {
    # The screens that play the loop: name (used in URLs and Slide_screens), size in pixels.
    "SIGNAGE_SCREENS": Screens([
        {"name": "vitrine", "label": "Vitrine (paysage)", "width": 1920, "height": 1080},
        {"name": "totem", "label": "Totem d'entrée (portrait)", "width": 1080, "height": 1920},
    ]),
    "SIGNAGE_DEFAULT_DURATION": Integer(10, *SLIDE_SECONDS, "secondes à l'écran"),
    "SIGNAGE_HORIZON_DAYS": Integer(42, 28, 366, "jours calculés à l'avance"),
    "SIGNAGE_POLL_SECONDS": Integer(60, 10, 3600, "secondes"),
    "SIGNAGE_CACHE_PATH": Folder(".cache/signage", "où garder les diapositives déjà dessinées"),
    "SIGNAGE_PREVIEW": Flag(True),  # the officer's slide preview page (off in publishconf.py)
    "PUBLIC_SITEURL": Address("", "https://point-accueil.gendarmerie.interieur.gouv.fr",
                              "les QR codes des écrans, les agendas (.ics) et les données pour les moteurs "
                              "de recherche pointeront vers une adresse locale ; indiquez l'adresse publique "
                              "du site, par exemple « https://point-accueil.gendarmerie.interieur.gouv.fr »."),
    "RECEPTION": Reception({}),
    "SITE_OPERATOR": Text("", "le nom de l'institution qui publie (exemple : Gendarmerie nationale)"),
    "SITE_TAGLINE": Text("", "une phrase sous le nom du site"),
    "VITRINE_EXTRA_CATEGORIES": Names([], "une liste de rubriques en plus de Prévention, Recrutement, "
                                          "Événements et Alertes (exemple : [\"Vie locale\"])"),
    "PUBLISH_DIR": Folder("public", "du site publié par invoke publish"),
    "PUBLISH_RSYNC_TARGET": Text("", "la destination rsync, par exemple « deploy@serveur:/var/www/vitrine/ », "
                                     "ou « » pour publier seulement dans PUBLISH_DIR"),
    "DSFR_DIST": Text("", "le dossier dist/ du paquet @gouvfr/dsfr, ou « » pour celui de node_modules/"),
}
# Set by Vitrine's own commands for one build, never by hand: known, not checked.
INTERNAL = ("VITRINE_CONTENT_CHECK", "VITRINE_MEMORY_READER_CACHE",
            "VITRINE_INCREMENTAL", "VITRINE_BUILD_INDEX", "VITRINE_SEARCH_LATER",  # live preview
            "VITRINE_THUMBNAILS", "VITRINE_WORKERS")  # this build's photo copies, its helpers
CHECKED_PREFIXES = ("SIGNAGE_", "VITRINE_")


def apply_defaults(settings: dict) -> None:
    """Fill in every setting pelicanconf.py leaves out (copies: a default is never shared)."""
    for name, option in SCHEMA.items():
        settings.setdefault(name, copy.deepcopy(option.default))
    reception = settings["RECEPTION"]
    if isinstance(reception, dict):
        settings["RECEPTION"] = {**SCHEMA["RECEPTION"].defaults(), **reception}


def check(settings: dict) -> Report:
    """Every problem with the Vitrine settings (errors and warnings), in French."""
    report = Report()
    for name, option in SCHEMA.items():
        if name in settings:
            option.check(name, settings[name], report)
    known = [*SCHEMA, *INTERNAL]
    for name in sorted(settings):
        if isinstance(name, str) and name.startswith(CHECKED_PREFIXES) and name not in known:
            hint = did_you_mean(name, known, cutoff=0.75)  # the shared prefix makes every name look close
            report.warnings.append(f"{name} : réglage inconnu de Vitrine, ignoré"
                                   + (f" ; {hint}" if hint else "") + " (voir signage/core/settings.py)")
    return report


def checked(settings: dict, source: str = "pelicanconf.py") -> Report:
    """Fill in the defaults and check; SettingsError listing every error at once; the warnings returned."""
    from signage.core.errors import SettingsError

    apply_defaults(settings)
    report = check(settings)
    if report.errors:
        raise SettingsError(f"Réglages de Vitrine invalides ({source}) :\n  - " + "\n  - ".join(report.errors),
                            report.errors)
    return report


def coordinates(settings: dict) -> tuple[float, float] | None:
    """The reception point's (latitude, longitude) from RECEPTION, or None: for sunrise and sunset times."""
    reception = settings.get("RECEPTION") or {}
    latitude, longitude = reception.get("latitude"), reception.get("longitude")
    if latitude is None or longitude is None:
        return None
    return float(latitude), float(longitude)


def screen_names(settings: dict) -> list[str]:
    return [screen["name"] for screen in settings["SIGNAGE_SCREENS"]]
