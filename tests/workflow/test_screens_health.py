"""`invoke ecrans`: the screens' health from nginx's JSON log (the rules, on a written log; the
real nginx's log in a real player session is tests/deploy/test_through_nginx.py)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

from signage.core.clock import PARIS
from signage.workflow.screens_health import read_report

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=PARIS)


def entry(minutes_ago: float, screen: str = "", status: int = 304, etag: str = '"v2"', uri: str = "/signage/feed.json",
          if_none_match: str = "") -> str:
    moment = (NOW - timedelta(minutes=minutes_ago)).isoformat()
    return json.dumps({"time": moment, "status": status, "method": "GET", "uri": uri, "bytes": 0, "screen": screen,
                       "etag": etag, "if_none_match": if_none_match, "remote": "127.0.0.1", "agent": "",
                       "request_time": 0.001})


def write(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_screen_is_silent_after_more_than_three_poll_periods(tmp_path):
    log = write(tmp_path / "vitrine.json.log",
                entry(3, "vitrine"),  # exactly 3 periods: still fine
                entry(3.05, "totem"),  # just over: silent
                entry(0.5, "", status=200),  # a phone reading the feed: not a screen
                entry(0.2, "", uri="/index.html", etag='"x"'))
    report = read_report(log, NOW, 60)
    assert [s.name for s in report.screens] == ["totem", "vitrine"]
    assert [s.name for s in report.silent] == ["totem"] and not report.healthy
    text = report.format()
    assert "vitrine : dernière interrogation il y a 3\u00a0min (à 9 h 57), programme à jour" in text
    assert "totem   : SILENCIEUX depuis 3\u00a0min (dernière interrogation à 9 h 56), programme à jour" in text
    assert "1 écran(s) silencieux" in text


def test_the_version_a_screen_holds_is_the_last_one_nginx_sent_or_confirmed(tmp_path):
    log = write(tmp_path / "vitrine.json.log",
                entry(2, "totem", status=200, etag='"v1"'),
                entry(1.5, "vitrine", status=200, etag='"v2"', if_none_match='"v1"'),
                entry(1, "totem", status=502, etag="", if_none_match='"v1"'),  # an error: keeps what it had
                entry(0.5, "vitrine", status=304, etag='"v2"', if_none_match='"v2"'))
    report = read_report(log, NOW, 60)
    assert report.current == '"v2"'
    holds = {s.name: s.holds for s in report.screens}
    assert holds == {"totem": '"v1"', "vitrine": '"v2"'}
    text = report.format()
    assert "totem   : dernière interrogation il y a 1\u00a0min (à 9 h 59), dernière réponse en erreur (HTTP 502), " \
           "ANCIEN programme" in text
    assert report.healthy  # nobody silent: an old programme is said, not an alarm


def test_yesterdays_rotated_log_is_read_too_and_foreign_lines_are_counted(tmp_path):
    write(tmp_path / "vitrine.json.log.1", entry(60 * 5, "totem"), entry(60 * 4, "vitrine"))
    log = write(tmp_path / "vitrine.json.log", entry(1, "vitrine"), '127.0.0.1 - - "GET / HTTP/1.1" 200', "{}")
    report = read_report(log, NOW, 60)
    assert {s.name: s.polls for s in report.screens} == {"totem": 1, "vitrine": 2}
    assert [s.name for s in report.silent] == ["totem"]
    assert report.unreadable_lines == 2
    assert "SILENCIEUX depuis 5\u202fh" in report.format()
    assert "2 ligne(s) du journal ignorée(s)" in report.format()


def test_no_screen_at_all_is_not_healthy(tmp_path):
    report = read_report(write(tmp_path / "vitrine.json.log", entry(1, "")), NOW, 60)
    assert not report.healthy
    assert "aucun écran n'a interrogé le flux" in report.format()
