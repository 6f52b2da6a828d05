"""Reading an article or page file as an editor wrote it: bytes, metadata lines, body lines."""

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .legacy_encodings import how_to_convert, legacy_encoding
from .problems import Problem

_META_LINE = re.compile(r"^(?P<key>[A-Za-z][\w-]*)\s*:\s?(?P<value>.*)$")


@dataclass
class Source:
    """One Markdown file: where it is, its metadata with line numbers, and its body."""

    shown: str
    kind: str  # "article" or "page"
    folder: Path
    text: str
    meta: dict[str, tuple[str, int]] = field(default_factory=dict)
    body_start: int = 1

    def value(self, key: str) -> str:
        """A metadata value, '' when absent."""
        return self.meta.get(key, ("", 0))[0]

    def line_of(self, key: str) -> int:
        """The line of a metadata key, or 1 (the top of the file) when it is missing."""
        return self.meta.get(key, ("", 1))[1]

    def body_lines(self) -> list[tuple[int, str]]:
        """Body lines with their line numbers."""
        lines = self.text.splitlines()
        return list(enumerate(lines[self.body_start - 1:], start=self.body_start))


def read_source(path: Path, shown: str, kind: str) -> tuple[Source | None, list[Problem]]:
    """Decode and split a file; an unreadable file gives a problem instead of a Source."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        legacy = legacy_encoding(raw.decode("cp1252", errors="replace"))
        if legacy:
            message = f"văn bản gõ bằng bảng mã cũ {legacy}, không phải Unicode"
            return None, [Problem(shown, message, how_to_convert(legacy), line)]
        return None, [Problem(
            shown, "tệp không được lưu bằng bảng mã UTF-8",
            "mở tệp trong trình soạn thảo và lưu lại với bảng mã UTF-8", line,
        )]
    if legacy := legacy_encoding(text):  # nothing else in it can be read until converted
        message = f"văn bản gõ bằng bảng mã cũ {legacy}, không phải Unicode"
        return None, [Problem(shown, message, how_to_convert(legacy), 1)]
    problems = []
    if not unicodedata.is_normalized("NFC", text):
        problems.append(Problem(
            shown, "chữ có dấu ở dạng tổ hợp (NFD), thường do chép từ macOS hoặc Word",
            "không cần làm gì: hệ thống tự chuyển sang dạng dựng sẵn (NFC)",
            _first_decomposed_line(text), severity="warning",
        ))
    source = Source(shown=shown, kind=kind, folder=path.parent,
                    text=unicodedata.normalize("NFC", text))
    _split_metadata(source)
    return source, problems


def _first_decomposed_line(text: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if not unicodedata.is_normalized("NFC", line):
            return number
    return 1


def _split_metadata(source: Source) -> None:
    lines = source.text.splitlines()
    last_key = None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            source.body_start = number + 1
            return
        if match := _META_LINE.match(line):
            last_key = match["key"].lower()
            source.meta[last_key] = (match["value"].strip(), number)
        elif last_key and line.startswith((" ", "\t")):  # a continued value
            value, start = source.meta[last_key]
            source.meta[last_key] = (f"{value} {line.strip()}", start)
        else:  # no metadata block: the body starts at the top
            source.body_start = 1
            source.meta.clear()
            return
    source.body_start = len(lines) + 1
