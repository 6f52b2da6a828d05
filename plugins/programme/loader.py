"""Read a programme YAML file keeping the line of every mapping and key, for editor messages."""

from __future__ import annotations

import yaml

from plugins.editorial import Problem


class Mapping(dict):
    """A YAML mapping that remembers where it starts and on which line each key sits."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.line = 0
        self.key_lines: dict[str, int] = {}

    def line_of(self, key: str) -> int:
        """Line of `key:` when present, else the line the mapping starts on."""
        return self.key_lines.get(key, self.line)


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that builds `Mapping`s, keeps times as text and notices repeated keys."""

    def __init__(self, stream):
        super().__init__(stream)
        self.repeated: list[tuple[str, int, int]] = []  # (key, line, first line)


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode):
    data = Mapping()
    data.line = node.start_mark.line + 1
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = str(loader.construct_object(key_node, deep=True))
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
    if ":" in node.value:
        return node.value
    return loader.construct_yaml_int(node)


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _as_text)
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
]


def _syntax_problem(error: yaml.YAMLError, shown_as: str) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    raw = f"{getattr(error, 'context', '') or ''} {getattr(error, 'problem', '') or ''}"
    words = next((vi for en, vi in _SYNTAX_WORDS if en in raw), None)
    message = f"Tệp chương trình viết sai cú pháp YAML: {words or raw.strip() or error}."
    return Problem(
        path=shown_as,
        line=mark.line + 1 if mark else None,
        message=message,
        fix="xem lại dòng này và dòng ngay trên: thụt lề chỉ bằng dấu cách, có dấu cách "
        "sau “:”, và đặt trong ngoặc kép những giá trị có dấu “:” hay “#”.",
    )


def load(path: str, shown_as: str) -> tuple[Mapping | None, list[Problem]]:
    """Return the top-level mapping and the problems met reading it (syntax, repeated keys)."""
    with open(path, encoding="utf-8-sig") as stream:
        loader = _LineLoader(stream)
        try:
            data = loader.get_single_data()
        except yaml.YAMLError as error:
            return None, [_syntax_problem(error, shown_as)]
        finally:
            loader.dispose()
    problems = [
        Problem(
            path=shown_as,
            line=line,
            message=f"Khoá “{key}” xuất hiện hai lần trong cùng một khối (lần đầu ở dòng {first}).",
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
            "delegations (mỗi khoá một dòng, có dấu “:”).",
            fix="xem mẫu trong content/programme/ và README, mục “Chương trình hội nghị”.",
        ))
        return None, problems
    return data, problems
