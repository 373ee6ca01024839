// Wiring: the screen's name from the URL, the stored feed, the loop, the poller,
// the status band and the service worker. Each part lives in its own module.

import { Clock } from "./clock.js";
import { imageUrls, parseFeed } from "./feed.js";
import { Loop } from "./loop.js";
import { Poller } from "./poller.js";
import { StatusBand } from "./status.js";
import { loadFeed, saveFeed } from "./store.js";

const FEED_URL = new URL("../feed.json", location.href).href.split("?")[0];
const SCHEMA_URL = new URL("feed.schema.json", location.href).href.split("?")[0];

const screen = new URLSearchParams(location.search).get("screen") || "";
const clock = new Clock();
const band = new StatusBand(document.getElementById("band"));
const loop = new Loop(document.getElementById("stage"), clock, (t, feed) => {
  band.update(t, feed);
  if (document.body.dataset.clock !== clock.source) document.body.dataset.clock = clock.source;
});
let schema = null;
let rejected = 0;

async function loadSchema() {
  if (!schema) {
    const response = await fetch(SCHEMA_URL, { cache: "no-cache" });
    if (!response.ok) throw new Error(`feed.schema.json: HTTP ${response.status}`);
    schema = await response.json();
  }
  return schema;
}

function refuse(problems) {
  rejected += 1;
  document.body.dataset.rejected = String(rejected);
  console.warn("Vitrine: feed refused", problems);
  if (!loop.feed && problems.some((problem) => problem.startsWith("screen "))) {
    loop.showCard("Écran inconnu", `L'écran « ${screen} » n'existe pas dans le flux : vérifiez l'adresse (?screen=…).`);
  }
}

function use(feed, text, validators, fromStore) {
  loop.setFeed(feed);
  poller.pollSeconds = feed.pollSeconds;
  document.body.dataset.generatedAt = String(feed.generatedAt);
  if (!fromStore) {
    document.body.dataset.saved = "0";
    saveFeed(FEED_URL, text, validators, imageUrls(feed)).finally(() => { document.body.dataset.saved = "1"; });
  }
}

function accept(text, validators) {
  if (!schema) {
    refuse(["schema not loaded"]);
    return false;
  }
  const { feed, problems } = parseFeed(text, schema, screen, FEED_URL);
  if (!feed) {
    refuse(problems);
    return false;
  }
  use(feed, text, validators, false);
  return true;
}

const poller = new Poller(FEED_URL, clock, accept, screen);

async function start() {
  if (!screen) {
    loop.showCard("Écran non précisé", "Ajoutez ?screen=vitrine (le nom de l'écran) à l'adresse de cette page.");
    loop.tick();
    return;
  }
  loop.showCard("Chargement…", "");
  loop.tick();
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("sw.js", { type: "module" })
      .catch((error) => console.warn("Vitrine: no service worker", error));
  }
  for (let delay = 1000; !schema; delay = Math.min(delay * 2, 60000)) {
    try {
      await loadSchema();
    } catch (error) {
      await new Promise((resolve) => { setTimeout(resolve, delay); });
    }
  }
  const stored = await loadFeed(FEED_URL);
  if (stored) {
    const { feed } = parseFeed(stored.text, schema, screen, FEED_URL);
    if (feed) {
      use(feed, stored.text, stored, true);
      poller.etag = stored.etag || null;
      poller.lastModified = stored.lastModified || null;
    }
  }
  document.body.dataset.ready = "1";
  poller.start();
}

start();
