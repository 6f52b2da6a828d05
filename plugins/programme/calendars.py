"""iCalendar files: the whole programme, each session, each delegation's route.

UIDs come from ids and DTSTAMP from the data's `updated`, so the same data always gives
byte-identical files and calendar apps update events instead of duplicating them.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sitekit.numbers import km
from sitekit.urls import absolute

from .model import TENTATIVE, Place, Programme, Session, Stop, stop_title

# icalendar (80 modules, 0.02 s) is imported when there are calendars to write, not by every
# build of a site without a programme.
if TYPE_CHECKING:
    from icalendar import Event

PRODID = "-//Hoi nghi NTM//Chuong trinh hoi nghi//VI"


def _location(places: list[Place]) -> str:
    return "; ".join(f"{p.name}, {p.address.text}" for p in places)


def _status(programme: Programme, tentative: bool) -> str:
    if programme.event.status == "cancelled":
        return "CANCELLED"
    return "TENTATIVE" if tentative else "CONFIRMED"


def _event(programme: Programme, uid: str, **props) -> Event:
    from icalendar import Event

    stamp = programme.event.updated.astimezone(dt.UTC)
    event = Event.new(uid=f"{uid}@{programme.event.id}", stamp=stamp, last_modified=stamp,
                      **props)
    return event


def _with_geo(event: Event, places: list[Place]) -> Event:
    if len(places) == 1 and places[0].geo:
        event.add("geo", places[0].geo)
    return event


def session_event(programme: Programme, session: Session, siteurl: str) -> Event:
    """One session as a VEVENT."""
    lines = [session.description]
    if session.speakers:
        lines.append("Trình bày: " + ", ".join(session.speakers))
    for delegation in session.delegations:
        route = " → ".join(stop.place.name for stop in delegation.stops)
        lines.append(f"{delegation.name}: {route}")
    if session.tentative:
        lines.append(TENTATIVE)
    event = _event(
        programme, f"phien-{session.id}", summary=session.title,
        start=session.start, end=session.end, location=_location(session.places),
        url=absolute(siteurl, session.url), categories=[session.kind_label],
        description="\n".join(line for line in lines if line),
        status=_status(programme, session.tentative),
    )
    return _with_geo(event, session.places)


def stop_event(programme: Programme, stop: Stop, siteurl: str) -> Event:
    """One stop of a route as a VEVENT (its own UID, shared by every calendar it is in)."""
    delegation = stop.delegation
    page = delegation.session.url if delegation.session else programme.url
    lines = [stop.note]
    if stop.number > 1:
        lines.append(f"Cách điểm trước {km(stop.distance_km)}.")
    if stop.tentative:
        lines.append(TENTATIVE)
    event = _event(
        programme, f"diem-dung-{stop.uid_key}",
        summary=stop_title(stop), start=stop.start, end=stop.end,
        location=_location([stop.place]), url=absolute(siteurl, f"{page}#{delegation.id}"),
        categories=["Tham quan thực tế"], description="\n".join(x for x in lines if x),
        status=_status(programme, stop.tentative),
    )
    return _with_geo(event, [stop.place])


def _calendar(programme: Programme, uid: str, name: str, events: list[Event]) -> bytes:
    from icalendar import Calendar

    calendar = Calendar.new(
        prodid=PRODID, uid=f"{uid}@{programme.event.id}", name=name,
        description=programme.event.name, language="vi", method="PUBLISH",
        calscale="GREGORIAN", last_modified=programme.event.updated.astimezone(dt.UTC),
        subcomponents=events,
    )
    calendar.add("x-wr-timezone", programme.event.timezone)
    # VTIMEZONE from the pinned tzdata: clients need not know Asia/Ho_Chi_Minh.
    calendar.add_missing_timezones()
    return calendar.to_ical()


def calendars(programme: Programme, siteurl: str) -> dict[str, bytes]:
    """Every calendar file: output path → bytes."""
    sessions = {s.id: session_event(programme, s, siteurl) for s in programme.timeline}
    stops = {
        d.id: [stop_event(programme, stop, siteurl) for stop in d.stops]
        for d in programme.delegations
    }
    files = {programme.calendar: _calendar(
        programme, "chuong-trinh", programme.event.name,
        list(sessions.values()) + [e for route in stops.values() for e in route],
    )}
    for session in programme.sessions:
        files[session.calendar] = _calendar(
            programme, f"lich-phien-{session.id}", session.title, [sessions[session.id]])
    for delegation in programme.delegations:
        files[delegation.calendar] = _calendar(
            programme, f"lich-doan-{delegation.id}",
            f"{delegation.name} – lộ trình tham quan", stops[delegation.id])
    return files
