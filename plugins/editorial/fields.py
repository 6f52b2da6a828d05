"""Metadata fields Pelican takes as they stand: repeated keys, Template, Lang, addresses.

Each check here answers a failure generated content found (tests/test_hostile_found.py):
- a key written twice (or continued on an indented line) became a Python list, printed by a
  template as `['Một', 'Hai']`, or breaking Pelican (`Translation:` twice);
- a template the theme does not have, a language code that is a sentence, a title or tag too
  long for a file name stopped the build with a traceback;
- a `Save_as:` the listings do not link (or an empty one, which writes nothing), a `Slug:` or
  `Url:` with `#`, `?` or `%` in it gave broken links named after output pages.
Leaving the output folder through `..` or a leading `/` is boundary.py's sentence, not ours.
"""

import difflib
import re

from pelican.utils import slugify

from sitekit.problems import Problem
from sitekit.text import slugify_vi

from .sources import Source

# Bytes in one path segment: file systems take 255; a translation adds `-<lang>.html`.
NAME_LIMIT = 200
_LANG = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$")
_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
# What an address may hold to mean the same on disk, in a link and in a browser's address bar.
_ADDRESS = re.compile(r"^[A-Za-z0-9._~-]+(?:/[A-Za-z0-9._~-]+)*/?$")
_TEMPLATES = {"article": "article", "page": "page"}
_ADDRESS_FIX = ("xoá dòng này: địa chỉ bài do Slug quyết định (muốn đổi thì viết `Slug: ...` "
                "chỉ gồm chữ không dấu, số và gạch ngang)")
# Which settings slugify each field that becomes a folder name (Pelican's own choice).
_SLUGGED = (("category", "CATEGORY_REGEX_SUBSTITUTIONS", "Category"),
            ("author", "AUTHOR_REGEX_SUBSTITUTIONS", "Author"),
            ("authors", "AUTHOR_REGEX_SUBSTITUTIONS", "Authors"),
            ("tags", "TAG_REGEX_SUBSTITUTIONS", "Tags"))


def review(source: Source, settings: dict) -> list[Problem]:
    """Problems with repeated keys and the fields that choose template, language and address."""
    return [*_repeated(source, settings), *_template(source), *_lang(source), *_slug(source),
            *_status(source), *_url_and_save_as(source), *_lengths(source, settings),
            *_misspelt(source)]


# The fields this site reads (README section 3, Pelican's own, and what the plugins use), as
# the editor writes them. Pelican keeps any other key without a word: `Tag:` for `Tags:` is a
# tag silently lost.
KNOWN_FIELDS = ("Title", "Date", "Modified", "Category", "Tags", "Author", "Authors", "Summary",
                "Image", "Status", "Slug", "Featured", "Lang", "Template", "Save_as", "Url",
                "Translation", "Translation_of")
_KNOWN = {name.lower(): name for name in KNOWN_FIELDS}


def _misspelt(source: Source) -> list[Problem]:
    # Only a key close to a known one: a field of the editor's own (`Nguon:`) is left alone.
    problems = []
    for key, (_value, line) in source.meta.items():
        if key in _KNOWN:
            continue
        close = difflib.get_close_matches(key, _KNOWN, n=1, cutoff=0.75)
        if close:
            meant = _KNOWN[close[0]]
            problems.append(Problem(
                source.shown, f"mục “{key.capitalize()}” không phải tên mục nào trang web dùng, "
                f"nên bị bỏ qua: có lẽ định viết “{meant}”",
                f"sửa thành `{meant}: ...`", line, severity="warning"))
    return problems


# What Pelican takes (lower-cased); any other value makes it skip the file with an English log.
_STATUSES = {"published", "draft", "hidden", "skip"}
_DRAFT_WORDS = {"nháp", "bản nháp", "ban nhap", "nhap", "chưa đăng"}
STATUS_FIX = ("viết `Status: published` (đăng), `Status: draft` (bản nháp) hoặc "
              "`Status: hidden` (ẩn khỏi danh sách), hay bỏ dòng Status")


def _status(source: Source) -> list[Problem]:
    # Said here, where the line is known; Pelican's own log of it is then a repeat.
    status = source.value("status").strip()
    if not status or status.lower() in _STATUSES:
        return []
    fix = "viết `Status: draft`" if status.lower() in _DRAFT_WORDS else STATUS_FIX
    return [Problem(source.shown, f"Status “{_short(status)}” không phải trạng thái bài hợp lệ",
                    fix, source.line_of("status"))]


def _slug(source: Source) -> list[Problem]:
    # `#`, `?` or `%20` cut the address a listing links to; `index.html` became a folder where
    # the home page goes; a dot, a space or a letter with marks is not what slugs are made of.
    if "slug" not in source.meta or _leaves(slug := source.value("slug")) or _SLUG.match(slug):
        return []
    suggestion = slugify_vi(slug)
    return [Problem(source.shown, f"Slug “{_short(slug)}” có ký tự không dùng được trong địa chỉ",
                    f"viết `Slug: {suggestion}`" if suggestion else
                    "viết Slug bằng chữ không dấu, số và gạch ngang, ví dụ `Slug: doan-tham-quan`",
                    source.line_of("slug"))]


def _repeated(source: Source, settings: dict) -> list[Problem]:
    # Formatted fields (the sapo) are joined into one text by Pelican: lines may continue.
    joined = {name.lower() for name in settings.get("FORMATTED_FIELDS", ["summary"])}
    return [Problem(source.shown, f"“{key.capitalize()}” được viết hai lần (lần đầu ở dòng "
                    f"{first})",
                    f"giữ một dòng `{key.capitalize()}: ...`, viết cả giá trị trên dòng đó", line)
            for key, line, first in source.repeated if key not in joined]


def first_values(_sender, metadata: dict) -> None:
    """Keep the first of a key written twice, as the review judged it.

    Pelican hands a repeated key on as a list of texts, and breaks on some before the build
    stops for the review's sentence (`Translation:` twice: `'list' object has no attribute
    'lower'`). Tags and authors are lists of objects, not texts: they are left alone.
    """
    for key, value in metadata.items():
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            metadata[key] = value[0]


def _template(source: Source) -> list[Problem]:
    name = source.value("template")
    expected = _TEMPLATES[source.kind]
    if "template" not in source.meta or name == expected:
        return []
    return [Problem(source.shown, f"Template “{name}” không dùng được cho "
                    f"{'bài viết' if source.kind == 'article' else 'trang'}: trang web chỉ có "
                    f"giao diện “{expected}” cho loại này",
                    "xoá dòng Template", source.line_of("template"))]


def _lang(source: Source) -> list[Problem]:
    code = source.value("lang")
    if "lang" not in source.meta or _LANG.match(code):
        return []
    return [Problem(source.shown, f"Lang “{_short(code)}” không phải mã ngôn ngữ",
                    "viết mã hai chữ cái như `Lang: vi` hay `Lang: en`, hoặc xoá dòng Lang",
                    source.line_of("lang"))]


def _url_and_save_as(source: Source) -> list[Problem]:
    problems = []
    url, save_as = source.meta.get("url"), source.meta.get("save_as")
    for key, label, given in (("url", "Url", url), ("save_as", "Save_as", save_as)):
        if given is None or _leaves(given[0]):
            continue
        value = given[0]
        if not value:
            message = f"{label} để trống: bài không được ghi ra mà các trang danh sách vẫn trỏ tới"
        elif not _ADDRESS.match(value):
            message = (f"{label} “{_short(value)}” có ký tự không dùng được trong địa chỉ "
                       "(chỉ chữ không dấu, số, “-”, “.”, “_” và “/”)")
        elif (url is None) != (save_as is None) or not _same_address(url[0], save_as[0]):
            message = (f"{label} “{_short(value)}” không khớp với "
                       f"{'Save_as' if key == 'url' else 'Url'}: các trang danh sách sẽ trỏ "
                       "tới chỗ không có bài")
        else:
            continue
        problems.append(Problem(source.shown, message, _ADDRESS_FIX, given[1]))
    return problems


def _same_address(url: str, save_as: str) -> bool:
    url = url.lstrip("/")
    return save_as in (url, f"{url}index.html") if url.endswith("/") else save_as == url


def _leaves(value: str) -> bool:
    """An address out of the output folder: boundary.py says so, once."""
    return value.startswith(("/", "\\")) or ".." in re.split(r"[/\\]", value)


def _lengths(source: Source, settings: dict) -> list[Problem]:
    problems = []
    slug_from = "slug" if source.value("slug") else "title"
    slug = source.value("slug") or slugify(
        source.value("title"), regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []))
    if _too_long(slug):
        label = "Slug" if slug_from == "slug" else "Title (tiêu đề)"
        problems.append(Problem(
            source.shown, f"{label} dài {len(slug.encode())} byte khi làm địa chỉ, quá "
            f"{NAME_LIMIT}", "thêm (hay sửa) dòng `Slug: ...` ngắn gọn, vài từ không dấu nối "
            "bằng gạch ngang", source.line_of(slug_from)))
    for key, setting, label in _SLUGGED:
        names = source.value(key)
        listed = key != "category" and (names.split(";" if ";" in names else ","))
        for name in listed or [names]:  # tags and authors split as Pelican splits them
            if _too_long(slugify(name.strip(), regex_subs=settings.get(setting, []))):
                problems.append(Problem(
                    source.shown, f"{label} “{_short(name.strip())}” quá dài để làm địa chỉ "
                    "trang của nó", f"rút gọn dưới {NAME_LIMIT} ký tự", source.line_of(key)))
    for key, label in (("save_as", "Save_as"), ("url", "Url")):
        if any(_too_long(part) for part in re.split(r"[/\\]", source.value(key))):
            problems.append(Problem(source.shown, f"{label} có phần quá dài để làm tên tệp",
                                    _ADDRESS_FIX, source.line_of(key)))
    return problems


def _too_long(segment: str) -> bool:
    return len(segment.encode("utf-8", "surrogatepass")) > NAME_LIMIT


def _short(text: str) -> str:
    return text if len(text) <= 60 else f"{text[:57]}…"
