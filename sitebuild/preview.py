"""Fast rebuilds for `invoke serve`: after an article is saved, write only what it touches.

The first build, and any change to a page, the theme, a plugin, the settings, an image or the
programme, or a deleted article, is a full staged build. When only articles were saved, Pelican
reads only the saved files: every other article is revived from the object the last build made
of it (sitebuild.content_objects), its plugins' handlers run again. The selective writer
(sitebuild.selective) renders just the pages that show the saved articles: the article, its
neighbours, every page whose "Đọc thêm" or same-chủ-đề list shows it or changed, the listings
it is on; a listing that shows the same articles as before is not even paginated again. The
result is page for page what a full build of the same content writes.
"""

import hashlib
import logging
import time
from dataclasses import replace
from pathlib import Path

from pelican import signals

from sitekit.numbers import seconds

from . import console, lock
from .build import BuildFailed, BuildOptions, build, load_settings, one_at_a_time, run_pelican
from .content_objects import ContentObjects, forget_memos
from .first_look import FirstLook, Look
from .memory_cache import MemoryCache, TemplateCache
from .overlay import BuildStatus
from .selective import (
    Plan,
    SelectiveWriter,
    copies_only_newer,
    quick_membership,
    signature,
    site_wide,
)

# Each line is stamped with the time and the build's number: the last line always tells the
# state of the preview, and Pelican's filter (which drops a repeat) has nothing to drop.
logger = console.unlimited(logging.getLogger(__name__))


class _Replaced(Exception):
    """Another build swapped its own site into output/."""


def _identity(folder: Path) -> tuple[int, int] | None:
    try:
        found = folder.stat()
    except OSError:
        return None
    return found.st_dev, found.st_ino


_OWN_CACHE = "-xem-truoc-"
_TREE_NOTE = "nguon.txt"  # which content tree a preview's cache is for


def _forget_gone_trees(folder: Path) -> None:
    """Remove the caches of previews whose content tree is gone (tests', benchmarks')."""
    import shutil

    for cache in folder.glob(f"*{_OWN_CACHE}*"):
        note = cache / _TREE_NOTE
        if note.is_file() and not Path(note.read_text(encoding="utf-8")).exists():
            shutil.rmtree(cache, ignore_errors=True)
            shutil.rmtree(f"{cache}-bo-nho", ignore_errors=True)


class Preview:
    """Rebuilds output/ for a running preview server; keeps the last good site on failure."""

    def __init__(self, options: BuildOptions, watched: list[Path]):
        settings = load_settings(options, Path())
        self.articles_root = Path(options.content or settings["PATH"]).resolve()
        # A content cache of this tree's own: the shared one also holds every other tree
        # built on this machine (tests, benchmarks), and loading and saving it whole cost
        # seconds of every save; another build saving it would also undo ours.
        # Beside the shared one, not inside it: the images plugin keeps its own cache in the
        # folder that holds CACHE_PATH, and the preview must find the photos made by builds.
        shared = Path(settings["CACHE_PATH"])
        key = hashlib.sha1(str(self.articles_root).encode()).hexdigest()[:12]
        own = shared.with_name(f"{shared.name}{_OWN_CACHE}{key}")
        _forget_gone_trees(shared.parent)
        own.mkdir(parents=True, exist_ok=True)
        (own / _TREE_NOTE).write_text(str(self.articles_root), encoding="utf-8")
        extra = {**(options.extra or {}), "CACHE_PATH": str(own)}
        self.options = replace(options, drafts=True, extra=extra)
        self.memory = MemoryCache(extra["CACHE_PATH"])
        self.templates = TemplateCache()
        # Each unchanged article as Pelican built it (sitebuild.content_objects).
        self.objects = ContentObjects()
        # output/ as the last full build left it: another build swapping in its own site
        # (`invoke build` meanwhile) makes it another folder, which only a full build mends.
        self.output_id: tuple[int, int] | None = None
        self.watched = watched
        self.last_build: float | None = None
        self.builds = 0
        # Saved since the last good build (a failed one leaves them to the next).
        self.pending: set[Path] = set()
        # The pages of the last good build, page by page (sitebuild.selective).
        self.plan = Plan()
        # What the preview server shows over every page it serves (sitebuild.overlay).
        self.status = BuildStatus()
        # The last good build's articles, for the saved article's page before the rebuild.
        self.first = FirstLook()
        self.look: Look | None = None  # that page, until the rebuild after it is over

    def _changed_since(self, moment: float) -> list[Path]:
        changed = []
        for root in self.watched:
            paths = [root] if root.is_file() else (p for p in root.rglob("*") if p.is_file())
            changed += [p for p in paths if p.stat().st_mtime >= moment]
        return changed

    def _only_articles(self, changed: set[Path]) -> bool:
        """Saved (not deleted) articles only: the case a selective rebuild is made for."""
        articles = self.articles_root / "articles"
        return bool(changed) and all(
            p.suffix == ".md" and p.is_file() and p.resolve().is_relative_to(articles)
            for p in changed
        )

    def rebuild(self, changed: list[Path] | None = None) -> None:
        """Full or selective rebuild, whichever the changes since the last good one need.

        `changed`: the paths the watcher saw; without it, every watched file modified since
        the last good build. After a failure the files saved since the last good build are
        all read again, whatever their content (an undo included).
        """
        from sitekit import problems

        started = time.time()
        self.builds += 1
        clock = time.strftime("%H:%M:%S")
        stamp = f"[{clock}, lần dựng {self.builds}]"
        if changed is None and self.last_build:
            changed = self._changed_since(self.last_build)
        self.pending.update(changed or ())
        problems.reset()  # a build stopped before Pelican started would show the last one's
        look, self.look = self.look, None
        try:
            if self.last_build is not None and self.plan.pages and \
                    self._only_articles(self.pending):
                line = self._write_selected({str(p.resolve()) for p in self.pending})
                line = line or (f"Đã cập nhật {len(self.pending)} bài ({self.plan.rendered} "
                                f"trang) trong {seconds(time.time() - started)}.")
            else:
                line = str(self._full())
            self.last_build = started
            self.pending.clear()
        except BuildFailed as failure:
            self.first.forget()
            if look is not None:
                look.restore()
            self.status = BuildStatus.failed(self.builds, problems.found(), failure, clock)
            logger.error("%s %s", stamp, failure)
            return
        finally:
            forget_memos()
        self.status = BuildStatus.succeeded(self.builds, problems.found(), clock)
        logger.info("%s %s", stamp, line)

    def first_look(self, changed: list[Path]) -> Look | None:
        """Write the one saved article's page at once (sitebuild.first_look); `rebuild` follows.

        None when the rebuild must decide alone: anything but one saved article, a failed last
        build, or output/ replaced or held by another build.
        """
        if self.pending or not self.status.ok or not self._only_articles(set(changed)):
            return None
        output = self._output()
        try:
            with lock.hold(output, 0):
                if _identity(output) == self.output_id:
                    self.look = self.first.take(changed, output)
        except lock.Busy:
            return None
        return self.look

    def _output(self) -> Path:
        return (self.options.output or Path(load_settings(self.options, Path())["OUTPUT_PATH"])
                ).resolve()

    def _recording(self):
        """Signal handlers that note each page written and what every page shows."""
        plan = self.plan

        def record(_path, context) -> None:
            # A selective build's writer noted the page already (sitebuild.selective).
            if context["output_file"] not in plan.written:
                plan.written[context["output_file"]] = signature(context)

        def site(generators) -> None:
            self.first.remember(generators)
            plan.next_site = site_wide(generators[0].context)
            if plan.next_site != plan.site:  # every page's header changes: write them all
                plan.everything = True

        return record, site

    def _full(self):
        record, site = self._recording()
        self.plan.start(None)
        signals.content_written.connect(record)
        signals.all_generators_finalized.connect(site)
        self.objects.forget()  # the full build notes every article again, as it reads it
        try:
            with self.objects.active(reuse=False):
                report = build(self.options)
        except BuildFailed:
            self.plan.pages = {}  # unknown after a failed build: the next one is full
            self.objects.forget()
            raise
        finally:
            signals.content_written.disconnect(record)
            signals.all_generators_finalized.disconnect(site)
        self.plan.finish(None)
        self.memory.forget()
        self.output_id = _identity(report.output)
        return report

    def _write_selected(self, sources: set[str]) -> str | None:
        """Write the pages these saved sources touch; the full build's line if it took one."""
        from sitekit.problems import BuildRefused

        output = self._output()
        extra = {**(self.options.extra or {}), "DELETE_OUTPUT_DIRECTORY": False,
                 "SITE_PREVIEW": True,
                 # Nothing is saved there (the cache is in memory): nothing to check at start.
                 # A sibling again, for the images plugin's cache.
                 "CACHE_PATH": f"{self.memory.disk_folder}-bo-nho"}
        settings = load_settings(replace(self.options, extra=extra), output)
        settings["JINJA_ENVIRONMENT"] = {**settings["JINJA_ENVIRONMENT"],
                                         "bytecode_cache": self.templates}
        record, site = self._recording()
        self.plan.start(sources)
        SelectiveWriter.plan = self.plan

        def writer(_pelican):
            return SelectiveWriter

        signals.all_generators_finalized.connect(site)
        signals.all_generators_finalized.connect(quick_membership)  # after the plugins' own
        signals.get_writer.connect(writer)
        signals.content_written.connect(record)
        try:
            # Read again, whatever their stamps say.
            self.objects.forget(sources)
            self.memory.drop(sources)
            # These pages are written straight into output/: not while a build swaps it out.
            with one_at_a_time(output, self.options.wait), self.memory.active(), \
                    self.objects.active(reuse=True), copies_only_newer():
                if _identity(output) != self.output_id:
                    raise _Replaced
                run_pelican(settings)
                self.plan.finish(output)
        except BuildRefused:
            raise BuildFailed("Trang xem trước chưa được cập nhật; sửa lỗi rồi lưu lại.") from None
        except BuildFailed:  # output/ held by another build too long: said already
            raise
        except Exception as error:  # noqa: BLE001 - the full build below reports it, or mends
            failed, replaced = True, isinstance(error, _Replaced)
        else:
            failed = False
        finally:
            signals.all_generators_finalized.disconnect(site)
            signals.all_generators_finalized.disconnect(quick_membership)
            signals.get_writer.disconnect(writer)
            signals.content_written.disconnect(record)
        if failed:
            if not replaced:
                logger.warning("Cập nhật nhanh không thành; dựng lại toàn bộ.")
            return str(self._full())
        return None
