"""What the officer is told about a slide's wording, in French, into the build's ErrorLog.

Each check gives every problem of every slide in one run, with the file and
the field, and the fix:

- `check_fit`: the title and the text fit each of the slide's screens at the
  smallest size legible at 3 m (rendering/textfit), laid out as the slide
  will be once its photo is there: a `Slide_image` that is missing or
  unreadable (an error of its own) still takes its place, and an event whose
  dates are wrong still has its date line; a single word wider than the
  screen is named, with where to break it;
- `check_reading`: the reading budget (screens/reading): a warning above what
  a passer-by reads in `Slide_duration`, an error far beyond;
- `check_repeats`: a warning when `Slide_title` or `Slide_text` repeats the
  event's date or place, which the slide already shows under the title
  (screens/event_lines);
- `check_glyphs`: a character the screens' font cannot draw (an emoji, some
  symbols) is an error naming it, its Unicode name and the field, instead of
  a box on the screen.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace

from signage.core.settings import SLIDE_SECONDS
from signage.screens import event_lines, reading
from signage.screens.rendering import textfit

# A date line as long as an event's usually is: the layout of an event slide whose dates are wrong.
STAND_IN_WHEN = "samedi 30 septembre, 10 h 30 – 17 h 30"
LEGIBLE = "même à la plus petite taille lisible à 3 mètres"


def check_fit(slides, specs, screens, renderer, log, known=lambda spec, w, h: False) -> None:
    """Every text fits each of its screens (see the module docstring); one message per field.

    A slide already in the render cache with the same inputs (and renderer code) fitted then.
    """
    for slide in slides:
        spec = specs[slide.id]
        if slide.identity == "evenements" and slide.event is None:  # dates refused: keep their line's place
            spec = replace(spec, when_line=event_lines.event_line(STAND_IN_WHEN, slide.location, False))
        worst: dict[str, list] = {}  # field -> [overflow, screen names]
        for name in slide.screens:
            width, height = screens[name]["width"], screens[name]["height"]
            if bool(slide.image) == slide.image_given and known(spec, width, height):
                continue
            layout = renderer.layout(spec, width, height, with_photo=slide.image_given)
            for field_name, overflow, _part in layout.problems:
                found = worst.setdefault(field_name, [overflow, []])
                found[0] = _worse(found[0], overflow)
                found[1].append(name)
        for field_name, (overflow, names) in worst.items():
            which = ", ".join(f"« {n} » ({screens[n]['width']}×{screens[n]['height']})" for n in names)
            log.error(slide.source_path, field_name, fit_message(field_name, overflow, which))


def _worse(one: textfit.Overflow, other: textfit.Overflow) -> textfit.Overflow:
    if one.long_word or other.long_word:
        words = [o for o in (one, other) if o.long_word]
        return min(words, key=lambda o: o.word_fits)
    return one if one.chars_to_cut >= other.chars_to_cut else other


def fit_message(field_name: str, overflow: textfit.Overflow, which: str) -> str:
    """The French message for a text that does not fit the screens `which`."""
    if overflow.long_word is None:
        chars = overflow.chars_to_cut
        return (f"{field_name} : trop long pour l'écran {which}, {LEGIBLE} ; raccourcissez-le d'au moins "
                f"{chars} caractère{'s' if chars > 1 else ''}.")
    word, fits = overflow.long_word, overflow.word_fits
    head = (f"{field_name} : le mot « {word} » ({len(word)} caractères) ne tient pas sur une ligne de l'écran "
            f"{which}, {LEGIBLE} : une ligne en contient au plus {fits}. ")
    return head + where_to_break(word, fits)


def where_to_break(word: str, fits: int) -> str:
    """Where to break a word of which only the first `fits` characters fit on a line."""
    is_address = "." in word.strip(".,;:!?") and any(c in word for c in "./") and " " not in word
    cut = max((word.rfind(mark, 0, fits) for mark in "/.-_"), default=-1)
    if cut > 0:
        first, rest = word[:cut + 1], word[cut + 1:]
        advice = f"Coupez-le après « {first} » (une espace après, « {rest} » passe à la ligne)"
        if is_address:
            return (advice + ", ou mieux : retirez l'adresse du texte et mettez-la dans Slide_link, "
                    "le QR code y mène et sa légende la montre.")
        return advice + ", ou remplacez-le par un mot plus court."
    keep = max(1, fits - 1)  # room for the hyphen
    return (f"Coupez-le avec un trait d'union au plus tard après « {word[:keep]} » (« {word[:keep]}- "
            f"{word[keep:]} »), ou remplacez-le par un mot plus court.")


def check_reading(slide, spec, log) -> None:
    """The reading budget of a slide (screens/reading), on the field the officer can shorten."""
    texts = [spec.title, spec.when_line, spec.text]
    result = reading.reading(texts, slide.duration)
    if result.severity is None:
        return
    fields = " et ".join(f for f in (slide.title_field, slide.text_field) if f) or slide.title_field
    field_name = slide.text_field if (slide.text_field and spec.text) else slide.title_field
    text = reading.message(result, fields, reading.count_words(spec.when_line), max_seconds=SLIDE_SECONDS[1])
    (log.error if result.severity == "error" else log.warning)(slide.source_path, field_name, text)


def summary_within_budget(text: str, other_texts, seconds: float) -> str:
    """Pelican's automatic summary, cut to what is left of the reading budget (never refused)."""
    used = sum(reading.count_words(other) for other in other_texts)
    return reading.shorten(text, max(0, reading.readable_words(seconds) - used))


def check_repeats(slide, spec, reception, log) -> None:
    """A warning for each of Slide_title / Slide_text that repeats the event's date or place."""
    if slide.event is None:
        return
    shown = " / ".join(spec.when_line.replace("\u00a0", " ").split("\n"))
    if event_lines.at_reception(slide.location, reception):
        shown += " » : l'écran est au point d'accueil, il n'en dit pas plus"
    else:
        shown += " », d'après Event_start, Event_end et Location"
    for field_name, text in ((slide.title_field, slide.title), (slide.text_field, slide.text)):
        if not field_name or not text:
            continue
        dates, places = event_lines.repeats(text, slide.event, slide.location, reception)
        said = []
        if dates:
            said.append(f"la date ({', '.join(f'« {d} »' for d in dates)})")
        if places:
            said.append(f"le lieu ({', '.join(f'« {p} »' for p in places)})")
        if said:
            log.warning(slide.source_path, field_name,
                        f"{field_name} répète {' et '.join(said)} : l'écran les affiche déjà sous le titre "
                        f"(« {shown}). Retirez-les de {field_name} : le passant aura lu autre chose dans "
                        "le même temps.")


def check_glyphs(slide, spec, fonts, log) -> None:
    """An error for each field holding characters the screens' font cannot draw."""
    fields = [(slide.title_field, spec.title, "bold"), (slide.text_field or "Summary", spec.text, "regular"),
              ("Location", slide.location or "", "bold"), ("Slide_link", spec.short_link, "medium")]
    for field_name, text, weight in fields:
        missing = fonts.missing(weight, text)
        if not missing:
            continue
        named = ", ".join(_named(char) for char in missing)
        plural = len(missing) > 1
        log.error(slide.source_path, field_name,
                  f"{field_name} : {'les caractères' if plural else 'le caractère'} {named} "
                  f"{'n’existent' if plural else 'n’existe'} pas dans la police des écrans ({fonts.family}) : "
                  f"{'ils s’afficheraient' if plural else 'il s’afficherait'} comme un carré vide. "
                  f"Retirez-{'les' if plural else 'le'} ou remplacez-{'les' if plural else 'le'} par des mots.")


def _named(char: str) -> str:
    name = unicodedata.name(char, "sans nom")
    code = f"U+{ord(char):04X}"
    if unicodedata.category(char) in ("Mn", "Me", "Cf", "Cc"):
        return f"{code} ({name}, invisible)"
    return f"« {char} » ({code}, {name})"
