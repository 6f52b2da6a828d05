"""Which articles a reader is offered next: related, same chủ đề, previous and next.

Computed for every article of a site at once with inverted indexes (tag → articles,
chủ đề → articles), so 1000 articles cost milliseconds, not a comparison of every pair.
"""

import heapq
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass
class Suggestions:
    """What the article page offers after the body."""

    related: list = field(default_factory=list)
    same_category: list = field(default_factory=list)
    previous: object | None = None
    next: object | None = None


def _tag_names(article) -> set[str]:
    return {tag.name for tag in getattr(article, "tags", [])}


def suggest(articles: Sequence, drafts: Sequence = (), related_limit: int = 4,
            category_limit: int = 4) -> dict[int, Suggestions]:
    """Suggestions for each article (and draft), keyed by id(article).

    Related: ranked by shared tags, then same chủ đề, then recency; never the article itself,
    never a draft (only published `articles` are offered). Same chủ đề: the latest others not
    already in related. Previous/next: neighbours in publication order.
    """
    by_date = sorted(articles, key=lambda a: a.date, reverse=True)  # newest first
    rank_of = {id(a): position for position, a in enumerate(by_date)}
    by_tag: dict[str, list] = defaultdict(list)
    by_category: dict[str, list] = defaultdict(list)
    for article in by_date:
        for name in _tag_names(article):
            by_tag[name].append(article)
        by_category[article.category.name].append(article)

    result = {}
    for article in list(articles) + list(drafts):
        shared: dict[int, int] = defaultdict(int)
        pool = {}
        for name in _tag_names(article):
            for other in by_tag[name]:
                shared[id(other)] += 1
                pool[id(other)] = other
        same = by_category[article.category.name]
        for other in same[: related_limit + 1]:  # enough to fill related with one's chủ đề
            pool.setdefault(id(other), other)
        pool.pop(id(article), None)

        category = article.category.name
        related = heapq.nlargest(related_limit, pool.values(), key=lambda other: (
            shared[id(other)], other.category.name == category, -rank_of[id(other)]))  # noqa: B023 (used at once)
        taken = {id(a) for a in related} | {id(article)}
        same_category = [a for a in same if id(a) not in taken][:category_limit]
        result[id(article)] = Suggestions(related, same_category)

    chronological = by_date[::-1]
    for index, article in enumerate(chronological):
        entry = result[id(article)]
        entry.previous = chronological[index - 1] if index > 0 else None
        entry.next = chronological[index + 1] if index + 1 < len(chronological) else None
    return result
