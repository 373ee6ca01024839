// The search results page (theme/templates/recherche.html): asks pagefind's index of the site
// (written by the build into /pagefind/, served from this origin) and lists the pages found as
// links with an excerpt. pagefind's script is loaded here only, when the page opens: no other
// page of the site pays for the search. The words are read from ?q= (the header's search bar
// sends them here) and searched again as they are typed; the address follows, so a result
// list can be shared and the browser's back button finds it again.

const NBSP = "\u00a0";
const MAX_SHOWN = 20;
const form = document.querySelector("[data-vitrine-search]");
const field = form.querySelector("input[name=q]");
const status = document.getElementById("recherche-etat");
const list = document.getElementById("recherche-resultats");
const pageTitle = document.title;
let engine = null;
let latest = 0;

async function pagefind() {
  if (!engine) {
    engine = import(form.dataset.vitrineSearch).then(async (module) => {
      await module.options({ baseUrl: form.dataset.vitrineBase, excerptLength: 24 });
      return module;
    });
  }
  return engine;
}

/** pagefind's excerpt (text with <mark> around the words found) as nodes: text and <mark> only. */
function excerptNodes(excerpt) {
  const parsed = new DOMParser().parseFromString(`<p>${excerpt}</p>`, "text/html").body.firstChild;
  return [...parsed.childNodes].map((node) => {
    if (node.nodeName !== "MARK") return document.createTextNode(node.textContent);
    const mark = document.createElement("mark");
    mark.textContent = node.textContent;
    return mark;
  });
}

function item(result) {
  const li = document.createElement("li");
  li.className = "vitrine-result";
  const heading = document.createElement("h2");
  heading.className = "fr-h6 fr-mb-1v";
  const link = document.createElement("a");
  link.href = result.url;
  link.textContent = result.meta.title || result.url;
  heading.append(link);
  const excerpt = document.createElement("p");
  excerpt.className = "fr-text--sm fr-mb-0";
  excerpt.append(...excerptNodes(result.excerpt));
  li.append(heading, excerpt);
  return li;
}

function say(text) {
  status.textContent = text;
}

function counted(total, query) {
  const quoted = `«${NBSP}${query}${NBSP}»`;
  if (total === 0) return `Aucune page ne contient ${quoted}.`;
  const shown = total > MAX_SHOWN ? ` (les ${MAX_SHOWN} premières)` : "";
  return `${total} page${total > 1 ? "s" : ""} pour ${quoted}${shown}${NBSP}:`;
}

async function search(query) {
  const ticket = ++latest;
  const words = query.trim();
  const address = new URL(location.href);
  if (words) address.searchParams.set("q", words);
  else address.searchParams.delete("q");
  history.replaceState(null, "", address);
  if (!words) {
    list.replaceChildren();
    document.title = pageTitle;
    say("Saisissez un ou plusieurs mots, par exemple «\u00a0cambriolage\u00a0».");
    return;
  }
  try {
    const found = await (await pagefind()).search(words);
    const results = await Promise.all(found.results.slice(0, MAX_SHOWN).map((result) => result.data()));
    if (ticket !== latest) return; // a newer search has started
    list.replaceChildren(...results.map(item));
    say(counted(found.results.length, words));
    document.title = `${words}${NBSP}: ${found.results.length} résultat${found.results.length > 1 ? "s" : ""} | ${pageTitle}`;
  } catch {
    if (ticket !== latest) return;
    list.replaceChildren();
    say("La recherche est indisponible pour le moment. Le plan du site liste toutes les pages.");
  }
}

let typing = null;
field.addEventListener("input", () => {
  clearTimeout(typing);
  typing = setTimeout(() => search(field.value), 350);
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(typing);
  search(field.value);
});

field.value = new URLSearchParams(location.search).get("q") || "";
search(field.value);
