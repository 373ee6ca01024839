"""The screen loop's Pelican generator: slides → schedule → images → feeds.

generate_context() (after articles, pages and build_context):
  read every article and page of the build (core.metadata.build_contents)
  with `Slide: yes` / `Alert: yes` (slides), check each key, schedule them
  (schedule), check their wording (slide_checks: every text fits each of its
  screens, the reading budget, an event's date and place said once, characters
  the font can draw), give each long link a short one (short_links), render the
  images missing from the cache (rendering/draw.py, one process per core
  when there are many; rendering/cache.py) and build the feed
  (feed/json_feed.py; a feed breaking its schema is an InternalError). Puts in
  the context: `vitrine_slides` (the Slide objects that play),
  `vitrine_alerts` (alerts valid within the horizon, as dicts with
  `active_now` for the site banner) and `vitrine_feed` (the feed dict).
  With any error in the build, nothing is rendered: the wiring aborts the
  build right after (errors.abort_if_errors) and no output is written.

generate_output(): links the images the feed uses (hard links from the render cache) to
  output/signage/assets/, writes the short links' pages (s/<code>/) and data
  files (.vitrine/liens-courts.*), signage/<screen>.rss and signage/feed.json.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from pelican.generators import Generator

from signage.core import workers
from signage.core.errors import display_path, error_log
from signage.core.intervals import iso
from signage.core.metadata import build_contents
from signage.core.settings import coordinates
from signage.core.site_url import public_base, served_base
from signage.core.store import digest_of, place
from signage.core.wording import when_variants, when_words
from signage.screens import event_lines, schedule, short_links, slide_checks
from signage.screens.feed import json_feed as feed_json
from signage.screens.feed import media_rss as feed_rss
from signage.screens.rendering.cache import RenderCache, photo_unchanged
from signage.screens.rendering.cache import fingerprint as render_fingerprint
from signage.screens.rendering.draw import Renderer, RenderFailure, Spec, render_many, renderer_digest
from signage.screens.rendering.fonts import FontSet
from signage.screens.slides import SlideReader

logger = logging.getLogger("vitrine")

CLOSED_TITLE = "Le point d’accueil est fermé"
CLOSED_TEXT = "En cas d’urgence, appelez :"
COMPLAINT_CAPTION = "Plainte en ligne et tchat avec un gendarme, 24 h/24 : {url}"


class SignageGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._images: dict[str, Path] = {}  # published name -> file in the render cache
        self._short_links: dict[str, str] = {}  # code -> the slide's link (screens/short_links)
        self._variants_of: dict[str, list] = {}  # slide id -> its event's variants (worded once)

    def generate_context(self):
        context, settings = self.context, self.settings
        log = error_log(context)
        now: datetime = context["vitrine_now"]
        span = context["vitrine_horizon"]
        screens = {screen["name"]: screen for screen in settings["SIGNAGE_SCREENS"]}
        reader = SlideReader(settings, log, list(screens), now)
        events = context.get("vitrine_events")
        slides = []
        for content in build_contents(context):
            slide = reader.read(content)
            if slide is None:
                continue
            event = events.of(content) if events is not None else None
            if event is not None:  # checked by events.py; the slide plays until the event ends
                slide.event, slide.event_start, slide.event_end = event, event.start, event.end
            slides.append(slide)
        # Short links for every slide read (playing now or not): a code printed once keeps working.
        codes = short_links.assign(s.id for s in slides if short_links.needs_code(s.link))
        self._short_links = {codes[s.id]: short_links.target(s.link, public_base(settings))
                             for s in slides if s.id in codes}
        playable = schedule.schedule(slides, now, span, coordinates(settings))
        playable.sort(key=_loop_order)

        cache_root = Path(settings["SIGNAGE_CACHE_PATH"])
        renderer = Renderer(FontSet(cache_root))
        cache = RenderCache(cache_root)
        fingerprint = render_fingerprint(renderer_digest(), renderer.fonts)

        def inputs_of(spec: Spec, width: int, height: int) -> dict:
            return {**fingerprint, **spec.key_inputs(), "width": width, "height": height}

        specs = {slide.id: self._spec(slide, codes.get(slide.id)) for slide in playable}
        slide_checks.check_fit(playable, specs, screens, renderer, log,
                               known=lambda spec, w, h: cache.has(inputs_of(spec, w, h)))
        for slide in playable:
            slide_checks.check_reading(slide, specs[slide.id], log)
            slide_checks.check_repeats(slide, specs[slide.id], _reception(settings), log)
            slide_checks.check_glyphs(slide, specs[slide.id], renderer.fonts, log)
        context["vitrine_slides"] = playable
        # The banner links to the alert's article: its URL looked up once, not by every page.
        pages = {a.source_path: a.url for a in [*context.get("articles", []), *context.get("hidden_articles", [])]}
        context["vitrine_alerts"] = [{**_alert_summary(s, now), "page_url": pages.get(s.source_path)}
                                     for s in playable if s.is_alert]
        context["vitrine_feed"] = None
        if log.errors:
            return  # the build stops before any output: rendering would be wasted work

        self._prerender(playable, specs, screens, span, cache, inputs_of, cache_root, log)
        if log.errors:
            return
        hours = context.get("vitrine_hours")
        opening = hours.intervals if hours else []
        feed_screens = {}
        for name, screen in screens.items():
            width, height = screen["width"], screen["height"]

            def render(spec: Spec, width: int = width, height: int = height) -> dict:
                done = cache.get_or_render(inputs_of(spec, width, height),
                                           lambda: renderer.draw(spec, renderer.layout(spec, width, height)))
                self._images[done.name] = done.path
                return done.as_feed_image()

            loop, alerts = [], []
            for slide in playable:
                if name not in slide.screens:
                    continue
                entry = feed_json.slide_entry(
                    slide.id, slide.kind, slide.title, slide.duration, slide.intervals, slide.open_ended,
                    render(specs[slide.id]), text=slide.text, category=slide.category, link=slide.link,
                    variants=[{"start": iso(begin), "end": iso(finish), "image": render(spec)}
                              for begin, finish, spec in self._variants(slide, specs[slide.id], span)])
                (alerts if slide.is_alert else loop).append(entry)
            closed = self._closed_spec()
            loop.append(feed_json.slide_entry(
                "closed", "closed", CLOSED_TITLE, settings["SIGNAGE_DEFAULT_DURATION"],
                schedule.closed_intervals(opening, span), False, render(closed),
                text=CLOSED_TEXT, link=closed.link))
            feed_screens[name] = {"label": screen.get("label", name), "width": width, "height": height,
                                  "slides": loop, "alerts": alerts}
        cache.write_stats()
        logger.info("Écrans : %d image(s) dessinée(s), %d reprise(s) du cache.", cache.renders, cache.reuses)

        context["vitrine_feed"] = feed_json.build_feed(
            now=now, horizon_end=span[1], poll_seconds=settings["SIGNAGE_POLL_SECONDS"],
            site={"name": settings.get("SITENAME", ""), "url": public_base(settings)},
            opening=opening,
            alerts=[{"id": s.id, "title": s.title, **({"text": s.text} if s.text else {}), "url": s.url,
                     "intervals": feed_json.as_json(s.intervals)} for s in playable if s.is_alert],
            screens=feed_screens, complaint_url=_reception(settings).get("complaint_url"))
        problems = feed_json.validate(context["vitrine_feed"])
        if problems:  # a bug of Vitrine: say so plainly, before anything is written
            raise feed_json.schema_violation(problems)

    def _prerender(self, playable, specs, screens, span, cache, inputs_of, cache_root, log) -> None:
        """Render every image missing from the cache at once (in parallel when there are many)."""
        missing: dict[str, tuple[Spec, int, int, dict, str]] = {}
        for name, screen in screens.items():
            width, height = screen["width"], screen["height"]
            wanted = [(self._closed_spec(), "")]
            for slide in playable:
                if name in slide.screens:
                    wanted.append((specs[slide.id], slide.source_path))
                    variants = self._variants(slide, specs[slide.id], span)
                    wanted.extend((spec, slide.source_path) for _begin, _finish, spec in variants)
            for spec, path in wanted:
                inputs = inputs_of(spec, width, height)
                key = cache.key(inputs)
                if key not in missing and not cache.has(inputs):
                    missing[key] = (spec, width, height, inputs, path)
        jobs = [(spec, width, height) for spec, width, height, _inputs, _path in missing.values()]
        results = render_many(jobs, str(cache_root), helpers=workers.for_build(self.settings))
        for (spec, _width, _height, inputs, path), result in zip(missing.values(), results, strict=True):
            if isinstance(result, RenderFailure):
                _report_failure(log, path, spec, result)
                continue
            if spec.image and not photo_unchanged(spec.image, spec.image_digest):
                log.error(path, "Slide_image", f"Slide_image « {display_path(spec.image)} » : la photo a été "
                          "enregistrée de nouveau pendant la construction ; relancez la construction (l'aperçu en "
                          "direct se reconstruit de lui-même).")
                continue  # never kept under a key naming other bytes
            data, ext, image_width, image_height = result
            cache.store(inputs, data, ext, image_width, image_height)

    def _spec(self, slide, code: str | None) -> Spec:
        when_line = self._event_line(slide, when_words(slide.event, None)) if slide.event else ""
        text = slide.text
        if slide.text_field is None:  # Pelican's automatic summary: cut to the reading budget
            text = slide_checks.summary_within_budget(text, (slide.title, when_line), slide.duration)
        return Spec(
            kind=slide.kind, identity=slide.identity, category=slide.category, title=slide.title,
            title_field=slide.title_field, text=text, text_field=slide.text_field, link=slide.link,
            short_link=short_links.caption(slide.link, code, public_base(self.settings)), when_line=when_line,
            image=str(slide.image) if slide.image else None,
            image_digest=digest_of(slide.image) if slide.image else None, focal=slide.focal)

    def _event_line(self, slide, words: str) -> str:
        here = event_lines.at_reception(slide.location, _reception(self.settings))
        return event_lines.event_line(words, slide.location, here)

    def _variants(self, slide, spec: Spec, span) -> list:
        """An event's images saying « demain », « aujourd'hui »…, one per span of unchanged wording."""
        if slide.event is None:
            return []
        if slide.id not in self._variants_of:
            first, last = span[0].date(), min(slide.event.last_day, span[1].date())
            self._variants_of[slide.id] = [(begin, finish, replace(spec, when_line=self._event_line(slide, words)))
                                           for begin, finish, words in when_variants(slide.event, first, last)]
        return self._variants_of[slide.id]

    def _closed_spec(self) -> Spec:
        url = _reception(self.settings).get("complaint_url") or "https://www.masecurite.interieur.gouv.fr"
        numbers = tuple((n["number"], n["label"]) for n in feed_json.EMERGENCY_NUMBERS)
        return Spec(kind="closed", identity="closed", category="", title=CLOSED_TITLE, title_field="",
                    text=CLOSED_TEXT, text_field=None, link=url,
                    short_link=COMPLAINT_CAPTION.format(url=short_links.printed(url)), extra=numbers)

    def generate_output(self, writer):
        feed = self.context.get("vitrine_feed")
        if not feed:
            return
        target = Path(self.output_path) / "signage"
        assets = target / "assets"
        assets.mkdir(parents=True, exist_ok=True)
        for name, source in sorted(self._images.items()):
            place(source, assets / name)  # linked from the render cache, never written in place
        base = served_base(self.settings)
        for screen in feed["screens"]:
            feed_rss.write(feed_rss.build_rss(feed, screen, base, self.context["vitrine_now"],
                                              self.settings.get("SITENAME", "Vitrine")),
                           target / f"{screen}.rss")
        self._write_short_links()
        # Last: the player sees the new feed once its images exist (validated in generate_context).
        feed_json.write(feed, target / "feed.json", validated=True)

    def _write_short_links(self) -> None:
        """Each short link's page (the theme's base, sending the visitor on) and the data files.

        Written directly, not by Pelican's writer, whose `content_written` signal would put
        the pages in the sitemap.
        """
        template = self.env.from_string(short_links.PAGE_TEMPLATE)
        output = Path(self.output_path)
        for code, target in sorted(self._short_links.items()):
            page = output / short_links.path_of(code) / "index.html"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(template.render({**self.context, **short_links.page_values(code, target)}),
                            encoding="utf-8")
        short_links.write_data(output, self._short_links)


def _report_failure(log, path: str, spec: Spec, failure: RenderFailure) -> None:
    """A slide that could not be drawn, in French, on the field that caused it.

    `path` is the slide's file, or "" for the closed-hours slide (drawn from pelicanconf.py).
    """
    if failure.photo and spec.image:
        log.error(path, "Slide_image",
                  f"Slide_image « {display_path(spec.image)} » : la photo n'a pas pu être lue jusqu'au "
                  "bout (fichier incomplet ou abîmé) ; réenregistrez-la en JPEG ou PNG avec un logiciel "
                  "de retouche, puis relancez.")
        return
    technical = f"(détail pour l'équipe technique : {failure.detail})"
    if not path:
        log.error("pelicanconf.py", "RECEPTION",
                  "la diapositive « point d'accueil fermé » n'a pas pu être dessinée : vérifiez "
                  "RECEPTION[\"complaint_url\"] dans pelicanconf.py (une adresse https:// complète et "
                  "courte) ; si elle est correcte, c'est une erreur interne de Vitrine : transmettez ce "
                  f"message à l'équipe technique {technical}.")
        return
    log.error(path, None,
              "erreur interne de Vitrine : cette diapositive n'a pas pu être dessinée ; ce n'est "
              "probablement pas une faute dans ce fichier : transmettez ce message à l'équipe "
              f"technique {technical}.")


def _reception(settings) -> dict:
    return settings.get("RECEPTION") or {}


def _loop_order(slide):
    """Events first (soonest first), then newest content first, pages last."""
    if slide.event_start:
        return (0, slide.event_start.timestamp(), slide.id)
    if slide.identity == "pages":
        return (2, 0, slide.id)
    stamp = slide.date.timestamp() if slide.date else 0
    return (1, -stamp, slide.id)


def _alert_summary(slide, now: datetime) -> dict:
    """An alert for the site's banner: still valid within the horizon, active at the build's now or not."""
    return {"id": slide.id, "title": slide.title, "text": slide.text, "url": slide.url,
            "intervals": slide.intervals, "until": slide.valid_until,
            "active_now": any(start <= now < end for start, end in slide.intervals),
            "source_path": slide.source_path}

