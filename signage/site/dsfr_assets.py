"""The State design system's files in the output: only those the site uses, made once.

`@gouvfr/dsfr` is installed by `make setup` into node_modules/ (never
committed). Templates reference its files under `theme/dsfr/` exactly as they
sit in the package's `dist/` folder (e.g. `theme/dsfr/dsfr.min.css`,
`theme/dsfr/favicon/favicon.svg`). After Pelican has written the site, this
module reads the written pages once for those references and the classes
they use, then places each file, and every file a placed stylesheet points to
with url() (fonts, icons), and so on:

- `dsfr.min.css`, `dsfr.module.min.js`, `dsfr.nomodule.min.js`: core, scheme and
  only the components the pages use (`dsfr_subset.components`);
- `utility/icons/icons.min.css`: only the `fr-icon-*` rules the pages use;
- `fonts/*-fr.woff2`: each font cut down to the glyphs of French text
  (`dsfr_subset.FRENCH_TEXT`), declared with that unicode-range after the full one;
- anything else as it is, without its source map line.

Every file is made once into a store (`.cache/dsfr/`, kept between builds, keyed
by what it is made of) and placed into the output as a hard link: a build whose
pages use the same components copies nothing.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from signage.core import memo
from signage.core.paths import DSFR_DIST, PROJECT_ROOT
from signage.core.store import FileStore, place, stamp
from signage.site import dsfr_subset
from signage.site.dsfr_subset import icon_subset, strip_source_map

__all__ = ["check_installed", "copy_used_assets", "default_dist", "icon_subset", "on_finalized"]

OUTPUT_PREFIX = "theme/dsfr"
ICONS_CSS = "utility/icons/icons.min.css"
BUNDLES = {"dsfr.min.css": ".min.css", "dsfr.module.min.js": ".module.min.js",
           "dsfr.nomodule.min.js": ".nomodule.min.js"}
_REFERENCE = re.compile(r"theme/dsfr/([A-Za-z0-9_@.\-/]+)")
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
_CLASS_ATTRIBUTE = re.compile(r"""\bclass\s*=\s*["']([^"']*)["']""")
_DSFR_CLASS = re.compile(r"\bfr-[a-zA-Z0-9_@-]+")
DEFAULT_STORE = PROJECT_ROOT / ".cache" / "dsfr"


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


@dataclass
class Usage:
    """What the written site uses of the design system."""

    references: set[str] = field(default_factory=set)  # paths under theme/dsfr/
    classes: set[str] = field(default_factory=set)  # every fr-* class (pages and the theme's scripts)


# What each file uses, by inode: an incremental live build links most pages from the previous
# build (same inode, never rewritten in place), so only the pages it wrote are read again. A file
# read again is scanned only when its bytes are new to the memo (`core.memo`, across builds).
_FILE_USAGE: dict[tuple, tuple[frozenset, frozenset]] = {}


def _scan(text: str, suffix: str) -> tuple[frozenset, frozenset]:
    references = frozenset(match.rstrip(".") for match in _REFERENCE.findall(text))
    classes: set[str] = set()
    if suffix == ".html":
        for attribute in _CLASS_ATTRIBUTE.findall(text):
            classes.update(attribute.split())
    elif suffix == ".js":  # classes a script adds (the opening badge's fr-badge--…)
        classes.update(_DSFR_CLASS.findall(text))
    return references, frozenset(classes)


def _file_usage(page: Path) -> tuple[frozenset, frozenset]:
    stat = page.stat()
    key = (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)
    found = _FILE_USAGE.get(key)
    if found is None:
        data = page.read_bytes()
        found = memo.memo("dsfr-usage").get(
            memo.key_of(page.suffix, data), lambda: _scan(data.decode("utf-8", errors="replace"), page.suffix))
        if len(_FILE_USAGE) > 50_000:
            _FILE_USAGE.clear()
        _FILE_USAGE[key] = found
    return found


def _pages_and_styles(output: Path, left_out: Path, theme: Path):
    """The .html, .css and .webmanifest files of `output`, and the .js files of its theme, outside
    `left_out` (one walk of the tree: a site of 1,000 articles has some 2,500 files)."""
    for folder, folders, files in os.walk(output):
        here = Path(folder)
        if here == left_out:
            folders[:] = []
            continue
        scripts = here == theme or theme in here.parents
        for name in files:
            if name.endswith((".html", ".css", ".webmanifest")) or (scripts and name.endswith(".js")):
                yield here / name


def read_usage(output: Path) -> Usage:
    """One pass over the written pages (and the theme's own CSS and scripts)."""
    usage = Usage()
    target_root = output / OUTPUT_PREFIX
    theme = output / "theme"
    for page in _pages_and_styles(output, target_root, theme):
        references, classes = _file_usage(page)
        usage.references.update(references)
        usage.classes.update(classes)
    return usage


def _code_version() -> str:
    """Part of every key: a change to how the files are made makes them again."""
    return FileStore.key(*(Path(module.__file__).read_bytes().hex() for module in (dsfr_subset,)),
                         Path(__file__).read_bytes().hex())


class _Maker:
    """Makes (or finds in the store) each output file of the design system."""

    def __init__(self, dist: Path, store: FileStore, usage: Usage):
        self.dist, self.usage = dist, usage
        self.store = store
        self._code = _code_version()
        self._components: list[str] | None = None

    def _get(self, kind: str, inputs, name: str, make) -> Path:
        return self.store.get(self.store.key(kind, self._code, inputs), name, make)

    @property
    def components(self) -> list[str]:
        if self._components is None:
            self._components = dsfr_subset.components(self.dist, self.usage.classes)
        return self._components

    def can_make(self, relative: str) -> bool:
        """True for the files made from another one (a font's French subset)."""
        return relative.endswith(dsfr_subset.FRENCH_SUFFIX) and (
            self.dist / (relative[: -len(dsfr_subset.FRENCH_SUFFIX)] + ".woff2")).is_file()

    def make(self, relative: str) -> Path:
        source = self.dist / relative
        name = os.path.basename(relative)
        if relative in BUNDLES:
            sources = dsfr_subset.bundle_sources(self.dist, self.components, BUNDLES[relative])
            if relative.endswith(".css"):
                scripts = dsfr_subset.bundle_sources(self.dist, self.components, ".module.min.js")
                used = sorted(c for c in self.usage.classes if c.startswith("fr-"))
                sources_and_used = [[stamp(p) for p in sources + scripts], used]

                def build() -> bytes:
                    return dsfr_subset.css_bundle(sources, self.dist, set(used), scripts).encode()
                return self._get("bundle", [relative, sources_and_used], name, build)
            else:
                def build() -> bytes:
                    return dsfr_subset.js_bundle(sources, module="nomodule" not in relative).encode()
            return self._get("bundle", [relative, [stamp(p) for p in sources]], name, build)
        if relative == ICONS_CSS:
            icons = sorted(c for c in self.usage.classes if c.startswith("fr-icon-"))
            return self._get("icons", [stamp(source), icons], name, lambda: strip_source_map(
                icon_subset(source.read_text(encoding="utf-8"), set(icons))).encode())
        if relative.endswith(dsfr_subset.FRENCH_SUFFIX):
            full = self.dist / (relative[: -len(dsfr_subset.FRENCH_SUFFIX)] + ".woff2")
            characters = "".join(sorted(dsfr_subset.FRENCH_TEXT))
            return self._get("font", [stamp(full), characters], name, lambda: dsfr_subset.font_subset(full))
        if relative.endswith((".css", ".js")):
            return self._get("text", stamp(source), name,
                             lambda: strip_source_map(source.read_text(encoding="utf-8")).encode())
        return self._get("file", stamp(source), name, source.read_bytes)


@dataclass
class Placed:
    files: list[str]  # paths under theme/dsfr/
    made: int  # how many of them were made by this build (the others came from the store)


def copy_used_assets(output: str | os.PathLike, dist: str | os.PathLike,
                     store: str | os.PathLike | None = None) -> Placed:
    """Place into OUTPUT/theme/dsfr/ what the written pages use.

    Files already in the store (same sources, same components, icons and glyphs) are
    linked, not made again.
    """
    output, dist = Path(output), Path(dist)
    files = FileStore(store or DEFAULT_STORE)
    usage = read_usage(output)
    maker = _Maker(dist, files, usage)
    target_root = output / OUTPUT_PREFIX
    pending = sorted(usage.references)
    done: set[str] = set()
    placed: list[str] = []
    while pending:
        relative = os.path.normpath(pending.pop()).replace(os.sep, "/")
        if relative in done or relative.startswith(".."):
            continue
        done.add(relative)
        if not (dist / relative).is_file() and not maker.can_make(relative):
            continue  # a broken reference is reported by the site's link checker
        made = maker.make(relative)
        place(made, target_root / relative)
        placed.append(relative)
        if relative.endswith(".css"):
            base = os.path.dirname(relative)
            for _quote, url in _CSS_URL.findall(made.read_text(encoding="utf-8")):
                if not url.startswith(("data:", "#", "http:", "https:", "//")):
                    pending.append(os.path.join(base, url.split("#")[0].split("?")[0]))
    return Placed(sorted(placed), files.made)


def on_finalized(pelican) -> None:
    """Pelican `finalized` handler: the pages are written, place what they use."""
    copy_used_assets(pelican.output_path, default_dist(pelican.settings))
