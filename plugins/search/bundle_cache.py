"""The last search bundles, kept in CACHE_PATH/search/ under the key of what was fed to Pagefind.

A bundle depends only on the lines given to the worker (each page's URL and marked regions, in
order), the configuration, Pagefind's version and the code that marks and feeds (this package).
`key_of` hashes all of it; a build feeding exactly the same gets the stored bundle linked into
its output instead of running Pagefind (2-3 s of CPU on 1000 articles).

An entry is written whole into a temporary folder, then renamed: a reader sees it complete or
not at all. Its `manifest.json`, written last, lists every file with its size and SHA-256; an
entry whose files do not match it (cut short, edited, a file missing) is removed, never used.
Files are hard links where the file system allows (else copies): nothing of ours ever writes
into an existing bundle file (the worker empties the folder before Pagefind writes, a preview
writes a new folder beside it), and the manifest check catches whatever else did.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import secrets
import shutil
import time
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

from sitekit.code_digest import modules_digest

from .settings import SearchSettings

FOLDER = "search"  # inside CACHE_PATH
MANIFEST = "manifest.json"
KEEP = 3  # entries kept: a build, and whatever alternates with it (drafts, another SITEURL)
_LEFTOVER_SECONDS = 3600  # a temporary folder older than this belongs to no running build
_FORMAT = 1  # bump when the layout of an entry changes
# The marking, the worker, the service and the feeding all shape the bundle.
_CODE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Entry:
    """A verified entry: its folder and how many pages its bundle indexes."""

    folder: Path
    pages: int


def _pagefind_version() -> bytes:
    from .indexer import executable

    try:
        version = metadata.version("pagefind_bin")
    except metadata.PackageNotFoundError:
        version = "?"
    binary = executable()
    stat = binary.stat()
    return f"{version}\0{binary}\0{stat.st_size}\0{stat.st_mtime_ns}".encode()


def key_start(settings: SearchSettings, unused: tuple[str, ...]) -> hashlib._Hash:
    """A hash holding everything but the pages; `update` it with each line fed, in order."""
    digest = hashlib.sha256()
    # Every SEARCH key: each is given to the worker or to Pagefind.
    config = {"format": _FORMAT, "search": asdict(settings), "language": "vi",
              "unused": list(unused)}
    digest.update(json.dumps(config, sort_keys=True, default=list).encode() + b"\0")
    digest.update(_pagefind_version() + b"\0" + modules_digest(_CODE) + b"\0")
    return digest


def has_entries(root: Path) -> bool:
    """Whether any entry is stored (a cold cache runs Pagefind from the first page, as before)."""
    try:
        return any(not p.name.startswith(".") for p in root.iterdir() if p.is_dir())
    except OSError:
        return False


def _walk(folder: Path) -> tuple[list[str], list[str]]:
    """The folders and the files under `folder`, as relative names (os.walk: no Path per file)."""
    folders, files = [], []
    for top, subfolders, names in os.walk(folder):
        at = os.path.relpath(top, folder)
        prefix = "" if at == "." else at + os.sep
        folders += [prefix + name for name in subfolders]
        files += [prefix + name for name in names]
    return folders, files


def _sha256(path: str) -> str:
    with open(path, "rb") as stream:
        return hashlib.sha256(stream.read()).hexdigest()


def lookup(root: Path, key: str) -> Entry | None:
    """The entry stored under `key`, checked file by file; a damaged one is removed."""
    folder = root / key
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        listed = manifest["files"]
        found = set(_walk(folder)[1]) - {MANIFEST}
        if manifest.get("format") != _FORMAT or found != set(listed):
            raise ValueError("files differ from the manifest")
        for name, (size, digest) in listed.items():
            path = os.path.join(folder, name)
            if os.stat(path).st_size != size or _sha256(path) != digest:
                raise ValueError(f"{name} differs from the manifest")
        pages = int(manifest["pages"])
    except FileNotFoundError:
        if folder.exists():  # a folder without its manifest: not ours, or damaged
            _remove(folder)
        return None
    except (OSError, ValueError, KeyError, TypeError):
        _remove(folder)
        return None
    os.utime(folder)  # the most recently used is kept longest
    return Entry(folder, pages)


def _link_tree(source: Path, target: Path, skip: str | None = None) -> None:
    """Hard-link every file of `source` into the new folder `target` (copy across devices)."""
    target.mkdir(parents=True)
    folders, files = _walk(source)
    for name in folders:
        os.mkdir(os.path.join(target, name))
    for name in files:
        if name == skip:
            continue
        path, destination = os.path.join(source, name), os.path.join(target, name)
        try:
            os.link(path, destination)
        except OSError as error:
            if error.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP):
                raise
            shutil.copy2(path, destination)


def place(entry: Entry, bundle: Path) -> None:
    """Put the entry's bundle at `bundle`, replacing what was there, never half of it."""
    temporary = bundle.with_name(f".{bundle.name}.{secrets.token_hex(4)}.tmp")
    try:
        _link_tree(entry.folder, temporary, skip=MANIFEST)
        if bundle.exists():
            shutil.rmtree(bundle)
        os.rename(temporary, bundle)
    except BaseException:
        _remove(temporary)
        raise


def store(root: Path, key: str, bundle: Path, pages: int) -> None:
    """Keep the bundle Pagefind just wrote under `key`; the oldest entries beyond KEEP go."""
    if (root / key).exists():
        return
    temporary = root / f".{key}.{secrets.token_hex(4)}.tmp"
    try:
        _link_tree(bundle, temporary)
        files = {name: [os.stat(path).st_size, _sha256(path)]
                 for name in _walk(temporary)[1] for path in [os.path.join(temporary, name)]}
        (temporary / MANIFEST).write_text(json.dumps(
            {"format": _FORMAT, "pages": pages, "files": files}), encoding="utf-8")
        os.rename(temporary, root / key)
    except OSError:
        _remove(temporary)  # another build stored the same key first, or the disk is full
        if not (root / key).exists():
            raise
    _prune(root)


def _prune(root: Path) -> None:
    entries = sorted((p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")),
                     key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in entries[KEEP:]:
        _remove(old)
    stale = time.time() - _LEFTOVER_SECONDS
    for leftover in root.glob(".*"):  # what a build killed while storing left behind
        with contextlib.suppress(OSError):
            if leftover.stat().st_mtime < stale:
                shutil.rmtree(leftover, ignore_errors=True)


def _remove(folder: Path) -> None:
    # Renamed first, so a half-removed entry is never taken for one.
    if not folder.exists():
        return
    doomed = folder.with_name(f".{folder.name}.{secrets.token_hex(4)}.gone")
    try:
        os.rename(folder, doomed)
    except OSError:
        doomed = folder
    shutil.rmtree(doomed, ignore_errors=True)
