"""Vietnamese text conventions, through a real build of a tiny site."""

import unicodedata

from conftest import build_site
from html_tools import soup
from tiny_site import tiny_content, write_article

from plugins.vietnamese.dates import dateline, parse_day_first
from plugins.vietnamese.text import fold, slugify_vi


def test_slugs_turn_d_stroke_into_d():
    assert slugify_vi("Đoàn tham quan") == "doan-tham-quan"
    assert slugify_vi("  Hội nghị: 24/2 – Hà Tĩnh! ") == "hoi-nghi-24-2-ha-tinh"
    assert fold("HÀ TĨNH, Đà Nẵng") == "ha tinh, da nang"


def test_day_first_dates_as_editors_type_them():
    assert parse_day_first("08/02/2017 16:45").isoformat() == "2017-02-08T16:45:00"
    assert parse_day_first("8/2/2017").isoformat() == "2017-02-08T00:00:00"
    assert parse_day_first("31/02/2017") is None
    assert parse_day_first("2017-02-08") is None


def test_dateline_ignores_the_host_locale_and_time_zone(monkeypatch):
    import datetime as dt

    monkeypatch.setenv("TZ", "America/New_York")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    moment = dt.datetime(2017, 2, 8, 9, 45, tzinfo=dt.UTC)
    assert dateline(moment) == "Thứ Tư, 08/02/2017 - 16:45 (GMT+7)"


def test_decomposed_article_builds_to_composed_html_with_ascii_anchors(tmp_path):
    content = tiny_content(tmp_path)
    body = "## Đoàn 1\n\nĐoàn thứ nhất đi Thạch Hà.\n\n## Đường về\n\nTrở về thành phố."
    article = write_article(content, "nfd.md", title="Đoàn tham quan Hà Tĩnh", body=body,
                            date="08/02/2017 16:45")
    article.write_text(unicodedata.normalize("NFD", article.read_text("utf-8")), "utf-8")
    output = tmp_path / "output"
    build_site(output, content=content)
    page_file = output / "doan-tham-quan-ha-tinh" / "index.html"
    html = page_file.read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", html)
    page = soup(page_file)
    assert page.h1.get_text() == "Đoàn tham quan Hà Tĩnh"
    assert [h["id"] for h in page.select(".story-body h2")] == ["doan-1", "duong-ve"]
    assert page.select_one(".dateline time")["datetime"] == "2017-02-08T16:45:00+07:00"
    # the decomposed category must be the same chủ đề as a composed one, not a twin
    assert (output / "chu-de" / "thoi-su" / "index.html").exists()
    assert len(list((output / "chu-de").iterdir())) == 2  # thoi-su/ and the index
