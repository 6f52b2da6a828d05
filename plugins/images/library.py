"""The photos of one build: found in the content, taken from the cache or processed in a pool."""

from __future__ import annotations

import logging
import os
import time
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from sitekit.paths import within
from sitekit.text import slugify_vi

from . import cache
from .pixels import CORRUPT, Manifest, Variant
from .settings import Recipe

logger = logging.getLogger(__name__)

RASTER = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".tif", ".tiff", ".bmp"}


@dataclass(frozen=True)
class Photo:
    """One source image and what the pipeline made of it (or why it could not)."""

    relpath: str  # NFC, '/'-separated, relative to the content folder
    key: str  # cache key; empty when the file could not even be read
    manifest: Manifest
    folder: Path  # cache folder holding the derivatives

    @cached_property
    def prefix(self) -> str:
        """Output name start: ASCII stem and key, `Ảnh hội nghị.jpg` → `anh-hoi-nghi-3f2a…`."""
        return f"{slugify_vi(Path(self.relpath).stem) or 'anh'}-{self.key[:10]}"

    def output_name(self, variant: Variant) -> str:
        """File name in the output folder; the key in it changes whenever the pixels can."""
        return f"{self.prefix}-{variant.file}"

    def files(self) -> list[Variant]:
        """Every derivative, the social card included."""
        social = [self.manifest.social] if self.manifest.social else []
        return self.manifest.variants + social


@dataclass
class Stats:
    """What a build's image pass did, for the log and the tests."""

    found: int = 0
    reused: int = 0  # unchanged files: index and manifest only, no read, no Pillow
    hashed: int = 0  # files read and hashed (new or touched)
    processed: int = 0  # files Pillow worked on
    workers: int = 0  # processes started; 0 when no pool was needed
    seconds: float = 0.0


def relative(path: Path, root: Path) -> str:
    """Return the key photos are known by: NFC, so macOS (NFD) file names match Markdown."""
    return unicodedata.normalize("NFC", path.relative_to(root).as_posix())


def find_images(root: Path, folders: list[str]) -> list[Path]:
    """List raster files under content folders (Pelican's STATIC_PATHS), hidden ones skipped.

    Nothing outside the content folder is listed: os.walk does not enter folder links, and a
    file link leading out is left for the editorial review to report (it stops the build).
    """
    real_root = os.path.realpath(root)
    found: list[Path] = []
    for name in folders:
        start = root / name
        if not within(str(start), real_root):
            continue
        if start.is_file():
            found += [start] if start.suffix.lower() in RASTER else []
            continue
        for folder, dirs, files in os.walk(start):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found += [Path(folder, f) for f in sorted(files)
                      if not f.startswith(".") and Path(f).suffix.lower() in RASTER
                      and (not os.path.islink(Path(folder, f))
                           or within(os.path.join(folder, f), real_root))]
    return found


class Library:
    """Photos by content path for one build, backed by the cache."""

    def __init__(self, content_root: Path, cache_root: Path, recipe: Recipe,
                 workers: int | None = None):
        self.root = content_root
        self.cache_root = cache_root
        self.recipe = recipe
        self.workers = workers or os.cpu_count() or 1
        self.photos: dict[str, Photo] = {}
        self._index = cache.read_index(cache_root)
        self._index_changed = False

    def prepare(self, files: list[Path]) -> Stats:
        """Make sure every file has its derivatives; the uncached ones go to a process pool."""
        started = time.perf_counter()
        stats = Stats(found=len(files))
        cache.clear_stale(self.cache_root)
        todo: list[tuple[Path, str, os.stat_result]] = []
        for path in files:
            relpath, stat = relative(path, self.root), path.stat()
            if self._from_index(relpath, stat):
                stats.reused += 1
            else:
                todo.append((path, relpath, stat))
        stats.hashed = len(todo)
        if todo:
            # Largest first, so no worker is left with a big photo at the end.
            todo.sort(key=lambda item: item[2].st_size, reverse=True)
            stats.workers = min(self.workers, len(todo)) if len(todo) > 1 else 0
            for (_, relpath, stat), derived in zip(todo, self._derive_all(todo, stats.workers),
                                                      strict=True):
                stats.processed += self._record(relpath, stat, derived)
        self.save()
        stats.seconds = time.perf_counter() - started
        return stats

    def get(self, relpath: str) -> Photo | None:
        """Return the photo at this content path; one outside the scanned folders is made now."""
        photo = self.photos.get(relpath)
        if photo is None:
            path = self.root / relpath
            # Never a file outside the content folder, by `..`, an absolute path or a link.
            if path.suffix.lower() not in RASTER \
                    or not within(str(path), os.path.realpath(self.root)) or not path.is_file():
                return None
            stat = path.stat()
            if not self._from_index(relpath, stat):
                self._record(relpath, stat, self._derive_all([(path, relpath, stat)], 0)[0])
            photo = self.photos[relpath]
        return photo

    def remake(self, relpath: str) -> Photo:
        """Process one photo again, in this process (its cache entry was damaged)."""
        path = self.root / relpath
        self._record(relpath, path.stat(), self._derive_all([(path, relpath, None)], 0)[0])
        return self.photos[relpath]

    def save(self) -> None:
        """Write the index when this build learned something new."""
        if self._index_changed:
            cache.write_index(self.cache_root, self._index)
            self._index_changed = False

    def _from_index(self, relpath: str, stat: os.stat_result) -> bool:
        stamp = self._index.get(relpath)
        if stamp is None or (stamp.size, stamp.mtime_ns) != (stat.st_size, stat.st_mtime_ns):
            return False
        key = cache.key_for(stamp.sha256, self.recipe)
        manifest = cache.load_manifest(self.cache_root, key)
        if manifest is None:
            return False
        self.photos[relpath] = Photo(relpath, key, manifest, cache.folder_for(self.cache_root, key))
        return True

    def _derive_all(self, todo: list, workers: int) -> list[cache.Derived | Exception]:
        args = [(str(path), str(self.cache_root), self.recipe) for path, _, _ in todo]
        if not workers:
            return [_safely(*a) for a in args]
        # Processes, not threads: Python-side work and AVIF's encoder would fight over the GIL.
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(cache.derive, *a) for a in args]
            return [_outcome(f) for f in futures]

    def _record(self, relpath: str, stat: os.stat_result,
                derived: cache.Derived | Exception) -> int:
        if isinstance(derived, Exception):
            # Unreadable file or crashed worker: told to editors, never cached.
            manifest = Manifest(error=CORRUPT, detail=str(derived))
            self.photos[relpath] = Photo(relpath, "", manifest, self.cache_root)
            return 1
        self._index[relpath] = cache.Stamp(stat.st_size, stat.st_mtime_ns, derived.sha256)
        self._index_changed = True
        folder = cache.folder_for(self.cache_root, derived.key)
        self.photos[relpath] = Photo(relpath, derived.key, derived.manifest, folder)
        return int(derived.made)


def _safely(*args) -> cache.Derived | Exception:
    try:
        return cache.derive(*args)
    except Exception as error:  # noqa: BLE001 (reported to the editor as a broken file)
        return error


def _outcome(future) -> cache.Derived | Exception:
    try:
        return future.result()
    except Exception as error:  # noqa: BLE001 (a worker died: the photo is reported)
        return error
