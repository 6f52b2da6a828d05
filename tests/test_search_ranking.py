"""Ranking on a tiny site made for it: the spelling the reader typed comes first."""

import pytest
from conftest import build_site, serve_folder
from test_search_support import SearchPage
from tiny_site import write_article

# Same length, same words; only the marks differ (and D adds the traps of quoted phrases).
ARTICLES = {
    "co-dau.md": ("Tin có dấu", "Đoàn công tác về Hà Tĩnh, xem đường giao thông mới làm."),
    "khong-dau.md": ("Tin không dấu", "Doan cong tac ve Ha Tinh, xem duong giao thong moi lam."),
    "dau-khac.md": ("Tin dấu khác", "Đoạn công trình hạ tính, xem dương giao thông mới lắm."),
    "cum-tu.md": ("Tin cụm từ", "Tỉnh Hà Tĩnh đầu tư hạ tầng, xe đi Thạch Hạ."),
}


@pytest.fixture(scope="module")
def tiny_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("xep-hang")
    content = root / "content"
    for name, (title, body) in ARTICLES.items():
        write_article(content, name, title=title, body=body)
    (content / "images").mkdir()
    output = root / "output"
    build_site(output, content=content, extra={"CACHE_PATH": str(root / "cache")})
    server, url = serve_folder(output)
    yield url
    server.shutdown()


@pytest.fixture
def search(browser, tiny_url):
    context = browser.new_context()
    page = SearchPage(context.new_page(), tiny_url)
    page.open()
    yield page
    assert page.errors == []
    context.close()


def _titles(search: SearchPage, query: str) -> list[str]:
    search.search(query)
    return [hit.title for hit in search.hits(every=True)]


EXACT = {"Tin có dấu", "Tin cụm từ"}  # both spell "Hà Tĩnh" as the reader may type it


@pytest.mark.parametrize(("query", "first"), [
    ("Hà Tĩnh", EXACT),
    ("HÀ TĨNH", EXACT),
    ("ha tinh", {"Tin không dấu"}),
    ("đoàn", {"Tin có dấu"}),
    ("doan", {"Tin không dấu"}),
    ("đường", {"Tin có dấu"}),
    ("duong", {"Tin không dấu"}),
    ("dương", {"Tin dấu khác"}),
])
def test_the_exact_spelling_ranks_first(search, query, first):
    titles = _titles(search, query)
    assert set(titles[:len(first)]) == first, titles
    # …and the other spellings are found too.
    assert {"Tin có dấu", "Tin không dấu", "Tin dấu khác"} <= set(titles)


def test_a_quoted_phrase_is_found_beside_other_forms_of_its_words(search):
    # Pagefind 1.5's own phrase search misses "Tin cụm từ", which also holds "hạ" and "tỉnh".
    assert set(_titles(search, '"Hà Tĩnh"')) == {"Tin có dấu", "Tin không dấu", "Tin dấu khác",
                                                 "Tin cụm từ"}
    assert set(_titles(search, "“đi thạch”")) == {"Tin cụm từ"}  # a phone's curly quotes
    assert _titles(search, '"mới thông"') == []  # the order of the words counts
