"""The news theme as a reader (and a search engine) meets it."""

import json

import pytest
from conftest import build_site
from html_tools import soup
from tiny_site import tiny_content, write_article

ARTICLE = "hoi-nghi-toan-quoc-van-phong-ntm-2017"
META = "Title: {title}\nDate: {date}\nCategory: {category}\nTags: {tags}\nAuthor: Lan\n{extra}\n"


@pytest.fixture(scope="module")
def ranked_site(tmp_path_factory):
    """Articles whose tags and chủ đề make the expected 'Đọc thêm' order obvious."""
    root = tmp_path_factory.mktemp("ranked")
    content = tiny_content(root)
    specs = {
        "a": ("Bài A gốc", "2017-02-01 08:00", "Thời sự", "x, y", ""),
        "b": ("Bài B hai thẻ", "2017-02-02 08:00", "Thời sự", "x, y", ""),
        "c": ("Bài C một thẻ", "2017-02-03 08:00", "Kinh tế", "x", ""),
        "d": ("Bài D cùng chủ đề", "2017-02-04 08:00", "Thời sự", "z", ""),
        "e": ("Bài E chẳng liên quan", "2017-02-05 08:00", "Kinh tế", "w", ""),
        "f": ("Bài F nháp", "2017-02-06 08:00", "Thời sự", "x, y", "Status: draft\n"),
        "q": ('Trích "ngoặc" </script><b>', "2017-01-05 08:00", "Kinh tế", "w", ""),
    }
    for name, (title, date, category, tags, extra) in specs.items():
        write_article(content, f"{name}.md", raw=META.format(
            title=title, date=date, category=category, tags=tags, extra=extra) + "\nThân.\n")
    output = root / "output"
    build_site(output, content=content, extra={"DEFAULT_PAGINATION": 3})
    return output


def _titles(page, selector):
    return [a.get_text(strip=True) for a in page.select(selector)]


def test_related_ranked_by_tags_then_chu_de_then_recency(ranked_site):
    page = soup(ranked_site / "bai-a-goc" / "index.html")
    related = _titles(page, ".related .card-title a")
    # two shared tags, one shared tag, then the same chủ đề newest first (the tiny site's own
    # article of 08/02 is newer than D)
    assert related == ["Bài B hai thẻ", "Bài C một thẻ", "Đoàn tham quan vườn mẫu",
                       "Bài D cùng chủ đề"]
    assert "Bài A gốc" not in related and "Bài F nháp" not in related
    assert "Bài E chẳng liên quan" not in related


def test_previous_and_next_follow_publication_order(ranked_site):
    page = soup(ranked_site / "bai-c-mot-the" / "index.html")
    assert page.select_one(".story-nav a[rel=prev]").get_text().endswith("Bài B hai thẻ")
    assert page.select_one(".story-nav a[rel=next]").get_text().endswith("Bài D cùng chủ đề")


def test_json_ld_parses_and_escapes_hostile_titles(ranked_site):
    html = (ranked_site / "trich-ngoac" / "index.html").read_text("utf-8")
    page = soup(ranked_site / "trich-ngoac" / "index.html")
    block = page.select_one('script[type="application/ld+json"]')
    data = json.loads(block.string)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == 'Trích "ngoặc" </script><b>'
    assert data["datePublished"] == "2017-01-05T08:00:00+07:00"
    assert data["author"][0]["name"] == "Lan"
    assert data["publisher"]["@type"] == "Organization"
    assert html.count("</script>") == html.count("<script")  # the title closed no script


def test_pagination_labels_are_vietnamese(ranked_site):
    first = soup(ranked_site / "chu-de" / "thoi-su" / "index.html")
    assert first.select_one(".pager-pos").get_text() == "Trang 1/2"
    assert first.select_one(".pager a[rel=next]").get_text().strip() == "Trang sau ›"
    second = soup(ranked_site / "chu-de" / "thoi-su" / "trang" / "2" / "index.html")
    assert second.select_one(".pager-pos").get_text() == "Trang 2/2"
    assert second.select_one(".pager a[rel=prev]").get_text().strip() == "‹ Trang trước"


def test_article_page_has_the_newspaper_parts(site):
    page = soup(site / ARTICLE / "index.html")
    crumbs = _titles(page, ".breadcrumb a")
    assert crumbs == ["Trang chủ", "Nông thôn mới"]
    assert page.select_one(".sapo").get_text().startswith("(Baohatinh.vn) - ")
    dateline = page.select_one(".dateline").get_text(" ", strip=True)
    assert dateline.startswith("Thứ Tư, 08/02/2017 - 16:45 (GMT+7)")
    assert "Cập nhật Thứ Năm, 09/02/2017 - 08:30 (GMT+7)" in dateline
    assert page.select_one(".byline a").get_text() == "Minh Châu"
    assert "Hà Tĩnh" in _titles(page, ".tags a")
    captions = page.select(".story-body figure figcaption")
    credits = [caption.select_one(".credit").get_text() for caption in captions]
    assert credits and all(credit.startswith("Ảnh: ") for credit in credits)
    share = page.select_one(".share")
    assert share.select_one('a[href^="https://www.facebook.com/sharer/sharer.php?u="]')
    assert share.select_one('a[href^="mailto:?subject="]')
    assert share.select_one('[data-share="copy"]') and share.select_one('[data-share="native"]')
    assert page.select(".related .card-title a")
    robots = page.select_one('meta[name="robots"]')["content"]
    assert "max-image-preview:large" in robots
    assert page.select_one('meta[property="og:type"]')["content"] == "article"
    assert page.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"


def test_home_has_lead_latest_blocks_and_programme(site):
    page = soup(site / "index.html")
    lead = page.select_one(".lead-story")
    assert lead.select_one(".lead-title a")["href"].endswith(f"/{ARTICLE}/")
    assert lead.select_one("picture img")
    assert len(page.select(".home-side .headline-list li")) >= 5
    blocks = _titles(page, ".home-block .section-title a")
    assert {"Nông thôn mới", "Thời sự", "Kinh tế", "Văn hóa - Xã hội"} <= set(blocks)
    assert page.select_one(".programme-summary .timeline-item")


def test_no_script_from_another_host_and_share_script_is_small(site):
    for name in ("index.html", f"{ARTICLE}/index.html"):
        for script in soup(site / name).select("script[src]"):
            assert script["src"].startswith("/"), script["src"]
    assert (site / "theme" / "js" / "share.js").stat().st_size < 2000


def test_dark_mode_print_and_keyboard(browser, site_url):
    page = browser.new_page(color_scheme="dark")
    page.goto(f"{site_url}/{ARTICLE}/")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(20, 20, 20)"
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    box = page.locator(".skip-link").bounding_box()
    assert box["y"] >= 0  # the skip link comes into view when focused
    page.emulate_media(media="print")
    assert page.locator(".nav").is_hidden()
    assert page.locator(".share").is_hidden()
    assert page.locator(".story-body").is_visible()
    page.close()
