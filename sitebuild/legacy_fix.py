"""`invoke check --fix`: articles, pages and programme files typed in TCVN3 or VNI, made Unicode.

Each converted file keeps its original beside it (`bai.md.tcvn3.bak`, never over an older
backup) and is replaced whole (a temporary file renamed over it), so an interrupted run leaves
either the old file or the new one. Only lines in the legacy encoding change: ASCII (metadata
keys, Markdown syntax) never does, addresses are left as typed, and a line already holding
Unicode Vietnamese is kept.
"""

import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from plugins.editorial.content_files import markdown_files
from plugins.editorial.legacy_encodings import programme_files
from sitekit.legacy_vietnamese import NAMES, detect, is_unicode_vietnamese, to_unicode
from sitekit.problems import display_path

# Addresses stay as typed: a link target, an <autolink>, a bare http(s) address.
_ADDRESS = re.compile(r"\]\([^)\s]*|<[a-z][a-z0-9+.-]*:[^>\s]*>|https?://[^\s)>\"']+", re.I)
_HOLE = "\ue000"  # a private-use character: stands for an address during the conversion
_HOLE_AT = re.compile(_HOLE)


@dataclass(frozen=True)
class Converted:
    """One file made Unicode."""

    shown: str  # as the editor knows it, relative to the content folder
    encoding: str  # "tcvn3" or "vni"
    lines: int  # lines changed
    backup: Path

    def __str__(self) -> str:
        return (f"{self.shown}: đã chuyển từ {NAMES[self.encoding]} sang Unicode, "
                f"{self.lines} dòng thay đổi; bản gốc giữ ở {self.backup.name}")


@dataclass(frozen=True)
class NotWritten:
    """A file that could not be read or replaced: it stays as it was."""

    shown: str
    why: str

    def __str__(self) -> str:
        return (f"{self.shown}: không chuyển được ({self.why}); tệp giữ nguyên → kiểm tra quyền "
                "ghi thư mục và chỗ trống trên đĩa rồi chạy lại `invoke check --fix`")


def content_files(settings: dict) -> list[Path]:
    """Articles, pages and programme files of the content tree, in a stable order."""
    root = Path(settings["PATH"])
    folders = [*settings.get("ARTICLE_PATHS", []), *settings.get("PAGE_PATHS", [])]
    # Folder links are not followed: what lies behind one is not this tree's to rewrite
    # (refused by the build's boundary check; not followed here either).
    folders = [folder for folder in folders if not (root / folder).is_symlink()]
    found = [path for path in markdown_files(root, folders, settings) if _regular(path)]
    found += (path for path in programme_files(settings) if _regular(path))
    return list(dict.fromkeys(found))


def _regular(path: Path) -> bool:
    return path.is_file() and not path.is_symlink()  # a link's target is not ours to rewrite


def decode(raw: bytes) -> tuple[str, bool]:
    """The text, and whether it was UTF-8; other bytes are read as Windows-1252 shows them."""
    try:
        return raw.decode("utf-8"), True
    except UnicodeDecodeError:
        # Bytes Windows-1252 leaves undefined (0x81, 0x8D…) keep their Latin-1 reading.
        return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in raw), False


def convert_text(text: str, encoding: str) -> tuple[str, int]:
    """The text with its legacy lines converted, and how many lines changed."""
    # Addresses are set aside while the whole text is converted (a sentence's capital depends
    # on the lines above), then put back as typed.
    addresses = [] if _HOLE in text else _ADDRESS.findall(text)
    masked = _ADDRESS.sub(_HOLE, text) if addresses else text
    old_lines = text.splitlines(keepends=True)
    new_lines = to_unicode(masked, encoding).splitlines(keepends=True)
    if len(new_lines) != len(old_lines):  # cannot happen: conversion keeps every line break
        return text, 0
    typed = iter(addresses)
    out, changed = [], 0
    for old, new in zip(old_lines, new_lines, strict=True):
        new = _HOLE_AT.sub(lambda _: next(typed), new)
        if new == old or is_unicode_vietnamese(old):
            new = old  # a line already in Unicode is not converted again
        changed += new != old
        out.append(new)
    return "".join(out), changed


def backup_path(path: Path, encoding: str) -> Path:
    """`bai.md.tcvn3.bak`, or `bai.md.tcvn3.2.bak`… when that name is taken."""
    candidate = path.with_name(f"{path.name}.{encoding}.bak")
    number = 2
    while candidate.exists() or candidate.is_symlink():
        candidate = path.with_name(f"{path.name}.{encoding}.{number}.bak")
        number += 1
    return candidate


def _write_atomically(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        shutil.copymode(path, temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def convert_file(path: Path, shown: str) -> Converted | None:
    """Convert one file in place when it is in TCVN3 or VNI; None when it is not."""
    raw = path.read_bytes()
    text, _ = decode(raw)
    encoding = detect(text)
    if encoding is None:
        return None
    converted, changed = convert_text(text, encoding)
    if not changed:
        return None
    backup = backup_path(path, encoding)
    with open(backup, "xb") as stream:  # "x": an existing backup is never written over
        stream.write(raw)  # the original bytes, before anything is replaced
    shutil.copystat(path, backup)
    _write_atomically(path, converted.encode("utf-8"))
    return Converted(shown, encoding, changed, backup)


def fix(options) -> list[Converted | NotWritten]:
    """`invoke check --fix`: the settings file's content tree (or options.content) converted."""
    from .build import load_settings

    settings = load_settings(options, Path(options.settings_file).parent / "output")
    return fix_tree(settings)


def fix_tree(settings: dict) -> list[Converted | NotWritten]:
    """Convert every legacy article, page and programme file under settings PATH."""
    root = str(settings["PATH"])
    done: list[Converted | NotWritten] = []
    for path in content_files(settings):
        shown = display_path(str(path), root)
        try:
            result = convert_file(path, shown)
        except OSError as error:
            done.append(NotWritten(shown, error.strerror or str(error)))
            continue
        if result:
            done.append(result)
    return done


def summary(done: list[Converted | NotWritten]) -> str:
    """What --fix changed, in Vietnamese, one line per file."""
    if not done:
        return "Không có tệp nào gõ bằng bảng mã cũ (TCVN3, VNI): không đổi gì."
    lines = [str(item) for item in done]
    converted = sum(isinstance(item, Converted) for item in done)
    lines.append(f"Đã chuyển {converted} tệp sang Unicode (NFC).")
    return "\n".join(lines)
