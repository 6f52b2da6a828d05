"""schedule.xml and schedule.json for conference apps.

Valid against the published schemas (tests/data/schedule), faithful to the YAML, the same
on every build.
"""

import json
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import xmlschema
from referencing import Registry, Resource
from test_programme_support import PROGRAMME, build, page, write_site

DATA = Path(__file__).parent / "data" / "schedule"
SITEURL = "https://example.github.io/hoi-nghi-ntm"
TRICKY = 'Báo cáo "Nông thôn mới" & <đô thị>'

# The sample programme with the plenary written as 9:00 (the apps want 09:00) and one more
# session whose title holds every character XML escapes.
TEXT = PROGRAMME.replace('    start: "09:00"', '    start: "9:00"').replace(
    "delegations:\n", f"""  - id: bao-cao
    title: '{TRICKY}'
    kind: other
    start: "10:00"
    end: "10:45"
    place: khu-b
delegations:
""")


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The same content built twice, as two machines would, and once locally (no SITEURL)."""
    root = tmp_path_factory.mktemp("programme-schedule")
    content = write_site(root, programme=TEXT)
    first = build(content, root / "first", SITEURL=SITEURL)
    second = build(content, root / "second", SITEURL=SITEURL)
    local = build(content, root / "local")
    return first, second, local


def _xml(output) -> ET.Element:
    return ET.parse(output / "chuong-trinh" / "schedule.xml").getroot()


def _json(output) -> dict:
    return json.loads((output / "chuong-trinh" / "schedule.json").read_text(encoding="utf-8"))


def _xml_events(output) -> dict[str, ET.Element]:
    return {e.findtext("slug"): e for e in _xml(output).iter("event")}


def _json_events(output) -> dict[str, dict]:
    conference = _json(output)["schedule"]["conference"]
    return {e["slug"]: e for day in conference["days"] for events in day["rooms"].values()
            for e in events}


@pytest.mark.parametrize("which", [0, 2], ids=["published", "local"])
def test_xml_is_valid_against_the_published_xsd(builds, which):
    schema = xmlschema.XMLSchema(DATA / "schedule.xml.xsd")
    path = builds[which] / "chuong-trinh" / "schedule.xml"
    errors = [str(e) for e in schema.iter_errors(path)]
    assert errors == []


@pytest.mark.parametrize("which", [0, 2], ids=["published", "local"])
def test_json_is_valid_against_the_published_schema(builds, which):
    schema = json.loads((DATA / "schedule.json.schema.json").read_text(encoding="utf-8"))
    checker = jsonschema.Draft6Validator.FORMAT_CHECKER
    document = _json(builds[which])
    jsonschema.Draft6Validator(schema, format_checker=checker).validate(document)
    # The schema's day `rooms` puts `items` on an object, which checks nothing: apply its
    # Event definition to every event here.
    registry = Registry().with_resource(schema["$id"], Resource.from_contents(schema))
    event = jsonschema.Draft6Validator({"$ref": schema["$id"] + "#/definitions/Event"},
                                       registry=registry, format_checker=checker)
    events = list(_json_events(builds[which]).values())
    assert len(events) == 4
    for item in events:
        event.validate(item)


def test_a_bad_event_is_caught_by_that_check(builds):
    # The check above can fail: an event without a guid, or with a number as title, is refused.
    schema = json.loads((DATA / "schedule.json.schema.json").read_text(encoding="utf-8"))
    registry = Registry().with_resource(schema["$id"], Resource.from_contents(schema))
    event = jsonschema.Draft6Validator({"$ref": schema["$id"] + "#/definitions/Event"},
                                       registry=registry)
    good = next(iter(_json_events(builds[0]).values()))
    assert event.is_valid(good)
    assert not event.is_valid({k: v for k, v in good.items() if k != "guid"})
    assert not event.is_valid({**good, "title": 7})


def test_conference_rooms_and_days_come_from_the_yaml(builds):
    conference = _json(builds[0])["schedule"]["conference"]
    assert conference["acronym"] == "hoi-nghi-thu"
    assert conference["title"] == "Hội nghị thử nghiệm"
    assert (conference["start"], conference["end"]) == ("2017-02-24", "2017-02-24")
    assert conference["time_zone_name"] == "Asia/Ho_Chi_Minh"
    # Places that hold an event: the venue (plenary, both departures) and khu-b (bao-cao).
    assert [r["name"] for r in conference["rooms"]] == [
        "Trung tâm Văn hóa – Điện ảnh Hà Tĩnh", "Khu dân cư kiểu mẫu B"]
    (day,) = conference["days"]
    assert (day["index"], day["date"]) == (1, "2017-02-24")
    assert day["day_start"] == "2017-02-24T06:30:00+07:00"
    assert day["day_end"] == "2017-02-24T11:30:00+07:00"
    xml_conference = _xml(builds[0]).find("conference")
    assert xml_conference.findtext("acronym") == "hoi-nghi-thu"
    assert xml_conference.findtext("days") == "1"
    assert [d.get("date") for d in _xml(builds[0]).iter("day")] == ["2017-02-24"]


def test_sessions_become_events_with_padded_start_and_duration(builds):
    for events in (_xml_events(builds[0]), _json_events(builds[0])):
        plenary = events["hoi-nghi-thu-hoi-nghi"]
        get = plenary.findtext if isinstance(plenary, ET.Element) else plenary.get
        assert get("title") == "Phiên toàn thể"
        assert get("start") == "09:00"  # written 9:00 in the YAML
        assert get("duration") == "2:30"  # 09:00 – 11:30
        assert get("date") == "2017-02-24T09:00:00+07:00"
        assert get("room") == "Trung tâm Văn hóa – Điện ảnh Hà Tĩnh"
        assert get("language") == "vi"
        assert get("url") == SITEURL + "/chuong-trinh/phien/hoi-nghi/"
        assert get("type") == "Phiên toàn thể"
        assert "Hơn 400 đại biểu dự." in get("abstract")
    assert set(_xml_events(builds[0])) == set(_json_events(builds[0])) == {
        "hoi-nghi-thu-tham-quan-doan-1", "hoi-nghi-thu-tham-quan-doan-2",
        "hoi-nghi-thu-hoi-nghi", "hoi-nghi-thu-bao-cao"}
    for slug in _json_events(builds[0]):
        assert slug.isascii()


def test_a_visit_with_two_delegations_is_two_events_with_their_routes(builds):
    events = _json_events(builds[0])
    one, two = events["hoi-nghi-thu-tham-quan-doan-1"], events["hoi-nghi-thu-tham-quan-doan-2"]
    assert one["guid"] != two["guid"]
    assert one["id"] != two["id"]
    assert one["title"] == "Tham quan thực tế – Đoàn 1"
    assert (one["start"], one["duration"]) == ("06:30", "1:20")  # 06:30 → 07:50
    assert (two["start"], two["duration"]) == ("06:30", "2:10")  # 06:30 → 08:40
    assert one["room"] == "Trung tâm Văn hóa – Điện ảnh Hà Tĩnh"  # where it leaves from
    assert two["url"] == SITEURL + "/chuong-trinh/phien/tham-quan/#doan-2"
    route = two["abstract"].splitlines()
    assert route[0].startswith("1. 06:30") and "Trung tâm Văn hóa" in route[0]
    assert route[1].startswith("2. 06:50–07:35 Khu dân cư kiểu mẫu B") and "12,5 km" in route[1]
    assert route[2].startswith("3. 08:40") and "8,7 km" in route[2]
    assert route[3] == "Tổng quãng đường: 21,2 km."


def test_guids_are_uuids_stable_across_builds_and_shared_by_both_files(builds):
    first, second, _ = builds
    guids = {slug: e["guid"] for slug, e in _json_events(first).items()}
    assert guids == {slug: e["guid"] for slug, e in _json_events(second).items()}
    assert guids == {slug: e.get("guid") for slug, e in _xml_events(first).items()}
    assert len(set(guids.values())) == len(guids)
    assert all(uuid.UUID(g).version == 5 for g in guids.values())
    ids = {slug: e["id"] for slug, e in _json_events(first).items()}
    assert ids == {slug: e["id"] for slug, e in _json_events(second).items()}
    for name in ("schedule.xml", "schedule.json"):
        assert (first / "chuong-trinh" / name).read_bytes() == (
            second / "chuong-trinh" / name).read_bytes()


def test_xml_special_characters_in_a_title_stay_well_formed(builds):
    raw = (builds[0] / "chuong-trinh" / "schedule.xml").read_text(encoding="utf-8")
    assert "&amp;" in raw and "&lt;đô thị&gt;" in raw
    event = _xml_events(builds[0])["hoi-nghi-thu-bao-cao"]  # the parse itself is the proof
    assert event.findtext("title") == TRICKY
    assert _json_events(builds[0])["hoi-nghi-thu-bao-cao"]["title"] == TRICKY


def test_a_local_build_leaves_web_addresses_relative(builds):
    local = builds[2]
    assert _json_events(local)["hoi-nghi-thu-hoi-nghi"]["url"] == "/chuong-trinh/phien/hoi-nghi/"
    assert _xml_events(local)["hoi-nghi-thu-hoi-nghi"].find("url") is None  # http(s) only
    # The guids do not depend on where the site is served.
    assert {s: e["guid"] for s, e in _json_events(local).items()} == {
        s: e["guid"] for s, e in _json_events(builds[0]).items()}


def test_programme_page_links_both_files_beside_the_calendar(builds):
    document = page(builds[0], "chuong-trinh/")
    (apps,) = document.select("p.programme-apps")
    assert apps.get_text().startswith("Mở trong ứng dụng lịch hội nghị")
    assert [a["href"] for a in apps.find_all("a")] == [
        SITEURL + "/chuong-trinh/schedule.xml", SITEURL + "/chuong-trinh/schedule.json"]
    ics = document.select_one("p.programme-calendars a[type='text/calendar']")
    assert apps.find_previous_sibling("p") == ics.parent


def test_characters_no_xml_file_may_hold_are_dropped_not_fatal(tmp_path):
    # A double-quoted YAML string can spell a lone surrogate or U+FFFE: neither is a character
    # of XML (nor can UTF-8 hold the first); the build goes on without them.
    text = PROGRAMME.replace("title: Phiên toàn thể", 'title: "Phiên\\ud800 toàn\\ufffe thể"')
    output = build(write_site(tmp_path, programme=text), tmp_path / "output", SITEURL=SITEURL)
    titles = [e.findtext("title") for e in _xml(output).iter("event")]
    assert "Phiên toàn thể" in titles
    assert _json_events(output)["hoi-nghi-thu-hoi-nghi"]["title"] == "Phiên toàn thể"
