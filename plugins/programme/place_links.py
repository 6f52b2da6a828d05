"""The place pages' "Chỉ đường" links: the phone's map application, and OpenStreetMap."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Place


@dataclass(frozen=True)
class Directions:
    """Links that open a place in a map application or on OpenStreetMap."""

    geo_uri: str
    osm_url: str


def directions(place: Place) -> Directions | None:
    """`geo:` (the phone's map app) and OpenStreetMap links for a place with `geo`."""
    if place.geo is None:
        return None
    lat, lon = (f"{value:.6f}".rstrip("0").rstrip(".") for value in place.geo)
    return Directions(geo_uri=f"geo:{lat},{lon}",
                      osm_url=f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}"
                              f"#map=15/{lat}/{lon}")
