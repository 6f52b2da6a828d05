"""Which articles a reader is offered next: related, same chủ đề, previous and next.

Computed for every article of a site at once with inverted indexes (tag → articles,
chủ đề → articles), so 1000 articles cost milliseconds, not a comparison of every pair.
"""

import heapq
from collections import Counter, defaultdict
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
    # Articles are referred to by their position in by_date: a smaller number is newer.
    category_of = [a.category.name for a in by_date]
    by_tag: dict[str, list[int]] = defaultdict(list)
    by_category: dict[str, list[int]] = defaultdict(list)
    for position, article in enumerate(by_date):
        for name in _tag_names(article):
            by_tag[name].append(position)
        by_category[category_of[position]].append(position)
    position_of = {id(a): position for position, a in enumerate(by_date)}

    result = {}
    for article in list(articles) + list(drafts):
        shared = Counter()
        for name in _tag_names(article):
            shared.update(by_tag[name])
        category = article.category.name
        same = by_category[category]
        for position in same[: related_limit + 1]:  # enough to fill related with one's chủ đề
            shared.setdefault(position, 0)
        shared.pop(position_of.get(id(article)), None)
        best = heapq.nlargest(related_limit, (
            (count, category_of[position] == category, -position)
            for position, count in shared.items()))
        related = [by_date[-negative] for _count, _same, negative in best]
        taken = {-negative for _count, _same, negative in best}
        taken.add(position_of.get(id(article)))
        same_category = [by_date[p] for p in same if p not in taken][:category_limit]
        result[id(article)] = Suggestions(related, same_category)

    chronological = by_date[::-1]
    for index, article in enumerate(chronological):
        entry = result[id(article)]
        entry.previous = chronological[index - 1] if index > 0 else None
        entry.next = chronological[index + 1] if index + 1 < len(chronological) else None
    return result
