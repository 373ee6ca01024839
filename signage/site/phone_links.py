"""The emergency numbers as links a phone can call: 17 and 112 (`tel:`), 114 by text message (`sms:`).

`link_numbers(escaped, in_link)` takes one HTML text node (typeset, escaped) and
makes each emergency number in it a link, wherever the officer or a template wrote
it (« appelez le 17 », « le **112** », « **114 – Par SMS** »), except:

- a number that counts something or is a date or a time: followed by « h »,
  « heures », « ans », a month, « % », « € », a unit, a street word
  (« dès 17 ans », « samedi 17 octobre », « de 10 h à 17 h », « 114 avenue… »), or
  part of a longer number, a date or an address (« 2026-10-17 », « 17/10 », « 1,17 »);
- text already inside a link, a button or a whole-card link (DSFR `fr-enlarge-link`):
  a link cannot hold another one.

`NUMBERS` says which number is dialled and which is texted; `href(number)` is the
one place that writes their links (templates use it through the `|emergency_href` filter).
"""

from __future__ import annotations

import re

NUMBERS = {"17": "tel:17", "112": "tel:112", "114": "sms:114"}
_SPACE = "[ \u00a0\u202f]"
_COUNTED = ("h", "heure", "heures", "an", "ans", "mois", "jour", "jours", "semaine", "semaines", "min",
            "minute", "minutes", "km", "m", "kg", "personne", "personnes", "fois", "janvier", "février",
            "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
            "décembre", "rue", "avenue", "boulevard", "bd", "place", "route", "chemin", "allée", "impasse",
            "bis", "ter", "%", "€", "000")
_BEFORE = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "n°", "no", "page",
           "article", "chapitre", "p.")
_NUMBER = re.compile(
    r"(?<![\w/.,:\-–°])"  # not the end of a longer number, a date, a code or an address
    r"(17|112|114)"
    r"(?![\w/]|[.,:]\d|-\w)"  # nor the start of one
    rf"(?!{_SPACE}*(?:{'|'.join(re.escape(word) for word in _COUNTED)})(?![\w]))",
    re.IGNORECASE)
_WORD_BEFORE = re.compile(rf"(?:^|[\s(])({'|'.join(re.escape(word) for word in _BEFORE)}){_SPACE}*$", re.IGNORECASE)


def href(number: str) -> str:
    """`tel:17`, `tel:112`, `sms:114`."""
    return NUMBERS[str(number)]


def link_numbers(escaped: str, in_link: bool) -> str:
    """One HTML text node (escaped) with its emergency numbers as links (see the module docstring)."""
    if in_link or not any(number in escaped for number in NUMBERS):
        return escaped

    def link(match: re.Match) -> str:
        if _WORD_BEFORE.search(escaped[:match.start()]):
            return match.group()
        number = match.group(1)
        return f'<a href="{NUMBERS[number]}">{number}</a>'

    return _NUMBER.sub(link, escaped)
