// The feed: checked against the contract, then turned into numbers the loop compares.
// A feed that fails any check is refused as a whole; the caller keeps the last good one.

import { validate } from "./schema.js";

const VERSION = 1;

function instant(text, where, problems) {
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) problems.push(`${where}: not an instant (${text})`);
  return ms;
}

function spans(list, where, problems) {
  return list.map((item, index) => {
    const start = instant(item.start, `${where}[${index}].start`, problems);
    const end = instant(item.end, `${where}[${index}].end`, problems);
    return { start, end };
  });
}

function image(raw, base) {
  return { url: new URL(raw.url, base).href, type: raw.type, width: raw.width, height: raw.height, bytes: raw.bytes };
}

function slide(raw, where, base, problems) {
  return {
    id: raw.id,
    kind: raw.kind,
    title: raw.title,
    text: raw.text ?? "",
    duration: raw.duration * 1000,
    intervals: spans(raw.intervals, `${where}.intervals`, problems),
    openEnded: raw.open_ended,
    image: image(raw.image, base),
    variants: (raw.variants || []).map((variant, index) => ({
      ...spans([variant], `${where}.variants[${index}]`, problems)[0],
      image: image(variant.image, base),
    })),
  };
}

/**
 * Check and normalise a feed.
 * @param {string} text the body of feed.json
 * @param {object} schema the contract (feed.schema.json)
 * @param {string} screen the screen this player shows
 * @param {string} base the feed's URL (image URLs are relative to it)
 * @returns {{feed: object|null, problems: string[]}}
 */
export function parseFeed(text, schema, screen, base) {
  let raw;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { feed: null, problems: [`not JSON: ${error.message}`] };
  }
  if (raw === null || typeof raw !== "object" || raw.version !== VERSION) {
    return { feed: null, problems: [`version ${raw && raw.version} is not ${VERSION}`] };
  }
  const problems = validate(schema, raw);
  if (problems.length) return { feed: null, problems };
  if (!Object.hasOwn(raw.screens, screen)) return { feed: null, problems: [`screen ${screen} is not in the feed`] };
  const rawScreen = raw.screens[screen];
  const feed = {
    generatedAt: instant(raw.generated_at, "generated_at", problems),
    horizonEnd: instant(raw.horizon_end, "horizon_end", problems),
    pollSeconds: raw.poll_seconds,
    site: raw.site || { name: "", url: "" },
    opening: spans(raw.opening, "opening", problems),
    emergency: raw.emergency || { numbers: [] },
    screen: {
      name: screen,
      width: rawScreen.width,
      height: rawScreen.height,
      slides: rawScreen.slides.map((item, index) => slide(item, `screens.${screen}.slides[${index}]`, base, problems)),
      alerts: rawScreen.alerts.map((item, index) => slide(item, `screens.${screen}.alerts[${index}]`, base, problems)),
    },
  };
  return problems.length ? { feed: null, problems } : { feed, problems };
}

/** Every image URL the screen may need (for the offline cache). */
export function imageUrls(feed) {
  const urls = new Set();
  for (const item of [...feed.screen.slides, ...feed.screen.alerts]) {
    urls.add(item.image.url);
    for (const variant of item.variants) urls.add(variant.image.url);
  }
  return [...urls];
}
