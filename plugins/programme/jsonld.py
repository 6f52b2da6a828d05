"""schema.org `Event` documents as plain dicts; templates write them with `tojson`."""

from __future__ import annotations

import datetime as dt

from sitekit.dates import iso
from sitekit.urls import absolute

from .model import Place, Programme, Session, Stop, stop_title

_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "postponed": "https://schema.org/EventPostponed",
    "rescheduled": "https://schema.org/EventRescheduled",
    "cancelled": "https://schema.org/EventCancelled",
}
_OFFLINE = "https://schema.org/OfflineEventAttendanceMode"


def _iso(moment: dt.datetime) -> str:
    # As every page writes times (+07:00), also in years when the named zone said otherwise.
    return iso(moment)


def place_node(place: Place, siteurl: str) -> dict:
    """Describe a `Place` with its `PostalAddress` (and coordinates when known)."""
    address = place.address
    postal = {
        "@type": "PostalAddress",
        "streetAddress": ", ".join(p for p in (address.street, address.ward) if p),
        "addressLocality": address.district,
        "addressRegion": address.province,
        "addressCountry": address.country,
    }
    node = {
        "@type": "Place",
        "name": place.name,
        "address": {k: v for k, v in postal.items() if v},
        "url": absolute(siteurl, place.url),
    }
    if place.geo:
        node["geo"] = {"@type": "GeoCoordinates", "latitude": place.geo[0],
                       "longitude": place.geo[1]}
    return node


def _common(programme: Programme) -> dict:
    event = programme.event
    organizer = {"@type": "Organization", "name": event.organizer.name}
    if event.organizer.url:
        organizer["url"] = event.organizer.url
    return {
        "eventStatus": _STATUS[event.status],
        "eventAttendanceMode": _OFFLINE,
        "organizer": organizer,
        "inLanguage": "vi",
    }


def _location(places: list[Place], siteurl: str) -> dict | list[dict]:
    nodes = [place_node(p, siteurl) for p in places]
    return nodes[0] if len(nodes) == 1 else nodes


def stop_node(programme: Programme, stop: Stop, siteurl: str) -> dict:
    """Describe a delegation's stop as a sub-event of its visit."""
    return {
        "@type": "Event",
        "name": stop_title(stop),
        "startDate": _iso(stop.start),
        "endDate": _iso(stop.end),
        "location": place_node(stop.place, siteurl),
        **_common(programme),
    }


def session_node(programme: Programme, session: Session, siteurl: str) -> dict:
    """Describe a session as an `Event`; a visit carries its delegations' stops as sub-events."""
    node = {
        "@type": "Event",
        "name": session.title,
        "startDate": _iso(session.start),
        "endDate": _iso(session.end),
        "url": absolute(siteurl, session.url),
        "location": _location(session.places, siteurl),
        **_common(programme),
    }
    if session.description:
        node["description"] = session.description
    stops = [s for d in session.delegations for s in d.stops]
    if stops:
        node["subEvent"] = [stop_node(programme, s, siteurl) for s in stops]
    return node


def event_node(programme: Programme, siteurl: str) -> dict:
    """Describe the conference as an `Event` (without `@context`)."""
    event = programme.event
    main_place = programme.main_place
    venue = [main_place] if main_place else []
    node = {
        "@type": "Event",
        "name": event.name,
        "startDate": _iso(event.start),
        "endDate": _iso(event.end),
        "url": absolute(siteurl, programme.url),
        "location": _location(venue, siteurl),
        **_common(programme),
    }
    if event.description:
        node["description"] = event.description
    return node


def programme_document(programme: Programme, siteurl: str) -> dict:
    """JSON-LD of the programme page: the conference with every session as a `subEvent`."""
    subs = [session_node(programme, s, siteurl) for s in programme.timeline]
    loose = [stop_node(programme, st, siteurl) for d in programme.loose_delegations
             for st in d.stops]
    return {"@context": "https://schema.org", **event_node(programme, siteurl),
            "subEvent": subs + loose}


def session_document(programme: Programme, session: Session, siteurl: str) -> dict:
    """JSON-LD of a session page: the session, part of the conference (`superEvent`)."""
    return {"@context": "https://schema.org", **session_node(programme, session, siteurl),
            "superEvent": event_node(programme, siteurl)}


def place_document(place: Place, siteurl: str) -> dict:
    """JSON-LD of a place page."""
    return {"@context": "https://schema.org", **place_node(place, siteurl)}
