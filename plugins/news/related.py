"""Which articles a reader is offered next: related, same chủ đề, previous and next.

Computed for every article of a site at once. Articles are numbered newest first, and each tag
and chủ đề becomes the set of those numbers held as the bits of one Python integer. An
article's candidates are then ranked a whole group at a time: "shares exactly c of my tags" is
a few ANDs and ORs of those integers (in C, 30 articles a machine word), and the best of a
group are its lowest bits (the newest). A tag nearly every article has costs no more than a
rare one; counting, for each article, every other article sharing its tags compared nearly
every pair (0.1 s of each build at 1000 articles, 4 s at 10 000).
"""

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


def _bits(positions: list[int], size: int) -> int:
    """The integer whose bit p is set for each p in `positions`."""
    raw = bytearray(size // 8 + 1)
    for position in positions:
        raw[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(raw, "little")


def _newest(bits: int, wanted: int) -> list[int]:
    """Up to `wanted` positions in `bits`, smallest (newest) first."""
    found = []
    while bits and len(found) < wanted:
        lowest = bits & -bits
        found.append(lowest.bit_length() - 1)
        bits ^= lowest
    return found


def _by_shared_count(tag_sets: list[int]) -> list[int]:
    """at_least[c]: the articles having at least c of these tags (c = 0 … len(tag_sets))."""
    at_least = [-1] + [0] * len(tag_sets)  # -1: every bit set, everyone has at least 0
    for had, tagged in enumerate(tag_sets, start=1):
        for count in range(had, 0, -1):  # downwards: each tag counted once per article
            at_least[count] |= at_least[count - 1] & tagged
    return at_least


def _ranked(at_least: list[int], in_category: int, newest_in_category: int, others: int,
            limit: int) -> list[int]:
    """The best `limit` positions by (shared tags, same chủ đề, newest), best first.

    Candidates are the articles sharing a tag, and the newest few of one's chủ đề (sharing
    none); `others` masks out the article itself.
    """
    best: list[int] = []
    for count in range(len(at_least) - 1, 0, -1):
        exactly = at_least[count] & ~(at_least[count + 1] if count + 1 < len(at_least) else 0)
        exactly &= others
        for group in (exactly & in_category, exactly & ~in_category):
            best += _newest(group, limit - len(best))
            if len(best) == limit:
                return best
    sharing_none = newest_in_category & ~(at_least[1] if len(at_least) > 1 else 0) & others
    return best + _newest(sharing_none, limit - len(best))


@dataclass
class _Picks:
    """One article's suggestions, as indexes into the published articles given."""

    related: list[int]
    same_category: list[int]
    previous: int | None = None
    next: int | None = None


@dataclass
class _Last:
    """The last result and what it was computed from (see `_key`)."""

    key: tuple | None = None
    picks: list[_Picks] = field(default_factory=list)


# A preview rebuilds in one process after each save; a save that changes no tag, chủ đề, date
# or status (a body, a title) gets the last build's picks, given to this build's objects.
_last = _Last()


def _key(articles: Sequence, drafts: Sequence, limits: tuple[int, int]) -> tuple | None:
    """Everything the picks depend on, in order; None when sources do not name articles."""
    def described(items: Sequence) -> tuple:
        return tuple((getattr(a, "source_path", None), a.date, a.category.name,
                      frozenset(_tag_names(a))) for a in items)

    key = (limits, described(articles), described(drafts))
    paths = [entry[0] for part in key[1:] for entry in part]
    if None in paths or len(set(paths)) != len(paths):
        return None
    return key


def suggest(articles: Sequence, drafts: Sequence = (), related_limit: int = 4,
            category_limit: int = 4) -> dict[int, Suggestions]:
    """Suggestions for each article (and draft), keyed by id(article).

    Related: ranked by shared tags, then same chủ đề, then recency; never the article itself,
    never a draft (only published `articles` are offered). Candidates are the articles sharing
    a tag and the newest `related_limit + 1` of one's chủ đề. Same chủ đề: the latest others
    not already in related. Previous/next: neighbours in publication order.
    """
    articles, drafts = list(articles), list(drafts)
    key = _key(articles, drafts, (related_limit, category_limit))
    if key is not None and key == _last.key:
        picks = _last.picks
    else:
        picks = _pick(articles, drafts, related_limit, category_limit)
        _last.key, _last.picks = key, picks

    def chosen(index: int | None):
        return None if index is None else articles[index]

    return {id(article): Suggestions([articles[i] for i in pick.related],
                                     [articles[i] for i in pick.same_category],
                                     chosen(pick.previous), chosen(pick.next))
            for article, pick in zip(articles + drafts, picks, strict=True)}


def _pick(articles: list, drafts: list, related_limit: int,
          category_limit: int) -> list[_Picks]:
    """The suggestions of `articles + drafts`, in that order."""
    # Articles are referred to by their position in by_date: a smaller number is newer.
    by_date = sorted(range(len(articles)), key=lambda i: articles[i].date,
                     reverse=True)  # newest first, as indexes into `articles`
    size = len(by_date)
    tagged: dict[str, list[int]] = defaultdict(list)
    by_category: dict[str, list[int]] = defaultdict(list)
    for position, index in enumerate(by_date):
        article = articles[index]
        for name in _tag_names(article):
            tagged[name].append(position)
        by_category[article.category.name].append(position)
    tag_bits = {name: _bits(positions, size) for name, positions in tagged.items()}
    category_bits = {name: _bits(positions, size) for name, positions in by_category.items()}
    newest_bits = {name: _bits(positions[: related_limit + 1], size)
                   for name, positions in by_category.items()}
    position_of = {index: position for position, index in enumerate(by_date)}

    picks = []
    for index, article in enumerate(articles + drafts):
        own = position_of.get(index)  # None for a draft
        others = ~(1 << own) if own is not None else -1
        category = article.category.name
        at_least = _by_shared_count([tag_bits[name] for name in _tag_names(article)
                                     if name in tag_bits])
        best = _ranked(at_least, category_bits.get(category, 0), newest_bits.get(category, 0),
                       others, related_limit)
        taken = set(best)
        taken.add(own)
        same_category = []
        for position in by_category.get(category, ()):
            if len(same_category) == category_limit:
                break
            if position not in taken:
                same_category.append(by_date[position])
        picks.append(_Picks([by_date[p] for p in best], same_category))

    # Previous/next: by_date read backwards is publication order.
    for position, index in enumerate(by_date):
        picks[index].previous = by_date[position + 1] if position + 1 < size else None
        picks[index].next = by_date[position - 1] if position > 0 else None
    return picks
