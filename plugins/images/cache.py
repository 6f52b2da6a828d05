"""The derivative cache: one folder per (photo bytes, recipe), published whole or not at all.

Layout under the cache root (outside output/, so deleting output/ keeps it):
    index.json                     source path -> (size, mtime_ns, sha256): unchanged files
                                   are not even re-read on a warm build
    v1/<key[:2]>/<key>/            manifest.json and the derivatives (480.avif, 800.jpg, og.jpg…)
    tmp/                           folders being written; renamed into v1/ when complete
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .pixels import Manifest, process
from .settings import Recipe

_STALE_SECONDS = 3600  # a tmp folder this old belongs to a build that was killed


@dataclass(frozen=True)
class Stamp:
    """What the index remembers of a source file."""

    size: int
    mtime_ns: int
    sha256: str


@dataclass(frozen=True)
class Derived:
    """A source file's hash, cache key and manifest, as a worker returns them."""

    sha256: str
    key: str
    manifest: Manifest
    made: bool  # False when the cache already had this photo (e.g. a file only touched)


def key_for(sha256: str, recipe: Recipe) -> str:
    """Cache key: the photo's bytes and everything that decides its pixels."""
    return hashlib.sha256(f"{sha256}:{recipe.fingerprint}".encode()).hexdigest()


def folder_for(root: Path, key: str) -> Path:
    """Where the derivatives of `key` live once complete."""
    return root / "v1" / key[:2] / key


def load_manifest(root: Path, key: str) -> Manifest | None:
    """Load the manifest of `key`; None when that photo was never processed with this recipe."""
    try:
        text = (folder_for(root, key) / "manifest.json").read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    return Manifest.from_dict(json.loads(text))


def derive(source: str, root: str, recipe: Recipe) -> Derived:
    """Hash one photo and make its derivatives unless cached. Runs in pool workers.

    The bytes are read once, for the hash and for Pillow. The folder is written under tmp/ and
    renamed into place with os.replace, so a killed build never leaves half a set behind.
    """
    data = Path(source).read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    key = key_for(sha, recipe)
    cache = Path(root)
    manifest = load_manifest(cache, key)
    if manifest is not None:
        return Derived(sha, key, manifest, made=False)
    (cache / "tmp").mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f"{key[:12]}-", dir=cache / "tmp"))
    try:
        manifest = process(data, recipe, work)
        _write_json(work / "manifest.json", manifest.to_dict())
        final = folder_for(cache, key)
        final.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.replace(work, final)
        except OSError:
            pass  # another build published the same key first: theirs is identical
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return Derived(sha, key, manifest, made=True)


def clear_stale(root: Path) -> None:
    """Remove tmp folders left by killed builds (never a running build's: those are fresh)."""
    tmp = root / "tmp"
    if not tmp.is_dir():
        return
    limit = time.time() - _STALE_SECONDS
    for entry in tmp.iterdir():
        with contextlib.suppress(OSError):
            if entry.stat().st_mtime < limit:
                shutil.rmtree(entry, ignore_errors=True)


def read_index(root: Path) -> dict[str, Stamp]:
    """Source path -> stamp, from the last builds; empty when missing or unreadable."""
    try:
        raw = json.loads((root / "index.json").read_text(encoding="utf-8"))
        return {path: Stamp(*values) for path, values in raw.items()}
    except (OSError, ValueError, TypeError):
        return {}


def write_index(root: Path, index: dict[str, Stamp]) -> None:
    """Save the index atomically."""
    root.mkdir(parents=True, exist_ok=True)
    _write_json(root / "index.json",
                {path: [s.size, s.mtime_ns, s.sha256] for path, s in sorted(index.items())})


def link(source: Path, target: Path) -> None:
    """Put a cached file into the output: a hard link (no copy), else a copy; never half-written.

    The caller makes target's folder once; linking 900 files then costs a few milliseconds.
    """
    try:
        os.link(source, target)  # the usual case: output/ was emptied by this build
        return
    except FileExistsError:
        if os.path.samefile(source, target):
            return
    except OSError:
        pass  # another file system, or links not allowed: copy below
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        temporary.unlink()
    try:
        os.link(source, temporary)
    except OSError:
        shutil.copyfile(source, temporary)
    os.replace(temporary, target)


def _write_json(path: Path, data: object) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, path)
