"""Read a programme YAML file keeping the line of every mapping and key, for editor messages.

The file is content we do not control (design.md §8): it is read safely and within bounds.
Aliases (`*name`) are refused outright rather than counted: items already name each other by
id, so nothing in the format needs one, a shared block would be reported at the anchor's lines
instead of the alias's, and nested aliases are how a 1 kB file expands to billions of values.
"""

from __future__ import annotations

import codecs

import yaml

from sitekit.problems import Problem

from .values import shape, shown

# A real programme is a few kB (the sample: 6 kB, 281 values, 6 levels deep). The limits are
# far above that and far below what makes the pure-Python reader slow (≈ 0.5 s per 20 000).
MAX_BYTES = 1024 * 1024
MAX_NODES = 20_000
MAX_DEPTH = 16
_YAML_TAG = "tag:yaml.org,2002:"


def _count(number: int) -> str:
    return f"{number:,}".replace(",", ".")  # 20.000, as Vietnamese writes it


class Mapping(dict):
    """A YAML mapping that remembers where it starts and on which line each key sits."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.line = 0
        self.key_lines: dict[str, int] = {}

    def line_of(self, key: str) -> int:
        """Line of `key:` when present, else the line the mapping starts on."""
        return self.key_lines.get(key, self.line)


class _Refused(yaml.YAMLError):
    """Something the programme format does not accept, at `mark`, told in Vietnamese."""

    def __init__(self, mark: yaml.Mark, message: str, fix: str):
        super().__init__(message)
        self.mark, self.message, self.fix = mark, message, fix


_TAG_FIX = "bỏ thẻ đó đi, chỉ giữ giá trị; chữ có ký tự đặc biệt thì đặt trong ngoặc kép."


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that builds `Mapping`s, keeps times as text and notices repeated keys.

    It also refuses, as it composes, aliases, tags and documents too many or too deep.
    """

    def __init__(self, stream):
        super().__init__(stream)
        self.repeated: list[tuple[str, int, int]] = []  # (key, line, first line)
        self.nodes = 0
        self.depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(
                event.start_mark,
                f"Tệp chương trình dùng tham chiếu “*{shown(event.anchor)}” (bí danh YAML), "
                "điều chương trình không nhận: tham chiếu lồng nhau có thể làm bản dựng treo.",
                "chép thẳng nội dung vào chỗ này và bỏ các dấu “&…”, “*…”; địa điểm và phiên "
                "đã gọi nhau bằng mã, không cần tham chiếu.")
        if getattr(event, "tag", None) is not None:
            tag = event.tag.replace(_YAML_TAG, "!!", 1)
            raise _Refused(
                event.start_mark,
                f"Tệp chương trình dùng thẻ YAML “{shown(tag)}”, điều chương trình không nhận: "
                "ở đây chỉ có chữ, số, true/false, danh sách và khối “khoá: giá trị”.", _TAG_FIX)
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _Refused(
                event.start_mark,
                f"Tệp chương trình có hơn {_count(MAX_NODES)} giá trị, quá giới hạn để bản dựng "
                "không bị treo (một chương trình thật chỉ có vài trăm); phần vượt bắt đầu ở đây.",
                "xoá phần dán nhầm khỏi tệp.")
        if self.depth >= MAX_DEPTH:
            raise _Refused(
                event.start_mark,
                f"Tệp chương trình lồng nhau quá {MAX_DEPTH} cấp (danh sách trong danh sách, "
                "khối trong khối); chương trình chỉ cần vài cấp.",
                "xem lại các dấu “[”, “{” và thụt lề ở dòng này.")
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _key(loader: _LineLoader, node: yaml.Node) -> str:
    """The key as the editor typed it (`yes:` stays `yes`); only plain text can be a key."""
    if node.tag == _YAML_TAG + "merge":
        raise _Refused(node.start_mark, "Tệp chương trình dùng khoá gộp “<<” của YAML, "
                       "điều chương trình không nhận.",
                       "chép thẳng các dòng cần gộp vào khối này và xoá dòng “<<:”.")
    if not isinstance(node, yaml.ScalarNode):
        typed = loader.buffer[node.start_mark.index:node.end_mark.index]
        found = "một danh sách" if isinstance(node, yaml.SequenceNode) else "một khối"
        raise _Refused(node.start_mark,
                       f"Khoá “{shown(typed)}” phải là chữ (một mã hay tên khoá), "
                       f"không phải {found}.",
                       "viết khoá là chữ thường không dấu, ví dụ `xa-thach-ha:`.")
    return node.value


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode):
    data = Mapping()
    data.line = node.start_mark.line + 1
    yield data
    for key_node, value_node in node.value:
        key = _key(loader, key_node)
        line = key_node.start_mark.line + 1
        if key in data:
            # SafeLoader would silently keep the last one: a second place `xa-a` hides the first.
            loader.repeated.append((key, line, data.key_lines[key]))
            continue
        data[key] = loader.construct_object(value_node, deep=True)
        data.key_lines[key] = line


def _as_text(loader: _LineLoader, node: yaml.ScalarNode):
    # YAML 1.1 reads 13:30 as the number 810 and 2017-02-24 as a date: keep what the editor typed.
    return node.value


def _construct_int(loader: _LineLoader, node: yaml.ScalarNode):
    # Past 20 digits no editor means a number, and past 4300 Python refuses to print one.
    if ":" in node.value or len(node.value) > 20:
        return node.value
    return loader.construct_yaml_int(node)


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _as_text)
_LineLoader.add_constructor("tag:yaml.org,2002:value", _as_text)  # a lone `=`: just text
_LineLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)

# PyYAML's own words, told in Vietnamese (most mistakes are one of these).
_SYNTAX_WORDS = [
    ("mapping values are not allowed", "có dấu hai chấm “:” ở chỗ không được phép "
     "(thường do một giá trị có “:” mà chưa đặt trong ngoặc kép, hoặc thụt lề sai)"),
    ("could not find expected ':'", "thiếu dấu hai chấm “:” sau tên khoá"),
    ("cannot start any token", "có ký tự không được phép ở đầu (thường là phím Tab)"),
    ("expected <block end>", "thụt lề không thẳng hàng với các dòng cùng cấp"),
    ("found unexpected end of stream", "thiếu dấu ngoặc kép đóng"),
    ("expected ',' or ']'", "thiếu dấu phẩy hoặc dấu ngoặc vuông đóng “]”"),
    ("expected ',' or '}'", "thiếu dấu phẩy hoặc dấu ngoặc nhọn đóng “}”"),
    ("did not find expected key", "thụt lề không thẳng hàng hoặc thiếu dấu gạch “- ”"),
    ("did not find expected '-'", "thiếu dấu gạch “- ” đầu mục trong danh sách"),
    ("found undefined alias", "dùng một tham chiếu “*” chưa được định nghĩa"),
    ("expected a single document", "có nhiều tài liệu YAML trong một tệp (một dòng “---” "
     "hay “...” ở giữa tệp)"),
    ("found duplicate anchor", "đặt cùng một tên neo “&…” hai lần"),
    ("found unknown escape character", "có dấu “\\” lạ trong chữ đặt trong ngoặc kép"),
    ("expected alphabetic or numeric character", "có dấu “&” hay “*” không có tên theo sau"),
    ("found incompatible YAML document", "khai báo phiên bản YAML không đọc được (dòng “%YAML”)"),
]


def _unclosed_quote(text: str, last_line: int) -> tuple[int, str] | None:
    """The first line, up to `last_line`, whose value opens a quote it leaves open; the quote.

    A quoted value runs on past its line until the next quote, so PyYAML stumbles lines
    later (`end: "09:20` on line 92 reported at 106 as indentation): the cause is here.
    """
    for number, line in enumerate(text.split("\n")[:last_line], start=1):
        value = line.split(": ", 1)[1] if ": " in line else line.lstrip()
        value = value.removeprefix("- ").lstrip()
        if value[:1] not in ("'", '"'):
            continue
        quote, rest = value[0], value[1:]
        if quote == "'":
            rest = rest.replace("''", "")  # '' is a quote inside a single-quoted value
        else:
            rest = rest.replace("\\\\", "").replace('\\"', "")  # escaped, not closing
        if quote not in rest:
            return number, quote
    return None


def _syntax_problem(error: yaml.YAMLError, shown_as: str, text: str = "") -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    if mark is not None and (opened := _unclosed_quote(text, mark.line + 1)):
        line, quote = opened
        name = "ngoặc kép" if quote == '"' else "nháy đơn"
        return Problem(path=shown_as, line=line,
                       message=f"tệp chương trình viết sai cú pháp YAML: giá trị mở dấu {name} "
                       f"{quote} ở dòng này mà không đóng",
                       fix=f"thêm dấu {quote} ở cuối giá trị, ví dụ `end: {quote}09:20{quote}`")
    raw = f"{getattr(error, 'context', '') or ''} {getattr(error, 'problem', '') or ''}"
    words = next((vi for en, vi in _SYNTAX_WORDS if en in raw), None)
    if words is None:  # PyYAML's own words, quoted, beat no hint at all
        words = f"trình đọc YAML báo “{shown(raw.strip() or type(error).__name__, 120)}”"
    message = f"Tệp chương trình viết sai cú pháp YAML: {words}."
    return Problem(
        path=shown_as,
        line=mark.line + 1 if mark else None,
        message=message,
        fix="xem lại dòng này và dòng ngay trên: thụt lề chỉ bằng dấu cách, có dấu cách "
        "sau “:”, và đặt trong ngoặc kép những giá trị có dấu “:” hay “#”.",
    )


def _text(path: str, shown_as: str) -> tuple[str | None, Problem | None]:
    """The file's text, or why it cannot be read: too big, or not UTF-8 text."""
    try:
        with open(path, "rb") as stream:
            raw = stream.read(MAX_BYTES + 1)  # never more, whatever the file holds
    except OSError as error:
        return None, Problem(path=shown_as, message=f"Không đọc được tệp chương trình "
                             f"({shown(error.strerror or error)}).",
                             fix="kiểm tra tệp còn đó và được phép đọc.")
    if len(raw) > MAX_BYTES:
        return None, Problem(
            path=shown_as, line=raw[:MAX_BYTES].count(b"\n") + 1,
            message="Tệp chương trình lớn hơn 1 MB, giới hạn để bản dựng không bị treo "
            "(một chương trình thật chỉ vài chục KB); phần vượt giới hạn bắt đầu ở dòng này.",
            fix="xoá phần dán nhầm (ảnh, văn bản dài) khỏi tệp.")
    raw = raw.removeprefix(codecs.BOM_UTF8)
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as error:
        return None, Problem(
            path=shown_as, line=raw[:error.start].count(b"\n") + 1,
            message=f"Tệp chương trình không phải UTF-8: byte 0x{raw[error.start]:02X} ở dòng "
            "này không đọc được; có lẽ tệp được lưu bằng bảng mã cũ (TCVN3, VNI, "
            "Windows-1258), bằng UTF-16, hoặc không phải tệp văn bản.",
            fix="mở tệp bằng trình soạn thảo và lưu lại với bảng mã UTF-8 "
            "(Unikey: chuyển mã sang Unicode).")


def _unprintable(error: yaml.reader.ReaderError, text: str, shown_as: str) -> Problem:
    return Problem(
        path=shown_as, line=text.count("\n", 0, error.position) + 1,
        message=f"Tệp chương trình có ký tự điều khiển không in được (mã U+{error.character:04X})"
        " ở dòng này, thường do dán từ một tệp không phải văn bản.",
        fix="xoá rồi gõ lại dòng này và lưu tệp dạng văn bản UTF-8.")


def load(path: str, shown_as: str) -> tuple[Mapping | None, list[Problem]]:
    """Return the top-level mapping and the problems met reading it (syntax, repeated keys)."""
    text, unreadable = _text(path, shown_as)
    if text is None:
        return None, [unreadable]
    loader = None
    try:
        loader = _LineLoader(text)  # a str is checked for unprintable characters right here
        data = loader.get_single_data()
    except yaml.reader.ReaderError as error:
        return None, [_unprintable(error, text, shown_as)]
    except _Refused as refused:
        return None, [Problem(path=shown_as, line=refused.mark.line + 1,
                              message=refused.message, fix=refused.fix)]
    except yaml.YAMLError as error:
        return None, [_syntax_problem(error, shown_as, text)]
    finally:
        if loader is not None:
            loader.dispose()
    problems = [
        Problem(
            path=shown_as,
            line=line,
            message=f"Khoá “{shown(key)}” xuất hiện hai lần trong cùng một khối "
            f"(lần đầu ở dòng {first}).",
            fix="đổi tên một trong hai (mỗi mã phải là duy nhất) hoặc xoá bản thừa.",
        )
        for key, line, first in loader.repeated
    ]
    if data is None:
        data = Mapping()
        data.line = 1
    if not isinstance(data, Mapping):
        problems.append(Problem(
            path=shown_as, line=1,
            message="Tệp chương trình phải bắt đầu bằng các khoá event, places, sessions, "
            "delegations (mỗi khoá một dòng, có dấu “:”), không phải "
            f"{shape(data) or 'một dòng chữ'}.",
            fix="xem mẫu trong content/programme/ và README, mục “Chương trình hội nghị”.",
        ))
        return None, problems
    return data, problems
