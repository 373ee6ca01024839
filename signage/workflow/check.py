"""`invoke check`: every problem of the content at once, in French, without publishing anything.

The check runs the real build (same settings, same plugins, same checks) into
a temporary folder that is thrown away, with this module added as a plugin.
At `static_generator_finalized` (every generator has read the content, none
has written a page yet) it adds the advice a build does not give:

- oversized images (over 2 Mo or 6000 px on a side): they would be published as they are
  (a warning: the pages show responsive copies);
- campaigns (Prévention) shown on the screens without `Slide_until` (a warning);
- `Slide_link` on any page, slide or not, by the slides' own rule (`slides.slide_link`).

Links and images that lead nowhere, images without alternative text and links to
pages of this site that no content produces are errors of every build
(`site.content_links`, whose reading of the bodies is used here too).
Pelican's own complaints (a missing `Title`, an unreadable `Date`) are
translated by `pelican_log`. Everything ends up in one list of `Problem`.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from signage.core import metadata
from signage.core.content_files import regular_file
from signage.core.errors import ErrorLog, Problem, display_path, error_log
from signage.core.header import field_line, read_header
from signage.core.images import IMAGE_EXTENSIONS, ImageTooLargeError, open_image
from signage.core.metadata import build_contents
from signage.screens.slides import slide_link
from signage.site.content_links import Resolver

SETTING = "VITRINE_CONTENT_CHECK"
PLUGIN = "signage.workflow.check"
MAX_IMAGE_BYTES = 2 * 1024 * 1024
MAX_IMAGE_SIDE = 6000
# Folders of the output that are not made from content: links into them are not checked here.
GENERATED_PREFIXES = ("theme/", "signage/", "flux/", "feeds/", "etiquettes/", "tag/", "page/",
                      "sitemap.xml", "robots.txt", "calendrier", "agenda", "evenements.ics",
                      "__vitrine__/")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def register():
    from pelican import signals

    signals.static_generator_finalized.connect(_static_generator_finalized)


def _static_generator_finalized(generator) -> None:
    holder = generator.settings.get(SETTING)
    if holder is None or holder is False:
        return  # loaded in a normal build by accident: do nothing
    log = error_log(generator.context)
    if isinstance(holder, list):
        holder.append(log)
    check_context(generator.context, generator.settings, log)


# --- the checks ---------------------------------------------------------------------
def check_context(context: dict, settings: dict, log: ErrorLog) -> None:
    content_root = settings["PATH"]
    contents = build_contents(context, drafts=True, translations=True)
    resolver = Resolver(context)
    images: dict[str, None] = {}

    for item in contents:
        for reference in resolver.references(item):  # what leads nowhere is an error of the build itself
            if reference.tag == "img" and reference.file:
                images.setdefault(reference.file)
        image = metadata.raw(item, "slide_image")
        if image:
            path = regular_file(content_root, os.path.join(content_root, image.lstrip("/")))
            if path:
                images.setdefault(str(path))
        _check_campaign(log, item)
        _check_slide_link(log, item, settings)

    for static_file in context.get("staticfiles", []) or []:
        if os.path.splitext(static_file.source_path)[1].lower() in IMAGE_EXTENSIONS:
            images.setdefault(os.path.join(content_root, static_file.source_path))
    for path in images:
        _check_image_size(log, path)


def _check_image_size(log: ErrorLog, path: str) -> None:
    try:
        size = os.path.getsize(path)
    except OSError:
        return
    width = height = None
    try:
        with open_image(path) as image:  # the header only
            width, height = image.size
    except ImageTooLargeError:
        return  # the build itself refuses it (site.content_guard)
    except Exception:  # noqa: BLE001 - unreadable images are reported by the slide checks
        pass
    too_heavy = size > MAX_IMAGE_BYTES
    too_large = bool(width and height and max(width, height) > MAX_IMAGE_SIDE)
    if not (too_heavy or too_large):
        return
    facts = (f"{size / 1024 / 1024:.1f} Mo" if size >= 1024 * 1024 else f"{size // 1024} Ko").replace(".", ",")
    if width and height:
        facts += f", {width} × {height} px"
    log.warning(path, None,
                f"image trop lourde ({facts}) : elle serait publiée telle quelle. Réduisez-la sous "
                f"2 Mo et {MAX_IMAGE_SIDE} px de côté (par exemple 2400 px de large, JPEG qualité 85, "
                "avec « Redimensionner » de votre logiciel photo).")


def _is_campaign(item) -> bool:
    category = getattr(item, "category", None)
    slug = getattr(category, "slug", "") if category is not None else ""
    folder = Path(item.source_path).parent.name
    return slug == "prevention" or folder == "prevention"


def _check_campaign(log: ErrorLog, item) -> None:
    if not _is_campaign(item) or not metadata.flag(item, "slide"):
        return
    if metadata.raw(item, "slide_until"):
        return
    log.warning(item.source_path, "Slide_until",
                "cette campagne passe sur les écrans sans date de fin : ajoutez par exemple "
                "« Slide_until: 2027-01-31 » pour qu'elle s'arrête d'elle-même.",
                line=field_line(item.source_path, "Slide") or read_header(item.source_path).end)


def _check_slide_link(log: ErrorLog, item, settings: dict) -> None:
    """`Slide_link` on any page, slide or not: the slides' own rule (an identical message is kept once)."""
    value = metadata.raw(item, "slide_link")
    if not value:
        return
    try:
        slide_link(value, settings)
    except ValueError as exc:
        log.error(item.source_path, "Slide_link", str(exc))


# --- running it -------------------------------------------------------------------
@dataclass
class CheckReport(ErrorLog):
    """Every problem of one check (an ErrorLog: `.errors`, `.warnings`) and the folder checked."""

    content: str = "content"

    def format(self) -> str:
        lines = [f"Vérification du contenu de {self.content}/"]
        for problem in self.problems:
            label = "erreur" if problem.severity == "error" else "attention"
            where = problem.location() or "contenu"
            field = f" [{problem.field}]" if problem.field else ""
            lines.append(f"  {where}: {label}{field} : {problem.message}")
        errors, warnings = len(self.errors), len(self.warnings)
        if not errors and not warnings:
            lines.append("Aucun problème : le contenu est prêt à être publié.")
        else:
            summary = [f"{errors} erreur{'s' if errors > 1 else ''}"]
            summary.append(f"{warnings} avertissement{'s' if warnings > 1 else ''}")
            verdict = (" Corrigez les erreurs : rien ne sera publié tant qu'il en reste."
                       if errors else " Le contenu peut être publié.")
            lines.append(f"{' et '.join(summary)}.{verdict}")
        return "\n".join(lines)


def check_content(settings_file: str, content: str | os.PathLike | None = None,
                  overrides: dict | None = None) -> CheckReport:
    """Build into a throw-away folder with the extra checks; return every problem."""
    from pelican.settings import read_settings

    from signage.workflow.build import run_build

    base = read_settings(settings_file, override=dict(overrides or {}))
    content_root = str(Path(content).resolve()) if content else base["PATH"]
    holder: list[ErrorLog] = []
    settings = {**(overrides or {}), "PATH": content_root, SETTING: holder,
                "PLUGINS": [*base.get("PLUGINS", []), PLUGIN]}
    with tempfile.TemporaryDirectory(prefix="vitrine-check-") as folder:
        result = run_build(settings_file, Path(folder) / "site", settings, swap=False)
    problems: list[Problem] = []
    for problem in [*(holder[0].problems if holder else []), *result.problems]:
        if problem not in problems:
            problems.append(problem)
    problems.sort(key=lambda p: (p.path or "~", p.line or 0, p.severity != "error"))
    return CheckReport(problems=problems, content=display_path(content_root))
