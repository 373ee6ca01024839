"""DSFR details of issue 13: the home's title, the event box's one left edge, the links back, past
events in « Dans la même rubrique », the « Paramètres d'affichage » control, the hours page's
open/closed badge, and `Slide_image` as the page's illustration (« une photo, une ligne »).

Built pages are read as text; what depends on layout or scripts is checked in Chromium, its clock
pinned to the sample "now" (Tuesday 1 December 2026, 10:00 in Paris).
"""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from conftest import SAMPLE_NOW

import pelicanconf
from signage.core.typography import french


def read(site, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_the_homes_title_says_what_it_offers_not_the_service_name_again(sample_site):
    html = read(sample_site, "")
    [h1] = re.findall(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert h1.strip() and h1.strip() not in (pelicanconf.SITENAME, french(pelicanconf.SITENAME))
    assert french(pelicanconf.SITENAME) in html.split("<main", 1)[0]  # the header names the service


@pytest.mark.parametrize(("path", "label"), [
    ("evenements/forum-des-metiers", "Tous les événements"),
    ("prevention/cambriolages", "Toutes les campagnes de prévention"),
    ("recrutement/sous-officier", "Tous les métiers et le recrutement"),
])
def test_links_back_name_the_listing(sample_site, path, label):
    html = read(sample_site, path)
    assert re.search(rf'<a class="fr-link fr-icon-arrow-left-line[^"]*" href="/{path.split("/")[0]}/">{label}</a>', html)
    assert ": tous les articles" not in html


def test_past_events_are_marked_in_the_same_section(sample_site):
    html = read(sample_site, "evenements/forum-des-metiers")
    related = html.split("Dans la même rubrique", 1)[1].split("</ul>", 1)[0]
    items = re.findall(r"<li>(.*?)</li>", related, re.S)
    past = {re.search(r">([^<]+)</a>", item).group(1): "Événement passé" in item for item in items}
    # the road-safety day (October 2026) is over at SAMPLE_NOW; the burglary talk (December) is not
    assert past == {"Journée sécurité routière au parc commercial": True,
                    "Prévention des cambriolages avant les fêtes": False}, past


def test_the_event_box_has_one_left_edge(sample_server, page_factory):
    for width in (375, 1280):
        page = page_factory(width=width)
        page.goto(sample_server.url + "/evenements/forum-des-metiers/")
        box = page.locator(".vitrine-event-meta")
        lefts = {round(element.bounding_box()["x"]) for element in box.locator("dt, dd, a.fr-btn").all()}
        assert len(lefts) == 1, f"{width} px : {lefts}"


def test_display_settings_in_the_footer_switch_to_dark_and_stay(sample_server, page_factory):
    page = page_factory(width=375, height=800)
    page.goto(sample_server.url + "/")
    page.wait_for_function("document.documentElement.getAttribute('data-fr-js') === 'true'")
    button = page.locator("footer button[aria-controls='fr-theme-modal']")
    assert button.inner_text().strip() == "Paramètres d’affichage"
    button.click()
    page.locator("#fr-theme-modal label[for='fr-radios-theme-dark']").click()
    page.wait_for_function("document.documentElement.getAttribute('data-fr-theme') === 'dark'")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background != "rgb(255, 255, 255)"
    page.goto(sample_server.url + "/horaires-et-acces/")  # the choice is kept from page to page
    assert page.evaluate("document.documentElement.getAttribute('data-fr-theme')") == "dark"


def test_without_javascript_the_display_control_is_not_offered(sample_server, page_factory):
    page = page_factory(java_script_enabled=False)
    page.goto(sample_server.url + "/")
    assert page.locator("footer button[aria-controls='fr-theme-modal']").is_hidden()
    assert page.locator("#fr-theme-modal").is_hidden()
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"


def test_the_hours_page_says_open_now(sample_server, page_factory):
    page = page_factory(width=375)
    page.clock.set_fixed_time(datetime.fromisoformat(SAMPLE_NOW))  # Tuesday 10:00: open
    page.goto(sample_server.url + "/horaires-et-acces/")
    badge = page.locator("main [data-vitrine-open-badge]")
    badge.wait_for(state="visible")
    assert badge.text_content().strip().startswith("Ouvert")
    page.clock.set_fixed_time(datetime.fromisoformat("2026-12-06T10:00:00+01:00"))  # a Sunday: closed
    page.reload()
    badge.wait_for(state="visible")
    assert badge.text_content().strip().startswith("Fermé")


# --- One photo, one syntax --------------------------------------------------------------------

def test_slide_image_is_the_articles_illustration_with_responsive_copies(sample_site):
    html = read(sample_site, "prevention/cambriolages")
    figure = re.search(r'<p class="vitrine-illustration"><img ([^>]*)>', html)
    assert figure, "pas d’illustration en tête de l’article"
    attributes = figure.group(1)
    assert 'src="/images/' in attributes and " 399w" in attributes and 'sizes="' in attributes
    assert 'width="' in attributes and 'height="' in attributes and 'alt=""' in attributes
    body = html.split('class="vitrine-content"', 1)[1].split("</main>", 1)[0]
    assert "cambriolages" not in "".join(re.findall(r"<img [^>]*>", body))  # not given twice


def test_slide_image_is_the_cards_image(sample_site):
    listing = read(sample_site, "prevention")
    card = listing.split('href="/prevention/cambriolages/"', 1)[1].split('class="fr-card ', 1)[0]
    assert re.search(r'<img [^>]*src="/images/[^"]+"', card)


def test_a_body_with_its_own_picture_keeps_it_alone(tmp_path_factory):
    from conftest import build_sample_with

    site = build_sample_with(tmp_path_factory, "own-picture", {"prevention/photo-propre.md": (
        "Title: Une photo à soi\nDate: 2026-11-20\nCategory: Prévention\nSlug: photo-propre\n"
        "Slide_image: images/cambriolages.jpg\n\n"
        "Texte.\n\n![Un gendarme]({static}/images/forum-metiers.jpg)\n")})
    html = read(site, "prevention/photo-propre")
    assert 'class="vitrine-illustration"' not in html
    assert html.count('alt="Un gendarme"') == 1
