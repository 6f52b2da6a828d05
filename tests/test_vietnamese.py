"""Vietnamese text conventions, through a real build of a tiny site."""

import datetime as dt
import pickle
import unicodedata

import pytest
from conftest import build_site
from html_tools import soup
from pelican import signals
from tiny_site import tiny_content, write_article

from sitekit.date_input import DateRefused, read_date
from sitekit.dates import VIETNAM, dateline, iso
from sitekit.text import fold, slugify_vi


def test_slugs_turn_d_stroke_into_d():
    assert slugify_vi("Đoàn tham quan") == "doan-tham-quan"
    assert slugify_vi("  Hội nghị: 24/2 – Hà Tĩnh! ") == "hoi-nghi-24-2-ha-tinh"
    assert fold("HÀ TĨNH, Đà Nẵng") == "ha tinh, da nang"


@pytest.mark.parametrize(("text", "meant"), [
    ("08/02/2017 16:45", "2017-02-08T16:45:00+07:00"),
    ("8/2/2017", "2017-02-08T00:00:00+07:00"),
    ("8.2.2017 16h45", "2017-02-08T16:45:00+07:00"),
    ("11/2/17 09:00", "2017-02-11T09:00:00+07:00"),  # dateutil: 2 November
    ("02/11/2017", "2017-11-02T00:00:00+07:00"),  # dateutil: 11 February
    ("2017-02-08 16:45", "2017-02-08T16:45:00+07:00"),
    ("2017/2/8 9:05", "2017-02-08T09:05:00+07:00"),
    ("2017-02-08T09:45:00Z", "2017-02-08T16:45:00+07:00"),
])
def test_each_form_has_one_reading_day_first(text, meant):
    assert read_date(text).isoformat() == meant


@pytest.mark.parametrize(("text", "why"), [
    ("31/02/2017", "tháng 2/2017 chỉ có 28 ngày"),
    ("30/02/2016", "tháng 2/2016 chỉ có 29 ngày"),
    ("31/4/2017", "tháng 4/2017 chỉ có 30 ngày"),
    ("0/4/2017", "không có ngày 0"),
    ("2017-13-01", "không có tháng 13: một năm có 12 tháng"),
    ("1/1/0001", "năm 1 là trước năm 1900"),
    ("0001-01-01 09:00", "năm 1 là trước năm 1900"),
    ("11-02-17", "gạch ngang"),
    ("8/2/2017 24:30", "không có giờ 24:30"),
    ("8 February 2017", ""),
    ("Feb 8, 2017", ""),
])
def test_other_forms_are_refused_not_guessed(text, why):
    with pytest.raises(DateRefused) as refused:
        read_date(text)
    assert why in refused.value.why and bool(why) == bool(refused.value.why)


def test_a_leap_day_is_read_in_a_leap_year():
    assert read_date("29/2/2016").date().isoformat() == "2016-02-29"


def test_the_offset_is_plus_seven_in_every_year():
    # Asia/Ho_Chi_Minh itself says +07:06:30 before 1911, +09:00 in mid-1945, +08:00 in 1960
    for year, month in ((1905, 1), (1945, 6), (1960, 1), (2017, 2)):
        for moment in (dt.datetime(year, month, 8, 9, 0),
                       dt.datetime(year, month, 8, 9, 0, tzinfo=VIETNAM)):
            assert iso(moment) == f"{year}-{month:02d}-08T09:00:00+07:00"
            assert dateline(moment).endswith(f"{month:02d}/{year} - 09:00 (GMT+7)")
    # the same instant written in another zone is shown on the Vietnamese clock
    assert iso(dt.datetime(1945, 6, 8, 9, 0, tzinfo=dt.UTC)) == "1945-06-08T16:00:00+07:00"


def test_dateline_ignores_the_host_locale_and_time_zone(monkeypatch):
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


def _dated(title: str, date: str, extra: str = "") -> str:
    return f"Title: {title}\nDate: {date}\n{extra}Category: Thời sự\n\nThân bài.\n"


def _dateline(page) -> list[tuple[str, str]]:
    return [(t["datetime"], t.get_text()) for t in page.select(".dateline time")]


def test_the_build_reads_every_date_day_first_articles_drafts_pages_html(tmp_path):
    content = tiny_content(tmp_path)
    write_article(content, "hai-chu-so.md",
                  raw=_dated("Năm hai chữ số", "11/2/17 09:00", "Modified: 12/2/17 08:30\n"))
    write_article(content, "thang-11.md", raw=_dated("Tháng mười một", "02/11/2017 07:00"))
    write_article(content, "nam-1945.md", raw=_dated("Năm 1945", "1/6/1945 09:00"))
    write_article(content, "nhap.md", raw=_dated("Bài đang viết", "10/2/17 08:00",
                                                  "Status: draft\n"))
    (content / "articles" / "bai-html.html").write_text(
        '<html><head><title>Bài HTML</title><meta name="date" content="12/2/17 10:00">'
        '<meta name="category" content="Thời sự"></head><body><p>Thân.</p></body></html>',
        encoding="utf-8")
    (content / "pages" / "lich.md").write_text(
        "Title: Lịch\nSlug: lich\nDate: 11/2/17 09:00\n\nTrang.\n", encoding="utf-8")
    pages = {}

    def keep_page_dates(generator) -> None:  # pages show no date: ask Pelican's own objects
        pages.update({page.slug: getattr(page, "date", None) for page in generator.pages})

    signals.page_generator_finalized.connect(keep_page_dates)
    output = tmp_path / "output"
    build_site(output, content=content, drafts=True)

    def built(url: str):
        return soup(output / url / "index.html")

    assert _dateline(built("nam-hai-chu-so")) == [
        ("2017-02-11T09:00:00+07:00", "Thứ Bảy, 11/02/2017 - 09:00 (GMT+7)"),
        ("2017-02-12T08:30:00+07:00", "Chủ Nhật, 12/02/2017 - 08:30 (GMT+7)")]
    assert built("nam-hai-chu-so").select_one(
        'meta[property="article:published_time"]')["content"] == "2017-02-11T09:00:00+07:00"
    assert _dateline(built("thang-muoi-mot")) == [
        ("2017-11-02T07:00:00+07:00", "Thứ Năm, 02/11/2017 - 07:00 (GMT+7)")]
    # Asia/Ho_Chi_Minh was +09:00 then; the site's clock is UTC+7 in every year
    assert _dateline(built("nam-1945")) == [
        ("1945-06-01T09:00:00+07:00", "Thứ Sáu, 01/06/1945 - 09:00 (GMT+7)")]
    assert _dateline(built("ban-nhap/bai-dang-viet"))[0][0] == "2017-02-10T08:00:00+07:00"
    assert _dateline(built("bai-html"))[0][0] == "2017-02-12T10:00:00+07:00"
    assert iso(pages["lich"]) == "2017-02-11T09:00:00+07:00"


def test_a_date_cached_under_other_rules_is_read_again(tmp_path):
    content = tiny_content(tmp_path)
    write_article(content, "hai-chu-so.md", title="Năm hai chữ số", date="11/2/17 09:00")
    cache = tmp_path / "cache"
    build_site(tmp_path / "one", content=content, extra={"CACHE_PATH": str(cache)})
    # What an older reader left in Pelican's content cache: dateutil's 2 November, no stamp.
    stored = cache / "ArticlesGenerator-Readers"
    entries = pickle.loads(stored.read_bytes())
    for _stamp, (_body, metadata) in entries.values():
        assert metadata.pop("date_rules")
        if metadata["title"] == "Năm hai chữ số":
            metadata["date"] = dt.datetime(2017, 11, 2, 9, 0)
    stored.write_bytes(pickle.dumps(entries))
    build_site(tmp_path / "two", content=content, extra={"CACHE_PATH": str(cache)})
    page = soup(tmp_path / "two" / "nam-hai-chu-so" / "index.html")
    assert _dateline(page)[0][0] == "2017-02-11T09:00:00+07:00"
