"""Generator checking every page against the officer's vocabulary (`core.vocabulary`), every build.

generate_context() (after articles and pages are read, before anything else of Vitrine):
- each header key of each article and page: an unknown `Slide*`, `Event*` or `Alert*` key
  is an error naming the nearest known key, another near miss (`Sumary`) a warning;
- a header value holding HTML (`Title: Titre <script>…`) is a warning: the sanitiser
  removes it, the officer is told the wording changed;
- each article and page has a title that is not empty (Pelican accepts « Title: »);
- each article's `Category` must be one of the site's (« vouliez-vous dire « Prévention » ? »);
- each file of content/ that looks like a page but that Pelican did not read
  (`page.md.txt`, `page.MD`, a page outside the content folders) is named in a warning.
Everything goes to the build's ErrorLog, with the file and the line.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from pelican.contents import Article
from pelican.generators import Generator

from signage.core.content_files import is_ignored
from signage.core.errors import error_log
from signage.core.header import read_header
from signage.core.metadata import build_contents
from signage.core.vocabulary import category_problem, key_problem, site_categories, unread_reason

_TAG = re.compile(r"<[A-Za-z/!][^>]*>?")  # an HTML tag or comment, as the sanitiser would remove it


class VocabularyCheckGenerator(Generator):
    def generate_context(self):
        log = error_log(self.context)
        categories = site_categories(self.settings)
        contents = build_contents(self.context)
        for content in contents:
            path = content.source_path
            header = read_header(path)
            for item in header.fields:
                tag = _TAG.search(item.value)
                if tag:  # the sanitiser drops it: the officer's wording would change without a word
                    log.warning(path, item.key, f"{item.key} contient du code HTML (« {tag.group(0)[:40]} ») : "
                                "il est retiré à la publication, seul le texte reste. Écrivez le texte seul "
                                "(la mise en forme se fait dans le corps de la page).", line=item.line)
                problem = key_problem(item.key)
                if problem is not None:
                    severity, message = problem
                    (log.error if severity == "error" else log.warning)(path, item.key, message, line=item.line)
            if not str(getattr(content, "title", "")).strip():  # Pelican takes « Title: » as a title
                written = header.get("title")
                log.error(path, "Title", "Title vide : écrivez le titre après « Title: » "
                          "(par exemple « Title: Vols dans les voitures »).", line=written.line if written else None)
            category = getattr(content, "category", None)
            if isinstance(content, Article) and category is not None:
                message = category_problem(str(category), categories)
                if message:
                    written = header.get("category")
                    log.error(path, "Category", message, line=written.line if written else None)
        read = {os.path.realpath(c.source_path) for c in build_contents(self.context, drafts=True)}
        for path, reason in unread_pages(self.settings, read):
            log.warning(str(path), None, reason)


def unread_pages(settings: dict, read: set[str]):
    """(file, French reason) for each file of content/ named like a page that the build did not read."""
    root = Path(settings["PATH"])
    folders = [*settings.get("ARTICLE_PATHS", []), *settings.get("PAGE_PATHS", [])]
    for path in sorted(root.rglob("*")):
        if any(is_ignored(part) for part in path.relative_to(root).parts) or not path.is_file():
            continue
        reason = unread_reason(path.name)
        if reason is None and path.suffix == ".md" and os.path.realpath(path) not in read:
            relative = path.relative_to(root).as_posix()
            if not any(relative.startswith(f"{folder.rstrip('/')}/") for folder in folders):
                reason = ("ce fichier n'est dans aucun dossier lu, il n'est pas publié : rangez-le dans "
                          + ", ".join(f"{folder}/" for folder in folders))
        if reason is not None:
            yield path, reason
