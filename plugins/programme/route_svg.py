"""Route maps as SVG text, inline in the page: no tiles, no file, no request to another host.

Every piece of content text (place and delegation names) goes through `escape`; the figure
describes itself (`<title>`, `<desc>`, role="img") so a screen reader gets each route in order.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from sitekit.numbers import km

from .model import Delegation, Place, Programme
from .route_labels import FONT, LINE_HEIGHT
from .route_map import MARKER_R, Line, RouteMap, Style, build

INK, HALO, PAPER = "#1a1a1a", "#ffffff", "#ffffff"
VENUE_FILL = "#1a1a1a"
LOOSE = "lo-trinh"  # key of the map of routes outside any visit session


@dataclass
class LegendItem:
    """A delegation in the legend under the figure: a sample of its line, and its name."""

    name: str
    swatch: Markup


@dataclass
class RouteFigure:
    """What a page needs to show one route map: the SVG, its legend, the places left out."""

    key: str
    svg: Markup
    legend: list[LegendItem]
    venue: Place | None
    venue_swatch: Markup
    missing: list[Place]

    @property
    def anchor(self) -> str:
        """The figure's id, which links to the map use (`{programme}tham-quan#tham-quan-ban-do`)."""
        return figure_anchor(self.key)


def figure_anchor(key: str) -> str:
    """The id of the map drawn under `key` (a visit session's id, or LOOSE)."""
    return f"{key}-ban-do"


def figure(key: str, delegations: list[Delegation], venue: Place | None) -> RouteFigure | None:
    """The route map of these delegations, or None when it cannot be drawn."""
    layout = build(key, delegations, venue)
    if layout is None:
        return None
    venue_drawn = next((p.place for p in layout.points if p.venue), None)
    return RouteFigure(
        key=key, svg=svg(layout), venue=venue_drawn, venue_swatch=_venue_swatch(),
        legend=[LegendItem(line.delegation.name, swatch(line.style)) for line in layout.lines],
        missing=layout.missing)


def _n(value: float) -> str:
    """A coordinate without noise: 12, 12.5, 12.25."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _stroke(style: Style) -> str:
    dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
    return (f'stroke="{style.colour}"{dash} stroke-width="3.5" stroke-linecap="round" '
            'stroke-linejoin="round" fill="none"')


def swatch(style: Style) -> Markup:
    """A short sample of a delegation's line, for the legend (decorative: the name follows)."""
    return Markup(f'<svg class="route-map-swatch" viewBox="0 0 36 10" width="36" height="10" '
                  f'aria-hidden="true" focusable="false"><path d="M2 5H34" {_stroke(style)}/>'
                  '</svg>')


def _venue_swatch() -> Markup:
    return Markup('<svg class="route-map-swatch" viewBox="0 0 14 14" width="14" height="14" '
                  f'aria-hidden="true" focusable="false">{_diamond(7, 7, 6)}</svg>')


def _diamond(x: float, y: float, half: float) -> str:
    return (f'<path d="M{_n(x)} {_n(y - half)}L{_n(x + half)} {_n(y)}L{_n(x)} {_n(y + half)}'
            f'L{_n(x - half)} {_n(y)}Z" fill="{VENUE_FILL}" stroke="{PAPER}" stroke-width="1.5"/>')


def describe(layout: RouteMap) -> str:
    """The routes in words, stop by stop, numbered as on the route cards."""
    parts = []
    for line in layout.lines:
        stops = "; ".join(f"{s.number}. {s.place.name}" + ("" if s.place.geo else " (không vẽ)")
                          for s in line.delegation.stops)
        parts.append(f"{line.delegation.name} ({line.style.words}): {stops}.")
    venue = next((p for p in layout.points if p.venue), None)
    if venue:
        parts.append(f"Hình thoi đen: nơi họp, {venue.place.name}.")
    parts.append(f"Thước tỉ lệ {km(layout.scale_bar.km)}; phía trên là hướng bắc.")
    return " ".join(parts)


def svg(layout: RouteMap) -> Markup:
    """The whole figure as one `<svg>` element."""
    ident = f"ban-do-{layout.key}"
    names = ", ".join(line.delegation.name for line in layout.lines)
    out = [f'<svg class="route-map-svg" viewBox="0 0 {_n(layout.width)} {_n(layout.height)}" '
           f'role="img" aria-labelledby="{ident}-ten {ident}-mo-ta" '
           f'font-size="{_n(FONT)}">',
           f'<title id="{ident}-ten">{escape("Bản đồ lộ trình: " + names)}</title>',
           f'<desc id="{ident}-mo-ta">{escape(describe(layout))}</desc>',
           f'<rect class="route-map-paper" width="{_n(layout.width)}" '
           f'height="{_n(layout.height)}" fill="{PAPER}"/>']
    out += [_line(line) for line in layout.lines]
    for point in layout.points:
        out.append(_point(point))
    out += [_label(label) for label in layout.labels]
    out.append(_scale_bar(layout))
    out.append(_north(layout))
    out.append("</svg>")
    return Markup("".join(out))


def _line(line: Line) -> str:
    points = " ".join(f"{_n(x)},{_n(y)}" for x, y in line.points)
    return (f'<polyline class="route-line" data-delegation="{escape(line.delegation.id)}" '
            f'points="{points}" {_stroke(line.style)}/>')


def _point(point) -> str:
    place = escape(point.place.id)
    out = [f'<g class="map-place{" map-venue" if point.venue else ""}" data-place="{place}" '
           f'data-x="{_n(point.x)}" data-y="{_n(point.y)}">']
    if point.venue:
        out.append(_diamond(point.x, point.y, point.symbol_half))
    elif point.symbol_half:
        out.append(f'<circle cx="{_n(point.x)}" cy="{_n(point.y)}" r="{_n(point.symbol_half)}" '
                   f'fill="{INK}" stroke="{PAPER}" stroke-width="1.5"/>')
    for marker in point.markers:
        out.append(
            f'<g class="stop-marker" data-delegation="{escape(marker.delegation.id)}" '
            f'data-stop="{marker.number}" data-place="{place}">'
            f'<circle cx="{_n(marker.cx)}" cy="{_n(marker.cy)}" r="{_n(MARKER_R)}" '
            f'fill="{marker.style.colour}" stroke="{PAPER}" stroke-width="1.5"/>'
            f'<text x="{_n(marker.cx)}" y="{_n(marker.cy + 4)}" text-anchor="middle" '
            f'font-size="12" font-weight="700" fill="{PAPER}">{marker.number}</text></g>')
    out.append("</g>")
    return "".join(out)


def _label(label) -> str:
    box = label.box
    weight = ' font-weight="700"' if label.point.venue else ""
    spans = "".join(
        f'<tspan x="{_n(box.x + 2)}" y="{_n(box.y + (n + 1) * LINE_HEIGHT - 3)}">'
        f'{escape(text)}</tspan>' for n, text in enumerate(label.lines))
    return (f'<text class="map-label" data-place="{escape(label.point.place.id)}" '
            f'data-box="{_n(box.x)} {_n(box.y)} {_n(box.w)} {_n(box.h)}" fill="{INK}"{weight} '
            f'stroke="{HALO}" stroke-width="3" paint-order="stroke" '
            f'stroke-linejoin="round">{spans}</text>')


def _scale_bar(layout: RouteMap) -> str:
    bar = layout.scale_bar
    x, y, end = bar.x, bar.y, bar.x + bar.length
    return (f'<g class="scale-bar" data-km="{_n(bar.km)}" data-length="{_n(bar.length)}">'
            f'<path d="M{_n(x)} {_n(y - 5)}V{_n(y)}H{_n(end)}V{_n(y - 5)}" stroke="{INK}" '
            'stroke-width="2" fill="none"/>'
            f'<text x="{_n(x)}" y="{_n(y - 8)}" fill="{INK}">{escape(km(bar.km))}</text></g>')


def _north(layout: RouteMap) -> str:
    box = layout.north
    cx = box.x + box.w / 2
    top, base = box.y + 2, box.y + 24
    return (f'<g class="north-arrow" aria-hidden="true">'
            f'<path d="M{_n(cx)} {_n(top)}L{_n(cx + 7)} {_n(base)}L{_n(cx)} {_n(base - 5)}'
            f'L{_n(cx - 7)} {_n(base)}Z" fill="{INK}"/>'
            f'<text x="{_n(cx)}" y="{_n(box.bottom - 2)}" text-anchor="middle" '
            f'font-weight="700" fill="{INK}">B</text></g>')



def figures(programme: Programme) -> dict[str, RouteFigure]:
    """Each visit session's map by session id, and the loose routes' under LOOSE."""
    venue = programme.event.venue
    groups = {s.id: s.delegations for s in programme.sessions if s.delegations}
    if programme.loose_delegations:
        groups[LOOSE] = programme.loose_delegations
    drawn = {key: figure(key, delegations, venue) for key, delegations in groups.items()}
    return {key: found for key, found in drawn.items() if found is not None}
