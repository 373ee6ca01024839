"""Vitrine's Pelican plugin: wiring only. Each imported module owns one idea."""

from pelican import signals

from . import settings as vitrine_settings
from .build_context import BuildContextGenerator
from .errors import abort_if_errors
from .player_assets import PlayerAssetsGenerator
from .preview_page import PreviewPageGenerator
from .events_generator import EventsGenerator
from .signage_generator import SignageGenerator
from . import content_images, dates_fr, dsfr_assets, sanitize


def _initialized(pelican):
    vitrine_settings.apply_defaults(pelican.settings)
    problems = vitrine_settings.check(pelican.settings)
    if problems:
        raise SystemExit("Réglages de Vitrine invalides (pelicanconf.py) :\n  - " + "\n  - ".join(problems))


def _get_generators(pelican):
    # events need vitrine_now and vitrine_hours; the screen loop needs the events
    return [BuildContextGenerator, EventsGenerator, SignageGenerator]


def _player_generators(pelican):
    return [PlayerAssetsGenerator]  # copies signage/player/ at generate_output


def _preview_generators(pelican):
    return [PreviewPageGenerator]  # signage/apercu/, only when SIGNAGE_PREVIEW (development)


def _all_generators_finalized(generators):
    # Every check has run: stop here, before any output is written, if one failed.
    abort_if_errors(generators[0].context)


def _theme_initialized(pelican):
    # The public theme: French date filters, and the design system must be installed.
    dates_fr.register_filters(pelican.settings)
    content_images.register_filters(pelican.settings)
    missing = dsfr_assets.check_installed(pelican.settings)
    if missing:
        raise SystemExit(missing)


def register():
    signals.initialized.connect(_initialized)
    signals.get_generators.connect(_get_generators)
    signals.get_generators.connect(_player_generators)
    signals.get_generators.connect(_preview_generators)
    signals.all_generators_finalized.connect(_all_generators_finalized)
    signals.initialized.connect(_theme_initialized)
    signals.content_object_init.connect(sanitize.sanitize_content)
    signals.content_object_init.connect(content_images.add_image_dimensions)
    signals.finalized.connect(dsfr_assets.on_finalized)
