// Vitrine's service worker: the player keeps working with the network down.
//  - the player's own files: network first (a new build is picked up), cache when offline;
//  - feed.json: always the network; offline, the last good feed that the page stored
//    (the page stores only feeds that passed every check), marked X-Vitrine-Offline;
//  - slide images (content-hashed, never change): cache first.
// A module worker (main.js registers it with type "module"): the cache the page stores the
// feed and its images in is named once, in store.js.

import { DATA_CACHE } from "./store.js";

const SHELL_CACHE = "vitrine-shell-v1";
const SHELL = [
  "./", "player.css", "band.css", "main.js", "clock.js", "feed.js", "hours.js", "loop.js", "playlist.js",
  "poller.js", "schema.js", "status.js", "store.js", "feed.schema.json",
];
const NETWORK_TIMEOUT_MS = 8000;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name !== SHELL_CACHE && name !== DATA_CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

function withTimeout(promise) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), NETWORK_TIMEOUT_MS);
    promise.then((value) => { clearTimeout(timer); resolve(value); },
      (error) => { clearTimeout(timer); reject(error); });
  });
}

async function shell(request) {
  const scope = self.registration.scope;
  const key = request.mode === "navigate" ? scope : request.url.split("?")[0];
  try {
    const response = await withTimeout(fetch(request));
    if (response.ok) {
      const copy = response.clone();
      caches.open(SHELL_CACHE).then((cache) => cache.put(key, copy));
    }
    return response;
  } catch (error) {
    const cached = await caches.match(key, { ignoreSearch: true });
    if (cached) return cached;
    throw error;
  }
}

async function feed(request, url) {
  try {
    return await withTimeout(fetch(request));
  } catch (error) {
    const cached = await (await caches.open(DATA_CACHE)).match(url.origin + url.pathname);
    if (!cached) throw error;
    const headers = new Headers(cached.headers);
    headers.set("X-Vitrine-Offline", "1");
    return new Response(await cached.text(), { status: 200, headers });
  }
}

async function asset(request) {
  const cache = await caches.open(DATA_CACHE);
  const cached = await cache.match(request.url);
  if (cached) return cached;
  return fetch(request);
}

async function font(request) {
  const cache = await caches.open(SHELL_CACHE);
  const cached = await cache.match(request.url);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request.url, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.endsWith("/signage/feed.json")) event.respondWith(feed(request, url));
  else if (request.mode === "navigate" || url.href.startsWith(self.registration.scope)) event.respondWith(shell(request));
  else if (request.destination === "font") event.respondWith(font(request));
  else if (request.destination === "image" || url.pathname.includes("/signage/")) event.respondWith(asset(request));
});
