"""Route maps drawn at build time, and the place pages' "Chỉ đường" links.

One line per delegation, stops numbered as on the route cards, the venue, a true scale bar,
labels that hide nothing, no request to another host.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from itertools import combinations
from pathlib import Path

import pytest
import yaml
from conftest import serve_folder
from test_programme_support import build, page, write_site

from plugins.programme import place_links, route_labels, route_map
from plugins.programme.model import Address, Delegation, Place, Stop, Where

GEO = {
    "trung-tam": (18.3425, 105.9055),
    "vuon-a": (18.3705, 105.8905),
    "khu-b": (18.3310, 105.8640),
    "xa-c": (18.2620, 105.9330),
    "vuon-d": (18.2930, 105.9120),
}
HOSTILE = 'Vườn <b>“A”</b> & <script>x</script>'

PROGRAMME = f"""\
event:
  id: hoi-nghi-ban-do
  name: Hội nghị thử bản đồ
  start: 24/02/2017 06:30
  end: 24/02/2017 11:30
  organizer:
    name: Văn phòng thử
  venue: trung-tam
  updated: 2017-02-09 08:00
places:
  trung-tam:
    name: Trung tâm Văn hóa – Điện ảnh Hà Tĩnh
    address: Thành phố Hà Tĩnh
    geo: [{GEO["trung-tam"][0]}, {GEO["trung-tam"][1]}]
  vuon-a:
    name: '{HOSTILE}'
    address: Xã A
    geo: [{GEO["vuon-a"][0]}, {GEO["vuon-a"][1]}]
  khu-b:
    name: Khu dân cư kiểu mẫu xã Thạch Đài
    address: Xã B
    geo: [{GEO["khu-b"][0]}, {GEO["khu-b"][1]}]
  xa-c:
    name: Xã nông thôn mới kiểu mẫu Cẩm Bình
    address: Xã C
    geo: [{GEO["xa-c"][0]}, {GEO["xa-c"][1]}]
  vuon-d:
    name: Vườn mẫu xã Cẩm Vịnh
    address: Xã D
    geo: [{GEO["vuon-d"][0]}, {GEO["vuon-d"][1]}]
  nha-e:
    name: Nhà văn hoá thôn E chưa định vị
    address: Thôn E
sessions:
  - id: tham-quan
    title: Tham quan
    kind: visit
    start: "06:30"
    end: "08:40"
  - id: hoi-nghi
    title: Phiên toàn thể
    kind: plenary
    start: "09:00"
    end: "11:30"
    place: trung-tam
delegations:
  - id: doan-1
    name: Đoàn 1
    session: tham-quan
    stops:
      - {{place: trung-tam, depart: "06:30"}}
      - {{place: vuon-a, arrive: "06:45", depart: "07:25", distance_km: 5.8}}
      - {{place: khu-b, arrive: "07:45", depart: "08:25", distance_km: 9.4}}
      - {{place: trung-tam, arrive: "08:40", distance_km: 6.1}}
  - id: doan-2
    name: Đoàn 2
    session: tham-quan
    stops:
      - {{place: trung-tam, depart: "06:30"}}
      - {{place: xa-c, arrive: "06:50", depart: "07:35", distance_km: 12.5}}
      - {{place: nha-e, arrive: "07:40", depart: "07:45", distance_km: 1}}
      - {{place: vuon-d, arrive: "07:55", depart: "08:20", distance_km: 4.3}}
      - {{place: trung-tam, arrive: "08:40", distance_km: 8.7}}
  - id: doan-3
    name: Đoàn 3
    session: tham-quan
    stops:
      - {{place: trung-tam, depart: "06:30"}}
      - {{place: vuon-d, arrive: "06:50", depart: "07:20", distance_km: 4}}
      - {{place: khu-b, arrive: "07:50", depart: "08:10", distance_km: 9}}
      - {{place: trung-tam, arrive: "08:40", distance_km: 6}}
"""
DELEGATIONS = ["doan-1", "doan-2", "doan-3"]
SVG = re.compile(r'<svg class="route-map-svg".*?</svg>', re.S)


@pytest.fixture(scope="module")
def output(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("route-map")
    assert yaml.safe_load(PROGRAMME)["places"]["vuon-a"]["name"] == HOSTILE
    return build(write_site(root, PROGRAMME), root / "output")


def svgs(output: Path, url: str) -> list[ET.Element]:
    """Every route map of a page, parsed as XML (so unescaped text would fail here)."""
    path = output / url / "index.html"
    return [ET.fromstring(text) for text in SVG.findall(path.read_text(encoding="utf-8"))]


@pytest.fixture(scope="module")
def svg(output) -> ET.Element:
    (found,) = svgs(output, "chuong-trinh/phien/tham-quan")
    return found


def route_cards(output: Path) -> dict[str, list[str]]:
    """The place id of each stop, in the order the page lists them, per delegation."""
    document = page(output, "chuong-trinh/phien/tham-quan/")
    return {d: [a["href"].rstrip("/").rsplit("/", 1)[-1]
                for a in document.select(f"section#{d} li.stop .stop-place a")]
            for d in DELEGATIONS}


def haversine(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_one_line_per_delegation_in_distinct_colours_and_dashes(svg):
    lines = svg.findall("polyline")
    assert [line.get("data-delegation") for line in lines] == DELEGATIONS
    strokes = [line.get("stroke") for line in lines]
    dashes = [line.get("stroke-dasharray", "") for line in lines]
    assert len(set(strokes)) == 3 and len(set(dashes)) == 3
    (paper,) = svg.findall("rect")
    for stroke in strokes:
        assert contrast(stroke, paper.get("fill")) >= 3, stroke


def test_every_style_is_readable_on_the_figure_and_under_white_numbers():
    assert len({s.colour for s in route_map.STYLES}) == len(route_map.STYLES)
    assert len({s.dash for s in route_map.STYLES}) == len(route_map.STYLES)
    for style in route_map.STYLES:
        assert contrast(style.colour, "#ffffff") >= 4.5, style


def test_markers_are_numbered_as_the_route_cards(output, svg):
    cards = route_cards(output)
    assert cards["doan-2"][2] == "nha-e"  # listed on the card, not drawn (no geo)
    colours = {line.get("data-delegation"): line.get("stroke") for line in svg.iter("polyline")}
    for delegation in DELEGATIONS:
        markers = [g for g in svg.iter("g") if g.get("class") == "stop-marker"
                   and g.get("data-delegation") == delegation]
        drawn = sorted((int(g.get("data-stop")), g.get("data-place")) for g in markers)
        expected = [(n, place) for n, place in enumerate(cards[delegation], start=1)
                    if place != "nha-e"]
        assert drawn == expected
        for g in markers:
            assert g.find("text").text == g.get("data-stop")
            assert g.find("circle").get("fill") == colours[delegation]


def test_the_lines_go_through_the_stops_in_route_order(output, svg):
    where = {g.get("data-place"): (float(g.get("data-x")), float(g.get("data-y")))
             for g in svg.iter("g") if "map-place" in (g.get("class") or "")}
    for line in svg.iter("polyline"):
        points = [tuple(map(float, p.split(","))) for p in line.get("points").split()]
        places = [p for p in route_cards(output)[line.get("data-delegation")] if p != "nha-e"]
        assert len(points) == len(places)
        for point, place in zip(points, places, strict=True):  # side by side, close to it
            assert math.dist(point, where[place]) <= route_map.LINE_SHIFT * 1.5


def test_the_venue_is_marked(svg):
    (venue,) = [g for g in svg.iter("g") if "map-venue" in (g.get("class") or "")]
    assert venue.get("data-place") == "trung-tam"
    assert venue.find("path") is not None  # the diamond, drawn at the place itself


def test_the_scale_bar_measures_true_distances(svg):
    (bar,) = [g for g in svg.iter("g") if g.get("class") == "scale-bar"]
    label = bar.find("text").text
    match = re.fullmatch(r"([\d.]+(?:,\d+)?) km", label)
    assert match, label
    km = float(match[1].replace(".", "").replace(",", "."))
    assert km in {1, 2, 5, 10, 20, 50, 0.5, 0.2, 0.1}  # a round length
    drawn = re.fullmatch(r"M([\d.]+) [\d.]+V[\d.]+H([\d.]+)V[\d.]+", bar.find("path").get("d"))
    km_per_unit = km / (float(drawn[2]) - float(drawn[1]))
    where = {g.get("data-place"): (float(g.get("data-x")), float(g.get("data-y")))
             for g in svg.iter("g") if "map-place" in (g.get("class") or "")}
    assert set(where) == set(GEO)
    for a, b in combinations(GEO, 2):
        measured = math.dist(where[a], where[b]) * km_per_unit
        assert measured == pytest.approx(haversine(GEO[a], GEO[b]), rel=0.05), (a, b)


def test_labels_overlap_nothing_and_stay_inside(svg):
    width, height = map(float, svg.get("viewBox").split()[2:])
    labels = [g for g in svg.iter("text") if g.get("class") == "map-label"]
    boxes = [route_labels.Box(*map(float, t.get("data-box").split())) for t in labels]
    assert {t.get("data-place") for t in labels} == set(GEO)  # room for every name here
    circles = [g.find("circle") for g in svg.iter("g") if g.get("class") == "stop-marker"]
    r = route_map.MARKER_R
    markers = [route_labels.Box(float(c.get("cx")) - r, float(c.get("cy")) - r, 2 * r, 2 * r)
               for c in circles]
    for box in boxes:
        assert box.inside(width, height)
        assert not any(box.overlaps(m) for m in markers)
    assert not any(a.overlaps(b) for a, b in combinations(boxes, 2))


def test_no_url_and_content_text_escaped(svg, output):
    html = (output / "chuong-trinh/phien/tham-quan/index.html").read_text(encoding="utf-8")
    for text in SVG.findall(html):
        assert not re.search(r"https?:", text)
        assert "<script>" not in text and "&lt;script&gt;" in text
    assert svg.find(".//b") is None and svg.find(".//script") is None
    (label,) = [t for t in svg.iter("text") if t.get("data-place") == "vuon-a"]
    assert " ".join(span.text for span in label) == HOSTILE
    assert HOSTILE in svg.find("desc").text


def test_a_place_without_geo_is_listed_below_not_drawn(output, svg):
    assert not [g for g in svg.iter("g") if g.get("data-place") == "nha-e"]
    document = page(output, "chuong-trinh/phien/tham-quan/")
    (missing,) = document.select(".route-map-missing")
    assert missing.get_text(" ", strip=True).startswith("Chưa có toạ độ:")
    assert "Nhà văn hoá thôn E chưa định vị" in missing.get_text()
    assert missing.a["href"].endswith("chuong-trinh/dia-diem/nha-e/")


def test_a_screen_reader_gets_each_route(svg):
    title_id, desc_id = svg.get("aria-labelledby").split()
    assert svg.get("role") == "img"
    (title,) = [t for t in svg.iter("title") if t.get("id") == title_id]
    (desc,) = [t for t in svg.iter("desc") if t.get("id") == desc_id]
    assert "Đoàn 1, Đoàn 2, Đoàn 3" in title.text
    assert ("Đoàn 2 (cam đất, nét gạch): 1. Trung tâm Văn hóa – Điện ảnh Hà Tĩnh; "
            "2. Xã nông thôn mới kiểu mẫu Cẩm Bình; 3. Nhà văn hoá thôn E chưa định vị "
            "(không vẽ); 4. Vườn mẫu xã Cẩm Vịnh; 5. Trung tâm") in desc.text


def test_the_programme_page_shows_the_same_map(output, svg):
    (on_programme,) = svgs(output, "chuong-trinh")
    ids = [e.get("id") for e in on_programme.iter() if e.get("id")]
    assert ids == [e.get("id") for e in svg.iter() if e.get("id")]
    document = page(output, "chuong-trinh/")
    assert document.select_one("#tham-quan figure.route-map svg")


def test_place_pages_link_directions(output):
    link = {a["href"] for a in page(output, "chuong-trinh/dia-diem/khu-b/").select(".place-map a")}
    assert link == {"geo:18.331,105.864",
                    "https://www.openstreetmap.org/?mlat=18.331&mlon=105.864#map=15/18.331/105.864"}
    assert page(output, "chuong-trinh/dia-diem/nha-e/").select(".place-map a") == []


def test_direction_links_write_coordinates_plainly():
    found = place_links.directions(_place("x", (-8.5, 115.250000)))
    assert found.geo_uri == "geo:-8.5,115.25"
    assert found.osm_url == "https://www.openstreetmap.org/?mlat=-8.5&mlon=115.25#map=15/-8.5/115.25"
    assert place_links.directions(_place("y", None)) is None


def test_no_map_when_fewer_than_two_places_have_geo(tmp_path):
    lone = re.sub(r"    geo: \[.*\]\n", "", PROGRAMME)
    output = build(write_site(tmp_path, lone), tmp_path / "output")
    assert svgs(output, "chuong-trinh/phien/tham-quan") == []
    assert page(output, "chuong-trinh/phien/tham-quan/").select(".route-map-missing") == []


# The layout itself, on made-up places.

def _place(ident: str, geo: tuple[float, float] | None, name: str = "") -> Place:
    return Place(ident, name or f"Địa điểm thử có tên khá dài {ident}", Address(),
                 Where("x.yaml", 1), geo=geo)


def _delegation(ident: str, places: list[Place]) -> Delegation:
    delegation = Delegation(ident, ident, Where("x.yaml", 1))
    delegation.stops = [Stop(p, Where("x.yaml", 1), None, None, number=n, delegation=delegation)
                        for n, p in enumerate(places, start=1)]
    return delegation


def test_crowded_labels_never_overlap_and_the_rest_stay_unlabelled():
    # Twelve places within a few hundred metres, far from two others: not every name fits.
    crowd = [_place(f"p{n}", (18.30 + 0.002 * (n % 4), 105.90 + 0.002 * (n // 4)))
             for n in range(12)]
    far = [_place("bac", (18.45, 105.95)), _place("nam", (18.20, 105.85))]
    layout = route_map.build("thu", [_delegation("d1", crowd[:6] + far),
                                     _delegation("d2", crowd[6:])], None)
    boxes = [label.box for label in layout.labels]
    assert layout.unlabelled and len(layout.labels) + len(layout.unlabelled) == 14
    assert not any(a.overlaps(b) for a, b in combinations(boxes, 2))
    obstacles = [b for p in layout.points for b in p.boxes] + [layout.scale_bar.box, layout.north]
    for box in boxes:
        assert box.inside(layout.width, layout.height)
        assert not any(box.overlaps(o) for o in obstacles)
    again = route_map.build("thu", [_delegation("d1", crowd[:6] + far),
                                    _delegation("d2", crowd[6:])], None)
    assert [label.box for label in again.labels] == boxes  # deterministic


def test_label_placement_tries_the_right_first_then_wraps():
    point = route_map.Point(_place("a", (0, 0), "Một hai ba bốn"), 100, 100)
    point.markers.append(route_map.Marker(_delegation("d", []), 1, 100, 100, route_map.STYLES[0]))
    (label,), unlabelled = route_labels.place_labels([point], [], 400, 300)
    assert label.lines == ["Một hai ba bốn"] and label.box.x > 100 and not unlabelled
    blocked = [route_labels.Box(100, 0, 300, 300)]  # everything right of the point is taken
    (label,), _ = route_labels.place_labels([point], blocked, 400, 300)
    assert label.box.right <= 100
    assert route_labels.wrap("Trung tâm Văn hóa – Điện ảnh Hà Tĩnh") == [
        "Trung tâm Văn hóa –", "Điện ảnh Hà Tĩnh"]


def test_round_scale_lengths_and_projection():
    assert [route_map.round_km(v) for v in (0.37, 1, 1.9, 4.99, 7, 130)] == [0.2, 1, 1, 2, 5, 100]
    x1, y1 = route_map.project((18.3, 105.9), 18.3)
    x2, y2 = route_map.project((18.3, 106.0), 18.3)
    assert x2 - x1 == pytest.approx(haversine((18.3, 105.9), (18.3, 106.0)), rel=0.001)
    assert y1 == y2


# In Chromium: a 360 px phone.

@pytest.fixture(scope="module")
def phone(browser, output):
    server, url = serve_folder(output)
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2)
    page = context.new_page()
    page.goto(url + "/chuong-trinh/phien/tham-quan/")
    yield page
    context.close()
    server.shutdown()


def test_the_map_fits_a_phone_without_sideways_scrolling(phone, tmp_path):
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    box = phone.locator("svg.route-map-svg").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360 and box["width"] > 300
    shot = phone.locator("figure.route-map").screenshot(path=str(tmp_path / "ban-do-360.png"))
    assert shot.startswith(b"\x89PNG")  # drawn: Chromium renders the figure on a phone
    programme = phone.context.new_page()
    programme.goto(phone.url.split("/chuong-trinh/")[0] + "/chuong-trinh/")
    assert programme.evaluate("document.documentElement.scrollWidth") <= 360
    box = programme.locator("svg.route-map-svg").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    programme.close()


def test_rendered_labels_stay_in_their_estimated_boxes(phone):
    found = phone.eval_on_selector_all("text.map-label", """labels => labels.map(t => {
        const b = t.getBBox();
        return [t.dataset.box.split(' ').map(Number), [b.x, b.y, b.width, b.height]];
    })""")
    assert len(found) == len(GEO)
    for (x, y, w, h), (bx, by, bw, bh) in found:
        assert bx >= x - 0.5 and by >= y - 0.5, (x, y, w, h, bx, by, bw, bh)
        assert bx + bw <= x + w + 0.5 and by + bh <= y + h + 0.5, (x, y, w, h, bx, by, bw, bh)
