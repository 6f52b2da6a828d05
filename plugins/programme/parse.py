"""Turn the YAML mappings into the model, collecting every problem instead of stopping at one."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sitekit.date_input import DateRefused, read_wall_clock, unlikely
from sitekit.dates import VIETNAM
from sitekit.problems import Problem
from sitekit.text import slugify_vi

from .fields import Fields
from .fields import label as _label
from .fields import low as _low
from .loader import Mapping
from .model import (
    KINDS,
    STATUSES,
    Address,
    Delegation,
    Event,
    Organizer,
    Place,
    Session,
    Stop,
)
from .values import shown

_ZONE = re.compile(r"^[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+){0,2}$")
LAST_YEAR = 2100  # later: a typo (9999), and past 9999 there is no next day to compute
_CLOCK = re.compile(r"^(?P<H>\d{1,2})\s*[:hg]\s*(?P<M>\d{2})$")
_TIME_FIX = ("viết giờ:phút theo 24 giờ, ví dụ 07:30 hay 13:45 (hoặc kèm ngày: "
             "24/02/2017 07:30), và đặt trong ngoặc kép nếu muốn chắc chắn: \"07:30\".")


class Reader(Fields):
    """Reads one file's mappings; `problems` holds what the editor must fix."""

    def __init__(self, shown_as: str):
        super().__init__(shown_as)
        self.zone: ZoneInfo = VIETNAM
        self.day: dt.date | None = None
        # The event's start was refused (and told): a bare 07:30 then has no day, which is
        # that one mistake again, not a new one in every session.
        self.day_lost = False

    def moment(self, mapping: Mapping, key: str, what: str, day: dt.date | None = None,
               required: bool = True) -> dt.datetime | None:
        """Read a time (`07:30`, on `day`) or a date and time (`24/02/2017 07:30`)."""
        raw = self.need(mapping, key, what, "07:30") if required else mapping.get(key)
        if raw is None or raw == "":
            return None
        text = self.text(raw, mapping.line_of(key), f"“{key}” của {_low(what)}")
        if not text:
            return None
        day = day or self.day
        why, fix = "", _TIME_FIX
        clock = _CLOCK.match(text)
        if clock and day is None and self.day_lost:
            return None
        try:  # a date is read as in articles (sitekit.date_input): one meaning
            if clock and day is not None:
                local = dt.datetime(day.year, day.month, day.day, int(clock["H"]),
                                    int(clock["M"]))
            else:
                local = read_wall_clock(text)
        except DateRefused as refused:
            local = None
            if refused.why:  # a day the calendar lacks: its own fix, not the clock's
                why, fix = f": {refused.why}", refused.fix
        except ValueError:
            local = None
        if local is None:
            self.problem(mapping.line_of(key),
                         f"“{shown(text)}” ở khoá “{key}” của {_low(what)} "
                         f"không phải là {'ngày' if key == 'date' else 'giờ'} hợp lệ{why}.", fix)
            return None
        if local.year > LAST_YEAR:
            self.problem(mapping.line_of(key),
                         f"“{shown(text)}” ở khoá “{key}” của {_low(what)} không phải là giờ "
                         f"hợp lệ: năm {local.year} là sau năm {LAST_YEAR}.", _TIME_FIX)
            return None
        if local.tzinfo is not None:  # an explicit offset: the same instant, in the zone
            return local.astimezone(self.zone)
        return local.replace(tzinfo=self.zone)

    def doubt(self, mapping: Mapping, moments: dict[str, dt.datetime | None]) -> None:
        """Warn, as for articles, about event dates before 1990 or over a year ahead."""
        now = dt.datetime.now(self.zone)
        for key, moment in moments.items():
            if moment is not None and (why := unlikely(moment, now)):
                self.problems.append(Problem(
                    path=self.path, line=mapping.line_of(key), severity="warning",
                    message=f"“{key}” của mục event ({moment:%d/%m/%Y %H:%M}) {why}: "
                    "có gõ nhầm năm không?",
                    fix="sửa lại năm nếu gõ nhầm (năm hai chữ số được đọc là 20xx)."))

    # -- the four parts of a programme ---------------------------------------------------------
    def event(self, raw: Mapping) -> tuple[Event | None, str]:
        """Read the `event:` block; it also fixes the time zone and the day times default to."""
        what = "Mục event"
        zone_name = self.words(raw, "timezone", what) or VIETNAM.key
        try:  # a zone name is a path into the tz database: no `..`, no folder, not too long
            if not (len(zone_name) <= 64 and _ZONE.match(zone_name)):
                raise ValueError(zone_name)
            self.zone = ZoneInfo(zone_name)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            self.problem(raw.line_of("timezone"), f"Múi giờ “{shown(zone_name)}” không tồn tại.",
                         "viết `timezone: Asia/Ho_Chi_Minh` (giờ Việt Nam).")
        start = self.moment(raw, "start", what)
        self.day = start.date() if start else None
        self.day_lost = start is None
        end = self.moment(raw, "end", what)
        updated = self.moment(raw, "updated", what)
        self.doubt(raw, {"start": start, "end": end, "updated": updated})
        name = self.words(raw, "name", what, "Hội nghị toàn quốc …")
        organizer = self.organizer(raw.get("organizer"), raw)
        status = self.words(raw, "status", what) or "scheduled"
        if status not in STATUSES:
            self.problem(raw.line_of("status"),
                         f"Trạng thái “{shown(status)}” không có trong danh sách.",
                         f"dùng một trong: {', '.join(STATUSES)}.")
            status = "scheduled"
        ident = self.ident(raw, what, raw.get("id") or slugify_vi(name or "hoi-nghi"))
        if not (start and end and updated and name and organizer and ident):
            return None, ""
        event = Event(id=ident, name=name, start=start, end=end, timezone=zone_name,
                      organizer=organizer, updated=updated, where=self.where(raw),
                      description=self.words(raw, "description", what, lines=True),
                      status=status, tentative=self.flag(raw, "tentative", False))
        return event, self.words(raw, "venue", what)

    def organizer(self, value: object, raw: Mapping) -> Organizer | None:
        """`organizer: Tên` or `organizer: {name: …, url: …}`."""
        if isinstance(value, Mapping):
            name = self.words(value, "name", "Mục organizer", "Văn phòng Điều phối …")
            url = self.words(value, "url", "Mục organizer")
            if url and not url.startswith(("https://", "http://")):
                self.problem(value.line_of("url"), f"Địa chỉ web “{shown(url)}” của mục "
                             "organizer phải bắt đầu bằng https:// hoặc http://.",
                             "chép đủ địa chỉ từ thanh địa chỉ của trình duyệt.")
                return None
            return Organizer(name, url) if name else None
        name = self.words(raw, "organizer", "Mục event", "Văn phòng Điều phối …")
        return Organizer(name) if name else None

    def place(self, ident: str, raw: Mapping, default_tentative: bool) -> Place | None:
        """Read one entry of `places:`."""
        what = f"Địa điểm “{shown(ident)}”"
        ident = self.ident(raw, what, ident)
        name = self.words(raw, "name", what, "Trung tâm Văn hóa – Điện ảnh Hà Tĩnh")
        address = self.address(self.need(raw, "address", what, "{province: Hà Tĩnh}"), raw, what)
        geo = self.geo(raw, what)
        if not (ident and name and address):
            return None
        return Place(id=ident, name=name, address=address, where=self.where(raw), geo=geo,
                     description=self.words(raw, "description", what, lines=True),
                     tentative=self.flag(raw, "tentative", default_tentative))

    def address(self, value: object, raw: Mapping, what: str) -> Address | None:
        """`address: một dòng` or a block with street, ward, district, province, country."""
        if value is None:
            return None
        if not isinstance(value, Mapping):
            street = self.words(raw, "address", what)
            return Address(street=street) if street else None
        known = {"street", "ward", "district", "province", "country"}
        for key in sorted(set(value) - known):
            self.problem(value.line_of(key),
                         f"Địa chỉ của {_low(what)} có khoá lạ “{shown(key)}”.",
                         f"chỉ dùng các khoá: {', '.join(sorted(known))}.")
        return Address(**{k: self.words(value, k, what) for k in known & set(value)})

    def session(self, raw: Mapping, default_tentative: bool) -> tuple[Session | None, str]:
        """Read one item of `sessions:`: it and the place id it names."""
        what = f"Phiên “{_label(raw, 'title', 'id')}”"
        ident = self.ident(raw, what)
        title = self.words(raw, "title", what, "Khai mạc hội nghị")
        kind = self.words(raw, "kind", what, "plenary")
        if kind and kind not in KINDS:
            self.problem(raw.line_of("kind"),
                         f"Loại phiên “{shown(kind)}” không có trong danh sách.",
                         f"dùng một trong: {', '.join(KINDS)}.")
            kind = ""
        day = self.moment(raw, "date", what, required=False)
        start = self.moment(raw, "start", what, day and day.date())
        end = self.moment(raw, "end", what, day and day.date())
        place = self.words(raw, "place", what)
        if not place and kind and kind != "visit":
            self.need(raw, "place", what, "trung-tam-van-hoa")
        speakers = self.speakers(raw, what)
        if not (ident and title and kind and start and end):
            return None, place
        return Session(id=ident, title=title, kind=kind, start=start, end=end,
                       where=self.where(raw), speakers=speakers,
                       description=self.words(raw, "description", what, lines=True),
                       tentative=self.flag(raw, "tentative", default_tentative)), place

    def speakers(self, raw: Mapping, what: str) -> list[str]:
        """`speakers: [Ông A, Bà B]` (or one name): each a name on one line."""
        value, line = raw.get("speakers") or [], raw.line_of("speakers")
        if isinstance(value, Mapping):
            self.problem(line, f"“speakers” của {_low(what)} phải là một danh sách tên, không "
                         "phải một khối “khoá: giá trị”.", "viết mỗi người một dòng “- Tên”.")
            return []
        subject = f"Mỗi người trong “speakers” của {_low(what)}"
        names = [self.text(v, line, subject) for v in (value if isinstance(value, list)
                                                          else [value])]
        return [name for name in names if name]

    def delegation(self, raw: Mapping, default_tentative: bool
                   ) -> tuple[Delegation | None, list[tuple[Stop, str]], str]:
        """Read one item of `delegations:`: it, its stops with their place ids, its session id."""
        what = f"Đoàn “{_label(raw, 'name', 'id')}”"
        ident = self.ident(raw, what)
        name = self.words(raw, "name", what, "Đoàn 1")
        day = self.moment(raw, "date", what, required=False)
        stops_raw = self.need(raw, "stops", what, "(mỗi điểm dừng một dòng “- place: …”)")
        if stops_raw is not None and not isinstance(stops_raw, list):
            self.problem(raw.line_of("stops"), f"“stops” của {_low(what)} phải là danh sách.",
                         "mỗi điểm dừng bắt đầu bằng “- place: …” ở một dòng riêng.")
            stops_raw = None
        elif stops_raw == []:  # `stops: []`: the đoàn would vanish from every page unsaid
            self.problem(raw.line_of("stops"), f"{what} không có điểm dừng nào (“stops” là danh "
                         "sách rỗng) nên không được đưa lên chương trình",
                         "ghi mỗi điểm dừng một dòng “- place: …” dưới “stops:”, hoặc xoá cả đoàn")
        tentative = self.flag(raw, "tentative", default_tentative)
        stops: list[tuple[Stop, str]] = []
        seen: Counter[str] = Counter()
        for number, item in enumerate(stops_raw or [], start=1):
            stop_what = f"Điểm dừng thứ {number} của {_low(what)}"
            item = self.mapping(item, raw.line_of("stops"), stop_what)
            if item is None:
                continue
            place = self.words(item, "place", stop_what, "xa-thach-ha")
            arrive = self.moment(item, "arrive", stop_what, day and day.date(), required=False)
            depart = self.moment(item, "depart", stop_what, day and day.date(), required=False)
            if not ("arrive" in item or "depart" in item):
                self.need(item, "arrive", stop_what, "07:30")
            distance = self.distance(item, stop_what, required=number > 1)
            if not (place and (arrive or depart)):
                continue
            seen[place] += 1
            stop = Stop(place=None, where=self.where(item), arrive=arrive, depart=depart,  # type: ignore[arg-type]
                        distance_km=distance, note=self.words(item, "note", stop_what, lines=True),
                        tentative=self.flag(item, "tentative", tentative), number=number,
                        uid_key=f"{ident}-{place}-{seen[place]}")
            stops.append((stop, place))
        if not (ident and name and stops_raw):
            return None, stops, ""
        delegation = Delegation(id=ident, name=name, where=self.where(raw),
                                leader=self.words(raw, "leader", what),
                                description=self.words(raw, "description", what, lines=True))
        return delegation, stops, self.words(raw, "session", what)
