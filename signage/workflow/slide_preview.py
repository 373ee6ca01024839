"""`invoke slides --at "2026-12-13 10:00" --screen vitrine`: what a screen plays at a moment.

Builds the site as it would be built at that moment (SOURCE_DATE_EPOCH set to
it, so the feed's horizon covers it) into a throw-away folder, then asks
`playlist.playlist_at` — the rule the player implements too — which slides
the screen plays then, in order. Only the alerts while one is valid.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from signage.core.clock import PARIS
from signage.core.errors import Problem, format_report

_MOMENT = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2})(?:[:h](\d{2}))?)?\s*$")


class PreviewError(Exception):
    """A French message for the officer; `problems` when the content has errors."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems = problems or []


def parse_moment(text: str) -> datetime:
    """« 2026-12-13 10:00 » (or « 2026-12-13 », midnight; « 10h00 » accepted) in Paris time."""
    match = _MOMENT.match(text or "")
    if not match:
        raise PreviewError(f"--at « {text} » : attendu un jour et une heure, "
                           "par exemple --at \"2026-12-13 10:00\".")
    year, month, day, hour, minute = (int(g) if g else 0 for g in match.groups())
    try:
        naive = datetime(year, month, day, hour, minute)
    except ValueError:
        raise PreviewError(f"--at « {text} » n'est pas une date et une heure qui existent "
                           "(par exemple --at \"2026-12-13 10:00\").") from None
    moment = naive.replace(tzinfo=PARIS)
    # A time skipped by the spring DST change does not exist on Paris clocks.
    if moment.astimezone(PARIS).replace(tzinfo=None) != naive or \
            datetime.fromtimestamp(moment.timestamp(), PARIS).replace(tzinfo=None) != naive:
        raise PreviewError(f"--at « {text} » : cette heure n'existe pas à Paris "
                           "(changement d'heure) ; choisissez une heure plus tard.")
    return moment


@dataclass
class PreviewSlide:
    id: str
    kind: str
    title: str
    duration: float
    image: str


@dataclass
class Preview:
    screen: str
    moment: datetime
    slides: list[PreviewSlide]
    alert: bool

    def total(self) -> float:
        return sum(slide.duration for slide in self.slides)

    def format(self) -> str:
        from babel.dates import format_datetime

        when = format_datetime(self.moment, "EEEE d MMMM y 'à' HH:mm", tzinfo=PARIS, locale="fr_FR")
        count = len(self.slides)
        if not count:
            return (f"Écran « {self.screen} », {when} (heure de Paris) : aucune diapositive n'est "
                    "valable à ce moment-là ; l'écran affiche sa page d'attente.")
        head = (f"Écran « {self.screen} », {when} (heure de Paris) : {count} diapositive"
                f"{'s' if count > 1 else ''}, boucle de {_duration(self.total())}.")
        lines = [head]
        if self.alert:
            lines.append("Une alerte est en cours : seules les alertes passent.")
        width = len(str(count))
        for number, slide in enumerate(self.slides, start=1):
            label = {"alert": " [alerte]", "closed": " [fermé]"}.get(slide.kind, "")
            lines.append(f"  {number:>{width}}. {slide.title} — {_duration(slide.duration)}{label}")
        return "\n".join(lines)


def _duration(seconds: float) -> str:
    seconds = round(seconds, 1)
    whole = int(seconds)
    if whole != seconds:
        return f"{seconds:.1f} s".replace(".", ",")
    minutes, rest = divmod(whole, 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min {rest:02d} s" if rest else f"{minutes} min"


@contextmanager
def _epoch(moment: datetime):
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(moment.timestamp()))
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def from_feed(feed: dict, screen: str, moment: datetime) -> Preview:
    from signage.screens.feed.playlist import playlist_at

    screens = feed.get("screens", {})
    if screen not in screens:
        raise PreviewError(f"--screen « {screen} » : écran inconnu ; écrans déclarés dans "
                           f"pelicanconf.py : {', '.join(screens)}.")
    chosen = playlist_at(feed, screen, moment)
    slides = [PreviewSlide(s["id"], s["kind"], s["title"], float(s["duration"]), s["image"]["url"])
              for s in chosen]
    return Preview(screen, moment, slides, alert=any(s.kind == "alert" for s in slides))


def preview(settings_file: str, moment: datetime, screen: str, content: str | os.PathLike | None = None,
            overrides: dict | None = None) -> Preview:
    """Build at `moment` into a temporary folder and read what `screen` plays then."""
    from signage.workflow.build import run_build

    settings = dict(overrides or {})
    if content:
        settings["PATH"] = str(Path(content).resolve())
    settings["SIGNAGE_PREVIEW"] = False  # the preview page is not needed here
    with tempfile.TemporaryDirectory(prefix="vitrine-slides-") as folder, _epoch(moment):
        output = Path(folder) / "site"
        result = run_build(settings_file, output, settings, swap=False)
        if result.errors:
            raise PreviewError(format_report(result.errors), result.errors)
        feed_path = output / "signage" / "feed.json"
        if not feed_path.is_file():
            raise PreviewError("la construction n'a pas produit signage/feed.json : "
                               "le module des écrans est-il activé dans pelicanconf.py (PLUGINS) ?")
        feed = json.loads(feed_path.read_text(encoding="utf-8"))
    return from_feed(feed, screen, moment)
