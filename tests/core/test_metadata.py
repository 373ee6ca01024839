"""One list of the build's contents."""

from __future__ import annotations

from types import SimpleNamespace

from signage.core.metadata import build_contents


def item(name, translations=()):
    return SimpleNamespace(name=name, translations=list(translations))


def test_which_contents_in_which_order_each_once():
    french = item("article")
    english = item("article-en")
    french.translations = [english]
    page = item("page")
    context = {"articles": [french], "hidden_articles": [item("hidden")], "pages": [page],
               "hidden_pages": [item("hidden-page")], "drafts": [item("draft")], "draft_pages": [item("draft-page")]}
    context["pages"].append(page)  # listed twice by mistake: kept once
    names = lambda **kwargs: [c.name for c in build_contents(context, **kwargs)]  # noqa: E731
    assert names() == ["article", "hidden", "page", "hidden-page"]
    assert names(pages=False) == ["article", "hidden"]
    assert names(drafts=True, translations=True) == ["article", "article-en", "hidden", "page", "hidden-page",
                                                     "draft", "draft-page"]
