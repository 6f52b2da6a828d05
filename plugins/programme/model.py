"""The programme as plain objects: what templates, calendars and JSON-LD are made from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from itertools import groupby

from sitekit.dates import day_heading

# The kinds an editor may give a session, with the words a reader sees.
KINDS: dict[str, str] = {
    "registration": "Đón tiếp",
    "visit": "Tham quan thực tế",
    "plenary": "Phiên toàn thể",
    "screening": "Chiếu phóng sự",
    "performance": "Văn nghệ",
    "break": "Giải lao",
    "meal": "Ăn uống",
    "other": "Hoạt động khác",
}

# Said of anything whose time or place is an estimate.
TENTATIVE = "Giờ giấc, địa điểm là dự kiến."

STATUSES: dict[str, str] = {
    "scheduled": "Theo kế hoạch",
    "postponed": "Hoãn",
    "rescheduled": "Dời lịch",
    "cancelled": "Huỷ",
}


@dataclass(frozen=True)
class Where:
    """Where an item is written: file as the editor knows it, first line, line of each key."""

    path: str
    line: int
    key_lines: dict[str, int] = field(default_factory=dict, hash=False, compare=False)

    def line_of(self, key: str) -> int:
        """Line of `key:` when the editor wrote it, else the item's first line."""
        return self.key_lines.get(key, self.line)


@dataclass(eq=False)
class Address:
    """A Vietnamese postal address, from the most to the least precise part."""

    street: str = ""
    ward: str = ""
    district: str = ""
    province: str = ""
    country: str = "VN"

    @property
    def text(self) -> str:
        """One line for readers and for calendar LOCATION."""
        parts = [self.street, self.ward, self.district, self.province]
        if self.country == "VN":
            parts.append("Việt Nam")
        return ", ".join(p for p in parts if p)


@dataclass(eq=False)
class Place:
    """A place sessions happen at or a delegation stops at."""

    id: str
    name: str
    address: Address
    where: Where
    geo: tuple[float, float] | None = None
    description: str = ""
    tentative: bool = False
    url: str = ""
    save_as: str = ""
    # Back references, filled when the programme is linked (kept out of repr: they loop).
    sessions: list[Session] = field(default_factory=list, repr=False)
    stops: list[Stop] = field(default_factory=list, repr=False)


@dataclass(eq=False)
class Session:
    """One item of the day: the plenary, a screening, the visits…"""

    id: str
    title: str
    kind: str
    start: dt.datetime
    end: dt.datetime
    where: Where
    place: Place | None = None
    speakers: list[str] = field(default_factory=list)
    description: str = ""
    tentative: bool = False
    url: str = ""
    save_as: str = ""
    calendar: str = ""
    delegations: list[Delegation] = field(default_factory=list, repr=False)
    # Filled once articles are read: published articles whose text links this session.
    articles: list = field(default_factory=list, repr=False)

    @property
    def day_label(self) -> str:
        """`Thứ Sáu, 24/02/2017`: the day it starts."""
        return day_heading(self.start.date())

    @property
    def kind_label(self) -> str:
        """The kind in the reader's words."""
        return KINDS[self.kind]

    @property
    def places(self) -> list[Place]:
        """Its place, or for a visit every place its delegations stop at, in order, once."""
        found = [self.place] if self.place else []
        for delegation in self.delegations:
            found += [stop.place for stop in delegation.stops]
        return list(dict.fromkeys(found))


@dataclass(eq=False)
class Stop:
    """A delegation's stay at one place; the first stop may have only a departure."""

    place: Place
    where: Where
    arrive: dt.datetime | None
    depart: dt.datetime | None
    distance_km: float = 0.0
    note: str = ""
    tentative: bool = False
    delegation: Delegation | None = field(default=None, repr=False)
    number: int = 0  # 1-based position in the route
    uid_key: str = ""  # stable across edits of times: delegation, place, nth visit there

    @property
    def is_departure(self) -> bool:
        """The starting point: the delegation only leaves from here."""
        return self.arrive is None

    @property
    def is_arrival(self) -> bool:
        """The end of the route: the delegation only arrives here."""
        return self.depart is None

    @property
    def start(self) -> dt.datetime:
        """When the delegation is there from (arrival, or departure for the starting point)."""
        return self.arrive or self.depart  # type: ignore[return-value]

    @property
    def end(self) -> dt.datetime:
        """When it leaves (or arrives, for the last stop)."""
        return self.depart or self.arrive  # type: ignore[return-value]


def stop_title(stop: Stop) -> str:
    """`Đoàn 1 xuất phát: X`, `Đoàn 1: Y`, `Đoàn 1 về: Z`, for calendars and JSON-LD."""
    name = stop.delegation.name if stop.delegation else ""
    if stop.is_departure:
        return f"{name} xuất phát: {stop.place.name}"
    if stop.is_arrival:
        return f"{name} đến: {stop.place.name}"
    return f"{name}: {stop.place.name}"


@dataclass(eq=False)
class Delegation:
    """A đoàn and its route: ordered stops with the distance from the previous one."""

    id: str
    name: str
    where: Where
    stops: list[Stop] = field(default_factory=list)
    leader: str = ""
    description: str = ""
    session: Session | None = field(default=None, repr=False)
    calendar: str = ""

    @property
    def total_km(self) -> float:
        """Length of the whole route."""
        return round(sum(stop.distance_km for stop in self.stops), 3)

    @property
    def start(self) -> dt.datetime:
        """Departure from the first stop."""
        return self.stops[0].start

    @property
    def end(self) -> dt.datetime:
        """Arrival at the last stop."""
        return self.stops[-1].end


@dataclass(eq=False)
class Organizer:
    """Who runs the event (schema.org `organizer`)."""

    name: str
    url: str = ""


@dataclass(eq=False)
class Event:
    """The conference as a whole."""

    id: str
    name: str
    start: dt.datetime
    end: dt.datetime
    timezone: str
    organizer: Organizer
    updated: dt.datetime  # fixes DTSTAMP: the same data gives the same calendars
    where: Where
    venue: Place | None = None
    description: str = ""
    status: str = "scheduled"
    tentative: bool = False

    @property
    def status_label(self) -> str:
        """The status in the reader's words."""
        return STATUSES[self.status]


@dataclass(frozen=True)
class Day:
    """One calendar day of the programme and its sessions in time order."""

    date: dt.date
    start: dt.datetime
    sessions: list[Session]

    @property
    def label(self) -> str:
        """`Thứ Sáu, 24/02/2017`."""
        return day_heading(self.date)


@dataclass(eq=False)
class Programme:
    """Everything read from content/programme/, linked together."""

    event: Event
    places: dict[str, Place]
    sessions: list[Session]
    delegations: list[Delegation]
    url: str = ""
    save_as: str = ""
    calendar: str = ""

    @property
    def timeline(self) -> list[Session]:
        """Sessions by start time (then end, then the order they were written in)."""
        return sorted(self.sessions, key=lambda s: (s.start, s.end))

    @property
    def days(self) -> list[Day]:
        """The time line cut into days, for a programme that spans more than one."""
        return [
            Day(date=date, start=items[0].start, sessions=items)
            for date, group in groupby(self.timeline, key=lambda s: s.start.date())
            for items in [list(group)]
        ]

    @property
    def loose_delegations(self) -> list[Delegation]:
        """Routes not attached to a visit session: shown in a section of their own."""
        return [d for d in self.delegations if d.session is None]

    @property
    def tentative(self) -> bool:
        """Whether anything shown is an estimate (the page then explains “dự kiến”)."""
        return (
            self.event.tentative
            or any(s.tentative for s in self.sessions)
            or any(p.tentative for p in self.places.values())
            or any(st.tentative for d in self.delegations for st in d.stops)
        )

    @property
    def main_place(self) -> Place | None:
        """The venue, else the first place (None when there is neither)."""
        return self.event.venue or next(iter(self.places.values()), None)

    @property
    def marks_from(self) -> dt.datetime:
        """Midnight starting the first day: from then the page marks “tiếp theo”."""
        start = self.event.start
        return start.replace(hour=0, minute=0, second=0, microsecond=0)

    @property
    def marks_until(self) -> dt.datetime:
        """Midnight ending the last day: after it nothing is marked any more."""
        end = self.event.end
        midnight = end.replace(hour=0, minute=0, second=0, microsecond=0)
        return midnight + dt.timedelta(days=1)

    def session(self, session_id: str) -> Session | None:
        """Return the session with this id, if any."""
        return next((s for s in self.sessions if s.id == session_id), None)
