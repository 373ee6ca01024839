"""The reading budget: how many words a passer-by reads in a slide's time.

People walking past a shop window read a slide at a glance, from about 3 m:
about 2–3 words per second (DESIGN.md), far slower than reading a book at a
desk (about 4 words per second, 240 words a minute). Vitrine's figures:

- NOTICE = 1 s: the cross-fade (0.8 s in the player) and the moment the eye
  needs to find the text on a new slide; nothing is read then;
- READING_RATE = 2.5 words per second after that, the middle of the 2–3 range:
  above it, an officer's warning (the slide still plays);
- LIMIT_RATE = 4 words per second: that is the pace of reading a book, which
  nobody does at a shop window; above it, the slide is refused.

So a slide of 10 s (the default) carries 22 words at most without a warning
and is refused beyond 36. What counts is what a passer-by has to read: the
title, the text, and an event's date and place line; a time of day (« 10 h »,
« 14 h 30 ») is one word, punctuation none; the category label and the QR
code's caption are not counted (only those who want the link read it).

Pure: no Pelican, no fonts; the generator calls `reading()` for each slide.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

NOTICE = 1.0  # seconds to notice a new slide before reading it
READING_RATE = 2.5  # words per second a passer-by reads
LIMIT_RATE = 4.0  # words per second beyond which a slide is refused

_TIME = re.compile(r"\b\d{1,2}[\s\u00a0\u202f]?h(?:[\s\u00a0\u202f]?\d{2})?\b")  # « 10 h », « 14 h 30 »


def count_words(text: str) -> int:
    """Words a reader reads in `text`: « Renseignez-vous », « l’Opération », « 17 », « 10 h » count one each."""
    text = _TIME.sub("0", text or "")
    return sum(1 for token in text.split() if any(char.isalnum() for char in token))


def readable_words(seconds: float, rate: float = READING_RATE) -> int:
    """How many words are read in a slide shown `seconds` at `rate` words per second."""
    return math.floor(rate * max(0.0, seconds - NOTICE) + 1e-9)


def seconds_for(words: int) -> int:
    """The whole number of seconds a slide of `words` words needs to be read."""
    return math.ceil(NOTICE + words / READING_RATE - 1e-9)


@dataclass(frozen=True)
class Reading:
    words: int  # words to read on the slide
    seconds: float  # its Slide_duration

    @property
    def readable(self) -> int:
        """Words a passer-by reads in the slide's time: above this, a warning."""
        return readable_words(self.seconds)

    @property
    def limit(self) -> int:
        """Words beyond which the slide is refused."""
        return readable_words(self.seconds, LIMIT_RATE)

    @property
    def severity(self) -> str | None:
        """None when the slide can be read in its time, else "warning" or "error"."""
        if self.words > self.limit:
            return "error"
        if self.words > self.readable:
            return "warning"
        return None

    @property
    def words_to_cut(self) -> int:
        return max(0, self.words - self.readable)

    @property
    def seconds_needed(self) -> int:
        return seconds_for(self.words)


def reading(texts: Iterable[str], seconds: float) -> Reading:
    """The reading of a slide whose texts (title, event line, text) are `texts`, shown `seconds`."""
    return Reading(sum(count_words(text) for text in texts), seconds)


def _number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def message(result: Reading, fields: str, event_words: int = 0, max_seconds: float | None = None) -> str:
    """The officer's message for a slide over its budget (`fields`: « Slide_title et Slide_text »)."""
    seconds = _number(result.seconds)
    counted = f"{result.words} mots à lire en {seconds} s"
    if event_words:
        counted += f" (dont {event_words} pour la date et le lieu de l'événement)"
    pace = (f"un passant en lit environ {result.readable} ({_number(READING_RATE)} mots par seconde, "
            f"après {_number(NOTICE)} s pour voir la diapositive)")
    cut = result.words_to_cut
    fix = f"retirez au moins {cut} mot{'s' if cut > 1 else ''}"
    if max_seconds is None or result.seconds_needed <= max_seconds:
        fix += f", ou laissez-la plus longtemps à l'écran : Slide_duration: {result.seconds_needed}"
    if result.severity == "error":
        return (f"{fields} : {counted}, bien plus qu'on ne peut en lire en passant : {pace} et la "
                f"diapositive est refusée au-delà de {result.limit} ; {fix}.")
    return f"{fields} : {counted} ; {pace} : {fix}."


def shorten(text: str, words: int, ellipsis: str = "…") -> str:
    """`text` cut after its first `words` words (an ellipsis added when something was cut)."""
    if count_words(text) <= words:
        return text
    tokens = text.split(" ")
    kept: list[str] = []
    for token in tokens:
        if count_words(" ".join([*kept, token])) > words:
            break
        kept.append(token)
    return (" ".join(kept).rstrip(" ,;:\u00a0\u202f") + ellipsis) if kept else ""
