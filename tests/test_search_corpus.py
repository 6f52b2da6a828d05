"""Search on a generated corpus of 1 000 articles: same pages for every spelling, light to load.

The corpus (bench/gen_corpus.py, 1000 articles, no images) is built once for the module with our
settings. Sizes are counted by the static host as it sends them (gzip where a host compresses,
headers included); they are exact and repeatable, so they are asserted. Times are not.
"""

import pytest
from conftest import build_site
from test_search_support import SearchPage, pages_with_words, path_of

from bench.gen_corpus import generate
from bench.search import BUDGET_BYTES, QUERIES, CountingHost

SPELLINGS = [
    ["ha tinh", "Hà Tĩnh", "HÀ TĨNH"],
    ["doan", "đoàn", "ĐOÀN", "Đoàn"],
    ["da nang", "Đà Nẵng", "đà nang"],
    ["duong", "đường", "ĐƯỜNG"],
    ["hoi nghi", "hội nghị", "Hội Nghị"],
]
# The folding search.js applies before Pagefind sees a query (đ → d, lower case).
SEARCH_IDS = """async (q) => {
    const box = document.querySelector('.search');
    const pagefind = await import(box.dataset.bundle + 'pagefind.js');
    const found = await pagefind.search(q.normalize('NFC').toLowerCase().replace(/đ/g, 'd'));
    return found.results.map((r) => r.id);
}"""


# Every result's URL, in Pagefind's order.
SEARCH_URLS = SEARCH_IDS.replace(
    "found.results.map((r) => r.id)",
    "Promise.all(found.results.map(async (r) => (await r.data()).url))")


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("kho-1000")
    generate(root / "content", articles=1000, images=0)
    build_site(root / "output", content=root / "content",
               extra={"CACHE_PATH": str(root / "cache")})
    return root / "output"


@pytest.fixture(scope="module")
def corpus_host(corpus_site):
    with CountingHost(corpus_site) as host:
        yield host


@pytest.fixture
def search(browser, corpus_host):
    context = browser.new_context()
    page = SearchPage(context.new_page(), corpus_host.url)
    page.open()
    yield page
    assert page.errors == []
    context.close()


@pytest.mark.parametrize("spellings", SPELLINGS, ids=[s[0] for s in SPELLINGS])
def test_every_spelling_finds_the_same_pages(search, spellings):
    counts, pages = {}, {}
    for spelling in spellings:
        search.search(spelling)
        counts[spelling] = search.count
        pages[spelling] = set(search.page.evaluate(SEARCH_IDS, spelling))
    assert len(set(counts.values())) == 1, counts
    assert counts[spellings[0]] == len(pages[spellings[0]]) > 0
    assert all(found == pages[spellings[0]] for found in pages.values())


@pytest.mark.parametrize("query", QUERIES)
def test_every_page_holding_the_words_is_found(search, corpus_site, query):
    # Pagefind loads, for each word, the index chunk where that word falls: however small the
    # chunks (SEARCH['chunk_size']), a page holding the very words is never left out.
    found = {path_of(url) for url in search.page.evaluate(SEARCH_URLS, query)}
    expected = pages_with_words(corpus_site, query)
    assert expected, f"the corpus should hold “{query}”"
    assert expected <= found, sorted(expected - found)[:5]


def test_the_exact_spelling_comes_first(search):
    search.search("đường")
    hits = search.hits()
    assert "đường" in [mark.lower().strip(".,") for mark in hits[0].marks], hits[0]
    for hit in hits:
        assert "|" not in hit.title + hit.excerpt


@pytest.mark.parametrize("query", QUERIES)
def test_a_first_search_transfers_at_most_300_kb(browser, corpus_host, query, capsys):
    context = browser.new_context()
    search = SearchPage(context.new_page(), corpus_host.url)
    corpus_host.sent.clear()
    search.open()
    search.search(query, typed=False)
    search.page.wait_for_load_state("networkidle")
    sent = sum(size for path, size in corpus_host.sent if "pagefind" in path or "search.js" in path)
    with capsys.disabled():
        print(f"\n{query}: {search.count} kết quả, {sent / 1024:.1f} KB")
    context.close()
    assert sent <= BUDGET_BYTES
    # The five results on screen came with their fragments, and no more.
    assert sum("/fragment/" in path for path, _ in corpus_host.sent) == 5
