"""The text Pagefind indexes: Vietnamese folded for its index, restorable for the reader."""

import re

import pytest
from conftest import ROOT

from plugins.search.indexer import marked_regions
from plugins.search.marks import mark_html, mark_text, mark_word, unmark

SAMPLES = [
    "Đoàn 1 thăm Hà Tĩnh, rồi về Đà Nẵng.",
    "ĐƯỜNG GIAO THÔNG NÔNG THÔN – Ủy ban, Quyết định, Khuyến nông, gìn giữ.",
    "«Đường làng» (Thạch Hạ – Thạch Đài), tuyến Hà Nội-Đà Nẵng; 24/2/2017; 1.500.000 ₫",
    "Người nước ngoài: Müller, François, naïve; ký hiệu a|b, x|,| và |~|.",
]


def pagefind_word(token: str) -> str:
    """What Pagefind 1.5 keeps of a word: its letters and digits, lower-cased."""
    return "".join(ch for ch in token if ch.isalnum()).lower()


@pytest.mark.parametrize("text", SAMPLES)
def test_marking_can_be_undone_exactly(text):
    assert unmark(mark_text(text)) == text


@pytest.mark.parametrize("text", SAMPLES[:3])
def test_main_index_sees_d_for_dstroke_and_keeps_tones(text):
    for original, marked in zip(text.split(), mark_text(text).split(), strict=True):
        assert pagefind_word(marked) == pagefind_word(original).replace("đ", "d")


def test_the_code_follows_the_word_so_pagefind_does_not_split_it():
    # Pagefind turns ASCII punctuation inside a word into a break and indexes the parts too;
    # the code must only ever follow the last letter.
    for marked in [mark_word("Đoàn,"), mark_word("(Đà"), mark_word("Đường).")]:
        letters = [i for i, ch in enumerate(marked) if ch.isalnum()]
        between = marked[letters[0]:letters[-1] + 1]
        assert between.isalnum(), marked


def test_words_without_dstroke_reach_the_main_index_unchanged():
    assert mark_text("Hà Tĩnh tổ chức hội nghị") == "Hà Tĩnh tổ chức hội nghị"
    assert mark_word("Müller") == "Müller"  # not Vietnamese: left to Pagefind


def test_html_text_is_marked_but_tags_attributes_and_scripts_are_not():
    page = ('<p class="đẹp" data-pagefind-filter="chu_de:Đời sống">Đoàn &amp; <b>đại</b> biểu'
            '</p><script>const đ = "Đoàn";</script><!-- Đoàn --><p>A &lt;b&gt; đi</p>')
    marked = mark_html(page)
    assert 'class="đẹp" data-pagefind-filter="chu_de:Đời sống"' in marked
    assert '<script>const đ = "Đoàn";</script><!-- Đoàn -->' in marked
    assert re.search(r">Doàn\|[^|]+\| &amp; <b>dại\|[^|]+\|</b> biểu<", marked)
    assert "A &lt;b&gt; di|" in marked
    assert "đ" not in re.sub(r"<script>.*?</script>|<!--.*?-->|<[^>]+>", "", marked)


def test_only_the_marked_regions_of_a_page_are_given_to_pagefind():
    page = ('<!doctype html><html lang="vi"><head><title>T</title></head><body>'
            '<nav>Menu</nav><article class="story" data-pagefind-body data-pagefind-meta="ngay:1">'
            '<h1>Tiêu đề</h1><article class="card">Bài liên quan</article><p>Thân bài</p>'
            '</article><footer>Chân trang</footer></body></html>')
    region = marked_regions(page)
    assert '<html lang="vi">' in region
    assert "Bài liên quan" in region and "Thân bài</p></article>" in region
    assert "Menu" not in region and "Chân trang" not in region
    assert marked_regions("<html><body><p>Không đánh dấu</p></body></html>") == ""


def test_the_page_undoes_the_marking_exactly_as_python_does(browser):
    # restore() of search.js, run in Chromium on the same texts as unmark().
    script = (ROOT / "theme" / "static" / "js" / "search.js").read_text(encoding="utf-8")
    codec = script[script.index("const restore ="):script.index("// Queries")]
    marked = [mark_text(text) for text in SAMPLES]
    # Codes next to their words, and text that only looks like a code (not d under a ~).
    marked += ["<mark>Dà|~!|,</mark> a x|~| b", "a |!| b", "Ha|!~|Dinh|~!!!|", "Tinh|~!!!|"]
    page = browser.new_page()
    restored = page.evaluate(f"(texts) => {{ {codec}; return texts.map(restore); }}", marked)
    page.close()
    assert restored == [unmark(text) for text in marked]
    assert restored[:len(SAMPLES)] == SAMPLES
    assert restored[-4:] == ["<mark>Đà,</mark> a x|~| b", "a |!| b", "Ha|!~|Đinh", "Tinh|~!!!|"]
