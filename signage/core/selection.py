"""Which output files a build writes: all of them, or those an incremental live build chose.

`VITRINE_INCREMENTAL` (set by the live preview, workflow/incremental.py) names the
output files to write; a build without it writes everything. Generators that write
files themselves (the events' calendars) ask `writes()` first; the files they skip
come from the previous build.
"""

from __future__ import annotations

import os

SETTING = "VITRINE_INCREMENTAL"  # {"previous": folder, "write": [names], "related_only": [names]} (output-relative)


def incremental(settings) -> bool:
    return bool(settings.get(SETTING))


def writes(settings, name: str) -> bool:
    """True when this build writes the output file `name` (relative to the output folder)."""
    chosen = settings.get(SETTING)
    return not chosen or _named(chosen, "write", name)


def related_only(settings, name: str) -> bool:
    """True when this build writes `name` only for its « Dans la même rubrique » list (workflow/related_pages)."""
    chosen = settings.get(SETTING)
    return bool(chosen) and _named(chosen, "related_only", name)


def _named(chosen: dict, key: str, name: str) -> bool:
    """`name` is in the list `chosen[key]` (paths normalised once per build)."""
    wanted = chosen.get(f"_{key}")
    if wanted is None:
        wanted = chosen[f"_{key}"] = {os.path.normpath(n) for n in chosen.get(key) or ()}
    return os.path.normpath(str(name)) in wanted
