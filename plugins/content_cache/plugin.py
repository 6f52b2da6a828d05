"""Pelican's content cache can be neither half-written nor half-read.

Pelican pickles its content cache straight into `CACHE_PATH/<name>`: a build killed while it
saves, or two builds that share the cache (a preview and a publish), leave a truncated file, and
every later build then stops on Pelican's unpickling with an `EOFError` it does not catch.
Here each save goes to a file of its own and is renamed over the cache in one step, and a
cache that cannot be read whole is dropped before Pelican opens it (a cache is only a shortcut:
the files are simply read again).
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
from collections.abc import Callable, Iterator
from pathlib import Path

from pelican import signals

logger = logging.getLogger(__name__)
_PARTIAL = ".partial"


def drop_unreadable_caches(pelican) -> None:
    """Remove cache files a killed or concurrent build left unreadable, and their partials."""
    folder = Path(pelican.settings["CACHE_PATH"])
    if not folder.is_dir():
        return
    for path in folder.iterdir():
        if path.name.endswith(_PARTIAL):
            if not _writer_alive(path):
                path.unlink(missing_ok=True)
        elif path.is_file() and not _readable(path, pelican.settings.get("GZIP_CACHE")):
            logger.debug("Bộ nhớ đệm %s hỏng, bỏ đi và đọc lại các tệp", path)
            path.unlink(missing_ok=True)


def _readable(path: Path, gzipped: bool) -> bool:
    import gzip

    try:
        with (gzip.open if gzipped else open)(path, "rb") as stream:
            pickle.load(stream)
    except Exception:  # noqa: BLE001 (any failure means Pelican could not read it either)
        return False
    return True


def _writer_alive(partial: Path) -> bool:
    pid = partial.name.removesuffix(_PARTIAL).rpartition(".")[2]
    if not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def save_whole(generator) -> None:
    """Make the generator's and its readers' cache saves write-then-rename."""
    for cacher in (generator, getattr(generator, "readers", None)):
        opener = getattr(cacher, "_cache_open", None)
        if opener is not None and not getattr(opener, "writes_whole", False):
            cacher._cache_open = _whole_writes(opener)


def _whole_writes(opener: Callable) -> Callable:
    @contextlib.contextmanager
    def open_cache(path: str, mode: str = "rb") -> Iterator:
        if "w" not in mode:
            with opener(path, mode) as stream:
                yield stream
            return
        partial = f"{path}.{os.getpid()}{_PARTIAL}"
        try:
            with opener(partial, mode) as stream:
                yield stream
            os.replace(partial, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(partial)

    open_cache.writes_whole = True
    return open_cache


def register() -> None:
    """Connect the handlers."""
    # initialized: before any generator (and its readers) loads the cache.
    signals.initialized.connect(drop_unreadable_caches)
    # generator_init: the generators and their readers exist, nothing is saved yet.
    signals.generator_init.connect(save_whole)
