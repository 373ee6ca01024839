"""When the published pages change by themselves, with no edit: the moments a rebuild is due.

A page built now stays true until one of these moments after the build's now:
- an event ends (it leaves « événements à venir » on the home and the agenda);
- an alert starts or ends (the site's banner, the screens' takeover);
- an exceptional closure starts or ends (the hours page's coming closures, the home badge).
Days turning over (« aujourd'hui », « demain », the feed's horizon) are the nightly rebuild's job.

`PageChangesGenerator` writes them, soonest first, to `.vitrine/changements.json` in the output
(a hidden file: the shipped nginx does not serve it); `invoke publish` reads it, says when the
next one is and leaves it for the systemd timer (deploy/systemd/).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pelican.generators import Generator

from signage.core.wording import date_words, time_words

FACTS_PATH = ".vitrine/changements.json"


@dataclass(frozen=True, order=True)
class Change:
    at: datetime  # aware, UTC
    reason: str  # French, e.g. « fin de l'événement « Forum des métiers » »


def upcoming_changes(now: datetime, events=None, alerts=(), hours=None) -> list[Change]:
    """Every moment after `now` at which a page changes, soonest first (duplicates merged)."""
    found: set[Change] = set()

    def add(moment: datetime, reason: str) -> None:
        if moment > now:
            found.add(Change(moment.astimezone(UTC), reason))

    for event in (events.all if events is not None else []):
        add(event.end, f"fin de l'événement « {event.title} »")
    for alert in alerts:
        for start, end in alert["intervals"]:
            add(start, f"début de l'alerte « {alert['title']} »")
            add(end, f"fin de l'alerte « {alert['title']} »")
    for closure in (hours.closures if hours is not None else []):
        start, end = closure.interval()
        add(start, f"début de la fermeture exceptionnelle du {date_words(closure.day)}")
        add(end, f"fin de la fermeture exceptionnelle du {date_words(closure.day)}")
    return sorted(found)


def read_changes(output: str | Path) -> list[Change]:
    """The changes a build wrote (empty when it wrote none)."""
    path = Path(output) / FACTS_PATH
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [Change(datetime.fromisoformat(item["at"]), item["reason"]) for item in data.get("changes", [])]


def moment_words(moment: datetime) -> str:
    """« mardi 1er décembre 2026 à 17 h » (Paris time)."""
    from signage.core.clock import PARIS

    local = moment.astimezone(PARIS)
    return f"{date_words(local.date(), True)} à {time_words(local.time())}"


class PageChangesGenerator(Generator):
    """Needs vitrine_events, vitrine_alerts and vitrine_hours: runs after the others."""

    def generate_context(self):
        context = self.context
        self.changes = upcoming_changes(context["vitrine_now"], context.get("vitrine_events"),
                                        context.get("vitrine_alerts") or (), context.get("vitrine_hours"))

    def generate_output(self, writer):
        path = Path(self.output_path) / FACTS_PATH
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {"now": self.context["vitrine_now"].isoformat(),
                "changes": [{"at": c.at.isoformat(), "reason": c.reason} for c in self.changes]}
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
