"""One build at a time per output folder: an OS lock on a file beside it.

`flock` rather than a PID file: the kernel drops the lock the moment its holder exits, however it
exits (SIGKILL included), so there is never a stale lock to guess about. The file only carries the
holder's PID, for the sentence a waiting editor reads.
"""

import contextlib
import fcntl
import logging
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

logger = logging.getLogger(__name__)

# Long enough for a first build with every image, short enough that a hung one gets noticed.
WAIT_SECONDS = 15 * 60
_POLL_SECONDS = 0.1
_held: dict[Path, tuple[int, int]] = {}  # lock file → (descriptor, thread holding it)


class Busy(Exception):
    """Another process held the lock for longer than we agreed to wait; the message says so."""


def lock_file(output: Path) -> Path:
    """Beside output/, on the same file system, named like the staging folders."""
    return output.with_name(f".{output.name}.lock")


def _close_in_child() -> None:
    # A forked worker (the image pool) shares our lock; were the build killed, the worker would
    # keep output/ locked until it ended. Closing its copy leaves our own lock in place.
    for fd, _thread in _held.values():
        with contextlib.suppress(OSError):
            os.close(fd)
    _held.clear()


os.register_at_fork(after_in_child=_close_in_child)


def _try_lock(path: Path) -> int | None:
    """A descriptor holding the lock on `path`, or None while another process holds it."""
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return None
        # The holder before us removes the file as it finishes (see `hold`); a lock on a file
        # no longer at `path` guards nothing, so open the path afresh.
        try:
            if os.path.samestat(os.fstat(fd), os.stat(path)):
                return fd
        except FileNotFoundError:
            pass
        os.close(fd)


def _holder(path: Path) -> str:
    with contextlib.suppress(OSError):
        pid = path.read_text(encoding="ascii").strip()
        if pid.isdigit():
            return f" (PID {pid})"
    return ""


def _duration(seconds: float) -> str:
    return f"{round(seconds / 60)} phút" if seconds >= 60 else f"{round(seconds)} giây"


@contextlib.contextmanager
def hold(output: Path, wait: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold output/'s lock for the block, waiting up to `wait` seconds for another holder.

    Re-entrant in one thread, so a task can hold it across a build and what follows (publish:
    build, then push what was built).
    """
    path = lock_file(output.resolve())
    if path in _held and _held[path][1] == threading.get_ident():
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait
    told = False
    while (fd := _try_lock(path)) is None:
        if time.monotonic() >= deadline:
            raise Busy(f"Một lần dựng khác{_holder(path)} vẫn đang ghi vào {output} sau "
                       f"{_duration(wait)} → đợi nó xong, hoặc dừng nó, rồi chạy lại")
        if not told:
            logger.info("Một lần dựng khác%s đang ghi vào %s → đợi nó xong rồi làm tiếp "
                        "(tối đa %s)…", _holder(path), output, _duration(wait))
            told = True
        time.sleep(_POLL_SECONDS)
    os.ftruncate(fd, 0)
    os.write(fd, f"{os.getpid()}\n".encode("ascii"))
    _held[path] = (fd, threading.get_ident())
    try:
        yield
    finally:
        del _held[path]
        # Removed while still locked, so nothing is left beside output/; a waiter that was
        # queued on this file notices it is gone and locks a fresh one (see `_try_lock`).
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        os.close(fd)
