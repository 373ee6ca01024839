"""signage/feed.json: the feed dict, built per the schema and validated before it is written.

The schema (feed.schema.json, version 1) is the contract with the player.
A feed that does not validate is a bug of the build, never the officer's
mistake: it stops the build with an InternalError (French, no traceback)
instead of reaching the screens.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from signage.core import memo
from signage.core.errors import InternalError
from signage.core.intervals import as_json, iso

SCHEMA_PATH = Path(__file__).resolve().parent / "feed.schema.json"

EMERGENCY_NUMBERS = [
    {"number": "17", "label": "Police secours, gendarmerie"},
    {"number": "112", "label": "Urgences, partout en Europe"},
    {"number": "114", "label": "Urgences par SMS, pour les personnes sourdes ou malentendantes"},
]


@lru_cache(maxsize=1)
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def validate(feed: dict) -> list[str]:
    """Every schema violation of `feed`, as readable strings (empty when valid). The answer for a
    feed is kept between builds (`core.memo`, keyed by the feed, the schema and jsonschema's
    version): an unchanged feed is not checked again, and jsonschema is imported only to check."""
    def check() -> list[str]:
        from jsonschema import Draft202012Validator

        validator = Draft202012Validator(schema())
        return [f"{'/'.join(str(p) for p in error.absolute_path) or '(racine)'} : {error.message}"
                for error in sorted(validator.iter_errors(feed), key=lambda e: list(e.absolute_path))]

    key = memo.key_of(dumps(feed), SCHEMA_PATH.read_bytes(), version("jsonschema"))
    return list(memo.memo("feed-schema").get(key, check))


def schema_violation(problems: list[str]) -> InternalError:
    """The error that stops a build whose feed breaks the contract (a bug of Vitrine, not the content's)."""
    return InternalError("Erreur interne de Vitrine : signage/feed.json ne respecte pas son schéma (ce n'est "
                         "pas une faute du contenu ; transmettez ce message à l'équipe technique) :\n  - "
                         + "\n  - ".join(problems))


def slide_entry(slide_id: str, kind: str, title: str, duration: float, intervals, open_ended: bool,
                image: dict, text: str = "", category: str = "", link: str = "", variants=None) -> dict:
    entry = {"id": slide_id, "kind": kind, "title": title}
    if text:
        entry["text"] = text
    if category:
        entry["category"] = category
    entry.update({"duration": duration, "intervals": as_json(intervals), "open_ended": open_ended})
    if link:
        entry["link"] = link
    entry["image"] = image
    if variants:
        entry["variants"] = variants
    return entry


def build_feed(*, now, horizon_end, poll_seconds: int, site: dict, opening, alerts: list[dict],
               screens: dict, complaint_url: str | None) -> dict:
    emergency = {"numbers": EMERGENCY_NUMBERS}
    if complaint_url:
        emergency["complaint_url"] = complaint_url
    return {
        "version": 1,
        "generated_at": iso(now),
        "horizon_end": iso(horizon_end),
        "poll_seconds": poll_seconds,
        "site": site,
        "opening": as_json(opening),
        "emergency": emergency,
        "alerts": alerts,
        "screens": screens,
    }


def dumps(feed: dict) -> bytes:
    return (json.dumps(feed, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def write(feed: dict, path: Path, validated: bool = False) -> None:
    """Validate (unless the caller just did), then write atomically: a screen polling meanwhile gets
    the old feed or the new one."""
    problems = [] if validated else validate(feed)
    if problems:
        raise schema_violation(problems)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    partial.write_bytes(dumps(feed))
    partial.replace(path)
