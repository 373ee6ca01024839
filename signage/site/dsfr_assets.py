"""The State design system's files in the output: only those the site uses.

`@gouvfr/dsfr` is installed by `make setup` into node_modules/ (never
committed). Templates reference its files under `theme/dsfr/` exactly as they
sit in the package's `dist/` folder (e.g. `theme/dsfr/dsfr.min.css`,
`theme/dsfr/favicon/favicon.svg`). After Pelican has written the site, this
module scans the written HTML for those references and copies each file, then
every file a copied stylesheet points to with url() (fonts, icons), and so on.

The icon stylesheet (`utility/icons/icons.min.css`, 350 kB for 1,800 icons)
is not copied whole: it is rewritten with the rules of the `fr-icon-*`
classes the pages actually use, so only those SVG files follow.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from signage.core.paths import DSFR_DIST

OUTPUT_PREFIX = "theme/dsfr"
ICONS_CSS = "utility/icons/icons.min.css"
_REFERENCE = re.compile(r"theme/dsfr/([A-Za-z0-9_@.\-/]+)")
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
_ICON_CLASS = re.compile(r"\bfr-icon-[a-z0-9-]+")
_SOURCE_MAP = re.compile(r"\n?/[/*][#@] sourceMappingURL=[^\n]*?(\*/)?\s*$")


def default_dist(settings: dict) -> Path:
    """The package's dist/ folder: setting DSFR_DIST, else node_modules/ next to the project."""
    configured = settings.get("DSFR_DIST")
    if configured:
        return Path(configured)
    return DSFR_DIST


def check_installed(settings: dict) -> str | None:
    """A French message when the design system is missing, else None."""
    dist = default_dist(settings)
    if (dist / "dsfr.min.css").is_file():
        return None
    return (
        f"Le système de design de l'État (@gouvfr/dsfr) est introuvable dans {dist}. "
        "Il est installé par la commande d'installation : lancez make setup "
        "(ou npm ci dans le dossier du projet), puis relancez la construction."
    )


def _strip_source_map(text: str) -> str:
    return _SOURCE_MAP.sub("", text)


def _used_icon_classes(output: Path) -> set[str]:
    used: set[str] = set()
    for page in output.rglob("*.html"):
        used.update(_ICON_CLASS.findall(page.read_text(encoding="utf-8", errors="replace")))
    return used


def _blocks(css: str):
    """Split CSS into (prelude, body) pairs at the top level, braces balanced."""
    position, length = 0, len(css)
    while position < length:
        opening = css.find("{", position)
        if opening < 0:
            return
        depth, cursor = 1, opening + 1
        while cursor < length and depth:
            depth += {"{": 1, "}": -1}.get(css[cursor], 0)
            cursor += 1
        prelude = css[position:opening]
        prelude = re.sub(r"/\*.*?\*/", "", prelude, flags=re.S).strip()
        yield prelude, css[opening + 1:cursor - 1]
        position = cursor


def _names(selector: str) -> set[str]:
    return set(re.findall(r"\.(fr-icon-[a-z0-9-]+)(?![a-z0-9-])", selector))


def icon_subset(css: str, used: set[str]) -> str:
    """Keep the rules of `css` whose selectors name one of the `used` classes (@media kept)."""
    kept = []
    for prelude, body in _blocks(css):
        if prelude.startswith("@"):
            inner = icon_subset(body, used)
            if inner:
                kept.append(prelude + "{" + inner + "}")
            continue
        parts = [s.strip() for s in prelude.split(",") if _names(s) & used]
        if parts:
            kept.append(",".join(parts) + "{" + body + "}")
    return "".join(kept)


def _references(text: str) -> set[str]:
    return {match.rstrip(".") for match in _REFERENCE.findall(text)}


def copy_used_assets(output: str | os.PathLike, dist: str | os.PathLike) -> list[str]:
    """Copy into OUTPUT/theme/dsfr/ what the written pages use; return the copied paths."""
    output, dist = Path(output), Path(dist)
    target_root = output / OUTPUT_PREFIX
    pending: list[str] = []
    for page in [*output.rglob("*.html"), *output.rglob("*.css"), *output.rglob("*.webmanifest")]:
        if target_root in page.parents:
            continue
        pending.extend(_references(page.read_text(encoding="utf-8", errors="replace")))
    used_icons: set[str] | None = None
    done: set[str] = set()
    copied: list[str] = []
    while pending:
        relative = os.path.normpath(pending.pop()).replace(os.sep, "/")
        if relative in done or relative.startswith(".."):
            continue
        done.add(relative)
        source = dist / relative
        if not source.is_file():
            continue  # a broken reference is reported by the site's link checker
        target = target_root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if relative.endswith(".css"):
            css = source.read_text(encoding="utf-8")
            if relative == ICONS_CSS:
                if used_icons is None:
                    used_icons = _used_icon_classes(output)
                css = icon_subset(css, used_icons)
            css = _strip_source_map(css)
            target.write_text(css, encoding="utf-8")
            base = os.path.dirname(relative)
            for _quote, url in _CSS_URL.findall(css):
                if url.startswith(("data:", "#", "http:", "https:", "//")):
                    continue
                pending.append(os.path.join(base, url.split("#")[0].split("?")[0]))
        elif relative.endswith(".js"):
            target.write_text(_strip_source_map(source.read_text(encoding="utf-8")), encoding="utf-8")
        else:
            shutil.copyfile(source, target)
        copied.append(relative)
    return sorted(copied)


def on_finalized(pelican) -> None:
    """Pelican `finalized` handler: the pages are written, copy what they use."""
    copy_used_assets(pelican.output_path, default_dist(pelican.settings))
