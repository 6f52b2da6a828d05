"""Reading an article or page file as an editor wrote it: bytes, metadata lines, body lines."""

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from sitekit import metadata_block
from sitekit import source_texts as source_bytes
from sitekit.problems import Problem

from .legacy_encodings import how_to_convert, legacy_encoding, legacy_line

# The build reads metadata with the same parser (`sitekit.metadata_block`, used by the
# markdown_reader plugin in place of Python-Markdown's `meta`): the review judges what is built.
_TAB_LENGTH = 4  # Python-Markdown's, applied before the metadata block is read


@dataclass
class Source:
    """One Markdown file: where it is, its metadata with line numbers, and its body."""

    shown: str
    kind: str  # "article" or "page"
    folder: Path
    text: str
    meta: dict[str, tuple[str, int]] = field(default_factory=dict)
    body_start: int = 1
    # Keys given on more than one line (a second `Key:` line, or a continued value): Pelican
    # makes a list of them, which a template prints as `['a', 'b']`. (key, line, first line)
    repeated: list[tuple[str, int, int]] = field(default_factory=list)

    def value(self, key: str) -> str:
        """A metadata value, '' when absent."""
        return self.meta.get(key, ("", 0))[0]

    def line_of(self, key: str) -> int:
        """The line of a metadata key, or 1 (the top of the file) when it is missing."""
        return self.meta.get(key, ("", 1))[1]

    def body_lines(self) -> list[tuple[int, str]]:
        """Body lines with their line numbers."""
        lines = self.text.split("\n")
        return list(enumerate(lines[self.body_start - 1:], start=self.body_start))


def read_source(path: Path, shown: str, kind: str,
                raw: bytes | None = None) -> tuple[Source | None, list[Problem]]:
    """Decode and split a file; an unreadable file gives a problem instead of a Source.

    `raw`: the file's bytes, when the caller already holds them (review_store keys on them).
    """
    if raw is None:
        raw = source_bytes.read_bytes(path)  # kept for Pelican's reader: one read per build
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
        return None, [Problem(shown, message, how_to_convert(legacy), legacy_line(text, legacy))]
    problems = []
    if not unicodedata.is_normalized("NFC", text):
        problems.append(Problem(
            shown, "chữ có dấu ở dạng tổ hợp (NFD), thường do chép từ macOS hoặc Word",
            "không cần làm gì: hệ thống tự chuyển sang dạng dựng sẵn (NFC)",
            _first_decomposed_line(text), severity="warning",
        ))
    # Lines end as Pelican opens the file (universal newlines): \r\n and a lone \r end one.
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    source = Source(shown=shown, kind=kind, folder=path.parent, text=text)
    _split_metadata(source)
    return source, problems


def _first_decomposed_line(text: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if not unicodedata.is_normalized("NFC", line):
            return number
    return 1


def _split_metadata(source: Source) -> None:
    """The metadata block as the build reads it, keeping each key's first line number."""
    # What Markdown does to every line before its preprocessors split the block.
    lines = [line.replace("\x02", "").replace("\x03", "").expandtabs(_TAB_LENGTH)
             for line in source.text.split("\n")]
    block = metadata_block.split(lines)
    source.body_start = block.body_start
    for entry in block.entries:
        key = entry.key
        if entry.continued:  # Pelican makes a list of the lines; the review reads them as one
            value, first = source.meta[key]
            source.meta[key] = (f"{value} {entry.value}", first)
            source.repeated.append((key, entry.line, first))
        elif key in source.meta:
            source.repeated.append((key, entry.line, source.meta[key][1]))
        else:
            source.meta[key] = (entry.value, entry.line)
