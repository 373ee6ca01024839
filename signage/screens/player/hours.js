// The words of the status band, from the feed's opening intervals (pure, no DOM).
// Calendar days and hours are read in Europe/Paris through Intl, so DST is the
// browser's business, never ours.

const ZONE = "Europe/Paris";
const PARTS = new Intl.DateTimeFormat("fr-FR", {
  timeZone: ZONE, year: "numeric", month: "numeric", day: "numeric",
  hour: "numeric", minute: "numeric", hourCycle: "h23",
});
const WEEKDAY = new Intl.DateTimeFormat("fr-FR", { timeZone: ZONE, weekday: "long" });
const DAY_MONTH = new Intl.DateTimeFormat("fr-FR", { timeZone: ZONE, day: "numeric", month: "long" });
const DAY_MS = 86400000;

function paris(t) {
  const out = {};
  for (const part of PARTS.formatToParts(t)) if (part.type !== "literal") out[part.type] = Number(part.value);
  return out;
}

function dayNumber(p) {
  return Math.round(Date.UTC(p.year, p.month - 1, p.day) / DAY_MS);
}

/** "10:05": the time in Paris. */
export function clockText(t) {
  const p = paris(t);
  return `${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}`;
}

/** "19 h", "9 h", "12 h 30". */
export function hourText(t) {
  const p = paris(t);
  return p.minute ? `${p.hour} h ${String(p.minute).padStart(2, "0")}` : `${p.hour} h`;
}

/** "" (today), "demain ", "lundi ", "le 4 janvier ". */
function dayWords(t, from) {
  const days = dayNumber(paris(t)) - dayNumber(paris(from));
  if (days <= 0) return "";
  if (days === 1) return "demain ";
  if (days < 7) return `${WEEKDAY.format(t)} `;
  return `le ${DAY_MONTH.format(t)} `;
}

/**
 * Whether the reception point is open at t: true, false, or null when the feed no
 * longer knows (past its horizon).
 * @param {{start:number,end:number}[]} opening
 */
export function isOpen(opening, t, horizonEnd) {
  if (t >= horizonEnd) return null;
  return opening.some((span) => span.start <= t && t < span.end);
}

/**
 * « Ouvert · ferme à 19 h », « Fermé · ouvre lundi à 9 h », or null when the feed
 * no longer knows (past its horizon). The build merges touching and overlapping
 * opening intervals (signage/intervals.py merge), so the interval holding t ends
 * at the closing time.
 * @param {{start:number,end:number}[]} opening
 */
export function openingText(opening, t, horizonEnd) {
  if (t >= horizonEnd) return null;
  let close = null;
  let next = null;
  for (const span of opening) {
    if (span.start <= t && t < span.end) close = span.end;
    else if (span.start > t && (next === null || span.start < next)) next = span.start;
  }
  if (close !== null) {
    if (close >= horizonEnd) return "Ouvert";
    return `Ouvert · ferme ${dayWords(close, t)}à ${hourText(close)}`;
  }
  if (next === null) return "Fermé";
  return `Fermé · ouvre ${dayWords(next, t)}à ${hourText(next)}`;
}

/** « Urgences : 17 · 112 » from the feed's emergency numbers. */
export function emergencyText(emergency) {
  const numbers = (emergency && emergency.numbers && emergency.numbers.length)
    ? emergency.numbers.map((item) => item.number)
    : ["17", "112"];
  return `Urgences : ${numbers.join(" · ")}`;
}
