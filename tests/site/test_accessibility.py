"""axe-core (axe-playwright-python, Chromium) finds no violation on the main pages.

Home, a prevention campaign, the events list and the hours page, at phone
(375 px) and desktop (1280 px) widths, with DSFR's JavaScript running and the
browser's clock pinned to the sample "now".
"""

from __future__ import annotations

from datetime import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import SAMPLE_NOW

PAGES = {
    "accueil": "/",
    "campagne": "/prevention/cambriolages/",
    "evenements": "/evenements/",
    "horaires": "/horaires-et-acces/",
}
WIDTHS = [375, 1280]
# The standards axe checks: WCAG 2.0/2.1 A and AA (the RGAA's reference) and axe's best practices.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    "resultTypes": ["violations"],
}


@pytest.fixture(scope="module")
def axe():
    return Axe()


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node.get('failureSummary', '').splitlines()[-1:]}")
    return "\n".join(lines)


def test_sample_pages_exist(sample_site):
    for path in PAGES.values():
        assert (sample_site / path.strip("/") / "index.html").is_file() or path == "/", path


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(PAGES))
def test_no_axe_violation(sample_server, page_factory, axe, name, width):
    page = page_factory(width=width, height=800)
    page.clock.set_fixed_time(datetime.fromisoformat(SAMPLE_NOW))
    response = page.goto(sample_server.url + PAGES[name])
    assert response is not None and response.status == 200
    page.wait_for_function("document.documentElement.getAttribute('data-fr-js') === 'true'")
    results = axe.run(page, options=AXE_OPTIONS)
    violations = results.response["violations"]
    assert not violations, f"{PAGES[name]} à {width} px :\n" + describe(violations)


def test_axe_does_report_a_violation(page_factory, axe):
    """The harness itself: a page with an unlabeled image and no lang must fail."""
    page = page_factory(width=375)
    page.set_content("<html><body><img src='x.png'><a href='#'></a></body></html>")
    results = axe.run(page, options=AXE_OPTIONS)
    ids = {v["id"] for v in results.response["violations"]}
    assert {"image-alt", "html-has-lang"} <= ids


@pytest.mark.parametrize("name", list(PAGES))
def test_no_horizontal_scroll_at_320_px(sample_server, page_factory, name):
    page = page_factory(width=320, height=640)
    page.goto(sample_server.url + PAGES[name])
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{PAGES[name]} déborde de {overflow} px à 320 px de large"


@pytest.mark.parametrize("width", WIDTHS)
def test_usable_without_javascript(sample_server, page_factory, width):
    """No JS: the main menu is shown as plain links on phones, the breadcrumb unfolded."""
    page = page_factory(width=width, height=800, java_script_enabled=False)
    page.goto(sample_server.url + PAGES["campagne"])
    links = page.locator("#menu-principal a.fr-nav__link")
    assert links.count() == 7
    for index in range(links.count()):
        assert links.nth(index).is_visible(), links.nth(index).inner_text()
    assert page.locator(".fr-breadcrumb a.fr-breadcrumb__link").first.is_visible()
    # A link of the menu leads somewhere without any script.
    links.filter(has_text="Horaires et accès").click()
    assert page.url.endswith("/horaires-et-acces/")
    assert page.locator("h1").inner_text() == "Horaires et accès"


def test_menu_button_opens_the_menu_with_javascript(sample_server, page_factory):
    """With JS on a phone, DSFR's menu button opens the navigation (and the fallback list is hidden)."""
    page = page_factory(width=375, height=800)
    page.goto(sample_server.url + "/")
    page.wait_for_function("document.documentElement.getAttribute('data-fr-js') === 'true'")
    link = page.locator("#menu-principal a.fr-nav__link").nth(1)
    assert not link.is_visible()
    page.locator("#menu-bouton").click()
    link.wait_for(state="visible")
