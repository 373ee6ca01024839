"""deploy/systemd/ and deploy/kiosk/: units checked by the real systemd-analyze, the install script
run into a scratch root, Chromium's kiosk flags accepted by the real Chromium."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

SYSTEMD = ROOT / "deploy" / "systemd"
KIOSK = ROOT / "deploy" / "kiosk"
INSTALL_PATH = "/opt/vitrine"  # where docs/exploitation.md installs Vitrine on the server


def verify(units: list[Path], *options: str) -> subprocess.CompletedProcess:
    # A user manager needs a runtime folder, which only a login session has: give it the units' folder.
    env = {**os.environ, "XDG_RUNTIME_DIR": str(units[0].parent)}
    return subprocess.run(["systemd-analyze", *options, "verify", *map(str, units)],
                          capture_output=True, text=True, timeout=120, env=env)


def installed_copy(folder: Path, tmp_path: Path, replacements: dict[str, str]) -> list[Path]:
    """The units as installed: the paths they name point at this checkout (systemd checks them)."""
    units = []
    for source in sorted(folder.iterdir()):
        text = source.read_text(encoding="utf-8")
        for old, new in replacements.items():
            text = text.replace(old, new)
        copy = tmp_path / source.name
        copy.write_text(text, encoding="utf-8")
        copy.chmod(source.stat().st_mode)
        if source.suffix in (".service", ".timer", ".path"):
            units.append(copy)
    return units


def test_the_publishing_units_pass_systemd_analyze_verify(tmp_path):
    units = installed_copy(SYSTEMD, tmp_path, {INSTALL_PATH: str(ROOT)})
    assert sorted(u.name for u in units) == ["vitrine-boundary.path", "vitrine-boundary.service",
                                              "vitrine-publish.service", "vitrine-publish.timer"]
    result = verify(units)
    assert result.returncode == 0 and result.stderr.strip() == "", result.stderr  # no warning either
    broken = tmp_path / "vitrine-publish.service"
    broken.write_text(broken.read_text(encoding="utf-8").replace("ExecStart=", "ExecStrat="), encoding="utf-8")
    assert "Unknown key" in verify([broken]).stderr  # the check above can fail


def calendar(expression: str) -> str:
    result = subprocess.run(["systemd-analyze", "calendar", expression], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_nightly_timer_fires_just_after_midnight_in_paris():
    timer = (SYSTEMD / "vitrine-publish.timer").read_text(encoding="utf-8")
    (expression,) = re.findall(r"^OnCalendar=(.+)$", timer, re.M)
    assert "Normalized form: *-*-* 00:01:00 Europe/Paris" in calendar(expression)
    assert re.search(r"^Persistent=true$", timer, re.M)  # a night missed (server off) is caught up at boot
    assert re.search(r"^Unit=vitrine-boundary.service$", (SYSTEMD / "vitrine-boundary.path").read_text(), re.M)
    assert "/srv/vitrine/prochaine-reconstruction" in (SYSTEMD / "vitrine-boundary.path").read_text()


def test_the_boundary_script_refuses_what_systemd_cannot_read(tmp_path):
    """Its first step checks the time with systemd-analyze before any systemd-run."""
    bad = tmp_path / "prochaine-reconstruction"
    bad.write_text("demain vers midi\n", encoding="utf-8")
    result = subprocess.run(["sh", "-c", f'when=$(head -n 1 "{bad}"); systemd-analyze calendar "$when"'],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    script = (SYSTEMD / "vitrine-boundary").read_text(encoding="utf-8")
    assert script.index('systemd-analyze calendar "$when"') < script.index("systemd-run")
    assert subprocess.run(["sh", "-n", str(SYSTEMD / "vitrine-boundary")], timeout=30).returncode == 0


def run_install(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(KIOSK / "install.sh"), *args], env={"PATH": "/usr/bin:/bin", "DESTDIR": str(root)},
                          capture_output=True, text=True, timeout=120)


def test_install_sh_lays_out_a_screen(tmp_path):
    root = tmp_path / "root"
    result = run_install(root, "vitrine", "https://accueil.example.fr/")
    assert result.returncode == 0, result.stderr
    conf = root / "etc" / "vitrine-kiosk" / "kiosk.conf"
    url = subprocess.run(["sh", "-c", f'. "{conf}"; printf %s "$URL"'], capture_output=True, text=True).stdout
    assert url == "https://accueil.example.fr/signage/player/?screen=vitrine"
    autologin = (root / "etc/systemd/system/getty@tty1.service.d/autologin.conf").read_text(encoding="utf-8")
    assert "--autologin ecran" in autologin
    profile = (root / "home" / "ecran" / ".bash_profile").read_text(encoding="utf-8")
    assert "startx /etc/vitrine-kiosk/xinitrc -- -nocursor" in profile  # no cursor
    xinitrc = (root / "etc" / "vitrine-kiosk" / "xinitrc").read_text(encoding="utf-8")
    for blanking_off in ("xset s off", "xset s noblank", "xset -dpms"):
        assert blanking_off in xinitrc
    service = (root / "etc" / "systemd" / "user" / "vitrine-kiosk.service").read_text(encoding="utf-8")
    assert "Restart=always" in service
    for script in (root / "usr/local/bin/vitrine-kiosk", root / "etc/vitrine-kiosk/xinitrc", KIOSK / "install.sh"):
        assert subprocess.run(["sh", "-n", str(script)], timeout=30).returncode == 0, script


@pytest.mark.parametrize(("args", "message"), [
    (("Vitrine du hall", "https://accueil.example.fr"), "Nom d'écran « Vitrine du hall » invalide"),
    (("vitrine", "accueil.example.fr"), "Adresse « accueil.example.fr » invalide"),
    (("vitrine", "https://accueil.example.fr/'; reboot"), "pas d'espace ni de guillemet"),
    (("vitrine",), "Utilisation : sudo"),
])
def test_install_sh_explains_bad_arguments_in_french(tmp_path, args, message):
    result = run_install(tmp_path / "root", *args)
    assert result.returncode == 2 and message in result.stderr
    assert not (tmp_path / "root").exists()


def test_the_kiosk_user_units_pass_systemd_analyze_verify(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shutil.copy2(KIOSK / "vitrine-kiosk", bin_dir / "vitrine-kiosk")
    units = installed_copy(KIOSK, tmp_path, {"/usr/local/bin/vitrine-kiosk": str(bin_dir / "vitrine-kiosk")})
    assert sorted(u.name for u in units) == ["vitrine-kiosk-restart.service", "vitrine-kiosk-restart.timer",
                                              "vitrine-kiosk.service"]
    result = verify(units, "--user")
    assert result.returncode == 0 and result.stderr.strip() == "", result.stderr
    timer = (KIOSK / "vitrine-kiosk-restart.timer").read_text(encoding="utf-8")
    (expression,) = re.findall(r"^OnCalendar=(.+)$", timer, re.M)
    assert "Normalized form: *-*-* 04:30:00" in calendar(expression)


def kiosk_flags() -> list[str]:
    lines = (KIOSK / "chromium-flags").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def test_the_kiosk_flags_say_what_a_shop_window_needs():
    flags = kiosk_flags()
    for flag in ("--kiosk", "--noerrdialogs", "--disable-session-crashed-bubble", "--hide-crash-restore-bubble",
                 "--autoplay-policy=no-user-gesture-required", "--disable-pinch", "--no-first-run"):
        assert flag in flags
    assert any(f.startswith("--disable-features=") and "Translate" in f for f in flags)
    assert all(" " not in flag for flag in flags)  # vitrine-kiosk splits them on white space
