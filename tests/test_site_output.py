"""The built sample site, read as a reader's browser would read it."""

import re
import unicodedata

from html_tools import html_pages, page_urls, resolve, soup

# UI strings of Pelican's and most English themes; none may reach a Vietnamese reader.
ENGLISH_UI = [
    "Read more", "Posted", "Tags", "Category", "Categories", "Archives", "Published",
    "Updated", "Next", "Previous", "Page ", "Powered by", "Comments", "Search", "Home",
    "Authors", "Older", "Newer", "Continue reading", "Skip to",
]


def _visible_text(page) -> str:
    for hidden in page(["script", "style"]):
        hidden.decompose()
    return page.get_text(" ")


def test_every_internal_link_and_image_resolves(site):
    broken = []
    for file in html_pages(site):
        for url in page_urls(soup(file)):
            target = resolve(site, file, url)
            if target is not None and not target.exists():
                broken.append(f"{file.relative_to(site)} → {url}")
    assert not broken, "broken links:\n" + "\n".join(broken)


def test_pages_are_vietnamese_with_no_english_ui(site):
    leaks = []
    for file in html_pages(site):
        page = soup(file)
        assert page.html.get("lang") == "vi", file
        text = _visible_text(page)
        attributes = " ".join(
            str(tag.get(name, "")) for tag in page.find_all(True)
            for name in ("aria-label", "title", "placeholder")
        )
        for phrase in ENGLISH_UI:
            if re.search(rf"\b{re.escape(phrase.strip())}\b", text + " " + attributes):
                leaks.append(f"{file.relative_to(site)}: {phrase!r}")
    assert not leaks, "English UI strings:\n" + "\n".join(leaks)


def test_urls_are_ascii(site):
    for file in html_pages(site):
        assert file.relative_to(site).as_posix().isascii(), file


def test_article_dateline_uses_vietnamese_and_gmt7(site):
    page = soup(site / "hoi-nghi-toan-quoc-van-phong-ntm-2017" / "index.html")
    time = page.select_one(".dateline time")
    assert time["datetime"] == "2017-02-08T16:45:00+07:00"
    assert time.get_text() == "Thứ Tư, 08/02/2017 - 16:45 (GMT+7)"


def test_all_text_is_nfc(site):
    for file in html_pages(site):
        text = file.read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", text), file


def test_drafts_never_published(site):
    texts = [f.read_text(encoding="utf-8") for f in html_pages(site)]
    assert not (site / "ban-nhap").exists()
    assert not any("Bản nháp – chỉ hiện khi xem trước" in t for t in texts)
