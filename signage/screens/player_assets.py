"""The window player's files: copied as they are into `signage/player/` of the output.

The player is plain JavaScript modules with no build step; its only generated
companion is the feed contract, `feed.schema.json`, copied beside it so that the
player checks every feed against the very schema the build is tested with.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from pelican.generators import Generator

from signage.screens.feed.json_feed import SCHEMA_PATH

PLAYER_DIR = Path(__file__).resolve().parent / "player"
SCHEMA = SCHEMA_PATH
PLAYER_SUFFIXES = {".html", ".css", ".js", ".json"}


def player_files() -> list[Path]:
    """The files that make up the player, sorted (stable builds)."""
    return sorted(p for p in PLAYER_DIR.iterdir() if p.is_file() and p.suffix in PLAYER_SUFFIXES)


def copy_player(output_path: str | Path) -> Path:
    """Copy the player into OUTPUT/signage/player/ and return that folder."""
    target = Path(output_path) / "signage" / "player"
    target.mkdir(parents=True, exist_ok=True)
    for source in player_files():
        shutil.copyfile(source, target / source.name)
    shutil.copyfile(SCHEMA, target / SCHEMA.name)
    return target


class PlayerAssetsGenerator(Generator):
    """Writes nothing until generate_output: a failed build never reaches it."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        copy_player(self.output_path)
