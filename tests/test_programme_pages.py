"""The programme page, a page per session and per place, and articles linking sessions."""

import re

import pytest
from test_programme_support import build, page, write_site

LINKING = ("Xem [lịch phiên họp]({programme}hoi-nghi), [lộ trình]({programme}tham-quan#doan-2) "
           "và [cả chương trình]({programme}).")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("programme-pages")
    content = write_site(root, articles={
        "bai-co-lich.md": ("Bài dẫn tới phiên họp", LINKING),
        "bai-khong.md": ("Bài không dẫn", "Không có liên kết chương trình."),
    })
    return build(content, root / "output")


def _texts(elements) -> list[str]:
    return [" ".join(e.get_text(" ").split()) for e in elements]


def test_programme_page_is_the_day_as_a_time_line(site):
    doc = page(site, "chuong-trinh/")
    assert doc.h1.get_text(strip=True) == "Chương trình hội nghị"
    timeline = doc.select_one("ol.timeline")
    items = timeline.find_all("li", recursive=False)
    assert [li["id"] for li in items] == ["tham-quan", "hoi-nghi"]
    first = items[0].select_one(".timeline-time time")
    assert first["datetime"] == "2017-02-24T06:30:00+07:00"
    assert first.get_text() == "06:30"
    assert items[1]["data-end"] == "2017-02-24T11:30:00+07:00"
    # The plenary comes after the visits, with its place linked to the place page.
    plenary = items[1]
    assert plenary.select_one(".timeline-place a")["href"] == "/chuong-trinh/dia-diem/trung-tam/"


def test_delegations_are_parallel_routes_with_times_places_distances_and_totals(site):
    visit = page(site, "chuong-trinh/").select_one("li#tham-quan")
    routes = visit.select(".routes > section.route")
    assert [r["id"] for r in routes] == ["doan-1", "doan-2"]
    first, second = routes
    assert first.select_one(".route-name").get_text() == "Đoàn 1"
    stops = first.select(".route-stops > li")
    assert _texts(s.select_one(".stop-place") for s in stops) == [
        "Trung tâm Văn hóa – Điện ảnh Hà Tĩnh", "Vườn mẫu xã A (dự kiến)",
        "Trung tâm Văn hóa – Điện ảnh Hà Tĩnh"]
    assert _texts(s.select_one(".stop-distance") for s in stops) == [
        "Điểm xuất phát", "Cách điểm trước 5,8 km", "Cách điểm trước 6,1 km"]
    assert [t["datetime"] for t in stops[1].select(".stop-time time")] == [
        "2017-02-24T06:45:00+07:00", "2017-02-24T07:25:00+07:00"]
    assert first.select_one(".route-total").get_text(" ", strip=True) == "Tổng quãng đường: 11,9 km"
    assert second.select_one(".route-total strong").get_text() == "21,2 km"
    assert first.select_one(".route-calendar a")["href"] == "/lich/doan/doan-1.ics"


def test_headings_go_down_one_level_at_a_time(site):
    for url in ("chuong-trinh/", "chuong-trinh/phien/tham-quan/",
                "chuong-trinh/dia-diem/trung-tam/"):
        levels = [int(h.name[1]) for h in page(site, url).find_all(re.compile(r"^h[1-6]$"))]
        assert levels.count(1) == 1, url
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), (url, levels)


def test_session_page_lists_the_articles_that_link_it(site):
    doc = page(site, "chuong-trinh/phien/hoi-nghi/")
    assert doc.h1.get_text() == "Phiên toàn thể"
    linked = _texts(doc.select(".programme-articles .card-title"))
    assert linked == ["Bài dẫn tới phiên họp"]
    facts = " ".join(doc.select_one(".programme-facts").get_text(" ").split())
    assert "Thứ Sáu, 24/02/2017" in facts
    assert "Số 1 đường Thử, Thành phố Hà Tĩnh, Hà Tĩnh, Việt Nam" in facts
    assert doc.select_one(".programme-calendars a")["href"] == "/lich/phien/hoi-nghi.ics"
    visit = page(site, "chuong-trinh/phien/tham-quan/")
    assert _texts(visit.select(".programme-articles .card-title")) == ["Bài dẫn tới phiên họp"]
    assert [r["id"] for r in visit.select("section.route")] == ["doan-1", "doan-2"]


def test_article_links_become_session_urls(site):
    links = [a["href"] for a in page(site, "bai-dan-toi-phien-hop/").select(".story-body a")]
    assert links == ["/chuong-trinh/phien/hoi-nghi/", "/chuong-trinh/phien/tham-quan/#doan-2",
                     "/chuong-trinh/"]


def test_place_page_lists_its_sessions_and_stops(site):
    doc = page(site, "chuong-trinh/dia-diem/trung-tam/")
    assert doc.h1.get_text(strip=True) == "Trung tâm Văn hóa – Điện ảnh Hà Tĩnh"
    sections = {s.h2.get_text(): s for s in doc.select("section")}
    sessions = sections["Các phiên tại đây"].select("li a")
    assert [a["href"] for a in sessions] == ["/chuong-trinh/phien/hoi-nghi/"]
    stops = _texts(sections["Các đoàn dừng chân tại đây"].select("li"))
    assert stops == [
        "24/02/2017, Xuất phát 06:30 Đoàn 1", "24/02/2017, Xuất phát 06:30 Đoàn 2",
        "24/02/2017, Đến 07:50 Đoàn 1", "24/02/2017, Đến 08:40 Đoàn 2"]
    tentative = page(site, "chuong-trinh/dia-diem/vuon-a/")
    assert "dự kiến" in tentative.h1.get_text()
    assert tentative.select_one(".programme-note")


def test_estimates_are_said_on_the_page(site):
    doc = page(site, "chuong-trinh/")
    assert doc.select_one(".programme-note") is not None
    assert "dự kiến" in doc.select_one("#doan-1").get_text()


def test_a_site_under_a_sub_path_links_under_it(tmp_path):
    siteurl = "https://example.github.io/hoi-nghi-ntm"
    content = write_site(tmp_path, articles={"bai.md": ("Bài có lịch", LINKING)})
    output = build(content, tmp_path / "output", SITEURL=siteurl)
    doc = page(output, "chuong-trinh/")
    hrefs = [a["href"] for a in doc.select("main a")]
    assert hrefs and all(h.startswith(siteurl + "/") for h in hrefs), hrefs
    assert doc.select_one("script[src$='programme-now.js']")["src"] == (
        siteurl + "/theme/js/programme-now.js")
    article = page(output, "bai-co-lich/")
    assert article.select_one(".story-body a")["href"] == siteurl + "/chuong-trinh/phien/hoi-nghi/"


def test_a_content_tree_without_a_programme_still_builds(tmp_path):
    output = build(write_site(tmp_path, programme=None), tmp_path / "output")
    assert (output / "index.html").exists()
    assert not (output / "chuong-trinh").exists()
    assert not (output / "lich").exists()


def test_text_from_the_data_is_escaped(tmp_path):
    hostile = "Giao lưu <b>“Nông thôn mới”</b> & văn nghệ"
    data = write_site(tmp_path).joinpath("programme", "chuong-trinh.yaml")
    data.write_text(data.read_text("utf-8").replace("Phiên toàn thể", hostile), "utf-8")
    output = build(tmp_path / "content", tmp_path / "output")
    doc = page(output, "chuong-trinh/phien/hoi-nghi/")
    assert doc.h1.get_text() == hostile
    assert doc.h1.find("b") is None
