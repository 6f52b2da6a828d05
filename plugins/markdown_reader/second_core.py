"""A second process converting Markdown bodies while the build converts others.

A first build reads every article, one after another, on one core, while the machine's other
core waits for the pages (the search indexer starts only then). When many articles must be
read, the reader forks a helper at its first file: the helper goes through them in its own
order, the build in Pelican's, each taking the next file nobody has taken (a byte per file in
memory both share; two taking the same file only wastes a conversion). The build uses the
helper's HTML and metadata block for the files it took, and converts the others itself.

The helper is a copy of the build made by `fork`, holding the same Markdown object and the same
texts: it converts exactly what the build would. A file whose conversion says anything (a log
record, a problem) is handed back undone, so that the build converts it and says it itself.
Only a process with a single thread forks (a preview server has several), and the helper ends
with its parent.
"""

from __future__ import annotations

import contextlib
import mmap
import os
import pickle
import select
import signal
import struct

from sitekit import source_texts
from sitekit.helper_processes import Silence, can_fork, stop_with_parent

# Fewer files than this: a fork and its hand-over would cost more than converting them.
ENOUGH_FILES = 100
_LENGTH = struct.Struct("<I")
_TAKEN = 1


class SecondCore:
    """The helper process of one reading pass, and what it has handed back so far."""

    def __init__(self, markdown, texts: dict[str, str]):
        self._texts = texts  # path → text the helper converts, as the build would read it
        self._index = {path: number for number, path in enumerate(texts)}
        self._taken = mmap.mmap(-1, max(1, len(texts)))  # shared with the helper after fork
        self._done: dict[int, tuple | None] = {}
        self._buffer = b""
        reading, writing = os.pipe()
        self._pid = os.fork()
        if self._pid == 0:  # the helper
            os.close(reading)
            _run_helper(markdown, list(texts.items()), self._taken, writing)
        os.close(writing)
        self._pipe = reading

    @classmethod
    def start(cls, markdown, paths: list[str]) -> SecondCore | None:
        """A helper for these files, or None when too few or when forking is not safe here."""
        if len(paths) < ENOUGH_FILES or not can_fork():
            return None
        texts = {}
        for path in paths:
            if (text := source_texts.held_text(path)) is not None:
                texts[path] = text
        return cls(markdown, texts) if len(texts) >= ENOUGH_FILES else None

    def take(self, path: str, text: str) -> tuple[str, dict] | None:
        """The helper's (HTML, metadata block) of this text, or None: convert it yourself."""
        number = self._index.get(path)
        if number is None or self._pipe is None or self._texts[path] != text:
            return None
        self._receive(wait=False)  # a full pipe would stop the helper
        if self._taken[number] != _TAKEN:
            self._taken[number] = _TAKEN  # the build converts it
            return None
        while number not in self._done:  # the helper is converting it, or has sent it
            if not self._receive(wait=True):
                return None  # the helper ended without it
        return self._done.pop(number)

    def stop(self) -> None:
        """End the helper (it may still be converting files the build took) and reap it."""
        if self._pipe is None:
            return
        os.close(self._pipe)
        self._pipe = None
        with contextlib.suppress(ProcessLookupError):
            os.kill(self._pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self._pid, 0)

    def _receive(self, wait: bool) -> bool:
        """Take in what the helper has sent (waiting for more if `wait`); False once it ended."""
        if not select.select([self._pipe], [], [], None if wait else 0)[0]:
            return True
        chunk = os.read(self._pipe, 1 << 20)
        if not chunk:
            return False
        self._buffer += chunk
        while len(self._buffer) >= _LENGTH.size:
            (size,) = _LENGTH.unpack_from(self._buffer)
            if len(self._buffer) < _LENGTH.size + size:
                break
            number, result = pickle.loads(self._buffer[_LENGTH.size:_LENGTH.size + size])
            self._buffer = self._buffer[_LENGTH.size + size:]
            self._done[number] = result
        return True


def _run_helper(markdown, texts: list[tuple[str, str]], taken: mmap.mmap, pipe: int) -> None:
    status = 1
    try:
        stop_with_parent(signal.SIGKILL)
        silence = Silence()
        for number in reversed(range(len(texts))):  # the build's order is another
            if taken[number] == _TAKEN:
                continue
            taken[number] = _TAKEN
            md = markdown.reset()
            html = md.convert(texts[number][1])
            # What a copy says would be lost: the build converts that file and says it.
            payload = pickle.dumps((number, None if silence.broken() else (html, md.Meta)),
                                   protocol=pickle.HIGHEST_PROTOCOL)
            message = memoryview(_LENGTH.pack(len(payload)) + payload)
            while message:
                message = message[os.write(pipe, message):]
        status = 0
    finally:
        os._exit(status)  # nothing of the build's own exit (its handlers, its files) runs here
