"""The sitemap dates a page by the build's clock, never by the machine's.

pelican-sitemap gives a page with no `Date` or `Modified` of its own (the home, the lists, the
404 page) the moment its module was imported, `datetime.now()`: two builds of the same content
would differ in sitemap.xml, and a long-running live preview would keep its start time. At the
start of every build Vitrine sets that moment to the build's "now" (`core.clock.build_now`,
SOURCE_DATE_EPOCH when set), so the output depends on the content and SOURCE_DATE_EPOCH only.

It also drops what an earlier build of the same process left in the plugin: a build that
stopped on an error never reached the plugin's `finalized`, which then waited for that build
for ever (the live preview wrote no sitemap.xml after its first error).
"""

from __future__ import annotations

import sys

from signage.core.clock import build_now

SITEMAP_MODULE = "pelican.plugins.sitemap.sitemap"


def pin_to_build_clock(pelican) -> None:
    """`initialized` signal (plugins are loaded by then): the sitemap's "now" is the build's."""
    sitemap = sys.modules.get(SITEMAP_MODULE)
    if sitemap is not None:
        sitemap.generator.now = build_now()
        sitemap.generator._main_pelican = None  # this build is the plugin's, whatever an earlier one left
        sitemap.generator.page_queue = []
