"""A shared link's preview: one 1200×630 image per page, drawn by the slide renderer.

When someone shares a page of the site, the messaging app or network shows its
`og:image`. Each article and page gets its own, drawn like a slide (rendering/draw,
kind `social`): its category's colour and label, its title, the site's name, and
its photo (`Slide_image`, which is also the page's illustration) when it has one.
The home and the other pages without a content of their own (listings, search)
share the site's image; a category's listing has its category's.

Images are kept in the render cache under a key naming every input (wording,
photo bytes, focal point, fonts, renderer, Pillow, encoder), in JPEG, named by the
hash of that key and placed into `images/partage/` by hard link: a page whose title
and photo did not change keeps its image and its URL, and a build where nothing
changed draws nothing. Named before it is drawn, a missing image is drawn on the
build's workers (core/workers) while Pelican writes the pages.

generate_context(): reads every page's photo (SlideReader.photo: a wrong
`Slide_image` is an error for any page, as for a slide), names every image, has the
missing ones drawn (`_Drawing`) and gives each content `vitrine_social`
(`SocialImage`), and the context `vitrine_social_images` (`site`, `categories`).
generate_output(), after the pages: waits for the drawings and places the images.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from pelican.generators import Generator

from signage.core import workers
from signage.core.errors import InternalError, display_path, error_log
from signage.core.metadata import build_contents
from signage.core.site_url import public_base
from signage.core.store import digest_of, place
from signage.core.typography import french
from signage.core.vocabulary import CATEGORIES
from signage.screens.rendering.cache import MEDIA_TYPES, RenderCache, fingerprint, photo_unchanged
from signage.screens.rendering.draw import (
    IDENTITIES,
    RenderFailure,
    Spec,
    by_photo,
    render_group,
    render_many,
    renderer_digest,
)
from signage.screens.rendering.fonts import FontSet
from signage.screens.slides import SlideReader, plain_text

logger = logging.getLogger("vitrine")

WIDTH, HEIGHT = 1200, 630  # what the networks show best (1.91:1)
EXT = "jpg"  # JPEG even without a photo: as small as PNG here, and half its encoding time
FOLDER = "images/partage"
ATTRIBUTE = "vitrine_social"


@dataclass(frozen=True)
class SocialImage:
    path: str  # under the output, e.g. images/partage/3f2a….jpg
    type: str
    width: int
    height: int
    alt: str  # what the image says, for og:image:alt


class SocialImagesGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._files: dict[str, Path] = {}  # published name -> file in the render cache
        self._drawing: _Drawing | None = None  # the previews being drawn

    def generate_context(self):
        context, settings = self.context, self.settings
        log = error_log(context)
        site_name = settings.get("SITENAME", "")
        reader = SlideReader(settings, log, [screen["name"] for screen in settings["SIGNAGE_SCREENS"]],
                             context.get("vitrine_now"))
        wanted: list[tuple[object, Spec, str]] = []  # (owner, spec, alt)
        fonts = FontSet(settings["SIGNAGE_CACHE_PATH"])
        for content in build_contents(context):
            photo, focal = reader.photo(content)
            category = getattr(content, "category", None)
            slug = CATEGORIES.get(category.name) if category is not None else None
            identity = slug if slug in IDENTITIES else "pages"  # a page, or an article in Actualités
            label = category.name if identity != "pages" else site_name
            title = plain_text(content.title)
            drawn = _drawable(title, fonts, log, content.source_path)
            wanted.append((content, _spec(identity, label, drawn, site_name, photo, focal),
                           f"{french(label)} : {title}"))
        host = urlsplit(public_base(settings)).hostname or site_name
        operator = settings.get("SITE_OPERATOR") or "Gendarmerie nationale"
        wanted.append(("site", _spec("prevention", operator, plain_text(site_name), host, None, (0.5, 0.5)),
                       french(f"{operator} : {site_name}")))
        for name, slug in CATEGORIES.items():
            wanted.append((slug, _spec(slug, name, french(name), site_name, None, (0.5, 0.5)),
                           french(f"{name} : {site_name}")))
        if log.errors:
            return  # the build stops before any output

        cache = RenderCache(settings["SIGNAGE_CACHE_PATH"])
        common = fingerprint(renderer_digest(), fonts)
        images: dict[str, SocialImage] = {}
        missing: dict[str, tuple[Spec, dict, str]] = {}  # published name -> (spec, inputs, source), drawn below
        for owner, spec, alt in wanted:
            inputs = {**common, **spec.key_inputs(), "width": WIDTH, "height": HEIGHT}
            done = cache.get(inputs)
            if done is not None:
                name = done.name
                self._files[name] = done.path
            else:  # named before it is drawn: the pages are written while it is
                name = cache.name_for(inputs, EXT)
                missing[name] = (spec, inputs, getattr(owner, "source_path", "pelicanconf.py"))
            image = SocialImage(f"{FOLDER}/{name}", MEDIA_TYPES[EXT], WIDTH, HEIGHT, alt)
            if isinstance(owner, str):
                images[owner] = image
            else:
                setattr(owner, ATTRIBUTE, image)
        context["vitrine_social_images"] = {"site": images["site"],
                                            "categories": {slug: images[slug] for slug in CATEGORIES.values()}}
        self._drawing = _Drawing(cache, missing, workers.for_build(settings))

    def generate_output(self, writer):
        if self._drawing is not None:  # after the pages: they were written while the images were drawn
            self._files.update(self._drawing.finish())
        target = Path(self.output_path) / FOLDER
        for name, source in sorted(self._files.items()):
            place(source, target / name)


class _Drawing:
    """The previews missing from the render cache, drawn on the build's workers while Pelican
    writes the pages (grouped by photo: each photo decoded once)."""

    def __init__(self, cache: RenderCache, missing: dict[str, tuple[Spec, dict, str]], helpers):
        self.cache = cache
        self.names = list(missing)
        self.missing = missing
        jobs = [(spec, WIDTH, HEIGHT) for spec, _inputs, _source in missing.values()]
        self.groups = by_photo(jobs)
        self.futures = [helpers.submit(render_group, [jobs[index] for index in indexes], str(cache.root))
                        for indexes in self.groups]

    def finish(self) -> dict[str, Path]:
        """Wait for the drawings and keep them in the cache: {published name: file}.

        A drawing is kept under its key only when its photo is still the one the key names (saved
        again meanwhile: the file is published under its name for this build, and drawn again by
        the next); a photo that does not decode gives a preview without it, drawn again (and said
        again) at every build until the photo is replaced."""
        failed = []
        for indexes, future in zip(self.groups, self.futures, strict=True):
            for index, result in zip(indexes, future.result(), strict=True):
                if isinstance(result, RenderFailure):
                    failed.append(index)
                else:
                    spec = self.missing[self.names[index]][0]
                    self._keep(index, result, keyed=not spec.image or photo_unchanged(spec.image, spec.image_digest))
        if failed:  # a photo Pillow could not decode to the end: that preview goes without it
            for index in failed:
                spec, _inputs, source = self.missing[self.names[index]]
                logger.warning("%s : Slide_image « %s » : la photo n'a pas pu être lue jusqu'au bout (fichier incomplet "
                               "ou abîmé) ; l'aperçu de partage de la page (og:image) est dessiné sans elle. "
                               "Réenregistrez-la en JPEG ou PNG avec un logiciel de retouche, puis relancez.",
                               display_path(source), display_path(spec.image or ""))
            plain = [(replace(self.missing[self.names[index]][0], image=None, image_digest=None), WIDTH, HEIGHT)
                     for index in failed]
            for index, result in zip(failed, render_many(plain, str(self.cache.root)), strict=True):
                if isinstance(result, RenderFailure):
                    raise InternalError("les aperçus de partage (og:image) n'ont pas pu être dessinés : "
                                        "transmettez ce message à l'équipe technique.")
                self._keep(index, result, keyed=False)  # under the name the pages already carry
        return {name: self.cache.root / "images" / name for name in self.names}

    def _keep(self, index: int, result, keyed: bool) -> None:
        name = self.names[index]
        data, ext, width, height = result
        self.cache.store(self.missing[name][1], data, ext, width, height, name=name, keyed=keyed)


def _drawable(title: str, fonts: FontSet, log, source: str) -> str:
    """The title without the characters Marianne cannot draw (emoji…), with a warning naming them."""
    missing = fonts.missing("bold", title)
    if not missing:
        return title
    named = ", ".join(f"« {char} » (U+{ord(char):04X})" for char in missing)
    many = len(missing) > 1
    log.warning(source, "Title", f"Title : {named} {'n’existent' if many else 'n’existe'} pas dans la police "
                "du site : l'image d'aperçu de partage (og:image) est dessinée sans. "
                f"Retirez-{'les' if many else 'le'} ou remplacez-{'les' if many else 'le'} par des mots.")
    kept = "".join(char for char in title if char not in missing)
    return " ".join(kept.split()) or title


def _spec(identity: str, label: str, title: str, caption: str, photo: Path | None, focal) -> Spec:
    return Spec(kind="social", identity=identity, category=french(label), title=title, title_field="Title",
                text="", text_field=None, link="", short_link=french(caption),
                image=str(photo) if photo else None, image_digest=digest_of(photo) if photo else None, focal=focal)
