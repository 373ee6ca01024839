"""Smaller design-system files: only the components, icons and glyphs the site uses.

The DSFR ships one file per component (`component/<name>/<name>.min.css`,
`….module.min.js`), each README naming the components it needs. From the
classes written in the pages:

- `components(dist, classes)`: the components whose own classes the pages use
  (a component owns the classes its rules start with), in the order of the
  full `dsfr.min.css` (dependencies first). A dependency a README lists whose
  classes no page uses (the header's search bar, a card's tags) is left out:
  its rules all start with its own classes, so none of them could apply;
- `css_bundle` / `js_bundle`: core + scheme + those components, in one file each,
  served under the full bundles' names (`dsfr.min.css`, `dsfr.module.min.js`,
  `dsfr.nomodule.min.js`), so the templates keep their links; the stylesheet
  keeps only the selectors that can match (`unused_selectors_removed`): every
  `fr-*` class a selector requires is written in a page or may be added by a
  script (the DSFR's state classes such as `fr-collapse--expanded`);
- `icon_subset(css, used)`: the `fr-icon-*` rules the pages use (the icon sheet
  holds 1,800 icons);
- `font_subset(woff2)`: a Marianne or Spectral font cut down to the glyphs of
  French text (`FRENCH_TEXT`), layout features (kerning, ligatures) kept, hinting dropped, saved
  beside the full font as `<name>-fr.woff2`; `french_font_faces(css)` declares it
  after each @font-face with that `unicode-range`. A page of French text loads
  only the small file; a character outside the range (a name with « ñ ») makes
  the browser load the full font for it, as before: no glyph is ever lost.
"""

from __future__ import annotations

import io
import logging
import posixpath
import re
from functools import lru_cache
from pathlib import Path

from signage.core import memo

LICENSE = re.compile(r"/\*!.*?\*/", re.S)
COMMENT = re.compile(r"/\*.*?\*/", re.S)
CHARSET = re.compile(r'@charset\s+"[^"]*";')
_SOURCE_MAP = re.compile(r"\n?/[/*][#@] sourceMappingURL=[^\n]*?(\*/)?\s*$")
_TOKEN = re.compile(r"([^{}]*)([{}])")
_FIRST_COMPOUND = re.compile(r"[\s>+~]")
_ARGUMENTS = re.compile(r"\([^()]*\)")
_CLASS = re.compile(r"\.((?:[a-zA-Z0-9_-]|\\.)+)")

# French text: printable ASCII, the French letters (accents, cedilla, œ, æ, ÿ, capitals too), the
# no-break spaces, « », typographic quotes, dashes, the ellipsis, °, ·, ×, €, ©, ®, •.
FRENCH_TEXT = frozenset(
    [chr(code) for code in range(0x20, 0x7F)]
    + list("àâäæçéèêëîïôöœùûüÿÀÂÄÆÇÉÈÊËÎÏÔÖŒÙÛÜŸ")
    + list("\u00a0\u202f\u2009«»‹›‘’‚“”„–—…°·×€©®•"))
FRENCH_SUFFIX = "-fr.woff2"


def strip_source_map(text: str) -> str:
    return _SOURCE_MAP.sub("", text)


# --- components -----------------------------------------------------------------------------

def _selectors(css: str):
    """Every rule's selector text, at the top level or inside @media / @supports (one linear pass)."""
    containers: list[bool] = []  # for each open block: does it hold rules (an at-rule)?
    for match in _TOKEN.finditer(COMMENT.sub("", css)):
        text, brace = match.groups()
        if brace == "}":
            if containers:
                containers.pop()
            continue
        prelude = text.strip()
        holds_rules = prelude.startswith("@")
        if (not containers or containers[-1]) and not holds_rules:
            yield prelude
        containers.append(holds_rules)


def _leading_classes(css: str) -> set[str]:
    """The class each selector of `css` starts with (`.fr-card .fr-btn` → fr-card)."""
    found: set[str] = set()
    for prelude in _selectors(css):
        for selector in prelude.split(","):
            compound = _FIRST_COMPOUND.split(_ARGUMENTS.sub("", selector.strip()), maxsplit=1)[0]
            match = _CLASS.search(compound)
            if match:
                found.add(match.group(1).replace("\\", ""))
    return found


@lru_cache(maxsize=4)
def _catalogue(dist: Path, version: tuple) -> tuple[dict[str, set[str]], list[str]]:
    """(classes each component owns, every component in dsfr.min.css order), kept between builds
    for the same installed design system (`core.memo`)."""
    return memo.memo("dsfr-catalogue").get(memo.key_of(repr(version)), lambda: _read_catalogue(dist))


def _read_catalogue(dist: Path) -> tuple[dict[str, set[str]], list[str]]:
    core = _leading_classes((dist / "core" / "core.min.css").read_text(encoding="utf-8"))
    full = (dist / "dsfr.min.css").read_text(encoding="utf-8")
    owned, position = {}, {}
    for folder in sorted((dist / "component").iterdir()):
        sheet = folder / f"{folder.name}.min.css"
        if not sheet.is_file():
            continue
        css = sheet.read_text(encoding="utf-8")
        owned[folder.name] = _leading_classes(css) - core
        body = CHARSET.sub("", LICENSE.sub("", css)).strip()
        found = full.find(body[:120]) if body else -1
        position[folder.name] = found if found >= 0 else len(full)
    order = sorted(owned, key=lambda name: (position[name], name))
    return owned, order


def _version(dist: Path) -> tuple:
    stat = (dist / "dsfr.min.css").stat()
    return (str(dist), stat.st_size, stat.st_mtime_ns)


def components(dist: Path, classes: set[str]) -> list[str]:
    """The components owning one of `classes`, in dsfr.min.css order (dependencies first)."""
    owned, order = _catalogue(Path(dist), _version(Path(dist)))
    return [name for name in order if owned[name] & classes]


def bundle_sources(dist: Path, names: list[str], suffix: str) -> list[Path]:
    """core, scheme, then each component's file with `suffix` (".min.css", ".module.min.js"…)."""
    files = [dist / "core" / f"core{suffix}", dist / "scheme" / f"scheme{suffix}"]
    files += [dist / "component" / name / f"{name}{suffix}" for name in names]
    return [path for path in files if path.is_file()]


_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")


def rebase_urls(css: str, source_dir: str) -> str:
    """Rewrite the relative url() of a stylesheet from `source_dir` (under dist/) to dist/ itself."""
    def rebase(match: re.Match) -> str:
        quote, url = match.groups()
        if url.startswith(("data:", "#", "/", "http:", "https:")):
            return match.group(0)
        return f"url({quote}{posixpath.normpath(posixpath.join(source_dir, url))}{quote})"

    return _URL.sub(rebase, css) if source_dir else css


_REQUIRED_CLASS = re.compile(r"\.(fr-(?:[a-zA-Z0-9_-]|\\.)+)")
_OPTIONAL_PART = re.compile(r":(?:not|is|where|has|matches)\((?:[^()]|\([^()]*\))*\)")
_JS_NAME = re.compile(r"""["'`]([a-z][a-z0-9_-]*)""")
_JS_STATE = re.compile(r"""\bid:\s*["']([a-z][a-z0-9-]*)["']""")


def script_classes(scripts: list[Path]) -> tuple[set[str], set[str]]:
    """(classes the scripts may add: fr- + every name they spell, state suffixes such as --expanded)."""
    names, states = set(), set()
    for path in scripts:
        text = path.read_text(encoding="utf-8")
        names.update("fr-" + name for name in _JS_NAME.findall(text))
        states.update("--" + state for state in _JS_STATE.findall(text))
    return names, states


def _can_match(selector: str, used: set[str], states: tuple[str, ...]) -> bool:
    """False when the selector requires a class no page has and no script adds.

    Classes inside :not() / :is() / :where() / :has() are not required (kept, to be safe).
    """
    for name in _REQUIRED_CLASS.findall(_OPTIONAL_PART.sub("", selector)):
        name = name.replace("\\", "")
        if name not in used and not name.endswith(states):
            return False
    return True


def unused_selectors_removed(css: str, used: set[str], states: tuple[str, ...]) -> str:
    """`css` without the selectors (and then the rules) that cannot match; @media/@supports walked."""
    kept = []
    for prelude, body in _blocks(css):
        if prelude.startswith(("@media", "@supports", "@layer", "@container")):
            inner = unused_selectors_removed(body, used, states)
            if inner:
                kept.append(prelude + "{" + inner + "}")
        elif prelude.startswith("@"):
            kept.append(prelude + "{" + body + "}")
        else:
            selectors = [s for s in prelude.split(",") if _can_match(s, used, states)]
            if selectors:
                kept.append(",".join(selectors) + "{" + body + "}")
    return "".join(kept)


def css_bundle(sources: list[Path], dist: Path, used: set[str] | None = None,
               scripts: list[Path] = ()) -> str:
    """The stylesheets one after the other, served from dist/'s root (url() rebased): one @charset
    and one licence line, no source maps; with `used`, only the selectors that can match
    (the classes the `scripts` may add count as used)."""
    parts = []
    for index, path in enumerate(sources):
        css = rebase_urls(strip_source_map(path.read_text(encoding="utf-8")),
                          path.parent.relative_to(dist).as_posix().strip("."))
        css = CHARSET.sub("", css)
        if index:
            css = LICENSE.sub("", css, count=1)
        parts.append(css.strip())
    css = french_font_faces("\n".join(parts))
    if used is not None:
        licence = LICENSE.match(css)
        names, states = script_classes(list(scripts))
        css = (licence.group(0) if licence else "") + unused_selectors_removed(
            css[licence.end():] if licence else css, set(used) | names, tuple(sorted(states)))
    return '@charset "UTF-8";' + css + "\n"


def js_bundle(sources: list[Path], module: bool) -> str:
    """The scripts one after the other, each in its own scope (their top-level names repeat)."""
    parts = []
    for path in sources:
        js = strip_source_map(path.read_text(encoding="utf-8")).strip()
        parts.append("{\n" + js + "\n}" if module else "(function () {\n" + js + "\n})();")
    return "\n".join(parts) + "\n"


# --- icons -------------------------------------------------------------------------------------

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
        prelude = COMMENT.sub("", prelude).strip()
        yield prelude, css[opening + 1:cursor - 1]
        position = cursor


def _icon_names(selector: str) -> set[str]:
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
        parts = [s.strip() for s in prelude.split(",") if _icon_names(s) & used]
        if parts:
            kept.append(",".join(parts) + "{" + body + "}")
    return "".join(kept)


# --- fonts -------------------------------------------------------------------------------------

def unicode_range(characters) -> str:
    """CSS unicode-range for a set of characters (consecutive code points as ranges)."""
    codes, parts = sorted(ord(char) for char in characters), []
    start = previous = codes[0]
    for code in [*codes[1:], None]:
        if code is not None and code == previous + 1:
            previous = code
            continue
        parts.append(f"U+{start:X}" if start == previous else f"U+{start:X}-{previous:X}")
        if code is not None:
            start = previous = code
    return ",".join(parts)


_FONT_FACE = re.compile(r"@font-face\s*\{([^{}]*)\}")
_WOFF2 = re.compile(r"""url\((['"]?)([^'")]+)\.woff2\1\)""")


def french_font_faces(css: str) -> str:
    """After each @font-face with a WOFF2, the same face from `<name>-fr.woff2` for French text.

    Declared last, it is the one a browser tries first for the characters of its range.
    """
    def add(match: re.Match) -> str:
        body = match.group(1)
        woff2 = _WOFF2.search(body)
        if woff2 is None:
            return match.group(0)
        descriptors = [d for d in body.split(";") if d.strip() and not d.strip().startswith(("src", "unicode-range"))]
        subset = (f'@font-face{{{";".join(descriptors)};src:url({woff2.group(2)}{FRENCH_SUFFIX[:-6]}.woff2) '
                  f'format("woff2");unicode-range:{unicode_range(FRENCH_TEXT)}}}')
        return match.group(0) + subset

    return _FONT_FACE.sub(add, css)


def font_subset(source: Path, characters=FRENCH_TEXT) -> bytes:
    """`source` (WOFF2) reduced to `characters`, layout features kept, as WOFF2."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    logging.getLogger("fontTools").setLevel(logging.ERROR)  # its notes on dropped tables are not the officer's
    options = subset.Options()
    options.flavor = "woff2"
    options.notdef_outline = True
    # No TrueType hinting instructions: 40 % of each French file (19 KB → 11 KB). Phones (Android,
    # iOS) and macOS never use them, and Chromium on Windows smooths text without them; the
    # State's typeface keeps its shapes, kerning and ligatures (what Google Fonts also serves).
    options.hinting = False
    # Tabular figures too: browsers draw list numbers (::marker) with them.
    options.layout_features = [*options.layout_features, "tnum"]
    font = TTFont(str(source))
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(char) for char in characters))
    subsetter.subset(font)
    font.recalcTimestamp = False  # the source's date, not the clock's: two builds give the same bytes
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()
