"""Where things are: the project's folder and the design system's files installed by npm."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DSFR_DIST = PROJECT_ROOT / "node_modules" / "@gouvfr" / "dsfr" / "dist"
