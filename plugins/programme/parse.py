"""Turn the YAML mappings into the model, collecting every problem instead of stopping at one."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from plugins.editorial import Problem
from plugins.vietnamese.dates import parse_day_first
from plugins.vietnamese.text import nfc, slugify_vi

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
    Where,
)

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_CLOCK = re.compile(r"^(?P<H>\d{1,2})\s*[:hg]\s*(?P<M>\d{2})$")
_ISO = re.compile(
    r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[ T]+(?P<H>\d{1,2}):(?P<M>\d{2}))?$"
)
_TIME_FIX = ("viết giờ:phút theo 24 giờ, ví dụ 07:30 hay 13:45 (hoặc kèm ngày: "
             "24/02/2017 07:30), và đặt trong ngoặc kép nếu muốn chắc chắn: \"07:30\".")


def _low(what: str) -> str:
    """`Phiên “X”` → `phiên “X”`, to use a subject in the middle of a sentence."""
    return what[:1].lower() + what[1:]


class Reader:
    """Reads one file's mappings; `problems` holds what the editor must fix."""

    def __init__(self, shown_as: str):
        self.path = shown_as
        self.problems: list[Problem] = []
        self.zone = ZoneInfo("Asia/Ho_Chi_Minh")
        self.day: dt.date | None = None

    # -- small helpers ---------------------------------------------------------------------
    def where(self, mapping: Mapping) -> Where:
        """Where this mapping is, for later messages."""
        return Where(self.path, mapping.line, dict(mapping.key_lines))

    def problem(self, line: int | None, message: str, fix: str) -> None:
        """Record a problem in this file."""
        self.problems.append(Problem(path=self.path, line=line, message=message, fix=fix))

    def mapping(self, value: object, line: int, what: str) -> Mapping | None:
        """`value` when it is a block of `key: value` lines, else a problem."""
        if isinstance(value, Mapping):
            return value
        self.problem(line, f"{what} phải là một khối các dòng “khoá: giá trị”.",
                     "thụt lề các dòng bên dưới bằng dấu cách, mỗi dòng dạng `khoá: giá trị`.")
        return None

    def need(self, mapping: Mapping, key: str, what: str, example: str) -> object | None:
        """Return a required key's value, or record which key is missing and how to add it."""
        value = mapping.get(key)
        if value is None or value == "":
            self.problem(mapping.line, f"{what} thiếu khoá bắt buộc “{key}”.",
                         f"thêm dòng `{key}: {example}` vào {_low(what)}.")
        return value

    def text(self, value: object) -> str:
        """Composed (NFC) text; numbers and booleans become their text."""
        return "" if value is None else nfc(str(value)).strip()

    def flag(self, mapping: Mapping, key: str, default: bool) -> bool:
        """Read a yes/no key (`true`/`false`)."""
        value = mapping.get(key, default)
        if isinstance(value, bool):
            return value
        self.problem(mapping.line_of(key),
                     f"“{key}” phải là true hoặc false, không phải “{value}”.",
                     f"viết `{key}: true` (có) hoặc `{key}: false` (không).")
        return default

    def ident(self, mapping: Mapping, what: str, value: object = None) -> str | None:
        """Read an id usable in URLs and calendar UIDs."""
        if value is None:
            value = self.need(mapping, "id", what, "hoi-nghi")
        ident = self.text(value)
        if ident and not _ID.match(ident):
            self.problem(mapping.line_of("id"),
                         f"Mã “{ident}” của {_low(what)} có ký tự không dùng được trong đường dẫn.",
                         "dùng chữ thường không dấu nối bằng gạch ngang, "
                         f"ví dụ “{slugify_vi(ident)}”.")
            return None
        return ident or None

    def moment(self, mapping: Mapping, key: str, what: str, day: dt.date | None = None,
               required: bool = True) -> dt.datetime | None:
        """Read a time (`07:30`, on `day`) or a date and time (`24/02/2017 07:30`)."""
        raw = self.need(mapping, key, what, "07:30") if required else mapping.get(key)
        if raw is None or raw == "":
            return None
        text = self.text(raw)
        day = day or self.day
        if (m := _CLOCK.match(text)) and day is not None:
            parts = {"y": day.year, "m": day.month, "d": day.day, "H": m["H"], "M": m["M"]}
        elif m := _ISO.match(text):
            parts = m.groupdict(default="0")
        elif found := parse_day_first(text):
            parts = {"y": found.year, "m": found.month, "d": found.day,
                     "H": found.hour, "M": found.minute}
        else:
            parts = None
        try:
            local = dt.datetime(*(int(parts[k]) for k in "ymdHM")) if parts else None
        except ValueError:
            local = None
        if local is None:
            self.problem(mapping.line_of(key),
                         f"“{text}” ở khoá “{key}” của {_low(what)} "
                         "không phải là giờ hợp lệ.", _TIME_FIX)
            return None
        return local.replace(tzinfo=self.zone)

    def distance(self, mapping: Mapping, what: str, required: bool) -> float:
        """Kilometres; `12,5` (Vietnamese comma) is read like `12.5`."""
        raw = self.need(mapping, "distance_km", what, "12,5") if required else mapping.get(
            "distance_km", 0)
        if raw is None:
            return 0.0
        try:
            value = float(str(raw).replace(",", ".").removesuffix("km").strip())
        except ValueError:
            value = -1.0
        if value < 0:
            self.problem(mapping.line_of("distance_km"),
                         f"Quãng đường “{raw}” của {_low(what)} không phải số km hợp lệ.",
                         "ghi số km tính từ điểm trước, ví dụ `distance_km: 12,5`.")
            return 0.0
        return value

    # -- the four parts of a programme ---------------------------------------------------------
    def event(self, raw: Mapping) -> tuple[Event | None, str]:
        """Read the `event:` block; it also fixes the time zone and the day times default to."""
        what = "Mục event"
        zone_name = self.text(raw.get("timezone") or "Asia/Ho_Chi_Minh")
        try:
            self.zone = ZoneInfo(zone_name)
        except (ZoneInfoNotFoundError, ValueError):
            self.problem(raw.line_of("timezone"), f"Múi giờ “{zone_name}” không tồn tại.",
                         "viết `timezone: Asia/Ho_Chi_Minh` (giờ Việt Nam).")
        start = self.moment(raw, "start", what)
        self.day = start.date() if start else None
        end = self.moment(raw, "end", what)
        updated = self.moment(raw, "updated", what)
        name = self.text(self.need(raw, "name", what, "Hội nghị toàn quốc …"))
        organizer = self.organizer(raw.get("organizer"), raw)
        status = self.text(raw.get("status") or "scheduled")
        if status not in STATUSES:
            self.problem(raw.line_of("status"), f"Trạng thái “{status}” không có trong danh sách.",
                         f"dùng một trong: {', '.join(STATUSES)}.")
            status = "scheduled"
        ident = self.ident(raw, what, raw.get("id") or slugify_vi(name or "hoi-nghi"))
        if not (start and end and updated and name and organizer and ident):
            return None, ""
        event = Event(id=ident, name=name, start=start, end=end, timezone=zone_name,
                      organizer=organizer, updated=updated, where=self.where(raw),
                      description=self.text(raw.get("description")), status=status,
                      tentative=self.flag(raw, "tentative", False))
        return event, self.text(raw.get("venue"))

    def organizer(self, value: object, raw: Mapping) -> Organizer | None:
        """`organizer: Tên` or `organizer: {name: …, url: …}`."""
        if isinstance(value, Mapping):
            name = self.text(self.need(value, "name", "Mục organizer", "Văn phòng Điều phối …"))
            return Organizer(name, self.text(value.get("url"))) if name else None
        name = self.text(self.need(raw, "organizer", "Mục event", "Văn phòng Điều phối …"))
        return Organizer(name) if name else None

    def place(self, ident: str, raw: Mapping, default_tentative: bool) -> Place | None:
        """Read one entry of `places:`."""
        what = f"Địa điểm “{ident}”"
        ident = self.ident(raw, what, ident)
        name = self.text(self.need(raw, "name", what, "Trung tâm Văn hóa – Điện ảnh Hà Tĩnh"))
        address = self.address(self.need(raw, "address", what, "{province: Hà Tĩnh}"), raw, what)
        geo = self.geo(raw, what)
        if not (ident and name and address):
            return None
        return Place(id=ident, name=name, address=address, where=self.where(raw), geo=geo,
                     description=self.text(raw.get("description")),
                     tentative=self.flag(raw, "tentative", default_tentative))

    def address(self, value: object, raw: Mapping, what: str) -> Address | None:
        """`address: một dòng` or a block with street, ward, district, province, country."""
        if value is None:
            return None
        if not isinstance(value, Mapping):
            return Address(street=self.text(value))
        known = {"street", "ward", "district", "province", "country"}
        for key in sorted(set(value) - known):
            self.problem(value.line_of(key), f"Địa chỉ của {_low(what)} có khoá lạ “{key}”.",
                         f"chỉ dùng các khoá: {', '.join(sorted(known))}.")
        return Address(**{k: self.text(value[k]) for k in known & set(value)})

    def geo(self, raw: Mapping, what: str) -> tuple[float, float] | None:
        """`geo: [vĩ độ, kinh độ]`."""
        value = raw.get("geo")
        if value is None:
            return None
        try:
            lat, lon = (float(v) for v in value)
            if -90 <= lat <= 90 and -180 <= lon <= 180:
                return lat, lon
        except (TypeError, ValueError):
            pass
        self.problem(raw.line_of("geo"), f"Toạ độ của {_low(what)} không hợp lệ.",
                     "viết `geo: [18.3428, 105.9057]` (vĩ độ, kinh độ, dấu chấm thập phân).")
        return None

    def session(self, raw: Mapping, default_tentative: bool) -> tuple[Session | None, str]:
        """Read one item of `sessions:`: it and the place id it names."""
        what = f"Phiên “{self.text(raw.get('title') or raw.get('id') or '?')}”"
        ident = self.ident(raw, what)
        title = self.text(self.need(raw, "title", what, "Khai mạc hội nghị"))
        kind = self.text(self.need(raw, "kind", what, "plenary"))
        if kind and kind not in KINDS:
            self.problem(raw.line_of("kind"), f"Loại phiên “{kind}” không có trong danh sách.",
                         f"dùng một trong: {', '.join(KINDS)}.")
            kind = ""
        day = self.moment(raw, "date", what, required=False)
        start = self.moment(raw, "start", what, day and day.date())
        end = self.moment(raw, "end", what, day and day.date())
        place = self.text(raw.get("place"))
        if not place and kind and kind != "visit":
            self.need(raw, "place", what, "trung-tam-van-hoa")
        speakers = raw.get("speakers") or []
        speakers = [self.text(s) for s in (speakers if isinstance(speakers, list) else [speakers])]
        if not (ident and title and kind and start and end):
            return None, place
        return Session(id=ident, title=title, kind=kind, start=start, end=end,
                       where=self.where(raw), speakers=speakers,
                       description=self.text(raw.get("description")),
                       tentative=self.flag(raw, "tentative", default_tentative)), place

    def delegation(self, raw: Mapping, default_tentative: bool
                   ) -> tuple[Delegation | None, list[tuple[Stop, str]], str]:
        """Read one item of `delegations:`: it, its stops with their place ids, its session id."""
        what = f"Đoàn “{self.text(raw.get('name') or raw.get('id') or '?')}”"
        ident = self.ident(raw, what)
        name = self.text(self.need(raw, "name", what, "Đoàn 1"))
        day = self.moment(raw, "date", what, required=False)
        stops_raw = self.need(raw, "stops", what, "(mỗi điểm dừng một dòng “- place: …”)")
        if stops_raw is not None and not isinstance(stops_raw, list):
            self.problem(raw.line_of("stops"), f"“stops” của {_low(what)} phải là danh sách.",
                         "mỗi điểm dừng bắt đầu bằng “- place: …” ở một dòng riêng.")
            stops_raw = None
        tentative = self.flag(raw, "tentative", default_tentative)
        stops: list[tuple[Stop, str]] = []
        seen: Counter[str] = Counter()
        for number, item in enumerate(stops_raw or [], start=1):
            stop_what = f"Điểm dừng thứ {number} của {_low(what)}"
            item = self.mapping(item, raw.line_of("stops"), stop_what)
            if item is None:
                continue
            place = self.text(self.need(item, "place", stop_what, "xa-thach-ha"))
            arrive = self.moment(item, "arrive", stop_what, day and day.date(), required=False)
            depart = self.moment(item, "depart", stop_what, day and day.date(), required=False)
            if not ("arrive" in item or "depart" in item):
                self.need(item, "arrive", stop_what, "07:30")
            distance = self.distance(item, stop_what, required=number > 1)
            if not (place and (arrive or depart)):
                continue
            seen[place] += 1
            stop = Stop(place=None, where=self.where(item), arrive=arrive, depart=depart,  # type: ignore[arg-type]
                        distance_km=distance, note=self.text(item.get("note")),
                        tentative=self.flag(item, "tentative", tentative), number=number,
                        uid_key=f"{ident}-{place}-{seen[place]}")
            stops.append((stop, place))
        if not (ident and name and stops_raw):
            return None, stops, ""
        delegation = Delegation(id=ident, name=name, where=self.where(raw),
                                leader=self.text(raw.get("leader")),
                                description=self.text(raw.get("description")))
        return delegation, stops, self.text(raw.get("session"))
