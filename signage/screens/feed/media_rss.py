"""signage/<screen>.rss: the screen's loop as Media RSS 2.0 (feedgen), for third-party players.

Such players cannot read intervals, so each feed lists, in loop order, the
alerts that are valid at the build's "now" (if any, they come first) then
every content slide of the screen that plays at some point of the horizon.
The closed-hours slide is left out (it depends on the time of day).

Each item: a stable guid (`<screen>/<slide id>`, not a permalink), the
title, the text, the link of the QR code, and `media:content` with url
(absolute), type, medium="image", fileSize, width, height and duration.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from feedgen.feed import FeedGenerator

from signage.core.site_url import absolute
from signage.screens.feed.playlist import plays


def build_rss(feed: dict, screen: str, base: str, now: datetime, site_name: str) -> bytes:
    """The screen's Media RSS; `base` is where this build is served (core.site_url.served_base)."""
    loop = feed["screens"][screen]
    horizon_end = datetime.fromisoformat(feed["horizon_end"])
    alerts = [slide for slide in loop["alerts"] if plays(slide, now, horizon_end)]
    slides = [slide for slide in loop["slides"] if slide["kind"] == "content"]
    generator = FeedGenerator()
    generator.load_extension("media", rss=True, atom=False)
    label = loop.get("label", screen)
    generator.title(f"{site_name} – écran {label}")
    generator.link(href=absolute(base, f"signage/{screen}.rss"), rel="self")
    generator.link(href=absolute(base), rel="alternate")
    generator.description(f"Boucle de l'écran « {label} » ({loop['width']}×{loop['height']}), "
                          "une image par diapositive.")
    generator.language("fr")
    generator.ttl(max(1, feed["poll_seconds"] // 60))
    generator.lastBuildDate(now)
    generator.pubDate(now)
    generator.generator("Vitrine (Pelican + feedgen)")
    for slide in [*alerts, *slides]:
        entry = generator.add_entry(order="append")
        guid = f"{screen}/{slide['id']}"
        entry.id(guid)
        entry.guid(guid, permalink=False)
        entry.title(("ALERTE – " if slide["kind"] == "alert" else "") + slide["title"])
        if slide.get("link"):
            entry.link(href=slide["link"])
        entry.description(slide.get("text") or slide["title"])
        image = slide["image"]
        entry.media.content(group=None, content={
            "url": absolute(base, f"signage/{image['url']}"),
            "type": image["type"],
            "medium": "image",
            "fileSize": str(image["bytes"]),
            "width": str(image["width"]),
            "height": str(image["height"]),
            "duration": str(int(round(slide["duration"]))),
        })
    return generator.rss_str(pretty=True)


def write(data: bytes, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    partial.write_bytes(data)
    partial.replace(path)
