"""The sample programme in content/programme/, as the built sample site shows it."""

from collections import Counter

from icalendar import Calendar
from test_programme_support import event_ld, page


def test_sample_programme_tells_the_day_from_the_seed(site):
    doc = page(site, "chuong-trinh/")
    items = doc.select("ol.timeline > li")
    kinds = [li["class"][1] for li in items]
    assert kinds[0] == "kind-visit"  # the site visits come before the plenary
    assert {"kind-plenary", "kind-screening", "kind-performance"} <= set(kinds)
    assert all(li["data-start"].startswith("2017-02-24T") for li in items)
    venue = doc.select_one("li.kind-plenary .timeline-place").get_text(strip=True)
    assert venue == "Trung tâm Văn hóa – Điện ảnh Hà Tĩnh"
    assert "400" in doc.select_one("main").get_text()
    routes = doc.select("li.kind-visit section.route")
    assert [r.select_one(".route-name").get_text() for r in routes] == ["Đoàn 1", "Đoàn 2"]
    for route in routes:
        distances = [s.get_text() for s in route.select(".stop-distance")][1:]
        assert distances and all(d.startswith("Cách điểm trước ") and d.endswith(" km")
                                 for d in distances)
        assert route.select_one(".route-total strong").get_text().endswith(" km")
    # Times and places the seed does not give are said to be estimates.
    assert doc.select_one(".programme-note")
    assert doc.select(".tentative")


def test_sample_programme_page_markup_is_sound(site):
    doc = page(site, "chuong-trinh/")
    ids = Counter(tag["id"] for tag in doc.find_all(id=True))
    assert [i for i, n in ids.items() if n > 1] == []
    for time in doc.select("main time"):
        assert time["datetime"].endswith("+07:00"), time
    for link in doc.select("main a"):
        assert link.get_text(strip=True), link
    labelled = [s["aria-labelledby"] for s in doc.select("section[aria-labelledby]")]
    assert all(doc.find(id=i) is not None for i in labelled)
    document = event_ld(doc)
    assert len(document["subEvent"]) == len(doc.select("ol.timeline > li"))


def test_sample_calendars_and_pages_exist_for_every_session_and_route(site):
    calendar = Calendar.from_ical((site / "lich" / "programme.ics").read_bytes())
    sessions = [e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("phien-")]
    for event in sessions:
        url = str(event["URL"])
        assert (site / url.lstrip("/") / "index.html").exists(), url
        session_id = str(event["UID"]).removeprefix("phien-").split("@")[0]
        assert (site / "lich" / "phien" / f"{session_id}.ics").exists()
    assert sorted(p.name for p in (site / "lich" / "doan").iterdir()) == ["doan-1.ics",
                                                                          "doan-2.ics"]
