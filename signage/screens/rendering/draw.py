"""Drawing slides with Pillow: one image per slide per screen size.

Made to be read from three metres in two seconds: one colour per category
(full-bleed, white Marianne type), a huge title, short text, the photo
cover-cropped around its focal point, a QR code on a white tile with the
short URL printed beside it. Alerts are red, with a warning pictogram and
« ALERTE » in capitals; the closed-hours slide shows the emergency numbers
17, 112, 114 and the QR code of the online complaint.

The bottom band (STATUS_BAND of the height) is the player's: it overlays the
time and the reception's status there, so nothing is drawn in it but the
background.

Sizes are fractions of the screen's short side S (1080 px on both sample
screens, a 55-inch 1080p panel has 0.63 mm pixels): body text never goes
below 0.034·S (37 px, a 16 mm cap height, comfortable at 3 m and legible
further), titles never below 0.05·S.

`layout()` is separate from `draw()`: the build checks that every text fits
(for the French error message) without drawing anything.

A `social` spec is the same card for a shared link's preview (og:image, 1200×630,
screens/social_images): no status band and no QR code (nobody scans a preview), the
caption (the site's name) on the last line, and a title too long for the card shortened
with « … » rather than refused (it is the page's title, checked nowhere else).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw

from signage.core.workers import Workers
from signage.screens.rendering import textfit
from signage.screens.rendering.photos import PhotoStore

RENDERER_VERSION = "1"  # with the source digest below: any change to the drawing redraws every slide


def renderer_digest() -> str:
    """Digest of the code that decides what a slide looks like (part of every cache key)."""
    import hashlib

    here = Path(__file__).resolve().parent
    digest = hashlib.sha256(RENDERER_VERSION.encode())
    for name in ("draw.py", "textfit.py", "fonts.py", "photos.py"):
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:16]


STATUS_BAND = 0.08
WHITE = (255, 255, 255)
INK = (22, 22, 22)


@dataclass(frozen=True)
class Identity:
    label: str
    background: tuple[int, int, int]
    accent: tuple[int, int, int]  # secondary text (event dates) on the background


def _hex(value: str) -> tuple[int, int, int]:
    return tuple(int(value[i:i + 2], 16) for i in (1, 3, 5))


# DSFR colours, each with white text at a contrast ratio of at least 5.9:1.
IDENTITIES = {
    "prevention": Identity("Prévention", _hex("#000091"), _hex("#CACAFB")),  # bleu France
    "recrutement": Identity("Recrutement", _hex("#18753C"), _hex("#B8FEC9")),  # vert succès
    "evenements": Identity("Événements", _hex("#6E445A"), _hex("#FEE7FC")),  # glycine
    "alertes": Identity("Alerte", _hex("#CE0500"), _hex("#FFE9E6")),  # rouge erreur
    "pages": Identity("Le point d'accueil", _hex("#3A3A3A"), _hex("#E3E3FD")),  # gris
    "closed": Identity("Fermé", _hex("#161616"), _hex("#FFE9E6")),
}


@dataclass(frozen=True)
class Spec:
    """Everything a slide's image depends on, except the screen (the cache key is built from it)."""

    kind: str  # content | alert | closed | social (a shared link's preview)
    identity: str
    category: str
    title: str
    title_field: str
    text: str
    text_field: str | None
    link: str
    short_link: str  # the QR code's caption (screens/short_links: « amendes.gouv.fr », « <host>/s/k7m2 »)
    when_line: str = ""  # events: « samedi 12 décembre, 10 h – 17 h · Pusey »
    image: str | None = None  # path of the photo
    image_digest: str | None = None
    focal: tuple[float, float] = (0.5, 0.5)
    extra: tuple = ()  # closed slide: ((number, label), ...)

    def key_inputs(self) -> dict:
        data = {name: getattr(self, name) for name in self.__dataclass_fields__ if name != "image"}
        data["has_image"] = self.image is not None
        return data


@dataclass
class Geometry:
    width: int
    height: int
    band: bool = True  # the player's status band at the bottom (not on a shared link's preview)

    @property
    def short(self) -> int:
        return min(self.width, self.height)

    @property
    def landscape(self) -> bool:
        return self.width > self.height

    @property
    def usable_height(self) -> int:
        return self.height - round(self.height * STATUS_BAND) if self.band else self.height

    @property
    def margin(self) -> int:
        return round(self.short * 0.055)

    def px(self, fraction: float) -> int:
        return max(1, round(self.short * fraction))


@dataclass
class Layout:
    geometry: Geometry
    photo_box: tuple[int, int, int, int] | None
    panel_box: tuple[int, int, int, int]
    blocks: list = field(default_factory=list)  # (kind, x, y, payload)
    problems: list = field(default_factory=list)  # (field, textfit.Overflow, "title" | "text")


class Renderer:
    def __init__(self, fonts, photos: PhotoStore | None = None):
        self.fonts = fonts
        self.photos = photos or PhotoStore()
        self._lengths: dict[tuple[str, int, str], float] = {}

    def measure(self, weight: str):
        return lambda text, size: self._length(weight, size, text)

    def _length(self, weight: str, size: int, text: str) -> float:
        """A text's width, memoised: fitting tries the same words at the same sizes many times."""
        key = (weight, size, text)
        length = self._lengths.get(key)
        if length is None:
            if len(self._lengths) > 200_000:
                self._lengths.clear()
            length = self._lengths[key] = self.fonts.get(weight, size).getlength(text)
        return length

    # --- layout -------------------------------------------------------------------------

    def layout(self, spec: Spec, width: int, height: int, with_photo: bool | None = None) -> Layout:
        """Where everything goes; `with_photo` overrides whether the photo has its place.

        The build checks the wording with the photo's place whenever `Slide_image` is
        given, even when the file is missing or unreadable (reported on its own): the
        officer hears every problem in one run, not the text's only once the photo is fixed.
        """
        if spec.kind == "closed":
            return self._layout_closed(spec, Geometry(width, height))
        social = spec.kind == "social"
        g = Geometry(width, height, band=not social)
        usable = g.usable_height
        photo_box = None
        if (bool(spec.image) if with_photo is None else with_photo) and spec.kind != "alert":
            if g.landscape:
                split = round(width * 0.48)
                photo_box, panel = (0, 0, split, usable), (split, 0, width, usable)
            else:
                split = round(usable * 0.40)
                photo_box, panel = (0, 0, width, split), (0, split, width, usable)
        else:
            panel = (0, 0, width, usable)
        layout = Layout(g, photo_box, panel)
        m = g.margin
        x0, y0, x1, y1 = panel
        inner = x1 - x0 - 2 * m
        y = y0 + m
        if spec.kind == "alert":
            sign = g.px(0.15)
            layout.blocks.append(("alert_sign", x0 + m, y, sign))
            word_size = g.px(0.12)
            layout.blocks.append(("text", x0 + m + sign + round(m * 0.6), y + (sign - word_size) // 2 - g.px(0.01),
                                  ("bold", textfit.Fit(word_size, ("ALERTE",), word_size), WHITE)))
            y += sign + round(m * 0.7)
        else:
            chip = g.px(0.032)
            layout.blocks.append(("chip", x0 + m, y, (spec.category.upper(), chip)))
            y += round(chip * 1.9) + round(m * 0.7)

        if social:  # the caption alone on the last line: the site's name
            caption = textfit.fit(spec.short_link, inner, g.px(0.12), g.px(0.04), g.px(0.03),
                                  self.measure("medium"), max_lines=2)
            if isinstance(caption, textfit.Overflow):
                caption = textfit.shorten(spec.short_link, inner, g.px(0.12), g.px(0.03), self.measure("medium"),
                                          max_lines=2)
            bottom = y1 - m - caption.height
            layout.blocks.append(("text", x0 + m, bottom, ("medium", caption, WHITE)))
        else:
            qr_size = g.px(0.21)
            bottom = y1 - m - qr_size
            layout.blocks.append(("qr", x0 + m, bottom, (spec.link, qr_size)))
            url_x = x0 + m + qr_size + round(m * 0.6)
            url_width = x1 - m - url_x
            url_fit = self.fit_caption(spec.short_link, url_width, qr_size, g)
            layout.blocks.append(("text", url_x, bottom + (qr_size - url_fit.height) // 2,
                                  ("medium", url_fit, WHITE)))

        room = bottom - round(m * 0.7) - y
        first_content = len(layout.blocks)
        top = y
        accent = IDENTITIES[spec.identity].accent
        title_min, when_min, text_min = g.px(0.05), g.px(0.034), g.px(0.034)
        large = 1.0 if layout.photo_box else 1.2  # a full-width panel carries bigger type
        # Largest type first; squeeze every block a step at a time until all of it fits.
        for squeeze in (1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.0):
            # Within a step, each block may shrink by a quarter at most: title and text go down together.
            title_max, when_max, text_max = (max(low, round(g.px(high) * large * squeeze)) for low, high in
                                             ((title_min, 0.10), (when_min, 0.05), (text_min, 0.056)))
            floor = 0.75 if squeeze else 0.0
            blocks, y, problem = self._wording(spec, x0 + m, top, inner, top + room, accent, (
                title_max, max(title_min, round(title_max * floor)),
                when_max, max(when_min, round(when_max * floor)),
                text_max, max(text_min, round(text_max * floor))), m, explain=not squeeze)
            if problem is None:
                break
        if problem is not None:
            layout.problems.append(problem)
            return layout
        layout.blocks.extend(blocks)
        if not layout.photo_box:
            # No photo: the wording sits in the middle of its room, not stuck under the label.
            shift = max(0, (top + room - y) // 2)
            layout.blocks[first_content:] = [(kind, bx, by + shift, payload)
                                             for kind, bx, by, payload in layout.blocks[first_content:]]
        return layout

    def _wording(self, spec: Spec, x: int, y: int, inner: int, limit: int, accent, sizes, m: int,
                 explain: bool = True):
        """Title, event line and text stacked from y down to limit: (blocks, y after, problem or None)."""
        title_max, title_min, when_max, when_min, text_max, text_min = sizes
        blocks = []
        title = textfit.fit(spec.title, inner, limit - y, title_max, title_min, self.measure("bold"),
                            line_spacing=1.1, max_lines=4, explain=explain)
        if isinstance(title, textfit.Overflow) and spec.kind == "social" and explain:  # the last try
            title = textfit.shorten(spec.title, inner, limit - y, title_min, self.measure("bold"),
                                    line_spacing=1.1, max_lines=4)
        if isinstance(title, textfit.Overflow):
            return blocks, y, (spec.title_field, title, "title")
        blocks.append(("text", x, y, ("bold", title, WHITE)))
        y += title.height + round(m * 0.5)
        if spec.when_line:
            when = textfit.fit(spec.when_line, inner, limit - y, when_max, when_min, self.measure("bold"),
                               max_lines=3)
            if isinstance(when, textfit.Overflow):  # our own wording: shortened, never refused
                when = textfit.shorten(spec.when_line, inner, limit - y, when_min, self.measure("bold"),
                                       max_lines=3)
            blocks.append(("text", x, y, ("bold", when, accent)))
            y += when.height + round(m * 0.5)
        if spec.text:
            text = textfit.fit(spec.text, inner, limit - y, text_max, text_min, self.measure("regular"),
                               line_spacing=1.25, explain=explain)
            if isinstance(text, textfit.Overflow):
                if spec.text_field is not None or not explain:
                    return blocks, y, (spec.text_field, text, "text")
                # Pelican's automatic summary: shortened, never refused.
                text = textfit.shorten(spec.text, inner, limit - y, text_min, self.measure("regular"),
                                       line_spacing=1.25)
            blocks.append(("text", x, y, ("regular", text, WHITE)))
            y += text.height
        return blocks, y, None

    def fit_caption(self, caption: str, width: int, height: int, g: Geometry) -> textfit.Fit:
        """The QR code's caption beside it, in even lines broken after « . » or before « / ».

        A short link's « /s/k7m2 » stays whole; « - » is a break only if need be. From
        0.045·S down to 0.03·S, three lines at most. Never cut silently: a caption that
        does not fit even then (a very long host) keeps what fits and ends with « … ».
        """
        measure = self.measure("medium")
        low = g.px(0.03)
        for hyphens in (False, True):
            tokens = _caption_tokens(caption, hyphens)
            for size in range(g.px(0.045), low - 1, -2):
                widths = [measure(token, size) for token in tokens]
                line_height = round(size * 1.2)
                if max(widths) > width:
                    continue
                breaks = textfit.best_breaks(widths, width, 0.0)
                if len(breaks) <= 3 and len(breaks) * line_height <= height:
                    return textfit.Fit(size, tuple("".join(tokens[a:b]) for a, b in breaks), line_height)
        rows = max(1, min(3, height // round(low * 1.2)))
        return textfit.Fit(low, tuple(_cut_visibly(caption, rows, low, width, measure)), round(low * 1.2))

    def _layout_closed(self, spec: Spec, g: Geometry) -> Layout:
        width, usable = g.width, g.usable_height
        layout = Layout(g, None, (0, 0, width, usable))
        m = g.margin
        inner = width - 2 * m
        y = m
        head = textfit.fit(spec.title, inner, g.px(0.25), g.px(0.085), g.px(0.05), self.measure("bold"),
                           line_spacing=1.1, max_lines=2)
        layout.blocks.append(("text", m, y, ("bold", head, WHITE)))
        y += head.height + round(m * 0.4)
        sub = textfit.fit(spec.text, inner, g.px(0.14), g.px(0.048), g.px(0.034), self.measure("regular"),
                          max_lines=2)
        layout.blocks.append(("text", m, y, ("regular", sub, WHITE)))
        y += sub.height + round(m * 0.8)
        qr_size = g.px(0.21)
        bottom = usable - m - qr_size
        if g.landscape:  # the numbers side by side, each label under its number
            count = max(1, len(spec.extra))
            gap = m
            column = (inner - gap * (count - 1)) // count
            box_h = g.px(0.2)
            for index, (number, label) in enumerate(spec.extra):
                x = m + index * (column + gap)
                label_room = bottom - round(m * 0.5) - (y + box_h + round(m * 0.4))
                label_fit = textfit.fit(label, column, label_room, g.px(0.05), g.px(0.034),
                                        self.measure("bold"), max_lines=3)
                if isinstance(label_fit, textfit.Overflow):
                    label_fit = textfit.shorten(label, column, label_room, g.px(0.034), self.measure("bold"),
                                                max_lines=3)
                layout.blocks.append(("number", x, y, (number, column, box_h)))
                layout.blocks.append(("text", x, y + box_h + round(m * 0.4), ("bold", label_fit, WHITE)))
        else:
            rows = max(1, len(spec.extra))
            row_room = (bottom - round(m * 0.6) - y) // rows
            box_h = min(row_room - round(m * 0.35), g.px(0.19))
            box_w = round(box_h * 1.6)
            for number, label in spec.extra:
                label_fit = textfit.fit(label, inner - box_w - m, box_h, g.px(0.056), g.px(0.034),
                                        self.measure("bold"), max_lines=3)
                if isinstance(label_fit, textfit.Overflow):
                    label_fit = textfit.shorten(label, inner - box_w - m, box_h, g.px(0.034),
                                                self.measure("bold"), max_lines=3)
                layout.blocks.append(("number", m, y, (number, box_w, box_h)))
                layout.blocks.append(("text", m + box_w + m, y + (box_h - label_fit.height) // 2,
                                      ("bold", label_fit, WHITE)))
                y += row_room
        layout.blocks.append(("qr", m, bottom, (spec.link, qr_size)))
        url_x = m + qr_size + round(m * 0.6)
        caption = textfit.fit(spec.short_link, width - m - url_x, qr_size, g.px(0.045), g.px(0.03),
                              self.measure("medium"), max_lines=3)
        if isinstance(caption, textfit.Overflow):
            caption = textfit.shorten(spec.short_link, width - m - url_x, qr_size, g.px(0.03),
                                      self.measure("medium"), max_lines=3)
        layout.blocks.append(("text", url_x, bottom + (qr_size - caption.height) // 2, ("medium", caption, WHITE)))
        return layout

    # --- drawing ------------------------------------------------------------------------

    def draw(self, spec: Spec, layout: Layout) -> tuple[Image.Image, str]:
        """The slide's image and its format: JPEG when it carries a photo, PNG otherwise."""
        g = layout.geometry
        identity = IDENTITIES["closed" if spec.kind == "closed" else spec.identity]
        image = Image.new("RGB", (g.width, g.height), identity.background)
        if layout.photo_box and spec.image:
            x0, y0, x1, y1 = layout.photo_box
            try:
                photo = self.photos.cover(spec.image, x1 - x0, y1 - y0, spec.focal)
            except Exception as exc:  # the officer's photo, not Vitrine: say so (render_many)
                raise PhotoError(str(exc)) from exc
            image.paste(photo, (x0, y0))
        draw = ImageDraw.Draw(image)
        if spec.kind == "alert":
            # A white frame inside the red: an alert is never mistaken for a campaign.
            thickness = g.px(0.012)
            draw.rectangle((thickness, thickness, g.width - thickness - 1, g.usable_height - thickness - 1),
                           outline=WHITE, width=thickness)
        for kind, x, y, payload in layout.blocks:
            if kind == "text":
                weight, fit, colour = payload
                font = self.fonts.get(weight, fit.size)
                for index, line in enumerate(fit.lines):
                    draw.text((x, y + index * fit.line_height), line, font=font, fill=colour, anchor="la")
            elif kind == "chip":
                label, size = payload
                font = self.fonts.get("bold", size)
                pad_x, box_h = round(size * 0.6), round(size * 1.9)
                box_w = round(font.getlength(label)) + 2 * pad_x
                draw.rounded_rectangle((x, y, x + box_w, y + box_h), radius=round(size * 0.3), fill=WHITE)
                draw.text((x + pad_x, y + box_h // 2), label, font=font, fill=identity.background, anchor="lm")
            elif kind == "qr":
                link, size = payload
                image.paste(qr_image(link, size), (x, y))
            elif kind == "alert_sign":
                _warning_sign(draw, x, y, payload, identity.background, self.fonts)
            elif kind == "number":
                number, box_w, box_h = payload
                draw.rounded_rectangle((x, y, x + box_w, y + box_h), radius=round(box_h * 0.15), fill=WHITE)
                font = self.fonts.get("bold", round(min(box_h * 0.72, box_w * 0.45)))
                draw.text((x + box_w // 2, y + box_h // 2), number, font=font, fill=INK, anchor="mm")
        # A photo, or a share preview (screens/social_images: JPEG is as small there, and faster): JPEG.
        return image, ("jpg" if (layout.photo_box and spec.image) or spec.kind == "social" else "png")


def _caption_tokens(caption: str, hyphens: bool = False) -> list[str]:
    """The pieces a caption may be broken between: after « . » (and « - »), before « / »."""
    code = re.search(r"/s/[a-z0-9]+$", caption)  # a short link's code stays whole
    head, tail = (caption[:code.start()], code.group()) if code else (caption, "")
    pattern = r"(?<=[.-])|(?=/)" if hyphens else r"(?<=\.)|(?=/)"
    return [token for token in re.split(pattern, head) if token] + ([tail] if tail else [])


def _cut_visibly(text: str, rows: int, size: int, width: float, measure, ellipsis: str = "…") -> list[str]:
    """`text` in at most `rows` lines of `width`, split anywhere if need be, ending with « … » when cut."""
    lines: list[str] = []
    rest = text
    while rest and len(lines) < rows:
        count = len(rest)
        while count > 1 and measure(rest[:count], size) > width:
            count -= 1
        lines.append(rest[:count])
        rest = rest[count:]
    if rest:
        last = lines[-1]
        while last and measure(last + ellipsis, size) > width:
            last = last[:-1]
        lines[-1] = last + ellipsis
    return lines


def _warning_sign(draw: ImageDraw.ImageDraw, x: int, y: int, size: int, background, fonts) -> None:
    """The warning pictogram: a white triangle with a red exclamation mark."""
    draw.polygon([(x + size / 2, y), (x + size, y + size * 0.9), (x, y + size * 0.9)], fill=WHITE)
    bar_w = size * 0.11
    cx = x + size / 2
    draw.rounded_rectangle((cx - bar_w / 2, y + size * 0.28, cx + bar_w / 2, y + size * 0.62),
                           radius=bar_w / 2, fill=background)
    draw.ellipse((cx - bar_w * 0.6, y + size * 0.68, cx + bar_w * 0.6, y + size * 0.68 + bar_w * 1.2),
                 fill=background)


@lru_cache(maxsize=256)
def qr_image(link: str, size: int) -> Image.Image:
    """A QR code on a white tile (4-module quiet zone), `size` pixels square, sharp-edged.

    Memoised: every screen of a slide and each of an event's variants paste the same tile
    (callers never draw on it).
    """
    import segno  # here: its import (25 ms) is wasted on a build that draws nothing

    qr = segno.make_qr(link, error="m")
    rows = [bytes(0 if dark else 255 for dark in row) for row in qr.matrix_iter(scale=1, border=4)]
    modules = len(rows)
    small = Image.frombytes("L", (modules, modules), b"".join(rows))
    scale = max(1, size // modules)
    sharp = small.resize((modules * scale, modules * scale), Image.NEAREST)
    tile = Image.new("RGB", (size, size), WHITE)
    offset = (size - sharp.width) // 2
    tile.paste(sharp.convert("RGB"), (offset, offset))
    return tile


# --- many slides at once (a fresh clone, a renderer change): on the build's workers ----------

_local = threading.local()  # each thread (and each worker process) draws with its own Renderer


def _renderer(cache_dir: str) -> Renderer:
    """This thread's Renderer (the fonts loaded once per thread and per worker process)."""
    if getattr(_local, "cache_dir", None) != cache_dir:
        from signage.screens.rendering.fonts import FontSet

        _local.renderer, _local.cache_dir = Renderer(FontSet(cache_dir)), cache_dir
    return _local.renderer


class PhotoError(Exception):
    """Pillow could not decode a slide's photo (`Slide_image`) while drawing it."""


@dataclass(frozen=True)
class RenderFailure:
    """A job that could not be drawn: `photo` when the slide's photo is the cause, else a bug."""

    photo: bool
    detail: str  # the exception's own text (English, for the technical team)


def render_group(jobs: list[tuple[Spec, int, int]], cache_dir: str) -> list:
    """Draw and encode jobs sharing one photo (or none): the photo is decoded once for all of them.

    Each result is (encoded bytes, ext, width, height), or a RenderFailure (reported by the
    caller in French). Runs in any thread or worker process (`core.workers`).
    """
    from signage.screens.rendering.cache import encode

    renderer = _renderer(cache_dir)
    results: list = []
    layouts = []
    for spec, width, height in jobs:
        try:
            layout = renderer.layout(spec, width, height)
        except Exception as exc:  # noqa: BLE001 - a bug of Vitrine: reported plainly by the caller
            layout = RenderFailure(False, f"{type(exc).__name__}: {exc}")
        layouts.append(layout)
        if spec.image and isinstance(layout, Layout) and layout.photo_box:
            x0, y0, x1, y1 = layout.photo_box
            renderer.photos.plan(spec.image, [(x1 - x0, y1 - y0)])
    for (spec, _width, _height), layout in zip(jobs, layouts, strict=True):
        if isinstance(layout, RenderFailure):
            results.append(layout)
            continue
        try:
            image, ext = renderer.draw(spec, layout)
            results.append((encode(image, ext), ext, image.width, image.height))
        except PhotoError as exc:
            results.append(RenderFailure(True, str(exc)))
        except Exception as exc:  # noqa: BLE001 - a bug of Vitrine: reported plainly by the caller
            results.append(RenderFailure(False, f"{type(exc).__name__}: {exc}"))
    renderer.photos.release()
    return results


def by_photo(jobs: list[tuple[Spec, int, int]]) -> list[list[int]]:
    """The jobs' indexes grouped by photo: the jobs showing one photo (every screen, an event's
    variants) go together to one worker, which decodes that photo once."""
    groups: dict[object, list[int]] = {}
    for index, (spec, _width, _height) in enumerate(jobs):
        groups.setdefault(spec.image or ("no photo", index), []).append(index)
    return list(groups.values())


def render_many(jobs: list[tuple[Spec, int, int]], cache_dir: str, workers: int | None = None,
                helpers: Workers | None = None) -> list:
    """Render and encode `jobs` ((spec, width, height) each) and wait: in parallel when there
    are many, on the build's `helpers` (else on `workers` processes of its own, made here)."""
    from functools import partial

    groups = by_photo(jobs)
    batches = [[jobs[index] for index in indexes] for indexes in groups]
    own = helpers is None
    helpers = helpers or Workers(workers)
    try:
        done = helpers.map(partial(render_group, cache_dir=cache_dir), batches)
    finally:
        if own:
            helpers.close()
    results: list = [None] * len(jobs)
    for indexes, batch_results in zip(groups, done, strict=True):
        for index, result in zip(indexes, batch_results, strict=True):
            results[index] = result
    return results
