// What plays at instant t: the rule of signage/screens/feed/playlist.py, in JavaScript (pure, no
// DOM), run by the window player and the preview page. Both implementations are held to one
// table of cases, signage/screens/feed/playlist.cases.json (tests/screens/test_playlist_cases.py).
//  1. a slide plays at t when one of its intervals holds t (start <= t < end), or when
//     t >= horizon_end and the slide is open-ended;
//  2. the reception point is closed at t when t < horizon_end and no opening interval holds t;
//     a "closed" slide (« fermé · 17 · 112 · 114 · plainte en ligne ») also plays whenever the
//     point is closed, whatever its own intervals say;
//  3. if any alert of the screen plays, the playlist is exactly those alerts, in feed order;
//  4. otherwise, with no closed slide playing, every slide of the screen that plays, in feed order;
//  5. closed means closed first: a closed slide that plays opens the loop and comes back after
//     every two other slides: C | C o1 | C o1 o2 | C o1 o2 C o3 | C o1 o2 C o3 o4 … for 0, 1, 2,
//     3, 4 … other slides (several closed slides stay together, in feed order);
//  6. a variant holding t replaces the slide's image (the first one, in feed order).
// The loop (loop.js) plays the list in order, round and round; `following` says what comes next.

import { isOpen } from "./hours.js";

const CLOSED = "closed";

export function within(spans, t) {
  for (const span of spans) if (span.start <= t && t < span.end) return true;
  return false;
}

export function plays(slide, t, horizonEnd) {
  return within(slide.intervals, t) || (t >= horizonEnd && slide.openEnded);
}

/** Rule 2: whether the reception point is closed at t, by the feed's opening intervals (as the band says). */
export function closedAt(feed, t) {
  return isOpen(feed.opening, t, { end: feed.horizonEnd }) === false;
}

/** Rule 5: the closed entries before each pair of other entries. */
export function closedFirst(closed, others) {
  const loop = [...closed];
  others.forEach((other, number) => {
    if (number && number % 2 === 0) loop.push(...closed);
    loop.push(other);
  });
  return loop;
}

function entry(slide, t, source, index) {
  let image = slide.image;
  for (const variant of slide.variants) {
    if (variant.start <= t && t < variant.end) {
      image = variant.image;
      break;
    }
  }
  return { slide, id: slide.id, image, source, index };
}

/**
 * @returns {{slide, id: string, image, source: "alerts"|"slides", index: number, position: number}[]}
 *   index: the slide's place in the feed's list; position: the entry's place in the playlist
 *   (a closed slide may appear several times).
 */
export function playlist(feed, t) {
  const { slides, alerts } = feed.screen;
  let chosen = [];
  alerts.forEach((alert, index) => {
    if (plays(alert, t, feed.horizonEnd)) chosen.push(entry(alert, t, "alerts", index));
  });
  if (!chosen.length) {
    const closed = closedAt(feed, t);
    const playing = [];
    slides.forEach((slide, index) => {
      if (plays(slide, t, feed.horizonEnd) || (closed && slide.kind === CLOSED)) playing.push(entry(slide, t, "slides", index));
    });
    chosen = closedFirst(playing.filter((item) => item.slide.kind === CLOSED),
      playing.filter((item) => item.slide.kind !== CLOSED));
  }
  return chosen.map((item, position) => ({ ...item, position }));
}

/** Whether two entries (or an entry and the loop's record of one) are the same slide. */
export function sameSlide(a, b) {
  return a.source === b.source && a.id === b.id;
}

/**
 * The entry to show after `current` (an entry of an earlier playlist, or the loop's record of
 * it: {id, source, index, position, closedFirst}). While the list is the one `current` came from,
 * simply the next position, round and round: the player plays exactly what playlist() says.
 * When the list changed under it (a slide's window opened or closed, an alert began or ended,
 * the point opened or closed):
 *  - a closed slide that was not playing opens the loop, and so does a change of source
 *    (an alert that begins or ends): the first entry;
 *  - otherwise the entry after the current slide's own place in the new list (for a closed
 *    slide, the occurrence nearest its old position); if it left the list, the first entry
 *    whose slide comes after it in feed order, else the first entry.
 */
export function following(list, current) {
  if (!list.length) return null;
  if (!current) return list[0];
  const here = list[current.position];
  if (here && sameSlide(here, current)) return list[(current.position + 1) % list.length];
  const first = list[0];
  if (first.source !== current.source) return first;
  if (first.slide.kind === CLOSED && !current.closedFirst) return first;
  let nearest = null;
  for (const item of list) {
    if (sameSlide(item, current) && (!nearest || Math.abs(item.position - current.position) < Math.abs(nearest.position - current.position))) {
      nearest = item;
    }
  }
  if (nearest) return list[(nearest.position + 1) % list.length];
  return list.find((item) => item.slide.kind !== CLOSED && item.index > current.index) || first;
}

/** Whether a playlist is in closed-first order (a closed slide plays). */
export function isClosedFirst(list) {
  return list.length > 0 && list[0].slide.kind === CLOSED;
}
