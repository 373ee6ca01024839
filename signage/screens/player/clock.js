// The player's idea of "now", in true time.
//
// The reference is the server's Date header: the feed's intervals come from that server's
// build, and every screen that polls it agrees with it. Each answer anchors the server's time
// to the browser's monotonic clock, performance.now(), which no change of the machine's clock
// moves: between answers, and offline, the server's time is the anchor plus the monotonic time
// elapsed since. The local clock (Date.now()) is used while it agrees with that estimate within
// the estimate's uncertainty (the Date header's one-second resolution, the round trip, a quartz
// clock's drift, a margin): it is finer. When it does not agree (a kiosk that booted days off,
// with no RTC and NTP not yet synced), the estimate wins. The comparison is made at every call,
// so a jump of the local clock (NTP correcting it) is noticed at once, and the player never
// lives by a stale offset, online or not. Before the first answer the local clock is all there is.
// Known limit: performance.now() stands still while the machine sleeps; a kiosk does not sleep,
// and the next answer re-anchors anyway.

export const DRIFT = 1e-4; // 100 ppm: the worst drift of a quartz clock
export const MARGIN_MS = 1000;

export class Clock {
  /**
   * @param {() => number} monotonic ms, never jumps (performance.now)
   * @param {() => number} wall ms since the epoch, as the machine's clock says (Date.now)
   */
  constructor(monotonic = () => performance.now(), wall = () => Date.now()) {
    this.monotonic = monotonic;
    this.wall = wall;
    this.anchor = null;
    this.source = "local"; // which clock the last now() used: "local" or "server"
  }

  now() {
    const local = this.wall();
    if (!this.anchor) {
      this.source = "local";
      return local;
    }
    const elapsed = this.monotonic() - this.anchor.at;
    const estimate = this.anchor.server + elapsed;
    const tolerance = this.anchor.uncertainty + MARGIN_MS + DRIFT * Math.abs(elapsed);
    this.source = Math.abs(local - estimate) <= tolerance ? "local" : "server";
    return this.source === "local" ? local : estimate;
  }

  /** A monotonic timestamp, for observe(). */
  stamp() {
    return this.monotonic();
  }

  /**
   * Anchor the server's time: a response's Date header and the monotonic stamps around its
   * request. The server read its clock somewhere between the two; Date drops the milliseconds.
   * @param {string|null} header the Date header
   * @param {number} sent stamp() when the request left
   * @param {number} received stamp() when the response came
   */
  observe(header, sent, received) {
    const server = header ? Date.parse(header) : NaN;
    if (!Number.isFinite(server)) return;
    this.anchor = { server: server + 500, at: (sent + received) / 2, uncertainty: 500 + (received - sent) / 2 };
  }
}
