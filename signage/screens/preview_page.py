"""The officer's slide preview page, `signage/apercu/`, in development builds only.

A page of the site (the theme's base, so the DSFR header and footer) with a
day, a time and a screen to pick; its script (`preview/apercu.js`) reads
`signage/feed.json` and runs the player's own playlist rule on it, so what it
lists agrees with the window player and with `invoke slides --at`.
publishconf.py sets SIGNAGE_PREVIEW = False: the page is never published.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from pelican.generators import Generator

PREVIEW_DIR = Path(__file__).resolve().parent / "preview"
SAVE_AS = "signage/apercu/index.html"


class PreviewPageGenerator(Generator):
    """Writes nothing until generate_output: a failed build never reaches it."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        if not self.settings.get("SIGNAGE_PREVIEW"):
            return
        template = self.env.from_string((PREVIEW_DIR / "apercu.html").read_text(encoding="utf-8"))
        writer.write_file(SAVE_AS, template, self.context, relative_urls=self.settings.get("RELATIVE_URLS"))
        target = Path(self.output_path) / "signage" / "apercu"
        target.mkdir(parents=True, exist_ok=True)  # an incremental live build may not write the page
        for name in ("apercu.js", "apercu.css"):
            shutil.copyfile(PREVIEW_DIR / name, target / name)
