// « Ouvert maintenant · ferme à 19 h » / « Fermé · ouvre lundi à 9 h », computed in the visitor's
// browser from the opening intervals the build precomputed (with DST, public holidays and
// closures already applied) and embedded as <script type="application/json" id="vitrine-opening">.
// The browser only compares instants: it parses no rule. Outside the precomputed horizon it shows
// nothing rather than a guess; without JavaScript the badge stays hidden and the hours summary
// stands in.

const PARIS_DAY = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit",
});

// The Paris calendar day of an instant, as YYYY-MM-DD.
function parisDay(instant) {
  const parts = Object.fromEntries(PARIS_DAY.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

// Whole days from Paris day `from` to Paris day `to` (both YYYY-MM-DD).
function daysBetween(from, to) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400000);
}

// « aujourd'hui », « demain », « lundi » (within the week), « lundi 4 janvier » (further).
function dayWords(moment, today) {
  const days = daysBetween(today, moment.day);
  if (days === 0) return "aujourd'hui";
  if (days === 1) return "demain";
  if (days < 7) return moment.weekday;
  return `le ${moment.date}`;
}

export function badgeState(data, now) {
  const start = Date.parse(data.horizon.start);
  const end = Date.parse(data.horizon.end);
  if (!(now >= start && now < end)) return null; // outside what the build knows: say nothing
  const today = parisDay(new Date(now));
  for (const interval of data.intervals) {
    const opens = Date.parse(interval.start);
    const closes = Date.parse(interval.end);
    if (now >= opens && now < closes) {
      if (closes >= end) return null; // closing time unknown (beyond the horizon)
      const when = interval.closes.day === today ? "" : `${dayWords(interval.closes, today)} `;
      return { open: true, text: `Ouvert maintenant · ferme ${when}à ${interval.closes.time}` };
    }
    if (opens > now) {
      return { open: false, text: `Fermé · ouvre ${dayWords(interval.opens, today)} à ${interval.opens.time}` };
    }
  }
  return null; // no opening known before the horizon ends
}

function render(badge, data) {
  const state = badgeState(data, Date.now());
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

function start() {
  const source = document.getElementById("vitrine-opening");
  const badge = document.querySelector("[data-vitrine-open-badge]");
  if (!source || !badge) return;
  let data;
  try {
    data = JSON.parse(source.textContent);
  } catch {
    return;
  }
  render(badge, data);
  setInterval(() => render(badge, data), 30000); // a kiosk left open stays right
}

start();
