"""Live builds: a page written again only for its « Dans la même rubrique » list gets just that list new.

Every article page shows the newest articles of its category (theme: `partials/related.html`).
When the officer retitles one of them, every page of the category shows the new title: some
500 pages at 1,000 articles, each rendered whole (the theme, the typography), for one list that
changed. `incremental.plan` names these pages apart (`Plan.related_only`); here each is the
previous build's page with its list cut out and the new one put in: the partial template
rendered with the page's own context and typeset as the page's filter typesets it
(site/typesetting). The file is still a new one in the fresh build folder, written by
Pelican's writer (its signals, the sitemap), never the previous one written in place.

The list is found by its first and last tags (`START`, `END`); a page whose list cannot be found
exactly once (none before or after, a changed theme) is rendered whole, as before.
"""

from __future__ import annotations

from pathlib import Path

TEMPLATE = "partials/related.html"
START = '<h2 class="fr-h5 fr-mt-4w">Dans la même rubrique</h2>'
LIST = '<ul class="vitrine-related">'
END = "</ul>"


def span(page: str) -> tuple[int, int] | None:
    """Where the list is in `page` ([start, end) offsets), or None unless it is there exactly once."""
    start = page.find(START)
    if start < 0 or page.find(START, start + len(START)) >= 0:
        return None
    opened = page.find(LIST, start)
    closed = page.find(END, opened) if opened >= 0 else -1
    if closed < 0 or page[start + len(START): opened].strip():
        return None
    return start, closed + len(END)


class RelatedOnly:
    """Stands for the page's template: renders the previous page with its new list, else the whole page."""

    def __init__(self, template, previous: Path):
        self.template, self.previous = template, previous

    def render(self, context) -> str:
        try:
            page = self.previous.read_text(encoding="utf-8")
        except OSError:
            return self.template.render(context)
        old = span(page)
        environment = self.template.environment
        # Typeset by the page's own filter (base.html: `{% filter typeset %}` around the main part).
        block = str(environment.filters["typeset"](environment.get_template(TEMPLATE).render(context)))
        new = span(block)
        if old is None or new is None:
            return self.template.render(context)
        return page[: old[0]] + block[new[0]: new[1]] + page[old[1]:]
