"""Vitrine: production settings, on top of pelicanconf.py."""

import os
import runpy
from pathlib import Path

# Every setting of pelicanconf.py (read by path: Pelican does not put this folder on sys.path).
globals().update({key: value for key, value in runpy.run_path(str(Path(__file__).with_name("pelicanconf.py"))).items()
                  if key.isupper()})

SITEURL = PUBLIC_SITEURL  # noqa: F821 - from pelicanconf.py
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
SIGNAGE_PREVIEW = False  # the officer's preview page is not published
PUBLISH_RSYNC_TARGET = os.environ.get("VITRINE_RSYNC_TARGET", "")
