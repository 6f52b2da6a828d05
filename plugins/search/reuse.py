"""The feed of one build: Pagefind runs only when what it is fed differs from a stored bundle.

The key of a bundle (bundle_cache.py) is known only once the last page is fed, when the bundle
is asked for; by then, in a full build, the programme's pages were written and every article's
region was handed over at once, before the first article page. So the lines are kept here,
hashed as they come, and the worker is started at the write only when the key misses: it is fed
everything at once and writes while the article pages are written, as before. With an empty
cache (a first build) nothing can be reused, and the worker starts at the first page, as it
always did.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from . import bundle_cache
from .indexer import UNUSED, IndexFeed, IndexReport, page_line
from .settings import BUNDLE, SearchSettings

logger = logging.getLogger(__name__)


class ReusingFeed:
    """IndexFeed's interface (`add`, `write`, `writing`, `finish`, `abandon`), reusing bundles."""

    def __init__(self, output: Path, settings: SearchSettings, cache: Path | None):
        self._output, self._settings, self._cache = output, settings, cache
        self._bundle = output.resolve() / BUNDLE
        self._key = bundle_cache.key_start(settings, UNUSED)
        # Output name → line fed, in order: for a late worker, and for the preview's index.
        self.lines: dict[str, bytes] = {}
        self._worker: IndexFeed | None = IndexFeed(output, settings) if self.eager(cache) else None
        self._reused: bundle_cache.Entry | None = None
        self._key_missed = ""
        self.writing = False

    @staticmethod
    def eager(cache: Path | None) -> bool:
        """Whether a feed starts its worker at once: with no stored bundle, none can be reused."""
        return cache is None or not bundle_cache.has_entries(cache)

    def add(self, name: str, regions: str) -> None:
        """Hand over the marked regions of the page written as `name`."""
        line = page_line(name, regions)
        self._key.update(line)
        self.lines[name] = line
        if self._worker is not None:
            self._worker.add_line(line)

    def write(self) -> None:
        """Every marked page is in: take the stored bundle, or ask the worker for one."""
        if self.writing:
            return
        self.writing = True
        key = self._key.hexdigest()
        entry = bundle_cache.lookup(self._cache, key) if self._cache is not None else None
        if entry is not None:
            if self._worker is not None:  # started on an empty cache another build just filled
                self._worker.abandon()
                self._worker = None
            bundle_cache.place(entry, self._bundle)
            self._reused = entry
            logger.info("Nội dung tìm kiếm không đổi: dùng lại chỉ mục đã lưu (%d trang), "
                        "không chạy Pagefind.", entry.pages)
            return
        if self._worker is None:
            self._worker = IndexFeed(self._output, self._settings)
            for line in self.lines.values():
                self._worker.add_line(line)
        self._worker.write()
        self._key_missed = key

    def finish(self) -> IndexReport:
        """The bundle is in place (raise IndexingFailed if Pagefind failed); store a new one."""
        self.write()
        if self._reused is not None:
            return IndexReport(self._reused.pages, 0.0, reused=True)
        done = self._worker.finish()
        if self._cache is not None:
            try:
                bundle_cache.store(self._cache, self._key_missed, self._bundle, done.pages)
            except OSError as error:  # the site is good; only the next build is slower
                logger.warning("Không lưu được chỉ mục tìm kiếm để dùng lại (%s).", error)
        return done

    def abandon(self) -> None:
        """Stop the worker; remove the bundle written or placed (the build failed)."""
        if self._worker is not None:
            self._worker.abandon()
        if self._reused is not None:
            shutil.rmtree(self._bundle, ignore_errors=True)
