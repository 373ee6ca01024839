// Vitrine live preview (development only): reload on a new build, show content errors.
// Injected by signage/live.py into the pages it serves; never part of a published site.
const loadedBuild = new URL(import.meta.url).searchParams.get("build") || "";
const OVERLAY_ID = "vitrine-live-erreurs";

function stylesheet() {
  if (document.querySelector("link[data-vitrine-live]")) return;
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = "/__vitrine__/live.css";
  link.dataset.vitrineLive = "";
  document.head.append(link);
}

function where(problem) {
  if (!problem.path) return "";  // the build's own problem (the disk, the settings): no file to name
  const parts = [problem.path];
  if (problem.line) parts.push(`ligne ${problem.line}`);
  if (problem.field) parts.push(`champ ${problem.field}`);
  return parts.join(", ");
}

function showProblems(problems) {
  stylesheet();
  let overlay = document.getElementById(OVERLAY_ID);
  if (!overlay) {
    overlay = document.createElement("section");
    overlay.id = OVERLAY_ID;
    overlay.setAttribute("role", "alert");
    overlay.setAttribute("aria-labelledby", `${OVERLAY_ID}-titre`);
    document.body.append(overlay);
  }
  overlay.replaceChildren();
  const title = document.createElement("h2");
  title.id = `${OVERLAY_ID}-titre`;
  const count = problems.length;
  const inContent = problems.every((problem) => problem.path);  // else: the disk, the settings…
  title.textContent = inContent
    ? `${count} erreur${count > 1 ? "s" : ""} dans le contenu : le site n'a pas été mis à jour`
    : "La construction a échoué : le site n'a pas été mis à jour";
  const intro = document.createElement("p");
  intro.textContent = "Vous voyez la dernière version correcte. " + (inContent
    ? "Corrigez puis enregistrez le fichier : cette page se mettra à jour toute seule."
    : "Une fois le problème réglé, enregistrez un fichier : cette page se mettra à jour toute seule.");
  const list = document.createElement("ul");
  for (const problem of problems) {
    const item = document.createElement("li");
    const message = document.createElement("span");
    message.className = "vitrine-live-message";
    message.textContent = problem.message;
    if (where(problem)) {
      const place = document.createElement("strong");
      place.className = "vitrine-live-lieu";
      place.textContent = where(problem);
      item.append(place);
    }
    item.append(message);
    list.append(item);
  }
  const close = document.createElement("button");
  close.type = "button";
  close.textContent = "Masquer";
  close.addEventListener("click", () => overlay.remove());
  overlay.append(title, intro, list, close);
}

function hideProblems() {
  document.getElementById(OVERLAY_ID)?.remove();
}

const events = new EventSource("/__vitrine__/events");
events.addEventListener("message", (event) => {
  const state = JSON.parse(event.data);
  document.documentElement.dataset.vitrineLive = state.building ? "construction" : "pret";
  if (state.building) return;
  if (state.problems.length) {
    showProblems(state.problems);
    return;
  }
  hideProblems();
  if (state.build && state.build !== loadedBuild) {
    events.close();
    location.reload();
  }
});
