"""Generator for the events and the structured data (runs after BuildContextGenerator).

generate_context(): checks the events and puts into the template context
- `vitrine_events`: `events.Events` (upcoming, past, `of(article)`, calendar_path);
- `vitrine_jsonld`: {"station": JSON-LD text of the PoliceStation,
  "events": {source_path: JSON-LD text of the Event}}.
generate_output(): writes each event's `.ics`, the whole agenda and the
events' Atom feed (only reached when the build has no content error).
"""

from __future__ import annotations

from pelican.generators import Generator

from signage.core import selection
from signage.core.clock import build_now
from signage.core.errors import error_log
from signage.core.metadata import build_contents
from signage.core.site_url import feed_base, public_base
from signage.core.wording import when_words
from signage.site import calendar_ics, events_feed, jsonld
from signage.site.events import load_events


class EventsGenerator(Generator):
    def generate_context(self):
        context = self.context
        now = context.get("vitrine_now") or build_now()
        events = load_events(build_contents(context, pages=False), error_log(context), now)
        context["vitrine_events"] = events
        site_url = public_base(self.settings)
        reception = self.settings.get("RECEPTION", {})
        organizer = self.settings.get("SITE_OPERATOR") or self.settings.get("AUTHOR") or ""
        hours = context.get("vitrine_hours")
        context["vitrine_jsonld"] = {
            "station": jsonld.dumps(jsonld.police_station(reception, hours, site_url)),
            "events": {e.source_path: jsonld.dumps(jsonld.event(e, reception, site_url, organizer))
                       for e in events.published},  # a hidden event stays out of search engines
        }

    def generate_output(self, writer):
        events = self.context["vitrine_events"]
        now = self.context.get("vitrine_now") or build_now()
        site_url = public_base(self.settings)
        site_name = self.settings.get("SITENAME", "")
        calendar_ics.write_calendars(events, self.output_path, site_url, now, site_name,
                                     lambda ics: selection.writes(self.settings, ics))
        pattern = self.settings.get("CATEGORY_FEED_ATOM")
        if pattern:
            feed_path = str(pattern).format(slug="evenements")
            link_base = feed_base(self.settings)
            feed = events_feed.build_feed(events, now, link_base, site_url, feed_path, site_name,
                                          lambda event: when_words(event, None))
            events_feed.write_feed(feed, self.output_path, feed_path)
