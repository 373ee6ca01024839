// Polls feed.json with HTTP revalidation: it sends the validators itself (If-None-Match,
// If-Modified-Since) so that an unchanged feed costs one 304 and no body. On errors it
// backs off, doubling up to MAX_BACKOFF_MS, while the loop plays the last good feed.
// Each poll names the screen in an X-Vitrine-Screen header: nginx's access log is the screens'
// health record (`invoke ecrans`).

export const MAX_BACKOFF_MS = 5 * 60 * 1000;
const TIMEOUT_MS = 30 * 1000;

export class Poller {
  /**
   * @param {string} url feed.json
   * @param {{stamp(): number, observe(header: string|null, sent: number, received: number): void}} clock
   * @param {(text: string) => boolean} accept returns whether the feed was good
   * @param {string} screen this screen's name, sent in the X-Vitrine-Screen header
   */
  constructor(url, clock, accept, screen = "") {
    this.url = url;
    this.screen = screen;
    this.clock = clock;
    this.accept = accept;
    this.pollSeconds = 60;
    this.etag = null;
    this.lastModified = null;
    this.failures = 0;
    this.timer = null;
    this.polls = 0;
  }

  start() {
    this.poll();
  }

  nextDelay() {
    const base = this.pollSeconds * 1000;
    if (!this.failures) return base;
    return Math.min(base * 2 ** this.failures, Math.max(MAX_BACKOFF_MS, base));
  }

  schedule() {
    clearTimeout(this.timer);
    const delay = this.nextDelay();
    document.body.dataset.nextPoll = String(delay);
    this.timer = setTimeout(() => this.poll(), delay);
  }

  async poll() {
    this.timer = null;
    const headers = {};
    // Percent-encoded: a header value must be Latin-1, a screen name from the URL may not be.
    if (this.screen) headers["X-Vitrine-Screen"] = encodeURIComponent(this.screen);
    if (this.etag) headers["If-None-Match"] = this.etag;
    if (this.lastModified) headers["If-Modified-Since"] = this.lastModified;
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(), TIMEOUT_MS);
    let ok = false;
    try {
      const sent = this.clock.stamp();
      const response = await fetch(this.url, {
        cache: "no-store", headers, signal: controller.signal, credentials: "same-origin",
      });
      const received = this.clock.stamp();
      if (response.headers.get("X-Vitrine-Offline")) {
        // The service worker answered from its cache: the server is unreachable.
        await response.body?.cancel();
      } else if (response.status === 304) {
        this.clock.observe(response.headers.get("Date"), sent, received);
        ok = true;
      } else if (response.status === 200) {
        this.clock.observe(response.headers.get("Date"), sent, received);
        const text = await response.text();
        // Keep the validators even of a refused feed: it is not fetched again until it changes.
        this.etag = response.headers.get("ETag");
        this.lastModified = response.headers.get("Last-Modified");
        this.accept(text, { etag: this.etag, lastModified: this.lastModified });
        ok = true;
      } else {
        await response.body?.cancel();
      }
    } catch (error) {
      ok = false;
    } finally {
      clearTimeout(timeout);
    }
    this.failures = ok ? 0 : this.failures + 1;
    this.polls += 1;
    const data = document.body.dataset;
    data.polls = String(this.polls);
    data.online = ok ? "1" : "0";
    this.schedule();
  }
}
