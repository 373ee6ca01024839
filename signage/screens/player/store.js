// The last good feed and its images, kept where a reload or a power cut cannot lose
// them: localStorage (read at once on start) and Cache Storage (which the service
// worker serves offline). Only feeds that passed every check are ever stored.

/** The Cache Storage name of the feed and its images; the service worker (sw.js) imports it. */
export const DATA_CACHE = "vitrine-data-v1";
const KEY = "vitrine.feed";

/** @returns {Promise<{text: string, etag: string|null, lastModified: string|null}|null>} */
export async function loadFeed(feedUrl) {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) || "null");
    if (saved && typeof saved.text === "string") return saved;
  } catch (error) {
    // unreadable: try Cache Storage
  }
  try {
    const cache = await caches.open(DATA_CACHE);
    const response = await cache.match(feedUrl);
    if (response) {
      return { text: await response.text(), etag: response.headers.get("ETag"), lastModified: response.headers.get("Last-Modified") };
    }
  } catch (error) {
    // no Cache Storage (e.g. not a secure context)
  }
  return null;
}

/** Store a good feed, fetch its images into the cache and drop images no longer used. */
export async function saveFeed(feedUrl, text, validators, imageUrls) {
  try {
    localStorage.setItem(KEY, JSON.stringify({ text, ...validators }));
  } catch (error) {
    // quota or disabled storage: Cache Storage below still holds it
  }
  if (typeof caches === "undefined") return;
  try {
    const cache = await caches.open(DATA_CACHE);
    const headers = { "Content-Type": "application/json" };
    if (validators.etag) headers.ETag = validators.etag;
    if (validators.lastModified) headers["Last-Modified"] = validators.lastModified;
    await cache.put(feedUrl, new Response(text, { headers }));
    const wanted = new Set(imageUrls);
    for (const url of imageUrls) {
      if (await cache.match(url)) continue;
      const response = await fetch(url);
      if (response.ok) await cache.put(url, response);
    }
    for (const request of await cache.keys()) {
      if (request.url !== feedUrl && !wanted.has(request.url)) await cache.delete(request);
    }
  } catch (error) {
    // offline while caching: the next good poll completes it
  }
}
