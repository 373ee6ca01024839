// The officer's slide preview: what a screen plays at a chosen moment (development build only).
// It reads the same feed.json and uses the player's own modules (feed check, playlist rule and
// status band), so it agrees with the window player and with `invoke slides --at`
// (signage/screens/feed/playlist.py; both held to one table of cases, playlist.cases.json).
// A thumbnail is a button: it opens the DSFR modal with the slide full size and the band over it,
// as the screen shows them at that moment (the player's status.js and band.css).
import { parseFeed } from "../player/feed.js";
import { playlist } from "../player/playlist.js";
import { StatusBand } from "../player/status.js";

const FEED_URL = new URL("../feed.json", location.href).href;
const SCHEMA_URL = new URL("../player/feed.schema.json", location.href).href;
const ZONE = "Europe/Paris";

const form = document.getElementById("apercu-form");
const dayInput = document.getElementById("apercu-jour");
const timeInput = document.getElementById("apercu-heure");
const screenInput = document.getElementById("apercu-ecran");
const state = document.getElementById("apercu-etat");
const list = document.getElementById("apercu-liste");
const modalTitle = document.getElementById("apercu-modale-titre");
const modalWhen = document.getElementById("apercu-modale-quand");
const frame = document.getElementById("apercu-ecran-grand");
const bigImage = document.getElementById("apercu-image-grande");
const band = new StatusBand(document.getElementById("apercu-bandeau"));

/** Wall-clock fields of instant `ms` in Paris. */
function parisFields(ms) {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: ZONE, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit",
    hour: "2-digit", minute: "2-digit",
  }).formatToParts(new Date(ms));
  const get = (type) => Number(parts.find((part) => part.type === type).value);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute") };
}

/** The instant whose Paris wall clock reads the given day and time (null if it does not exist). */
export function parisInstant(day, time) {
  const [year, month, date] = day.split("-").map(Number);
  const [hour, minute] = time.split(":").map(Number);
  const wall = Date.UTC(year, month - 1, date, hour, minute);
  for (const offsetHours of [1, 2]) {
    const candidate = wall - offsetHours * 3600 * 1000;
    const back = parisFields(candidate);
    if (Date.UTC(back.year, back.month - 1, back.day, back.hour, back.minute) === wall) return candidate;
  }
  return null;
}

function pad(number) {
  return String(number).padStart(2, "0");
}

function duration(ms) {
  const seconds = Math.round(ms / 100) / 10;
  if (!Number.isInteger(seconds)) return `${String(seconds).replace(".", ",")} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (!minutes) return `${rest} s`;
  return rest ? `${minutes} min ${pad(rest)} s` : `${minutes} min`;
}

function say(text, tone = "info") {
  const paragraph = document.createElement("p");
  paragraph.className = `fr-text--md apercu-${tone}`;
  paragraph.textContent = text;
  state.replaceChildren(paragraph);
}

function add(text, className) {
  const paragraph = document.createElement("p");
  paragraph.className = className;
  paragraph.textContent = text;
  state.append(paragraph);
}

let schema = null;
let feedText = null;

async function load() {
  const [schemaResponse, feedResponse] = await Promise.all([
    fetch(SCHEMA_URL, { cache: "no-cache" }), fetch(FEED_URL, { cache: "no-cache" }),
  ]);
  if (!schemaResponse.ok || !feedResponse.ok) throw new Error("le programme des écrans (feed.json) est introuvable");
  schema = await schemaResponse.json();
  feedText = await feedResponse.text();
}

function show() {
  const t = parisInstant(dayInput.value, timeInput.value);
  if (!dayInput.value || !timeInput.value) {
    say("Choisissez un jour et une heure.");
    list.replaceChildren();
    return;
  }
  if (t === null) {
    say("Cette heure n'existe pas à Paris (changement d'heure) : choisissez une heure plus tard.", "erreur");
    list.replaceChildren();
    return;
  }
  const screen = screenInput.value;
  const { feed, problems } = parseFeed(feedText, schema, screen, FEED_URL);
  if (!feed) {
    say(`Le programme des écrans est illisible : ${problems.join(" ; ")}`, "erreur");
    list.replaceChildren();
    return;
  }
  const params = new URLSearchParams({ jour: dayInput.value, heure: timeInput.value, ecran: screen });
  history.replaceState(null, "", `?${params}`);
  const entries = playlist(feed, t);
  const when = new Intl.DateTimeFormat("fr-FR", {
    timeZone: ZONE, weekday: "long", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit",
  }).format(new Date(t));
  const label = screenInput.selectedOptions[0]?.textContent.split(" — ")[0] ?? screen;
  if (!entries.length) {
    say(`${label}, ${when} : aucune diapositive n'est valable à ce moment-là ; l'écran affiche sa page d'attente.`);
  } else {
    const total = entries.reduce((sum, entry) => sum + entry.slide.duration, 0);
    const count = entries.length;
    say(`${label}, ${when} : ${count} diapositive${count > 1 ? "s" : ""}, boucle de ${duration(total)}.`);
    if (entries[0].source === "alerts") add("Une alerte est en cours : seules les alertes passent.", "apercu-alerte fr-text--bold");
  }
  if (t >= feed.horizonEnd) {
    add("Ce moment est au-delà du programme calculé (" + new Intl.DateTimeFormat("fr-FR", { timeZone: ZONE, dateStyle: "long" })
      .format(new Date(feed.horizonEnd)) + ") : seules les diapositives sans date de fin sont montrées.", "apercu-horizon");
  }
  const items = entries.map((entry, position) => {
    const item = document.createElement("li");
    item.dataset.id = entry.slide.id;
    item.dataset.kind = entry.slide.kind;
    const image = document.createElement("img");
    image.src = entry.image.url;
    image.alt = `Voir en grand : ${entry.slide.title}`;
    image.loading = position < 6 ? "eager" : "lazy";
    image.width = entry.image.width;
    image.height = entry.image.height;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "apercu-vignette";
    button.setAttribute("aria-controls", "apercu-modale");
    button.dataset.frOpened = "false";
    button.append(image);
    button.addEventListener("click", () => enlarge(entry, feed, t, `${label}, ${when}`));
    const title = document.createElement("span");
    title.className = "apercu-titre";
    title.textContent = entry.slide.title;
    const time = document.createElement("p");
    time.className = "apercu-duree";
    time.textContent = `${duration(entry.slide.duration)} à l'écran`;
    item.append(button, title, time);
    const kind = { alert: "Alerte", closed: "Quand le point d'accueil est fermé" }[entry.slide.kind];
    if (kind) {
      const tag = document.createElement("p");
      tag.className = "apercu-sorte";
      tag.textContent = kind;
      item.append(tag);
    }
    return item;
  });
  list.replaceChildren(...items);
  document.body.dataset.apercu = "pret";
}

/** Fill the dialog: the slide at its screen's proportions, the band as the screen shows it at `t`. */
function enlarge(entry, feed, t, caption) {
  modalTitle.textContent = entry.slide.title;
  modalWhen.textContent = `${caption} — ${duration(entry.slide.duration)} à l'écran`;
  bigImage.src = entry.image.url;
  bigImage.alt = `Diapositive telle que l'écran la montre : ${entry.slide.title}`;
  const { width, height } = entry.image;
  // CSSOM (allowed by the page's CSP): the screen's proportions, as large as the dialog allows
  // without scrolling (its title, its line and its margins take about 22rem of the height).
  frame.style.aspectRatio = `${width} / ${height}`;
  frame.style.width = `min(100%, calc(max(12rem, 100vh - 22rem) * ${width} / ${height}))`;
  frame.dataset.mode = entry.source === "alerts" ? "alert" : "loop";
  band.update(t, feed);
  requestAnimationFrame(() => band.fit());
}

function initialValues() {
  const params = new URLSearchParams(location.search);
  const now = parisFields(Date.now());
  dayInput.value = params.get("jour") || `${now.year}-${pad(now.month)}-${pad(now.day)}`;
  timeInput.value = params.get("heure") || `${pad(now.hour)}:${pad(now.minute)}`;
  const screen = params.get("ecran");
  if (screen && [...screenInput.options].some((option) => option.value === screen)) screenInput.value = screen;
}

initialValues();
form.addEventListener("submit", (event) => {
  event.preventDefault();
  show();
});
for (const input of [dayInput, timeInput, screenInput]) input.addEventListener("change", show);
say("Chargement du programme des écrans…");
load().then(show, (error) => say(`Aperçu impossible : ${error.message}. Reconstruisez le site (invoke live).`, "erreur"));
