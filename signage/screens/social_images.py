"""A shared link's preview: one 1200×630 image per page, drawn by the slide renderer.

When someone shares a page of the site, the messaging app or network shows its
`og:image`. Each article and page gets its own, drawn like a slide (rendering/draw,
kind `social`): its category's colour and label, its title, the site's name, and
its photo (`Slide_image`, which is also the page's illustration) when it has one.
The home and the other pages without a content of their own (listings, search)
share the site's image; a category's listing has its category's.

Images are kept in the render cache under a key naming every input (wording,
photo bytes, focal point, fonts, renderer, Pillow, encoder), named by the hash of
their bytes and placed into `images/partage/` by hard link: a page whose title and
photo did not change keeps its image and its URL, and a build where nothing changed
draws nothing.

generate_context(): reads every page's photo (SlideReader.photo: a wrong
`Slide_image` is an error for any page, as for a slide), draws the missing images
(in parallel when there are many) and gives each content `vitrine_social`
(`SocialImage`), and the context `vitrine_social_images` (`site`, `categories`).
generate_output(): places the images.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from pelican.generators import Generator

from signage.core.errors import InternalError, error_log
from signage.core.metadata import build_contents
from signage.core.site_url import public_base
from signage.core.store import place
from signage.core.typography import french
from signage.core.vocabulary import CATEGORIES
from signage.screens.rendering.cache import RenderCache, digest_of, fingerprint
from signage.screens.rendering.draw import IDENTITIES, RenderFailure, Spec, render_many, renderer_digest
from signage.screens.rendering.fonts import FontSet
from signage.screens.slides import SlideReader, plain_text

logger = logging.getLogger("vitrine")

WIDTH, HEIGHT = 1200, 630  # what the networks show best (1.91:1)
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

        def inputs_of(spec: Spec) -> dict:
            return {**common, **spec.key_inputs(), "width": WIDTH, "height": HEIGHT}

        failed = self._render([spec for _owner, spec, _alt in wanted], cache, inputs_of)
        if failed:  # a photo Pillow could not decode to the end: that preview goes without it
            for index in failed:
                owner, spec, alt = wanted[index]
                logger.warning("Aperçu de partage de %s dessiné sans sa photo (illisible).", spec.title)
                wanted[index] = (owner, replace(spec, image=None, image_digest=None), alt)
            if self._render([wanted[index][1] for index in failed], cache, inputs_of):
                raise InternalError("les aperçus de partage (og:image) n'ont pas pu être dessinés : "
                                    "transmettez ce message à l'équipe technique.")
        images: dict[str, SocialImage] = {}
        for owner, spec, alt in wanted:
            done = cache.get(inputs_of(spec))
            self._files[done.name] = done.path
            image = SocialImage(f"{FOLDER}/{done.name}", done.type, done.width, done.height, alt)
            if isinstance(owner, str):
                images[owner] = image
            else:
                setattr(owner, ATTRIBUTE, image)
        context["vitrine_social_images"] = {"site": images["site"],
                                            "categories": {slug: images[slug] for slug in CATEGORIES.values()}}

    @staticmethod
    def _render(specs: list[Spec], cache: RenderCache, inputs_of) -> list[int]:
        """Draw the images missing from the cache (in parallel when many); the indexes that failed."""
        missing = [index for index, spec in enumerate(specs) if not cache.has(inputs_of(spec))]
        results = render_many([(specs[index], WIDTH, HEIGHT) for index in missing], str(cache.root))
        failed = []
        for index, result in zip(missing, results, strict=True):
            if isinstance(result, RenderFailure):
                failed.append(index)
            else:
                data, ext, width, height = result
                cache.store(inputs_of(specs[index]), data, ext, width, height)
        return failed

    def generate_output(self, writer):
        target = Path(self.output_path) / FOLDER
        for name, source in sorted(self._files.items()):
            place(source, target / name)


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
