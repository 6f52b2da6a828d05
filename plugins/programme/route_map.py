"""Route maps as geometry: places, numbered stops, scale bar, north arrow, free labels.

Places are projected onto a small figure; each stop gets a marker numbered as on the route
card; labels go where they hide nothing (route_labels.py).

Pure data, no SVG (route_svg.py writes it) and no tiles: the figure is drawn from the places'
`geo` alone, so nothing is fetched from another host. Units are the SVG's user units; the
figure scales with the page, so every size here is relative to WIDTH.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from sitekit.numbers import km

from .model import Delegation, Place
from .route_labels import CHAR_WIDTH, Box, Label, place_labels

KM_PER_DEGREE = 6371.0 * math.pi / 180  # one degree of a great circle on a spherical Earth
WIDTH = 400.0
MIN_HEIGHT, MAX_HEIGHT = 260.0, 440.0
PAD_SIDE, PAD_TOP, PAD_BOTTOM = 28.0, 52.0, 52.0  # room for markers above points, the scale bar
MARKER_R = 9.5
MARKER_GAP = 2.0
SYMBOL_HALF = 7.0  # the venue's diamond; other shared places get a smaller dot
DOT_HALF = 4.0
LINE_SHIFT = 4.0  # routes side by side where they share a road, not drawn over each other


@dataclass(frozen=True)
class Style:
    """How one delegation's line looks: colour and dash differ, so greyscale still tells them."""

    colour: str
    dash: str  # SVG stroke-dasharray, "" for a solid line
    words: str  # the look in words, for the text alternative


# Dark enough for ≥ 3:1 against white (white numbers on them too); hues apart for colour-blind
# readers, and each with its own dash pattern. A seventh delegation starts the list again.
STYLES: tuple[Style, ...] = (
    Style("#0b5394", "", "xanh dương, nét liền"),
    Style("#b3400a", "10 5", "cam đất, nét gạch"),
    Style("#1b7a3e", "2 5", "xanh lá, nét chấm"),
    Style("#7b3294", "12 4 2 4", "tím, nét gạch chấm"),
    Style("#4d4d4d", "5 4", "xám, nét gạch ngắn"),
    Style("#7a5c00", "16 6", "nâu, nét gạch dài"),
)


@dataclass
class Marker:
    """One stop's numbered marker, in its delegation's colour."""

    delegation: Delegation
    number: int  # the stop's number on the route card (1-based)
    cx: float
    cy: float
    style: Style

    @property
    def box(self) -> Box:
        return Box(self.cx - MARKER_R, self.cy - MARKER_R, 2 * MARKER_R, 2 * MARKER_R)


@dataclass
class Point:
    """A place on the figure with the markers of every stop made there."""

    place: Place
    x: float
    y: float
    venue: bool = False
    markers: list[Marker] = field(default_factory=list)

    @property
    def symbol_half(self) -> float:
        """Half the size of the symbol drawn at the place itself (0: the marker sits there)."""
        if self.venue:
            return SYMBOL_HALF
        return DOT_HALF if len(self.markers) != 1 else 0.0

    @property
    def boxes(self) -> list[Box]:
        """What the point covers: its symbol and its markers."""
        half = self.symbol_half
        own = [Box(self.x - half, self.y - half, 2 * half, 2 * half)] if half else []
        return own + [m.box for m in self.markers]

    @property
    def box(self) -> Box:
        """The whole cluster, for placing its label beside it."""
        boxes = self.boxes
        x, y = min(b.x for b in boxes), min(b.y for b in boxes)
        return Box(x, y, max(b.right for b in boxes) - x, max(b.bottom for b in boxes) - y)


@dataclass
class Line:
    """One delegation's route through its placed stops, in order."""

    delegation: Delegation
    style: Style
    points: list[tuple[float, float]]


@dataclass
class ScaleBar:
    """A bar of a round length in km; x, y is its left end."""

    x: float
    y: float
    length: float  # in user units
    km: float

    @property
    def box(self) -> Box:
        """The bar and its label above it."""
        text = len(km(self.km)) * CHAR_WIDTH
        return Box(self.x - 2, self.y - 20, max(self.length, text) + 4, 26)


@dataclass
class RouteMap:
    """Everything drawn in one figure, and the places that could not be."""

    key: str
    width: float
    height: float
    lines: list[Line]
    points: list[Point]
    labels: list[Label]
    unlabelled: list[Point]
    scale_bar: ScaleBar
    north: Box  # the north arrow, top right
    missing: list[Place]  # stops without `geo`, listed under the figure


def project(geo: tuple[float, float], origin_lat: float) -> tuple[float, float]:
    """Equirectangular projection in km east and north of (0, 0).

    Longitudes shrink by cos(latitude) at the middle of the figure: true enough over a province.
    """
    lat, lon = geo
    return (lon * math.cos(math.radians(origin_lat)) * KM_PER_DEGREE, lat * KM_PER_DEGREE)


def round_km(limit: float) -> float:
    """The largest 1, 2 or 5 × 10ⁿ km not above `limit`."""
    power = 10 ** math.floor(math.log10(limit))
    return max(step * power for step in (1, 2, 5) if step * power <= limit)


def _places(delegations: list[Delegation], venue: Place | None) -> list[Place]:
    places = [stop.place for d in delegations for stop in d.stops]
    if venue is not None and venue.geo is not None:
        places.insert(0, venue)
    return list(dict.fromkeys(places))


def drawable(delegations: list[Delegation], venue: Place | None) -> bool:
    """Whether these routes get a map: at least two distinct places with `geo`."""
    return len({p.geo for p in _places(delegations, venue) if p.geo is not None}) >= 2


def build(key: str, delegations: list[Delegation], venue: Place | None) -> RouteMap | None:
    """The figure for these routes; None when fewer than two places have `geo`."""
    if not drawable(delegations, venue):
        return None
    places = _places(delegations, venue)
    placed = [p for p in places if p.geo is not None]
    origin_lat = sum(p.geo[0] for p in placed) / len(placed)  # type: ignore[index]
    at_km = {p.id: project(p.geo, origin_lat) for p in placed}  # type: ignore[arg-type]
    xs, ys = [k[0] for k in at_km.values()], [k[1] for k in at_km.values()]
    span_x, span_y = max(max(xs) - min(xs), 0.5), max(max(ys) - min(ys), 0.5)
    inner_w = WIDTH - 2 * PAD_SIDE
    scale = min(inner_w / span_x, (MAX_HEIGHT - PAD_TOP - PAD_BOTTOM) / span_y)
    height = max(MIN_HEIGHT, span_y * scale + PAD_TOP + PAD_BOTTOM)
    mid_x, mid_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    centre_y = PAD_TOP + (height - PAD_TOP - PAD_BOTTOM) / 2

    def at(place: Place) -> tuple[float, float]:
        x, y = at_km[place.id]
        return (round(WIDTH / 2 + (x - mid_x) * scale, 2), round(centre_y - (y - mid_y) * scale, 2))

    points = {p.id: Point(p, *at(p), venue=p is venue) for p in placed}
    lines = []
    for index, delegation in enumerate(delegations):
        style = STYLES[index % len(STYLES)]
        stops = [s for s in delegation.stops if s.place.geo is not None]
        shift = (index - (len(delegations) - 1) / 2) * LINE_SHIFT
        lines.append(Line(delegation, style, shifted(
            [(points[s.place.id].x, points[s.place.id].y) for s in stops], shift)))
        for stop in stops:
            points[stop.place.id].markers.append(Marker(delegation, stop.number, 0, 0, style))
    for point in points.values():
        _place_markers(point)
    bar_km = round_km(0.3 * inner_w / scale)
    bar = ScaleBar(PAD_SIDE, height - 16, round(bar_km * scale, 2), bar_km)
    north = Box(WIDTH - 30, 6, 22, 40)
    segments = [pair for line in lines
                for pair in zip(line.points, line.points[1:], strict=False)]
    labels, unlabelled = place_labels(list(points.values()), [bar.box, north], WIDTH, height,
                                      segments)
    return RouteMap(key=key, width=WIDTH, height=round(height, 2), lines=lines,
                    points=list(points.values()), labels=labels, unlabelled=unlabelled,
                    scale_bar=bar, north=north,
                    missing=[p for p in places if p.geo is None])


def _normal(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    """Unit normal of a segment, the same whichever way it is travelled."""
    a, b = sorted((a, b))
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy) or 1.0
    return (-dy / length, dx / length)


def shifted(points: list[tuple[float, float]], shift: float) -> list[tuple[float, float]]:
    """The polyline moved `shift` units sideways.

    Each vertex moves along its segments' mean normal, so two routes along the same road run
    side by side, whatever direction each takes.
    """
    if not shift or len(points) < 2:
        return points
    normals = [_normal(a, b) for a, b in zip(points, points[1:], strict=False)]
    out = []
    for i, (x, y) in enumerate(points):
        near = normals[max(i - 1, 0):i + 1]
        nx, ny = sum(n[0] for n in near) / len(near), sum(n[1] for n in near) / len(near)
        out.append((round(x + nx * shift, 2), round(y + ny * shift, 2)))
    return out


def _place_markers(point: Point) -> None:
    """One marker sits on its place; several (or the venue's) go in a row just above it."""
    markers = point.markers
    if point.symbol_half == 0:
        markers[0].cx, markers[0].cy = point.x, point.y
        return
    row = len(markers) * 2 * MARKER_R + (len(markers) - 1) * MARKER_GAP
    cy = point.y - point.symbol_half - 3 - MARKER_R
    for n, marker in enumerate(markers):
        marker.cx = round(point.x - row / 2 + MARKER_R + n * (2 * MARKER_R + MARKER_GAP), 2)
        marker.cy = round(cy, 2)
