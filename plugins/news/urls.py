"""Each article's and page's URL worked out once per build instead of at every mention.

Pelican computes `url` and `save_as` from the URL settings each time a template asks for them:
about 30 000 times on a 1000-article site (listings, related cards, previous/next, JSON-LD).
Once every article is read they no longer change, so they are stored in the attributes Pelican
itself reads first (`override_url`, `override_save_as`, which `URL:` and `Save_as:` metadata set).

Asking Pelican for both builds its table of URL values (`url_format`) twice per object, each
time working out the source's path relative to the content folder with `os.path`; for its own
Article and Page classes the table is built here once, with the relative path remembered
(`tests/test_news_speed_urls.py` holds the result equal to Pelican's own).
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable
from functools import lru_cache

from pelican.contents import Article, Content, Page
from pelican.utils import path_to_url, posixize_path


def freeze(contents: Iterable[Content]) -> None:
    """Store the current `url` and `save_as` of each content object as its overrides."""
    for content in contents:
        klass = _settings_prefix(content)
        if klass is None:  # a class of another plugin's: Pelican works it out
            content.override_url = content.url
            content.override_save_as = content.save_as
            continue
        values = None
        for key in ("url", "save_as"):
            if hasattr(content, f"override_{key}"):  # `URL:`/`Save_as:`, or frozen already
                continue
            if values is None:
                values = _url_values(content)
            setting = key if content.in_default_lang else f"lang_{key}"
            found = str(content.settings[f"{klass}_{setting}".upper()]).format(**values)
            setattr(content, f"override_{key}", found)


def _settings_prefix(content: Content) -> str | None:
    """The prefix of the URL settings Pelican's `_expand_settings` uses for this object."""
    if type(content) is Article:
        return "draft" if content.status == "draft" else "article"
    if type(content) is Page:
        return "draft_page" if content.status == "draft" else "Page"
    return None


def _url_values(content: Content) -> dict:
    """Pelican's `Content.url_format`, with the relative source path remembered."""
    metadata = content.metadata
    path = metadata["path"] if "path" in metadata else _relative(
        content.settings["PATH"], content.source_path)
    return {
        **metadata,
        "path": path_to_url(path),
        "slug": getattr(content, "slug", ""),
        "lang": getattr(content, "lang", "en"),
        "date": content.date if hasattr(content, "date") else datetime.datetime.now(),
        "author": content.author.slug if hasattr(content, "author") else "",
        "category": content.category.slug if hasattr(content, "category") else "",
    }


def _relative(folder: str, source_path: str | None) -> str | None:
    """`Content.get_relative_source_path()`; remembered when both paths are absolute."""
    if source_path is None:
        return None
    if os.path.isabs(folder) and os.path.isabs(source_path):
        return _relative_absolute(folder, source_path)
    return _relative_path(folder, source_path)


@lru_cache(maxsize=1 << 16)  # strings only, so a tree or settings change cannot make it stale
def _relative_absolute(folder: str, source_path: str) -> str:
    return _relative_path(folder, source_path)


def _relative_path(folder: str, source_path: str) -> str:
    return posixize_path(os.path.relpath(os.path.abspath(os.path.join(folder, source_path)),
                                         os.path.abspath(folder)))
