"""core.typography: the one French rule for the site's text and the slides' text."""

from __future__ import annotations

import pytest

from signage.core.typography import NBSP, NNBSP, french, typeset

CASES = [
    ("Point d'accueil", "Point d’accueil"),
    ("Attention : danger", f"Attention{NBSP}: danger"),
    ("Attention: danger", f"Attention{NBSP}: danger"),
    ("Vraiment ? Oui ! Bien ; fin", f"Vraiment{NNBSP}? Oui{NNBSP}! Bien{NNBSP}; fin"),
    ("« Vigilance »", f"«{NBSP}Vigilance{NBSP}»"),
    ("de 9 h à 19 h", f"de 9{NBSP}h à 19{NBSP}h"),
    ("à 14h30", f"à 14{NBSP}h{NBSP}30"),
    ("10 h – 17 h", f"10{NBSP}h{NBSP}–{NBSP}17{NBSP}h"),
    ("40 000 euros, 20 %", f"40{NNBSP}000 euros, 20{NBSP}%"),
    ("à 10:30", "à 10:30"),
    # Found by an outsider: not idempotent (the body, typeset once, differed from the summary).
    ("« Attention:»", f"«{NBSP}Attention{NBSP}:{NBSP}»"),
]


@pytest.mark.parametrize(("written", "printed"), CASES)
def test_french_rule(written, printed):
    assert french(written) == printed
    assert french(printed) == printed  # idempotent


@pytest.mark.parametrize("address", [
    "https://www.masecurite.interieur.gouv.fr/fr/demarches?x=1:2",
    "www.service-public.fr/particuliers",
    "masecurite.interieur.gouv.fr/fr",
    "contact.pusey@gendarmerie.interieur.gouv.fr",
    "tel:17",
    "example.de/page?x=1", "exemple.be/a?b=1",  # found by an outsider: any domain with a path
])
def test_addresses_are_left_as_written(address):
    assert french(f"Voir {address} !") == f"Voir {address}{NNBSP}!"


def test_html_text_nodes_only():
    fragment = ('<p title="a : b" class="x">Voici : <code>a : b</code> <a href="https://x.fr/?a=1:2">l\'aide</a>'
                "</p><pre>d'abord ?</pre><script>if (a ? b : c) {}</script><title>1er : x</title>")
    assert typeset(fragment) == (
        f'<p title="a : b" class="x">Voici{NBSP}: <code>a : b</code> <a href="https://x.fr/?a=1:2">l’aide</a>'
        f"</p><pre>d'abord ?</pre><script>if (a ? b : c) {{}}</script><title>1er{NBSP}: x</title>")


def test_markup_puts_ordinals_in_superscript_and_keeps_a_time_range_whole():
    assert typeset("<p>Mardi 1er décembre, 2e étage, 10 h – 12 h</p>") == (
        f'<p>Mardi 1<sup>er</sup> décembre, 2<sup>e</sup> étage, '
        f'<span class="vitrine-nowrap">10{NBSP}h{NBSP}–{NBSP}12{NBSP}h</span></p>')


def test_entities_written_as_text_stay_escaped():
    assert typeset("<p>a &lt;b&gt; &amp; c</p>") == "<p>a &lt;b&gt; &amp; c</p>"


def _reference_outside_addresses(text: str, rule) -> str:
    """The rule between addresses, with the address search always run (no quick scan)."""
    from signage.core.typography import _ADDRESS

    pieces, last = [], 0
    for match in _ADDRESS.finditer(text):
        pieces += [rule(text[last:match.start()]), match.group()]
        last = match.end()
    return "".join(pieces + [rule(text[last:])])


def test_the_quick_scan_before_the_address_search_never_skips_an_address():
    """Text the quick scan lets through holds no address: same result as the full search, on
    seeded random text mixing words, punctuation, entities and every kind of address."""
    import random

    from signage.core.typography import _outside_addresses

    pieces = ["Voir", "le", "site", "d'accueil", ":", "?", "!", ";", ".", ",", "fin.", "x-", "-", "+", "a.b",
              "&lt;", "&amp;", "&#33;", "@", "mail@example.org", "a+b@x-y.fr", "https://x.fr/a?b=1:2",
              "mailto:a@b.fr", "tel:17", "sms:114", "www.", "www.example.com", "exemple.be/a?b=1",
              "masecurite.interieur.gouv.fr", "foo-.fr", "ftp://h", "10:30", "1er", "é.fr", "x.y/z"]
    rng = random.Random(2026)

    def marked(part: str) -> str:
        return f"[{part}]"

    for _ in range(3000):
        text = rng.choice(["", " ", "\u00a0"]).join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
        assert _outside_addresses(text, marked) == _reference_outside_addresses(text, marked), text


def test_a_script_holding_tag_like_text_is_left_whole_and_written_once():
    """Found while speeding the tokenizer up: « <div> » or « a<b » inside a script was tokenised as
    tags and the script's text written twice."""
    fragment = '<p>a : b</p><script>var s = "<div class=x>"; if (a<b) {}</script><p>c : d</p>'
    assert typeset(fragment) == (f'<p>a{NBSP}: b</p><script>var s = "<div class=x>"; if (a<b) {{}}</script>'
                                 f"<p>c{NBSP}: d</p>")
