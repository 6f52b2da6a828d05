"""Build into a staging folder and swap it into place whole, so `output/` is always a good site."""

import contextlib
import os
import shutil
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

_DEFERRED = {signal.SIGINT, signal.SIGTERM}


def staging_dir(output: Path) -> Path:
    """Sibling of output, so the final rename stays on one file system (and is atomic)."""
    return output.with_name(f".{output.name}.staging")


def _old_dir(output: Path) -> Path:
    return output.with_name(f".{output.name}.old")


def prepare(output: Path) -> Path:
    """Recover from a swap cut short, drop stale staging, return an empty staging folder."""
    old, staging = _old_dir(output), staging_dir(output)
    if old.exists() and not output.exists():
        os.rename(old, output)
    shutil.rmtree(old, ignore_errors=True)
    for leftover in output.parent.glob(f"{old.name}.*.trash"):  # a delete cut short
        _delete_in_background(leftover)
    shutil.rmtree(staging, ignore_errors=True)
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


def swap_in(staging: Path, output: Path) -> None:
    """Replace output/ with the staging folder in two renames that cannot be interrupted."""
    old = _old_dir(output)
    with _signals_deferred():
        if output.exists():
            os.rename(output, old)
        os.rename(staging, output)
    _delete_in_background(old)


def _delete_in_background(folder: Path) -> None:
    """Remove the previous site without making the editor wait for thousands of unlinks."""
    if not folder.exists():
        return
    trash = folder.with_name(f"{folder.name}.{os.getpid()}.trash")
    os.rename(folder, trash)
    rm = shutil.which("rm")
    if rm:  # a detached process outlives a short-lived `invoke build`
        subprocess.Popen([rm, "-rf", str(trash)], start_new_session=True,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    else:
        shutil.rmtree(trash, ignore_errors=True)


def discard(staging: Path) -> None:
    """Throw away a failed build; output/ was never touched."""
    shutil.rmtree(staging, ignore_errors=True)
