"""The fast related ranking (plugins/news/related.py) picks what the plain definition picks.

The reference below is the rule written out directly: compare the article with every other
one. Hypothesis draws small sites with many ties (few dates, chủ đề and tags), drafts, and
rebuilds in one process (new objects for the same sources, then one source edited), where the
plugin may reuse its last picks.
"""

import datetime as dt
from dataclasses import dataclass
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from plugins.news import related

TAGS = ["Hà Tĩnh", "hội nghị", "OCOP", "Can Lộc", "vườn mẫu"]
CATEGORIES = ["Thời sự", "Kinh tế", "Nông thôn mới"]
DAYS = [dt.datetime(2017, 2, day, 8, tzinfo=dt.UTC) for day in (1, 2, 3)]


@dataclass(frozen=True)
class Spec:
    """What one article source says (all the ranking reads)."""

    path: str | None
    day: int
    category: int
    tags: tuple[int, ...]
    draft: bool


def _article(spec: Spec) -> SimpleNamespace:
    # A tag object per article, as Pelican's readers make them; tags compare by name.
    return SimpleNamespace(source_path=spec.path, date=DAYS[spec.day],
                           category=SimpleNamespace(name=CATEGORIES[spec.category]),
                           tags=[SimpleNamespace(name=TAGS[t]) for t in spec.tags])


def _read(specs: list[Spec]) -> tuple[list, list]:
    """The published articles and the drafts, as a build reads them (new objects)."""
    objects = [(_article(spec), spec.draft) for spec in specs]
    return [a for a, draft in objects if not draft], [a for a, draft in objects if draft]


def reference(articles: list, drafts: list, related_limit: int, category_limit: int) -> dict:
    """The rule, comparing every pair: {id(article): (related, same chủ đề, previous, next)}."""
    by_date = sorted(articles, key=lambda a: a.date, reverse=True)  # ties: as given
    rank = {id(a): position for position, a in enumerate(by_date)}

    def shared(a, b) -> int:
        return len({t.name for t in a.tags} & {t.name for t in b.tags})

    result = {}
    for article in articles + drafts:
        category = article.category.name
        in_category = [b for b in by_date if b.category.name == category]
        newest = {id(b) for b in in_category[: related_limit + 1]}
        candidates = [b for b in by_date if b is not article and (
            shared(article, b) > 0 or id(b) in newest)]
        candidates.sort(key=lambda b: (-shared(article, b), b.category.name != category,
                                       rank[id(b)]))
        offered = candidates[:related_limit]
        chosen = {id(b) for b in offered} | {id(article)}
        same = [b for b in in_category if id(b) not in chosen]
        result[id(article)] = (offered, same[:category_limit], None, None)
    for index, article in enumerate(by_date):
        older = by_date[index + 1] if index + 1 < len(by_date) else None
        newer = by_date[index - 1] if index > 0 else None
        result[id(article)] = (*result[id(article)][:2], older, newer)
    return result


def _as_lists(found: dict) -> dict:
    return {key: (s.related, s.same_category, s.previous, s.next) for key, s in found.items()}


def _same(found: dict, expected: dict) -> bool:
    """Equal, object for object (the articles of this build, not of an earlier one)."""
    if found.keys() != expected.keys():
        return False
    for key, (offered, same, older, newer) in expected.items():
        got = found[key]
        if [id(a) for a in got[0]] != [id(a) for a in offered] or \
                [id(a) for a in got[1]] != [id(a) for a in same] or \
                got[2] is not older or got[3] is not newer:
            return False
    return True


def _spec(path) -> st.SearchStrategy[Spec]:
    return st.builds(Spec, path=path, day=st.integers(0, len(DAYS) - 1),
                     category=st.integers(0, len(CATEGORIES) - 1),
                     tags=st.lists(st.integers(0, len(TAGS) - 1), max_size=4).map(tuple),
                     draft=st.booleans())


def _named(drawn: list[Spec], unique: bool) -> list[Spec]:
    """Each source its own path (a real tree), or the paths as drawn (None, repeated)."""
    if not unique:
        return drawn
    return [Spec(f"articles/bai-{n}.md", s.day, s.category, s.tags, s.draft)
            for n, s in enumerate(drawn)]


sites = st.builds(_named, st.lists(_spec(st.sampled_from([None, "a", "b", "c"])), max_size=14),
                  st.booleans())


@settings(max_examples=300, deadline=None)
@given(sites, st.integers(0, 5), st.integers(0, 5), st.data())
def test_fast_ranking_equals_the_plain_rule_across_rebuilds(sources, related_limit,
                                                           category_limit, data):
    limits = (related_limit, category_limit)
    for _build in range(2):  # the second build reads the same sources again: new objects
        articles, drafts = _read(sources)
        found = related.suggest(articles, drafts, *limits)
        assert _same(_as_lists(found), reference(articles, drafts, *limits))
    if sources:  # then one source is saved with another date, chủ đề, tags or status
        index = data.draw(st.integers(0, len(sources) - 1))
        edited = data.draw(_spec(st.just(sources[index].path)))
        sources = [*sources[:index], edited, *sources[index + 1:]]
        articles, drafts = _read(sources)
        found = related.suggest(articles, drafts, *limits)
        assert _same(_as_lists(found), reference(articles, drafts, *limits))


def test_a_popular_tag_still_ranks_by_shared_tags_then_chu_de_then_recency():
    # Every article has "Hà Tĩnh"; the rarer tags decide, then the chủ đề, then the date.
    site = [Spec(f"bai-{n}.md", n % 3, n % 2, (0,) + ((1,) if n % 4 == 0 else ()), False)
            for n in range(40)]
    site.append(Spec("bai-goc.md", 2, 0, (0, 1), False))
    articles, _drafts = _read(site)
    found = related.suggest(articles)
    own = articles[-1]
    offered = found[id(own)].related
    assert len(offered) == 4 and own not in offered
    assert all({t.name for t in a.tags} == {"Hà Tĩnh", "hội nghị"} for a in offered)
    assert _same(_as_lists(found), reference(articles, [], 4, 4))
