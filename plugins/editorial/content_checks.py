"""What `invoke check` and the strict build find wrong in articles and pages.

Every check takes a Source (or all of them) and returns Problems worded for editors:
`file:line: what is wrong → what to do`.
"""

import datetime as dt
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from pelican.utils import slugify

from sitekit.date_input import DateRefused, read_date, unlikely
from sitekit.dates import VIETNAM
from sitekit.paths import within
from sitekit.problems import Problem

from . import content_files
from .boundary import target_leaves
from .sources import Source

REQUIRED = {"article": ("title", "date", "category"), "page": ("title",)}
_FIELD_LABELS = {"title": "Title (tiêu đề)", "date": "Date (ngày đăng)",
                 "category": "Category (chủ đề)"}
SUMMARY_LIMIT = 300
_LINK = re.compile(
    r"(?P<image>!?)\[[^\]]*\]\(\s*\{(?P<kind>filename|static)\}(?P<target>[^)\s\"']+)"
)
_EMPTY_CAPTION = re.compile(r"!\[\s*\]\(")


def required_fields(source: Source) -> list[Problem]:
    """Title, Date and Category must be there and not empty."""
    return [
        Problem(source.shown, f"thiếu {_FIELD_LABELS[key]}",
                f"thêm dòng `{key.capitalize()}: ...` vào phần thông tin đầu bài",
                source.line_of(key))
        for key in REQUIRED[source.kind] if not source.value(key)
    ]


_DATE_LABELS = {"date": "ngày đăng", "modified": "ngày cập nhật"}


def declared_dates(source: Source) -> Iterator[tuple[str, str, dt.datetime | DateRefused]]:
    """Date and Modified as given: the key, the text, and the moment read or why it was not."""
    for key in ("date", "modified"):
        text = source.value(key)
        if not text:
            continue
        try:
            moment: dt.datetime | DateRefused = read_date(text)
        except DateRefused as refused:
            moment = refused
        yield key, text, moment


def dates(source: Source, now: dt.datetime) -> list[Problem]:
    """Date and Modified, read exactly as the build reads them (sitekit.date_input).

    A date that is not read is an error; one probably mistyped (before 1990, over a year
    ahead) a warning; a Date in the coming year outside a draft, the notice that it waits.
    """
    problems = []
    for key, text, moment in declared_dates(source):
        if isinstance(moment, DateRefused):
            why = f": {moment.why}" if moment.why else ""
            problems.append(Problem(source.shown, f"không đọc được ngày tháng “{text}”{why}",
                                    moment.fix, source.line_of(key)))
            continue
        label, reading = _DATE_LABELS[key], f"{moment:%d/%m/%Y %H:%M}"
        if doubt := unlikely(moment, now):
            waits = "; nếu đúng, bài chờ đến ngày đó mới được đăng" \
                if key == "date" and moment > now else ""
            problems.append(Problem(
                source.shown, f"{label} {text} (đọc là {reading}) {doubt}: có gõ nhầm năm không?",
                f"sửa lại năm nếu gõ nhầm (năm hai chữ số được đọc là 20xx){waits}",
                source.line_of(key), severity="warning"))
        elif key == "date" and moment > now and source.value("status").lower() != "draft":
            problems.append(Problem(
                source.shown, f"ngày đăng {text} còn ở tương lai",
                "bài sẽ tự xuất bản ở lần dựng đầu tiên sau ngày đó; thêm `Status: draft` "
                "nếu chưa muốn đăng", source.line_of(key), severity="warning"))
    return problems


def new_categories(sources: list[Source], known: Iterable[str]) -> list[Problem]:
    """A chủ đề outside the settings' list is allowed, but announced once, at its first use."""
    users: dict[str, list[Source]] = {}
    for source in sources:
        name = source.value("category")
        if source.kind == "article" and name and name not in set(known):
            users.setdefault(name, []).append(source)
    problems = []
    for name, sources_using in users.items():
        first, others = sources_using[0], len(sources_using) - 1
        also = f" (và {others} bài khác)" if others else ""
        problems.append(Problem(
            first.shown, f"chủ đề mới “{name}” chưa có trong danh sách CATEGORIES{also}",
            "kiểm tra chính tả; nếu đúng là chủ đề mới, thêm nó vào CATEGORIES trong "
            "pelicanconf.py", first.line_of("category"), severity="warning"))
    return problems


def summary_length(source: Source) -> list[Problem]:
    """A sapo longer than 300 characters will not read as one."""
    text = re.sub(r"<[^>]+>|[*_`]", "", source.value("summary"))
    if len(text) <= SUMMARY_LIMIT:
        return []
    return [Problem(source.shown, f"sapo (Summary) dài {len(text)} ký tự, quá {SUMMARY_LIMIT}",
                    "rút gọn sapo còn một hai câu", source.line_of("summary"),
                    severity="warning")]


def body_links(source: Source, content_root: Path) -> list[Problem]:
    """{filename} and {static} links must point at files that exist; images need captions.

    Image files themselves are checked by the images plugin, which also decodes them.
    """
    return [problem for target, problem in body_link_checks(source, content_root)
            if target is None or not Path(target).exists()]


def body_link_checks(source: Source, content_root: Path) -> list[tuple[str | None, Problem]]:
    """body_links' problems in order, each with the file whose absence it needs (None: always).

    Split so that a kept review (file_review.py) looks again only at whether the files exist.
    """
    checks: list[tuple[str | None, Problem]] = []
    for number, line in source.body_lines():
        if _EMPTY_CAPTION.search(line):
            checks.append((None, Problem(
                source.shown, "ảnh không có chú thích",
                "viết chú thích trong ngoặc vuông: ![Chú thích](/images/...)",
                number, severity="warning")))
        for link in _LINK.finditer(line):
            if link["image"]:
                continue
            target = link["target"].split("#")[0].split("?")[0]
            base = content_root if target.startswith("/") else source.folder
            if target_leaves(target, _here(source, content_root)):
                continue  # boundary.py says so, once
            checks.append((str(base / target.lstrip("/")), Problem(
                source.shown, f"liên kết {{{link['kind']}}}{target} trỏ tới tệp không có",
                "sửa đường dẫn (tính từ thư mục content/) hoặc bỏ liên kết", number)))
    return checks


def duplicate_slugs(sources: list[Source], settings: dict) -> list[Problem]:
    """Two files that would be written at the same address."""
    return duplicates([(source, address_slug(source, settings)) for source in sources])


def address_slug(source: Source, settings: dict) -> str:
    """The slug a published file is written at ('' for a draft, which is not written)."""
    if source.value("status").lower() == "draft":
        return ""
    return source.value("slug") or slugify(
        source.value("title"), regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []))


def duplicates(slugged: list[tuple[Source, str]]) -> list[Problem]:
    """duplicate_slugs, each source's address_slug worked out (or kept) already."""
    seen: dict[str, Source] = {}
    problems = []
    for source, slug in slugged:
        if not slug:
            continue
        if slug in seen:
            problems.append(Problem(
                source.shown, f"địa chỉ (slug) “{slug}” trùng với {seen[slug].shown}",
                "đổi tiêu đề hoặc thêm dòng `Slug: ...` khác cho một trong hai bài",
                source.line_of("slug") if source.value("slug") else source.line_of("title")))
        else:
            seen[slug] = source
    return problems


def now_in_vietnam() -> dt.datetime:
    """The current time on the Vietnamese wall clock."""
    return dt.datetime.now(VIETNAM)


def markdown_files(content_root: Path, folders: Iterable[str],
                   settings: dict | None = None) -> list[Path]:
    """Markdown files under the given folders of the content tree, in a stable order.

    The files Pelican reads (content_files.py: every Markdown extension, its IGNORE_FILES).
    """
    settings = settings or {}
    listings = {folder: content_files.listing(content_root, [folder], settings)
                for folder in folders}
    return [Path(path) for path in markdown_paths(content_root, folders, listings)]


def markdown_paths(content_root: Path, folders: Iterable[str],
                   listings: dict[str, list[tuple[str, str]]]) -> list[str]:
    """markdown_files as text, from each folder's content_files.listing."""
    # A link leading out (or nowhere) is not read: boundary.py reports it. The walk does not
    # enter folder links, so only the folders asked for and file links need looking at.
    real_root = os.path.realpath(content_root)
    inside = [folder for folder in folders if within(str(content_root / folder), real_root)]
    found = content_files.markdown_paths([entry for folder in inside
                                          for entry in listings[folder]])
    return [path for path in found
            if (not os.path.islink(path) or within(path, real_root)) and os.path.isfile(path)]


def _here(source: Source, content_root: Path) -> str:
    return Path(os.path.relpath(source.folder, content_root)).as_posix()
