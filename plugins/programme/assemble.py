"""Read every YAML file of the programme folder and link the parts into one `Programme`."""

from __future__ import annotations

import os
from pathlib import Path

from sitekit.problems import Problem, display_path

from .loader import Mapping, load
from .model import Delegation, Event, Place, Programme, Session, Where
from .parse import Reader
from .settings import ProgrammeSettings
from .values import shape, shown, tidy

_ID_FIX = ("đặt một mã khác; mỗi phiên, đoàn và địa điểm cần một mã riêng "
           "(chữ thường không dấu, nối bằng gạch ngang).")


def data_files(folder: str) -> list[str]:
    """Return the YAML files of the folder, in name order (empty when the folder does not exist)."""
    if not os.path.isdir(folder):
        return []
    # Regular files only: a folder or a pipe named `x.yaml` is not a programme file.
    return sorted(str(p) for p in Path(folder).iterdir()
                  if p.suffix in {".yaml", ".yml"} and p.is_file())


def read_programme(folder: str, content_root: str, config: ProgrammeSettings
                   ) -> tuple[Programme | None, list[Problem]]:
    """Read the programme in `folder`; None when there is none or it cannot be built."""
    files = data_files(folder)
    if not files:
        return None, []
    problems: list[Problem] = []
    documents: list[tuple[Reader, Mapping]] = []
    for path in files:
        shown_as = display_path(path, content_root)
        data, found = load(path, shown_as)
        problems += found
        if data is not None:
            documents.append((Reader(shown_as), data))
    if problems and not documents:
        return None, problems
    event_docs = [(r, d) for r, d in documents if "event" in d]
    if len(event_docs) != 1:
        where = ", ".join(f"{r.path}:{d.line_of('event')}" for r, d in event_docs)
        problems.append(Problem(
            path=documents[0][0].path if documents else display_path(folder, content_root),
            line=None,
            message="Chương trình cần đúng một khối “event:” (tên, giờ bắt đầu, kết thúc hội nghị)"
            + (f", nhưng có {len(event_docs)}: {where}." if event_docs else ", nhưng chưa có."),
            fix="giữ một khối “event:” trong một tệp; xem mẫu ở README, "
            "mục “Chương trình hội nghị”.",
        ))
        return None, problems
    reader, data = event_docs[0]
    raw_event = reader.mapping(data["event"], data.line_of("event"), "Mục event")
    if raw_event is not None:  # a missing key is told on the `event:` line
        raw_event.line = data.line_of("event")
    event, venue = reader.event(raw_event) if raw_event is not None else (None, "")
    reader.day_lost = reader.day_lost or raw_event is None  # told once, on the `event:` line
    for other, _ in documents:  # every file reads times in the event's zone and day
        other.zone, other.day, other.day_lost = reader.zone, reader.day, reader.day_lost
    linker = _Linker(event, config)
    for doc_reader, doc in documents:
        linker.read(doc_reader, doc)
    problems += [p for r, _ in documents for p in r.problems] + linker.problems
    if event is None:
        return None, problems
    if venue:
        event.venue = linker.place(venue, event.where, "venue", "Mục event")
    linker.link()
    return linker.programme(event), problems + linker.late_problems


class _Linker:
    """Collects places, sessions and delegations from all files and resolves their ids."""

    def __init__(self, event: Event | None, config: ProgrammeSettings):
        self.config = config
        self.tentative = bool(event and event.tentative)
        self.places: dict[str, Place] = {}
        self.sessions: list[tuple[Session, str]] = []
        self.delegations: list[tuple[Delegation, list, str]] = []
        self.problems: list[Problem] = []  # found while reading
        self.late_problems: list[Problem] = []  # found while linking
        # Ids written but not usable (already reported): naming them is not a second mistake.
        self.broken: set[str] = set()

    def read(self, reader: Reader, data: Mapping) -> None:
        """Take the places, sessions and delegations of one file."""
        places = data.get("places") or Mapping()
        if reader.mapping(places, data.line_of("places"), "Mục places") is not None:
            for ident, raw in places.items():
                raw = reader.mapping(raw, places.line_of(ident), f"Địa điểm “{shown(ident)}”")
                if raw is not None:  # messages about the place name its `id:` line
                    raw.line = places.line_of(ident)
                place = raw is not None and reader.place(ident, raw, self.tentative)
                if not place:
                    self.broken.add(str(ident))
                elif self._unique(place.id, place.where, self.places.values(), "địa điểm"):
                    self.places[place.id] = place
        for key, parse, store in (("sessions", self._session, self.sessions),
                                  ("delegations", self._delegation, self.delegations)):
            items = data.get(key) or []
            if not isinstance(items, list):
                reader.problem(data.line_of(key), f"Mục {key} phải là danh sách.",
                               f"mỗi mục bắt đầu bằng “- id: …” ở một dòng riêng dưới “{key}:”.")
                continue
            for raw in items:
                raw = reader.mapping(raw, data.line_of(key), f"Một mục của {key}")
                if raw is not None and (found := parse(reader, raw)):
                    store.append(found)

    def _session(self, reader: Reader, raw: Mapping):
        session, place = reader.session(raw, self.tentative)
        if session is None and raw.get("id") and not shape(raw["id"]):
            self.broken.add(tidy(raw["id"]))
        others = [s for s, _ in self.sessions]
        if session and self._unique(session.id, session.where, others, "phiên"):
            return session, place
        return None

    def _delegation(self, reader: Reader, raw: Mapping):
        delegation, stops, session = reader.delegation(raw, self.tentative)
        others = [d for d, _, _ in self.delegations]
        if delegation and self._unique(delegation.id, delegation.where, others, "đoàn"):
            return delegation, stops, session
        return None

    def _unique(self, ident: str, where: Where, others, noun: str) -> bool:
        first = next((o for o in others if o.id == ident), None)
        if first is None:
            return True
        self.problems.append(Problem(
            path=where.path, line=where.line_of("id") if noun != "địa điểm" else where.line,
            message=f"Mã “{ident}” bị trùng: đã dùng cho một {noun} khác ở "
            f"{first.where.path}:{first.where.line}.", fix=_ID_FIX))
        return False

    def place(self, ident: str, where: Where, key: str, what: str) -> Place | None:
        """Find the place named `ident`, or record a problem naming the ids that exist."""
        if ident in self.places or ident in self.broken:
            return self.places.get(ident)
        known = ", ".join(self.places) or "chưa có địa điểm nào"
        self.late_problems.append(Problem(
            path=where.path, line=where.line_of(key),
            message=f"{what} ghi địa điểm “{shown(ident)}”, nhưng mục places không có địa điểm "
            "nào mang mã này.",
            fix=f"dùng một mã có sẵn ({known}) hoặc thêm “{shown(ident)}:” vào mục places."))
        return None

    def link(self) -> None:
        """Resolve place and session ids; fill the back references pages need."""
        for session, place_id in self.sessions:
            if place_id:
                session.place = self.place(place_id, session.where, "place",
                                           f"Phiên “{session.title}”")
            if session.place:
                session.place.sessions.append(session)
        by_id = {s.id: s for s, _ in self.sessions}
        for delegation, stops, session_id in self.delegations:
            for stop, place_id in stops:
                stop.place = self.place(place_id, stop.where, "place",
                                        f"Điểm dừng thứ {stop.number} của đoàn “{delegation.name}”")
                stop.delegation = delegation
                if stop.place:
                    stop.place.stops.append(stop)
                    delegation.stops.append(stop)
            if session_id:
                delegation.session = by_id.get(session_id)
                if delegation.session is not None:
                    delegation.session.delegations.append(delegation)
                elif session_id not in self.broken:  # a broken one is already told about
                    self.late_problems.append(Problem(
                        path=delegation.where.path, line=delegation.where.line_of("session"),
                        message=f"đoàn “{delegation.name}” gắn với phiên “{shown(session_id)}”, "
                        "nhưng không có phiên nào mang mã này.",
                        fix=f"dùng mã của một phiên tham quan ({_visits(by_id)}) "
                        "hoặc bỏ dòng “session:”."))

    def programme(self, event: Event) -> Programme:
        """Return the linked programme with every URL filled in from the settings."""
        c = self.config
        for place in self.places.values():
            place.url, place.save_as = c.url("PLACE_URL", id=place.id), c.url(
                "PLACE_SAVE_AS", id=place.id)
        sessions = [s for s, _ in self.sessions]
        for s in sessions:
            s.url, s.save_as = c.url("SESSION_URL", id=s.id), c.url("SESSION_SAVE_AS", id=s.id)
            s.calendar = c.url("SESSION_CALENDAR", id=s.id)
        delegations = [d for d, _, _ in self.delegations]
        for d in delegations:
            d.calendar = c.url("DELEGATION_CALENDAR", id=d.id)
        return Programme(event=event, places=self.places, sessions=sessions,
                         delegations=delegations, url=c["URL"], save_as=c["SAVE_AS"],
                         calendar=c["CALENDAR"])


def _visits(sessions: dict) -> str:
    """The ids a delegation may name: only a `kind: visit` session has delegations."""
    visits = [ident for ident, session in sessions.items() if session.kind == "visit"]
    return ", ".join(visits) or "chưa có phiên nào “kind: visit”"
