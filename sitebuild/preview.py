"""Fast rebuilds for `invoke serve`: after an article is saved, write only what it touches.

The first build, and any change to a page, the theme, a plugin, the settings, an image or the
programme, is a full staged build. When only articles changed, Pelican reads everything (from
its content cache, so only the edited files are parsed) but a selective writer renders just the
pages the edit shows up on: the article, the home page, its chủ đề, tags and author, the
archive. Other articles' "Đọc thêm" lists catch up at the next full build.
"""

import logging
import time
from dataclasses import replace
from pathlib import Path

from pelican import signals
from pelican.generators import ArticlesGenerator
from pelican.writers import Writer

from sitekit.numbers import seconds

from . import console
from .build import BuildFailed, BuildOptions, build, load_settings, one_at_a_time, run_pelican
from .overlay import BuildStatus

# Each line is stamped with the time and the build's number: the last line always tells the
# state of the preview, and Pelican's filter (which drops a repeat) has nothing to drop.
logger = console.unlimited(logging.getLogger(__name__))


class _SelectiveWriter(Writer):
    """Writes only the output names in `selected` (paginated listings included)."""

    selected: set[str] = set()

    def write_file(self, name, *args, **kwargs):
        if name in self.selected:
            return super().write_file(name, *args, **kwargs)
        return None

    def write_feed(self, *args, **kwargs):
        return None  # feeds are rewritten by the next full build


def _touched_outputs(article, settings: dict) -> set[str]:
    names = {article.save_as, settings["INDEX_SAVE_AS"], settings.get("ARCHIVES_SAVE_AS", "")}
    names.add(article.category.save_as)
    names.update(tag.save_as for tag in getattr(article, "tags", []))
    names.update(author.save_as for author in getattr(article, "authors", []))
    return {name for name in names if name}


class Preview:
    """Rebuilds output/ for a running preview server; keeps the last good site on failure."""

    def __init__(self, options: BuildOptions, watched: list[Path]):
        self.options = replace(options, drafts=True)
        self.watched = watched
        self.articles_root = (options.content or Path(load_settings(options, Path())["PATH"]))
        self.articles_root = Path(self.articles_root).resolve()
        self.last_build: float | None = None
        self.builds = 0
        # What the preview server shows over every page it serves (sitebuild.overlay).
        self.status = BuildStatus()

    def _changed_since(self, moment: float) -> list[Path]:
        changed = []
        for root in self.watched:
            paths = [root] if root.is_file() else (p for p in root.rglob("*") if p.is_file())
            changed += [p for p in paths if p.stat().st_mtime >= moment]
        return changed

    def _only_articles(self, changed: list[Path]) -> bool:
        articles = self.articles_root / "articles"
        return bool(changed) and all(
            p.suffix == ".md" and p.resolve().is_relative_to(articles) for p in changed
        )

    def rebuild(self) -> None:
        """Full or selective rebuild, whichever the changes since the last one need.

        After a failure `last_build` still names the last good build, so every file saved
        since then is read again, whatever its content (an undo included).
        """
        from sitekit import problems

        started = time.time()
        self.builds += 1
        clock = time.strftime("%H:%M:%S")
        stamp = f"[{clock}, lần dựng {self.builds}]"
        changed = self._changed_since(self.last_build) if self.last_build else []
        problems.reset()  # a build stopped before Pelican started would show the last one's
        try:
            if self.last_build is not None and self._only_articles(changed):
                self._write_selected({str(p.resolve()) for p in changed})
                line = f"Đã cập nhật {len(changed)} bài trong {seconds(time.time() - started)}."
            else:
                line = str(build(self.options))
            self.last_build = started
        except BuildFailed as failure:
            self.status = BuildStatus.failed(self.builds, problems.found(), failure, clock)
            logger.error("%s %s", stamp, failure)
            return
        self.status = BuildStatus.succeeded(self.builds, problems.found(), clock)
        logger.info("%s %s", stamp, line)

    def _write_selected(self, sources: set[str]) -> None:
        from sitekit.problems import BuildRefused

        output = (self.options.output or Path(load_settings(self.options, Path())["OUTPUT_PATH"]))
        output = output.resolve()
        extra = {**(self.options.extra or {}), "DELETE_OUTPUT_DIRECTORY": False,
                 "SITE_PREVIEW": True}
        settings = load_settings(replace(self.options, extra=extra), output)

        def select(generators) -> None:
            _SelectiveWriter.selected = set()
            for generator in generators:
                if isinstance(generator, ArticlesGenerator):
                    for article in generator.articles + generator.drafts:
                        if article.source_path in sources:
                            _SelectiveWriter.selected |= _touched_outputs(article, settings)

        def writer(_pelican):
            return _SelectiveWriter

        signals.all_generators_finalized.connect(select)
        signals.get_writer.connect(writer)
        try:
            # These pages are written straight into output/: not while a build swaps it out.
            with one_at_a_time(output, self.options.wait):
                run_pelican(settings)
        except BuildRefused:
            raise BuildFailed("Trang xem trước chưa được cập nhật; sửa lỗi rồi lưu lại.") from None
        finally:
            signals.all_generators_finalized.disconnect(select)
            signals.get_writer.disconnect(writer)
