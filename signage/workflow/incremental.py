"""Live preview builds that write only what a saved file changes.

A full build writes some 1,200 pages at 1,000 articles; a saved article changes
a few of them. An incremental build is still a complete, fresh build folder
(`output/` switches atomically between complete folders, build.py):

1. `plan(index, changed)` decides, from what the last build knew of each source
   (`BuildIndex`, kept by the live process) and from the saved files' headers,
   whether a full build is needed (a template, a setting, the hours page, an
   image, a new, deleted or renamed file, a changed slug, category, date, tag,
   status, alert or slide key) or which pages to write: the saved page itself,
   the home, the listings (its category, tags, « Actualités », site map), the
   feeds, and the pages of its category when it is among their « Dans la même
   rubrique » links. The screens' feed, calendars and design-system files are
   made on every build as usual (they come from caches).
2. Pelican runs into an EMPTY folder with `VITRINE_INCREMENTAL` in its settings;
   `SelectiveWriter` renders and writes only the chosen pages and feeds. A page chosen only
   for its « Dans la même rubrique » list (`Plan.related_only`) is the previous page with
   that list rendered anew (related_pages).
3. At the end (`fill_from_previous`, before the design-system step reads the
   pages), every file of the previous build that this build did not write is
   hard-linked in. No file is ever written in place: each written file is new,
   each linked one is never opened for writing, so the previous build (which
   may still be served) never changes.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from pelican.paginator import Paginator
from pelican.writers import Writer

from signage.core import selection
from signage.core.content_files import regular_file
from signage.core.header import read_header
from signage.core.selection import SETTING
from signage.screens import social_images
from signage.workflow.related_pages import RelatedOnly

INDEX_SETTING = "VITRINE_BUILD_INDEX"  # True: keep this build's BuildIndex in LAST (live preview)
LAST: dict = {}  # "index": the last build's BuildIndex, when INDEX_SETTING is on; "headers": as its build began
# Folders every build writes whole (screens/social_images places every page's preview, the screens'
# generator every image of the feed): a previous build's file there is one nothing uses any more.
REMADE = (social_images.FOLDER, "signage/assets")
RELATED = 5  # article.html: « Dans la même rubrique » shows the newest of the category
# Keys whose change moves a page or changes what other pages show: a full build.
# (A title, a summary, a body or a slide's wording only changes the pages chosen by `plan`.)
STRUCTURAL_KEYS = ("slug", "category", "date", "tags", "status", "alert", "event_start", "event_end", "lang",
                   "save_as", "url", "template", "opening_hours", "closures")


@dataclass
class Source:
    """What the last build knew of one Markdown file."""

    save_as: str
    kind: str  # article | page | draft | hidden
    category: str | None  # category's save_as (articles)
    tags: list[str]  # tags' save_as
    headers: dict[str, str]  # the file's structural keys as written
    related: bool  # among the newest of its category (shown on the category's other pages)
    category_pages: list[str] = field(default_factory=list)  # its category's article pages
    listings: list[str] = field(default_factory=list)  # the listing pages showing it (archive, category…)
    beside: list[str] = field(default_factory=list)  # files made from it by plugins (an event's .ics)


@dataclass
class BuildIndex:
    folder: str  # the build's output folder
    sources: dict[str, Source] = field(default_factory=dict)  # absolute source path -> Source
    always: list[str] = field(default_factory=list)  # listings to write for any article change
    hours: str | None = None  # the hours page's source path


def headers(path: str | os.PathLike) -> dict[str, str]:
    """The structural keys of a Markdown file's header (lower-cased; the first of each, as Pelican),
    read as every check reads a header (core/header: indented keys, continuation lines, a BOM)."""
    found: dict[str, str] = {}
    for item in read_header(path).fields:
        if item.key.lower() in STRUCTURAL_KEYS:
            found.setdefault(item.key.lower(), item.value)
    return found


def mark_start(settings: dict) -> None:
    """At `initialized`, before Pelican reads anything: when this build's index is kept, the structural
    keys of every Markdown file as they are now. A file saved again while the build runs is then
    recorded as it was before (or as unknown): if that save moved it, its next save builds whole;
    a file re-read afterwards could be recorded as built when it was not."""
    if not settings.get(INDEX_SETTING):
        return
    root = Path(settings["PATH"])
    LAST["headers"] = {os.path.abspath(path): headers(path) for path in root.rglob("*.md")
                       if regular_file(root, path) is not None}


def _pages_of(settings: dict, template: str, name: str, url: str, items: list) -> dict[int, str]:
    """{id(item): the save_as of the page of the paginated listing `name` that shows it}."""
    paginated = settings.get("PAGINATED_TEMPLATES", {})
    if template not in paginated:
        return {id(item): name for item in items}
    per_page = paginated[template] or settings["DEFAULT_PAGINATION"]
    paginator = Paginator(name, url, items, settings, per_page)
    return {id(item): paginator.page(number).save_as
            for number in range(1, paginator.num_pages + 1) for item in paginator.page(number).object_list}


def index_of(context: dict, folder: str) -> BuildIndex:
    """What this build knows of each source, for the next live build."""
    settings = context
    index = BuildIndex(folder=folder)
    before = LAST.get("headers", {})
    categories, listing_pages = {}, {}
    archives = settings.get("ARCHIVES_SAVE_AS")
    if archives:
        listing_pages["archives"] = _pages_of(settings, "archives", archives, settings.get("ARCHIVES_URL", ""),
                                              context.get("dates", []))
    unpublished = [*context.get("hidden_articles", []), *context.get("drafts", [])]  # they show the list too
    for category, articles in context.get("categories", []):
        categories[category.save_as] = (articles, [a.save_as for a in articles]
                                        + [a.save_as for a in unpublished if getattr(a, "category", None) == category])
        if category.slug != "evenements":  # that page lists its events in their own order: all its pages
            listing_pages[category.save_as] = _pages_of(settings, "category", category.save_as, category.url,
                                                        articles)
    events = context.get("vitrine_events")
    for kind, items in (("article", context.get("articles", [])), ("page", context.get("pages", [])),
                        ("hidden", [*context.get("hidden_articles", []), *context.get("hidden_pages", [])]),
                        ("draft", [*context.get("drafts", []), *context.get("draft_pages", [])])):
        for item in items:
            category = getattr(item, "category", None) if kind == "article" else None
            in_category = categories.get(category.save_as, ([], [])) if category is not None else ([], [])
            event = events.of(item) if events is not None else None
            category_name = category.save_as if category is not None else None
            listings = [pages[id(item)] for pages in listing_pages.values() if id(item) in pages]
            if category_name and category_name not in listing_pages:  # every page of it
                listings.extend(sorted(set(_pages_of(settings, "category", category_name, category.url,
                                                     in_category[0]).values())) or [category_name])
            index.sources[os.path.abspath(item.source_path)] = Source(
                save_as=item.save_as, kind=kind, category=category_name,
                tags=[tag.save_as for tag in getattr(item, "tags", []) or []] if kind == "article" else [],
                headers=before.get(os.path.abspath(item.source_path)),  # None: unknown, built whole next
                related=item in in_category[0][:RELATED],
                category_pages=in_category[1], listings=listings,
                beside=[event.ics_path] if event is not None else [])
    hours = context.get("vitrine_hours")
    index.hours = os.path.abspath(hours.source_path) if hours is not None and getattr(hours, "source_path", None) else None
    always = [settings.get("INDEX_SAVE_AS") or "index.html"]
    always += [page.save_as for page in context.get("pages", []) if page.slug == "plan-du-site"]
    index.always = [name for name in always if name]
    return index


@dataclass
class Plan:
    write: list[str]  # the output names this build writes
    related_only: list[str]  # of those, the pages written only for their « Dans la même rubrique » list


def plan(index: BuildIndex | None, changed: list[Path], content_root: Path) -> Plan | None:
    """The output names to write for these saved files, or None when a full build is needed."""
    if index is None or not Path(index.folder).is_dir():
        return None
    write: set[str] = set(index.always)
    related: set[str] = set()
    for path in changed:
        path = Path(os.path.abspath(path))
        source = index.sources.get(str(path))
        if source is None or path.suffix.lower() != ".md" or content_root not in path.parents:
            return None  # new, deleted, renamed, not Markdown, outside content/ (theme, settings)
        if regular_file(content_root, path) is None:
            return None  # now a link or a FIFO: never opened here; the full build refuses it (content_guard)
        if str(path) == index.hours:
            return None  # the hours are on every page and in the screens' feed
        now = headers(path)
        if now is None or now != source.headers:
            return None  # moved, re-dated, re-filed, an alert or a slide's schedule: everything may change
        write.add(source.save_as)
        write.update(source.beside)
        if source.kind != "article":
            continue  # the home (for the hidden page « accueil ») and the site map are in `always`
        write.update(source.listings)
        write.update(source.tags)
        if source.related:
            related.update(source.category_pages)
    return Plan(sorted(write | related), sorted(related - write))


class SelectiveWriter(Writer):
    """Pelican's writer, rendering and writing only the names of VITRINE_INCREMENTAL["write"].

    A paginated listing (« Actualités », a category) is rendered page by page: only the pages
    named in the list are rendered and written (all of them when its first page is named).
    Every other page goes through Pelican's writer as usual, with a template rendering nothing
    and a file opened nowhere: the `content_written` signal still names it (the sitemap plugin
    builds its list from that signal).
    """

    def write_file(self, name, template, context, *args, **kwargs):
        if name and selection.related_only(self.settings, name):  # the previous page, its list new
            previous = Path(self.settings[SETTING]["previous"]) / name
            return super().write_file(name, RelatedOnly(template, previous), context, *args, **kwargs)
        if not name or not selection.incremental(self.settings) or selection.writes(self.settings, name):
            return super().write_file(name, template, context, *args, **kwargs)
        # Not rendered, not written, but announced as usual (the sitemap lists every page it is told of).
        return super().write_file(name, _ChosenPagesOnly(template, self.settings), context, *args, **kwargs)

    @contextlib.contextmanager
    def _open_w(self, filename, encoding, override=False):
        relative = os.path.relpath(filename, self.output_path)
        if selection.writes(self.settings, relative) or _is_feed(relative):
            with super()._open_w(filename, encoding, override) as handle:
                yield handle
        else:  # a page of a listing that this build does not write
            yield io.StringIO()

    def write_feed(self, elements, context, path=None, *args, **kwargs):
        if path is None or selection.writes(self.settings, path) or _is_feed(path):
            return super().write_feed(elements, context, path, *args, **kwargs)
        return None


class _ChosenPagesOnly:
    """A template that renders nothing for the pages this build does not write."""

    def __init__(self, template, settings):
        self.template, self.settings = template, settings

    def render(self, context):
        if selection.writes(self.settings, context.get("output_file", "")):
            return self.template.render(context)
        return ""


def _is_feed(path) -> bool:
    """Feeds list the newest articles: any saved article may be in them, so they are written."""
    return str(path).endswith((".xml", ".atom", ".rss"))


def fill_from_previous(settings: dict, output: str | os.PathLike) -> int:
    """Hard-link into `output` every file of the previous build it does not have; how many."""
    incremental = settings.get(SETTING)
    if not incremental:
        return 0
    previous, output = Path(incremental["previous"]), Path(output)
    linked, made = 0, None  # made: the folder last made sure of (once per folder, not per file)
    for folder, _dirs, files in os.walk(previous):
        relative = Path(folder).relative_to(previous)
        if relative.as_posix() in REMADE:
            continue
        target_folder = output / relative
        for name in files:
            target = target_folder / name
            if target.exists() or name.startswith("."):
                continue
            if target_folder != made:
                target_folder.mkdir(parents=True, exist_ok=True)
                made = target_folder
            try:
                os.link(Path(folder) / name, target)
            except OSError:  # links not allowed here: a copy (still a new file)
                shutil.copy2(Path(folder) / name, target)
            linked += 1
    return linked


def get_writer(pelican):
    """Pelican `get_writer` handler: the selective writer (a plain one when no selection is set)."""
    return SelectiveWriter
