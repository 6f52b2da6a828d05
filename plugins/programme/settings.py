"""The one `PROGRAMME` setting: defaults, and a check of what the site configuration gives."""

from __future__ import annotations

from dataclasses import dataclass

from sitekit.plugin_order import Before
from sitekit.problems import Problem
from sitekit.settings_schema import DictSetting, Option, Text
from sitekit.settings_schema import read as read_schema

_PATTERN = "một mẫu chứa {id}, để mỗi phiên, địa điểm có đường dẫn riêng"

# Every key, with its default and what it means (the README repeats this for editors).
SCHEMA: dict[str, Option] = {
    "PROGRAMME": DictSetting({
        # Folder of the YAML data, relative to PATH (the content folder). Absent folder: no
        # programme.
        "PATH": Text("programme"),
        # Pages, folder-style like the rest of the site.
        "URL": Text("chuong-trinh/"),
        "SAVE_AS": Text("chuong-trinh/index.html"),
        "SESSION_URL": Text("chuong-trinh/phien/{id}/", "{id}", _PATTERN),
        "SESSION_SAVE_AS": Text("chuong-trinh/phien/{id}/index.html", "{id}", _PATTERN),
        "PLACE_URL": Text("chuong-trinh/dia-diem/{id}/", "{id}", _PATTERN),
        "PLACE_SAVE_AS": Text("chuong-trinh/dia-diem/{id}/index.html", "{id}", _PATTERN),
        # Calendars: URL and file name are the same path.
        "CALENDAR": Text("lich/programme.ics"),
        "SESSION_CALENDAR": Text("lich/phien/{id}.ics", "{id}", _PATTERN),
        "DELEGATION_CALENDAR": Text("lich/doan/{id}.ics", "{id}", _PATTERN),
    }),
}
DEFAULTS: dict[str, str] = SCHEMA["PROGRAMME"].default

# Plugins that must come before this one in PLUGINS (sitekit.plugin_order).
BEFORE = (
    Before("plugins.editorial", "bài viết được làm sạch trước khi thay liên kết {programme}"),
)


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
    values, problems = read_schema(settings, SCHEMA)
    return ProgrammeSettings(values["PROGRAMME"]), problems
