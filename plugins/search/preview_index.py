"""The preview's index follows saves: rebuilt in the background, then swapped in whole.

A full build remembers what it fed Pagefind (`remember`): each page's line and, for each article,
its source file's stamp and output name. After a preview's selective rebuild, the articles whose
source changed since are rendered again (their regions only) and a thread rebuilds the bundle
from the remembered lines with theirs replaced, into a folder beside output/pagefind; the two are
then exchanged in one rename (renameat2 RENAME_EXCHANGE), so a reader loads the old bundle or the
new one, never a mix. The page reload does not wait for it, and the rebuild starts once saves
pause for a second, at a lower priority; a later save cancels a rebuild still waiting or running
and starts one holding both saves.

Only one build's lines are held (a preview's). The bundle in output/ is recognised by its entry
file (device, inode, time, size): a bundle written by another build, or another content tree or
SEARCH setting, is left alone.
"""

from __future__ import annotations

import ctypes
import errno
import logging
import os
import secrets
import shutil
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

from .indexer import IndexFeed, IndexingFailed
from .settings import BUNDLE, SearchSettings

logger = logging.getLogger(__name__)

ENTRY = "pagefind-entry.json"
NICENESS = 10  # the next save's rebuild comes first
# Saves often come in bursts (an editor saving as they type): the index is rebuilt once the
# saves pause this long, so Pagefind does not take a core from the next save's rebuild.
PAUSE_SECONDS = 1.0

Stamp = tuple[int, int, int, int]


@dataclass(frozen=True)
class Snapshot:
    """What the bundle now in an output folder was built from."""

    identity: tuple
    tree: str  # the content folder (PATH)
    settings: SearchSettings
    lines: dict[str, bytes]  # output name → line fed (indexer.page_line)
    sources: dict[str, tuple[str, Stamp]]  # article source → (output name, stamp of the file)


_lock = threading.Lock()
_current: Snapshot | None = None
_job: _Job | None = None


# Saved after the build started (or so close before that the clocks cannot tell): the text
# read may be the one before the save, so the file is rendered again at the next preview.
UNSURE: Stamp = (-1, -1, -1, -1)
_CLOCK_GRAIN_NS = 100_000_000


def stamp(path: str, build_started_ns: int) -> Stamp:
    """What changes when a file is saved; UNSURE for a file saved while the build ran."""
    found = os.stat(path)
    if max(found.st_mtime_ns, found.st_ctime_ns) >= build_started_ns - _CLOCK_GRAIN_NS:
        return UNSURE
    return found.st_mtime_ns, found.st_size, found.st_ctime_ns, found.st_ino


def _identity(folder: str | Path, dir_fd: int | None = None) -> tuple | None:
    try:
        found = os.stat(os.path.join(folder, ENTRY), dir_fd=dir_fd)
    except OSError:
        return None
    return found.st_dev, found.st_ino, found.st_mtime_ns, found.st_size


def remember(bundle: Path, tree: str, settings: SearchSettings, lines: dict[str, bytes],
             sources: dict[str, tuple[str, Stamp]]) -> None:
    """A full build wrote (or placed) `bundle` from these lines."""
    global _current
    identity = _identity(bundle)
    with _lock:
        _current = Snapshot(identity, tree, settings, lines, sources) if identity else None


def base_for(output: Path, tree: str, settings: SearchSettings) -> Snapshot | None:
    """The lines of the bundle in `output`, if it is the one remembered, for this tree."""
    with _lock:
        snapshot = _current
    if snapshot is None or snapshot.tree != tree or snapshot.settings != settings:
        return None
    return snapshot if _identity(output / BUNDLE) == snapshot.identity else None


def start(output: Path, snapshot: Snapshot, changed: int) -> None:
    """Rebuild the bundle of `output` from `snapshot` (its identity: the bundle it replaces)."""
    global _job
    cancel()
    try:
        job = _Job(output, snapshot, changed)
    except OSError as error:  # output/ gone meanwhile: the next full build makes the index
        logger.warning("Chưa cập nhật được chỉ mục tìm kiếm của bản xem trước: %s", error)
        return
    with _lock:
        _job = job
    job.start()


def cancel(wait: float = 0) -> None:
    """Stop a rebuild still running (a full build, or a newer save, supersedes it)."""
    global _job
    with _lock:
        job, _job = _job, None
    if job is not None:
        job.cancel()
        if wait:
            job.join(wait)


def running() -> bool:
    """Whether a rebuild is running (for tests and tools)."""
    with _lock:
        return _job is not None and _job.is_alive()


def wait(timeout: float) -> bool:
    """Wait for the running rebuild to end; False if it still runs (for tests and tools)."""
    with _lock:
        job = _job
    if job is not None:
        job.join(timeout)
    return not running()


class _Job(threading.Thread):
    def __init__(self, output: Path, snapshot: Snapshot, changed: int):
        super().__init__(daemon=True, name="chi-muc-xem-truoc")
        self._output, self._snapshot, self._changed = output, snapshot, changed
        # The folder itself, not its name: `invoke build` may swap another output/ in meanwhile.
        self._dir = os.open(output, os.O_RDONLY | os.O_DIRECTORY)
        self._name = f".{BUNDLE}.{secrets.token_hex(4)}.moi"
        self._cancelled = False
        self._stopped = threading.Event()
        self._feed: IndexFeed | None = None

    def cancel(self) -> None:
        with _lock:
            self._cancelled = True
            feed = self._feed
        self._stopped.set()
        if feed is not None:
            feed.terminate()

    def run(self) -> None:
        try:
            self._rebuild()
        except (IndexingFailed, OSError) as failure:
            if not self._cancelled:
                logger.warning("Chưa cập nhật được chỉ mục tìm kiếm của bản xem trước: %s",
                               failure)
        finally:  # what Pagefind wrote, or the bundle swapped out
            _remove_later(self._dir, self._name, self._output)
            os.close(self._dir)

    def _rebuild(self) -> None:
        global _current
        snapshot = self._snapshot
        if self._stopped.wait(PAUSE_SECONDS):
            return  # a newer save, or a full build, came first
        feed = IndexFeed(self._output, snapshot.settings, bundle=self._output / self._name,
                         niceness=NICENESS)
        with _lock:
            self._feed = feed
            cancelled = self._cancelled
        if cancelled:
            feed.terminate()
        for line in snapshot.lines.values():
            feed.add_line(line)
        done = feed.finish()
        with _lock:
            if self._cancelled or _current is None or \
                    _identity(BUNDLE, self._dir) != _current.identity or \
                    _identity(self._name, self._dir) is None:
                # Superseded; or output/ holds a bundle this preview did not build, or is
                # another folder now (Pagefind then wrote into that one: removed below).
                return
            _exchange(self._dir, self._name, BUNDLE)
            _current = Snapshot(_identity(BUNDLE, self._dir), snapshot.tree, snapshot.settings,
                                snapshot.lines, snapshot.sources)
        # Quietly: the preview's own line about the save must stay the terminal's last.
        logger.debug("Đã cập nhật chỉ mục tìm kiếm của bản xem trước (%d bài vừa sửa, %d trang).",
                     self._changed, done.pages)


def _remove_later(dir_fd: int, name: str, output: Path) -> None:
    # By another process: a thousand unlinks in this one would take Python's lock from the
    # next save's rebuild. The name is this job's own: wherever it is found, it can go.
    places = {output / name}  # where Pagefind wrote, should output/ have been swapped since
    try:
        places.add(Path(os.readlink(f"/proc/self/fd/{dir_fd}")) / name)  # the folder, now
    except OSError:
        pass
    found = [str(place) for place in places if place.exists()]
    rm = shutil.which("rm")
    if found and rm:
        subprocess.Popen([rm, "-rf", *found], start_new_session=True,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    else:
        for place in found:
            shutil.rmtree(place, ignore_errors=True)


_RENAME_EXCHANGE = 2  # linux/fs.h


def _exchange(dir_fd: int, first: str, second: str) -> None:
    """Swap two entries of one folder in one step; two renames where the system cannot."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is not None:
        renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                              ctypes.c_uint]
        if renameat2(dir_fd, os.fsencode(first), dir_fd, os.fsencode(second),
                     _RENAME_EXCHANGE) == 0:
            return
        code = ctypes.get_errno()
        if code not in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
            raise OSError(code, os.strerror(code), first, None, second)
    aside = f"{first}.cu"
    os.rename(second, aside, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
    os.rename(first, second, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
    os.rename(aside, first, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
