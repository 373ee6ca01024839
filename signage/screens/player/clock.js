// The player's idea of "now": the local clock, unless the server's Date header
// says it is off by more than SKEW_MS; then local time plus the measured offset.

export const SKEW_MS = 3 * 60 * 1000;

export class Clock {
  constructor() {
    this.offset = 0;
  }

  now() {
    return Date.now() + this.offset;
  }

  /**
   * Compare a response's Date header with the local clock around the request.
   * @param {string|null} header the Date header
   * @param {number} sent Date.now() when the request left
   * @param {number} received Date.now() when the response came
   */
  observe(header, sent, received) {
    const server = header ? Date.parse(header) : NaN;
    if (!Number.isFinite(server)) return;
    // Date has a one-second resolution; the server read its clock between sent and received.
    const low = sent - 1000;
    const high = received + 1000;
    const error = server < low ? server - low : server > high ? server - high : 0;
    this.offset = Math.abs(error) > SKEW_MS ? server - (sent + received) / 2 : 0;
  }
}
