"""The one `PROGRAMME` setting: defaults, and a check of what the site configuration gives."""

from __future__ import annotations

from dataclasses import dataclass

from plugins.editorial import Problem

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
    given = settings.get("PROGRAMME", {}) or {}
    problems: list[Problem] = []
    if not isinstance(given, dict):
        problems.append(_problem(
            "PROGRAMME phải là một từ điển (dict) các khoá như PATH, URL…, "
            f"nhưng đang là {type(given).__name__}.",
        ))
        given = {}
    values = dict(DEFAULTS)
    for key, value in given.items():
        if key not in DEFAULTS:
            problems.append(_problem(
                f"PROGRAMME['{key}'] không phải khoá đã biết; các khoá có: "
                f"{', '.join(DEFAULTS)}.",
            ))
        elif not isinstance(value, str) or not value.strip():
            problems.append(_problem(
                f"PROGRAMME['{key}'] phải là một chuỗi không rỗng, nhưng đang là {value!r}.",
            ))
        elif key in _PATTERNS and "{id}" not in value:
            problems.append(_problem(
                f"PROGRAMME['{key}'] phải chứa {{id}} để mỗi phiên, địa điểm có đường dẫn riêng, "
                f"nhưng đang là {value!r}.",
            ))
        else:
            values[key] = value
    return ProgrammeSettings(values), problems


def _problem(message: str) -> Problem:
    return Problem(
        path="pelicanconf.py",
        message=message,
        fix="sửa hoặc xoá khoá đó trong PROGRAMME (để trống thì dùng giá trị mặc định).",
    )
