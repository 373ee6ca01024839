"""The emergency numbers as links a phone can call: 17 and 112 (`tel:`), 114 by text message (`sms:`).

`link_numbers(escaped, in_link)` takes one HTML text node (typeset, escaped) and
makes an emergency number in it a link only where it is said as a number to dial:

- after a dialling word (« appelez le 17 », « composez le 112 », « SMS au 114 »,
  « numéro 17 »), or alone, before punctuation or a dash (« 17 – Police secours »,
  « le **112** », « En cas d'urgence : 17. »);
- never inside another number: a phone number or a postcode written in groups
  (« 03 84 17 17 17 », « +33 3 84 112 114 », « 70 112 Vesoul »), a date, a time or
  an address (« 2026-10-17 », « 17/10 », « 1,17 »);
- never when it counts something or names something: followed by a word
  (« 17 cambriolages », « 112 vols », « 17 gendarmes », « 114 avenue… »,
  « dès 17 ans ») — unless a dialling word comes before it — nor followed by a
  unit, a month or « h » even after a dialling word (« le 17 déc. », « le 17 h »),
  nor after a code or a counting word (« RN 17 », « bâtiment B 17 », « page 17 »,
  « samedi 17 »);
- text already inside a link, a button or a whole-card link (DSFR `fr-enlarge-link`):
  a link cannot hold another one.

`NUMBERS` says which number is dialled and which is texted; `href(number)` is the
one place that writes their links (templates use it through the `|emergency_href` filter).
"""

from __future__ import annotations

import re

NUMBERS = {"17": "tel:17", "112": "tel:112", "114": "sms:114"}
_SPACE = "[ \u00a0\u202f]"
# After the number: it counts or dates something, even after a dialling word.
_COUNTED = ("h", "heure", "heures", "an", "ans", "mois", "jour", "jours", "semaine", "semaines", "min",
            "minute", "minutes", "km", "m", "kg", "personne", "personnes", "fois", "janvier", "février",
            "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
            "décembre", "janv", "févr", "avr", "juil", "sept", "oct", "nov", "déc", "rue", "avenue",
            "boulevard", "bd", "place", "route", "chemin", "allée", "impasse", "bis", "ter", "%", "€", "euros")
# Before the number: it is a day, a page, a road, a building…, not a number to dial.
_BEFORE = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "n°", "no", "page",
           "article", "chapitre", "p.", "rn", "rd", "d", "n", "a", "b", "c", "bâtiment", "bat", "bât", "porte",
           "salle", "quai", "voie", "ligne", "bus", "lot")
# Before the number: it is said as a number to call or to text.
_DIAL = ("le", "au", "du", "composez", "composer", "appelez", "appeler", "appel", "numéro", "numéros", "faites",
         "urgence", "urgences")
_DIGIT_GROUP = rf"\d{_SPACE}"  # « 03 84 17 … »: a number written in groups
_NUMBER = re.compile(
    r"(?<![\w/.,:\-–°+])"  # not the end of a longer number, a date, a code or an address
    rf"(?<!{_DIGIT_GROUP})"
    r"(17|112|114)"
    r"(?![\w/]|[.,:]\d|-\w)"  # nor the start of one
    rf"(?!{_SPACE}\d)"
    rf"(?!{_SPACE}*(?:{'|'.join(re.escape(word) for word in _COUNTED)})(?![\w]))",
    re.IGNORECASE)


def _word_before(text: str) -> str:
    """The word just before the end of `text` (lower case, without « : »), or ""."""
    found = re.search(rf"([\w°.’']+){_SPACE}*:?{_SPACE}*$", text)
    return found.group(1).lower().rstrip(".") if found else ""


def _said_as_a_number_to_dial(before: str, after: str) -> bool:
    word = _word_before(before)
    if word in _BEFORE or f"{word}." in _BEFORE:
        return False
    if word in _DIAL:
        return True
    if re.match(rf"{_SPACE}+(?:et|ou){_SPACE}+(?:le{_SPACE}+)?(?:17|112|114)\b", after):
        return True  # « 17, 112 et 114 »: one of a list of numbers
    return re.match(rf"{_SPACE}*[\w«]", after) is None  # alone, or before punctuation or a dash


def href(number: str) -> str:
    """`tel:17`, `tel:112`, `sms:114`."""
    return NUMBERS[str(number)]


def link_numbers(escaped: str, in_link: bool) -> str:
    """One HTML text node (escaped) with its emergency numbers as links (see the module docstring)."""
    if in_link or not any(number in escaped for number in NUMBERS):
        return escaped

    def link(match: re.Match) -> str:
        if not _said_as_a_number_to_dial(escaped[:match.start()], escaped[match.end():]):
            return match.group()
        number = match.group(1)
        return f'<a href="{NUMBERS[number]}">{number}</a>'

    return _NUMBER.sub(link, escaped)
