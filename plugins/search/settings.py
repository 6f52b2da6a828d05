"""The one `SEARCH` setting: defaults, and a check of what the site configuration gives."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sitekit.dict_setting import merge_dict_setting
from sitekit.problems import Problem

# Every key, with its default and what it means.
DEFAULTS: dict[str, Any] = {
    # Parts of an indexed page that readers never search for: the breadcrumb, the dateline,
    # the byline, the tags and the share buttons of an article (data-pagefind-ignore also works).
    "exclude_selectors": [".breadcrumb", ".dateline", ".byline", ".tags", ".share"],
    # Words (counted with every place they occur) per index chunk. Pagefind's default, 20 000,
    # makes chunks of 100-200 KB on a 1 000-article site, and a first search loads two or three;
    # at 1 000 a search for "nông thôn mới" transfers under 300 KB (bench/search.py measures it).
    "chunk_size": 1000,
}

# Folder of the search bundle inside the output, also its URL path under SITEURL.
BUNDLE = "pagefind"


@dataclass(frozen=True)
class SearchSettings:
    """The `SEARCH` setting with defaults filled in."""

    exclude_selectors: tuple[str, ...]
    chunk_size: int


def read(settings: dict) -> tuple[SearchSettings, list[Problem]]:
    """Merge `SEARCH` over the defaults; a wrong key or value becomes a Problem, not a crash."""
    values, problems = merge_dict_setting(settings, "SEARCH", DEFAULTS, _expect)
    return SearchSettings(
        exclude_selectors=tuple(values["exclude_selectors"]),
        chunk_size=values["chunk_size"],
    ), problems


def _expect(key: str, value: object) -> str:
    if key == "exclude_selectors" and not (
            isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)):
        return "danh sách bộ chọn CSS (chuỗi)"
    if key == "chunk_size" and not (
            isinstance(value, int) and not isinstance(value, bool) and value >= 100):
        return "số nguyên từ 100 trở lên"
    return ""
