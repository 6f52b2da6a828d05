"""Build into a staging folder and swap it into place whole, so `output/` is always a good site.

Every function here runs under output/'s lock (`sitebuild.lock`), so one fixed staging name is
enough. The staging folder outlives a build: it keeps the site before last (or what a refused
or killed build wrote), and the next build writes over it, then sweeps away what it did not
write. After an internal error it is discarded: whatever in it may have been in the way, the
next build starts empty.
"""

import contextlib
import ctypes
import errno
import os
import secrets
import shutil
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

_DEFERRED = {signal.SIGINT, signal.SIGTERM}
_STARTED = ".dung-bat-dau"  # marker file in the staging folder, removed by `sweep`


def staging_dir(output: Path) -> Path:
    """Sibling of output, so the final rename stays on one file system (and is atomic)."""
    return output.with_name(f".{output.name}.staging")


def error_log(output: Path) -> Path:
    """Where an internal error's traceback goes; removed by the next successful build."""
    return output.with_name(f".{output.name}.error.log")


def _old_dir(output: Path) -> Path:
    return output.with_name(f".{output.name}.old")


def _trash(output: Path) -> list[Path]:
    return sorted(output.parent.glob(f".{output.name}.*.trash"))


def leftovers(output: Path) -> list[Path]:
    """What builds leave beside output/ when cut short: staging, old and trash folders, logs."""
    named = [staging_dir(output), _old_dir(output), error_log(output)]
    return [path for path in named if path.exists()] + _trash(output)


def prepare(output: Path, rewrite: bool = True) -> Path:
    """Recover from a swap cut short, clear what killed builds left, return the staging folder.

    The staging folder is the site before last when one is kept there (`swap_in` leaves it):
    the kernel rewrites an existing file for a tenth of what creating it, and its folder, costs
    (measured: 1700 pages, 0.08–0.13 s against 0.24–2.8 s), and a rebuild rewrites nearly every
    page. `sweep` then removes what this build did not write. `rewrite=False`: an empty folder.
    """
    old, staging = _old_dir(output), staging_dir(output)
    if old.exists() and not output.exists():  # killed between the two renames of the fallback
        os.rename(old, output)
    for leftover in _trash(output):  # a deletion cut short, or one still running: harmless twice
        _remove_detached(leftover)
    _delete_in_background(old)
    newest = _clear_for_rewriting(staging) if rewrite else None
    if newest is None:
        _delete_in_background(staging)
        staging.mkdir(parents=True)
    marker = staging / _STARTED
    with open(marker, "w"):  # its change time: the start of this build's writes
        pass
    if newest is not None and marker.stat().st_ctime_ns <= newest:
        # A file system with coarse times (a second on some) could not tell this build's
        # files from those of the one before: start from an empty folder instead.
        _delete_in_background(staging)
        staging.mkdir(parents=True)
        marker.touch()
    return staging


def _clear_for_rewriting(staging: Path) -> int | None:
    """Ready the kept site to be written over; the newest change time in it, None if unfit.

    A file with other links (photos and search files are linked from the caches, and from the
    site in output/) would be changed everywhere by writing into it: such files are unlinked
    here, and the build links or writes them anew. Anything else but a plain file or folder
    (a link planted there) makes the whole folder unfit.
    """
    if staging.is_symlink() or not staging.is_dir():
        return None
    newest, folders, emptied = 0, [os.fspath(staging)], set()
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                    continue
                if not entry.is_file(follow_symlinks=False):
                    return None
                found = entry.stat(follow_symlinks=False)
                if found.st_nlink > 1:
                    os.unlink(entry.path)
                    emptied.add(os.path.dirname(entry.path))
                else:
                    newest = max(newest, found.st_ctime_ns)
    # Folders these unlinks emptied go now: changed in the same clock tick as the start marker,
    # `sweep` could not tell them from this build's.
    for folder in sorted(emptied, key=len, reverse=True):
        while folder != os.fspath(staging) and _removed_if_empty(folder):
            folder = os.path.dirname(folder)
    return newest


def _removed_if_empty(folder: str) -> bool:
    try:
        os.rmdir(folder)
    except OSError:  # not empty (or gone already)
        return False
    return True


def sweep(staging: Path) -> None:
    """Remove what the build did not write: the pages, feeds and files of the site before last.

    Every file a build writes, copies or links has its change time set then (Linux and macOS
    alike); what is older than this build's start marker is left over. Folders emptied are
    removed too, but not one this build made empty on purpose. Nothing to do when the marker is
    gone (swept already).
    """
    marker = staging / _STARTED
    try:
        started = marker.stat().st_ctime_ns
    except FileNotFoundError:
        return
    marker.unlink()
    emptied: set[str] = set()  # folders that lost an entry here: left empty, they go too
    for folder, folders, files in os.walk(staging, topdown=False):
        for name in files:
            path = os.path.join(folder, name)
            if os.lstat(path).st_ctime_ns < started:
                os.unlink(path)
                emptied.add(folder)
        for name in folders:
            path = os.path.join(folder, name)
            if path in emptied or os.lstat(path).st_ctime_ns < started:
                with contextlib.suppress(OSError):  # not empty: it holds this build's files
                    os.rmdir(path)
                    emptied.add(folder)


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    # SIGINT/SIGTERM arriving between the two renames would leave no output/: hold them
    # until both are done, then let them act.
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _DEFERRED)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step (Linux renameat2); False where the system cannot."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:  # not glibc ≥ 2.28 (macOS, musl before 1.2.5)
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                          ctypes.c_uint]
    done = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second),
                     _RENAME_EXCHANGE)
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):  # old kernel, or the file system
        return False
    raise OSError(code, os.strerror(code), str(first), None, str(second))


def swap_in(staging: Path, output: Path) -> None:
    """Replace output/ with the staging folder; a reader never finds output/ missing.

    One atomic exchange where Linux offers it; elsewhere two renames that signals cannot split,
    leaving a gap of microseconds. Either way the previous site ends in the staging path, kept
    for the next build to write over (`prepare`).
    """
    sweep(staging)
    if not (output.exists() and _exchange(staging, output)):
        old = _old_dir(output)
        with _signals_deferred():
            if output.exists():
                os.rename(output, old)
            os.rename(staging, output)
        if old.exists():
            os.rename(old, staging)
    error_log(output).unlink(missing_ok=True)  # a good build makes the last failure's log moot


def _delete_in_background(folder: Path) -> None:
    """Remove the previous site without making the editor wait for thousands of unlinks."""
    if not folder.exists():
        return
    # A unique name: the previous deletion (same process, in `invoke serve`) may still run.
    trash = folder.with_name(f"{folder.name}.{os.getpid()}-{secrets.token_hex(3)}.trash")
    os.rename(folder, trash)
    _remove_detached(trash)


def _remove_detached(folder: Path) -> None:
    rm = shutil.which("rm")
    if rm:  # a detached process outlives a short-lived `invoke build`
        subprocess.Popen([rm, "-rf", str(folder)], start_new_session=True,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    else:
        shutil.rmtree(folder, ignore_errors=True)


def discard(staging: Path) -> None:
    """Throw away the folder of a build that failed (in the background); output/ is untouched."""
    _delete_in_background(staging)
