"""`invoke slides --at "2026-12-13 10:00" --screen vitrine`: what a screen plays at a moment.

Builds the site as it would be built at that moment (SOURCE_DATE_EPOCH set to
it, so the feed's horizon covers it) into a throw-away folder, then asks
`playlist.playlist_at` — the rule the player implements too — which slides
the screen plays then, in order. Only the alerts while one is valid.
"""

from __future__ import annotations

import json
import os
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from signage.core.clock import PARIS
from signage.core.errors import CommandError, Problem, format_report
from signage.core.moments import MomentError, moment_message
from signage.core.moments import parse_moment as parse_written_moment
from signage.core.vocabulary import screen_named, unknown_screen


class PreviewError(CommandError):
    """A French message for the officer; `problems` when the content has errors."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems = problems or []

    def report(self) -> str:
        if self.problems:
            return f"{format_report(self.problems)}\nAperçu impossible tant que ces erreurs restent : corrigez-les d'abord."
        return f"Aperçu impossible : {self}"


def parse_moment(text: str) -> datetime:
    """`--at`: a moment (core.moments) in Paris time; a whole day means its first instant (midnight)."""
    try:
        return parse_written_moment(text).start
    except MomentError as error:
        raise PreviewError(moment_message("--at", text, error)) from None


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

    screens = list(feed.get("screens", {}))
    name = screen_named(screen, screens)
    if name is None:
        raise PreviewError(f"--screen « {screen} » : {unknown_screen(screen, screens)}.")
    screen = name
    chosen = playlist_at(feed, screen, moment)
    slides = [PreviewSlide(s["id"], s["kind"], s["title"], float(s["duration"]), s["image"]["url"])
              for s in chosen]
    return Preview(screen, moment, slides, alert=any(s.kind == "alert" for s in slides))


def _declared_screens(settings_file: str, overrides: dict) -> list[str]:
    """The screens pelicanconf.py declares (none when the settings cannot be read: the build will say why)."""
    from pelican.settings import read_settings

    from signage.core import settings as vitrine_settings

    try:
        settings = read_settings(settings_file, override=overrides)
        vitrine_settings.apply_defaults(settings)
        return vitrine_settings.screen_names(settings)
    except Exception:  # noqa: BLE001 - the build that follows reports any settings problem in French
        return []


def preview(settings_file: str, moment: datetime, screen: str, content: str | os.PathLike | None = None,
            overrides: dict | None = None) -> Preview:
    """Build at `moment` into a temporary folder and read what `screen` plays then."""
    from signage.workflow.build import run_build

    settings = dict(overrides or {})
    if content:
        settings["PATH"] = str(Path(content).resolve())
    settings["SIGNAGE_PREVIEW"] = False  # the preview page is not needed here
    declared = _declared_screens(settings_file, settings)
    if declared and screen_named(screen, declared) is None:  # say it before a build of several seconds
        raise PreviewError(f"--screen « {screen} » : {unknown_screen(screen, declared)}.")
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
