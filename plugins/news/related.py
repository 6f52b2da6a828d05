"""Which articles a reader is offered next: related, same chủ đề, previous and next."""

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Neighbours:
    """The article published just before and just after, in date order."""

    previous: object | None
    next: object | None


def related(article, articles: Sequence, limit: int = 4) -> list:
    """Ranked by shared tags, then same chủ đề, then recency; never the article itself.

    `articles` holds published articles only (Pelican keeps drafts in a list of their own), so
    a draft is never offered.
    """
    tags = {tag.slug for tag in getattr(article, "tags", [])}

    def rank(other) -> tuple:
        shared = len(tags & {tag.slug for tag in getattr(other, "tags", [])})
        return (shared, other.category == article.category, other.date)

    candidates = [other for other in articles if other is not article]
    ranked = sorted(candidates, key=rank, reverse=True)
    return [other for other in ranked if rank(other)[:2] != (0, False)][:limit]


def same_category(article, articles: Sequence, limit: int = 5) -> list:
    """The latest other articles of the same chủ đề."""
    others = [a for a in articles if a is not article and a.category == article.category]
    return sorted(others, key=lambda a: a.date, reverse=True)[:limit]


def neighbours(articles: Sequence) -> dict[int, Neighbours]:
    """Previous/next for each article, keyed by id(article), in publication order."""
    ordered = sorted(articles, key=lambda a: a.date)
    result = {}
    for index, article in enumerate(ordered):
        previous = ordered[index - 1] if index > 0 else None
        following = ordered[index + 1] if index + 1 < len(ordered) else None
        result[id(article)] = Neighbours(previous, following)
    return result
