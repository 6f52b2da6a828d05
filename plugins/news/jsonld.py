"""schema.org NewsArticle as a dict; the template writes it with `tojson` (escapes </script>)."""

from sitekit.dates import iso
from sitekit.urls import absolute


def news_article(article, settings: dict, image_url: str | None) -> dict:
    """The NewsArticle object for one article."""
    siteurl = settings.get("SITEURL", "")
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
        "author": [
            {"@type": "Person", "name": author.name, "url": absolute(siteurl, author.url)}
            for author in getattr(article, "authors", [])
        ],
        "publisher": {
            "@type": "Organization",
            "name": settings.get("PUBLISHER", settings.get("SITENAME", "")),
            "logo": {"@type": "ImageObject", "url": absolute(siteurl, "theme/img/logo.png")},
        },
    }
    if image_url:
        data["image"] = [absolute(siteurl, image_url)]
    return data


def _plain(html: str) -> str:
    from markupsafe import Markup

    return Markup(html).striptags()
