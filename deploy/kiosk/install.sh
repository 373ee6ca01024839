#!/bin/sh
# Turn a fresh Debian 12 or Raspberry Pi OS Lite computer into a Vitrine screen.
#
#   sudo ./deploy/kiosk/install.sh vitrine https://point-accueil-pusey.gendarmerie.interieur.gouv.fr
#
# SCREEN is the screen's name in pelicanconf.py (vitrine, totem...), SITE the public address.
# It installs Chromium and a bare X server, creates the user `ecran` (KIOSK_USER to change it),
# logs it in automatically on tty1, starts X with no cursor and no blanking, and Chromium in kiosk
# mode on SITE/signage/player/?screen=SCREEN under a systemd user unit that restarts it if it
# dies and every night. Run it again to change the screen or the address.
# DESTDIR=/some/folder writes the files there and changes nothing else (used by the tests).
set -eu

usage() {
    echo "Utilisation : sudo $0 NOM_ECRAN https://adresse-du-site" >&2
    echo "  exemple : sudo $0 vitrine https://point-accueil-pusey.gendarmerie.interieur.gouv.fr" >&2
    exit 2
}
[ $# -eq 2 ] || usage
screen=$1
site=${2%/}
case $screen in
    *[!a-z0-9_-]*|'') echo "Nom d'écran « $screen » invalide : lettres minuscules, chiffres, - ou _ (comme dans pelicanconf.py)." >&2; exit 2 ;;
esac
case $site in
    https://*|http://*) ;;
    *) echo "Adresse « $site » invalide : elle commence par https:// (exemple : https://point-accueil.example.fr)." >&2; exit 2 ;;
esac
case $site in
    *[[:space:]\"\'\\\$\`]*) echo "Adresse « $site » invalide : pas d'espace ni de guillemet." >&2; exit 2 ;;
esac
url="$site/signage/player/?screen=$screen"
user=${KIOSK_USER:-ecran}
here=$(cd "$(dirname "$0")" && pwd)
root=${DESTDIR:-}

if [ -z "$root" ]; then
    [ "$(id -u)" -eq 0 ] || { echo "Lancez ce script avec sudo." >&2; exit 1; }
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends xserver-xorg xinit x11-xserver-utils fonts-dejavu-core
    apt-get install -y -qq chromium || apt-get install -y -qq chromium-browser
    id "$user" >/dev/null 2>&1 || useradd --create-home --shell /bin/bash --groups video,audio,input,tty "$user"
fi
home=$(getent passwd "$user" 2>/dev/null | cut -d: -f6 || true)
home=${home:-/home/$user}

install -d "$root/etc/vitrine-kiosk" "$root/usr/local/bin" "$root/etc/systemd/user" \
    "$root/etc/systemd/system/getty@tty1.service.d" "$root$home"
install -m 0644 "$here/chromium-flags" "$root/etc/vitrine-kiosk/chromium-flags"
install -m 0755 "$here/xinitrc" "$root/etc/vitrine-kiosk/xinitrc"
install -m 0755 "$here/vitrine-kiosk" "$root/usr/local/bin/vitrine-kiosk"
for unit in vitrine-kiosk.service vitrine-kiosk-restart.service vitrine-kiosk-restart.timer; do
    install -m 0644 "$here/$unit" "$root/etc/systemd/user/$unit"
done
printf "# Written by deploy/kiosk/install.sh\nSCREEN=%s\nURL='%s'\n" "$screen" "$url" > "$root/etc/vitrine-kiosk/kiosk.conf"

# Log the kiosk user in on tty1 at boot, and start X there (no cursor).
cat > "$root/etc/systemd/system/getty@tty1.service.d/autologin.conf" <<CONF
[Service]
ExecStart=
ExecStart=-/sbin/agetty --autologin $user --noclear %I \$TERM
CONF
cat > "$root$home/.bash_profile" <<'PROFILE'
# Vitrine screen: on tty1, start the X session of the screen (deploy/kiosk/install.sh).
if [ -z "${DISPLAY:-}" ] && [ "$(tty)" = /dev/tty1 ]; then
    exec startx /etc/vitrine-kiosk/xinitrc -- -nocursor
fi
PROFILE

if [ -z "$root" ]; then
    chown "$user:" "$home/.bash_profile"
    # Any user may start X from its console on Debian (Xwrapper), which this needs.
    printf 'allowed_users=anybody\nneeds_root_rights=yes\n' > /etc/X11/Xwrapper.config
    systemctl --global enable vitrine-kiosk-restart.timer
    systemctl daemon-reload
    echo "Écran « $screen » installé : il affichera $url"
    echo "Redémarrez (sudo reboot) : l'écran s'allume tout seul sur le programme."
else
    echo "Fichiers écrits sous $root pour l'écran « $screen » ($url)."
fi
