// Whether the reception point is open at an instant, and the sentence that says so:
// « Ouvert · ferme à 19 h », « Fermé · ouvre lundi à 9 h ». One module (pure, no DOM) for
// the window player's status band (status.js) and the public site's home badge
// (theme/static/js/opening-badge.js imports it from /signage/player/hours.js: the site and
// the player are published side by side on one origin, so there is no copy and no build
// step; the player's service worker keeps it offline with the rest of the player).
// Its input is the opening intervals the build precomputed (DST, public holidays and
// closures applied) as instants in ms, and the span the build knows; the browser parses no
// rule. Calendar days and hours are read in Europe/Paris through Intl, whatever the
// machine's time zone. The words follow French typography: no-break spaces in « 19 h »,
// « 12 h 30 » and before « · »; « le 1er janvier ».

const ZONE = "Europe/Paris";
const NBSP = "\u00a0";
const PARTS = new Intl.DateTimeFormat("fr-FR", {
  timeZone: ZONE, year: "numeric", month: "numeric", day: "numeric",
  hour: "numeric", minute: "numeric", hourCycle: "h23",
});
const WEEKDAY = new Intl.DateTimeFormat("fr-FR", { timeZone: ZONE, weekday: "long" });
const MONTH = new Intl.DateTimeFormat("fr-FR", { timeZone: ZONE, month: "long" });
const DAY_MS = 86400000;

/** The wall-clock fields of instant t in Paris: {year, month, day, hour, minute}. */
export function paris(t) {
  const out = {};
  for (const part of PARTS.formatToParts(t)) if (part.type !== "literal") out[part.type] = Number(part.value);
  return out;
}

function dayNumber(p) {
  return Math.round(Date.UTC(p.year, p.month - 1, p.day) / DAY_MS);
}

/** « 19 h », « 9 h », « 12 h 30 » (no-break spaces). */
export function hourText(t) {
  const p = paris(t);
  return p.minute ? `${p.hour}${NBSP}h${NBSP}${String(p.minute).padStart(2, "0")}` : `${p.hour}${NBSP}h`;
}

/** "" (the same day), « demain », « lundi » (within the week), « le 4 janvier », « le 1er janvier ». */
function dayWords(t, from) {
  const days = dayNumber(paris(t)) - dayNumber(paris(from));
  if (days <= 0) return "";
  if (days === 1) return "demain ";
  if (days < 7) return `${WEEKDAY.format(t)} `;
  const day = paris(t).day;
  return `le ${day === 1 ? "1er" : day}${NBSP}${MONTH.format(t)} `;
}

/**
 * Whether the reception point is open at t: true, false, or null when nobody knows (t outside
 * the span the intervals were computed for: before `known.start`, from `known.end` on).
 * @param {{start:number,end:number}[]} opening
 * @param {{start?:number,end:number}} known
 */
export function isOpen(opening, t, known) {
  if (t >= known.end || t < (known.start ?? -Infinity)) return null;
  return opening.some((span) => span.start <= t && t < span.end);
}

/**
 * {open, text}: « Ouvert · ferme à 19 h », « Ouvert · ferme demain à 0 h 30 », « Fermé · ouvre
 * lundi à 9 h », « Fermé · ouvre le 4 janvier à 9 h »; « Ouvert » or « Fermé » alone when the
 * closing or opening time lies beyond what the build knows; null when nobody knows (see isOpen).
 * The build merges touching and overlapping opening intervals (signage/core/intervals.py), so
 * the interval holding t ends at the closing time.
 * @param {{start:number,end:number}[]} opening
 * @param {{start?:number,end:number}} known
 */
export function openingState(opening, t, known) {
  const open = isOpen(opening, t, known);
  if (open === null) return null;
  let close = null;
  let next = null;
  for (const span of opening) {
    if (span.start <= t && t < span.end) close = span.end;
    else if (span.start > t && (next === null || span.start < next)) next = span.start;
  }
  if (open) {
    if (close >= known.end) return { open, text: "Ouvert" };
    return { open, text: `Ouvert${NBSP}· ferme ${dayWords(close, t)}à ${hourText(close)}` };
  }
  if (next === null || next >= known.end) return { open, text: "Fermé" };
  return { open, text: `Fermé${NBSP}· ouvre ${dayWords(next, t)}à ${hourText(next)}` };
}
