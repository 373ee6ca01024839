"""The site's addresses: which base URL each output uses, and how a path is joined to it.

Three bases, each for its own readers:
- `public_base`: the public site (`PUBLIC_SITEURL`), whatever this build is for. What is
  printed or kept outside the site uses it: QR codes, calendar UIDs and links, JSON-LD ids,
  the feed's `site.url`, stable feed ids.
- `served_base`: where this very build is served: `SITEURL` when it is absolute (production),
  else the public site. The screens' Media RSS, read by third-party players, uses it.
- `feed_base`: where the links of the site's Atom feeds point, Pelican's rule for its own
  feeds (`FEED_DOMAIN`, then `SITEURL`, then the public site).
`absolute(base, path)` joins them to a path of the site, with one slash between.
"""

from __future__ import annotations

FALLBACK = "http://localhost"  # only when neither PUBLIC_SITEURL nor SITEURL is set (settings warn)


def absolute(base: str, path: str = "") -> str:
    """« https://site.fr » + « evenements/forum/ » → « https://site.fr/evenements/forum/ »."""
    return f"{base.rstrip('/')}/{path.lstrip('/')}"


def public_base(settings: dict) -> str:
    return (settings.get("PUBLIC_SITEURL") or settings.get("SITEURL") or FALLBACK).rstrip("/")


def served_base(settings: dict) -> str:
    site = (settings.get("SITEURL") or "").rstrip("/")
    return site if site.startswith(("http://", "https://")) else public_base(settings)


def feed_base(settings: dict) -> str:
    return (settings.get("FEED_DOMAIN") or settings.get("SITEURL") or public_base(settings)).rstrip("/")


def public_url(settings: dict, path: str) -> str:
    """A page of the site at its public address (a slide's QR code, a calendar's link)."""
    return absolute(public_base(settings), path)
