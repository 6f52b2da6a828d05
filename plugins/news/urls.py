"""Each article's and page's URL worked out once per build instead of at every mention.

Pelican computes `url` and `save_as` from the URL settings each time a template asks for them:
about 30 000 times on a 1000-article site (listings, related cards, previous/next, JSON-LD).
Once every article is read they no longer change, so they are stored in the attributes Pelican
itself reads first (`override_url`, `override_save_as`, which `URL:` and `Save_as:` metadata set).
"""

from __future__ import annotations

from collections.abc import Iterable

from pelican.contents import Content


def freeze(contents: Iterable[Content]) -> None:
    """Store the current `url` and `save_as` of each content object as its overrides."""
    for content in contents:
        content.override_url = content.url
        content.override_save_as = content.save_as
