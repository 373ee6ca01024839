"""The build's "now": SOURCE_DATE_EPOCH when set (reproducible builds), else the wall clock."""

from __future__ import annotations

import os
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from signage.core.errors import SettingsError

PARIS = ZoneInfo("Europe/Paris")  # the one time zone of Vitrine: every module imports it from here
# A build's "now" outside these years is a wrong clock (a kiosk's dead battery, SOURCE_DATE_EPOCH=0):
# its feed would be out of date the moment it is published.
EARLIEST = 1577836800  # 2020-01-01
LATEST = 4102444800  # 2100-01-01


def build_now(environ: dict | None = None) -> datetime:
    """Return the moment the build stands at, aware, in Europe/Paris.

    Tests always set SOURCE_DATE_EPOCH so that schedules are reproducible. A moment outside
    2020–2099 (from the variable or the machine's clock) is a SettingsError, in French.
    """
    environ = os.environ if environ is None else environ
    raw = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if raw:
        try:
            epoch = int(raw)
        except ValueError:
            raise SettingsError(
                f"SOURCE_DATE_EPOCH « {raw} » n'est pas un nombre entier de secondes "
                "depuis 1970 (exemple : 1795000000). Corrigez ou supprimez cette variable."
            ) from None
    else:
        epoch = int(time.time())
    if not EARLIEST <= epoch < LATEST:
        source = f"SOURCE_DATE_EPOCH « {raw} »" if raw else "L'horloge de l'ordinateur"
        fix = ("Corrigez ou supprimez cette variable (l'heure de l'ordinateur est alors utilisée)." if raw
               else "Réglez la date et l'heure de l'ordinateur, puis relancez.")
        try:
            said = f"donne le {datetime.fromtimestamp(epoch, tz=PARIS):%d/%m/%Y à %H:%M}"
        except (OverflowError, OSError, ValueError):
            said = "donne une date hors calendrier"
        raise SettingsError(f"{source} {said} : les programmes des écrans et les pages datées seraient faux. "
                            f"{fix}")
    return datetime.fromtimestamp(epoch, tz=PARIS)


def horizon(now: datetime, days: int) -> tuple[datetime, datetime]:
    """The span the build precomputes: from the start of today to `days` days later (Paris)."""
    start = now.astimezone(PARIS).replace(hour=0, minute=0, second=0, microsecond=0)
    end_day = (start + timedelta(days=days)).date()
    return start, datetime(end_day.year, end_day.month, end_day.day, tzinfo=PARIS)
