"""Every article or page a generator read, whatever its status or language."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain

from pelican.contents import Content
from pelican.generators import ArticlesGenerator, PagesGenerator

# Where the articles and pages generators keep what they read, published or not.
_LISTS = {
    ArticlesGenerator: ("articles", "translations", "hidden_articles", "hidden_translations",
                        "drafts", "drafts_translations"),
    PagesGenerator: ("pages", "translations", "hidden_pages", "hidden_translations",
                     "draft_pages", "draft_translations"),
}


def every_content(generator: ArticlesGenerator | PagesGenerator) -> Iterator[Content]:
    """Every article (or page) the generator read, whatever its status or language."""
    names = _LISTS[ArticlesGenerator if isinstance(generator, ArticlesGenerator)
                   else PagesGenerator]
    return chain.from_iterable(getattr(generator, name) for name in names)
