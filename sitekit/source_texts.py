"""The bytes of each content source, read once and shared by whoever needs them in a build.

The review (`editorial`) reads every article and page at `initialized`, before Pelican does, and
the Markdown reader (`markdown_reader`) reads them again to convert them: on a 1000-article site
that is 2.5 MB read twice from disk, and the two readings could even differ if an editor saves in
between. Both take the file from here instead. A file is held with its stamp (modification time,
size, change time) so that a rebuild in the same process (`invoke serve`) reads again only the
files saved since; `forget_changed()`, at the start of every build, drops what was deleted or
changed, so a long-running server keeps no text of a file that no longer exists.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class _Stamp:
    mtime_ns: int
    size: int
    ctime_ns: int  # a save that keeps size and mtime (an editor restoring times) still changes it

    @classmethod
    def of(cls, stat: os.stat_result) -> _Stamp:
        return cls(stat.st_mtime_ns, stat.st_size, stat.st_ctime_ns)


@dataclass(frozen=True)
class _Held:
    stamp: _Stamp
    data: bytes


_held: dict[str, _Held] = {}


def _key(path: str | os.PathLike) -> str:
    return os.path.abspath(os.fspath(path))


def read_bytes(path: str | os.PathLike) -> bytes:
    """The file's bytes: from memory when it has not changed since it was read, else from disk."""
    key = _key(path)
    held = _held.get(key)
    if held is not None and held.stamp == _Stamp.of(os.stat(key)):
        return held.data
    with open(key, "rb") as stream:
        stamp = _Stamp.of(os.fstat(stream.fileno()))  # the stamp of what is actually read
        data = stream.read()
    _held[key] = _Held(stamp, data)
    return data


def read_text(path: str | os.PathLike) -> str:
    """The text as `pelican.utils.pelican_open` gives it, newlines included.

    UTF-8 with a byte-order mark dropped, every line ending made a line feed (universal
    newlines); a file that is not UTF-8 raises UnicodeDecodeError, as pelican_open does.
    """
    text = read_bytes(path).decode("utf-8-sig")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def held_text(path: str | os.PathLike) -> str | None:
    """The text of a file already read and unchanged since, else None (nothing is read)."""
    key = _key(path)
    held = _held.get(key)
    try:
        if held is None or held.stamp != _Stamp.of(os.stat(key)):
            return None
        return read_text(key)
    except (OSError, UnicodeDecodeError):
        return None


def forget_changed() -> None:
    """Drop every file deleted or changed since it was read: called as each build starts."""
    for key, held in list(_held.items()):
        try:
            unchanged = held.stamp == _Stamp.of(os.stat(key))
        except OSError:
            unchanged = False
        if not unchanged:
            del _held[key]


def holds(path: str | os.PathLike) -> bool:
    """Whether the bytes of a file are held in memory, changed since or not."""
    return _key(path) in _held


def forget_all() -> None:
    """Hold nothing (tests)."""
    _held.clear()
