// Shows each alert banner exactly while one of its precomputed intervals
// contains the visitor's current time (the build wrote them, with offsets).
const banners = [...document.querySelectorAll("[data-vitrine-alert]")];

function refresh() {
  const now = Date.now();
  for (const banner of banners) {
    let intervals = [];
    try {
      intervals = JSON.parse(banner.dataset.vitrineAlert);
    } catch {
      continue; // keep what the build decided
    }
    const valid = intervals.some(
      ({ start, end }) => Date.parse(start) <= now && now < Date.parse(end),
    );
    banner.hidden = !valid;
  }
}

if (banners.length) {
  refresh();
  setInterval(refresh, 60_000);
}
