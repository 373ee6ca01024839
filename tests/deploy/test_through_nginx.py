"""The site and the player in Chromium through the real nginx and its shipped headers: no CSP
violation on the pages, the player playing with the kiosk flags, and `invoke ecrans` reading the
JSON log nginx wrote during that session."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import CHROMIUM, CHROMIUM_ARGS, PARIS_TZ, ROOT, SAMPLE_NOW
from nginx_helpers import publish_copy
from player_helpers import wait_until

KIOSK_FLAGS = [line.strip() for line in (ROOT / "deploy" / "kiosk" / "chromium-flags").read_text().splitlines()
               if line.strip() and not line.startswith("#")]
SCREENSHOTS = Path(os.environ.get("VITRINE_SCREENSHOTS", "")) if os.environ.get("VITRINE_SCREENSHOTS") else None

# Records every CSP violation the page meets, from its very first byte.
VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


@pytest.mark.browser
@pytest.mark.parametrize(("path", "width"), [
    ("/", 1280), ("/", 375), ("/prevention/cambriolages/", 1280), ("/horaires-et-acces/", 375),
    ("/signage/player/?screen=vitrine", 1920), ("/pas-de-page/", 1280),
])
def test_pages_meet_no_csp_violation_through_nginx(browser, nginx_for, sample_site, path, width):
    server = nginx_for(sample_site)  # the development build: relative links, all on this origin
    context = browser.new_context(viewport={"width": width, "height": 1080 if width > 1000 else 812},
                                  locale="fr-FR", timezone_id=PARIS_TZ)
    try:
        page = context.new_page()
        page.add_init_script(VIOLATIONS)
        console = []
        page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
        page.clock.install(time=datetime.fromisoformat(SAMPLE_NOW))
        response = page.goto(server.url + path, wait_until="load")
        assert response.status == (404 if "pas-de-page" in path else 200)
        assert response.headers["content-security-policy"].startswith("default-src 'self'")
        page.clock.run_for(3000)
        page.wait_for_timeout(300)
        if "player" in path:
            wait_until(page, "Number(document.body.dataset.polls) >= 1")
        else:  # the DSFR's JavaScript ran (it marks the page), and so did the theme's inline script
            wait_until(page, "document.documentElement.classList.contains('vitrine-js')"
                             " && document.documentElement.hasAttribute('data-fr-js')")
        if SCREENSHOTS:
            name = path.strip("/").replace("/", "_").replace("?", "_") or "accueil"
            page.screenshot(path=str(SCREENSHOTS / f"nginx-{name}-{width}.png"))
        violations = page.evaluate("window.__csp")
        assert violations == [], violations
        assert not [line for line in console if "Content Security Policy" in line or "Content-Security-Policy" in line]
    finally:
        context.close()


def ecrans(log: Path, at: datetime, poll: int = 60) -> subprocess.CompletedProcess:
    invoke = str(Path(sys.executable).with_name("invoke"))
    return subprocess.run([invoke, "ecrans", "--log", str(log), "--poll", str(poll), "--at", at.isoformat()],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


@pytest.mark.browser
def test_screens_play_through_nginx_and_invoke_ecrans_reads_its_log(browser, nginx_for, sample_site, tmp_path):
    release = publish_copy(sample_site, tmp_path)  # its own: this test publishes a new feed
    log = tmp_path / "vitrine.json.log"
    server = nginx_for(release / "current", log)
    kiosk = browser.browser_type.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, *KIOSK_FLAGS])
    pages = {}
    try:
        for screen, (width, height) in {"vitrine": (1920, 1080), "totem": (1080, 1920)}.items():
            # No service worker: its fetches would not be routed. The route passes the player's own
            # request to nginx (headers and all) and drops only the server's Date from the answer, so
            # that the player stays on the test's clock (SAMPLE_NOW), not on nginx's wall clock.
            context = kiosk.new_context(viewport={"width": width, "height": height}, locale="fr-FR",
                                        timezone_id=PARIS_TZ, service_workers="block")
            page = context.new_page()

            def without_date(route):
                response = route.fetch()
                headers = {k: v for k, v in response.headers.items() if k.lower() != "date"}
                route.fulfill(response=response, headers=headers)

            page.route("**/signage/feed.json", without_date)
            page.clock.install(time=datetime.fromisoformat(SAMPLE_NOW))
            page.goto(f"{server.url}/signage/player/?screen={screen}")
            wait_until(page, "document.body.dataset.ready === '1' && Number(document.body.dataset.polls) >= 1")
            wait_until(page, "!!document.querySelector('img.layer.shown')")  # a slide image, via nginx
            pages[screen] = page
        for screen, page in pages.items():  # a second poll each: a revalidation (304)
            page.clock.run_for(61_000)
            wait_until(page, "Number(document.body.dataset.polls) >= 2")
            assert page.evaluate("document.body.dataset.online") == "1"
            if SCREENSHOTS:
                page.screenshot(path=str(SCREENSHOTS / f"nginx-player-{screen}.png"))

        entries = [line for line in log.read_text(encoding="utf-8").splitlines() if '"/signage/feed.json"' in line]
        assert any('"screen":"vitrine"' in e and '"status":304' in e for e in entries), entries
        assert any('"screen":"totem"' in e and '"status":200' in e for e in entries), entries
        now = datetime.now(UTC)
        healthy = ecrans(log, now)
        assert healthy.returncode == 0, healthy.stdout + healthy.stderr
        lines = healthy.stdout.splitlines()
        assert any(line.startswith("  totem ") and "programme à jour" in line for line in lines), healthy.stdout
        assert any(line.startswith("  vitrine ") and "il y a" in line for line in lines), healthy.stdout
        assert "Tous les écrans répondent (2)." in healthy.stdout

        # A new feed is published; only the shop window asks for it.
        feed = release / "current" / "signage" / "feed.json.gz"
        later = feed.stat().st_mtime + 3600
        os.utime(feed, (later, later))
        pages["vitrine"].clock.run_for(61_000)
        wait_until(pages["vitrine"], "Number(document.body.dataset.polls) >= 3")
        stale = ecrans(log, datetime.now(UTC))
        assert stale.returncode == 0, stale.stdout
        assert any(line.startswith("  totem ") and "ANCIEN programme" in line for line in stale.stdout.splitlines())
        assert any(line.startswith("  vitrine ") and "programme à jour" in line for line in stale.stdout.splitlines())

        # Ten minutes on, nobody has polled: both silent, and the exit status says so.
        silent = ecrans(log, now + timedelta(minutes=10))
        assert silent.returncode == 1, silent.stdout
        assert silent.stdout.count("SILENCIEUX depuis") == 2
        assert "2 écran(s) silencieux" in silent.stdout
        print(stale.stdout)
    finally:
        kiosk.close()
