"""The one `SEARCH` setting: defaults, and a check of what the site configuration gives."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sitekit.plugin_order import Before
from sitekit.problems import Problem
from sitekit.settings_schema import SITE_PREVIEW, DictSetting, Integer, ListOf, Option, Type
from sitekit.settings_schema import read as read_schema

# Every key, with its default and what it means.
SCHEMA: dict[str, Option] = {
    "SEARCH": DictSetting({
        # Parts of an indexed page that readers never search for: the breadcrumb, the
        # dateline, the byline, the tags and the share buttons of an article
        # (data-pagefind-ignore also works).
        "exclude_selectors": ListOf(Type(str), [".breadcrumb", ".dateline", ".byline",
                                                ".tags", ".share"],
                                    "danh sách bộ chọn CSS (chuỗi)"),
        # Words (counted with every place they occur) per index chunk. Pagefind's default,
        # 20 000, makes chunks of 100-200 KB on a 1 000-article site. A reader's every keystroke
        # searches, and each word typed loads the chunk of each of its beginnings: at 1 000 a
        # first search for "nông thôn mới" transferred 288 KB, at 400 about 205 KB, and 200
        # saves no more (bench/search.py measures it).
        "chunk_size": Integer(400, 100, expected="số nguyên từ 100 trở lên"),
        # Pages per Pagefind index. Pagefind 1.5 holds every page's words and positions
        # several times over while it writes an index: about 190 KB of memory per article
        # page, 1.9 GB at 10 000 articles. A larger site is indexed in parts of at most this
        # many pages, one after the other (at most ~0.8 GB), which search.js merges at search
        # time (Pagefind's mergeIndex); a site this size or smaller gets one index, as before.
        "pages_per_index": Integer(4000, 1, expected="một số nguyên dương"),
        # Pages of the index a search looks in first: the programme's and the newest
        # articles'. Every word typed loads its chunk, which lists every page of the index
        # holding it; this bounds what a first search transfers (about 50 KB per 1 000 pages
        # for "nông thôn mới") whatever the archive's size. The older parts are searched too
        # when these pages give fewer than a screen of results, or when the reader asks.
        "pages_searched_first": Integer(2000, 1, expected="một số nguyên dương"),
    }),
    # A preview rewrites a few pages: no index is written (the last full build's stays).
    "SITE_PREVIEW": SITE_PREVIEW,
}
DEFAULTS: dict[str, Any] = SCHEMA["SEARCH"].default

# Plugins that must come before this one in PLUGINS (sitekit.plugin_order).
BEFORE = (
    Before("plugins.editorial", "nó bắt đầu bản dựng và xoá lỗi cũ khi khởi tạo, trước khi "
           "SEARCH được kiểm tra"),
    Before("plugins.rendered", "nó gửi HTML của từng trang ghi ra để lập chỉ mục",
           required=True),
    Before("plugins.checks", "một trang web có liên kết hỏng không bao giờ được lập chỉ mục"),
)

# Folder of the search bundle inside the output, also its URL path under SITEURL.
BUNDLE = "pagefind"


@dataclass(frozen=True)
class SearchSettings:
    """The `SEARCH` setting with defaults filled in."""

    exclude_selectors: tuple[str, ...]
    chunk_size: int
    pages_per_index: int = DEFAULTS["pages_per_index"]
    pages_searched_first: int = DEFAULTS["pages_searched_first"]


def read(settings: dict) -> tuple[SearchSettings, list[Problem]]:
    """Merge `SEARCH` over the defaults; a wrong key or value becomes a Problem, not a crash."""
    values, problems = read_schema(settings, SCHEMA)
    search = values["SEARCH"]
    return SearchSettings(
        exclude_selectors=tuple(search["exclude_selectors"]),
        chunk_size=search["chunk_size"],
        pages_per_index=search["pages_per_index"],
        pages_searched_first=search["pages_searched_first"],
    ), problems
