// What plays at instant t: the same rule as signage/playlist.py (pure, no DOM).
//  1. a slide plays at t when one of its intervals holds t (start <= t < end), or when
//     t >= horizon_end and the slide is open-ended;
//  2. if any alert of the screen plays, the playlist is exactly those alerts, in feed order;
//  3. otherwise every slide of the screen that plays, in feed order (the "closed" slide
//     included: its intervals are the hours when the reception point is closed);
//  4. a variant holding t replaces the slide's image (the first one, in feed order).

export function within(spans, t) {
  for (const span of spans) if (span.start <= t && t < span.end) return true;
  return false;
}

export function plays(slide, t, horizonEnd) {
  return within(slide.intervals, t) || (t >= horizonEnd && slide.openEnded);
}

function entry(slide, t, source, index) {
  let image = slide.image;
  for (const variant of slide.variants) {
    if (variant.start <= t && t < variant.end) {
      image = variant.image;
      break;
    }
  }
  return { slide, image, source, index };
}

/** @returns {{slide, image, source: "alerts"|"slides", index: number}[]} */
export function playlist(feed, t) {
  const { slides, alerts } = feed.screen;
  const live = [];
  alerts.forEach((alert, index) => {
    if (plays(alert, t, feed.horizonEnd)) live.push(entry(alert, t, "alerts", index));
  });
  if (live.length) return live;
  slides.forEach((slide, index) => {
    if (plays(slide, t, feed.horizonEnd)) live.push(entry(slide, t, "slides", index));
  });
  return live;
}

/** The entry that follows `current` in `list` (feed order, wrapping round). */
export function following(list, current) {
  if (!list.length) return null;
  if (!current) return list[0];
  for (const item of list) {
    if (item.source === current.source && item.index > current.index) return item;
  }
  return list[0];
}
