"""Vitrine: production settings, on top of pelicanconf.py."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402,F401,F403

SITEURL = PUBLIC_SITEURL  # noqa: F405
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
SIGNAGE_PREVIEW = False  # the officer's preview page is not published
PUBLISH_RSYNC_TARGET = os.environ.get("VITRINE_RSYNC_TARGET", "")
