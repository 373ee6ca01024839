"""An event slide says when and where once, from the event's data, under its title.

- `event_line(words, location, here)`: the date line (« Samedi 12 décembre,
  10 h – 17 h », from core.wording) then the place (`Location`) on a line of
  its own; when the place is the reception point itself (`at_reception`), the
  screens are there: the place line is left out and the date line starts with
  « Ici » (« Ici, samedi 12 décembre, 10 h – 17 h »), one word instead of a
  line that tells a passer-by where they already stand.
- `at_reception(location, reception)`: the place is the reception point when
  every significant word of `Location` is one of RECEPTION's name, street and
  locality (pelicanconf.py), and at least two are words of its name
  (« Point d'accueil de gendarmerie, parc commercial de Pusey » is; « Parc
  commercial de Pusey » or « Salle des fêtes de Pusey » is not).
- `repeats(text, event, location)`: what a title or text repeats of that line
  (« 12 décembre », « samedi », « 10 h », « point d'accueil »), for the
  officer's warning (`invoke check`).

Pure: the event is anything with `start`, `end` (aware), `all_day`, `first_day`, `last_day`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

from babel.dates import format_date

from signage.core.clock import PARIS
from signage.core.suggest import folded
from signage.core.typography import french
from signage.core.wording import LOCALE, day_name, time_words

HERE = "Ici"
# Words that say nothing about a place (articles, prepositions).
_STOP = frozenset(("a", "au", "aux", "de", "des", "du", "en", "et", "la", "le", "les", "l", "d", "sur", "dans",
                   "devant", "pres", "un", "une", "ou", "par", "pour"))
_WORD = re.compile(r"\w+(?:[’'-]\w+)*")
_ELISION = re.compile(r"^(?:l|d|qu|j|n|s|c|m|t)[’']", re.IGNORECASE)


def _words(text: str) -> list[tuple[str, int, int]]:
    """(folded significant word, start, end) for each word of `text` that names something."""
    found = []
    for match in _WORD.finditer(text or ""):
        word = _ELISION.sub("", match.group())
        key = folded(word).replace("’", "").replace("'", "")
        if key and key not in _STOP and not key.isdigit():
            found.append((key, match.start(), match.end()))
    return found


def _significant(*texts: str) -> set[str]:
    return {key for text in texts for key, _start, _end in _words(text)}


def at_reception(location: str | None, reception: Mapping | None) -> bool:
    """True when `location` names the reception point described by RECEPTION (see the module docstring)."""
    if not location or not reception:
        return False
    place = _significant(location)
    name = _significant(str(reception.get("name", "")))
    known = name | _significant(*(str(reception.get(key, "")) for key in ("street", "locality")))
    return bool(place) and place <= known and len(place & name) >= 2


def event_line(words: str, location: str | None, here: bool) -> str:
    """The lines under an event's title: when (`words`, from core.wording), then where."""
    words = french(words)  # « 10 h – 17 h » on one line (core.typography)
    if here:
        return f"{HERE}, {words}"
    line = words[:1].upper() + words[1:]
    return f"{line}\n{location}" if location else line


def _days(event) -> list:
    first, last = event.first_day, event.last_day
    return [first] if first == last else [first, last]


def _date_patterns(event) -> Iterable[tuple[str, str]]:
    """(regular expression on folded text, what it finds in French) for the event's days and times."""
    for day in _days(event):
        month = format_date(day, "MMMM", locale=LOCALE)
        number = "1er" if day.day == 1 else str(day.day)
        yield rf"\b{day.day}(?:er)?\s+{folded(month)}\b", f"{number} {month}"
        yield rf"\b{folded(day_name(day.weekday()))}\b", day_name(day.weekday())
        yield rf"\b0?{day.day}[/.]0?{day.month}\b", f"{day.day:02d}/{day.month:02d}"
        yield rf"\b{day.year}-{day.month:02d}-{day.day:02d}\b", day.isoformat()
    if not event.all_day:
        for moment in (event.start.astimezone(PARIS), event.end.astimezone(PARIS)):
            minutes = f"\\s*{moment.minute:02d}" if moment.minute else r"(?:\s*00)?"
            yield rf"\b{moment.hour}\s*(?:h|heures?|:){minutes}(?!\d)", time_words(moment)


def _fold_for_search(text: str) -> str:
    """Folded like core.suggest.folded but keeping spaces and punctuation."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("\u00a0", " ").replace("\u202f", " "))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def repeats(text: str, event, location: str | None, reception: Mapping | None = None) -> tuple[list[str], list[str]]:
    """(date words, place words) that `text` repeats of the event's date and place lines."""
    searched = _fold_for_search(text or "")
    dates: list[str] = []
    for pattern, said in _date_patterns(event):
        if re.search(pattern, searched) and said not in dates:
            dates.append(said)
    pairs = _pairs(location or "")
    if at_reception(location, reception):
        pairs |= _pairs(str(reception.get("name", "")))
    place = [key for key, _start, _end in _words(location or "")]
    single = place[0] if len(place) == 1 else None  # « Vesoul »: the one word is the place
    places: list[str] = []
    words = _words(text or "")
    for (first, start, _end), (second, _start, end) in zip(words, words[1:], strict=False):
        if (first, second) in pairs and text[start:end] not in places:
            places.append(text[start:end])
    for key, start, end in words:
        if key == single and text[start:end] not in places:
            places.append(text[start:end])
    return dates, places


def _pairs(text: str) -> set[tuple[str, str]]:
    """Each two significant words that follow each other in `text` (« point », « accueil »)."""
    keys = [key for key, _start, _end in _words(text)]
    return set(zip(keys, keys[1:], strict=False))
