"""The events' Atom feed (feedgen), at the path Pelican gives the Événements category feed.

Pelican's own category feed only knows when an article was posted; this one
says, in each entry, when and where the event takes place, links the page
and (in the entry's content) its `.ics`, and lists upcoming events first,
soonest first, then past ones. It is written after Pelican's and replaces it
(same path, same feed URL). feedgen 1.0.0 drops every attribute of an
entry's <link> but href (lkiesow/python-feedgen#135): hence one link per
entry, which Atom reads as rel="alternate", and no enclosure.
"""

from __future__ import annotations

import html
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from feedgen.feed import FeedGenerator

from signage.core.intervals import utc
from signage.core.site_url import absolute


def _tag(site_url: str, year: int, specific: str) -> str:
    return f"tag:{urlsplit(site_url).hostname or 'localhost'},{year}:{specific}"


def build_feed(events, now: datetime, link_base: str, id_base: str, feed_path: str,
               site_name: str, day_words) -> FeedGenerator:
    """`link_base`: where links point (site_url.feed_base); `id_base`: the public site, for stable ids."""
    feed = FeedGenerator()
    feed.id(_tag(id_base, 2026, "flux/evenements"))
    feed.title(f"{site_name} – Événements")
    feed.language("fr")
    feed.link(href=absolute(link_base, feed_path), rel="self")
    feed.link(href=absolute(link_base, "evenements/"), rel="alternate")
    stamps = []
    for event in [*events.upcoming, *events.past]:
        entry = feed.add_entry(order="append")
        article = event.article
        posted = getattr(article, "date", None) or event.start
        updated = getattr(article, "modified", None) or posted
        entry.id(_tag(id_base, posted.year, f"evenements/{event.slug}"))
        entry.title(event.title)
        entry.link(href=absolute(link_base, event.url))
        when = day_words(event)
        summary = f"{when[:1].upper()}{when[1:]} · {event.location}"
        entry.summary(summary)
        ics = absolute(link_base, event.ics_path)
        body = article.get_content(link_base) if article is not None else ""
        entry.content(f"<p><strong>{html.escape(summary)}</strong></p>"
                      f'<p><a href="{html.escape(ics)}">Ajouter à mon agenda (.ics)</a></p>{body}', type="html")
        entry.published(posted)
        entry.updated(updated)
        stamps.append(updated)
    feed.updated(max(stamps) if stamps else utc(now))
    return feed


def write_feed(feed: FeedGenerator, output_path: str, feed_path: str) -> Path:
    target = Path(output_path, feed_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(feed.atom_str(pretty=True))
    return target
