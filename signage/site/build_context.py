"""The build's shared facts, computed once after all content is read.

Puts into Pelican's context (and so into every template):
- `vitrine_now`: the build's "now" (SOURCE_DATE_EPOCH when set), Europe/Paris;
- `vitrine_horizon`: (start, end) of the precomputed span;
- `vitrine_hours`: the reception point's hours (see hours.py), or None.
"""

from __future__ import annotations

from pelican.generators import Generator

from signage.core.clock import build_now, horizon
from signage.core.errors import error_log
from signage.core.metadata import build_contents
from signage.core.settings import coordinates
from signage.site.hours import load_hours


class BuildContextGenerator(Generator):
    def generate_context(self):
        context = self.context
        now = build_now()
        span = horizon(now, self.settings["SIGNAGE_HORIZON_DAYS"])
        context["vitrine_now"] = now
        context["vitrine_horizon"] = span
        context["vitrine_hours"] = load_hours(build_contents(context), error_log(context), span,
                                              coordinates(self.settings))
