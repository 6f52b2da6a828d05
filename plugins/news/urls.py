"""Each article's and page's URL worked out once per build instead of at every mention.

Pelican computes `url` and `save_as` from the URL settings each time a template asks for them:
about 30 000 times on a 1000-article site (listings, related cards, previous/next, JSON-LD).
Once every article is read they no longer change, so they are stored in the attributes Pelican
itself reads first (`override_url`, `override_save_as`, which `URL:` and `Save_as:` metadata set).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
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


def freeze(contents: Iterable[Content]) -> None:
    """Store the current `url` and `save_as` of each content object as its overrides."""
    for content in contents:
        content.override_url = content.url
        content.override_save_as = content.save_as
