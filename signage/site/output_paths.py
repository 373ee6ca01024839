"""One file of the site, one source: where each content would be written, checked before anything is.

Two pages with the same `Slug` (or a page whose slug is a rubrique's, or
`actualites`) would be written to the same file: Pelican stops half-way
through writing, with a traceback. A `Save_as` may also name a file that the
build makes itself (`signage/feed.json`, the player, the theme's files) or one
that is not a page. Here, once every generator has read the content
(`all_generators_finalized`), each of these is an error naming both files (or
the page the build makes there), the field and the fix:

- two contents (articles, pages, drafts, hidden ones) or a content and a static
  file, a rubrique, a tag or a page of the site (home, news, 404) writing one file;
- a content written under a folder the build makes (`RESERVED`, the theme's
  static folder), or to a file that is not `.html`;
- a `Template` the theme does not have (Pelican would stop on writing, with a traceback);
- a `Url` that is not a path of this site (`https://ailleurs.fr/`, `../x`): every menu,
  list, sitemap and QR code would send the public there.
"""

from __future__ import annotations

import posixpath
import re

from signage.core import metadata
from signage.core.errors import ErrorLog, display_path, error_log
from signage.core.metadata import build_contents

# Folders of the output that the build makes itself: the screens, the feeds, the live preview, and the
# short links printed under the QR codes (screens.short_links.FOLDER; site/ does not import screens/).
RESERVED = ("signage", "flux", ".vitrine", "__vitrine__", "s")
# The site's own pages (DIRECT_TEMPLATES), as the officer knows them.
DIRECT_NAMES = {"index": "la page d'accueil", "archives": "la liste des actualités", "404": "la page 404",
                "robots": "le fichier robots.txt"}


def _normal(save_as: str) -> str:
    return posixpath.normpath(save_as.replace("\\", "/").lstrip("/"))


def _field(item) -> str:
    """The header key that decides where `item` is written."""
    for key in ("save_as", "slug"):
        if metadata.raw(item, key):
            return key.capitalize()
    return "Title"


def _built(context: dict) -> dict[str, str]:
    """{file of the output: what the build writes there} for what is not a content of the officer."""
    made: dict[str, str] = {}
    for key, label in (("categories", "la rubrique"), ("tags", "l'étiquette")):
        for group in context.get(key, []) or []:
            wrapper = group[0] if isinstance(group, tuple) else group
            save_as = getattr(wrapper, "save_as", None)
            if save_as:
                made.setdefault(_normal(save_as), f"{label} « {wrapper} »")
    for name in context.get("DIRECT_TEMPLATES", []) or []:
        save_as = context.get(f"{name.upper()}_SAVE_AS", f"{name}.html")
        if save_as:
            made.setdefault(_normal(save_as), DIRECT_NAMES.get(name, f"la page « {name} » du site"))
    return made


def theme_has(generator):
    """`has_template` for check_outputs: the templates of the theme that `generator` renders with."""

    def has_template(name: str) -> bool:
        from jinja2 import TemplateNotFound
        from pelican.generators import PelicanTemplateNotFound

        try:
            generator.get_template(name)
        except (PelicanTemplateNotFound, TemplateNotFound):  # also a name Jinja refuses (« ../ »)
            return False
        return True

    return has_template


def check_outputs(context: dict, log: ErrorLog | None = None, has_template=None) -> None:
    """Every content writes a file of its own, with a template of the theme (module docstring).

    `has_template(name)`: whether the theme has that template (a generator's `get_template`).
    """
    log = log or error_log(context)
    built = _built(context)
    reserved = (*RESERVED, context.get("THEME_STATIC_DIR", "theme"))
    owners: dict[str, str] = {}
    for static in context.get("staticfiles", []) or []:
        if getattr(static, "save_as", None):
            owners.setdefault(_normal(static.save_as), static.source_path)
    for item in build_contents(context, drafts=True, translations=True):
        save_as = getattr(item, "save_as", None)
        path, field = item.source_path, _field(item)
        template = metadata.raw(item, "template")
        if template and has_template is not None and not has_template(template):
            log.error(path, "Template", f"Template « {template} » : le thème n'a pas ce gabarit ; retirez la "
                                        "ligne Template (la page prend le gabarit habituel).")
        url = metadata.raw(item, "url")
        if url and (re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//|^/", url) or ".." in url.split("/")):
            log.error(path, "Url", f"Url « {url} » n'est pas une adresse de ce site : les menus, les listes et "
                                   "les QR codes y enverraient le public ; retirez la ligne Url (l'adresse vient "
                                   "du Slug).")
        if not save_as:
            continue
        written = metadata.raw(item, field) or getattr(item, "title", "")
        target = _normal(save_as)
        where = f"{field} « {written} »" if field != "Title" else f"l'adresse tirée du titre « {written} »"
        other = posixpath.basename(posixpath.dirname(target) or posixpath.splitext(target)[0]) + "-2"
        fix = {"Save_as": "retirez la ligne Save_as (l'adresse vient alors du Slug) ou changez-la",
               "Slug": f"donnez-lui un autre Slug (par exemple « Slug: {other} »)",
               "Title": f"ajoutez-lui une ligne « Slug: {other} » (l'adresse de la page)"}[field]
        if target.split("/", 1)[0] in reserved:
            log.error(path, field, f"{where} : la page serait écrite dans {target}, un dossier que la "
                                   f"construction remplit elle-même ({target.split('/', 1)[0]}/) ; {fix}.")
            continue
        if not target.endswith(".html"):
            log.error(path, field, f"{where} : la page serait écrite dans {target}, qui n'est pas une page "
                                   "web (.html) ; retirez Save_as, ou terminez-le par « .html ».")
            continue
        if target in built:
            log.error(path, field, f"{where} : même adresse que {built[target]} ({target}) ; {fix}.")
        elif target in owners:
            log.error(path, field, f"{where} : même adresse ({target}) que {display_path(owners[target])} ; "
                                   f"les deux s'écriraient dans le même fichier : {fix}.")
        else:
            owners[target] = path
