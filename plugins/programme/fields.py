"""Reading one value of a programme item: text, id, yes/no, kilometres, coordinates.

Every value comes from a file we do not control: a list where text belongs, a number Python
cannot print, a distance of `.nan` becomes a Problem at its line, never an exception or a repr.
"""

from __future__ import annotations

import math
import re

from sitekit.problems import Problem
from sitekit.text import slugify_vi

from .loader import Mapping
from .model import Where
from .values import TEXT_FIX, shape, shown, tidy

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ID_LENGTH = 64  # ids become file names and calendar UIDs
MAX_KM = 20_000  # half the Earth's circumference: no leg of a route is longer


def low(what: str) -> str:
    """`Phiên “X”` → `phiên “X”`, to use a subject in the middle of a sentence."""
    return what[:1].lower() + what[1:]


def label(raw: Mapping, *keys: str) -> str:
    """What to call an item in messages: the first of `keys` written as text, else `?`."""
    found = (raw.get(k) for k in keys)
    return next((shown(v) for v in found if v not in (None, "") and shape(v) is None), "?")


class Fields:
    """Reads values of one file's mappings; `problems` holds what the editor must fix."""

    def __init__(self, shown_as: str):
        self.path = shown_as
        self.problems: list[Problem] = []

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
                         f"thêm khoá “{key}” vào {low(what)}, ví dụ `{key}: {example}`.")
        return value

    def text(self, value: object, line: int | None, subject: str, lines: bool = False) -> str:
        """Text on one line (unless `lines`); a list or a block is a problem told as `subject`."""
        if value is None:
            return ""
        if found := shape(value):
            self.problem(line, f"{subject} phải là chữ, không phải {found}.", TEXT_FIX)
            return ""
        return tidy(value, lines)

    def words(self, mapping: Mapping, key: str, what: str, example: str | None = None,
              lines: bool = False) -> str:
        """The text at `key` of `what`, required when an `example` is given."""
        value = self.need(mapping, key, what, example) if example else mapping.get(key)
        return self.text(value, mapping.line_of(key), f"“{key}” của {low(what)}", lines)

    def flag(self, mapping: Mapping, key: str, default: bool) -> bool:
        """Read a yes/no key (`true`/`false`)."""
        value = mapping.get(key, default)
        if isinstance(value, bool):
            return value
        found = shape(value) or f"“{shown(value)}”"
        self.problem(mapping.line_of(key), f"“{key}” phải là true hoặc false, không phải {found}.",
                     f"viết `{key}: true` (có) hoặc `{key}: false` (không).")
        return default

    def ident(self, mapping: Mapping, what: str, value: object = None) -> str | None:
        """Read an id usable in URLs and calendar UIDs."""
        if value is None:
            value = self.need(mapping, "id", what, "hoi-nghi")
        ident = self.text(value, mapping.line_of("id"), f"“id” của {low(what)}")
        if len(ident) > _ID_LENGTH:
            self.problem(mapping.line_of("id"),
                         f"Mã “{shown(ident)}” của {low(what)} dài hơn {_ID_LENGTH} ký tự.",
                         "dùng một mã ngắn: vài chữ thường không dấu nối bằng gạch ngang.")
            return None
        if ident and not _ID.match(ident):
            self.problem(mapping.line_of("id"),
                         f"Mã “{shown(ident)}” của {low(what)} có ký tự không dùng được "
                         "trong đường dẫn.", "dùng chữ thường không dấu nối bằng gạch ngang, "
                         f"ví dụ “{slugify_vi(ident)}”.")
            return None
        return ident or None

    def distance(self, mapping: Mapping, what: str, required: bool) -> float:
        """Kilometres; `12,5` (Vietnamese comma) is read like `12.5`."""
        raw = self.need(mapping, "distance_km", what, "12,5") if required else mapping.get(
            "distance_km", 0)
        if raw is None:
            return 0.0
        value = math.nan
        if not (found := shape(raw)):
            try:
                value = float(str(raw).replace(",", ".").removesuffix("km").strip())
            except ValueError:
                pass
        if not 0 <= value <= MAX_KM:  # also refuses nan and inf (`.nan`, `1e999`)
            self.problem(mapping.line_of("distance_km"),
                         f"Quãng đường của {low(what)} phải là một số, không phải {found}."
                         if found else f"Quãng đường “{shown(raw)}” của {low(what)} "
                         "không phải số km hợp lệ.",
                         "ghi số km tính từ điểm trước, ví dụ `distance_km: 12,5`.")
            return 0.0
        return value

    def geo(self, raw: Mapping, what: str) -> tuple[float, float] | None:
        """`geo: [vĩ độ, kinh độ]`."""
        value = raw.get("geo")
        if value is None:
            return None
        try:
            if not isinstance(value, list):
                raise TypeError(value)
            lat, lon = (float(v) for v in value)
            if -90 <= lat <= 90 and -180 <= lon <= 180:
                return lat, lon
        except (TypeError, ValueError):
            pass
        self.problem(raw.line_of("geo"), f"Toạ độ của {low(what)} không hợp lệ.",
                     "viết `geo: [18.3428, 105.9057]` (vĩ độ, kinh độ, dấu chấm thập phân).")
        return None
