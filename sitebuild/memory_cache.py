"""Pelican's content cache kept in the preview server's memory between saves.

A preview rebuild would otherwise unpickle the whole cache file at its start (twice: the
content_cache plugin checks it can be read) and pickle it whole again at its end, for one saved
article. Here the cache lives in memory. Each build gets lists and dicts of its own (a plugin
may append to an article's tags or metadata), sharing only the values inside them (text,
dates, the chủ đề/tag/author objects), as Pelican shares them within one build. The first
preview rebuild starts from the file the full build saved.
"""

from __future__ import annotations

import contextlib
import os
import pickle
from collections.abc import Iterator

from jinja2.bccache import Bucket, BytecodeCache
from pelican.cache import FileDataCacher


def _fresh(value):
    """The containers copied, what they hold shared."""
    if isinstance(value, dict):
        return {key: _fresh(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_fresh(item) for item in value]
    if isinstance(value, tuple):
        return tuple(_fresh(item) for item in value)
    return value


class _Entries(dict):
    """Source path → cache entry; each build reads copies of the containers."""

    def get(self, key, default=None):
        found = super().get(key)
        return default if found is None else _fresh(found)

    def __setitem__(self, key, value) -> None:
        super().__setitem__(key, _fresh(value))


class MemoryCache:
    """The caches of one preview; `active()` around a Pelican run makes it use them."""

    def __init__(self, disk_folder: str):
        self.disk_folder = disk_folder  # where full builds save theirs
        self.caches: dict[str, _Entries] = {}
        self.stale: set[str] = set()  # saved since the file was written: not taken from it

    def forget(self) -> None:
        """After a full build: start again from the file it saved."""
        self.caches.clear()
        self.stale.clear()

    def drop(self, paths: set[str]) -> None:
        """Forget what was read from these files.

        Saved, they are read again whatever their modification time says (an editor or a
        tool may keep it).
        """
        self.stale |= paths  # for the caches not loaded from the file yet
        for entries in self.caches.values():
            for path in paths:
                entries.pop(path, None)

    def _load(self, name: str) -> _Entries:
        if name not in self.caches:
            entries = _Entries()
            with contextlib.suppress(OSError, pickle.PickleError, EOFError):
                with open(os.path.join(self.disk_folder, name), "rb") as stream:
                    for key, value in pickle.load(stream).items():  # noqa: S301
                        if key not in self.stale:
                            entries[key] = value
            self.caches[name] = entries
        return self.caches[name]

    @contextlib.contextmanager
    def active(self) -> Iterator[None]:
        original_init, original_save = FileDataCacher.__init__, FileDataCacher.save_cache
        memory = self

        def init(cacher, settings, cache_name, caching_policy, load_policy):
            original_init(cacher, settings, cache_name, caching_policy, False)
            if load_policy or caching_policy:
                cacher._cache = memory._load(cache_name)

        def save(cacher) -> None:
            return None  # the entries are already in memory

        FileDataCacher.__init__, FileDataCacher.save_cache = init, save
        try:
            yield
        finally:
            FileDataCacher.__init__, FileDataCacher.save_cache = original_init, original_save


class TemplateCache(BytecodeCache):
    """Jinja's compiled templates, kept between preview rebuilds.

    Each rebuild's Pelican makes new Jinja environments and would compile every template again;
    a template whose source changed has another checksum, so it is compiled afresh.
    """

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()
