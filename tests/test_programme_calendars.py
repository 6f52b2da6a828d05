"""Calendars: the whole programme, each session, each route; stable and byte-identical."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from test_programme_support import build, write_site

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
SITEURL = "https://example.github.io/hoi-nghi-ntm"


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    """The same content built twice into two folders, as two machines would."""
    root = tmp_path_factory.mktemp("programme-ics")
    content = write_site(root)
    first = build(content, root / "first", SITEURL=SITEURL)
    second = build(content, root / "second", SITEURL=SITEURL)
    return first, second


def _calendar(output, name) -> Calendar:
    return Calendar.from_ical((output / "lich" / name).read_bytes())


def _events(calendar):
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_every_calendar_is_byte_identical_across_builds(two_builds):
    first, second = two_builds
    files = sorted(p.relative_to(first) for p in (first / "lich").rglob("*.ics"))
    assert [str(p) for p in files] == [
        "lich/doan/doan-1.ics", "lich/doan/doan-2.ics", "lich/phien/hoi-nghi.ics",
        "lich/phien/tham-quan.ics", "lich/programme.ics"]
    for path in files:
        assert (first / path).read_bytes() == (second / path).read_bytes(), path


def test_whole_programme_calendar_holds_sessions_and_stops(two_builds):
    events = _events(_calendar(two_builds[0], "programme.ics"))
    assert set(events) == {
        "phien-tham-quan@hoi-nghi-thu", "phien-hoi-nghi@hoi-nghi-thu",
        "diem-dung-doan-1-trung-tam-1@hoi-nghi-thu", "diem-dung-doan-1-vuon-a-1@hoi-nghi-thu",
        "diem-dung-doan-1-trung-tam-2@hoi-nghi-thu", "diem-dung-doan-2-trung-tam-1@hoi-nghi-thu",
        "diem-dung-doan-2-khu-b-1@hoi-nghi-thu", "diem-dung-doan-2-trung-tam-2@hoi-nghi-thu"}


def test_session_times_are_in_vietnam_time_with_a_vtimezone(two_builds):
    calendar = _calendar(two_builds[0], "phien/hoi-nghi.ics")
    zones = calendar.walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == ["Asia/Ho_Chi_Minh"]
    (event,) = calendar.walk("VEVENT")
    assert event["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start.utcoffset() == dt.timedelta(hours=7)
    assert start.astimezone(dt.UTC) == dt.datetime(2017, 2, 24, 2, 0, tzinfo=dt.UTC)
    assert end == dt.datetime(2017, 2, 24, 11, 30, tzinfo=VIETNAM)
    # The instant matches the zone's rules, not only the label.
    offset = next(s for s in zones[0].walk("STANDARD") if s.decoded("DTSTART").year >= 1975)
    assert offset.decoded("TZOFFSETTO") == dt.timedelta(hours=7)


def test_session_event_has_location_with_address_url_and_fixed_stamp(two_builds):
    (event,) = _calendar(two_builds[0], "phien/hoi-nghi.ics").walk("VEVENT")
    assert str(event["SUMMARY"]) == "Phiên toàn thể"
    assert str(event["UID"]) == "phien-hoi-nghi@hoi-nghi-thu"
    assert str(event["LOCATION"]) == (
        "Trung tâm Văn hóa – Điện ảnh Hà Tĩnh, Số 1 đường Thử, Thành phố Hà Tĩnh, Hà Tĩnh, "
        "Việt Nam")
    assert str(event["URL"]) == SITEURL + "/chuong-trinh/phien/hoi-nghi/"
    # DTSTAMP comes from `updated: 2017-02-09 08:00` (Vietnam time), written in UTC.
    assert event.decoded("DTSTAMP") == dt.datetime(2017, 2, 9, 1, 0, tzinfo=dt.UTC)


def test_each_route_is_a_calendar_of_its_stops_in_order(two_builds):
    calendar = _calendar(two_builds[0], "doan/doan-2.ics")
    stops = calendar.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in stops] == [
        "Đoàn 2 xuất phát: Trung tâm Văn hóa – Điện ảnh Hà Tĩnh",
        "Đoàn 2: Khu dân cư kiểu mẫu B",
        "Đoàn 2 đến: Trung tâm Văn hóa – Điện ảnh Hà Tĩnh"]
    visit = stops[1]
    assert visit.decoded("DTSTART") == dt.datetime(2017, 2, 24, 6, 50, tzinfo=VIETNAM)
    assert visit.decoded("DTEND") == dt.datetime(2017, 2, 24, 7, 35, tzinfo=VIETNAM)
    assert str(visit["LOCATION"]) == (
        "Khu dân cư kiểu mẫu B, Thôn 3, xã C, huyện D, Hà Tĩnh, Việt Nam")
    assert "12,5 km" in str(visit["DESCRIPTION"])
    assert str(visit["URL"]) == SITEURL + "/chuong-trinh/phien/tham-quan/#doan-2"


def test_uids_do_not_change_when_times_change(tmp_path, two_builds):
    content = write_site(tmp_path)
    data = content / "programme" / "chuong-trinh.yaml"
    data.write_text(data.read_text("utf-8").replace('"09:00"', '"09:15"'), "utf-8")
    moved = build(content, tmp_path / "output", SITEURL=SITEURL)
    before = _events(_calendar(two_builds[0], "programme.ics"))
    after = _events(_calendar(moved, "programme.ics"))
    assert set(before) == set(after)
    uid = "phien-hoi-nghi@hoi-nghi-thu"
    moved_by = after[uid].decoded("DTSTART") - before[uid].decoded("DTSTART")
    assert moved_by == dt.timedelta(minutes=15)
