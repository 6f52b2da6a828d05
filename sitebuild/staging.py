"""Build into a staging folder and swap it into place whole, so `output/` is always a good site.

Every function here runs under output/'s lock (`sitebuild.lock`), so one fixed staging name is
enough; what a build killed midway leaves behind is cleared by the next one before it starts.
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


def prepare(output: Path) -> Path:
    """Recover from a swap cut short, clear what killed builds left, return an empty staging."""
    old, staging = _old_dir(output), staging_dir(output)
    if old.exists() and not output.exists():  # killed between the two renames of the fallback
        os.rename(old, output)
    for leftover in _trash(output):  # a deletion cut short, or one still running: harmless twice
        _remove_detached(leftover)
    for folder in (old, staging):
        _delete_in_background(folder)
    staging.mkdir(parents=True)
    return staging


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

    One atomic exchange where Linux offers it (the previous site lands in the staging path);
    elsewhere two renames that signals cannot split, leaving a gap of microseconds.
    """
    if output.exists() and _exchange(staging, output):
        _delete_in_background(staging)
    else:
        old = _old_dir(output)
        with _signals_deferred():
            if output.exists():
                os.rename(output, old)
            os.rename(staging, output)
        _delete_in_background(old)
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
    """Throw away a failed build; output/ was never touched."""
    shutil.rmtree(staging, ignore_errors=True)
