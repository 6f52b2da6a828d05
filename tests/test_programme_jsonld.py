"""schema.org Event JSON-LD on the programme page and on each session page."""

import pytest
from test_programme_support import build, event_ld, page, write_site

SITEURL = "https://example.github.io/hoi-nghi-ntm"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("programme-jsonld")
    return build(write_site(root), root / "output", SITEURL=SITEURL)


def _check_event(node: dict) -> None:
    assert node["@type"] == "Event"
    assert node["startDate"].endswith("+07:00") and node["endDate"].endswith("+07:00")
    assert node["startDate"] <= node["endDate"]  # equal for a departure-only stop
    assert node["eventStatus"] == "https://schema.org/EventScheduled"
    assert node["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert node["organizer"] == {"@type": "Organization", "name": "Văn phòng Điều phối thử",
                                 "url": "https://example.org/vpdp"}
    places = node["location"] if isinstance(node["location"], list) else [node["location"]]
    for place in places:
        assert place["@type"] == "Place"
        assert place["address"]["@type"] == "PostalAddress"
        assert place["address"]["addressCountry"] == "VN"


def test_programme_page_has_the_event_with_its_sessions_as_sub_events(site):
    document = event_ld(page(site, "chuong-trinh/"))
    assert document["@context"] == "https://schema.org"
    _check_event(document)
    assert document["name"] == "Hội nghị thử nghiệm"
    assert document["startDate"] == "2017-02-24T06:30:00+07:00"
    assert document["url"] == SITEURL + "/chuong-trinh/"
    assert document["location"]["address"] == {
        "@type": "PostalAddress", "streetAddress": "Số 1 đường Thử",
        "addressLocality": "Thành phố Hà Tĩnh", "addressRegion": "Hà Tĩnh",
        "addressCountry": "VN"}
    subs = document["subEvent"]
    assert [s["name"] for s in subs] == ["Tham quan thực tế", "Phiên toàn thể"]
    for sub in subs:
        _check_event(sub)
    visit_stops = subs[0]["subEvent"]
    assert [s["location"]["name"] for s in visit_stops][:2] == [
        "Trung tâm Văn hóa – Điện ảnh Hà Tĩnh", "Vườn mẫu xã A"]
    for stop in visit_stops:
        _check_event(stop)


def test_session_page_has_its_event_within_the_conference(site):
    document = event_ld(page(site, "chuong-trinh/phien/hoi-nghi/"))
    _check_event(document)
    assert document["name"] == "Phiên toàn thể"
    assert (document["startDate"], document["endDate"]) == (
        "2017-02-24T09:00:00+07:00", "2017-02-24T11:30:00+07:00")
    assert document["url"] == SITEURL + "/chuong-trinh/phien/hoi-nghi/"
    assert document["location"]["geo"] == {"@type": "GeoCoordinates", "latitude": 18.3425,
                                           "longitude": 105.9055}
    assert document["superEvent"]["name"] == "Hội nghị thử nghiệm"


def test_a_title_that_closes_the_script_stays_inside_the_json(tmp_path):
    hostile = "Phiên </script><script>alert(1)</script> toàn thể"
    content = write_site(tmp_path)
    data = content / "programme" / "chuong-trinh.yaml"
    data.write_text(data.read_text("utf-8").replace("title: Phiên toàn thể",
                                                     f"title: '{hostile}'"), "utf-8")
    output = build(content, tmp_path / "output")
    raw = (output / "chuong-trinh" / "phien" / "hoi-nghi" / "index.html").read_text("utf-8")
    assert "alert(1)</script>" not in raw
    doc = page(output, "chuong-trinh/phien/hoi-nghi/")
    assert all("alert" not in (s.string or "") for s in doc.find_all("script")
               if s.get("type") != "application/ld+json")
    document = event_ld(doc)
    assert document["name"] == hostile
