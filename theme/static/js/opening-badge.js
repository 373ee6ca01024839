// The home page's open/closed badge: « Ouvert · ferme à 19 h » / « Fermé · ouvre lundi à 9 h »,
// worded by the very module the window screens' status band uses (signage/player/hours.js,
// published beside the site on the same origin), from the opening intervals the build
// precomputed (DST, public holidays and closures applied) and embedded as
// <script type="application/json" id="vitrine-opening">. The browser only compares instants.
// Outside the precomputed span it shows nothing rather than a guess; without JavaScript the
// badge stays hidden and the hours summary stands in.

import { openingState } from "../../signage/player/hours.js";

function render(badge, data) {
  const state = openingState(data.opening, Date.now(), data.known);
  if (!state) {
    badge.hidden = true;
    badge.textContent = "";
    badge.classList.remove("fr-badge", "fr-badge--no-icon", "fr-badge--success", "fr-badge--error");
    delete badge.dataset.state;
    return;
  }
  badge.textContent = state.text;
  badge.classList.add("fr-badge", "fr-badge--no-icon"); // not in the HTML: DSFR's display would beat `hidden`
  badge.classList.toggle("fr-badge--success", state.open);
  badge.classList.toggle("fr-badge--error", !state.open);
  badge.dataset.state = state.open ? "open" : "closed";
  badge.hidden = false;
}

/** The embedded JSON ({horizon: {start, end}, intervals: [{start, end}]}) as instants in ms. */
function read(source) {
  const raw = JSON.parse(source.textContent);
  return {
    known: { start: Date.parse(raw.horizon.start), end: Date.parse(raw.horizon.end) },
    opening: raw.intervals.map((span) => ({ start: Date.parse(span.start), end: Date.parse(span.end) })),
  };
}

function start() {
  const source = document.getElementById("vitrine-opening");
  const badge = document.querySelector("[data-vitrine-open-badge]");
  if (!source || !badge) return;
  let data;
  try {
    data = read(source);
  } catch {
    return;
  }
  render(badge, data);
  setInterval(() => render(badge, data), 30000); // a kiosk left open stays right
}

start();
