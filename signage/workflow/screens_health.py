"""The screens' health, read from nginx's JSON access log: `invoke ecrans --log FILE`.

Each player names itself in an `X-Vitrine-Screen` header on every poll of `signage/feed.json`;
the shipped nginx (deploy/nginx/vitrine.conf, log format `vitrine_json`) writes one JSON object
per request with that name, the time, the status and the feed's ETag. This module reads that log
(and FILE.1, the previous day's after logrotate) and says, per screen, in French: when it last
polled (« il y a 2 min »), whether it holds the current feed, and « silencieux depuis … » when it
has not been heard from for more than SILENT_PERIODS poll periods. `Report.silent` drives the
command's exit status, for a cron mail or a monitoring system. No server of our own is involved.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from babel.dates import format_timedelta

from signage.core.clock import PARIS
from signage.core.wording import date_words, time_words

FEED_PATH = "/signage/feed.json"
SILENT_PERIODS = 3


@dataclass
class Screen:
    name: str
    last_poll: datetime
    last_status: int
    holds: str  # the ETag of the feed it has (sent with a 200, confirmed by a 304, else what it asked for)
    polls: int = 0


@dataclass
class Report:
    log: str
    now: datetime
    poll_seconds: int
    screens: list[Screen] = field(default_factory=list)
    current: str = ""  # the ETag of the newest feed nginx served
    unreadable_lines: int = 0

    @property
    def silence(self) -> timedelta:
        return timedelta(seconds=SILENT_PERIODS * self.poll_seconds)

    def is_silent(self, screen: Screen) -> bool:
        return self.now - screen.last_poll > self.silence

    @property
    def silent(self) -> list[Screen]:
        return [s for s in self.screens if self.is_silent(s)]

    @property
    def healthy(self) -> bool:
        return bool(self.screens) and not self.silent

    def format(self) -> str:
        lines = [f"Écrans vus dans {self.log} (interrogation toutes les {self.poll_seconds} s ; "
                 f"silencieux au-delà de {_duration(self.silence)}) :"]
        if not self.screens:
            lines.append("  aucun écran n'a interrogé le flux : vérifiez que les écrans sont allumés "
                         "et que leur adresse se termine par ?screen=NOM.")
        width = max((len(s.name) for s in self.screens), default=0)
        for screen in self.screens:
            when = _moment(screen.last_poll, self.now)
            if self.is_silent(screen):
                state = f"SILENCIEUX depuis {_duration(self.now - screen.last_poll)} (dernière interrogation {when})"
            else:
                state = f"dernière interrogation {_ago(self.now - screen.last_poll)} ({when})"
            if screen.last_status not in (200, 304):
                state += f", dernière réponse en erreur (HTTP {screen.last_status})"
            version = "programme à jour" if screen.holds and screen.holds == self.current else "ANCIEN programme"
            lines.append(f"  {screen.name.ljust(width)} : {state}, {version}")
        if self.unreadable_lines:
            lines.append(f"({self.unreadable_lines} ligne(s) du journal ignorée(s) : pas au format JSON de Vitrine.)")
        silent = len(self.silent)
        if silent:
            lines.append(f"{silent} écran(s) silencieux : vérifiez l'alimentation, le réseau, puis redémarrez-le "
                         "(docs/exploitation.md, « Un écran est noir »).")
        elif self.screens:
            lines.append(f"Tous les écrans répondent ({len(self.screens)}).")
        return "\n".join(lines)


def _ago(delta: timedelta) -> str:
    return format_timedelta(-delta, add_direction=True, locale="fr", format="short")


def _duration(delta: timedelta) -> str:
    return format_timedelta(delta, locale="fr", format="short")


def _moment(moment: datetime, now: datetime) -> str:
    local = moment.astimezone(PARIS)
    if local.date() == now.astimezone(PARIS).date():
        return f"à {time_words(local.time())}"
    return f"le {date_words(local.date())} à {time_words(local.time())}"


def read_report(log: str | Path, now: datetime, poll_seconds: int) -> Report:
    """Read FILE.1 (if logrotate left one) then FILE; raise OSError when FILE cannot be read."""
    log = Path(log)
    report = Report(str(log), now, poll_seconds)
    rotated = log.with_name(log.name + ".1")
    texts = []
    if rotated.is_file():
        try:
            texts.append(rotated.read_text(encoding="utf-8", errors="replace"))
        except OSError:
            pass
    texts.append(log.read_text(encoding="utf-8", errors="replace"))
    screens: dict[str, Screen] = {}
    newest: datetime | None = None
    for text in texts:
        for line in text.splitlines():
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
                moment = datetime.fromisoformat(entry["time"])
                status = int(entry["status"])
                path = str(entry["uri"]).split("?", 1)[0]
            except (ValueError, KeyError, TypeError):
                report.unreadable_lines += 1
                continue
            if path != FEED_PATH or entry.get("method") not in ("GET", "HEAD"):
                continue
            etag = entry.get("etag") or ""
            if status in (200, 304) and etag and (newest is None or moment >= newest):
                newest, report.current = moment, etag
            name = (entry.get("screen") or "").strip()
            if not name:
                continue  # a phone or a third-party reader of the feed, not a screen
            screen = screens.get(name)
            holds = etag if status in (200, 304) else (entry.get("if_none_match") or "")
            if screen is None:
                screen = screens[name] = Screen(name, moment, status, holds)
            elif moment >= screen.last_poll:
                screen.last_poll, screen.last_status = moment, status
                screen.holds = holds or screen.holds
            screen.polls += 1
    report.screens = sorted(screens.values(), key=lambda s: s.name)
    return report
