// The status band at the bottom of the screen: time, opening state, emergency numbers,
// and a discreet mark when the feed is past its horizon. Text only (textContent).

import { clockText, emergencyText, openingText } from "./hours.js";

function setText(element, text) {
  if (element.textContent !== text) element.textContent = text;
}

export class StatusBand {
  constructor(root) {
    this.root = root;
    this.time = root.querySelector("[data-part=time]");
    this.hours = root.querySelector("[data-part=hours]");
    this.emergency = root.querySelector("[data-part=emergency]");
    this.stale = root.querySelector("[data-part=stale]");
  }

  update(t, feed) {
    const clock = clockText(t);
    if (this.time.textContent !== clock) {
      this.time.textContent = clock;
      this.time.dateTime = new Date(t - (t % 60000)).toISOString();
    }
    const hours = feed ? openingText(feed.opening, t, feed.horizonEnd) : null;
    setText(this.hours, hours ?? "");
    this.hours.hidden = hours === null;
    setText(this.emergency, emergencyText(feed && feed.emergency));
    const stale = Boolean(feed) && t >= feed.horizonEnd;
    this.stale.hidden = !stale;
    document.body.dataset.stale = stale ? "1" : "0";
    const state = hours === null ? "unknown" : hours.startsWith("Ouvert") ? "open" : "closed";
    if (this.root.dataset.state !== state) this.root.dataset.state = state;
  }
}
