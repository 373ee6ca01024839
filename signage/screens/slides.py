"""The slide model: an article or page with `Slide: yes` (or `Alert: yes`), parsed and checked.

Every slide key of the officer's vocabulary (docs/guide-redaction.md, « Clés des
écrans ») is read here, once, and every problem goes to the build's ErrorLog in
French with the file, the field, the bad value and the fix. Nothing raises: a
file with five mistakes gives five messages, and the other files are still
checked. (Misspelt keys and categories: core.vocabulary, for every page.)

Keys and their accepted values:
- `Slide: yes` / `Alert: yes` (an alert is always a slide; `Slide_until` is mandatory);
- `Slide_title`, `Slide_text`: screen wording (default `Title`, `Summary`);
- `Slide_image: images/photo.jpg`: a photo under content/, cover-cropped to each screen;
- `Slide_focus: 30% 40%` (extra key, optional): the photo's focal point, horizontal then
  vertical position in percent from the top-left corner, kept in view when cropped
  (a separate key so that `Slide_image` stays a plain path for the theme);
- `Slide_from`, `Slide_until`: a moment (core.moments): `AAAA-MM-JJ` or `AAAA-MM-JJ HH:MM`,
  Europe/Paris; a whole day in `Slide_until` lasts until the end of that day;
- `Slide_when`: an OpenStreetMap opening_hours expression (day-parting), never always closed;
- `Slide_duration`: seconds on screen, 3 to 300 (`12`, `7.5`, `12 s`);
- `Slide_screens`: comma-separated screen names from SIGNAGE_SCREENS, any case, at least one;
- `Slide_link`: `https://…`, a path of this site (`/services/`) or `tel:…` (`slide_link`, the one
  rule, which `invoke check` applies too);
- `Event_start`, `Event_end`, `Location` are checked by events.py; the generator attaches
  the event (`event`, `event_start`, `event_end`) and the slide is valid until the event ends.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from signage.core import metadata
from signage.core.clock import build_now
from signage.core.content_files import regular_file
from signage.core.images import ImageTooLargeError, open_image
from signage.core.intervals import parse_opening_hours, utc
from signage.core.moments import Moment, MomentError, moment_message, parse_moment
from signage.core.settings import SLIDE_SECONDS, coordinates
from signage.core.site_url import public_url
from signage.core.typography import french
from signage.core.vocabulary import CATEGORIES, screen_named, unknown_screen

MIN_DURATION, MAX_DURATION = SLIDE_SECONDS
_DURATION = re.compile(r"^(\d+(?:[.,]\d+)?)\s*(?:s|sec|secondes?)?$", re.IGNORECASE)
_PERCENT = re.compile(r"^(\d{1,3}(?:[.,]\d+)?)\s*%$")

# Category slugs with their own visual identity (rendering/draw.py); everything else looks like a page.
KNOWN_CATEGORIES = set(CATEGORIES.values())


@dataclass
class Slide:
    id: str
    source_path: str
    kind: str  # "content" or "alert"
    title: str
    title_field: str  # the key the title came from, for error messages
    text: str
    text_field: str | None  # None when the text is Pelican's automatic summary (shortened, never refused)
    category: str  # display name, e.g. « Prévention »
    identity: str  # prevention | recrutement | evenements | alertes | pages
    url: str  # public URL of the page
    link: str  # what the QR code points to
    duration: float
    screens: list[str]
    date: datetime | None = None
    image: Path | None = None
    image_given: bool = False  # Slide_image was written, whether or not the file could be used
    focal: tuple[float, float] = (0.5, 0.5)
    valid_from: datetime | None = None
    valid_until: datetime | None = None
    when: str | None = None  # opening_hours expression
    event_start: datetime | None = None
    event_end: datetime | None = None
    location: str | None = None
    event: object | None = None  # events.Event, attached by the generator
    problems: int = 0  # errors found in this file (the slide is not rendered when > 0)
    intervals: list = field(default_factory=list)  # filled by schedule.py
    open_ended: bool = False

    @property
    def is_alert(self) -> bool:
        return self.kind == "alert"


def plain_text(value: str | None) -> str:
    """Text for the screen from metadata that may carry HTML (Pelican's summaries)."""
    if not value:
        return ""
    import nh3

    text = nh3.clean(str(value), tags=set())
    text = unicodedata.normalize("NFC", html.unescape(text))  # « é » as one character, as fonts map it
    return french(" ".join(text.split()))


LINK_FORMS = ("écrivez l'adresse complète commençant par https:// (par exemple "
              "https://www.masecurite.interieur.gouv.fr), une page du site commençant par / (par exemple "
              "/services/) ou un numéro tel:17")


def slide_link(value: str, settings: dict) -> str:
    """The address a `Slide_link` value points the QR code to; ValueError (French) when it is none.

    `https://…` (or `http://`) with a real host name, a path of this site (`/services/`, made
    absolute on the public site) or a phone number (`tel:17`, spaces and dots dropped).
    """
    if value.startswith("/") and not value.startswith("//") and " " not in value:
        return public_url(settings, value)
    if re.match(r"^tel:\+?[0-9][0-9 .-]*$", value):
        return value.replace(" ", "").replace(".", "")
    parts = urlsplit(value)
    host = parts.hostname or ""
    if parts.scheme in ("http", "https") and "." in host and not re.search(r"\s", value) \
            and re.match(r"^[a-z0-9.-]+$", host):
        return value
    raise ValueError(f"Slide_link « {value} » n'est pas une adresse valide : {LINK_FORMS}")


def _content_id(content) -> tuple[str, str]:
    """(category slug, stable slide id): « prevention/otv » for an article, « pages/services » for a page."""
    from pelican.contents import Page

    category = getattr(content, "category", None)
    if isinstance(content, Page) or category is None:
        return "pages", f"pages/{content.slug}"
    return category.slug, f"{category.slug}/{content.slug}"


class SlideReader:
    """Turns content objects into Slides, checking every key into `log`."""

    def __init__(self, settings: dict, log, screen_names: list[str], now: datetime | None = None):
        self.settings = settings
        self.log = log
        self.screen_names = screen_names
        self.now = now or build_now()  # to tell a Slide_when that never opens again
        self.content_root = Path(settings.get("PATH", "content")).resolve()

    def read(self, content) -> Slide | None:
        is_alert = metadata.flag(content, "alert", self.log)
        if not (metadata.flag(content, "slide", self.log) or is_alert):
            return None
        path = metadata.source(content)
        self._errors = 0
        category_slug, slide_id = _content_id(content)
        category_name = "Alertes" if is_alert and category_slug == "pages" else \
            (content.category.name if category_slug != "pages" else "Le point d'accueil")

        title, title_field = metadata.raw(content, "slide_title"), "Slide_title"
        if not title:
            title, title_field = plain_text(content.title), "Title"
        text, text_field = metadata.raw(content, "slide_text"), "Slide_text"
        if not text:
            summary = metadata.raw(content, "summary")
            text, text_field = (summary, "Summary") if summary else (getattr(content, "summary", ""), None)
        url = public_url(self.settings, content.url)

        slide = Slide(
            id=slide_id, source_path=path, kind="alert" if is_alert else "content",
            title=plain_text(title), title_field=title_field,
            text=plain_text(text), text_field=text_field,
            category=french(category_name),
            identity="alertes" if is_alert else (category_slug if category_slug in KNOWN_CATEGORIES else "pages"),
            url=url, link=self._link(content, url), duration=self._duration(content),
            screens=self._screens(content), date=getattr(content, "date", None),
            location=french(metadata.raw(content, "location") or "") or None,
        )
        slide.image = self._image(content)
        slide.image_given = bool(metadata.raw(content, "slide_image"))
        slide.focal = self._focus(content)
        # Slide_from starts at the moment (a whole day: at its first instant); Slide_until ends
        # at it (a whole day: at the next midnight, so that the day is included).
        slide.valid_from = self._moment(content, "Slide_from", lambda moment: moment.start)
        slide.valid_until = self._moment(content, "Slide_until", lambda moment: moment.end)
        if slide.valid_from and slide.valid_until and utc(slide.valid_until) <= utc(slide.valid_from):
            self._error(path, "Slide_until",
                        f"Slide_until « {metadata.raw(content, 'slide_until')} » tombe avant Slide_from "
                        f"« {metadata.raw(content, 'slide_from')} » : la fin doit suivre le début.")
        slide.when = self._when(content)
        if is_alert and not metadata.raw(content, "slide_until"):  # absent or empty
            self._error(path, "Alert",
                        "Alert: yes exige Slide_until (la fin de l'alerte) : ajoutez par exemple "
                        "« Slide_until: 2026-12-07 20:00 » ; sans fin, l'alerte occuperait les écrans pour toujours.")
        slide.problems = self._errors
        return slide

    # --- one method per key ---------------------------------------------------------------

    def photo(self, content) -> tuple[Path | None, tuple[float, float]]:
        """(`Slide_image`, `Slide_focus`) of any page, slide or not: its photo is also the page's
        illustration and preview (screens/social_images). A bad value is logged as for a slide
        (the log keeps one copy of a problem reported twice)."""
        self._errors = 0
        return self._image(content), self._focus(content)

    def _error(self, path: str, key: str, message: str) -> None:
        self._errors += 1
        self.log.error(path, key, message)

    def _moment(self, content, key: str, instant) -> datetime | None:
        """The instant `instant(Moment)` picks for `key`, or None (absent, or refused into the log)."""
        value = metadata.raw(content, key.lower())
        if value is None or value == "":
            return None
        try:
            moment: Moment = parse_moment(value)
        except MomentError as error:
            self._error(metadata.source(content), key, moment_message(key, value, error))
            return None
        return instant(moment)

    def _duration(self, content) -> float:
        default = float(self.settings.get("SIGNAGE_DEFAULT_DURATION", 10))
        value = metadata.raw(content, "slide_duration")
        if value is None or value == "":
            return default
        match = _DURATION.match(value)
        seconds = float(match.group(1).replace(",", ".")) if match else None
        if seconds is None or not MIN_DURATION <= seconds <= MAX_DURATION:
            self._error(metadata.source(content), "Slide_duration",
                        f"Slide_duration « {value} » n'est pas une durée valide (attendu un nombre de "
                        f"secondes entre {MIN_DURATION} et {MAX_DURATION}, par exemple 12)")
            return default
        return int(seconds) if seconds.is_integer() else seconds

    def _screens(self, content) -> list[str]:
        value = metadata.raw(content, "slide_screens")
        if value is None or not value.strip():
            return list(self.screen_names)
        written = [name.strip() for name in value.split(",") if name.strip()]
        if not written:
            self._error(metadata.source(content), "Slide_screens",
                        f"Slide_screens « {value} » ne nomme aucun écran : la diapositive ne passerait "
                        f"nulle part ; écrivez par exemple « Slide_screens: {self.screen_names[0]} » ou "
                        "retirez la ligne pour tous les écrans")
            return []
        names = set()
        for name in written:
            screen = screen_named(name, self.screen_names)
            if screen is None:
                self._error(metadata.source(content), "Slide_screens",
                            f"Slide_screens « {name} » : {unknown_screen(name, self.screen_names)} "
                            "(séparés par des virgules)")
            else:
                names.add(screen)
        return [name for name in self.screen_names if name in names]

    def _when(self, content) -> str | None:
        value = metadata.raw(content, "slide_when")
        if value is None or value == "":
            return None
        try:
            hours = parse_opening_hours(value, coordinates(self.settings))
        except ValueError as exc:
            self._error(metadata.source(content), "Slide_when", f"Slide_when : {exc}")
            return None
        if hours.is_closed(self.now) and hours.next_change(self.now) is None:
            self._error(metadata.source(content), "Slide_when",
                        f"Slide_when « {value} » n'ouvre jamais : la diapositive ne passerait plus ; donnez "
                        "les heures où elle doit passer (par exemple « Slide_when: Mo-Sa 09:00-12:00 ») ou "
                        "retirez la ligne pour qu'elle passe tout le temps")
            return None
        return value

    def _link(self, content, default: str) -> str:
        value = metadata.raw(content, "slide_link")
        if value is None or value == "":
            return default
        try:
            return slide_link(value, self.settings)
        except ValueError as exc:
            self._error(metadata.source(content), "Slide_link", str(exc))
            return default

    def _focus(self, content) -> tuple[float, float]:
        value = metadata.raw(content, "slide_focus")
        if value is None or value == "":
            return (0.5, 0.5)
        words = value.split()
        matches = [_PERCENT.match(word) for word in words]
        if len(words) == 2 and all(matches):
            x, y = (float(m.group(1).replace(",", ".")) for m in matches)
            if 0 <= x <= 100 and 0 <= y <= 100:
                return (x / 100, y / 100)
        self._error(metadata.source(content), "Slide_focus",
                    f"Slide_focus « {value} » : attendu deux pourcentages entre 0 % et 100 %, position "
                    "horizontale puis verticale du sujet de la photo (par exemple « Slide_focus: 30% 40% »)")
        return (0.5, 0.5)

    def _image(self, content) -> Path | None:
        value = metadata.raw(content, "slide_image")
        if value is None or value == "":
            return None
        path = metadata.source(content)
        words = value.split()
        if any("%" in word for word in words):
            self._error(path, "Slide_image",
                        f"Slide_image « {value} » : écrivez seulement le chemin de la photo ; le point "
                        "d'intérêt se donne à part, par exemple « Slide_focus: 30% 40% »")
            words = [word for word in words if "%" not in word]
        relative = " ".join(words)
        relative = re.sub(r"^\{(static|attach|filename)\}", "", relative).lstrip("/")
        candidate = (self.content_root / relative).resolve()
        if not candidate.is_relative_to(self.content_root):
            self._error(path, "Slide_image",
                        f"Slide_image « {relative} » est hors du dossier content/ : copiez la photo dans "
                        "content/images/ et écrivez par exemple « Slide_image: images/photo.jpg »")
            return None
        candidate = regular_file(self.content_root, self.content_root / relative)  # never through a link
        if candidate is None:
            self._error(path, "Slide_image",
                        f"Slide_image « {relative} » : fichier introuvable dans content/ ; vérifiez le nom "
                        "(majuscules, accents, extension) ou copiez la photo dans content/images/")
            return None
        problem = check_image(candidate)
        if problem:
            self._error(path, "Slide_image", f"Slide_image « {relative} » {problem}")
            return None
        return candidate


def check_image(path: Path) -> str | None:
    """None when Pillow can read the photo's header and size within the limit; else the French reason."""
    try:
        with open_image(path) as image:
            image.verify()
    except ImageTooLargeError as exc:
        return str(exc)
    except Exception:  # noqa: BLE001 - whatever Pillow says, the officer gets one French answer
        return ("n'est pas une image lisible (fichier abîmé ou format inconnu) : réenregistrez-la "
                "en JPEG ou PNG")
    return None
