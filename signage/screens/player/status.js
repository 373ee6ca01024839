// The status band at the bottom of the screen: time, opening state (hours.js, the sentence
// the site's home badge shows too), emergency numbers, and a discreet mark when the feed is
// past its horizon. Text only (textContent). Each part is one line that never wraps
// (player.css); should a text not fit its place (a font wider than Marianne, many emergency
// numbers), its type shrinks until it does, so nothing is ever cut.

import { openingState, paris } from "./hours.js";

/** Set the text; return whether it changed. */
function setText(element, text) {
  if (element.textContent === text) return false;
  element.textContent = text;
  return true;
}

/** Shrink an element's type until its one line fits its box (CSSOM: allowed by the CSP). */
function fit(element) {
  element.style.fontSize = "";
  if (element.hidden || element.scrollWidth <= element.clientWidth) return;
  const size = parseFloat(getComputedStyle(element).fontSize);
  element.style.fontSize = `${Math.floor((size * element.clientWidth) / element.scrollWidth)}px`;
}

/** "10:05": the time in Paris. */
function clockText(t) {
  const p = paris(t);
  return `${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}`;
}

/** « Urgences : 17 · 112 » from the feed's emergency numbers. */
function emergencyText(emergency) {
  const numbers = (emergency && emergency.numbers && emergency.numbers.length)
    ? emergency.numbers.map((item) => item.number)
    : ["17", "112"];
  return `Urgences\u00a0: ${numbers.join("\u00a0· ")}`;
}

export class StatusBand {
  constructor(root) {
    this.root = root;
    this.time = root.querySelector("[data-part=time]");
    this.hours = root.querySelector("[data-part=hours]");
    this.emergency = root.querySelector("[data-part=emergency]");
    this.stale = root.querySelector("[data-part=stale]");
    const refit = () => this.fit();
    addEventListener("resize", refit);
    if (document.fonts) document.fonts.addEventListener("loadingdone", refit);
  }

  fit() {
    fit(this.hours);
    fit(this.emergency);
  }

  update(t, feed) {
    const clock = clockText(t);
    if (this.time.textContent !== clock) {
      this.time.textContent = clock;
      this.time.dateTime = new Date(t - (t % 60000)).toISOString();
    }
    const opening = feed ? openingState(feed.opening, t, { end: feed.horizonEnd }) : null;
    let changed = setText(this.hours, opening ? opening.text : "");
    if (this.hours.hidden !== (opening === null)) {
      this.hours.hidden = opening === null;
      changed = true;
    }
    changed = setText(this.emergency, emergencyText(feed && feed.emergency)) || changed;
    if (changed) this.fit();
    const stale = Boolean(feed) && t >= feed.horizonEnd;
    this.stale.hidden = !stale;
    document.body.dataset.stale = stale ? "1" : "0";
    const state = opening === null ? "unknown" : opening.open ? "open" : "closed";
    if (this.root.dataset.state !== state) this.root.dataset.state = state;
  }
}
