"""The officer's preview page (signage/apercu/): a thumbnail opens the slide full size with its band.

Mouse and keyboard, the DSFR modal (focus inside, Escape, focus back on the
thumbnail), the band as the screen shows it at that moment (the player's
status.js and band.css), and axe at 375 and 1280 px with the dialog open.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
               "resultTypes": ["violations"]}


def open_preview(server, page_factory, query: str, width: int = 1280, height: int = 900):
    page = page_factory(width=width, height=height)
    page.goto(f"{server.url}/signage/apercu/?{query}")
    page.wait_for_selector("body[data-apercu=pret]")
    page.wait_for_function("document.documentElement.getAttribute('data-fr-js') === 'true'")
    return page


def shown(page) -> dict:
    return page.evaluate("""() => {
        const frame = document.getElementById('apercu-ecran-grand'), band = document.getElementById('apercu-bandeau');
        const image = document.getElementById('apercu-image-grande');
        const f = frame.getBoundingClientRect(), b = band.getBoundingClientRect();
        const part = (name) => band.querySelector(`[data-part=${name}]`);
        return {title: document.getElementById('apercu-modale-titre').textContent, src: image.getAttribute('src'),
                natural: [image.naturalWidth, image.naturalHeight], frame: [f.width, f.height, f.bottom],
                band: [b.height, b.bottom], time: part('time').textContent, hours: part('hours').textContent,
                emergency: part('emergency').textContent, state: band.dataset.state, mode: frame.dataset.mode,
                background: getComputedStyle(band).backgroundColor, viewport: innerHeight,
                overflow: [...band.children].filter(e => !e.hidden).some(e => e.scrollWidth > e.clientWidth + 1)};
    }""")


def test_a_click_shows_the_slide_full_size_with_the_band_of_that_moment(sample_server, page_factory):
    page = open_preview(sample_server, page_factory, "jour=2026-12-13&heure=10:00&ecran=vitrine")
    first = page.locator("#apercu-liste li").first
    title = first.locator(".apercu-titre").inner_text()
    thumbnail = first.locator("button.apercu-vignette")
    assert thumbnail.get_attribute("aria-controls") == "apercu-modale"
    thumbnail.click()
    page.wait_for_selector("#apercu-modale[open]")
    page.wait_for_function("document.getElementById('apercu-image-grande').complete")
    state = shown(page)
    assert state["title"] == title == "Le point d’accueil est fermé"  # a Sunday: closed first
    assert state["natural"] == [1920, 1080]  # the screen's own image, not a thumbnail
    width, height, bottom = state["frame"]
    assert width > 2 * 272 and abs(width / height - 1920 / 1080) < 0.01 and bottom <= state["viewport"]
    # The band as the player draws it: 8 % of the screen's height, at its bottom, its words at that moment.
    assert abs(state["band"][0] - 0.08 * height) < 1.5 and abs(state["band"][1] - bottom) < 1
    assert (state["time"], state["hours"], state["state"]) == ("10:00", "Fermé\u00a0· ouvre demain à 9\u00a0h", "closed")
    assert state["emergency"] == "Urgences\u00a0: 17\u00a0· 112\u00a0· 114" and not state["overflow"]


def test_the_keyboard_opens_and_closes_it_and_focus_comes_back(sample_server, page_factory):
    page = open_preview(sample_server, page_factory, "jour=2026-12-05&heure=10:00&ecran=totem", width=375, height=800)
    thumbnail = page.locator("button.apercu-vignette").first
    thumbnail.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#apercu-modale[open]")
    assert page.evaluate("document.getElementById('apercu-modale').contains(document.activeElement)")
    state = shown(page)
    assert state["mode"] == "alert" and state["background"] == "rgb(206, 5, 0)"  # the alert's red band
    assert state["frame"][2] <= state["viewport"] and not state["overflow"]
    page.keyboard.press("Escape")
    page.wait_for_function("!document.getElementById('apercu-modale').open")
    assert page.evaluate("document.activeElement.classList.contains('apercu-vignette')")


@pytest.mark.parametrize("width", [375, 1280])
def test_the_dialog_passes_axe(sample_server, page_factory, width):
    page = open_preview(sample_server, page_factory, "jour=2026-12-15&heure=14:30&ecran=totem", width=width, height=800)
    page.locator("button.apercu-vignette").nth(1).click()
    page.wait_for_selector("#apercu-modale[open]")
    page.wait_for_function("document.getElementById('apercu-image-grande').complete")
    # The DSFR modal fades in: measured mid-transition, its text has not its final contrast yet.
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in violations]
