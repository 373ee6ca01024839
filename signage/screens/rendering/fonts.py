"""Fonts for the screens: Marianne (the State's typeface, from @gouvfr/dsfr), as TrueType.

The DSFR package ships Marianne as WOFF2 only, which this Pillow's FreeType
cannot open; fontTools decompresses each weight once into the render cache
as a plain TTF. Every weight is checked for the French characters a slide
may carry (é è à ç œ « » ’ € …): a font missing one is not used, and DejaVu
(fonts-dejavu-core, installed by the set-up) takes over, so that no slide
ever shows a missing-glyph box for them. Any other character a slide carries is
checked against the font (`FontSet.missing`): one it lacks (an emoji) is refused
with its name (screens/slide_checks), never drawn as a box.
"""

from __future__ import annotations

import hashlib
import logging
from functools import cache, lru_cache
from pathlib import Path

from PIL import ImageFont

from signage.core import memo
from signage.core.errors import SetupError
from signage.core.paths import DSFR_DIST

logger = logging.getLogger("vitrine")

DSFR_FONTS = DSFR_DIST / "fonts"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")

# Characters French slides need, beyond ASCII (NBSP and narrow NBSP included: « 10 h » uses them).
REQUIRED_GLYPHS = "éèêëàâîïôûùüçœæÉÈÊÀÇŒ«»’‘“”€–—…\u00a0\u202f"

WEIGHTS = {"regular": "Marianne-Regular", "bold": "Marianne-Bold", "medium": "Marianne-Medium"}
FALLBACK = {"regular": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf", "medium": "DejaVuSans-Bold.ttf"}


def missing_glyphs(path: Path, characters: str = REQUIRED_GLYPHS) -> list[str]:
    """The characters of `characters` the font at `path` has no glyph for."""
    cmap = _cmap(str(path))
    return [char for char in characters if ord(char) not in cmap]


def _decompress(source: Path, target: Path) -> Path:
    """Write `source` (WOFF/WOFF2) as a plain TrueType file at `target` (atomic)."""
    from fontTools.ttLib import TTFont

    target.parent.mkdir(parents=True, exist_ok=True)
    font = TTFont(str(source))
    font.flavor = None
    partial = target.with_suffix(".tmp")
    font.save(str(partial))
    font.close()
    partial.replace(target)
    return target


@cache
def font_file(weight: str, cache_dir: str) -> Path:
    """The TTF to use for `weight` ("regular", "bold", "medium"), prepared in `cache_dir`."""
    name = WEIGHTS[weight]
    source = DSFR_FONTS / f"{name}.woff2"
    if source.is_file():
        target = Path(cache_dir) / "fonts" / f"{name}-{_file_digest(source)[:12]}.ttf"
        try:
            if not target.is_file():
                _decompress(source, target)
            missing = missing_glyphs(target)
            if not missing:
                return target
            logger.warning("Police %s : pas de glyphe pour %s ; DejaVu la remplace.", name, " ".join(missing))
        except Exception as exc:  # noqa: BLE001 - a damaged package must not stop the build: fall back
            logger.warning("Police %s illisible (%s) ; DejaVu la remplace.", name, exc)
    else:
        logger.warning("Police Marianne absente (%s) : lancez « make setup » (npm ci). DejaVu la remplace.",
                       source)
    fallback = DEJAVU / FALLBACK[weight]
    if not fallback.is_file():
        raise SetupError(f"Aucune police utilisable pour les écrans : ni {source} ni {fallback}. "
                         "Lancez « make setup » (npm ci) ou installez fonts-dejavu-core.")
    return fallback


@cache
def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class FontSet:
    """The screens' fonts, loaded at any size on demand (Pillow objects cached)."""

    def __init__(self, cache_dir: str | Path):
        self.cache_dir = str(cache_dir)
        self.files = {weight: font_file(weight, self.cache_dir) for weight in WEIGHTS}

    def get(self, weight: str, size: int) -> ImageFont.FreeTypeFont:
        return _load(str(self.files[weight]), int(size))

    @property
    def family(self) -> str:
        """The typeface's name, for the officer's messages."""
        return "Marianne" if all("Marianne" in path.name for path in self.files.values()) else "DejaVu Sans"

    def missing(self, weight: str, text: str) -> list[str]:
        """The characters of `text` (each once, in order) that the `weight` font has no glyph for."""
        cmap = _cmap(str(self.files[weight]))
        found: list[str] = []
        for char in text:
            if char != "\n" and ord(char) not in cmap and char not in found:
                found.append(char)
        return found

    def fingerprint(self) -> str:
        """Changes when any font file changes: part of every rendered slide's cache key."""
        digest = hashlib.sha256()
        for weight in sorted(self.files):
            digest.update(weight.encode() + _file_digest(self.files[weight]).encode())
        return digest.hexdigest()[:16]


@cache
def _cmap(path: str) -> frozenset[int]:
    """The code points the font at `path` has a glyph for (kept between builds, `core.memo`)."""
    def read() -> frozenset[int]:
        from fontTools.ttLib import TTFont

        font = TTFont(path, lazy=True)
        try:
            return frozenset((font.getBestCmap() or {}).keys())
        finally:
            font.close()

    return memo.memo("font-cmap").get(memo.key_of(path, _file_digest(Path(path))), read)


@lru_cache(maxsize=512)
def _load(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.BASIC)
