"""A reader searching the sample site in Chromium, as typed on a phone: with or without marks."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from html_tools import soup
from test_search_support import SearchPage, pages_with_words, path_of

from sitekit.text import fold

# Each group: spellings a reader may type for the same words; all must find the same pages.
SPELLINGS = {
    "ha tinh": ["ha tinh", "Hà Tĩnh", "HÀ TĨNH", "Ha Tĩnh", "hà tinh"],
    "doan": ["doan", "đoàn", "ĐOÀN", "Doàn"],
    "da nang": ["da nang", "Đà Nẵng", "đà nang", "DA NANG"],
    "duong": ["duong", "đường", "Đuong"],
}
PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True, "locale": "vi-VN"}


@pytest.fixture
def search(browser, site_url):
    context = browser.new_context(**PHONE)
    page = SearchPage(context.new_page(), site_url)
    page.open()
    yield page
    assert page.errors == []
    context.close()


def test_the_header_box_sends_the_reader_to_the_search_page(search, site_url):
    search.page.goto(site_url + "/")
    box = search.page.get_by_role("search").get_by_label("Tìm trong trang tin")
    box.fill("Hà Tĩnh")
    box.press("Enter")
    search.wait_for("Hà Tĩnh")
    address = urlsplit(search.page.url)
    assert address.path == "/tim-kiem/" and parse_qs(address.query) == {"q": ["Hà Tĩnh"]}
    assert search.page.locator("#o-tim").input_value() == "Hà Tĩnh"
    assert search.count > 0


@pytest.mark.parametrize("words", SPELLINGS)
def test_every_spelling_finds_the_same_pages(search, site, words):
    found = {}
    for spelling in SPELLINGS[words]:
        search.search(spelling)
        found[spelling] = {path_of(hit.url) for hit in search.hits(every=True)}
        assert search.count == len(found[spelling]), spelling
    first = found[SPELLINGS[words][0]]
    assert all(pages == first for pages in found.values()), found
    # Every page holding the words (any marks, đ or d) is among them.
    expected = pages_with_words(site, words)
    assert expected, f"the sample site should hold “{words}”"
    assert expected <= first


def test_d_finds_dstroke(search, site):
    search.search("duong")
    hits = search.hits(every=True)
    assert {path_of(h.url) for h in hits} >= pages_with_words(site, "đường")
    assert any("đường" in mark.lower() for hit in hits for mark in hit.marks)


def test_results_show_title_date_chu_de_and_the_match_highlighted(search):
    search.search("ha tinh")
    hits = search.hits()
    assert len(hits) == min(search.count, 5)  # five at first, more on demand
    for hit in hits:
        assert hit.title and "|" not in hit.title and hit.topic, hit
        if "/dia-diem/" not in hit.url:  # a place has no date of its own
            assert re.fullmatch(r"\d\d/\d\d/2017", hit.date), hit
        shown = search.page.locator(".search-result-meta").first.evaluate(
            "(p) => getComputedStyle(p.querySelector('span'), '::before').content")
        assert shown == '" · "'  # the separator between date and chủ đề
        assert "|" not in hit.excerpt  # the index's codes never reach the reader
        assert hit.marks and {fold(m).strip(".,;:!?()“”") for m in hit.marks} & {"ha", "tinh"}
    assert "Hà Tĩnh" in " ".join(h.excerpt for h in hits)


def test_titles_are_shown_with_their_own_letters(search, site):
    search.search("đoàn")
    for hit in search.hits(every=True):
        page = soup(site / path_of(hit.url).strip("/") / "index.html")
        assert hit.title == page.select_one("h1").get_text()


def test_nothing_found_is_said_in_vietnamese(search):
    search.search("xyzqwv")
    assert search.status.startswith("Không tìm thấy kết quả cho “xyzqwv”")
    assert search.hits() == []
    assert search.page.locator(".search-status").get_attribute("aria-live") == "polite"


def test_filter_by_chu_de(search):
    search.search("đại biểu")
    everything = search.count
    topics = search.page.locator(".search-filters input[type=checkbox]")
    assert topics.count() >= 2
    topic = next(hit.topic for hit in search.hits() if "/chuong-trinh/" not in hit.url)
    search.refine(search.page.locator(".search-filters").get_by_label(topic, exact=True).check,
                  "đại biểu")
    hits = search.hits(every=True)
    assert 0 < search.count < everything
    assert {hit.topic for hit in hits} == {topic}


def test_a_quoted_phrase_finds_the_words_side_by_side(search):
    search.search("ha tinh")
    loose = search.count
    search.search('"ha tinh"')
    assert 0 < search.count <= loose
    for hit in search.hits(every=True):
        assert "hà tĩnh" in hit.excerpt.lower(), hit.excerpt


def test_keys_faster_than_the_searches_leave_the_last_query_on_screen(search):
    # No pause between keys: each key starts a search while the one before is still running.
    box = search.page.locator("#o-tim")
    search.open()
    search.page.evaluate("document.querySelector('#o-tim').focus()")
    search.page.keyboard.type("nông thôn mới")
    search.wait_for("nông thôn mới")
    search.page.wait_for_load_state("networkidle")
    search.page.wait_for_timeout(300)  # a late, older search would have landed by now
    assert box.input_value() == "nông thôn mới"
    assert search.status.endswith("kết quả cho “nông thôn mới”")
    assert search.page.locator(".search-results").get_attribute("data-q") == "nông thôn mới"
    hits = search.hits()
    assert hits and len(hits) == min(search.count, 5)
    for hit in hits:
        assert {fold(m).strip(".,;:!?()“”") for m in hit.marks} & {"nong", "thon", "moi"}, hit


def test_the_previous_results_stay_until_the_next_are_drawn(search):
    search.search("hội nghị")
    before = search.count
    search.page.evaluate("""() => {
        const list = document.querySelector('.search-results');
        window.__fewest = list.children.length;
        new MutationObserver(() => { window.__fewest = Math.min(window.__fewest,
            list.children.length); }).observe(list, {childList: true});
    }""")
    search.page.locator("#o-tim").press_sequentially(" tỉnh", delay=40)
    search.wait_for("hội nghị tỉnh", fresh=True)
    assert 0 < search.count <= before  # every word must be found: fewer pages
    assert search.page.evaluate("window.__fewest") > 0  # never an empty list in between


def test_searching_asks_nothing_of_another_host(browser, site_url):
    context = browser.new_context(**PHONE)
    asked = []
    context.on("request", lambda request: asked.append(request.url))
    search = SearchPage(context.new_page(), site_url)
    search.open()
    search.search("ha tinh")
    search.hits(every=True)
    context.close()
    assert any("/pagefind/fragment/" in url for url in asked)  # the search did fetch its parts
    assert {urlsplit(url).netloc for url in asked} == {urlsplit(site_url).netloc}, asked
    assert search.errors == []


def test_without_javascript_the_page_says_search_needs_it(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "/tim-kiem/?q=ha+tinh")
    notice = page.locator(".search-nojs")
    assert notice.is_visible()
    assert notice.inner_text().startswith("Chức năng tìm kiếm cần JavaScript")
    assert page.locator("form[role=search] label").first.inner_text() == "Tìm trong trang tin"
    context.close()


def test_programme_sessions_and_places_are_found(search):
    search.search("Cẩm Bình")
    paths = {path_of(hit.url) for hit in search.hits(every=True)}
    assert "/chuong-trinh/dia-diem/xa-cam-binh/" in paths
    assert {hit.topic for hit in search.hits(every=True)} >= {"Chương trình"}
    search.search("phien toan the")
    paths = {path_of(hit.url) for hit in search.hits(every=True)}
    assert "/chuong-trinh/phien/hoi-nghi/" in paths
