"""The programme as conference apps read it: the frab/c3voc schedule (pretalx's export).

One data model for both files (`schedule_xml`, `schedule_json` only write it out). Giggity,
ConfClerk and EventFahrplan know rooms, days and events: rooms are the programme's places,
a visit is one event per delegation (starting where the delegation leaves from, the route's
stops in its abstract), and every event keeps a guid made from ids alone, so an app that
reloads the schedule updates its events, and its reader's favourites, instead of duplicating.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import uuid
from dataclasses import dataclass, field

from sitekit.dates import iso
from sitekit.numbers import km
from sitekit.urls import absolute

from .model import TENTATIVE, Delegation, Place, Programme, Session, Stop

# Fixed for ever: changing it changes every guid, and apps would see new events.
NAMESPACE = uuid.UUID("3a54ba0e-8ed0-463c-91c6-dddf5090e339")
LANGUAGE = "vi"
TIMESLOT = "00:05"
XML_NAME, JSON_NAME = "schedule.xml", "schedule.json"


def guid(*key: str) -> str:
    """A UUID from ids alone (uuid5): the same ids give the same guid on every build."""
    return str(uuid.uuid5(NAMESPACE, "/".join(key)))


@dataclass(frozen=True)
class Room:
    """A place, as a room of the schedule."""

    name: str
    guid: str


@dataclass
class Talk:
    """One event of the schedule (frab calls every item an event, the conference too)."""

    guid: str
    room: Room
    title: str
    subtitle: str
    kind: str  # `type` in the format: what readers see as the kind of item
    start: dt.datetime
    end: dt.datetime
    slug: str
    abstract: str
    description: str
    persons: list[str]
    url: str
    id: int = 0  # a positive integer the format requires; filled unique by `Schedule`

    @property
    def date(self) -> str:
        """Start with its offset: `2017-02-24T06:30:00+07:00`."""
        return iso(self.start)

    @property
    def clock(self) -> str:
        """Start on the wall clock, zero-padded: `06:30`."""
        return f"{self.start:%H:%M}"

    @property
    def duration(self) -> str:
        """`H:MM`: `2:10`, `0:20`."""
        minutes = int((self.end - self.start).total_seconds() // 60)
        return f"{minutes // 60}:{minutes % 60:02d}"


@dataclass
class Day:
    """One day of the conference: its events by start time, its bounds with the offset."""

    index: int
    date: dt.date
    start: dt.datetime
    end: dt.datetime
    talks: list[Talk] = field(default_factory=list)

    @property
    def rooms(self) -> dict[Room, list[Talk]]:
        """The day's rooms that hold an event, each with its events in time order."""
        by_room: dict[Room, list[Talk]] = {}
        for talk in self.talks:
            by_room.setdefault(talk.room, []).append(talk)
        return by_room


@dataclass
class Schedule:
    """The whole schedule: the conference, its rooms and days."""

    acronym: str
    title: str
    description: str
    version: str
    start: dt.date
    end: dt.date
    timezone: str
    url: str
    rooms: list[Room]
    days: list[Day]


def paths(programme: Programme) -> tuple[str, str]:
    """Where the two files go: beside the programme page (chuong-trinh/schedule.xml…)."""
    folder = posixpath.dirname(programme.save_as)
    return posixpath.join(folder, XML_NAME), posixpath.join(folder, JSON_NAME)


class _Builder:
    """Turns sessions and delegations into talks; remembers the rooms used, in place order."""

    def __init__(self, programme: Programme, siteurl: str):
        self.programme, self.siteurl = programme, siteurl
        self.acronym = programme.event.id
        self.used: set[str] = set()

    def room(self, place: Place | None) -> Room:
        # A visit without routes has no place of its own: it is listed at the venue.
        place = place or self.programme.main_place
        if place is None:
            self.used.add("")
            return Room(self.programme.event.name, guid(self.acronym, "dia-diem"))
        self.used.add(place.id)
        return Room(place.name, guid(self.acronym, "dia-diem", place.id))

    def rooms(self) -> list[Room]:
        places = [p for p in self.programme.places.values() if p.id in self.used]
        found = [self.room(p) for p in places]
        return found + ([self.room(None)] if "" in self.used else [])

    def session(self, session: Session) -> list[Talk]:
        routes = [d for d in session.delegations if d.stops]
        if session.kind == "visit" and routes:
            return [self.route(session, d) for d in routes]
        return [Talk(
            guid=guid(self.acronym, "phien", session.id), room=self.room(session.place),
            title=session.title, subtitle="", kind=session.kind_label, start=session.start,
            end=session.end, slug=f"{self.acronym}-{session.id}", abstract=session.description,
            description=TENTATIVE if session.tentative else "", persons=session.speakers,
            url=absolute(self.siteurl, session.url))]

    def route(self, session: Session, delegation: Delegation) -> Talk:
        route = [_stop_line(stop) for stop in delegation.stops]
        route.append(f"Tổng quãng đường: {km(delegation.total_km)}.")
        tentative = session.tentative or any(stop.tentative for stop in delegation.stops)
        # Apps show the abstract and then the description: the route, then what is around it.
        lines = [session.description, delegation.description, TENTATIVE if tentative else ""]
        return Talk(
            guid=guid(self.acronym, "phien", session.id, "doan", delegation.id),
            room=self.room(delegation.stops[0].place),
            title=f"{session.title} – {delegation.name}",
            subtitle=" → ".join(stop.place.name for stop in delegation.stops),
            kind=session.kind_label, start=delegation.start, end=delegation.end,
            slug=f"{self.acronym}-{session.id}-{delegation.id}", abstract="\n".join(route),
            description="\n\n".join(line for line in lines if line),
            persons=[delegation.leader] if delegation.leader else [],
            url=absolute(self.siteurl, f"{session.url}#{delegation.id}"))


def _stop_line(stop: Stop) -> str:
    """`2. 06:45–07:25 Vườn mẫu xã A (cách điểm trước 5,8 km)`: one stop of a route."""
    if stop.is_departure:
        text = f"{stop.depart:%H:%M} xuất phát từ {stop.place.name}"
    elif stop.is_arrival:
        text = f"{stop.arrive:%H:%M} đến {stop.place.name}"
    else:
        text = f"{stop.arrive:%H:%M}–{stop.depart:%H:%M} {stop.place.name}"
    if stop.number > 1:
        text += f" (cách điểm trước {km(stop.distance_km)})"
    return f"{stop.number}. {text}" + (f": {stop.note}" if stop.note else "")


def _number(talks: list[Talk]) -> None:
    """A positive integer id for each talk, from its guid (stable), unique in the schedule."""
    taken: set[int] = set()
    for talk in talks:
        number = int(talk.guid.replace("-", "")[:7], 16) + 1
        while number in taken:  # two guids sharing 28 bits: the later one moves on
            number += 1
        taken.add(number)
        talk.id = number


def _days(programme: Programme, talks: list[Talk]) -> list[Day]:
    """Every date from the conference's start to its end, each with its talks."""
    event = programme.event
    first, last = event.start.date(), event.end.date()
    days = []
    for offset in range((last - first).days + 1):
        date = first + dt.timedelta(days=offset)
        held = sorted((t for t in talks if t.start.date() == date), key=lambda t: (t.start, t.end))
        midnight = event.start.replace(year=date.year, month=date.month, day=date.day, hour=0,
                                       minute=0, second=0, microsecond=0)
        start = held[0].start if held else max(event.start, midnight)
        end = max(t.end for t in held) if held else min(event.end, midnight + dt.timedelta(1))
        days.append(Day(index=offset + 1, date=date, start=start, end=end, talks=held))
    return days


def schedule(programme: Programme, siteurl: str) -> Schedule:
    """The schedule of the programme; URLs absolute when SITEURL is (root-relative locally)."""
    builder = _Builder(programme, siteurl)
    talks = [talk for session in programme.timeline for talk in builder.session(session)]
    days = _days(programme, talks)
    _number([talk for day in days for talk in day.talks])
    event = programme.event
    return Schedule(
        acronym=event.id, title=event.name, description=event.description,
        version=f"{event.updated:%Y-%m-%d %H:%M}", start=event.start.date(),
        end=event.end.date(), timezone=event.timezone,
        url=absolute(siteurl, programme.url),
        rooms=builder.rooms(), days=days)
