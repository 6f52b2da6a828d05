"""schema.org NewsArticle as a dict; the template writes it with `tojson` (escapes </script>)."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from sitekit.dates import iso
from sitekit.urls import absolute


@dataclass
class Site:
    """What every article's object shares in one build, worked out once."""

    siteurl: str
    publisher: str
    logo: str
    # id(author) → (name, absolute URL): an author object is shared by all its articles.
    people: dict[int, tuple[str, str]] = field(default_factory=dict)


def site(settings: dict) -> Site:
    """The values of one build's settings every NewsArticle repeats."""
    siteurl = settings.get("SITEURL", "")
    return Site(siteurl, settings.get("PUBLISHER", settings.get("SITENAME", "")),
                absolute(siteurl, "theme/img/logo.png"))


def news_article(article, settings: dict, image_url: str | None,
                 shared: Site | None = None) -> dict:
    """The NewsArticle object for one article (`shared`: from `site(settings)`, this build's)."""
    shared = shared or site(settings)
    siteurl = shared.siteurl
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": _plain(getattr(article, "summary", "")),
        "datePublished": iso(article.date),
        "dateModified": iso(getattr(article, "modified", None) or article.date),
        "inLanguage": "vi",
        "mainEntityOfPage": absolute(siteurl, article.url),
        "articleSection": article.category.name,
        "keywords": [tag.name for tag in getattr(article, "tags", [])],
        "author": [_person(author, shared) for author in getattr(article, "authors", [])],
        "publisher": {
            "@type": "Organization",
            "name": shared.publisher,
            "logo": {"@type": "ImageObject", "url": shared.logo},
        },
    }
    if image_url:
        data["image"] = [absolute(siteurl, image_url)]
    return data


def _person(author, shared: Site) -> dict:
    known = shared.people.get(id(author))
    if known is None:
        known = shared.people[id(author)] = (author.name, absolute(shared.siteurl, author.url))
    return {"@type": "Person", "name": known[0], "url": known[1]}


# Plain text of each summary seen in this build and the last: a preview rebuild strips only
# the summaries that changed. Keyed by the HTML itself, so a stale text cannot be found.
_plain_now: dict[str, str] = {}
_plain_before: dict[str, str] = {}


def new_build() -> None:
    """Keep the last build's texts for this one; drop older ones."""
    global _plain_now, _plain_before
    _plain_now, _plain_before = {}, _plain_now


def _plain(html: str) -> str:
    text = _plain_now.get(html)
    if text is None:
        text = _plain_before.get(html)
        if text is None:
            text = Markup(html).striptags()
        _plain_now[html] = text
    return text
