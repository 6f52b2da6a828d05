"""A large site's search looks in its newest pages first, and in the older ones when it must.

Every word typed loads the index chunk that lists every page holding it, so a first search over
10 000 articles would transfer megabytes. The bundle itself holds only the programme's pages and
the newest articles (SEARCH['pages_searched_first']); the older parts are merged when those give
fewer than a screen of results, or when the reader presses "Tìm cả trong các bài cũ hơn".
Built here with the programme and five articles first, the rest (seven) in one older part.
"""

import json
import re

import pytest
from conftest import build_site
from test_search_support import SearchPage, bundle_texts, path_of, serving

from plugins.search.settings import BUNDLE
from plugins.search.worker import PARTS

NEWEST = 5  # articles in the part searched first
COMMON = "hội nghị"  # in more than a screen of the first part's pages


def _published(site, path: str) -> str:
    page = (site / path.strip("/") / "index.html").read_text(encoding="utf-8")
    return re.search(r'property="article:published_time" content="([^"]+)"', page).group(1)


def _paths(bundle) -> set[str]:
    return {path_of(url) for url in bundle_texts(bundle)}


@pytest.fixture(scope="module")
def programme(site) -> set[str]:
    return {p for p in _paths(site / BUNDLE) if p.startswith("/chuong-trinh/")}


@pytest.fixture(scope="module")
def newest_site(tmp_path_factory, programme):
    root = tmp_path_factory.mktemp("moi-truoc")
    first = len(programme) + NEWEST
    build_site(root / "output", extra={"CACHE_PATH": str(root / "cache"),
                                       "SEARCH": {"pages_searched_first": first}})
    return root / "output"


@pytest.fixture(scope="module")
def hosts(site, newest_site):
    with serving(site, newest_site) as urls:
        yield urls


def _search(browser, url: str, query: str):
    context = browser.new_context()
    page = SearchPage(context.new_page(), url)
    page.open()
    page.search(query, typed=False)
    return context, page


def test_the_first_part_holds_the_programme_and_the_newest_articles(site, newest_site,
                                                                    programme):
    bundle = newest_site / BUNDLE
    assert json.loads((bundle / PARTS).read_text(encoding="utf-8")) == ["1/"]
    first, older = _paths(bundle), _paths(bundle / "1")
    assert first | older == _paths(site / BUNDLE) and not first & older
    articles = first - programme
    assert programme <= first and len(articles) == NEWEST
    oldest_first = min(_published(site, p) for p in articles)
    assert all(_published(site, p) <= oldest_first for p in older)


def test_a_search_shows_the_newest_then_everything_on_request(browser, hosts, newest_site):
    everything_url, parted_url = hosts
    context, whole = _search(browser, everything_url, COMMON)
    wanted = {path_of(hit.url) for hit in whole.hits(every=True)}
    context.close()

    context, page = _search(browser, parted_url, COMMON)
    first = _paths(newest_site / BUNDLE)
    older = page.page.locator(".search-older")
    assert "các bài mới nhất" in page.status and older.is_visible()
    recent = {path_of(hit.url) for hit in page.hits(every=True)}
    assert page.count == len(recent) >= 5 and recent <= first
    page.everywhere(COMMON)
    assert "mới nhất" not in page.status and not older.is_visible()
    found = {path_of(hit.url) for hit in page.hits(every=True)}
    assert found == wanted and page.count == len(wanted) and recent < found
    assert page.errors == []
    context.close()


def test_an_old_article_is_found_without_asking(browser, hosts, site, newest_site):
    # The oldest article's title, as a phrase: the first part has none of it.
    older = _paths(newest_site / BUNDLE / "1")
    oldest = min(older, key=lambda p: _published(site, p))
    page_html = (site / oldest.strip("/") / "index.html").read_text(encoding="utf-8")
    title = re.search(r'property="og:title" content="([^"]+)"', page_html).group(1)
    words = " ".join(re.findall(r"\w+", title)[:4])
    context, page = _search(browser, hosts[1], f'"{words}"')
    assert oldest in {path_of(hit.url) for hit in page.hits()}
    assert "mới nhất" not in page.status
    assert not page.page.locator(".search-older").is_visible() and page.errors == []
    context.close()
