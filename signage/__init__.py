"""Vitrine's Pelican plugin: wiring only. Each imported module owns one idea."""

from pelican import signals

from signage.core import memo, storage, workers
from signage.core import settings as vitrine_settings
from signage.core.errors import Problem, SetupError, abort_if_errors, error_log
from signage.screens.generator import SignageGenerator
from signage.screens.player_assets import PlayerAssetsGenerator
from signage.screens.preview_page import PreviewPageGenerator
from signage.screens.social_images import SocialImagesGenerator
from signage.site import (
    content_guard,
    content_images,
    content_links,
    dates_fr,
    dsfr_assets,
    markdown_memo,
    output_paths,
    sanitize,
    search_index,
    sitemap_dates,
    template_cache,
    typesetting,
    url_memo,
)
from signage.site.build_context import BuildContextGenerator
from signage.site.events_generator import EventsGenerator
from signage.site.page_changes import PageChangesGenerator
from signage.site.vocabulary_check import VocabularyCheckGenerator
from signage.workflow import incremental, pelican_log


def _initialized(pelican):
    storage.guard_run(pelican)  # no space, no permission, read-only: a French StorageError, not a traceback
    vitrine_settings.checked(pelican.settings)  # SettingsError: every problem at once
    # Nothing is read through a link, a FIFO or a hidden file of content/ (before any reader runs).
    content_guard.guard(pelican.settings)
    sitemap_dates.pin_to_build_clock(pelican)  # reproducible: SOURCE_DATE_EPOCH, not the machine's clock
    # What earlier builds made from unchanged inputs (Markdown, sanitising, templates...) is kept.
    memo.configure(pelican.settings["SIGNAGE_CACHE_PATH"], pelican.settings["PATH"])
    # Images are drawn and photos copied beside the build, on every core (the slides' renderer,
    # share previews, photo copies); an earlier build's leftovers in this process are dropped.
    workers.for_build(pelican.settings)
    incremental.mark_start(pelican.settings)  # a file saved from here on is not known as built
    # The public theme: French date filters, image sizes; the design system must be installed.
    dates_fr.register_filters(pelican.settings)
    content_images.register_filters(pelican.settings)
    typesetting.register_filters(pelican.settings)
    missing = dsfr_assets.check_installed(pelican.settings)
    if missing:
        raise SetupError(missing)
    search_index.check_setup(pelican.settings)  # pagefind, installed with the design system
    # A file Pelican skips (no Title, unreadable Date...) is an error of this build.
    pelican_log.start_listening(pelican.settings["PATH"])
    template_cache.install(pelican.settings)  # after the filters: they are part of its key


def _get_generators(pelican):
    return [
        VocabularyCheckGenerator,  # unknown keys, categories, files Pelican does not read
        BuildContextGenerator,  # vitrine_now, vitrine_horizon, vitrine_hours
        EventsGenerator,  # needs the hours; writes .ics and the events feed
        SignageGenerator,  # needs the events; slides, images, feed.json, RSS
        SocialImagesGenerator,  # each page's og:image, drawn by the slides' renderer
        PlayerAssetsGenerator,  # copies signage/player/ at generate_output
        PreviewPageGenerator,  # signage/apercu/, only when SIGNAGE_PREVIEW (development)
        PageChangesGenerator,  # needs events, alerts, hours: .vitrine/changements.json (rebuild times)
    ]


def _all_generators_finalized(generators):
    # Every check has run: stop here, before any output is written, if one failed.
    context = generators[0].context
    log = error_log(context)
    content_links.check_links(context, log)  # every {filename}/{static} link and image leads somewhere
    output_paths.check_outputs(context, log, output_paths.theme_has(generators[0]))  # a file of its own each
    for warning in vitrine_settings.check(context).warnings:  # the context holds the settings
        log.add(Problem("pelicanconf.py", None, warning, severity="warning"))
    logged = pelican_log.stop_listening()
    for problem in logged + pelican_log.failed_files(context, context["PATH"], logged):
        log.add(problem)
    if log.errors:
        workers.for_build(context).cancel()  # the build stops: nothing more to draw or copy
    abort_if_errors(context)
    url_memo.freeze(context)  # everything is read: URLs no longer change
    if context.get(incremental.INDEX_SETTING):  # the live preview plans its next build from it
        incremental.LAST["index"] = incremental.index_of(context, generators[0].output_path)


def _finalized(pelican):
    # In this order: an incremental build first takes the previous build's other files, so that
    # the design-system step reads every page.
    incremental.fill_from_previous(pelican.settings, pelican.output_path)
    content_images.place_thumbnails(pelican)
    workers.for_build(pelican.settings).close()  # every image made; the processes end before pagefind
    dsfr_assets.on_finalized(pelican)
    search_index.on_finalized(pelican)  # last: reads every page of the finished site
    memo.save_all()


def register():
    signals.initialized.connect(_initialized)
    signals.generator_init.connect(content_guard.keep_out)
    signals.page_generator_finalized.connect(content_guard.drop_outside_links)
    signals.static_generator_finalized.connect(content_guard.refuse_unpublishable)
    signals.get_generators.connect(_get_generators)
    signals.readers_init.connect(markdown_memo.install)
    signals.content_object_init.connect(sanitize.sanitize_content)
    signals.content_object_init.connect(content_images.add_image_dimensions)
    signals.content_object_init.connect(typesetting.typeset_content)  # after the sanitiser: adds sms: links
    signals.all_generators_finalized.connect(_all_generators_finalized)
    signals.get_writer.connect(incremental.get_writer)
    signals.finalized.connect(_finalized)
