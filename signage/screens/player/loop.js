// The loop: which slide is on screen, for how long, and the cross-fade between two
// reused <img> layers. It plays the list that playlist.js computes (the rule, the closed
// slide first while the reception point is closed), in order, round and round. Intervals
// are re-evaluated at every tick (each second and at each slide's end), so a slide leaves
// the moment its window closes and a slide whose window opens joins without a reload.
// The DOM never grows: two images, one card. An image that does not decode within
// DECODE_TIMEOUT_MS (a request that hangs) is skipped, so the loop, alerts included, never
// waits on the network. Nothing playable (or every image broken): the idle card, the
// site's name, never a black screen.

import { following, isClosedFirst, playlist, sameSlide } from "./playlist.js";

const RETRY_BROKEN_MS = 60 * 1000;
export const DECODE_TIMEOUT_MS = 5 * 1000;
const TIMED_OUT = new Error("image decode timed out");

export class Loop {
  /**
   * @param {HTMLElement} stage holds two img.layer and the .card
   * @param {{now(): number}} clock
   * @param {(t: number, feed: object|null) => void} onTick called at every tick (status band)
   */
  constructor(stage, clock, onTick) {
    this.stage = stage;
    this.clock = clock;
    this.onTick = onTick;
    this.layers = [...stage.querySelectorAll("img.layer")];
    this.front = 0;
    this.card = stage.querySelector(".card");
    this.cardTitle = this.card.querySelector("[data-part=title]");
    this.cardText = this.card.querySelector("[data-part=text]");
    this.caption = stage.querySelector("[data-part=caption]");
    this.feed = null;
    this.current = null;
    this.pending = false;
    this.broken = new Map();
    this.timer = null;
    this.changes = 0;
  }

  setFeed(feed) {
    this.feed = feed;
    this.broken.clear();
    this.tick();
  }

  /** A card instead of a slide: loading, unknown screen, or nothing valid. */
  showCard(title, text, id = "card") {
    this.setCard(title, text);
    this.card.hidden = false;
    for (const layer of this.layers) layer.classList.remove("shown");
    this.setCaption(title);
    this.current = null;
    this.mark(id, "card", this.clock.now());
  }

  setCard(title, text) {
    if (this.cardTitle.textContent !== title) this.cardTitle.textContent = title;
    if (this.cardText.textContent !== text) this.cardText.textContent = text;
  }

  setCaption(text) {
    if (this.caption.textContent !== text) this.caption.textContent = text;
  }

  mark(id, source, t) {
    const data = document.body.dataset;
    data.slide = id;
    data.source = source;
    data.shownAt = String(t);
    const mode = source === "alerts" ? "alert" : "loop";
    if (data.mode !== mode) data.mode = mode;
  }

  tick() {
    clearTimeout(this.timer);
    this.timer = null;
    const t = this.clock.now();
    this.onTick(t, this.feed);
    if (!this.pending && this.feed) this.evaluate(t);
    this.schedule();
  }

  schedule() {
    if (this.timer !== null) clearTimeout(this.timer);
    const t = this.clock.now();
    let delay = 1000 - (((t % 1000) + 1000) % 1000);
    if (this.current && !this.pending) delay = Math.min(delay, this.current.shownAt + this.current.duration - t);
    this.timer = setTimeout(() => this.tick(), Math.max(1, delay));
  }

  evaluate(t) {
    const list = playlist(this.feed, t);
    const current = this.current;
    if (current && t < current.shownAt) current.shownAt = t; // the clock went back: restart the slide
    if (current) {
      const same = list.find((item) => sameSlide(item, current));
      if (same) {
        current.index = same.index;
        if (t - current.shownAt < current.duration) {
          // A variant begins (unless its image is broken: the slide keeps its image).
          if (same.image.url !== current.url && !this.isBroken(same.image.url, t)) {
            this.show({ ...same, position: current.position, closedFirst: current.closedFirst }, current.shownAt);
          }
          return;
        }
      }
    }
    this.advance(list, t);
  }

  isBroken(url, t) {
    const until = this.broken.get(url);
    return until !== undefined && until > t;
  }

  advance(list, t) {
    const closedFirst = isClosedFirst(list);
    let next = following(list, this.current);
    for (let tries = 0; next && tries < list.length; tries += 1) {
      if (!this.isBroken(next.image.url, t)) break;
      next = following(list, next);
    }
    if (!next || this.isBroken(next.image.url, t)) {
      const name = (this.feed.site && this.feed.site.name) || "";
      this.showCard(name, "");
      return;
    }
    this.show({ ...next, closedFirst }, null);
  }

  show(item, keepStart) {
    const url = item.image.url;
    const onScreen = this.current && this.current.url === url && this.card.hidden;
    const done = (t) => {
      this.current = {
        id: item.id, source: item.source, index: item.index, position: item.position,
        closedFirst: item.closedFirst, url, duration: item.slide.duration, shownAt: keepStart ?? t,
      };
      this.changes += 1;
      document.body.dataset.changes = String(this.changes);
      this.mark(item.slide.id, item.source, t);
    };
    if (onScreen) {
      done(this.clock.now());
      return;
    }
    const back = this.layers[1 - this.front];
    this.pending = true;
    document.body.dataset.pending = "1";
    back.alt = item.slide.title;
    if (back.getAttribute("src") !== url) back.src = url;
    let timer = null;
    let timedOut = false;
    const timeout = new Promise((resolve, reject) => {
      timer = setTimeout(() => reject(TIMED_OUT), DECODE_TIMEOUT_MS);
    });
    Promise.race([back.decode(), timeout]).then(
      () => {
        back.classList.add("shown");
        this.layers[this.front].classList.remove("shown");
        this.front = 1 - this.front;
        this.card.hidden = true;
        this.setCaption(item.slide.title);
        done(this.clock.now());
      },
      (error) => {
        this.broken.set(url, this.clock.now() + RETRY_BROKEN_MS);
        back.removeAttribute("src"); // also cancels a request still under way
        if (error === TIMED_OUT) {
          // No answer in time: skip the slide for a while; the screen stays as it was.
          timedOut = true;
          return;
        }
        // Undecodable or missing image: its words on a card, and skip it for a while.
        this.setCard(item.slide.title, item.slide.text);
        this.card.hidden = false;
        for (const layer of this.layers) layer.classList.remove("shown");
        this.setCaption(item.slide.title);
        done(this.clock.now());
      },
    ).finally(() => {
      clearTimeout(timer);
      this.pending = false;
      document.body.dataset.pending = "0";
      if (timedOut) this.tick(); // evaluate at once: the next slide, an alert, or the idle card
      else this.schedule();
    });
  }
}
