"""The one `PROGRAMME` setting: defaults, and a check of what the site configuration gives."""

from __future__ import annotations

from dataclasses import dataclass

from sitekit.dict_setting import merge_dict_setting
from sitekit.problems import Problem

# Every key, with its default and what it means (the README repeats this for editors).
DEFAULTS: dict[str, str] = {
    # Folder of the YAML data, relative to PATH (the content folder). Absent folder: no programme.
    "PATH": "programme",
    # Pages, folder-style like the rest of the site.
    "URL": "chuong-trinh/",
    "SAVE_AS": "chuong-trinh/index.html",
    "SESSION_URL": "chuong-trinh/phien/{id}/",
    "SESSION_SAVE_AS": "chuong-trinh/phien/{id}/index.html",
    "PLACE_URL": "chuong-trinh/dia-diem/{id}/",
    "PLACE_SAVE_AS": "chuong-trinh/dia-diem/{id}/index.html",
    # Calendars: URL and file name are the same path.
    "CALENDAR": "lich/programme.ics",
    "SESSION_CALENDAR": "lich/phien/{id}.ics",
    "DELEGATION_CALENDAR": "lich/doan/{id}.ics",
}

_PATTERNS = {"SESSION_URL", "SESSION_SAVE_AS", "PLACE_URL", "PLACE_SAVE_AS",
             "SESSION_CALENDAR", "DELEGATION_CALENDAR"}


@dataclass(frozen=True)
class ProgrammeSettings:
    """The `PROGRAMME` setting with defaults filled in."""

    values: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.values[key]

    def url(self, key: str, **fields: str) -> str:
        """Fill a URL or file name pattern, e.g. `url("SESSION_URL", id="hoi-nghi")`."""
        return self.values[key].format(**fields)


def read(settings: dict) -> tuple[ProgrammeSettings, list[Problem]]:
    """Merge `PROGRAMME` over the defaults; a wrong key or value becomes a Problem, not a crash."""
    values, problems = merge_dict_setting(settings, "PROGRAMME", DEFAULTS, _expect)
    return ProgrammeSettings(values), problems


def _expect(key: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        return "một chuỗi không rỗng"
    if key in _PATTERNS and "{id}" not in value:
        return "một mẫu chứa {id}, để mỗi phiên, địa điểm có đường dẫn riêng"
    return ""

