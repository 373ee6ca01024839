"""Vitrine's Pelican plugin: wiring only. Each imported module owns one idea."""

from pelican import signals

from . import settings as vitrine_settings
from .build_context import BuildContextGenerator
from .errors import abort_if_errors


def _initialized(pelican):
    vitrine_settings.apply_defaults(pelican.settings)
    problems = vitrine_settings.check(pelican.settings)
    if problems:
        raise SystemExit("Réglages de Vitrine invalides (pelicanconf.py) :\n  - " + "\n  - ".join(problems))


def _get_generators(pelican):
    return [BuildContextGenerator]


def _all_generators_finalized(generators):
    # Every check has run: stop here, before any output is written, if one failed.
    abort_if_errors(generators[0].context)


def register():
    signals.initialized.connect(_initialized)
    signals.get_generators.connect(_get_generators)
    signals.all_generators_finalized.connect(_all_generators_finalized)
